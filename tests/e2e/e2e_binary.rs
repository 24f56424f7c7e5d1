//! The real `cohortbot` binary, configured by environment to talk to the Discord stand-in.

use std::process::Child;
use std::time::Duration;

use crate::binary::{spawn_run, terminate, wait_exit};
use fake_discord::{FakeDiscord, MemberSpec};

fn spawn_bot(fake: &FakeDiscord, dir: &tempfile::TempDir) -> Child {
    spawn_bot_with(fake, dir, &[])
}

fn spawn_bot_with(fake: &FakeDiscord, dir: &tempfile::TempDir, env: &[(&str, &str)]) -> Child {
    let database = format!("sqlite://{}", dir.path().join("bot.db").display());
    spawn_run(fake, &database, dir.path(), env)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_answers_help_and_stops_cleanly_on_sigterm() {
    let fake = FakeDiscord::start().await;
    let alice = fake.add_member(MemberSpec::new("alice"));
    let dir = tempfile::tempdir().unwrap();
    let guild = fake.guild_id().get().to_string();
    let child = spawn_bot_with(&fake, &dir, &[("COHORTBOT_DEV_GUILD", &guild)]);
    fake.wait_until_ready().await;

    let reply = alice.slash("help", []).await;
    let commands = fake.commands();
    assert!(!commands.is_empty());
    assert!(
        commands.iter().all(|c| c.guild_id == Some(fake.guild_id())),
        "registered in the dev guild only: {commands:?}"
    );
    assert!(reply.is_ephemeral());
    assert!(reply.text().contains("/cohort join"), "{}", reply.text());
    assert!(
        dir.path().join("bot.db").exists(),
        "the database was created on first run"
    );

    terminate(&child);
    let (code, stderr) =
        tokio::task::spawn_blocking(move || wait_exit(child, Duration::from_secs(15)))
            .await
            .unwrap();
    assert_eq!(code, Some(0), "a clean shutdown; stderr: {stderr}");
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_gives_one_clear_line() {
    let fake = FakeDiscord::builder().invalid_token().start().await;
    let dir = tempfile::tempdir().unwrap();
    let child = spawn_bot(&fake, &dir);
    let (code, stderr) =
        tokio::task::spawn_blocking(move || wait_exit(child, Duration::from_secs(20)))
            .await
            .unwrap();
    assert_eq!(code, Some(1), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors[0].starts_with("error: Discord rejected the bot token")
            && errors[0].ends_with("check DISCORD_TOKEN"),
        "{stderr}"
    );
    assert!(!stderr.contains(&fake.token()), "the token never shows");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_privileged_intent_gives_one_clear_line() {
    let fake = FakeDiscord::builder()
        .missing_privileged_intents()
        .start()
        .await;
    let dir = tempfile::tempdir().unwrap();
    let child = spawn_bot(&fake, &dir);
    let (code, stderr) =
        tokio::task::spawn_blocking(move || wait_exit(child, Duration::from_secs(20)))
            .await
            .unwrap();
    assert_eq!(code, Some(1), "{stderr}");
    let last = stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: Discord refused the Server Members intent (close code 4014)"),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{stderr}"
    );
}
