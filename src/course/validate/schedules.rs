//! Schedules and time: series of sessions, milestones, events and prompts, the times they
//! fall at, and the time zone they are read in.

use std::collections::HashSet;
use std::path::Path;

use crate::course::model::*;
use crate::course::raw::*;
use crate::course::time::{CronRule, TimeExpr};

use super::{Check, Doc, MAX_NOTE_CHARS, MAX_QUESTION_CHARS, MAX_TITLE_CHARS};

pub(super) fn series(c: &mut Check, doc: &Doc, raw: &RawCourse) -> Vec<Series> {
    let mut ids = HashSet::new();
    raw.series
        .iter()
        .map(|s| {
            let s = s.get_ref();
            let kind = c
                .choice(doc, &s.kind, "series kind", &[("mentoring", SeriesKind::Mentoring), ("action_learning_set", SeriesKind::ActionLearningSet)])
                .unwrap_or(SeriesKind::Mentoring);
            let mut reminders: Vec<u32> = match &s.reminders {
                None => vec![24 * 60, 60],
                Some(list) => list.iter().map(|r| c.minutes(doc, &Some(r.clone()), 60)).collect(),
            };
            reminders.sort_unstable_by(|a, b| b.cmp(a));
            reminders.dedup();
            let group_size = s.group_size.as_ref().map(|g| c.number(doc, g, "group_size", 2..26));
            if group_size.is_some() && kind == SeriesKind::Mentoring {
                c.report(doc, s.group_size.as_ref().map_or(0..0, |g| g.span()), "group_size is for action learning sets; mentoring pairs one mentor with one trainee");
            }
            Series {
                id: c.unique_id(doc, &mut ids, &s.id, "series"),
                kind,
                title: c.text(doc, &s.title, "series title", MAX_TITLE_CHARS),
                description: c.optional_text(doc, &s.description, "description", MAX_NOTE_CHARS).unwrap_or_default(),
                count: c.number(doc, &s.count, "count", 1..51),
                first: s.first.as_ref().and_then(|t| c.time(doc, t)),
                every_minutes: s.every.as_ref().map(|e| c.minutes(doc, &Some(e.clone()), 0)),
                duration_minutes: c.minutes(doc, &s.duration, 60),
                reminders_minutes: reminders,
                presentations_in_last: s.presentations_in_last.as_ref().is_some_and(|p| *p.get_ref()),
                group_size,
            }
        })
        .collect()
}

pub(super) fn time_zone(c: &mut Check, doc: &Doc, s: &S<String>) -> String {
    if s.get_ref().parse::<chrono_tz::Tz>().is_err() {
        c.hint(
            doc,
            s.span(),
            format!("unknown time zone `{}`", s.get_ref()),
            "use an IANA name such as Europe/London",
        );
    }
    s.get_ref().clone()
}

pub(super) fn milestones(
    c: &mut Check,
    doc: &Doc,
    raw: &RawCourse,
    badges: &[Badge],
) -> Vec<Milestone> {
    let mut ids = HashSet::new();
    raw.milestones
        .iter()
        .filter_map(|m| {
            let m = m.get_ref();
            let id = c.unique_id(doc, &mut ids, &m.id, "milestone");
            if let Some(b) = &m.badge {
                if !badges.iter().any(|x| &x.id == b.get_ref()) {
                    c.report(
                        doc,
                        b.span(),
                        format!("milestone `{id}` names unknown badge `{}`", b.get_ref()),
                    );
                }
            }
            Some(Milestone {
                title: c.text(doc, &m.title, "milestone title", MAX_TITLE_CHARS),
                description: c
                    .optional_text(doc, &m.description, "description", MAX_NOTE_CHARS)
                    .unwrap_or_default(),
                at: c.time(doc, &m.at)?,
                badge: m.badge.as_ref().map(|b| b.get_ref().clone()),
                id,
            })
        })
        .collect()
}

pub(super) fn events(c: &mut Check, doc: &Doc, raw: &RawCourse) -> Vec<Event> {
    let mut ids = HashSet::new();
    raw.events
        .iter()
        .filter_map(|e| {
            let e = e.get_ref();
            Some(Event {
                id: c.unique_id(doc, &mut ids, &e.id, "event"),
                // Discord scheduled events allow 100 characters in a name.
                title: c.text(doc, &e.title, "event title", 100),
                description: c
                    .optional_text(doc, &e.description, "description", 1000)
                    .unwrap_or_default(),
                duration_minutes: c.minutes(doc, &e.duration, 60),
                location: c.optional_text(doc, &e.location, "location", 100),
                at: c.time(doc, &e.at)?,
            })
        })
        .collect()
}

