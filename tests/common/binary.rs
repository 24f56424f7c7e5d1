//! The `cohortbot` binary run on a database, as an operator runs it: its commands, and
//! `cohortbot run` against the Discord stand-in.

// Each suite uses some of these.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use fake_discord::FakeDiscord;

pub const PROMPTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/packs/valid");
const CA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fake-discord/tls/ca.pem");

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
        .env("COHORTBOT_PROMPTS_DIR", PROMPTS)
        .envs(env.iter().copied())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// What a command printed, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Starts `cohortbot run` in `dir` on the database at `database_url` with the test packs,
/// reaching `fake` as discord.com through its TLS proxy (serenity's rate limiter on, as in
/// production), logging errors only; `env` is set last, over all of that. Its stderr is kept
/// for [`wait_exit`].
pub fn spawn_run(
    fake: &FakeDiscord,
    database_url: &str,
    dir: &Path,
    env: &[(&str, &str)],
) -> Child {
    Command::new(env!("CARGO_BIN_EXE_cohortbot"))
        .arg("run")
        .env_clear()
        .env("DISCORD_TOKEN", fake.token())
        .env("DISCORD_API_URL", cohortbot::discord::DISCORD_API_URL)
        .env("COHORTBOT_DISCORD_PROXY", fake.proxy_url())
        .env("COHORTBOT_DISCORD_CA_CERTIFICATE", CA)
        .env("DATABASE_URL", database_url)
        .env("COHORTBOT_PROMPTS_DIR", PROMPTS)
        .env("RUST_LOG", "error")
        .envs(env.iter().copied())
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// Waits for the process to end by itself, killing it after `limit`: its exit code and
/// stderr.
pub fn wait_exit(mut child: Child, limit: Duration) -> (Option<i32>, String) {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            let out = child.wait_with_output().unwrap();
            return (out.status.code(), text(&out.stderr));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    panic!(
        "the bot did not exit within {limit:?}; stderr: {}",
        text(&out.stderr)
    );
}

/// Sends SIGTERM to the process.
pub fn terminate(child: &Child) {
    let pid = child.id().to_string();
    let signalled = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(signalled.success());
}

/// Several `cohortbot run` processes; whatever is still running when the test ends is killed.
pub struct Processes(pub Vec<Child>);

impl Processes {
    /// SIGTERM to each process still running, then waits for each to exit cleanly.
    pub fn stop(&mut self) {
        for bot in &mut self.0 {
            if bot.try_wait().unwrap().is_some() {
                continue;
            }
            terminate(bot);
            let status = tokio::task::block_in_place(|| bot.wait()).unwrap();
            assert!(status.success(), "a clean shutdown: {status}");
        }
    }
}

impl Drop for Processes {
    fn drop(&mut self) {
        for bot in &mut self.0 {
            let _ = bot.kill();
            let _ = bot.wait();
        }
    }
}
