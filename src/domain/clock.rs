use chrono::{DateTime, Utc};

use crate::model::UnixMillis;

/// The time, behind a trait so tests can move it.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;

    fn now_ms(&self) -> UnixMillis {
        self.now().timestamp_millis()
    }
}

/// The machine's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}
