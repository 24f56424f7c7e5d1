//! Interaction latency benchmark: how long a member waits for the bot's answer to `/help`,
//! `/course`, `/progress`, `/module` and a module page button, measured by the Discord
//! stand-in from sending INTERACTION_CREATE to receiving the callback. The baseline, in the
//! same run and through the same path (serenity's HTTP client, its rate limiter, the fake's TLS
//! proxy), is a no-op serenity bot with the same commands registered that answers every
//! interaction with a fixed message. Prints p50 and p99 per command and the p50 ratio to the
//! baseline, on SQLite, and on PostgreSQL too when `COHORTBOT_TEST_POSTGRES_URL` names a
//! server.
//!
//! Run: `cargo bench --bench latency` (optimised, as the README's numbers were measured;
//! `--profile dev` builds sooner).

#[path = "../tests/common/bot.rs"]
mod bot;
#[path = "../tests/common/learning.rs"]
mod learning;
#[path = "common/no_op.rs"]
mod no_op;

use std::sync::Arc;
use std::time::Duration;

use bot::Backend;
use cohortbot::domain::SystemClock;
use fake_discord::{FakeDiscord, FakeUser, MemberSpec, Reply};
use no_op::{intents, NoOp};
use serenity::all::{ClientBuilder, InteractionId};

/// Answers timed per command, after `WARM_UP` untimed ones.
const SAMPLES: usize = 200;
const WARM_UP: usize = 20;
const PACKS: &str = "prompts";
const COURSE: &str = "community-organisers";

const NEXT: &str = "Next ▶";
const PREVIOUS: &str = "◀ Previous";

/// What is timed: a command, or a click on a module's page button ("Next ▶", or on the last
/// page "◀ Previous"; `/module` opens where the member left off).
#[derive(Clone, Copy)]
enum Action {
    Slash(&'static str),
    NextPage,
}

const ACTIONS: [(&str, Action); 5] = [
    ("/help", Action::Slash("help")),
    ("/course", Action::Slash("course")),
    ("/progress", Action::Slash("progress")),
    ("/module", Action::Slash("module")),
    ("module button", Action::NextPage),
];

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let baseline = no_op_latencies().await?;
    println!(
        "{:<16}{:<12}{:>9}{:>9}{:>13}",
        "command", "bot", "p50 ms", "p99 ms", "p50 ratio"
    );
    for ((name, _), times) in ACTIONS.iter().zip(&baseline) {
        println!(
            "{name:<16}{:<12}{:>9.2}{:>9.2}{:>13}",
            "no-op",
            millis(percentile(times, 50)),
            millis(percentile(times, 99)),
            "1.00"
        );
    }
    let mut backends = vec![Backend::Sqlite];
    if std::env::var("COHORTBOT_TEST_POSTGRES_URL").is_ok() {
        backends.push(Backend::Postgres);
    }
    for backend in backends {
        let label = format!(
            "cohortbot {}",
            if backend == Backend::Sqlite {
                "sq"
            } else {
                "pg"
            }
        );
        let measured = cohortbot_latencies(backend).await?;
        for (((name, _), times), base) in ACTIONS.iter().zip(&measured).zip(&baseline) {
            let ratio = millis(percentile(times, 50)) / millis(percentile(base, 50));
            println!(
                "{name:<16}{label:<12}{:>9.2}{:>9.2}{:>12.2}×",
                millis(percentile(times, 50)),
                millis(percentile(times, 99)),
                ratio
            );
        }
    }
    Ok(())
}

/// The baseline: every action answered by the no-op bot.
async fn no_op_latencies() -> anyhow::Result<Vec<Vec<Duration>>> {
    let fake = FakeDiscord::start().await;
    fake.set_barrier(Arc::new(AnsweredIsDone));
    let mut client = ClientBuilder::new_with_http(fake.rate_limited_http(), intents())
        .event_handler(NoOp)
        .await?;
    let shards = client.shard_manager.clone();
    let running = tokio::spawn(async move { client.start().await });
    fake.wait_until_ready().await;
    let user = fake.add_member(MemberSpec::new("trainee"));
    let times = time_every_action(&user).await;
    shards.shutdown_all().await;
    running.await??;
    Ok(times)
}

/// The bot measured: a trainee enrolled in a cohort on a shipped course.
async fn cohortbot_latencies(backend: Backend) -> anyhow::Result<Vec<Vec<Duration>>> {
    let world = learning::world_on(PACKS, COURSE, Arc::new(SystemClock), backend).await;
    let user = learning::trainee(&world, "trainee").await;
    Ok(time_every_action(&user).await)
}

async fn time_every_action(user: &FakeUser) -> Vec<Vec<Duration>> {
    let mut all = vec![];
    for (_, action) in ACTIONS {
        for _ in 0..WARM_UP {
            act(user, action).await;
        }
        let mut times = Vec::with_capacity(SAMPLES);
        for _ in 0..SAMPLES {
            times.push(act(user, action).await);
        }
        times.sort();
        all.push(times);
    }
    all
}

/// Carries out `action` and returns how long the timed answer took.
async fn act(user: &FakeUser, action: Action) -> Duration {
    let reply = match action {
        Action::Slash(command) => user.slash(command, []).await,
        Action::NextPage => {
            let module = user.slash("module", []).await;
            let forward = module.button(NEXT).is_some_and(|b| !b.disabled);
            user.click(&module, if forward { NEXT } else { PREVIOUS })
                .await
        }
    };
    answered_in(&reply)
}

fn answered_in(reply: &Reply) -> Duration {
    reply
        .answered_in()
        .expect("every timed interaction is answered")
}

fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    sorted[(sorted.len() * percent / 100).min(sorted.len() - 1)]
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The no-op bot is done with an interaction once it has answered it, which the fake has
/// already waited for.
struct AnsweredIsDone;

impl fake_discord::Barrier for AnsweredIsDone {
    fn interaction_handled(&self, _: InteractionId) -> fake_discord::BarrierFuture {
        Box::pin(async {})
    }

    fn events_handled(&self, _: &str, _: usize) -> fake_discord::BarrierFuture {
        Box::pin(async {})
    }
}
