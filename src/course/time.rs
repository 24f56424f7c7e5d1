//! Times in course packs: offsets from a cohort's start ("week 2, Tuesday 18:00"),
//! durations ("2h30m") and repeating rules (5-field cron), all in the cohort's time zone.
//!
//! This is the one place where local times become UTC instants. A local time inside a
//! spring-forward gap moves forward by the gap's length; a local time in the repeated autumn
//! hour means its first occurrence.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset};
use chrono::{LocalResult, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::words::count;

/// A moment counted from a cohort's start date, in the cohort's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExpr {
    pub anchor: Anchor,
    pub weekday: Option<Weekday>,
    pub time: NaiveTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The n-th day, week or month; 1 begins on the start date.
    Day(u32),
    Week(u32),
    Month(u32),
    /// This long after the start date.
    AfterDays(u32),
    AfterWeeks(u32),
    AfterMonths(u32),
}

impl TimeExpr {
    /// The local date and time this expression names for a cohort starting on `start`.
    pub fn local(&self, start: NaiveDate) -> Option<NaiveDateTime> {
        let first_day = match self.anchor {
            Anchor::Day(n) => start.checked_add_days(chrono::Days::new(u64::from(n - 1)))?,
            Anchor::Week(n) => start.checked_add_days(chrono::Days::new(7 * u64::from(n - 1)))?,
            Anchor::Month(n) => start.checked_add_months(Months::new(n - 1))?,
            Anchor::AfterDays(n) => start.checked_add_days(chrono::Days::new(u64::from(n)))?,
            Anchor::AfterWeeks(n) => start.checked_add_days(chrono::Days::new(7 * u64::from(n)))?,
            Anchor::AfterMonths(n) => start.checked_add_months(Months::new(n))?,
        };
        let date = match self.weekday {
            Some(day) => next_weekday_on_or_after(first_day, day),
            None => first_day,
        };
        Some(date.and_time(self.time))
    }

    /// The instant this expression names for a cohort starting on `start` in `tz`.
    pub fn resolve(&self, start: NaiveDate, tz: Tz) -> Option<DateTime<Utc>> {
        self.local(start).map(|local| local_to_utc(local, tz))
    }
}

/// Turns a local wall-clock time into an instant, by the rules in the module docs.
pub fn local_to_utc(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // Read the time with the offset in force just before the gap: that moves it
            // forward by exactly the gap's length.
            let before_gap = local - Duration::hours(3);
            let offset = tz
                .offset_from_local_datetime(&before_gap)
                .earliest()
                .map_or_else(
                    || tz.offset_from_utc_datetime(&before_gap).fix(),
                    |o| o.fix(),
                );
            Utc.from_utc_datetime(&(local - offset))
        }
    }
}

fn next_weekday_on_or_after(date: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date + Duration::days(i64::from(ahead))
}

const DEFAULT_TIME: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => panic!("09:00 is a valid time"),
};

impl FromStr for TimeExpr {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let lower = s.trim().to_ascii_lowercase();
        let (head, tail) = match lower.split_once(',') {
            Some((head, tail)) => (head.trim(), Some(tail.trim())),
            None => (lower.as_str(), None),
        };
        let mut words = head.split_whitespace();
        let first = words.next().ok_or("is empty")?;
        let (anchor, head_time) = if first == "after" {
            let n = parse_count(words.next())?;
            let anchor = match words.next() {
                Some("day" | "days") => Anchor::AfterDays(n),
                Some("week" | "weeks") => Anchor::AfterWeeks(n),
                Some("month" | "months") => Anchor::AfterMonths(n),
                _ => return Err("`after N` needs a unit: days, weeks or months".into()),
            };
            (anchor, words.next())
        } else {
            let n = parse_count(words.next())?;
            if n == 0 {
                return Err(format!("{first} numbers start at 1"));
            }
            let anchor = match first {
                "day" => Anchor::Day(n),
                "week" => Anchor::Week(n),
                "month" => Anchor::Month(n),
                other => return Err(format!("unknown start `{other}`")),
            };
            (anchor, words.next())
        };
        if let Some(extra) = words.next() {
            return Err(format!("unexpected `{extra}`"));
        }
        let (weekday, tail_time) = parse_tail(tail)?;
        if weekday.is_some() && !matches!(anchor, Anchor::Week(_) | Anchor::Month(_)) {
            return Err("a weekday goes only with `week N` or `month N`".into());
        }
        let time = match (head_time, tail_time) {
            (Some(_), Some(_)) => return Err("two times of day".into()),
            (Some(t), None) | (None, Some(t)) => parse_clock(t)?,
            (None, None) => DEFAULT_TIME,
        };
        Ok(TimeExpr {
            anchor,
            weekday,
            time,
        })
    }
}

