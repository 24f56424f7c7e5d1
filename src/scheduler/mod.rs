//! Durable deliveries: schedules become deliveries, which are claimed, sent and acknowledged.
//!
//! Effectively once, step by step:
//! 1. A due schedule's occurrence is inserted as a delivery with the dedupe key
//!    `schedule:{id}:{occurrence_ms}` (`ON CONFLICT DO NOTHING`), and only then is the
//!    schedule's `next_fire_at` moved on with a compare-and-set. A crash in between replays
//!    the insert harmlessly; of two instances, one moves the schedule and the other's insert
//!    is the same row. After downtime only the latest missed occurrence within the grace
//!    window is sent, saying it is late; older ones are skipped.
//! 2. Due deliveries are leased to this instance in one statement, so no two instances hold
//!    the same row; a lease that runs out (its holder died) makes the row claimable again.
//! 3. Each message carries a nonce derived from the dedupe key, and Discord is asked to
//!    enforce it: a resend within [`SchedulerConfig::nonce_window`] of the first attempt gets
//!    the first message back instead of a second one. Later, Discord has forgotten the nonce,
//!    so the notifier first looks for the earlier attempt's message and never sends blind.
//!    The claim notes the first attempt's time before anything is sent, and a failed send
//!    keeps its place in the queue (`retry_at`), so it goes again ahead of later work.
//! 4. The delivery is marked sent only after Discord answered, and only while this instance
//!    still holds the lease, which it renews while the send is under way. An outcome the
//!    store cannot take (it is down) is kept in memory and written first at the next step,
//!    before anything new is claimed. Failures are retried with backoff, or end as `dead`
//!    with the reason, after one try at the fallback channel if there is one.
//!
//! A delivery whose payload carries a `condition` is first put to the [`DeliveryGate`]:
//! sent, skipped (kept as `dead` with a `skipped: …` reason, never posted), or expanded
//! into one delivery per recipient (the parent is kept as `dead` with an `expanded: …`
//! reason). The gate holds the rules; the scheduler only asks.

mod dispatch;
#[cfg(test)]
mod gate;
mod leadership;
mod materialise;
mod notifier;
mod pacer;
mod payload;
mod records;
mod rule;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

pub use crate::domain::outbox::{
    Addressed, BoxFuture, Decision, DeliveryGate, DeliveryPayload, Embed, Refusal, SchedulePayload,
    Target,
};
pub use leadership::current_leader;
pub use materialise::occurrence_key;
pub use notifier::{Notifier, OutboundMessage, SendError, Sent};
pub use pacer::{
    Pacer, DISCORD_REQUESTS_PER_SECOND, PACING_HEADROOM, SCHEDULER_REQUESTS_PER_SECOND,
};
pub use payload::nonce_for;
pub use rule::ScheduleRule;

use crate::domain::prompts::ProgressGate;
use crate::domain::Clock;
use crate::model::DeliveryId;
use crate::store::{Store, StoreError};

/// Turns due schedules into deliveries and sends due deliveries. Several instances may run
/// against one database; each needs its own [`SchedulerConfig::owner`], and with
/// [`SchedulerConfig::leadership`] on (PostgreSQL) only one of them sends at a time. Clones
/// share it.
#[derive(Clone)]
pub struct Scheduler {
    inner: Arc<Inner>,
}

/// How a [`Scheduler`] behaves; [`Default`] gives the production values.
#[derive(Debug, Clone)]
pub struct SchedulerConfig {
    /// Names this instance on the deliveries it leases; unique per running process.
    pub owner: String,
    /// The pause between two steps of [`Scheduler::run`] while there is work.
    pub tick: Duration,
    /// The longest [`Scheduler::run`] sleeps when nothing is due: it looks at the database
    /// once per this, unless new work (in this process, or on PostgreSQL another instance's)
    /// or a due time wakes it first. A leader's look also proves it still leads.
    pub idle: Duration,
    /// How long a claimed delivery stays this instance's; renewed while its send is under
    /// way. Keep it well inside the few minutes in which Discord recognises a nonce.
    pub lease: Duration,
    /// How long after a first attempt a resend may rely on Discord recognising the nonce.
    /// Discord promises "the past few minutes"; later, the notifier first looks whether the
    /// earlier attempt arrived.
    pub nonce_window: Duration,
    /// Deliveries claimed (and sent concurrently) at a time.
    pub batch_size: u32,
    /// Due schedules materialised per step; the rest wait for the next step.
    pub schedules_per_step: u32,
    /// After downtime, the latest missed occurrence is still sent if it is at most this old.
    pub grace: Duration,
    /// An occurrence materialised more than this after its time says it is late.
    pub late_after: Duration,
    /// The first retry of a transient failure waits this long; each further one twice as long.
    pub retry_base: Duration,
    pub retry_max: Duration,
    /// Transient failures before a delivery is given up as dead.
    pub max_attempts: u32,
    /// When several instances share a PostgreSQL database: only the one that holds the
    /// leadership materialises and sends (see `leadership.rs`), and another takes over as
    /// soon as its session ends. Off, or on SQLite: this instance sends whatever others do
    /// (each delivery is still sent once, but each instance paces alone).
    pub leadership: bool,
    /// Told what each step did (the application counts it for its metrics).
    pub on_step: StepObserver,
}

