//! The store and the scheduler that runs on it, on both databases, as one test binary: each
//! suite is a module, named as its file, and they share one build of the helpers in
//! `tests/common`, as the end-to-end suites do (`tests/e2e/main.rs`). Their tests also run
//! side by side, so the longest of them no longer holds up the rest of the run.
//! `cargo test --test store scheduler_outages::` runs one suite.

#[macro_use]
#[path = "../common/store_backends.rs"]
mod store_backends;
#[path = "../common/scheduler_bench.rs"]
mod bench;

mod scheduler;
mod scheduler_leadership;
mod scheduler_outages;
mod store;
mod store_audit;
mod store_campaigns;
mod store_claims;
mod store_connections;
mod store_courses;
mod store_hub;
mod store_interactions;
mod store_kept_reads;
mod store_languages;
mod store_listening;
mod store_plans;
mod store_votes;
