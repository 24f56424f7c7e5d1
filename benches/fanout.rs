//! Fan-out benchmark: 2,000 due reminders sent through the real `DiscordNotifier` and
//! `Pacer` to the Discord stand-in, which answers 429 beyond 50 requests a second. Prints
//! how many were sent, how many requests were rate limited, and how long it took; at 50/s
//! the least it can take is (2,000 − 50 burst) / 50 = 39 s.
//!
//! Run: `cargo bench --bench fanout`

use std::sync::Arc;
use std::time::{Duration, Instant};

use cohortbot::discord::notifier::DiscordNotifier;
use cohortbot::domain::{Clock, SystemClock};
use cohortbot::model::{NewDelivery, TargetKind};
use cohortbot::scheduler::{
    DeliveryPayload, Pacer, RunReport, Scheduler, SchedulerConfig, DISCORD_REQUESTS_PER_SECOND,
};
use cohortbot::store::Store;
use fake_discord::{ChannelSpec, FakeDiscord};

const REMINDERS: u32 = 2_000;
/// Gives up if the fan-out has not finished by then.
const GIVE_UP_AFTER: Duration = Duration::from_secs(300);

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let fake = FakeDiscord::builder()
        .rate_limit(DISCORD_REQUESTS_PER_SECOND.get())
        .start()
        .await;
    let channel = fake.add_channel(ChannelSpec::text("cohort"));
    let dir = tempfile::tempdir()?;
    let store = Store::connect(&format!(
        "sqlite://{}",
        dir.path().join("fanout.db").display()
    ))
    .await?;
    store.migrate().await?;
    enqueue_reminders(&store, channel.get()).await?;

    let pacer = Pacer::default();
    let notifier = Arc::new(DiscordNotifier::new(Arc::new(fake.http()), pacer.clone()));
    let clock = Arc::new(SystemClock);
    let scheduler = Scheduler::new(store, notifier, clock, pacer, SchedulerConfig::default());

    let started = Instant::now();
    let totals = send_all(&scheduler, started).await?;
    let elapsed = started.elapsed();
    let limited = fake.requests().iter().filter(|r| r.status == 429).count();
    let floor = f64::from(REMINDERS - DISCORD_REQUESTS_PER_SECOND.get())
        / f64::from(DISCORD_REQUESTS_PER_SECOND.get());
    println!(
        "fanout: sent {} of {REMINDERS}, 429 responses {limited}, retries {}, dead {}, elapsed {:.1} s (floor {floor:.1} s at {}/s)",
        totals.sent,
        totals.retrying,
        totals.dead,
        elapsed.as_secs_f64(),
        DISCORD_REQUESTS_PER_SECOND
    );
    Ok(())
}

async fn enqueue_reminders(store: &Store, channel: u64) -> anyhow::Result<()> {
    let now = SystemClock.now_ms();
    for i in 0..REMINDERS {
        let payload = DeliveryPayload {
            content: format!("Reminder {i}: your action learning set meets tomorrow."),
            ..DeliveryPayload::default()
        };
        let reminder = NewDelivery {
            schedule_id: None,
            dedupe_key: format!("bench:fanout:{i}"),
            cohort_id: None,
            target_kind: TargetKind::Channel,
            target_id: channel,
            fallback_channel_id: None,
            payload: payload.to_json(),
            due_at: now,
            expires_at: None,
        };
        store.enqueue_delivery(&reminder).await?;
    }
    Ok(())
}

/// Steps the scheduler until every reminder is sent (retries after a 429 included).
async fn send_all(scheduler: &Scheduler, started: Instant) -> anyhow::Result<RunReport> {
    let mut totals = RunReport::default();
    while totals.sent + totals.dead < REMINDERS && started.elapsed() < GIVE_UP_AFTER {
        let report = scheduler.run_due_once().await?;
        totals.sent += report.sent;
        totals.retrying += report.retrying;
        totals.dead += report.dead;
        if report.sent == 0 {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    Ok(totals)
}
