//! The scheduler's test bench: a database with a cohort, a clock the test moves, and Discord
//! in memory, honouring `enforce_nonce` the way Discord does.

// Each test crate that includes this file uses a different part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use cohortbot::domain::Clock;
use cohortbot::model::*;
use cohortbot::scheduler::*;
use cohortbot::store::Store;
use tokio::sync::{Notify, Semaphore};

use super::store_backends::TestDb;

pub const T0: UnixMillis = 1_790_000_000_000;
pub const SECOND: i64 = 1000;
pub const MINUTE: i64 = 60 * SECOND;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;
pub const CHANNEL: u64 = 700_000_000_000_000_001;
pub const FALLBACK: u64 = 700_000_000_000_000_002;
pub const ALICE: u64 = 9_123_456_789_012_345_678;
pub const LEASE: Duration = Duration::from_secs(30);

pub struct Env<'a> {
    pub db: &'a TestDb,
    pub clock: Arc<TestClock>,
    pub discord: Arc<InMemoryDiscord>,
    pub cohort: CohortId,
}

impl<'a> Env<'a> {
    pub async fn new(db: &'a TestDb, now: UnixMillis) -> Env<'a> {
        let store = &db.store;
        store
            .upsert_guild(GuildId(1), "Organisers", now)
            .await
            .unwrap();
        let version = store
            .save_course_version("course", "v1", "hash", "{}", now)
            .await
            .unwrap();
        let cohort = store
            .create_cohort(&NewCohort {
                guild_id: GuildId(1),
                name: "Spring".into(),
                course_version_id: version,
                time_zone: chrono_tz::Europe::London,
                starts_on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
                channel_id: Some(ChannelId(CHANNEL)),
                join_code: "SPRING1".into(),
                created_by: UserId(2),
                created_at: now,
            })
            .await
            .unwrap();
        Env {
            db,
            clock: Arc::new(TestClock(AtomicI64::new(now))),
            discord: Arc::new(InMemoryDiscord::default()),
            cohort: cohort.id,
        }
    }

    pub fn store(&self) -> &Store {
        &self.db.store
    }

    pub fn config(&self, owner: &str) -> SchedulerConfig {
        SchedulerConfig {
            owner: owner.to_owned(),
            lease: LEASE,
            ..SchedulerConfig::default()
        }
    }

    pub fn scheduler(&self, owner: &str) -> Scheduler {
        self.scheduler_with(self.config(owner), Pacer::default())
    }

    pub fn scheduler_with(&self, config: SchedulerConfig, pacer: Pacer) -> Scheduler {
        Scheduler::new(
            self.store().clone(),
            self.discord.clone(),
            self.clock.clone(),
            pacer,
            config,
        )
    }

    /// A schedule posting to [`CHANNEL`]; a one-off fires a minute from now.
    pub async fn schedule(&self, rule: &str, tz: Tz, message: Option<DeliveryPayload>) -> Schedule {
        let rule: ScheduleRule = rule.parse().unwrap();
        let now = self.clock.now_ms();
        let next = match rule {
            ScheduleRule::Once => Some(now + MINUTE),
            ScheduleRule::Repeat(_) => rule.next_after(now, tz),
        };
        let payload = SchedulePayload {
            target: Target {
                kind: TargetKind::Channel,
                id: CHANNEL,
            },
            fallback_channel_id: None,
            expires_after_ms: None,
            message: message.unwrap_or_else(hello),
        };
        self.store()
            .create_schedule(&NewSchedule {
                cohort_id: self.cohort,
                kind: "prompt".into(),
                rule: rule.to_string(),
                time_zone: tz,
                next_fire_at: next,
                payload: payload.to_json(),
                created_at: now,
            })
            .await
            .unwrap()
    }

    pub async fn enqueue(
        &self,
        key: &str,
        due_at: UnixMillis,
        expires_at: Option<UnixMillis>,
        fallback: Option<ChannelId>,
    ) -> DeliveryId {
        let new = NewDelivery {
            due_at,
            expires_at,
            fallback_channel_id: fallback,
            ..new_delivery(
                key,
                Target {
                    kind: TargetKind::Channel,
                    id: CHANNEL,
                },
            )
        };
        self.store().enqueue_delivery(&new).await.unwrap().unwrap()
    }

    pub async fn enqueue_to(
        &self,
        target: Target,
        key: &str,
        fallback: Option<ChannelId>,
    ) -> DeliveryId {
        let new = NewDelivery {
            due_at: self.clock.now_ms(),
            fallback_channel_id: fallback,
            ..new_delivery(key, target)
        };
        self.store().enqueue_delivery(&new).await.unwrap().unwrap()
    }

    /// `count` deliveries due now, enqueued by a few writers at once.
    pub async fn enqueue_many(&self, count: usize) -> Vec<DeliveryId> {
        let due = self.clock.now_ms();
        let writers: Vec<_> = (0..4)
            .map(|writer| {
                let store = self.store().clone();
                tokio::spawn(async move {
                    let mut ids = Vec::new();
                    for n in (writer..count).step_by(4) {
                        let target = Target {
                            kind: TargetKind::Channel,
                            id: CHANNEL + n as u64,
                        };
                        let new = NewDelivery {
                            due_at: due,
                            ..new_delivery(&format!("bulk:{n}"), target)
                        };
                        ids.push(store.enqueue_delivery(&new).await.unwrap().unwrap());
                    }
                    ids
                })
            })
            .collect();
        let mut ids = Vec::new();
        for writer in writers {
            ids.extend(writer.await.unwrap());
        }
        ids
    }

    pub async fn delivery(&self, id: DeliveryId) -> Delivery {
        self.store().delivery(id).await.unwrap().unwrap()
    }
}

pub fn hello() -> DeliveryPayload {
    DeliveryPayload {
        content: "hello".into(),
        ..DeliveryPayload::default()
    }
}

pub fn new_delivery(key: &str, target: Target) -> NewDelivery {
    NewDelivery {
        schedule_id: None,
        dedupe_key: key.to_owned(),
        cohort_id: None,
        target_kind: target.kind,
        target_id: target.id,
        fallback_channel_id: None,
        payload: hello().to_json(),
        due_at: T0,
        expires_at: None,
    }
}

/// Every message Discord holds has a nonce of its own, and there are `count` of them.
pub fn assert_all_once(discord: &InMemoryDiscord, count: usize) {
    let messages = discord.messages_per_nonce();
    assert_eq!(messages.len(), count);
    let twice: Vec<_> = messages.iter().filter(|(_, &n)| n != 1).collect();
    assert!(twice.is_empty(), "posted more than once: {twice:?}");
}

pub fn utc(rfc3339: &str) -> UnixMillis {
    DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .timestamp_millis()
}

pub fn iso(ms: UnixMillis) -> String {
    Utc.timestamp_millis_opt(ms).unwrap().to_rfc3339()
}

/// A clock the test moves by hand.
pub struct TestClock(pub AtomicI64);

impl TestClock {
    pub fn set(&self, ms: UnixMillis) {
        self.0.store(ms, Ordering::SeqCst);
    }