/// A function told each step's [`RunReport`]; the default does nothing.
#[derive(Clone, Default)]
pub struct StepObserver(Option<Arc<ObserveStep>>);

type ObserveStep = dyn Fn(&RunReport) + Send + Sync;

impl StepObserver {
    pub fn new(observe: impl Fn(&RunReport) + Send + Sync + 'static) -> StepObserver {
        StepObserver(Some(Arc::new(observe)))
    }
}

impl std::fmt::Debug for StepObserver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "StepObserver(set)"
        } else {
            "StepObserver(none)"
        })
    }
}

/// What one [`Scheduler::run_due_once`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Deliveries that reached their `expires_at` unsent.
    pub expired: u64,
    /// Deliveries created from due schedules.
    pub enqueued: Vec<DeliveryId>,
    pub sent: u32,
    /// Failed for now; pending again from a later time.
    pub retrying: u32,
    /// Refused for good; a fallback delivery to the fallback channel was queued.
    pub fell_back: u32,
    /// Refused for good (or too many failures) with nowhere else to go; the reason is kept.
    pub dead: u32,
    /// Sent, but the lease had already passed to another instance, whose resend Discord
    /// recognises by the nonce.
    pub lost_lease: u32,
    /// Sends whose outcome could not be written down: kept, and written first at the next
    /// step, before anything new is claimed.
    pub unrecorded: u32,
    /// Not sent because the gate said so (the work was done, reminders muted, …).
    pub skipped: u32,
    /// Replaced by one delivery per recipient, queued at once.
    pub expanded: u32,
    /// Another instance leads ([`SchedulerConfig::leadership`]): this one did nothing.
    pub following: bool,
}

impl Scheduler {
    /// `pacer` is shared with the notifier, so that every outbound request draws from it.
    /// Conditions are decided by the domain's [`ProgressGate`].
    pub fn new(
        store: Store,
        notifier: Arc<dyn Notifier>,
        clock: Arc<dyn Clock>,
        pacer: Pacer,
        config: SchedulerConfig,
    ) -> Scheduler {
        let gate = Arc::new(ProgressGate::new(store.clone(), clock.clone()));
        Scheduler::with_gate(store, notifier, clock, pacer, config, gate)
    }

    /// As [`Scheduler::new`], with conditions decided by `gate`.
    pub fn with_gate(
        store: Store,
        notifier: Arc<dyn Notifier>,
        clock: Arc<dyn Clock>,
        pacer: Pacer,
        config: SchedulerConfig,
        gate: Arc<dyn DeliveryGate>,
    ) -> Scheduler {
        let inner = Inner {
            leadership: leadership::Leadership::new(
                config
                    .leadership
                    .then(|| store.leadership_session(&config.owner, config.idle))
                    .flatten(),
            ),
            store,
            notifier,
            clock,
            pacer,
            config,
            gate,
            unwritten: records::Unwritten::default(),
            rest: watch::Sender::new(Rest::default()),
        };
        Scheduler {
            inner: Arc::new(inner),
        }
    }

    pub fn owner(&self) -> &str {
        &self.inner.config.owner
    }

    /// One step: take the leadership, or prove it is still held (when instances share it;
    /// a follower does nothing more), expire stale deliveries, materialise due schedules,
    /// then claim and send due deliveries batch by batch until a claim comes back short
    /// (nothing more is due).
    pub async fn run_due_once(&self) -> Result<RunReport, StoreError> {
        let (_keep_going, never_stop) = watch::channel(false);
        if !self.inner.lead().await? {
            return Ok(RunReport {
                following: true,
                ..RunReport::default()
            });
        }
        self.step(&never_stop).await
    }

