//! The `cohortbot` binary run on a database, as an operator runs it.

// Each suite uses some of these.
#![allow(dead_code)]

use std::process::{Command, Output};

/// Runs `cohortbot ARGS` on the database at `database_url`, with the test packs and no token.
pub fn cohortbot(database_url: &str, args: &[&str]) -> Output {
    cohortbot_with(database_url, args, &[])
}

/// As [`cohortbot`], with the environment variables `env` set too.
pub fn cohortbot_with(database_url: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cohortbot"))
        .args(args)
        .env_remove("DISCORD_TOKEN")
        .env("DATABASE_URL", database_url)
        .env(
            "COHORTBOT_PROMPTS_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/packs/valid"),
        )
        .envs(env.iter().copied())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// What a command printed, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