    pub fn advance(&self, by: Duration) {
        self.0.fetch_add(by.as_millis() as i64, Ordering::SeqCst);
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(self.0.load(Ordering::SeqCst))
            .unwrap()
    }
}

/// Where the next send stops for good, as if the process died there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stall {
    BeforePosting,
    AfterPosting,
    /// Posts, then holds the answer until [`InMemoryDiscord::release`]: a slow send.
    Held,
    /// Posts, then panics: a bug in the code that answers.
    Panics,
}

/// Discord in memory, with `enforce_nonce`: a send with a nonce it has seen answers with the
/// first message and creates nothing.
#[derive(Default)]
pub struct InMemoryDiscord {
    pub state: Mutex<FakeState>,
    pub stalled: Notify,
    pub released: Notify,
    /// Woken whenever a message is posted.
    pub posted: Notify,
    /// What lets sends through after [`InMemoryDiscord::hold_every_send`].
    pub gate: Gate,
}

/// Permits for held sends, none at first.
pub struct Gate(Semaphore);

impl Default for Gate {
    fn default() -> Gate {
        Gate(Semaphore::new(0))
    }
}

#[derive(Default)]
pub struct FakeState {
    pub messages: Vec<Posted>,
    pub by_nonce: HashMap<String, u64>,
    pub requests: HashMap<String, usize>,
    pub refusals: HashMap<u64, SendError>,
    pub stall: Option<Stall>,
    /// Each request's `tried_since`, in order.
    pub tried_since: Vec<Option<UnixMillis>>,
    pub hold_every_send: bool,
}

#[derive(Debug, Clone)]
pub struct Posted {
    pub id: u64,
    pub nonce: String,
    pub target: Target,
    pub content: String,
    pub embed: Option<Embed>,
    pub thread_name: Option<String>,
}

