//! A schedule's `rule` column: `once`, or a repeating rule in the author's 5-field cron,
//! with the moment it ends if it ends.

use std::fmt;
use std::str::FromStr;

use chrono::{TimeZone, Utc};
use chrono_tz::Tz;

use crate::course::repeat::Repeat;
use crate::model::UnixMillis;

/// When a schedule fires. Stored as its [`Display`](fmt::Display) text: `once` or the
/// [`Repeat`]'s text.
#[derive(Debug, Clone, PartialEq)]
pub enum ScheduleRule {
    /// At `next_fire_at` only; the schedule deactivates after firing.
    Once,
    /// On the cohort's wall clock, with the DST rules of [`crate::course::time`], up to
    /// its end if it has one.
    Repeat(Repeat),
}

impl ScheduleRule {
    /// The first occurrence strictly after `after`; always `None` for [`ScheduleRule::Once`].
    pub fn next_after(&self, after: UnixMillis, tz: Tz) -> Option<UnixMillis> {
        let ScheduleRule::Repeat(repeat) = self else {
            return None;
        };
        let after = Utc.timestamp_millis_opt(after).single()?;
        repeat.next_after(after, tz).map(|t| t.timestamp_millis())
    }
}

impl FromStr for ScheduleRule {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "once" => Ok(ScheduleRule::Once),
            rule => rule.parse().map(ScheduleRule::Repeat),
        }
    }
}

impl fmt::Display for ScheduleRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScheduleRule::Once => f.write_str("once"),
            ScheduleRule::Repeat(repeat) => repeat.fmt(f),
        }
    }
}
