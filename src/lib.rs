//! cohortbot: a Discord bot that runs cohort-based training for community organisers.
//!
//! Layers run one way: `discord` → `scheduler` → `domain` → `store` → `model`, with `course`,
//! `config` and `i18n` at the bottom; nothing below `discord` knows Discord exists. ARCHITECTURE.md
//! is the map, and `tests/architecture.rs` keeps it true.

pub mod app;
pub mod cli;
pub mod config;
pub mod course;
pub mod discord;
pub mod domain;
pub mod http;
pub mod i18n;
pub mod model;
pub mod scheduler;
pub mod store;
pub mod telemetry;
