//! Idle means idle, with several instances on one PostgreSQL database: an idle instance's
//! scheduler sleeps until its next due time and reads nothing meanwhile, yet starts at once
//! on a delivery another instance queued (`NOTIFY cohortbot_work`), also after its listening
//! connection was cut. Needs PostgreSQL (`COHORTBOT_TEST_POSTGRES_URL`); skipped without it,
//! failed without it in CI.

#[path = "common/bot.rs"]
mod bot;
#[path = "common/deliveries.rs"]
mod deliveries;
#[path = "common/statements.rs"]
mod statements;

use std::sync::Arc;
use std::time::Duration;

use bot::{Backend, TestBot};
use cohortbot::app::Application;
use cohortbot::domain::{Clock, SystemClock};
use cohortbot::model::{DeliveryId, DeliveryState};
use cohortbot::scheduler::Rest;
use fake_discord::{ChannelSpec, FakeDiscord};
use serenity::all::ChannelId;
use sqlx::{Connection, Executor};
use tokio::sync::watch;

const MINI: &str = "tests/fixtures/packs/valid";

/// A bound for a wait that only fails the test; nothing here is measured against it.
const FAILURE_BOUND: Duration = Duration::from_secs(30);

/// How many rounds of its loop the idle instance is watched for, at least. It sleeps its idle
/// time (a second in the test bots) between two.
const WATCHED_ROUNDS: u64 = 3;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_instance_sends_another_instance_s_delivery_at_once() {
    if !Backend::postgres_configured("an_idle_instance_sends_another_instance_s_delivery_at_once") {
        return;
    }
    let _alone = statements::alone().await;
    let fake = FakeDiscord::start().await;
    let channel = fake.add_channel(ChannelSpec::text("cohort"));
    let idle = idle_instance(fake).await;
    let other = Application::build(idle.config())
        .await
        .expect("a second instance on the same database");

    let mut rest = idle.workers().scheduler().rest();
    let seen = rest.borrow().seen;
    let first = enqueue(&other, 1, channel).await;
    let woken = tokio::time::timeout(FAILURE_BOUND, rest.wait_for(|r| r.seen > seen)).await;
    woken
        .expect("the idle scheduler is woken by the other instance's delivery")
        .unwrap();
    assert_sent(&idle, 1, first).await;

    // The listening connection is cut, as by a PostgreSQL restart: it listens again, wakes
    // the workers once for what it may have missed, and hears the next delivery.
    let mut connections = idle.store.work_listener_connections();
    let before = *connections.borrow_and_update();
    cut_listening_connections(&idle).await;
    let again = tokio::time::timeout(FAILURE_BOUND, connections.wait_for(|n| *n > before)).await;
    again.expect("the listener connects again").unwrap();
    asleep_having_seen_everything(&idle).await;
    let seen = rest.borrow().seen;
    let second = enqueue(&other, 2, channel).await;
    let woken = tokio::time::timeout(FAILURE_BOUND, rest.wait_for(|r| r.seen > seen)).await;
    woken
        .expect("woken again after the listener reconnected")
        .unwrap();
    assert_sent(&idle, 2, second).await;

    other.store.close().await;
    idle.fake.assert_no_violations();
    idle.stop().await;
}

/// The leader of an idle deployment makes one query per idle time (a minute in production)
/// and nothing else: it reads the next due time on its leadership's session, which proves it
/// still leads. No term to renew, no other worker polling.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_instance_makes_one_query_per_idle_time() {
    if !Backend::postgres_configured("an_idle_instance_makes_one_query_per_idle_time") {
        return;
    }
    let _alone = statements::alone().await;
    let idle = idle_instance(FakeDiscord::start().await).await;

    let mut rest = idle.workers().scheduler().rest();
    let (from, _) = quiet_point(&mut rest, 0).await;
    let (to, statements) = quiet_point(&mut rest, from + WATCHED_ROUNDS).await;

    let rounds = usize::try_from(to - from).unwrap();
    let reads = statements
        .iter()
        .filter(|s| s.starts_with(NEXT_DUE))
        .count();
    assert_eq!(
        (reads, statements.len()),
        (rounds, rounds),
        "over {rounds} idle rounds: one read of the next due time each, nothing else: {statements:#?}"
    );
    idle.stop().await;
}

/// The statement (by sqlx's summary, its first words) that reads the next due time.
const NEXT_DUE: &str = "SELECT MIN(at) FROM";

/// Waits until the scheduler sleeps having gone round its loop `rounds` times at least, and
/// takes the statements logged since the last take, at a moment it provably did not wake:
/// asleep, in the same round, both before and after the take. Returns that round.
async fn quiet_point(rest: &mut watch::Receiver<Rest>, rounds: u64) -> (u64, Vec<String>) {
    let mut taken = Vec::new();
    loop {
        let asleep = rest.wait_for(|r| r.asleep && r.rounds >= rounds);
        let round = tokio::time::timeout(FAILURE_BOUND, asleep)
            .await
            .expect("the idle scheduler goes round its loop")
            .unwrap()
            .rounds;
        taken.extend(statements::take());
        let now = *rest.borrow();
        if now.asleep && now.rounds == round {
            return (round, taken);
        }
    }
}

/// A bot on a fresh PostgreSQL database with its worker loops running, once it has taken in
/// its servers and its scheduler leads, has seen every change there was and sleeps with
/// nothing due.
async fn idle_instance(fake: FakeDiscord) -> TestBot {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let bot = TestBot::start_with(fake, MINI, clock, Backend::Postgres, true).await;
    let mut connections = bot.store.work_listener_connections();
    let listening = tokio::time::timeout(FAILURE_BOUND, connections.wait_for(|n| *n > 0)).await;
    listening.expect("the listener connects").unwrap();
    bot.fake.after_events("GUILD_CREATE").await;
    asleep_having_seen_everything(&bot).await;
    bot
}

/// Waits until the bot's scheduler sleeps having looked at every change so far.
async fn asleep_having_seen_everything(bot: &TestBot) {
    let changes = *bot.store.scheduled_changes().borrow();
    let mut rest: watch::Receiver<_> = bot.workers().scheduler().rest();
    let asleep = rest.wait_for(|r| r.asleep && r.seen >= changes);
    tokio::time::timeout(FAILURE_BOUND, asleep)
        .await
        .expect("the scheduler goes to sleep")
        .unwrap();
}

async fn enqueue(instance: &Application, n: usize, channel: ChannelId) -> DeliveryId {
    let id = deliveries::enqueue_message(&instance.store, "notify", n, channel).await;
    id.unwrap().expect("queued")
}

async fn assert_sent(bot: &TestBot, n: usize, id: DeliveryId) {
    let text = deliveries::message_text(n);
    let posted = bot
        .fake
        .wait_for_all_messages(FAILURE_BOUND, |m| m.iter().any(|m| m.text() == text))
        .await;
    assert!(posted.is_some(), "the idle instance posted {text:?}");
    let delivery = bot.store.delivery(id).await.unwrap().expect("the delivery");
    assert_eq!(delivery.state, DeliveryState::Sent);
}

/// Ends the database sessions that listen, from a connection of the test's own.
async fn cut_listening_connections(bot: &TestBot) {
    let mut admin = sqlx::PgConnection::connect(bot.database_url())
        .await
        .expect("a connection of the test's own");
    let cut = admin
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND query LIKE 'LISTEN%'",
        )
        .await
        .expect("end the listening sessions");
    assert_eq!(cut.rows_affected(), 1, "one instance listens");
    admin.close().await.ok();
}
