//! Listening campaigns: the form a conversation is logged in, one's own records with their
//! buttons, progress against the campaign and the cohort's tally of issues.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle, CreateActionRow, CreateButton, CreateEmbed, CreateModal, InputTextStyle,
};

use super::{View, BRAND_COLOUR, FIELD_LIMIT};
use crate::course::text::{fit, shorten, split_for_embeds, EMBED_DESCRIPTION_LIMIT};
use crate::course::Listening;
use crate::discord::custom_id::Action;
use crate::domain::listening::{IssuesView, LogChoice, ProgressView};
use crate::i18n::{self, tr, tr_args, Lang};
use crate::model::listening::{
    Conversation, ListeningRecord, Typed, MAX_ENERGY_CHARS, MAX_LABEL_CHARS, MAX_PLACE_CHARS,
};

/// The ids of the form's text inputs.
pub const LABEL_INPUT: &str = "label";
pub const PLACE_INPUT: &str = "place";
pub const ISSUES_INPUT: &str = "issues";
pub const ENERGY_INPUT: &str = "energy";
/// Records shown with buttons in `/listen mine`: one row each, and Discord allows five.
const RECORDS_WITH_BUTTONS: usize = 5;
/// Themes shown in `/listen issues`.
const THEMES_SHOWN: usize = 15;
/// The chart of `/listen issues`, as its embed refers to it.
pub const ISSUES_CHART_FILE: &str = "issues.png";
/// The themes' CSV in the cohort report.
pub const LISTENING_CSV_FILE: &str = "listening.csv";
/// Weeks of the trend shown in `/listen issues` (the CSV has them all).
const WEEKS_SHOWN: usize = 8;
/// Themes drawn in the chart: more would not be legible.
const THEMES_CHARTED: usize = 12;

/// The form for a new conversation, its themes filled in from the command's options.
pub fn log_modal(choice: &LogChoice, lang: Lang) -> CreateModal {
    let action = Action::ListenLog {
        cohort: choice.cohort,
        stage: u32::try_from(choice.stage).unwrap_or(u32::MAX),
        group: u32::try_from(choice.group).unwrap_or(u32::MAX),
        heard_on: choice.heard_on,
        follow_up: choice.follow_up_on,
    };
    let typed = Typed {
        issues: choice.issues.join(", "),
        ..Typed::default()
    };
    conversation_modal(action, "listen-form-log-title", &typed, lang)
}

/// The form to change one's own record, filled in with what it says.
pub fn edit_modal(record: &ListeningRecord, lang: Lang) -> CreateModal {
    let c = &record.conversation;
    let typed = Typed {
        label: c.label.clone(),
        place: c.place.clone(),
        issues: c.issues.join(", "),
        energy: c.energy.clone(),
    };
    let action = Action::ListenSave { record: record.id };
    conversation_modal(action, "listen-form-edit-title", &typed, lang)
}

/// What a saved conversation says back: `id` is `listen-logged` or `listen-saved`.
pub fn logged(record: &ListeningRecord, listening: &Listening, id: &str, lang: Lang) -> String {
    let c = &record.conversation;
    let mut text = tr_args(
        lang,
        id,
        &[
            ("label", c.label.as_str().into()),
            ("heard_on", i18n::date(lang, c.heard_on).into()),
            ("summary", summary(c, listening).into()),
        ],
    );
    if let Some(day) = c.follow_up_on {
        let day = i18n::date(lang, day);
        text.push('\n');
        text.push_str(&tr_args(
            lang,
            "listen-logged-follow-up",
            &[("day", day.into())],
        ));
    }
    text
}

/// A trainee's records as a facilitator reads them: no buttons.
pub fn records_of(
    records: &[ListeningRecord],
    listening: &Listening,
    member: u64,
    lang: Lang,
) -> View {
    if records.is_empty() {
        return View::text(tr_args(
            lang,
            "listen-records-none",
            &[("member", member.to_string().into())],
        ));
    }
    let view = mine(
        records,
        listening,
        Some(tr_args(
            lang,
            "listen-records-of",
            &[("member", member.to_string().into())],
        )),
        lang,
    );
    View {
        components: vec![],
        ..view
    }
}

