//! Chaos harness: the real `cohortbot` binary against the Discord stand-in (through its TLS
//! proxy, as it reaches discord.com), on SQLite and, when `COHORTBOT_TEST_POSTGRES_URL` names a
//! server, on PostgreSQL, in the conditions a busy server produces. For each scenario it prints
//! the messages lost, the messages sent twice, the commands not answered within Discord's 3 s,
//! the writes nobody was told of, the send rate over the whole fan-out (`per s`), the message
//! requests, refused ones included, over the whole fan-out (`req/s`) and in a typical second
//! while it runs (`steady req/s`), against Discord's 50, and the requests Discord refused for
//! exceeding the global limit (`global 429`):
//! - **faults**: 600 messages while 5 % of requests fail with a 500, 5 % are carried out but
//!   answered 502 (the answer lost), 5 % draw a 429 with a `retry_after` of up to 2.5 s, and
//!   5 % are answered a second late;
//! - **429s**: 1,000 messages while 5 % of requests draw a 429: the rate against Discord's
//!   50 requests a second;
//! - **kill -9**: 3,000 messages, the process killed with SIGKILL 20 times and started again;
//! - **busy database**: another writer holds the database for 10 s while 240 members run
//!   `/cohort join` at once;
//! - **PostgreSQL down** (PostgreSQL only): 1,000 messages, the bot's connections to its
//!   server cut (all dropped, new ones refused, by a proxy between them) for 4 minutes once a
//!   third has arrived.
//!
//! Run: `cargo bench --bench chaos`; `CHAOS_SCALE=0.1` makes each fan-out and the outage a
//! tenth as large; `CHAOS_ONLY=429s` runs one scenario (its name as printed, `kill -9` for the
//! kills).

#[path = "../tests/common/binary.rs"]
mod binary;
#[path = "common/cut_proxy.rs"]
mod cut_proxy;
#[path = "../tests/common/deliveries.rs"]
mod deliveries;
#[allow(unused_macros)]
#[path = "../tests/common/store_backends.rs"]
mod store_backends;

use std::collections::HashMap;
use std::process::Child;
use std::time::Duration;

use cut_proxy::CutProxy;
use deliveries::enqueue_message;
use fake_discord::{ChannelSpec, Chaos, FakeDiscord, MemberSpec, RoleSpec, ViolationKind};
use serenity::all::{ChannelId, Permissions};
use sqlx::{Connection, Executor};
use store_backends::TestDb;

/// Discord lets a bot post five messages per five seconds in a channel.
const PER_CHANNEL: usize = 5;
/// The longest a fan-out may take before what has not arrived counts as lost.
const GIVE_UP_AFTER: Duration = Duration::from_secs(600);
const KILLS: usize = 20;
const JOINERS: usize = 240;
const HELD_FOR: Duration = Duration::from_secs(10);
const OUTAGE: Duration = Duration::from_secs(240);

/// What befalls the bot during a fan-out, besides the faults of its Discord requests.
#[derive(Clone, Copy)]
enum Disruption {
    None,
    /// Killed with SIGKILL this many times, spread over the fan-out, and started again.
    Kills(usize),
    /// Its PostgreSQL server unreachable for this long once a third has arrived.
    Outage(Duration),
}

#[derive(Default)]
struct Outcome {
    lost: usize,
    twice: usize,
    unanswered: usize,
    untold: usize,
    per_second: Option<f64>,
    /// The message requests, refused ones included, over the whole fan-out and in its
    /// typical second.
    requests: Option<RequestRates>,
    /// Requests Discord refused for the whole process (its limit of 50 a second exceeded).
    global_429s: usize,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let scale: f64 = std::env::var("CHAOS_SCALE").map_or(Ok(1.0), |s| s.parse())?;
    let sized = |n: f64| ((n * scale).round() as usize).max(PER_CHANNEL);
    println!(
        "{:<12}{:<16}{:>6}{:>7}{:>12}{:>8}{:>10}{:>8}{:>14}{:>12}",
        "backend",
        "scenario",
        "lost",
        "twice",
        "unanswered",
        "untold",
        "per s",
        "req/s",
        "steady req/s",
        "global 429"
    );
    let mut backends = vec!["sqlite"];
    if std::env::var(store_backends::POSTGRES_URL_VAR).is_ok() {
        backends.push("postgresql");
    }
    let only = std::env::var("CHAOS_ONLY").ok();
    let run = |scenario: &str| only.as_deref().is_none_or(|only| only == scenario);
    for backend in backends {
        let print = |scenario: &str, o: Outcome| {
            let rate = o.per_second.map_or("-".to_owned(), |r| format!("{r:.1}"));
            let (requests, steady) = o.requests.map_or(("-".to_owned(), "-".to_owned()), |r| {
                (format!("{:.1}", r.whole), r.steady.to_string())
            });
            println!(
                "{backend:<12}{scenario:<16}{:>6}{:>7}{:>12}{:>8}{rate:>10}{requests:>8}{steady:>14}{:>12}",
                o.lost, o.twice, o.unanswered, o.untold, o.global_429s
            );
        };
        let chaos = Chaos {
            server_errors: 0.05,
            lost_answers: 0.05,
            rate_limited: 0.05,
            longest_retry_after: Duration::from_millis(2500),
            slow: 0.05,
            slow_by: Duration::from_secs(1),
            seed: 7,
        };
        if run("faults") {
            print(
                "faults",
                fan_out(backend, sized(600.0), Some(chaos), Disruption::None).await?,
            );
        }
        let limits = Chaos {
            server_errors: 0.0,
            lost_answers: 0.0,
            rate_limited: 0.05,
            longest_retry_after: Duration::from_millis(2500),
            slow: 0.0,
            slow_by: Duration::ZERO,
            seed: 11,
        };
        if run("429s") {
            print(
                "429s",
                fan_out(backend, sized(1000.0), Some(limits), Disruption::None).await?,
            );
        }
        if run("kill -9") {
            print(
                "kill -9 × 20",
                fan_out(backend, sized(3000.0), None, Disruption::Kills(KILLS)).await?,
            );
        }
        if run("busy database") {
            print("busy database", busy_database(backend).await?);
        }
        if backend == "postgresql" && run("PostgreSQL down") {
            let outage = Disruption::Outage(OUTAGE.mul_f64(scale));
            print(
                "PostgreSQL down",
                fan_out(backend, sized(1000.0), None, outage).await?,
            );
        }
    }
    Ok(())
}