fn parse_count(word: Option<&str>) -> Result<u32, String> {
    let word = word.ok_or("a number is missing")?;
    let n: u32 = word
        .parse()
        .map_err(|_| format!("`{word}` is not a number"))?;
    if n > 1200 {
        return Err(format!("{n} is too far from the start"));
    }
    Ok(n)
}

fn parse_tail(tail: Option<&str>) -> Result<(Option<Weekday>, Option<&str>), String> {
    let Some(tail) = tail else {
        return Ok((None, None));
    };
    let mut words = tail.split_whitespace();
    let (weekday, time) = match words.next() {
        None => return Err("nothing after the comma".into()),
        Some(w) if w.contains(':') => (None, Some(w)),
        Some(w) => (Some(parse_weekday(w)?), words.next()),
    };
    if let Some(extra) = words.next() {
        return Err(format!("unexpected `{extra}`"));
    }
    Ok((weekday, time))
}

fn parse_weekday(word: &str) -> Result<Weekday, String> {
    const DAYS: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    DAYS.iter()
        .find(|(name, _)| *name == word || (word.len() == 3 && name.starts_with(word)))
        .map(|(_, day)| *day)
        .ok_or_else(|| format!("`{word}` is not a weekday"))
}

fn parse_clock(word: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(word, "%H:%M")
        .map_err(|_| format!("`{word}` is not a time of day (HH:MM, 24-hour)"))
}

impl fmt::Display for TimeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.anchor {
            Anchor::Day(n) => write!(f, "day {n}")?,
            Anchor::Week(n) => write!(f, "week {n}")?,
            Anchor::Month(n) => write!(f, "month {n}")?,
            Anchor::AfterDays(n) => write!(f, "after {}", count(n as usize, "day", "days"))?,
            Anchor::AfterWeeks(n) => write!(f, "after {}", count(n as usize, "week", "weeks"))?,
            Anchor::AfterMonths(n) => write!(f, "after {}", count(n as usize, "month", "months"))?,
        }
        match self.weekday {
            Some(day) => write!(f, ", {day} {}", self.time.format("%H:%M")),
            None => write!(f, ", {}", self.time.format("%H:%M")),
        }
    }
}

impl Serialize for TimeExpr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeExpr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Parses "90m", "1h", "2h30m", "3d", "6w" into minutes.
pub fn parse_minutes(s: &str) -> Result<u32, String> {
    let s = s.trim();
    let mut total: u64 = 0;
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit: u64 = match c {
            'm' => 1,
            'h' => 60,
            'd' => 60 * 24,
            'w' => 60 * 24 * 7,
            _ => return Err(format!("`{s}` is not a duration (use m, h, d, w: `2h30m`)")),
        };
        let n: u64 = digits
            .parse()
            .map_err(|_| format!("`{s}` is not a duration (a number goes before each unit)"))?;
        total += n * unit;
        digits.clear();
    }
    if !digits.is_empty() || s.is_empty() {
        return Err(format!("`{s}` is not a duration (use m, h, d, w: `2h30m`)"));
    }
    if total == 0 {
        return Err(format!(
            "`{s}` is no time at all: a duration is at least `1m`"
        ));
    }
    u32::try_from(total)
        .ok()
        .filter(|&m| m <= 60 * 24 * 366 * 2)
        .ok_or_else(|| format!("`{s}` is longer than two years"))
}