impl InMemoryDiscord {
    pub fn refuse(&self, target: u64, reason: &str) {
        self.lock()
            .refusals
            .insert(target, SendError::Permanent(reason.into()));
    }

    pub fn refuse_for_now(&self, target: u64, reason: &str) {
        self.lock()
            .refusals
            .insert(target, SendError::Transient(reason.into()));
    }

    pub fn accept_again(&self, target: u64) {
        self.lock().refusals.remove(&target);
    }

    pub fn stall_next(&self, stall: Stall) {
        self.lock().stall = Some(stall);
    }

    /// The next send posts, then waits for [`InMemoryDiscord::release`] before answering.
    pub fn hold_next(&self) {
        self.stall_next(Stall::Held);
    }

    /// Lets a send held by [`Stall::Held`] answer.
    pub fn release(&self) {
        self.released.notify_one();
    }

    /// From now, every send posts, then waits for [`InMemoryDiscord::let_through`] to answer.
    pub fn hold_every_send(&self) {
        self.lock().hold_every_send = true;
    }

    /// Lets `sends` held sends answer, those held now first, then those to come.
    pub fn let_through(&self, sends: usize) {
        self.gate.0.add_permits(sends);
    }

    /// The `tried_since` of every request so far.
    pub fn tried_since(&self) -> Vec<Option<UnixMillis>> {
        self.lock().tried_since.clone()
    }

    pub async fn stalled(&self) {
        self.stalled.notified().await;
    }

    /// Returns once `count` messages are posted, woken by each post (never polling).
    pub async fn wait_for_messages(&self, count: usize) {
        let wait = async {
            loop {
                let posted = self.posted.notified();
                tokio::pin!(posted);
                posted.as_mut().enable();
                if self.messages().len() >= count {
                    return;
                }
                posted.await;
            }
        };
        tokio::time::timeout(Duration::from_secs(10), wait)
            .await
            .expect("the messages arrive");
    }

    pub fn messages(&self) -> Vec<Posted> {
        self.lock().messages.clone()
    }

    pub fn messages_per_nonce(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for message in &self.lock().messages {
            *counts.entry(message.nonce.clone()).or_default() += 1;
        }
        counts
    }

    pub fn requests_per_nonce(&self) -> HashMap<String, usize> {
        self.lock().requests.clone()
    }

    pub fn lock(&self) -> std::sync::MutexGuard<'_, FakeState> {
        self.state.lock().unwrap()
    }

    /// What Discord answers, and whether the send then stalls.
    pub fn answer(&self, message: &OutboundMessage) -> (Result<Sent, SendError>, Option<Stall>) {
        let mut state = self.lock();
        *state.requests.entry(message.nonce.clone()).or_default() += 1;
        state.tried_since.push(message.tried_since);
        let stall = state.stall.take();
        if stall == Some(Stall::BeforePosting) {
            return (Err(SendError::Transient("never answered".into())), stall);
        }
        if let Some(refusal) = state.refusals.get(&message.target.id) {
            return (Err(refusal.clone()), stall);
        }
        let id = match state.by_nonce.get(&message.nonce) {
            Some(&id) => id,
            None => {
                let id = 1_000_000 + state.messages.len() as u64;
                state.by_nonce.insert(message.nonce.clone(), id);
                state.messages.push(Posted {
                    id,
                    nonce: message.nonce.clone(),
                    target: message.target,
                    content: message.content.clone(),
                    embed: message.embed.clone(),
                    thread_name: message.thread_name.clone(),
                });
                self.posted.notify_waiters();
                id
            }
        };
        (
            Ok(Sent {
                message_id: MessageId(id),
            }),
            stall,
        )
    }
}

impl Notifier for InMemoryDiscord {
    fn send<'a>(&'a self, message: &'a OutboundMessage) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(async move {
            let (answer, stall) = self.answer(message);
            match stall {
                Some(Stall::Held) => {
                    self.stalled.notify_one();
                    self.released.notified().await;
                }
                Some(Stall::Panics) => panic!("the code answering a send has a bug"),
                Some(_) => {
                    self.stalled.notify_one();
                    std::future::pending::<()>().await;
                }
                None => {}
            }
            if self.lock().hold_every_send {
                self.gate.0.acquire().await.expect("never closed").forget();
            }
            answer
        })
    }
}
