//! cohortbot: a Discord bot that runs cohort-based training for community organisers.
//!
//! Data flows one way: the Discord adapter calls domain services, which call the store.
//! Nothing below `discord` knows Discord exists.

pub mod app;
pub mod cli;
pub mod config;
pub mod course;
pub mod discord;
pub mod domain;
pub mod model;
pub mod scheduler;
pub mod store;
