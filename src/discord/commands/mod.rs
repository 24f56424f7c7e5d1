//! Slash commands, one file per group, and the registry that lists them all.

mod help;

use super::{Data, Error};

/// Every command the bot registers.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![help::help()]
}
