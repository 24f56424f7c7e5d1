//! The domain without Discord, and the binary's commands that work on a database (`backup`,
//! `restore`, `export`), on both databases, as one test binary: each suite is a module, named
//! as its file, as in `tests/e2e/main.rs`. `cargo test --test domain reports::` runs one
//! suite.

#[path = "../common/binary.rs"]
mod binary;
#[path = "../common/files.rs"]
mod files;
#[macro_use]
#[path = "../common/store_backends.rs"]
mod store_backends;

mod autumn;
mod backup;
mod cohorts;
mod credentials;
mod grading;
mod reports;