pub(super) fn prompts(c: &mut Check, dir: &Path, doc: &Doc, raw: &RawCourse) -> Vec<Prompt> {
    let mut ids = HashSet::new();
    raw.prompts
        .iter()
        .filter_map(|p| {
            let span = p.span();
            let p = p.get_ref();
            let id = c.unique_id(doc, &mut ids, &p.id, "prompt");
            let when = match (&p.at, &p.every) {
                (Some(at), None) => c.time(doc, at).map(PromptTiming::At),
                (None, Some(every)) => every
                    .get_ref()
                    .parse::<CronRule>()
                    .map(PromptTiming::Every)
                    .map_err(|e| {
                        c.hint(
                            doc,
                            every.span(),
                            e,
                            "e.g. `0 18 * * TUE` for Tuesdays at 18:00",
                        )
                    })
                    .ok(),
                _ => {
                    c.report(
                        doc,
                        span.clone(),
                        format!("prompt `{id}` needs exactly one of `at` or `every`"),
                    );
                    None
                }
            };
            let (until, count) = repeat_end(c, doc, p);
            let body = match (&p.file, &p.body) {
                (Some(file), None) => c.read_file(dir, doc, file),
                (None, Some(body)) => Some(c.text(doc, body, "prompt body", MAX_QUESTION_CHARS)),
                _ => {
                    c.report(
                        doc,
                        span,
                        format!("prompt `{id}` needs exactly one of `file` or `body`"),
                    );
                    None
                }
            };
            if let (Some(body), Some(file)) = (&body, &p.file) {
                if body.chars().count() > MAX_QUESTION_CHARS {
                    c.hint(
                        doc,
                        file.span(),
                        format!("prompt `{id}` has {} characters", body.chars().count()),
                        "a prompt is posted as one message: keep it under 4000",
                    );
                }
            }
            let audience = match &p.audience {
                None => Audience::Cohort,
                Some(a) => c.choice(
                    doc,
                    a,
                    "audience",
                    &[
                        ("cohort", Audience::Cohort),
                        ("facilitators", Audience::Facilitators),
                    ],
                )?,
            };
            Some(Prompt {
                title: c.text(doc, &p.title, "prompt title", MAX_TITLE_CHARS),
                when: when?,
                until,
                count,
                body: body?,
                thread: p.thread.unwrap_or(true),
                audience,
                id,
            })
        })
        .collect()
}

/// `until` and `count`, which end a repeating prompt and mean nothing to a dated one.
fn repeat_end(c: &mut Check, doc: &Doc, p: &RawPrompt) -> (Option<TimeExpr>, Option<u32>) {
    if p.every.is_none() {
        for span in [p.until.as_ref().map(S::span), p.count.as_ref().map(S::span)]
            .into_iter()
            .flatten()
        {
            c.hint(
                doc,
                span,
                "`until` and `count` end a repeating prompt",
                "use them with `every`, or leave them out",
            );
        }
        return (None, None);
    }
    let until = p.until.as_ref().and_then(|u| c.time(doc, u));
    let count = p.count.as_ref().map(|n| c.number(doc, n, "count", 1..1001));
    (until, count)
}

/// Warns of a prompt dated, or repeating until, after the course's last milestone: the
/// course is over for trainees by then.
pub(super) fn prompts_after_milestones(
    c: &mut Check,
    doc: &Doc,
    raw: &RawCourse,
    milestones: &[Milestone],
) {
    // Any start date orders the times alike, give or take the length of a month.
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    let Some(last) = milestones.iter().max_by_key(|m| m.at.local(start)) else {
        return;
    };
    for p in &raw.prompts {
        let p = p.get_ref();
        for s in [&p.at, &p.until].into_iter().flatten() {
            let Ok(at) = s.get_ref().parse::<TimeExpr>() else {
                continue;
            };
            if at.local(start) > last.at.local(start) {
                let message = format!(
                    "prompt `{}` comes after the last milestone, `{}` ({})",
                    p.id.get_ref(),
                    last.id,
                    last.at
                );
                c.warn(doc, s.span(), message);
            }
        }
    }
}