    /// Takes a step whenever something is due, until `shutdown` turns `true` (or its sender
    /// is dropped). While there is work it steps every [`SchedulerConfig::tick`]; when there
    /// is none it sleeps until the next due time, at most [`SchedulerConfig::idle`], woken
    /// at once when this process adds a delivery or schedule (on PostgreSQL, any instance:
    /// [`Store::listen_for_work`]): an idle bot asks the database what is due once a
    /// minute, and nothing else. An instance that shares the leadership and does not hold it
    /// waits for it first. A step under way finishes the batch it is sending and stops.
    /// Start it once at start-up, not per gateway `ready` (which fires again after every
    /// reconnect).
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        tracing::info!(owner = %self.owner(), "scheduler started");
        let mut changes = self.inner.store.scheduled_changes();
        let mut known = KnownDue::default();
        loop {
            if !self.inner.still_leads() {
                known = KnownDue::default();
                if !self.stand_by(&mut shutdown).await {
                    break;
                }
            }
            let seen = *changes.borrow_and_update();
            let pause = self.step_if_due(&shutdown, &mut known).await;
            self.inner.rest.send_modify(|rest| {
                *rest = Rest {
                    asleep: true,
                    seen,
                    rounds: rest.rounds + 1,
                }
            });
            tokio::select! {
                _ = shutdown.wait_for(|stop| *stop) => break,
                _ = tokio::time::sleep(pause) => {}
                _ = changes.changed() => known = KnownDue::default(),
            }
            self.inner.rest.send_modify(|rest| rest.asleep = false);
        }
        if let Err(error) = self.inner.write_unwritten().await {
            tracing::error!(
                owner = %self.owner(),
                unwritten = self.unwritten(),
                "stopping with outcomes the store did not take; a resend of theirs is recognised by its nonce or looked up first: {error}"
            );
        }
        self.step_down().await;
        tracing::info!(owner = %self.owner(), "scheduler stopped");
    }

    /// Gives the leadership up, when this instance has it, so that another instance takes
    /// over at once. [`Scheduler::run`] does it as it stops.
    pub async fn step_down(&self) {
        if let Err(error) = self.inner.resign().await {
            tracing::warn!(owner = %self.owner(), "could not close the leadership's session; the database ends it when the process exits: {error}");
        }
    }

    /// Whether [`Scheduler::run`] sleeps, and the count of [`Store::scheduled_changes`] it
    /// had seen when it last looked at what is due: it rises when another instance's work
    /// woke it (on PostgreSQL) as when this process's did.
    pub fn rest(&self) -> watch::Receiver<Rest> {
        self.inner.rest.subscribe()
    }

    /// Waits until this instance leads; `false` when `shutdown` came first. A failure to
    /// reach the database is tried again after a tick.
    async fn stand_by(&self, shutdown: &mut watch::Receiver<bool>) -> bool {
        loop {
            tokio::select! {
                _ = shutdown.wait_for(|stop| *stop) => return false,
                taken = self.inner.wait_to_lead() => match taken {
                    Ok(()) => return true,
                    Err(error) => {
                        tracing::warn!(owner = %self.owner(), "scheduler could not wait for the leadership: {error}");
                    }
                },
            }
            tokio::select! {
                _ = shutdown.wait_for(|stop| *stop) => return false,
                _ = tokio::time::sleep(self.inner.config.tick) => {}
            }
        }
    }

    /// Takes a step when something is due, and says how long to sleep. `known` is the next
    /// due time last read, kept while nothing changes so that an idle instance does not
    /// read it again before [`SchedulerConfig::idle`] has passed.
    async fn step_if_due(
        &self,
        shutdown: &watch::Receiver<bool>,
        known: &mut KnownDue,
    ) -> Duration {
        let tick = self.inner.config.tick;
        match self.idle_pause(known).await {
            Ok(Some(pause)) => pause,
            Ok(None) if !self.inner.still_leads() => tick,
            Ok(None) => {
                *known = KnownDue::default();
                self.logged_step(shutdown).await;
                tick
            }
            Err(error) => {
                tracing::error!(owner = %self.owner(), "scheduler could not read what is due: {error}");
                tick
            }
        }
    }

    /// How long to sleep before anything is due, by the clock; `None` when a step is due
    /// now (something is due, or outcomes wait to be written). Reads the next due time
    /// unless `known` holds one read less than [`SchedulerConfig::idle`] ago that is not
    /// due yet: so a leader proves its leadership before every step.
    async fn idle_pause(&self, known: &mut KnownDue) -> Result<Option<Duration>, StoreError> {
        let idle = self.inner.config.idle;
        let now = self.inner.clock.now_ms();
        let next = match known.0 {
            Some((next, read)) if read.elapsed() < idle && next.is_none_or(|next| next > now) => {
                next
            }
            _ => {
                let next = self.inner.next_due_at().await?;
                known.0 = Some((next, tokio::time::Instant::now()));
                next
            }
        };
        if self.unwritten() > 0 {
            return Ok(None);
        }
        let Some(next) = next else {
            return Ok(Some(idle));
        };
        let wait = next.saturating_sub(self.inner.clock.now_ms());
        if wait <= 0 {
            return Ok(None);
        }
        let wait = Duration::from_millis(u64::try_from(wait).unwrap_or(u64::MAX));
        Ok(Some(wait.min(idle)))
    }

    /// A step, while a leader that shares the leadership proves it every
    /// [`leadership::CHECK_DURING_STEP`] (a long fan-out takes minutes); errors are logged.
    async fn logged_step(&self, shutdown: &watch::Receiver<bool>) {
        let step = self.step(shutdown);
        tokio::pin!(step);
        let result = if self.inner.shares_leadership() {
            let every = leadership::CHECK_DURING_STEP;
            let mut check = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
            loop {
                tokio::select! {
                    result = &mut step => break result,
                    _ = check.tick() => {
                        if let Err(error) = self.inner.lead().await {
                            tracing::warn!(owner = %self.owner(), "could not prove the leadership; this step stops after its batch: {error}");
                        }
                    }
                }
            }
        } else {
            step.await
        };
        match result {
            Ok(report) if report != RunReport::default() => {
                tracing::debug!(owner = %self.owner(), ?report, "scheduler step");
            }
            Ok(_) => {}
            Err(error) => {
                let error = anyhow::Error::new(error);
                tracing::error!(owner = %self.owner(), "scheduler step failed: {error:#}");
            }
        }
    }

    /// Extends the leases of the deliveries this instance is sending. The send loop calls
    /// it every third of a lease while a batch is under way; returns how many.
    pub async fn renew_leases(&self) -> Result<u64, StoreError> {
        dispatch::renew_leases(&self.inner).await
    }

    /// Outcomes of sends that the store could not take yet (see [`RunReport::unrecorded`]).
    pub fn unwritten(&self) -> usize {
        self.inner.unwritten.len()
    }

    #[tracing::instrument(skip_all, fields(owner = %self.inner.config.owner))]
    async fn step(&self, stop: &watch::Receiver<bool>) -> Result<RunReport, StoreError> {
        self.inner.write_unwritten().await?;
        let now = self.inner.clock.now_ms();
        let mut report = RunReport {
            expired: self.inner.store.expire_deliveries(now).await?,
            enqueued: materialise::materialise_due(&self.inner, now).await?,
            ..RunReport::default()
        };
        dispatch::send_due(&self.inner, stop, &mut report).await?;
        if let Some(observe) = &self.inner.config.on_step.0 {
            observe(&report);
        }
        Ok(report)
    }
}

