//! The prompts' pure parts: conditions, planning, times written by facilitators, thread names.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::course::{Audience, Course};
use crate::i18n::Lang;
use crate::model::*;

use super::commands::{parse_when, view, When};
use super::gate::{dated_thread_name, MAX_THREAD_NAME};
use super::missed::{missed_prompts, MissedPrompts};
use super::payloads::{channel_target, Condition, PromptContent};
use super::planning::{plan_course, MILESTONE_KIND, NUDGE_KIND, NUDGE_RULE, PROMPT_KIND};

fn cohort() -> Cohort {
    Cohort {
        id: CohortId(3),
        guild_id: GuildId(1),
        name: "Autumn".into(),
        course_version_id: CourseVersionId(1),
        course_id: "course".into(),
        time_zone: chrono_tz::Europe::London,
        starts_on: NaiveDate::from_ymd_opt(2026, 9, 7).unwrap(),
        channel_id: None,
        join_code: "code".into(),
        created_by: UserId(9),
        created_at: 0,
        archived_at: None,
    }
}

#[test]
fn conditions_are_stored_as_tagged_json() {
    let nudge = Condition::Nudge {
        cohort: 3,
        user: 42,
        module: "basics".into(),
    };
    let json = nudge.to_json().unwrap();
    assert_eq!(
        json,
        serde_json::json!({"check": "nudge", "cohort": 3, "user": 42, "module": "basics"})
    );
    assert_eq!(serde_json::from_value::<Condition>(json).unwrap(), nudge);
}

#[test]
fn facilitators_write_a_local_date_and_time_or_a_cron_rule() {
    let now = Utc
        .with_ymd_and_hms(2026, 9, 1, 0, 0, 0)
        .unwrap()
        .timestamp_millis();
    let Ok(When::At(at)) = parse_when(" 2026-09-10 18:00 ", &cohort(), now) else {
        panic!("a date and time");
    };
    // 18:00 BST is 17:00 UTC.
    let expected = Utc.with_ymd_and_hms(2026, 9, 10, 17, 0, 0).unwrap();
    assert_eq!(at, expected.timestamp_millis());
    assert!(matches!(
        parse_when("0 18 * * TUE", &cohort(), now),
        Ok(When::Repeat(_))
    ));
    assert!(
        parse_when("2026-08-01 18:00", &cohort(), now).is_err(),
        "past"
    );
    assert!(parse_when("next tuesday", &cohort(), now).is_err());
}

#[test]
fn a_course_plans_its_prompts_and_milestones_still_to_come_and_a_weekly_nudge() {
    let course: Course = serde_json::from_value(serde_json::json!({
        "id": "c", "title": "C", "summary": "", "version": "1", "content_hash": "h",
        "time_zone": null, "path": [], "modules": [], "badges": [], "pathways": [],
        "series": [], "events": [],
        "milestones": [{"id": "m", "title": "M", "description": "", "at": "after 6 months",
                        "badge": null}],
        "prompts": [
            {"id": "past", "title": "Past", "when": {"at": "day 1"}, "body": "",
             "thread": true, "audience": "cohort"},
            {"id": "e1", "title": "E1", "when": {"at": "week 4, Wednesday 10:00"},
             "body": "", "thread": true, "audience": "cohort"},
            {"id": "weekly", "title": "W", "when": {"every": "0 18 * * TUE"}, "body": "",
             "thread": false, "audience": "facilitators"}
        ]
    }))
    .unwrap();
    let now = Utc.with_ymd_and_hms(2026, 9, 8, 12, 0, 0).unwrap();
    let planned = plan_course(&course, &cohort(), now.timestamp_millis(), Lang::En);
    let summary: Vec<(&str, &str, DateTime<Utc>)> = planned
        .iter()
        .map(|p| {
            (
                p.kind,
                p.rule.as_str(),
                Utc.timestamp_millis_opt(p.at).unwrap(),
            )
        })
        .collect();
    let utc = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
    assert_eq!(
        summary,
        [
            (PROMPT_KIND, "once", utc("2026-09-30T09:00:00Z")),
            (PROMPT_KIND, "0 18 * * TUE", utc("2026-09-08T17:00:00Z")),
            (MILESTONE_KIND, "once", utc("2027-03-07T09:00:00Z")),
            (NUDGE_KIND, NUDGE_RULE, utc("2026-09-14T09:00:00Z")),
        ]
    );
    let missed = missed_prompts(&course, &cohort(), now.timestamp_millis());
    let day_one = utc("2026-09-07T08:00:00Z").timestamp_millis();
    assert_eq!(
        missed,
        MissedPrompts {
            posted_late: Some(("Past".into(), day_one)),
            skipped: vec![],
        }
    );
}