/// A repeating rule as an author writes it: 5-field cron (`minute hour day month weekday`,
/// weekday 0 or 7 = Sunday, names allowed), read in the cohort's time zone.
#[derive(Debug, Clone)]
pub struct CronRule {
    source: String,
    schedule: Box<cron::Schedule>,
}

impl CronRule {
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The same rule in the `cron` crate's syntax: seconds first, weekday 1 = Sunday.
    pub fn cron_expression(&self) -> String {
        self.schedule.to_string()
    }

    /// The first occurrence strictly after `after`, reading the rule on the wall clock of `tz`.
    pub fn next_after(&self, after: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        // The rule runs on naive local time (a UTC-labelled clock), so each wall-clock time
        // fires once; `local_to_utc` then applies the gap and repeat rules. Start a little
        // early so a time pushed forward by a gap is not missed.
        let local_after = after.with_timezone(&tz).naive_local();
        let probe = Utc.from_utc_datetime(&(local_after - Duration::hours(3)));
        self.schedule
            .after(&probe)
            .take(100_000)
            .map(|t| local_to_utc(t.naive_utc(), tz))
            .find(|t| *t > after)
    }
}

impl PartialEq for CronRule {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl FromStr for CronRule {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let fields: Vec<&str> = s.split_whitespace().collect();
        let [minute, hour, day, month, weekday] = fields[..] else {
            return Err(format!(
                "`{s}` needs five fields: minute hour day-of-month month day-of-week"
            ));
        };
        let weekday = convert_weekday_field(weekday)?;
        let expression = format!("0 {minute} {hour} {day} {month} {weekday}");
        let schedule = cron::Schedule::from_str(&expression)
            .map_err(|e| format!("`{s}` is not a valid cron rule: {e}"))?;
        if schedule.upcoming(Utc).next().is_none() {
            return Err(format!("`{s}` never happens"));
        }
        Ok(CronRule {
            source: s.split_whitespace().collect::<Vec<_>>().join(" "),
            schedule: Box::new(schedule),
        })
    }
}

impl Serialize for CronRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.source)
    }
}

impl<'de> Deserialize<'de> for CronRule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

const WEEKDAY_NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Standard cron counts weekdays from 0 = Sunday; the `cron` crate from 1 = Sunday. Expanding
/// the field to day names sidesteps the difference.
fn convert_weekday_field(field: &str) -> Result<String, String> {
    let mut days = [false; 7];
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((range, step)) => (range, parse_step(step)?),
            None => (part, 1),
        };
        let (from, to) = match range {
            "*" => (0, 6),
            _ => match range.split_once('-') {
                Some((a, b)) => (weekday_number(a)?, weekday_number(b)?),
                None if step > 1 => (weekday_number(range)?, 6),
                None => {
                    let d = weekday_number(range)?;
                    (d, d)
                }
            },
        };
        let to = if to < from && to == 0 { 7 } else { to };
        if to < from {
            return Err(format!("weekday range `{range}` runs backwards"));
        }
        for d in (from..=to).step_by(step) {
            days[d % 7] = true;
        }
    }
    if days.iter().all(|&d| d) {
        return Ok("*".into());
    }
    let names: Vec<&str> = (0..7)
        .filter(|&d| days[d])
        .map(|d| WEEKDAY_NAMES[d])
        .collect();
    Ok(names.join(","))
}

fn parse_step(step: &str) -> Result<usize, String> {
    match step.parse::<usize>() {
        Ok(n) if (1..=7).contains(&n) => Ok(n),
        _ => Err(format!("`/{step}` is not a weekday step (1 to 7)")),
    }
}