/// `count` messages due at once, sent by the binary while `chaos` befalls its requests and
/// `disruption` befalls the bot.
async fn fan_out(
    backend: &str,
    count: usize,
    chaos: Option<Chaos>,
    disruption: Disruption,
) -> anyhow::Result<Outcome> {
    let db = database(backend).await?;
    let mut fake = FakeDiscord::builder().expect_violations();
    if let Some(chaos) = chaos {
        fake = fake.chaos(chaos);
    }
    let fake = fake.start().await;
    let channels: Vec<ChannelId> = (0..count.div_ceil(PER_CHANNEL))
        .map(|n| fake.add_channel(ChannelSpec::text(format!("cohort-{n}"))))
        .collect();
    for n in 0..count {
        enqueue_message(&db.store, "chaos", n, channels[n % channels.len()]).await?;
    }
    let proxy = match disruption {
        Disruption::Outage(_) => Some(CutProxy::start(&server(db.url())?).await?),
        _ => None,
    };
    let url = match &proxy {
        Some(proxy) => proxy.proxied(db.url()),
        None => db.url().to_owned(),
    };
    let mut bot = Bot(spawn(&fake, &url));
    match disruption {
        Disruption::None => {}
        Disruption::Kills(kills) => {
            for kill in 1..=kills {
                let share = count * kill / (kills + 1);
                if !reached(&fake, share).await {
                    break;
                }
                bot.0.kill()?;
                bot.0.wait()?;
                bot = Bot(spawn(&fake, &url));
            }
        }
        Disruption::Outage(outage) => {
            if reached(&fake, count / 3).await {
                let proxy = proxy.as_ref().expect("a proxy for the outage");
                proxy.cut();
                tokio::time::sleep(outage).await;
                proxy.restore();
            }
        }
    }
    let all = fake
        .wait_for_all_messages(GIVE_UP_AFTER, |m| distinct(m) >= count)
        .await;
    drop(bot);
    let messages = match all {
        Some(messages) => messages,
        None => fake
            .wait_for_all_messages(Duration::ZERO, |_| true)
            .await
            .unwrap_or_default(),
    };
    let arrived = distinct(&messages);
    Ok(Outcome {
        lost: count - arrived,
        twice: messages.len() - arrived,
        per_second: send_rate(&messages),
        requests: request_rates(&fake),
        global_429s: fake.global_429s().len(),
        ..Outcome::default()
    })
}

/// Waits until `share` messages have arrived; `false` when they did not in time.
async fn reached(fake: &FakeDiscord, share: usize) -> bool {
    fake.wait_for_all_messages(GIVE_UP_AFTER, |m| m.len() >= share)
        .await
        .is_some()
}

/// The PostgreSQL server's `host:port` in `url`.
fn server(url: &str) -> anyhow::Result<String> {
    let server = cut_proxy::server_of(url).ok_or_else(|| anyhow::anyhow!("no server in {url}"))?;
    Ok(match server.contains(':') {
        true => server.to_owned(),
        false => format!("{server}:5432"),
    })
}

/// Messages a second from the first to arrive to the last, the bot's start-up left out.
fn send_rate(messages: &[fake_discord::Message]) -> Option<f64> {
    let first = messages.iter().map(|m| m.created_at).min()?;
    let last = messages.iter().map(|m| m.created_at).max()?;
    let seconds = (last - first).to_std().ok()?.as_secs_f64();
    (seconds > 0.0).then(|| (messages.len() - 1) as f64 / seconds)
}

