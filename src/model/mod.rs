pub mod listening;
