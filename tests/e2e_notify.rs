//! Idle means idle, with several instances on one PostgreSQL database: an idle instance's
//! scheduler sleeps until its next due time and reads nothing meanwhile, yet starts at once
//! on a delivery another instance queued (`NOTIFY cohortbot_work`), also after its listening
//! connection was cut. Needs PostgreSQL (`COHORTBOT_TEST_POSTGRES_URL`); skipped without it,
//! failed without it in CI.

#[path = "common/bot.rs"]
mod bot;
#[path = "common/deliveries.rs"]
mod deliveries;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bot::{Backend, TestBot};
use cohortbot::app::Application;
use cohortbot::domain::{Clock, SystemClock};
use cohortbot::model::{DeliveryId, DeliveryState};
use fake_discord::{ChannelSpec, FakeDiscord};
use serenity::all::ChannelId;
use sqlx::{Connection, Executor};
use tokio::sync::watch;
use tracing::subscriber::Interest;
use tracing::{span, Event, Metadata, Subscriber};

const MINI: &str = "tests/fixtures/packs/valid";

/// A bound for a wait that only fails the test; nothing here is measured against it.
const FAILURE_BOUND: Duration = Duration::from_secs(30);

/// How long the idle instance is watched. Its leadership term (20 s in the test bots) is
/// renewed every 5 s meanwhile.
const WATCHED: Duration = Duration::from_secs(12);

/// One test at a time: the statement counter sees the whole process.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_instance_sends_another_instance_s_delivery_at_once() {
    if !Backend::postgres_configured("an_idle_instance_sends_another_instance_s_delivery_at_once") {
        return;
    }
    let _alone = ONE_AT_A_TIME.lock().await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_instance_does_not_read_what_is_due_while_nothing_is() {
    if !Backend::postgres_configured("an_idle_instance_does_not_read_what_is_due_while_nothing_is")
    {
        return;
    }
    let _alone = ONE_AT_A_TIME.lock().await;
    install_counter();
    let idle = idle_instance(FakeDiscord::start().await).await;

    take_statements();
    tokio::time::sleep(WATCHED).await;
    let statements = take_statements();

    let reading_due: Vec<&String> = statements
        .iter()
        .filter(|s| READS_WHAT_IS_DUE.iter().any(|due| s.starts_with(due)))
        .collect();
    assert_eq!(
        reading_due,
        Vec::<&String>::new(),
        "nothing due, nothing changed: the next due time is not read again within a minute"
    );
    let renewals = statements
        .iter()
        .filter(|s| s.starts_with("INSERT INTO leadership"))
        .count();
    assert!(
        renewals <= 3,
        "the term is renewed every 5 s, no more: {statements:#?}"
    );
    eprintln!(
        "idle for {WATCHED:?}: {} statements, {renewals} of them leadership renewals: {statements:?}",
        statements.len()
    );
    idle.stop().await;
}

/// The statements (by sqlx's summary, their first four words) that read or claim due work.
const READS_WHAT_IS_DUE: [&str; 4] = [
    "SELECT MIN(at) FROM",
    "SELECT * FROM schedules",
    "UPDATE deliveries SET state",
    "UPDATE deliveries SET lease_expires_at",
];

/// A bot on a fresh PostgreSQL database with its worker loops running, once its scheduler
/// leads, has seen every change there was and sleeps with nothing due.
async fn idle_instance(fake: FakeDiscord) -> TestBot {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let bot = TestBot::start_with(fake, MINI, clock, Backend::Postgres, true).await;
    let mut connections = bot.store.work_listener_connections();
    let listening = tokio::time::timeout(FAILURE_BOUND, connections.wait_for(|n| *n > 0)).await;
    listening.expect("the listener connects").unwrap();
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

static STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn take_statements() -> Vec<String> {
    std::mem::take(&mut STATEMENTS.lock().unwrap_or_else(PoisonError::into_inner))
}

/// Records sqlx's statement events (target `sqlx::query`) by summary, whichever thread
/// runs them, leaving out a new connection's set-up (`SET …`).
struct StatementLog;

struct Summary(String);

impl tracing::field::Visit for Summary {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "summary" {
            self.0 = value.to_owned();
        }
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" {
            self.0 = format!("{value:?}").trim_matches('"').to_owned();
        }
    }
}

impl Subscriber for StatementLog {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        if metadata.target() == "sqlx::query" {
            Interest::always()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target() == "sqlx::query"
    }

    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }

    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}

    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut summary = Summary(String::new());
        event.record(&mut summary);
        if !summary.0.starts_with("SET ") {
            STATEMENTS
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(summary.0);
        }
    }

    fn enter(&self, _: &span::Id) {}

    fn exit(&self, _: &span::Id) {}
}

fn install_counter() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        tracing::subscriber::set_global_default(StatementLog)
            .expect("no other subscriber in this process");
    });
}