/// One's own records, newest first, the latest with Edit and Delete buttons.
pub fn mine(
    records: &[ListeningRecord],
    listening: &Listening,
    note: Option<String>,
    lang: Lang,
) -> View {
    if records.is_empty() {
        return View {
            content: Some(note.map_or_else(
                || tr(lang, "listen-mine-none"),
                |n| format!("{n}\n{}", tr(lang, "listen-mine-none-now")),
            )),
            ..View::default()
        };
    }
    let newest: Vec<&ListeningRecord> = records.iter().rev().collect();
    let lines: Vec<String> = newest
        .iter()
        .enumerate()
        .map(|(n, r)| record_line(n + 1, &r.conversation, listening, lang))
        .collect();
    let embeds = split_for_embeds(&lines.join("\n"), EMBED_DESCRIPTION_LIMIT)
        .into_iter()
        .take(2)
        .map(|part| {
            CreateEmbed::new()
                .title(tr(lang, "listen-mine-title"))
                .colour(BRAND_COLOUR)
                .description(part)
                .footer(serenity::CreateEmbedFooter::new(tr(lang, "listen-privacy")))
        })
        .collect();
    let components = newest
        .iter()
        .take(RECORDS_WITH_BUTTONS)
        .enumerate()
        .map(|(n, r)| {
            CreateActionRow::Buttons(vec![
                CreateButton::new(Action::ListenEdit { record: r.id }.to_custom_id())
                    .label(tr_args(
                        lang,
                        "listen-edit-button",
                        &[("n", (n + 1).into())],
                    ))
                    .style(ButtonStyle::Secondary),
                CreateButton::new(Action::ListenDelete { record: r.id }.to_custom_id())
                    .label(tr_args(
                        lang,
                        "listen-delete-button",
                        &[("n", (n + 1).into())],
                    ))
                    .style(ButtonStyle::Danger),
            ])
        })
        .collect();
    View {
        content: note,
        embeds,
        components,
    }
}

/// Asks before deleting all of someone's conversations.
pub fn erase_confirmation(count: u64, lang: Lang) -> View {
    if count == 0 {
        return View::text(tr(lang, "listen-erase-none"));
    }
    View {
        content: Some(tr_args(
            lang,
            "listen-erase-confirm",
            &[("count", count.into())],
        )),
        embeds: vec![],
        components: vec![CreateActionRow::Buttons(vec![CreateButton::new(
            Action::ListenErase.to_custom_id(),
        )
        .label(tr(lang, "listen-erase-button"))
        .style(ButtonStyle::Danger)])],
    }
}

/// What erasing all of someone's conversations removed.
pub fn erased(count: u64, lang: Lang) -> View {
    View::text(tr_args(lang, "listen-erased", &[("count", count.into())]))
}

/// Conversations per stage against each target, and the groups reached.
pub fn progress(view: &ProgressView, lang: Lang) -> CreateEmbed {
    let listening = &view.listening;
    let title = if view.whole_cohort {
        tr_args(
            lang,
            "listen-progress-cohort-title",
            &[("cohort", view.cohort.name.as_str().into())],
        )
    } else {
        tr(lang, "listen-progress-own-title")
    };
    let mut embed = CreateEmbed::new().title(title).colour(BRAND_COLOUR);
    if view.rows.is_empty() {
        return embed.description(tr(lang, "listen-progress-no-trainees"));
    }
    let excluded: Vec<&str> = listening
        .groups
        .iter()
        .filter(|g| g.excluded)
        .map(|g| g.name.as_str())
        .collect();
    for row in view.rows.iter().take(25) {
        let stages: Vec<String> = listening
            .stages
            .iter()
            .zip(&row.per_stage)
            .map(|(s, n)| {
                let mut args = vec![("stage", s.name.as_str().into()), ("count", (*n).into())];
                match s.target {
                    Some(target) => {
                        args.push(("target", target.into()));
                        tr_args(lang, "listen-progress-stage-target", &args)
                    }
                    None => tr_args(lang, "listen-progress-stage", &args),
                }
            })
            .collect();
        let groups: Vec<String> = listening
            .groups
            .iter()
            .filter(|g| row.groups.contains(&g.id))
            .map(|g| g.name.clone())
            .collect();
        let reached = if groups.is_empty() {
            tr(lang, "listen-progress-no-groups")
        } else {
            groups.join(", ")
        };
        let mut text = format!(
            "{}\n{}",
            stages.join("\n"),
            tr_args(
                lang,
                "listen-progress-groups",
                &[("groups", reached.into())]
            )
        );
        if !row.reached_excluded && !excluded.is_empty() {
            let excluded = excluded.join(", ");
            text.push('\n');
            text.push_str(&tr_args(
                lang,
                "listen-progress-no-excluded",
                &[("groups", excluded.into())],
            ));
        }
        let name = if view.whole_cohort {
            let args = [
                ("user", row.user.to_string().into()),
                ("count", row.total.into()),
            ];
            tr_args(lang, "listen-progress-member", &args)
        } else {
            tr_args(lang, "listen-progress-own", &[("count", row.total.into())])
        };
        embed = embed.field(fit(&name, 256), fit(&text, FIELD_LIMIT), false);
    }
    embed
}

/// The most raised themes as bars: the share of conversations that raised each.
pub fn issues_chart(view: &IssuesView, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let all = view.conversations.max(1);
    let bars = view.tally.iter().take(THEMES_CHARTED).map(|t| {
        let share = f64::from(t.total) * 100.0 / all as f64;
        (t.theme.clone(), share, t.total.to_string())
    });
    super::bars_chart(
        &issues_title(view, lang),
        &tr(lang, "listen-issues-chart-caption"),
        bars,
    )
}

