//! Listening campaigns: the form a conversation is logged in, one's own records with their
//! buttons, progress against the campaign and the cohort's tally of issues.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle, CreateActionRow, CreateButton, CreateEmbed, CreateModal, InputTextStyle,
};

use super::{View, BRAND_COLOUR, FIELD_LIMIT};
use crate::course::text::{shorten, split_for_embeds, EMBED_DESCRIPTION_LIMIT};
use crate::course::Listening;
use crate::discord::custom_id::Action;
use crate::domain::listening::{IssuesView, LogChoice, ProgressView};
use crate::i18n::{tr, tr_args, Lang};
use crate::model::listening::{
    Conversation, ListeningRecord, Typed, MAX_ENERGY_CHARS, MAX_LABEL_CHARS, MAX_PLACE_CHARS,
};

/// The one line every form says about who reads a record.
pub const PRIVACY_LINE: &str = "Only you and your facilitators see this; others see totals only.";
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

/// What a saved conversation says back.
pub fn logged(record: &ListeningRecord, listening: &Listening, verb: &str) -> String {
    let mut text = format!(
        "{verb} your conversation with **{}** on {}: {}. {PRIVACY_LINE}",
        record.conversation.label,
        record.conversation.heard_on.format("%-d %b %Y"),
        summary(&record.conversation, listening)
    );
    if let Some(day) = record.conversation.follow_up_on {
        text.push_str(&format!(
            "\nI will remind you by direct message on {} to follow up.",
            day.format("%-d %b %Y")
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
    );
    View {
        components: vec![],
        ..view
    }
}

/// One's own records, newest first, the latest with Edit and Delete buttons.
pub fn mine(records: &[ListeningRecord], listening: &Listening, note: Option<String>) -> View {
    if records.is_empty() {
        return View {
            content: Some(note.map_or_else(
                || {
                    "You have not logged a conversation yet. Use `/listen log` after a one-to-one."
                        .into()
                },
                |n| format!("{n}\nYou have no conversations logged now."),
            )),
            ..View::default()
        };
    }
    let newest: Vec<&ListeningRecord> = records.iter().rev().collect();
    let lines: Vec<String> = newest
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let c = &r.conversation;
            let follow_up = c
                .follow_up_on
                .map(|d| format!(" · follow up {}", d.format("%-d %b")))
                .unwrap_or_default();
            format!(
                "**{}.** {} · **{}** · {}{follow_up}\n> {}",
                n + 1,
                c.heard_on.format("%-d %b %Y"),
                c.label,
                summary(c, listening),
                shorten(&c.energy, 200)
            )
        })
        .collect();
    let embeds = split_for_embeds(&lines.join("\n"), EMBED_DESCRIPTION_LIMIT)
        .into_iter()
        .take(2)
        .map(|part| {
            CreateEmbed::new()
                .title("Your conversations")
                .colour(BRAND_COLOUR)
                .description(part)
                .footer(serenity::CreateEmbedFooter::new(PRIVACY_LINE))
        })
        .collect();
    let components = newest
        .iter()
        .take(RECORDS_WITH_BUTTONS)
        .enumerate()
        .map(|(n, r)| {
            CreateActionRow::Buttons(vec![
                CreateButton::new(Action::ListenEdit { record: r.id }.to_custom_id())
                    .label(format!("Edit {}", n + 1))
                    .style(ButtonStyle::Secondary),
                CreateButton::new(Action::ListenDelete { record: r.id }.to_custom_id())
                    .label(format!("Delete {}", n + 1))
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
pub fn erase_confirmation(count: u64) -> View {
    let text = match count {
        0 => return View::text("You have no conversations logged in this server."),
        1 => "This deletes the one conversation you logged in this server, and your dot-vote ballots here. It cannot be undone."
            .to_string(),
        n => format!(
            "This deletes all {n} conversations you logged in this server, and your dot-vote ballots here. It cannot be undone."
        ),
    };
    View {
        content: Some(text),
        embeds: vec![],
        components: vec![CreateActionRow::Buttons(vec![CreateButton::new(
            Action::ListenErase.to_custom_id(),
        )
        .label("Erase all my conversations")
        .style(ButtonStyle::Danger)])],
    }
}

pub fn erased(count: u64) -> View {
    View::text(match count {
        0 => "You had no conversations logged here: nothing to erase.".into(),
        1 => "Erased the one conversation you had logged. Nothing of it is kept.".into(),
        n => format!("Erased the {n} conversations you had logged. Nothing of them is kept."),
    })
}

/// Conversations per stage against each target, and the groups reached.
pub fn progress(view: &ProgressView) -> CreateEmbed {
    let listening = &view.listening;
    let title = if view.whole_cohort {
        format!("Listening: {}", view.cohort.name)
    } else {
        "Your listening".to_string()
    };
    let mut embed = CreateEmbed::new().title(title).colour(BRAND_COLOUR);
    if view.rows.is_empty() {
        return embed.description("No trainees in this cohort yet.");
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
            .map(|(s, n)| match s.target {
                Some(target) => format!("{}: {n}/{target}", s.name),
                None => format!("{}: {n}", s.name),
            })
            .collect();
        let groups: Vec<&str> = listening
            .groups
            .iter()
            .filter(|g| row.groups.contains(&g.id))
            .map(|g| g.name.as_str())
            .collect();
        let mut text = format!(
            "{}\nGroups reached: {}",
            stages.join("\n"),
            if groups.is_empty() {
                "none yet".to_string()
            } else {
                groups.join(", ")
            }
        );
        if !row.reached_excluded && !excluded.is_empty() {
            text.push_str(&format!(
                "\n⚠️ No excluded group reached yet ({})",
                excluded.join(", ")
            ));
        }
        let name = if view.whole_cohort {
            format!("<@{}> — {} conversations", row.user, row.total)
        } else {
            format!("{} conversations", row.total)
        };
        embed = embed.field(shorten(&name, 256), shorten(&text, FIELD_LIMIT), false);
    }
    embed
}

/// The most raised themes as bars: the share of conversations that raised each.
pub fn issues_chart(view: &IssuesView) -> anyhow::Result<Vec<u8>> {
    let all = view.conversations.max(1);
    let bars = view.tally.iter().take(THEMES_CHARTED).map(|t| {
        let share = f64::from(t.total) * 100.0 / all as f64;
        (t.theme.clone(), share, t.total.to_string())
    });
    super::bars_chart(
        &format!("What people raised: {}", view.cohort.name),
        "Themes (% of conversations)",
        bars,
    )
}

/// The cohort's themes, most raised first, by stage and group: counts only, never labels.
pub fn issues(view: &IssuesView) -> CreateEmbed {
    let embed = CreateEmbed::new()
        .title(format!("What people raised: {}", view.cohort.name))
        .colour(BRAND_COLOUR);
    if view.tally.is_empty() {
        return embed.description("No conversations logged yet.");
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
            let added = if t.from_course {
                ""
            } else {
                " (added by a trainee)"
            };
            format!(
                "**{}** — {}{added}\n-# by stage: {}; by group: {}; by week: {}",
                t.theme,
                t.total,
                stages.join(", "),
                groups.join(", "),
                by_week(&t.by_week)
            )
        })
        .collect();
    let more = view.tally.len().saturating_sub(THEMES_SHOWN);
    let mut text = format!(
        "From {} conversations. By week: {}.\n\n{}",
        view.conversations,
        by_week(&view.weeks),
        lines.join("\n")
    );
    if more > 0 {
        text.push_str(&format!("\n…and {more} more themes."));
    }
    embed
        .description(shorten(&text, EMBED_DESCRIPTION_LIMIT))
        .image(format!("attachment://{ISSUES_CHART_FILE}"))
}

/// The latest [`WEEKS_SHOWN`] weeks' counts, `w/c 28 Sep 3, w/c 5 Oct 1`.
fn by_week(weeks: &BTreeMap<NaiveDate, u32>) -> String {
    let shown: Vec<String> = weeks
        .iter()
        .rev()
        .take(WEEKS_SHOWN)
        .rev()
        .map(|(monday, n)| format!("w/c {} {n}", monday.format("%-d %b")))
        .collect();
    shown.join(", ")
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
