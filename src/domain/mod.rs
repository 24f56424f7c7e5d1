//! The rules of the programme: enrolment, gating, grading, completion, badges, sessions.
//! Services take the store, the course library and the time, and return plain views; they
//! never know Discord exists.

pub mod access;
pub mod audit;
pub mod badges;
pub mod campaigns;
mod clock;
pub mod cohorts;
pub mod credentials;
mod error;
pub mod exercises;
pub mod facilitation;
pub mod hub;
pub mod hub_articles;
pub mod hub_proposals;
pub mod hub_qa;
pub mod languages;
pub mod learning;
pub mod listening;
pub mod member_data;
pub mod member_facts;
pub mod outbox;
pub mod preview;
pub mod profiles;
pub mod prompts;
pub mod questions;
pub mod quiz;
pub mod reports;
pub mod reputation;
pub mod sessions;
pub mod snapshots;
pub mod votes;

pub use clock::{Clock, SystemClock};
pub use error::{echo, refuse, DomainError, DomainResult, ECHO_LIMIT};