impl Default for SchedulerConfig {
    fn default() -> SchedulerConfig {
        SchedulerConfig {
            owner: instance_id(),
            tick: Duration::from_secs(1),
            idle: Duration::from_secs(60),
            lease: Duration::from_secs(60),
            nonce_window: Duration::from_secs(2 * 60),
            batch_size: 50,
            schedules_per_step: 100,
            grace: Duration::from_secs(60 * 60),
            late_after: Duration::from_secs(60),
            retry_base: Duration::from_secs(5),
            retry_max: Duration::from_secs(15 * 60),
            max_attempts: 8,
            leadership: false,
            on_step: StepObserver::default(),
        }
    }
}

/// A name for this process that no other instance has: its pid and 32 random bits.
pub fn instance_id() -> String {
    format!(
        "cohortbot-{}-{:08x}",
        std::process::id(),
        rand::random::<u32>()
    )
}

/// What the steps share; an `Arc` of it goes into every concurrent send.
struct Inner {
    store: Store,
    notifier: Arc<dyn Notifier>,
    clock: Arc<dyn Clock>,
    pacer: Pacer,
    config: SchedulerConfig,
    gate: Arc<dyn DeliveryGate>,
    unwritten: records::Unwritten,
    leadership: leadership::Leadership,
    rest: watch::Sender<Rest>,
}

/// What [`Scheduler::rest`] shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rest {
    /// Sleeping until something is due or a change wakes it.
    pub asleep: bool,
    /// The count of [`Store::scheduled_changes`] as of its last look at what is due.
    pub seen: u64,
    /// How many times it has gone to sleep, each time having looked at what is due (or
    /// found it no longer leads): a test waits for rounds to pass rather than for time to.
    pub rounds: u64,
}

/// The next due time as last read (`None` inside: nothing at all), and when it was read;
/// forgotten at every step, change and change of leadership.
#[derive(Default)]
struct KnownDue(Option<(Option<crate::model::UnixMillis>, tokio::time::Instant)>);

/// `duration` in whole milliseconds, as stored times count.
fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::instance_id;

    #[test]
    fn each_instance_is_named_apart_after_its_process() {
        let (one, other) = (instance_id(), instance_id());
        assert_ne!(one, other);
        let process = format!("cohortbot-{}-", std::process::id());
        assert!(one.starts_with(&process), "{one}");
    }
}
