//! What the bot counts for Prometheus, and whether its gateway is connected. Each
//! application has its own recorder (not the process-wide one), so several bots in one
//! process (tests) count apart.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use metrics::{counter, gauge, histogram, with_local_recorder};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle, PrometheusRecorder};

/// Slash commands answered, by `command` and `outcome` (ok, refused, error).
pub const INTERACTIONS: &str = "cohortbot_interactions_total";
/// Seconds from Discord creating an interaction to the bot having answered it.
pub const INTERACTION_SECONDS: &str = "cohortbot_interaction_seconds";
/// Scheduled deliveries by `outcome` (sent, retried, failed, expired).
pub const DELIVERIES: &str = "cohortbot_deliveries_total";
/// Deliveries due now and not yet sent.
pub const QUEUE_DEPTH: &str = "cohortbot_delivery_queue_depth";
/// How long the oldest due delivery has waited, in seconds (0 when none is due).
pub const OLDEST_DUE_SECONDS: &str = "cohortbot_oldest_due_delivery_seconds";
/// Discord's 429 answers, by `scope` (global or route).
pub const RATE_LIMITED: &str = "cohortbot_discord_rate_limited_total";
/// Database connections, by `state` (in_use, idle).
pub const DB_CONNECTIONS: &str = "cohortbot_db_connections";
/// How long the last heartbeat of each gateway `shard` took to be acknowledged, in seconds.
pub const GATEWAY_LATENCY: &str = "cohortbot_gateway_latency_seconds";

/// Latency buckets: Discord wants an answer within 3 s.
const LATENCY_BUCKETS: [f64; 9] = [0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0];

/// How a slash command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// Refused with a message for the person (bad input, no permission).
    Refused,
    Error,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Refused => "refused",
            Outcome::Error => "error",
        }
    }
}

/// Deliveries by what became of them in one step of the scheduler.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deliveries {
    pub sent: u64,
    /// Failed for now; tried again later.
    pub retried: u64,
    /// Refused for good (a fallback post is queued where there is one).
    pub failed: u64,
    pub expired: u64,
}

/// The application's counters and gauges. Cloning shares them.
#[derive(Clone)]
pub struct Telemetry {
    inner: Arc<Inner>,
}

struct Inner {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
    /// Whether each of the process's gateway shards is connected.
    shards: Mutex<BTreeMap<u32, bool>>,
}

impl Default for Telemetry {
    fn default() -> Self {
        let recorder = PrometheusBuilder::new()
            .set_buckets(&LATENCY_BUCKETS)
            .expect("the latency buckets are not empty")
            .build_recorder();
        let handle = recorder.handle();
        Telemetry {
            inner: Arc::new(Inner {
                recorder,
                handle,
                shards: Mutex::default(),
            }),
        }
    }
}

impl Telemetry {
    /// A slash command answered `latency_ms` after Discord created it.
    pub fn interaction(&self, command: &str, outcome: Outcome, latency_ms: i64) {
        let labels = [
            ("command", command.to_owned()),
            ("outcome", outcome.as_str().to_owned()),
        ];
        let seconds = latency_ms.max(0) as f64 / 1000.0;
        self.record(|| {
            counter!(INTERACTIONS, &labels).increment(1);
            histogram!(INTERACTION_SECONDS, "command" => command.to_owned()).record(seconds);
        });
    }

    /// What one step of the scheduler did.
    pub fn deliveries(&self, counts: &Deliveries) {
        let counts = [
            ("sent", counts.sent),
            ("retried", counts.retried),
            ("failed", counts.failed),
            ("expired", counts.expired),
        ];
        self.record(|| {
            for (outcome, n) in counts {
                counter!(DELIVERIES, "outcome" => outcome).increment(n);
            }
        });
    }

    /// Discord answered 429; `global` when the whole bot must wait.
    pub fn rate_limited(&self, global: bool) {
        let scope = if global { "global" } else { "route" };
        self.record(|| counter!(RATE_LIMITED, "scope" => scope).increment(1));
    }

    /// The delivery queue as the store sees it now.
    pub fn queue(&self, depth: u64, oldest_due_ms: Option<i64>, now_ms: i64) {
        let age = oldest_due_ms.map_or(0.0, |due| (now_ms - due).max(0) as f64 / 1000.0);
        self.record(|| {
            gauge!(QUEUE_DEPTH).set(depth as f64);
            gauge!(OLDEST_DUE_SECONDS).set(age);
        });
    }

    /// Connections of the database pool.
    pub fn pool(&self, in_use: u32, idle: u32) {
        self.record(|| {
            gauge!(DB_CONNECTIONS, "state" => "in_use").set(f64::from(in_use));
            gauge!(DB_CONNECTIONS, "state" => "idle").set(f64::from(idle));
        });
    }

    /// The heartbeat latency of each shard that has measured one: `(shard, latency)`.
    pub fn gateway_latency(&self, shards: &[(u32, std::time::Duration)]) {
        self.record(|| {
            for (shard, latency) in shards {
                gauge!(GATEWAY_LATENCY, "shard" => shard.to_string()).set(latency.as_secs_f64());
            }
        });
    }

    /// The gateway shards the process is starting, none of them connected yet.
    pub fn expect_shards(&self, shards: impl IntoIterator<Item = u32>) {
        let mut known = self.shards();
        for shard in shards {
            known.entry(shard).or_insert(false);
        }
    }

    pub fn set_shard_connected(&self, shard: u32, connected: bool) {
        self.shards().insert(shard, connected);
    }

    /// Whether every gateway shard of the process is connected (and it has some).
    pub fn gateway_connected(&self) -> bool {
        let shards = self.shards();
        !shards.is_empty() && shards.values().all(|connected| *connected)
    }

    fn shards(&self) -> MutexGuard<'_, BTreeMap<u32, bool>> {
        self.inner
            .shards
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Everything counted, in Prometheus' text format.
    pub fn render(&self) -> String {
        self.inner.handle.render()
    }

    fn record(&self, f: impl FnOnce()) {
        with_local_recorder(&self.inner.recorder, f);
    }
}