#[test]
fn thread_names_carry_the_local_date_and_keep_it_within_discords_limit() {
    // 23:30 UTC on 11 March is already 12 March in Auckland.
    let due = Utc
        .with_ymd_and_hms(2026, 3, 11, 23, 30, 0)
        .unwrap()
        .timestamp_millis();
    let london = chrono_tz::Europe::London;
    assert_eq!(
        dated_thread_name("Weekly check-in", due, london, Lang::En),
        "Weekly check-in — 11 March"
    );
    assert_eq!(
        dated_thread_name(
            "Weekly check-in",
            due,
            chrono_tz::Pacific::Auckland,
            Lang::En
        ),
        "Weekly check-in — 12 March"
    );
    assert_eq!(
        dated_thread_name("Point de la semaine", due, london, Lang::Fr),
        "Point de la semaine — 11 mars"
    );
    let long = dated_thread_name(&"x".repeat(150), due, london, Lang::En);
    assert_eq!(long.chars().count(), MAX_THREAD_NAME);
    assert!(long.ends_with(" — 11 March"), "{long}");
}

#[test]
fn cohort_prompts_are_addressed_at_send_time_with_or_without_a_channel() {
    let content = PromptContent {
        title: "E1".into(),
        body: "Talk.".into(),
        thread: true,
        audience: Audience::Cohort,
    };
    let payload = content.payload(&cohort());
    assert_eq!(
        payload.message.condition,
        Condition::CohortChannel { cohort: 3 }.to_json()
    );
    let with_channel = Cohort {
        channel_id: Some(ChannelId(5)),
        ..cohort()
    };
    let payload = content.payload(&with_channel);
    assert_eq!(payload.target, channel_target(ChannelId(5)));
    assert_eq!(
        payload.message.condition,
        Condition::CohortChannel { cohort: 3 }.to_json()
    );
    assert_eq!(payload.message.thread_name.as_deref(), Some("E1"));
}

#[test]
fn a_repeating_prompt_ends_at_its_until_or_after_its_count_whichever_comes_first() {
    let course: Course = serde_json::from_value(serde_json::json!({
        "id": "c", "title": "C", "summary": "", "version": "1", "content_hash": "h",
        "time_zone": null, "path": [], "modules": [], "badges": [], "pathways": [],
        "series": [], "events": [], "milestones": [],
        "prompts": [
            {"id": "six", "title": "Six", "when": {"every": "0 18 * * TUE"}, "count": 6,
             "body": "", "thread": false, "audience": "cohort"},
            {"id": "until", "title": "Until", "when": {"every": "0 18 * * TUE"},
             "until": "week 3, Wednesday", "count": 6, "body": "", "thread": false,
             "audience": "cohort"},
            {"id": "over", "title": "Over", "when": {"every": "0 18 * * TUE"}, "count": 1,
             "body": "", "thread": false, "audience": "cohort"}
        ]
    }))
    .unwrap();
    // Two Tuesdays into the cohort, which started on Monday 2026-09-07.
    let now = Utc.with_ymd_and_hms(2026, 9, 16, 12, 0, 0).unwrap();
    let planned: Vec<_> = plan_course(&course, &cohort(), now.timestamp_millis(), Lang::En)
        .into_iter()
        .filter(|p| p.kind == PROMPT_KIND)
        .collect();
    let rules: Vec<&str> = planned.iter().map(|p| p.rule.as_str()).collect();
    assert_eq!(
        rules,
        [
            // The sixth Tuesday from the start, however late the cohort was created.
            "0 18 * * TUE until 2026-10-13T17:00:00Z",
            // 09:00 on the Wednesday of week 3 comes before the sixth Tuesday.
            "0 18 * * TUE until 2026-09-23T08:00:00Z",
        ],
        "the prompt whose one post has passed gets no schedule"
    );
    let listed = view(&Schedule {
        id: ScheduleId(1),
        cohort_id: cohort().id,
        kind: PROMPT_KIND.into(),
        rule: planned[0].rule.clone(),
        time_zone: cohort().time_zone,
        next_fire_at: Some(planned[0].at),
        payload: planned[0].payload.to_json(),
        active: true,
        created_at: 0,
    });
    assert_eq!(listed.repeats.as_deref(), Some("0 18 * * TUE"));
    let end = Utc.with_ymd_and_hms(2026, 10, 13, 17, 0, 0).unwrap();
    assert_eq!(
        listed.until,
        Some(end.timestamp_millis()),
        "/prompt list says when it stops"
    );
}
