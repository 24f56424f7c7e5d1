//! A schedule's `rule` column: `once`, or a repeating rule in the author's 5-field cron.

use std::fmt;
use std::str::FromStr;

use chrono::{TimeZone, Utc};
use chrono_tz::Tz;

use crate::course::time::CronRule;
use crate::model::UnixMillis;

/// When a schedule fires. Stored as its [`Display`](fmt::Display) text: `once` or the
/// rule's [`CronRule::source`].
#[derive(Debug, Clone, PartialEq)]
pub enum ScheduleRule {
    /// At `next_fire_at` only; the schedule deactivates after firing.
    Once,
    /// On the cohort's wall clock, with the DST rules of [`crate::course::time`].
    Repeat(CronRule),
}

impl ScheduleRule {
    /// The first occurrence strictly after `after`; always `None` for [`ScheduleRule::Once`].
    pub fn next_after(&self, after: UnixMillis, tz: Tz) -> Option<UnixMillis> {
        let ScheduleRule::Repeat(rule) = self else {
            return None;
        };
        let after = Utc.timestamp_millis_opt(after).single()?;
        rule.next_after(after, tz).map(|t| t.timestamp_millis())
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
            ScheduleRule::Repeat(rule) => f.write_str(rule.source()),
        }
    }
}