struct RequestRates {
    /// Over the whole fan-out, the wait at its end for the last refused messages included.
    whole: f64,
    /// The median count over the whole seconds of the fan-out: the pace kept against
    /// Discord's 50 a second.
    steady: usize,
}

/// The message requests the bot made, refused ones included.
fn request_rates(fake: &FakeDiscord) -> Option<RequestRates> {
    let sends: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.route == Some("/channels/{channel_id}/messages"))
        .map(|r| r.at)
        .collect();
    let (first, last) = (*sends.first()?, *sends.last()?);
    let seconds = (last - first).as_secs_f64();
    let mut per_second = Vec::new();
    for at in &sends {
        let second = (*at - first).as_secs() as usize;
        if per_second.len() <= second {
            per_second.resize(second + 1, 0);
        }
        per_second[second] += 1;
    }
    // The last second is cut short by the end of the fan-out.
    per_second.pop();
    per_second.sort_unstable();
    Some(RequestRates {
        whole: (sends.len() - 1) as f64 / seconds,
        steady: per_second.get(per_second.len() / 2).copied()?,
    })
}

/// Different deliveries, told apart by their text.
fn distinct(messages: &[fake_discord::Message]) -> usize {
    let texts = messages.iter().fold(HashMap::new(), |mut seen, m| {
        *seen.entry(m.content.as_str()).or_insert(0) += 1;
        seen
    });
    texts.len()
}

/// A facilitator creates a cohort; then another program holds the database for `HELD_FOR`
/// while `JOINERS` members run `/cohort join` at once. Each must get an answer within 3 s, and
/// whoever is enrolled must have been told so.
async fn busy_database(backend: &str) -> anyhow::Result<Outcome> {
    let db = database(backend).await?;
    let fake = FakeDiscord::builder()
        .expect_violations()
        .reply_timeout(Duration::from_secs(60))
        .start()
        .await;
    let facilitators =
        fake.add_role(RoleSpec::new("Facilitators").permissions(Permissions::MANAGE_GUILD));
    let facilitator = fake.add_member(MemberSpec::new("fran").roles([facilitators]));
    let joiners: Vec<_> = (0..JOINERS)
        .map(|n| fake.add_member(MemberSpec::new(format!("member-{n}"))))
        .collect();
    let _bot = Bot(spawn(&fake, db.url()));
    let created = facilitator
        .slash(
            "cohort create",
            [
                ("course", "mini-course"),
                ("name", "Autumn"),
                ("starts", "2026-01-05"),
                ("time_zone", "Europe/London"),
            ],
        )
        .await;
    anyhow::ensure!(
        created.text().contains("Cohort created"),
        "the cohort is created: {}",
        created.text()
    );
    let guild = cohortbot::model::GuildId(fake.guild_id().get());
    let cohort = db.store.list_cohorts(guild, false).await?.remove(0);

    let holder = hold(backend, db.url().to_owned());
    let code = cohort.join_code.clone();
    let replies = joiners.into_iter().map(|user| {
        let code = code.clone();
        tokio::spawn(async move {
            (
                user.id(),
                user.slash("cohort join", [("code", &code)]).await,
            )
        })
    });
    let mut told = vec![];
    for reply in replies {
        let (user, reply) = reply.await?;
        if reply.text().contains("Welcome to") {
            told.push(user.get());
        }
    }
    holder.await??;
    let unanswered = fake
        .take_violations()
        .iter()
        .filter(|v| v.kind == ViolationKind::InteractionNotAnswered)
        .count();
    let members = db.store.list_members(cohort.id, None).await?;
    let untold = members
        .iter()
        .filter(|m| m.user_id.0 != facilitator.id().get() && !told.contains(&m.user_id.0))
        .count();
    Ok(Outcome {
        unanswered,
        untold,
        ..Outcome::default()
    })
}

/// Holds the database as another writer would, for `HELD_FOR`, from now.
fn hold(backend: &str, url: String) -> tokio::task::JoinHandle<anyhow::Result<()>> {
    let lock = match backend {
        "sqlite" => "BEGIN IMMEDIATE",
        _ => "BEGIN; LOCK TABLE handled_interactions, members IN ACCESS EXCLUSIVE MODE",
    };
    tokio::spawn(async move {
        let mut connection = sqlx::AnyConnection::connect(&url).await?;
        connection.execute(lock).await?;
        tokio::time::sleep(HELD_FOR).await;
        connection.execute("COMMIT").await?;
        Ok(())
    })
}

async fn database(backend: &str) -> anyhow::Result<TestDb> {
    match backend {
        "sqlite" => Ok(TestDb::sqlite().await),
        _ => TestDb::postgres()
            .await
            .ok_or_else(|| anyhow::anyhow!("no PostgreSQL server")),
    }
}

/// `cohortbot run` on the database at `url`, logging nothing (no one reads its stderr).
fn spawn(fake: &FakeDiscord, url: &str) -> Child {
    binary::spawn_run(fake, url, &std::env::temp_dir(), &[("RUST_LOG", "off")])
}

/// The bot's process, killed if still running when dropped.
struct Bot(Child);

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
