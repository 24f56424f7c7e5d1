//! The course packs, without a database, as one test binary: each suite is a module, named as
//! its file, as in `tests/e2e/main.rs`. `cargo test --test packs course_preview::` runs one
//! suite.

#[path = "../common/files.rs"]
mod files;

mod course_packs;
mod course_preview;
mod course_translations;
mod fuzz_packs;
mod properties;
