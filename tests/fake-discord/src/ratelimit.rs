//! Rate limits as Discord applies them to a bot: a global limit on requests per second
//! (50 by default; interaction endpoints are exempt) and, if a test configures one, a per-route
//! bucket limit (on by default). Every answer on a limited route carries the bucket's
//! `X-RateLimit-*` headers; a limited request is answered 429 with `retry_after` in the body
//! and the `Retry-After` header too.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

/// A per-route limit: `limit` requests per `window` in each bucket.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RouteLimit {
    pub limit: u32,
    pub window: Duration,
}

/// Why a request was refused.
#[derive(Clone, Debug)]
pub(crate) struct Limited {
    pub global: bool,
    pub limit: u32,
    pub retry_after: Duration,
    pub bucket: String,
}

impl Limited {
    /// The headers Discord sends with a 429.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = vec![
            (
                "Retry-After",
                self.retry_after.as_secs_f64().ceil().max(1.0).to_string(),
            ),
            (
                "X-RateLimit-Scope",
                if self.global { "global" } else { "user" }.to_owned(),
            ),
        ];
        if self.global {
            headers.push(("X-RateLimit-Global", "true".to_owned()));
        } else {
            headers.extend(bucket_headers(
                self.limit,
                0,
                self.retry_after,
                &self.bucket,
            ));
        }
        headers
    }

    /// The JSON body Discord sends with a 429.
    pub fn body(&self) -> Value {
        json!({
            "message": "You are being rate limited.",
            "retry_after": (self.retry_after.as_secs_f64() * 1000.0).ceil() / 1000.0,
            "global": self.global,
        })
    }
}

/// Where a bucket stands after admitting a request: what Discord says on every answer.
#[derive(Clone, Debug)]
pub(crate) struct Admitted {
    pub limit: u32,
    pub remaining: u32,
    pub reset_after: Duration,
    pub bucket: String,
}

impl Admitted {
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        bucket_headers(self.limit, self.remaining, self.reset_after, &self.bucket)
    }
}

/// Sliding windows of accepted requests.
#[derive(Default)]
pub(crate) struct RateLimiter {
    global: VecDeque<Instant>,
    routes: HashMap<String, VecDeque<Instant>>,
}

impl RateLimiter {
    /// Admits a request to `bucket` at `now` (saying where a limited bucket stands), or says
    /// how long to wait.
    pub fn admit(
        &mut self,
        global_limit: u32,
        route_limit: Option<RouteLimit>,
        bucket: &str,
        now: Instant,
    ) -> Result<Option<Admitted>, Limited> {
        let second = Duration::from_secs(1);
        if let Some(wait) = wait_for(&mut self.global, global_limit, second, now) {
            return Err(Limited {
                global: true,
                limit: global_limit,
                retry_after: wait,
                bucket: bucket.to_owned(),
            });
        }
        if let Some(route) = route_limit {
            let window = self.routes.entry(bucket.to_owned()).or_default();
            if let Some(wait) = wait_for(window, route.limit, route.window, now) {
                return Err(Limited {
                    global: false,
                    limit: route.limit,
                    retry_after: wait,
                    bucket: bucket.to_owned(),
                });
            }
            window.push_back(now);
        }
        self.global.push_back(now);
        Ok(route_limit.map(|route| self.standing(route, bucket, now)))
    }

    fn standing(&self, route: RouteLimit, bucket: &str, now: Instant) -> Admitted {
        let window = self.routes.get(bucket);
        let used = window.map_or(0, VecDeque::len);
        let oldest = window.and_then(VecDeque::front).copied().unwrap_or(now);
        Admitted {
            limit: route.limit,
            remaining: route
                .limit
                .saturating_sub(u32::try_from(used).unwrap_or(u32::MAX)),
            reset_after: route.window.saturating_sub(now.duration_since(oldest)),
            bucket: bucket.to_owned(),
        }
    }
}

/// Drops entries older than `window`; if `limit` remain, how long until the oldest expires.
fn wait_for(
    entries: &mut VecDeque<Instant>,
    limit: u32,
    window: Duration,
    now: Instant,
) -> Option<Duration> {
    while entries
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        entries.pop_front();
    }
    let full = entries.len() >= usize::try_from(limit).unwrap_or(usize::MAX);
    full.then(|| {
        entries.front().map_or(window, |oldest| {
            window.saturating_sub(now.duration_since(*oldest))
        })
    })
}

/// The `X-RateLimit-*` headers of a bucket.
fn bucket_headers(
    limit: u32,
    remaining: u32,
    reset_after: Duration,
    bucket: &str,
) -> Vec<(&'static str, String)> {
    let reset = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        + reset_after;
    vec![
        ("X-RateLimit-Limit", limit.to_string()),
        ("X-RateLimit-Remaining", remaining.to_string()),
        ("X-RateLimit-Reset", up_to_millis(reset)),
        ("X-RateLimit-Reset-After", up_to_millis(reset_after)),
        ("X-RateLimit-Bucket", bucket_hash(bucket)),
    ]
}

/// Seconds with three decimals, rounded up: a client that waits what the header says never
/// comes back before the bucket has reset, however fast it is.
fn up_to_millis(duration: Duration) -> String {
    let millis = duration.as_nanos().div_ceil(1_000_000);
    format!("{}.{:03}", millis / 1000, millis % 1000)
}

/// A stable opaque bucket id, like Discord's.
fn bucket_hash(bucket: &str) -> String {
    let hash = bucket.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}