fn weekday_number(word: &str) -> Result<usize, String> {
    if let Ok(n) = word.parse::<usize>() {
        return if n <= 7 {
            Ok(n)
        } else {
            Err(format!(
                "weekday `{n}` is out of range (0–7, 0 and 7 are Sunday)"
            ))
        };
    }
    let upper = word.to_ascii_uppercase();
    WEEKDAY_NAMES
        .iter()
        .position(|name| upper.len() >= 3 && upper.starts_with(name))
        .ok_or_else(|| format!("`{word}` is not a weekday"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn at(expr: &str, start: NaiveDate, tz: Tz) -> DateTime<Utc> {
        expr.parse::<TimeExpr>()
            .unwrap()
            .resolve(start, tz)
            .unwrap()
    }

    #[test]
    fn offsets_count_from_the_start_date() {
        // 2026-09-07 is a Monday.
        let start = date(2026, 9, 7);
        let london = chrono_tz::Europe::London;
        assert_eq!(at("day 1", start, london), utc("2026-09-07T08:00:00Z"));
        assert_eq!(
            at("day 3, 14:30", start, london),
            utc("2026-09-09T13:30:00Z")
        );
        assert_eq!(
            at("week 2, Tuesday 18:00", start, london),
            utc("2026-09-15T17:00:00Z")
        );
        assert_eq!(
            at("month 9, Saturday 10:00", start, london),
            utc("2027-05-08T09:00:00Z")
        );
        assert_eq!(
            at("after 6 months", start, london),
            utc("2027-03-07T09:00:00Z")
        );
        assert_eq!(
            at("after 2 weeks, 07:15", start, london),
            utc("2026-09-21T06:15:00Z")
        );
    }

    #[test]
    fn weekday_within_the_week_starts_at_the_weeks_first_day() {
        let start = date(2026, 9, 9); // a Wednesday
        let expr: TimeExpr = "week 1, Monday".parse().unwrap();
        assert_eq!(expr.local(start).unwrap().date(), date(2026, 9, 14));
        let expr: TimeExpr = "week 1, wed 08:00".parse().unwrap();
        assert_eq!(expr.local(start).unwrap().date(), start);
    }

    #[test]
    fn bad_expressions_say_what_is_wrong() {
        for (expr, says) in [
            ("", "empty"),
            ("week zero", "not a number"),
            ("week 0", "start at 1"),
            ("fortnight 2", "unknown start"),
            ("week 2, Funday 18:00", "not a weekday"),
            ("week 2, Tuesday 25:00", "not a time of day"),
            ("day 2, Monday", "weekday goes only"),
            ("after 6", "needs a unit"),
            ("week 2 10:00, 11:00", "two times"),
        ] {
            let err = expr.parse::<TimeExpr>().unwrap_err();
            assert!(err.contains(says), "{expr:?} gave {err:?}");
        }
    }

    #[test]
    fn time_expressions_round_trip_through_their_canonical_text() {
        for text in [
            "week 2, Tue 18:00",
            "after 6 months",
            "month 3, sunday 07:05",
        ] {
            let expr: TimeExpr = text.parse().unwrap();
            assert_eq!(expr.to_string().parse::<TimeExpr>().unwrap(), expr);
        }
    }

    #[test]
    fn spring_gap_moves_forward_by_the_gap_in_london() {
        // Clocks went from 01:00 GMT to 02:00 BST on 2026-03-29.
        let local = date(2026, 3, 29).and_hms_opt(1, 30, 0).unwrap();
        assert_eq!(
            local_to_utc(local, chrono_tz::Europe::London),
            utc("2026-03-29T01:30:00Z")
        );
    }

    #[test]
    fn autumn_repeat_means_the_first_occurrence_in_london() {
        // 01:30 happened twice on 2026-10-25: at 00:30Z (BST) and at 01:30Z (GMT).
        let local = date(2026, 10, 25).and_hms_opt(1, 30, 0).unwrap();
        assert_eq!(
            local_to_utc(local, chrono_tz::Europe::London),
            utc("2026-10-25T00:30:00Z")
        );
    }

    #[test]
    fn sao_paulo_gap_and_repeat_follow_the_same_rules() {
        let tz = chrono_tz::America::Sao_Paulo;
        // 2018-11-04: midnight jumped to 01:00 (-03 to -02).
        let gap = date(2018, 11, 4).and_hms_opt(0, 30, 0).unwrap();
        assert_eq!(local_to_utc(gap, tz), utc("2018-11-04T03:30:00Z"));
        // 2019-02-16: midnight went back to 23:00 of the 16th, so 23:30 happened twice.
        let repeat = date(2019, 2, 16).and_hms_opt(23, 30, 0).unwrap();
        assert_eq!(local_to_utc(repeat, tz), utc("2019-02-17T01:30:00Z"));
    }

    #[test]
    fn durations_add_up_their_units() {
        assert_eq!(parse_minutes("90m"), Ok(90));
        assert_eq!(parse_minutes("2h30m"), Ok(150));
        assert_eq!(parse_minutes("1d"), Ok(1440));
        assert_eq!(parse_minutes("6w"), Ok(6 * 7 * 1440));
        for bad in ["", "0m", "h", "2x", "30", "1000w"] {
            assert!(parse_minutes(bad).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(
            parse_minutes("0h"),
            Err("`0h` is no time at all: a duration is at least `1m`".into())
        );
    }

    #[test]
    fn standard_weekday_numbers_mean_what_they_mean_in_cron() {
        assert_eq!(convert_weekday_field("0").unwrap(), "SUN");
        assert_eq!(convert_weekday_field("7").unwrap(), "SUN");
        assert_eq!(convert_weekday_field("1-5").unwrap(), "MON,TUE,WED,THU,FRI");
        assert_eq!(convert_weekday_field("5-7").unwrap(), "SUN,FRI,SAT");
        assert_eq!(convert_weekday_field("TUE,thu").unwrap(), "TUE,THU");
        assert_eq!(convert_weekday_field("*/2").unwrap(), "SUN,TUE,THU,SAT");
        assert_eq!(convert_weekday_field("*").unwrap(), "*");
        assert!(convert_weekday_field("8").is_err());
        assert!(convert_weekday_field("FRI-MON").is_err());
    }

    #[test]
    fn cron_rules_fire_on_the_cohorts_wall_clock() {
        let rule: CronRule = "0 18 * * TUE".parse().unwrap();
        let london = chrono_tz::Europe::London;
        // Wednesday 2026-09-09 → next Tuesday 2026-09-15 18:00 BST.
        let next = rule
            .next_after(utc("2026-09-09T12:00:00Z"), london)
            .unwrap();
        assert_eq!(next, utc("2026-09-15T17:00:00Z"));
        // In winter the same wall-clock time is 18:00Z.
        let next = rule
            .next_after(utc("2026-11-04T12:00:00Z"), london)
            .unwrap();
        assert_eq!(next, utc("2026-11-10T18:00:00Z"));
    }

    #[test]
    fn cron_rules_fire_once_in_the_repeated_hour_and_late_in_the_gap() {
        let rule: CronRule = "30 1 * * *".parse().unwrap();
        let london = chrono_tz::Europe::London;
        let spring = rule
            .next_after(utc("2026-03-28T12:00:00Z"), london)
            .unwrap();
        assert_eq!(spring, utc("2026-03-29T01:30:00Z"));
        let autumn = rule
            .next_after(utc("2026-10-24T12:00:00Z"), london)
            .unwrap();
        assert_eq!(autumn, utc("2026-10-25T00:30:00Z"));
        let after_autumn = rule.next_after(autumn, london).unwrap();
        assert_eq!(after_autumn, utc("2026-10-26T01:30:00Z"));
    }

    #[test]
    fn cron_rules_reject_what_they_cannot_run() {
        for (rule, says) in [
            ("0 18 * *", "five fields"),
            ("0 25 * * *", "not a valid cron rule"),
            ("0 18 * * NOPE", "not a weekday"),
            ("0 18 30 2 *", "never happens"),
        ] {
            let err = rule.parse::<CronRule>().unwrap_err();
            assert!(err.contains(says), "{rule:?} gave {err:?}");
        }
    }
}
