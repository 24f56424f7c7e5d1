//! A repeating rule and the moment it ends, as a schedule stores it: `0 18 * * TUE`, or
//! `0 18 * * TUE until 2026-10-13T17:00:00Z` for a rule that stops.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;

use super::time::CronRule;

#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    pub rule: CronRule,
    /// The last instant an occurrence may fall at; `None` repeats for ever.
    pub until: Option<DateTime<Utc>>,
}

const UNTIL: &str = " until ";

impl Repeat {
    /// The first occurrence strictly after `after` and not after `until`.
    pub fn next_after(&self, after: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        let next = self.rule.next_after(after, tz)?;
        Some(next).filter(|t| self.until.is_none_or(|until| *t <= until))
    }
}

impl fmt::Display for Repeat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rule.source())?;
        if let Some(until) = self.until {
            let until = until.to_rfc3339_opts(SecondsFormat::Secs, true);
            write!(f, "{UNTIL}{until}")?;
        }
        Ok(())
    }
}

impl FromStr for Repeat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (rule, until) = match s.split_once(UNTIL) {
            Some((rule, until)) => {
                let until = DateTime::parse_from_rfc3339(until.trim())
                    .map_err(|e| format!("`{until}` is not an end time: {e}"))?;
                (rule, Some(until.with_timezone(&Utc)))
            }
            None => (s, None),
        };
        Ok(Repeat {
            rule: rule.parse()?,
            until,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_rule_with_an_end_round_trips_through_its_text() {
        for text in ["0 18 * * TUE", "0 18 * * TUE until 2026-10-13T17:00:00Z"] {
            assert_eq!(text.parse::<Repeat>().unwrap().to_string(), text);
        }
        assert!("0 18 * * TUE until soon".parse::<Repeat>().is_err());
    }

    #[test]
    fn no_occurrence_falls_after_the_end() {
        let repeat: Repeat = "0 18 * * TUE until 2026-09-15T17:00:00Z".parse().unwrap();
        let london = chrono_tz::Europe::London;
        let first = repeat.next_after(utc("2026-09-09T12:00:00Z"), london);
        assert_eq!(first, Some(utc("2026-09-15T17:00:00Z")));
        assert_eq!(repeat.next_after(utc("2026-09-15T17:00:00Z"), london), None);
    }
}
