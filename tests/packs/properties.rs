//! Property tests of the course time rules across daylight-saving changes, in zones that
//! move by an hour in either hemisphere and one that moves by 30 minutes (Lord Howe).
//! São Paulo changed its clocks at midnight until 2019, so its gap and repeated hour cross
//! a date. Cases come from `PROPTEST_CASES` (proptest's default, 256, when unset).

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset};
use chrono::{TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use cohortbot::course::time::{local_to_utc, CronRule, TimeExpr};
use proptest::prelude::*;

const ZONES: [Tz; 3] = [
    chrono_tz::Europe::London,
    chrono_tz::America::Sao_Paulo,
    chrono_tz::Australia::Lord_Howe,
];

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn offset_at(tz: Tz, t: DateTime<Utc>) -> Duration {
    Duration::seconds(i64::from(
        tz.offset_from_utc_datetime(&t.naive_utc())
            .fix()
            .local_minus_utc(),
    ))
}

/// Every instant between 2015 and 2030 at which `tz` changes its offset.
fn transitions(tz: Tz) -> &'static [DateTime<Utc>] {
    static FOUND: OnceLock<Vec<Vec<DateTime<Utc>>>> = OnceLock::new();
    let all = FOUND.get_or_init(|| {
        ZONES
            .iter()
            .map(|&tz| {
                let mut found = Vec::new();
                let mut t = Utc.with_ymd_and_hms(2015, 1, 1, 0, 0, 0).unwrap();
                let end = Utc.with_ymd_and_hms(2031, 1, 1, 0, 0, 0).unwrap();
                let step = Duration::minutes(30);
                while t < end {
                    if offset_at(tz, t) != offset_at(tz, t + step) {
                        found.push(t + step);
                    }
                    t += step;
                }
                found
            })
            .collect()
    });
    &all[ZONES.iter().position(|z| *z == tz).unwrap()]
}

fn zone() -> impl Strategy<Value = Tz> {
    prop::sample::select(ZONES.to_vec())
}

/// A local time within three hours of one of the zone's clock changes, to the minute.
fn local_near_a_change() -> impl Strategy<Value = (Tz, NaiveDateTime)> {
    (zone(), any::<prop::sample::Index>(), -180i64..=180).prop_map(|(tz, which, minutes)| {
        let changes = transitions(tz);
        let change = changes[which.index(changes.len())];
        let local = (change + Duration::minutes(minutes))
            .with_timezone(&tz)
            .naive_local();
        (tz, local)
    })
}

/// How far the wall clock of `tz` jumped in the six hours before `at`.
fn gap_length(tz: Tz, at: DateTime<Utc>) -> Duration {
    offset_at(tz, at) - offset_at(tz, at - Duration::hours(6))
}

/// The module rule: a wall-clock time that exists maps back to itself; in the repeated
/// hour it is the first occurrence; in a gap it moves forward by the gap's length.
fn assert_documented_rule(tz: Tz, local: NaiveDateTime, utc: DateTime<Utc>) {
    let back = utc.with_timezone(&tz).naive_local();
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(_) => assert_eq!(back, local),
        chrono::LocalResult::Ambiguous(first, second) => {
            assert_eq!(back, local);
            assert_eq!(utc, first.min(second).with_timezone(&Utc));
        }
        chrono::LocalResult::None => {
            let gap = gap_length(tz, utc);
            assert!(gap > Duration::zero(), "{local} in {tz} is in no gap");
            assert_eq!(back, local + gap, "{local} in {tz} by a {gap} gap");
        }
    }
}

fn local_date_time() -> impl Strategy<Value = NaiveDateTime> {
    (0u32..(16 * 365), 0u32..24, 0u32..60).prop_map(|(day, h, m)| {
        (NaiveDate::from_ymd_opt(2015, 1, 1).unwrap() + Duration::days(i64::from(day)))
            .and_hms_opt(h, m, 0)
            .unwrap()
    })
}

