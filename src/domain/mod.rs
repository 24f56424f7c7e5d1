//! The rules of the programme: enrolment, gating, grading, completion, badges, sessions.

pub mod model;
