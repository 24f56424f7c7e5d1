//! The real `cohortbot` binary, configured by environment to talk to the Discord stand-in.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fake_discord::{FakeDiscord, MemberSpec};

const PROMPTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/packs/valid");

fn spawn_bot(fake: &FakeDiscord, dir: &tempfile::TempDir) -> Child {
    spawn_bot_with(fake, dir, &[])
}

fn spawn_bot_with(fake: &FakeDiscord, dir: &tempfile::TempDir, env: &[(&str, String)]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_cohortbot"))
        .arg("run")
        .env_clear()
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("DISCORD_TOKEN", fake.token())
        .env("DISCORD_API_URL", fake.url())
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("bot.db").display()),
        )
        .env("COHORTBOT_PROMPTS_DIR", PROMPTS)
        .env("RUST_LOG", "error")
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// Waits for the process to end by itself, killing it after `limit`.
fn wait_exit(mut child: Child, limit: Duration) -> (Option<i32>, String) {
    let deadline = std::time::Instant::now() + limit;
    while std::time::Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            let out = child.wait_with_output().unwrap();
            return (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    panic!(
        "the bot did not exit within {limit:?}; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_answers_help_and_stops_cleanly_on_sigterm() {
    let fake = FakeDiscord::start().await;
    let alice = fake.add_member(MemberSpec::new("alice"));
    let dir = tempfile::tempdir().unwrap();
    let guild = fake.guild_id().get().to_string();
    let child = spawn_bot_with(&fake, &dir, &[("COHORTBOT_DEV_GUILD", guild)]);
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

    let pid = child.id().to_string();
    let signalled = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(signalled.success());
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
