//! Footprint benchmark: the memory (resident set) of the `cohortbot` binary once it has
//! received 1,000 and then 10,000 servers of 100 members each, and its cold start, from the
//! process starting to the first `/help` answered. The baseline, in the same run and against
//! the same stand-in, is the no-op serenity bot (`benches/common/no_op.rs`), run as a process of
//! its own: this benchmark's binary started again with `COHORTBOT_BENCH_NO_OP` set. Both
//! reach the stand-in as they would reach discord.com, through its TLS proxy. Prints each
//! measure and the ratio cohortbot / no-op.
//!
//! Run: `cargo bench --bench footprint` (optimised, as the README's numbers were measured;
//! `--profile dev` builds sooner).

#[path = "common/no_op.rs"]
mod no_op;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fake_discord::{FakeDiscord, MemberSpec};
use serenity::all::{ClientBuilder, HttpBuilder};

const SERVERS: [usize; 2] = [1_000, 10_000];
const MEMBERS_PER_SERVER: usize = 100;
/// Set in the environment of the process that plays the no-op bot.
const NO_OP_MODE: &str = "COHORTBOT_BENCH_NO_OP";
const CA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fake-discord/tls/ca.pem");
/// The resident set is read this often once the bot has answered ...
const SAMPLE_EVERY: Duration = Duration::from_millis(250);
/// ... until this many readings in a row agree within 1 % (at most `SETTLE_WITHIN`).
const STEADY_READINGS: usize = 8;
const SETTLE_WITHIN: Duration = Duration::from_secs(120);

/// Which bot a process runs.
#[derive(Clone, Copy, PartialEq)]
enum Bot {
    NoOp,
    Cohortbot,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    if std::env::var_os(NO_OP_MODE).is_some() {
        return run_no_op().await;
    }
    println!(
        "{:<32}{:>10}{:>12}{:>9}",
        "measure", "no-op", "cohortbot", "ratio"
    );
    let base = cold_start(Bot::NoOp).await?;
    let ours = cold_start(Bot::Cohortbot).await?;
    row("cold start to first answer, ms", millis(base), millis(ours));
    for servers in SERVERS {
        let base = settled_rss_mib(Bot::NoOp, servers).await?;
        let ours = settled_rss_mib(Bot::Cohortbot, servers).await?;
        row(
            &format!("RSS, {servers} servers × {MEMBERS_PER_SERVER}, MiB"),
            base,
            ours,
        );
    }
    Ok(())
}

fn row(measure: &str, base: f64, ours: f64) {
    println!("{measure:<32}{base:>10.1}{ours:>12.1}{:>8.2}×", ours / base);
}

/// From starting `bot` to its answer to the first `/help` (sent as soon as the bot has
/// registered its commands), in a server of its own.
async fn cold_start(bot: Bot) -> anyhow::Result<Duration> {
    let fake = populated(1).await;
    let database = tempfile::tempdir()?;
    let started = Instant::now();
    let _process = Running(spawn(bot, &fake, &database)?);
    let reply = fake.owner().slash("help", []).await;
    let answered = reply.answered_at().expect("the first /help is answered");
    Ok(answered - started)
}

/// The resident set of `bot` once it has connected to a stand-in with `servers` servers and
/// its memory has settled.
async fn settled_rss_mib(bot: Bot, servers: usize) -> anyhow::Result<f64> {
    let fake = populated(servers).await;
    let database = tempfile::tempdir()?;
    let process = Running(spawn(bot, &fake, &database)?);
    fake.wait_until_ready().await;
    Ok(settled_rss_kib(process.0.id()).await? / 1024.0)
}

/// A stand-in with `servers` servers of `MEMBERS_PER_SERVER` members, the default one among
/// them; it gives a process starting against it long enough to register its commands.
async fn populated(servers: usize) -> FakeDiscord {
    let fake = FakeDiscord::builder()
        .reply_timeout(SETTLE_WITHIN)
        .start()
        .await;
    for server in 0..servers {
        let guild = if server == 0 {
            fake.guild_id()
        } else {
            fake.add_guild(&format!("server {server}"))
        };
        for member in 1..MEMBERS_PER_SERVER {
            fake.add_member(MemberSpec::new(format!("member-{server}-{member}")).in_guild(guild));
        }
    }
    fake
}

fn spawn(bot: Bot, fake: &FakeDiscord, database: &tempfile::TempDir) -> anyhow::Result<Child> {
    let mut command = match bot {
        Bot::NoOp => {
            let mut command = Command::new(std::env::current_exe()?);
            command.env(NO_OP_MODE, "1");
            command
        }
        Bot::Cohortbot => {
            let mut command = Command::new(env!("CARGO_BIN_EXE_cohortbot"));
            command
                .arg("run")
                .env("DISCORD_API_URL", cohortbot::discord::DISCORD_API_URL)
                .env(
                    "DATABASE_URL",
                    format!("sqlite://{}", database.path().join("bot.db").display()),
                )
                .env(
                    "COHORTBOT_PROMPTS_DIR",
                    concat!(env!("CARGO_MANIFEST_DIR"), "/prompts"),
                );
            command
        }
    };
    let child = command
        .env_remove("RUST_LOG")
        .env("DISCORD_TOKEN", fake.token())
        .env("COHORTBOT_DISCORD_PROXY", fake.proxy_url())
        .env("COHORTBOT_DISCORD_CA_CERTIFICATE", CA)
        .current_dir(database.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    Ok(child)
}

/// The no-op bot's process: reaches the stand-in as cohortbot does, from the same variables.
async fn run_no_op() -> anyhow::Result<()> {
    let variable = |name: &str| std::env::var(name).map_err(|_| anyhow::anyhow!("{name} unset"));
    let client = reqwest::Client::builder()
        .proxy(reqwest::Proxy::https(variable("COHORTBOT_DISCORD_PROXY")?)?)
        .add_root_certificate(reqwest::Certificate::from_pem(&std::fs::read(variable(
            "COHORTBOT_DISCORD_CA_CERTIFICATE",
        )?)?)?)
        .build()?;
    let http = HttpBuilder::new(variable("DISCORD_TOKEN")?)
        .client(client)
        .build();
    ClientBuilder::new_with_http(http, no_op::intents())
        .event_handler(no_op::NoOp)
        .await?
        .start()
        .await?;
    Ok(())
}

/// The resident set of process `pid`, in KiB, once `STEADY_READINGS` readings in a row agree
/// within 1 %.
async fn settled_rss_kib(pid: u32) -> anyhow::Result<f64> {
    let deadline = Instant::now() + SETTLE_WITHIN;
    let mut readings: Vec<f64> = vec![];
    loop {
        readings.push(rss_kib(pid)?);
        let recent = &readings[readings.len().saturating_sub(STEADY_READINGS)..];
        let (low, high) = recent
            .iter()
            .fold((f64::MAX, f64::MIN), |(l, h), r| (l.min(*r), h.max(*r)));
        if recent.len() == STEADY_READINGS && high <= low * 1.01 || Instant::now() > deadline {
            return Ok(high);
        }
        tokio::time::sleep(SAMPLE_EVERY).await;
    }
}

fn rss_kib(pid: u32) -> anyhow::Result<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .ok_or_else(|| anyhow::anyhow!("no VmRSS for process {pid}"))?;
    Ok(line
        .split_whitespace()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("VmRSS without a number"))?
        .parse()?)
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// A process that is killed if the benchmark ends early.
struct Running(Child);

impl Running {
    fn stop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop();
    }
}