/// The cohort's themes, most raised first, by stage and group: counts only, never labels.
pub fn issues(view: &IssuesView, lang: Lang) -> CreateEmbed {
    let embed = CreateEmbed::new()
        .title(issues_title(view, lang))
        .colour(BRAND_COLOUR);
    if view.tally.is_empty() {
        return embed.description(tr(lang, "listen-issues-none"));
    }
    let listening = &view.listening;
    let lines: Vec<String> = view
        .tally
        .iter()
        .take(THEMES_SHOWN)
        .map(|t| {
            let stages: Vec<String> = listening
                .stages
                .iter()
                .filter_map(|s| t.by_stage.get(&s.id).map(|n| format!("{} {n}", s.name)))
                .collect();
            let groups: Vec<String> = listening
                .groups
                .iter()
                .filter_map(|g| t.by_group.get(&g.id).map(|n| format!("{} {n}", g.name)))
                .collect();
            let origin = if t.from_course { "course" } else { "trainee" };
            let args = [
                ("theme", t.theme.as_str().into()),
                ("count", t.total.into()),
                ("origin", origin.into()),
                ("stages", stages.join(", ").into()),
                ("groups", groups.join(", ").into()),
                ("weeks", by_week(&t.by_week, lang).into()),
            ];
            tr_args(lang, "listen-issues-theme", &args)
        })
        .collect();
    let more = view.tally.len().saturating_sub(THEMES_SHOWN);
    let summary = tr_args(
        lang,
        "listen-issues-summary",
        &[
            ("count", view.conversations.into()),
            ("weeks", by_week(&view.weeks, lang).into()),
        ],
    );
    let mut text = format!("{summary}\n\n{}", lines.join("\n"));
    if more > 0 {
        text.push('\n');
        text.push_str(&tr_args(
            lang,
            "listen-issues-more",
            &[("count", more.into())],
        ));
    }
    embed
        .description(fit(&text, EMBED_DESCRIPTION_LIMIT))
        .image(format!("attachment://{ISSUES_CHART_FILE}"))
}

fn issues_title(view: &IssuesView, lang: Lang) -> String {
    let cohort = view.cohort.name.as_str();
    tr_args(lang, "listen-issues-title", &[("cohort", cohort.into())])
}

/// The latest [`WEEKS_SHOWN`] weeks' counts, `w/c 28 September 3, w/c 5 October 1`.
fn by_week(weeks: &BTreeMap<NaiveDate, u32>, lang: Lang) -> String {
    let shown: Vec<String> = weeks
        .iter()
        .rev()
        .take(WEEKS_SHOWN)
        .rev()
        .map(|(monday, n)| {
            let monday = i18n::day_and_month(lang, *monday);
            let args = [("monday", monday.into()), ("count", (*n).into())];
            tr_args(lang, "listen-issues-week", &args)
        })
        .collect();
    shown.join(", ")
}

/// One conversation of `/listen mine`, numbered `n`.
fn record_line(n: usize, c: &Conversation, listening: &Listening, lang: Lang) -> String {
    let follow_up = c
        .follow_up_on
        .map(|d| {
            let day = i18n::day_and_month(lang, d);
            format!(
                " · {}",
                tr_args(lang, "listen-mine-follow-up", &[("day", day.into())])
            )
        })
        .unwrap_or_default();
    format!(
        "**{n}.** {} · **{}** · {}{follow_up}\n> {}",
        i18n::date(lang, c.heard_on),
        c.label,
        summary(c, listening),
        shorten(&c.energy, 200)
    )
}

fn conversation_modal(action: Action, title: &str, typed: &Typed, lang: Lang) -> CreateModal {
    let input = |style, label: &str, id: &str, value: &str, max: usize| {
        super::form_input(style, &tr(lang, label), id, value, max, true)
    };
    let rows = [
        input(
            InputTextStyle::Short,
            "listen-form-who",
            LABEL_INPUT,
            &typed.label,
            MAX_LABEL_CHARS,
        )
        .placeholder(tr(lang, "listen-privacy")),
        input(
            InputTextStyle::Short,
            "listen-form-where",
            PLACE_INPUT,
            &typed.place,
            MAX_PLACE_CHARS,
        ),
        input(
            InputTextStyle::Paragraph,
            "listen-form-issues",
            ISSUES_INPUT,
            &typed.issues,
            600,
        ),
        input(
            InputTextStyle::Paragraph,
            "listen-form-energy",
            ENERGY_INPUT,
            &typed.energy,
            MAX_ENERGY_CHARS,
        ),
    ];
    CreateModal::new(action.to_custom_id(), tr(lang, title))
        .components(rows.into_iter().map(CreateActionRow::InputText).collect())
}

/// Group and themes of a conversation, as names.
fn summary(c: &Conversation, listening: &Listening) -> String {
    let group = listening
        .group(&c.group)
        .map_or(c.group.as_str(), |g| g.name.as_str());
    format!("{group} · {}", c.issues.join(", "))
}
