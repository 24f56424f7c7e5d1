//! Reflections and pathway choices as facilitators and trainees read them.

use poise::serenity_prelude::{
    CreateActionRow, CreateEmbed, CreateEmbedFooter, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption,
};

use super::{View, BRAND_COLOUR};
use crate::course::text::{split_for_embeds, EMBED_DESCRIPTION_LIMIT};
use crate::course::words::count;
use crate::course::{Course, PathwayOption};
use crate::discord::custom_id::Action;
use crate::domain::audit::{AuditLog, MAX_AUDIT_ENTRIES};
use crate::model::CohortId;
use crate::model::{AuditAction, AuditEntry, PathwayChoice, Reflection, ReflectionVisibility};

pub fn reflection_list(course: &Course, reflections: &[Reflection]) -> View {
    let lines: Vec<String> = reflections
        .iter()
        .map(|r| {
            let module = course
                .module(&r.module_id)
                .map_or(r.module_id.as_str(), |m| m.title.as_str());
            let state = if r.reviewed_at.is_some() {
                "reviewed"
            } else {
                "new"
            };
            let first = r
                .body
                .lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(80)
                .collect::<String>();
            format!(
                "**#{}** <@{}> · {module} · <t:{}:d> · {state}\n{first}",
                r.id,
                r.user_id,
                r.submitted_at / 1000
            )
        })
        .collect();
    let text = if lines.is_empty() {
        "No reflections to show.".to_string()
    } else {
        lines.join("\n\n")
    };
    screens("Reflections", &text)
}

pub fn reflection(course: &Course, r: &Reflection) -> View {
    let module = course
        .module(&r.module_id)
        .map_or(r.module_id.as_str(), |m| m.title.as_str());
    let shared = match r.visibility {
        ReflectionVisibility::Cohort => "shared with the cohort",
        ReflectionVisibility::Facilitators => "for facilitators",
    };
    let mut view = screens(
        &format!("Reflection #{} · {module}", r.id),
        &format!(
            "By <@{}>, <t:{}:F>, {shared}\n\n{}",
            r.user_id,
            r.submitted_at / 1000,
            r.body
        ),
    );
    if let Some(reply) = &r.reply {
        let by = r.reviewed_by.map(|u| format!("<@{u}>")).unwrap_or_default();
        view.embeds.push(
            CreateEmbed::new()
                .title("Reply")
                .description(format!("{by}: {reply}")),
        );
    }
    view
}

/// The latest audit entries, newest first, with a footer saying how many of how many.
pub fn audit_log(log: &AuditLog) -> CreateEmbed {
    let lines: Vec<String> = log.entries.iter().map(audit_line).collect();
    let description = if lines.is_empty() {
        "Nothing recorded yet: enrolments, badges awarded or revoked and reviewed reflections appear here.".to_string()
    } else {
        lines.join("\n")
    };
    let footer = if log.total > log.entries.len() as u64 {
        format!(
            "The latest {} of {} entries; ask for more with latest: (at most {MAX_AUDIT_ENTRIES}).",
            log.entries.len(),
            log.total
        )
    } else {
        format!("All {}.", count(log.entries.len(), "entry", "entries"))
    };
    CreateEmbed::new()
        .title(format!("Audit log · {}", log.cohort_name))
        .colour(BRAND_COLOUR)
        .description(description)
        .footer(CreateEmbedFooter::new(footer))
}

fn audit_line(entry: &AuditEntry) -> String {
    let (actor, subject, detail) = (entry.actor, entry.subject, &entry.detail);
    let what = match entry.action {
        AuditAction::Enrol => format!("<@{actor}> enrolled <@{subject}> as {detail}"),
        AuditAction::Award => format!("<@{actor}> awarded <@{subject}> {detail}"),
        AuditAction::Revoke => format!("<@{actor}> revoked {detail} from <@{subject}>"),
        AuditAction::Review => format!("<@{actor}> reviewed <@{subject}>'s {detail}"),
    };
    format!("<t:{}:f> {what}", entry.at / 1000)
}

pub fn pathway_choices(course: &Course, choices: &[PathwayChoice]) -> CreateEmbed {
    let lines: Vec<String> = choices
        .iter()
        .map(|c| {
            let pathway = course.pathways.iter().find(|p| p.id == c.pathway_id);
            let label = pathway
                .and_then(|p| p.options.iter().find(|o| o.id == c.option_id))
                .map_or(c.option_id.as_str(), |o| o.label.as_str());
            let title = pathway.map_or(c.pathway_id.as_str(), |p| p.title.as_str());
            format!(
                "<@{}> · {title}: **{label}** (<t:{}:d>)",
                c.user_id,
                c.chosen_at / 1000
            )
        })
        .collect();
    let text = if lines.is_empty() {
        "Nobody has chosen yet.".to_string()
    } else {
        lines.join("\n")
    };
    CreateEmbed::new()
        .title("Pathway choices")
        .colour(BRAND_COLOUR)
        .description(text)
}

/// A long text as several embeds, never cut.
fn screens(title: &str, text: &str) -> View {
    let embeds = split_for_embeds(text, EMBED_DESCRIPTION_LIMIT)
        .into_iter()
        .enumerate()
        .map(|(n, part)| {
            let embed = CreateEmbed::new().colour(BRAND_COLOUR).description(part);
            if n == 0 {
                embed.title(title)
            } else {
                embed
            }
        })
        .collect();
    View {
        content: None,
        embeds,
        components: vec![],
    }
}

/// A select menu per pathway (at most five, a message's limit of rows), each listing its routes.
pub fn pathway_menus(cohort: CohortId, course: &Course) -> View {
    let rows = course
        .pathways
        .iter()
        .take(5)
        .map(|p| {
            let options = p
                .options
                .iter()
                .map(|o| {
                    let option = CreateSelectMenuOption::new(o.label.as_str(), o.id.as_str());
                    match &o.description {
                        Some(d) => option.description(d.as_str()),
                        None => option,
                    }
                })
                .collect();
            let menu = CreateSelectMenu::new(
                Action::PathwayPick {
                    cohort,
                    pathway: p.id.clone(),
                }
                .to_custom_id(),
                CreateSelectMenuKind::String { options },
            )
            .placeholder(format!("{}: choose your route", p.title));
            CreateActionRow::SelectMenu(menu)
        })
        .collect();
    let prompts: Vec<String> = course
        .pathways
        .iter()
        .map(|p| format!("**{}** — {}", p.title, p.prompt))
        .collect();
    let text = if prompts.is_empty() {
        "This course offers no routes to choose.".to_string()
    } else {
        prompts.join("\n")
    };
    View {
        content: None,
        embeds: vec![CreateEmbed::new()
            .title("Choose your route")
            .colour(BRAND_COLOUR)
            .description(text)],
        components: rows,
    }
}

pub fn pathway_chosen(course: &Course, chosen: &PathwayOption) -> View {
    let opened: Vec<String> = chosen
        .modules
        .iter()
        .filter_map(|m| course.module(m))
        .map(|m| format!("“{}”", m.title))
        .collect();
    let next = if opened.is_empty() {
        String::new()
    } else {
        format!(
            " Now open for you: {}. Run `/module` to start.",
            opened.join(", ")
        )
    };
    View {
        content: Some(format!("You chose “{}”.{next}", chosen.label)),
        embeds: vec![],
        components: vec![],
    }
}
