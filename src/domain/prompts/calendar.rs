//! A pack's prompts and milestones on the calendar of a cohort that has not been created:
//! each occurrence the cohort's schedules would post, when, and to whom, for an author's
//! preview. The same planning as [`schedule_course`](super::schedule_course), with no store.

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::course::repeat::Repeat;
use crate::course::Course;
use crate::domain::outbox::DeliveryPayload;
use crate::i18n::Lang;
use crate::model::*;

use super::gate::dated_thread_name;
use super::payloads::Condition;
use super::planning::{plan_course, MILESTONE_KIND, PROMPT_KIND};

/// One message a schedule posts.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub at: UnixMillis,
    /// [`PROMPT_KIND`] or [`MILESTONE_KIND`].
    pub kind: &'static str,
    /// To the facilitators by direct message, rather than in the cohort channel.
    pub to_facilitators: bool,
    /// The message, its thread named as it would be on the day.
    pub message: DeliveryPayload,
}

/// A repeating prompt shows at most this many times on one calendar.
const MAX_REPEATS: usize = 400;

/// Every prompt and milestone occurrence before `until` for a cohort of `course` starting on
/// `starts_on` in `time_zone`, in time order.
pub fn calendar(
    course: &Course,
    starts_on: NaiveDate,
    time_zone: Tz,
    until: UnixMillis,
) -> Vec<Occurrence> {
    let lang = Lang::from_locale(&course.language).unwrap_or(Lang::En);
    let cohort = Cohort {
        id: CohortId(0),
        guild_id: GuildId(0),
        name: String::new(),
        course_version_id: CourseVersionId(0),
        course_id: course.id.clone(),
        time_zone,
        starts_on,
        channel_id: Some(ChannelId(0)),
        join_code: String::new(),
        created_by: UserId(0),
        created_at: 0,
        archived_at: None,
    };
    let mut out = Vec::new();
    for planned in plan_course(course, &cohort, 0, Lang::En) {
        if planned.kind != PROMPT_KIND && planned.kind != MILESTONE_KIND {
            continue;
        }
        let condition = planned
            .payload
            .message
            .condition
            .clone()
            .unwrap_or_default();
        let to_facilitators = !matches!(
            serde_json::from_value(condition),
            Ok(Condition::CohortChannel { .. })
        );
        let mut times = vec![planned.at];
        if let Ok(repeat) = planned.rule.parse::<Repeat>() {
            let mut at = Utc.timestamp_millis_opt(planned.at).single();
            while let Some(next) = at.and_then(|t| repeat.next_after(t, time_zone)) {
                if next.timestamp_millis() >= until || times.len() >= MAX_REPEATS {
                    break;
                }
                times.push(next.timestamp_millis());
                at = Some(next);
            }
        }
        for at in times.into_iter().filter(|at| *at < until) {
            let mut message = DeliveryPayload {
                condition: None,
                ..planned.payload.message.clone()
            };
            message.thread_name = message
                .thread_name
                .as_deref()
                .filter(|_| !to_facilitators)
                .map(|name| dated_thread_name(name, at, time_zone, lang));
            out.push(Occurrence {
                at,
                kind: planned.kind,
                to_facilitators,
                message,
            });
        }
    }
    out.sort_by_key(|o| o.at);
    out
}
