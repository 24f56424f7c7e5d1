//! An author's preview of a pack as JSON: every screen the bot would send, built by the
//! renderers the bot uses and serialised as Discord receives it, for `course preview` to
//! draw. Screens are grouped by module; the calendar lists what the schedules post.

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use serde_json::{json, Value};

use super::outbound::message_parts;
use super::render::{self, View};
use crate::course::{Course, ExerciseKind};
use crate::domain::outbox::Target;
use crate::domain::preview::{modules, ModulePreview, QuestionPreview};
use crate::domain::prompts::{calendar, MILESTONE_KIND};
use crate::domain::quiz::DEFAULT_SECONDS;
use crate::i18n::Lang;
use crate::model::{TargetKind, UnixMillis};
use crate::scheduler::OutboundMessage;
use poise::serenity_prelude as serenity;

/// One thing the bot sends, as Discord receives it.
#[derive(Debug, Clone, Serialize)]
pub struct Screen {
    /// What the screen is, for the author ("Screen 2 of 5", "Answered wrong").
    pub label: String,
    /// `message` (a new message or an interaction's answer), `edit` or `modal`.
    pub kind: &'static str,
    /// The request body Discord gets.
    pub payload: Value,
    /// What only the author's view shows: the answer key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A module's screens, in the order a trainee meets them, then its live quiz posts.
#[derive(Debug, Clone, Serialize)]
pub struct ModuleScreens {
    pub id: String,
    pub title: String,
    pub screens: Vec<Screen>,
    pub live: Vec<Screen>,
}

/// A scheduled post on the calendar.
#[derive(Debug, Clone, Serialize)]
pub struct Dated {
    pub at: UnixMillis,
    /// `prompt` or `milestone`.
    pub kind: &'static str,
    /// `cohort channel` or `facilitators (direct message)`.
    pub to: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
    pub payload: Value,
}

/// The pack's screens, and its calendar for a cohort starting on `starts_on` in `time_zone`
/// up to `until`. `now` dates the live quiz's countdown.
pub fn pack(
    course: &Course,
    starts_on: NaiveDate,
    time_zone: Tz,
    until: UnixMillis,
    now: UnixMillis,
) -> Value {
    let deadline = now + i64::from(DEFAULT_SECONDS) * 1000;
    let modules: Vec<ModuleScreens> = modules(course, deadline).iter().map(module).collect();
    let calendar: Vec<Dated> = calendar(course, starts_on, time_zone, until)
        .into_iter()
        .map(|o| {
            let outbound = OutboundMessage {
                target: Target {
                    kind: TargetKind::Channel,
                    id: 0,
                },
                content: o.message.content.clone(),
                embed: o.message.embed.clone(),
                thread_name: o.message.thread_name.clone(),
                extra: o.message.extra.clone(),
                lang: o.message.language(),
                nonce: format!("preview-{}", o.at),
                tried_since: None,
            };
            let payload = match message_parts(&outbound) {
                Ok(parts) => json!(parts.into_iter().map(|p| p.builder).collect::<Vec<_>>()),
                Err(refused) => json!({ "refused": refused.to_string() }),
            };
            Dated {
                at: o.at,
                kind: o.kind,
                to: if o.to_facilitators {
                    "facilitators (direct message)"
                } else {
                    "cohort channel"
                },
                thread: o.message.thread_name,
                payload,
            }
        })
        .collect();
    let day = |at: UnixMillis| {
        Utc.timestamp_millis_opt(at)
            .single()
            .map(|t| t.with_timezone(&time_zone).date_naive().to_string())
    };
    json!({
        "course": {
            "id": course.id,
            "title": course.title,
            "version": course.version,
            "summary": course.summary,
        },
        "now": now,
        "modules": modules,
        "calendar": {
            "time_zone": time_zone.name(),
            "starts_on": starts_on.to_string(),
            "until": day(until - 1),
            "milestone_kind": MILESTONE_KIND,
            "entries": calendar,
        },
    })
}

fn module(preview: &ModulePreview) -> ModuleScreens {
    let mut screens: Vec<Screen> = preview
        .screens
        .iter()
        .map(|view| {
            message(
                format!("Page screen {} of {}", view.screen + 1, view.screens),
                render::screen(view, Lang::En),
            )
        })
        .collect();
    if preview.questions.is_empty() {
        screens.push(message(
            "Finishing the module".into(),
            render::result(&preview.passed, Lang::En),
        ));
    }
    for question in &preview.questions {
        screens.extend(question_screens(question));
    }
    if let Some(failed) = &preview.failed {
        screens.push(message(
            format!("Result with every scored answer wrong ({}%)", failed.score),
            render::result(failed, Lang::En),
        ));
    }
    let mut live = Vec::new();
    for (question, reveal) in &preview.live {
        let (embed, rows) = render::live_question(question, Lang::En);
        live.push(plain(
            format!(
                "Live quiz question {} of {}",
                question.index + 1,
                question.total
            ),
            "message",
            serenity::CreateMessage::new().embed(embed).components(rows),
        ));
        live.push(plain(
            format!("Live quiz question {} closed", question.index + 1),
            "edit",
            serenity::EditMessage::new()
                .embed(render::reveal(reveal, Lang::En))
                .components(vec![]),
        ));
    }
    if let Some(board) = &preview.leaderboard {
        live.push(plain(
            "Live quiz leaderboard".into(),
            "message",
            serenity::CreateMessage::new().embed(render::leaderboard(board, Lang::En)),
        ));
    }
    ModuleScreens {
        id: preview.id.clone(),
        title: preview.title.clone(),
        screens,
        live,
    }
}

fn question_screens(question: &QuestionPreview) -> Vec<Screen> {
    let view = &question.view;
    let number = format!("Question {} of {}", view.index + 1, view.total);
    let answer = question.right.right_answer.clone();
    let mut out: Vec<Screen> = question
        .steps
        .iter()
        .enumerate()
        .map(|(n, so_far)| {
            let label = match question.steps.len() {
                1 => number.clone(),
                steps => format!("{number}, step {} of {steps}", n + 1),
            };
            let mut screen = message(label, render::question(view, so_far, Lang::En));
            screen.note = answer.as_ref().map(|a| format!("Answer: {a}"));
            screen
        })
        .collect();
    if let ExerciseKind::Reflection { .. } = view.exercise.kind {
        out.push(plain(
            format!("{number}: the reflection form"),
            "modal",
            render::reflection_modal(view, Lang::En),
        ));
    }
    let right = match view.exercise.kind {
        ExerciseKind::Reflection { .. } => "reflection sent",
        _ => "answered right",
    };
    out.push(message(
        format!("{number}: {right}"),
        render::feedback(&question.right, Lang::En),
    ));
    if let Some(wrong) = &question.wrong {
        out.push(message(
            format!("{number}: answered wrong"),
            render::feedback(wrong, Lang::En),
        ));
    }
    out
}

/// An interaction's answer, as the bot sends a view.
fn message(label: String, view: View) -> Screen {
    plain(label, "message", view.message())
}

fn plain(label: String, kind: &'static str, builder: impl Serialize) -> Screen {
    Screen {
        label,
        kind,
        payload: serde_json::to_value(builder).unwrap_or(Value::Null),
        note: None,
    }
}
