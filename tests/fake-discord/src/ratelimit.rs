//! Rate limits as Discord applies them to a bot: a global limit on requests per second
//! (50 by default; interaction endpoints are exempt) and, if a test configures one, a per-route
//! bucket limit. A limited request is answered 429 with `retry_after` in the body and the
//! `Retry-After` / `X-RateLimit-*` headers.

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
        let secs = self.retry_after.as_secs_f64();
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
            let reset = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default()
                + self.retry_after;
            headers.extend([
                ("X-RateLimit-Limit", self.limit.to_string()),
                ("X-RateLimit-Remaining", "0".to_owned()),
                ("X-RateLimit-Reset", format!("{:.3}", reset.as_secs_f64())),
                ("X-RateLimit-Reset-After", format!("{secs:.3}")),
                ("X-RateLimit-Bucket", bucket_hash(&self.bucket)),
            ]);
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

/// Sliding windows of accepted requests.
#[derive(Default)]
pub(crate) struct RateLimiter {
    global: VecDeque<Instant>,
    routes: HashMap<String, VecDeque<Instant>>,
}

impl RateLimiter {
    /// Admits a request to `bucket` at `now`, or says how long to wait.
    pub fn admit(
        &mut self,
        global_limit: u32,
        route_limit: Option<RouteLimit>,
        bucket: &str,
        now: Instant,
    ) -> Result<(), Limited> {
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
        Ok(())
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

/// A stable opaque bucket id, like Discord's.
fn bucket_hash(bucket: &str) -> String {
    let hash = bucket.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}