proptest! {
    #[test]
    fn local_times_near_clock_changes_follow_the_documented_rule(
        (tz, local) in local_near_a_change(),
    ) {
        assert_documented_rule(tz, local, local_to_utc(local, tz));
    }

    #[test]
    fn local_times_anywhere_follow_the_documented_rule(tz in zone(), local in local_date_time()) {
        assert_documented_rule(tz, local, local_to_utc(local, tz));
    }

    #[test]
    fn later_wall_clock_times_are_never_earlier_instants(
        (tz, local) in local_near_a_change(),
        later_by in 1i64..240,
    ) {
        let later = local + Duration::minutes(later_by);
        prop_assert!(local_to_utc(local, tz) <= local_to_utc(later, tz));
    }

    #[test]
    fn time_expressions_read_back_from_their_text(
        anchor in 0usize..6,
        n in 1u32..=1200,
        weekday in prop::option::of(prop::sample::select(WEEKDAYS.to_vec())),
        h in 0u32..24,
        m in 0u32..60,
    ) {
        let unit = ["day", "week", "month", "after", "after", "after"][anchor];
        let head = match anchor {
            3 => format!("after {n} days"),
            4 => format!("after {n} weeks"),
            5 => format!("after {n} months"),
            _ => format!("{unit} {n}"),
        };
        let weekday = weekday.filter(|_| matches!(anchor, 1 | 2));
        let text = match weekday {
            Some(day) => format!("{head}, {day} {h:02}:{m:02}"),
            None => format!("{head}, {h:02}:{m:02}"),
        };
        let expr: TimeExpr = text.parse().unwrap();
        prop_assert_eq!(expr.weekday, weekday);
        prop_assert_eq!(expr.time, NaiveTime::from_hms_opt(h, m, 0).unwrap());
        prop_assert_eq!(expr.to_string().parse::<TimeExpr>().unwrap(), expr);
    }

    #[test]
    fn a_weekly_rule_stays_on_its_local_weekday_and_time(
        tz in zone(),
        start_day in 0u32..(15 * 365),
        weekday in prop::sample::select(WEEKDAYS.to_vec()),
        h in 0u32..24,
        m in 0u32..60,
        weeks in 2u32..60,
    ) {
        let start = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap()
            + Duration::days(i64::from(start_day));
        let time = NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let mut previous: Option<DateTime<Utc>> = None;
        for week in 1..=weeks {
            let text = format!("week {week}, {weekday} {h:02}:{m:02}");
            let expr: TimeExpr = text.parse().unwrap();
            let local = expr.local(start).unwrap();
            prop_assert_eq!(local.weekday(), weekday);
            prop_assert_eq!(local.time(), time);
            prop_assert!(local.date() >= start && local.date() < start + Duration::days(i64::from(7 * week)));
            let at = expr.resolve(start, tz).unwrap();
            assert_documented_rule(tz, local, at);
            if let Some(previous) = previous {
                prop_assert!(at > previous);
                let apart = at - previous;
                prop_assert!((apart - Duration::days(7)).num_minutes().abs() <= 60, "{text}: {apart}");
            }
            previous = Some(at);
        }
    }

    #[test]
    fn after_n_months_lands_on_the_same_day_of_the_month_or_its_last(
        start_day in 0u32..(15 * 365),
        n in 1u32..=120,
    ) {
        let start = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap()
            + Duration::days(i64::from(start_day));
        let expr: TimeExpr = format!("after {n} months").parse().unwrap();
        let local = expr.local(start).unwrap();
        let months = (local.year() - start.year()) * 12 + local.month() as i32 - start.month() as i32;
        prop_assert_eq!(months, n as i32);
        let day = local.day();
        let last_day = (local.date() + Duration::days(1)).day() == 1;
        prop_assert!(day == start.day() || (day < start.day() && last_day));
        prop_assert_eq!(local.time(), NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    }

    #[test]
    fn a_daily_cron_rule_fires_once_every_local_day_across_clock_changes(
        (tz, around) in local_near_a_change(),
        h in 0u32..24,
        m in 0u32..60,
    ) {
        let rule: CronRule = format!("{m} {h} * * *").parse().unwrap();
        let from = local_to_utc(around - Duration::days(3), tz);
        let mut at = from;
        let mut days = Vec::new();
        for _ in 0..7 {
            let next = rule.next_after(at, tz).unwrap();
            prop_assert!(next > at);
            let local = next.with_timezone(&tz).naive_local();
            let intended = local.date().and_hms_opt(h, m, 0).unwrap();
            assert_documented_rule(tz, intended, next);
            days.push(local.date());
            at = next;
        }
        for pair in days.windows(2) {
            prop_assert_eq!(pair[1], pair[0].succ_opt().unwrap(), "{:?}", days);
        }
        let first_day = from.with_timezone(&tz).date_naive();
        prop_assert!(days[0] <= first_day.succ_opt().unwrap());
    }

    #[test]
    fn a_cron_weekday_field_means_the_days_it_names(
        tz in zone(),
        days in prop::collection::btree_set(0usize..7, 1..7),
        spelling in prop::collection::vec(0usize..3, 7),
        start_day in 0u32..(15 * 365),
        h in 0u32..24,
        m in 0u32..60,
    ) {
        const NAMES: [&str; 7] = ["sun", "MON", "Tue", "wed", "THU", "fri", "SAT"];
        let field: Vec<String> = days
            .iter()
            .map(|&d| match spelling[d] {
                0 => d.to_string(),
                1 if d == 0 => "7".to_string(),
                _ => NAMES[d].to_string(),
            })
            .collect();
        let source = format!("{m} {h} * * {}", field.join(","));
        let rule: CronRule = source.parse().unwrap();
        let start = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap()
            + Duration::days(i64::from(start_day));
        let mut at = local_to_utc(start.and_hms_opt(0, 0, 0).unwrap(), tz);
        let end = at + Duration::days(14);
        let mut seen = std::collections::BTreeSet::new();
        let mut count = 0;
        loop {
            let next = rule.next_after(at, tz).unwrap();
            if next >= end {
                break;
            }
            let local = next.with_timezone(&tz).naive_local();
            let intended = local.date().and_hms_opt(h, m, 0).unwrap();
            assert_documented_rule(tz, intended, next);
            let weekday = local.weekday().num_days_from_sunday() as usize;
            prop_assert!(days.contains(&weekday), "{source} fired on {local}");
            seen.insert(weekday);
            count += 1;
            at = next;
        }
        prop_assert_eq!(&seen, &days, "{}", source);
        // Fourteen days hold each weekday twice; the ends may cut one occurrence either way.
        prop_assert!(count + 1 >= 2 * days.len() && count <= 2 * days.len() + 1, "{source}: {count}");
    }
}
