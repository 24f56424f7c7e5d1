//! Reflections and pathway choices as facilitators and trainees read them.

use poise::serenity_prelude::{
    CreateActionRow, CreateEmbed, CreateEmbedFooter, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption,
};

use super::{View, BRAND_COLOUR};
use crate::course::text::{split_for_embeds, EMBED_DESCRIPTION_LIMIT};
use crate::course::{Course, PathwayOption};
use crate::discord::custom_id::Action;
use crate::domain::audit::{AuditLog, MAX_AUDIT_ENTRIES};
use crate::domain::campaigns;
use crate::i18n::{tr, tr_args, Lang};
use crate::model::CohortId;
use crate::model::{AuditAction, AuditEntry, PathwayChoice, Reflection, ReflectionVisibility};

pub fn reflection_list(course: &Course, reflections: &[Reflection], lang: Lang) -> View {
    let lines: Vec<String> = reflections
        .iter()
        .map(|r| {
            let module = module_title(course, &r.module_id, lang);
            let state = tr(
                lang,
                if r.reviewed_at.is_some() {
                    "facil-reflection-reviewed"
                } else {
                    "facil-reflection-new"
                },
            );
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
        tr(lang, "facil-no-reflections")
    } else {
        lines.join("\n\n")
    };
    screens(&tr(lang, "facil-reflections-title"), &text)
}

pub fn reflection(course: &Course, r: &Reflection, lang: Lang) -> View {
    let module = module_title(course, &r.module_id, lang);
    let shared = match r.visibility {
        ReflectionVisibility::Cohort => "cohort",
        ReflectionVisibility::Facilitators => "facilitators",
    };
    let title = tr_args(
        lang,
        "facil-reflection-title",
        &[
            ("number", r.id.to_string().into()),
            ("module", module.into()),
        ],
    );
    let by = tr_args(
        lang,
        "facil-reflection-by",
        &[
            ("user", r.user_id.to_string().into()),
            ("at", (r.submitted_at / 1000).to_string().into()),
            ("shared", shared.into()),
        ],
    );
    let mut view = screens(&title, &format!("{by}\n\n{}", r.body));
    if let Some(reply) = &r.reply {
        let by = r.reviewed_by.map(|u| format!("<@{u}>")).unwrap_or_default();
        view.embeds.push(
            CreateEmbed::new()
                .title(tr(lang, "facil-reflection-reply"))
                .description(format!("{by}: {reply}")),
        );
    }
    view
}

/// What a reflection is about: its module's title, or, for a campaign action's evaluation
/// (kept as a reflection on no module of the course), that it is one.
fn module_title(course: &Course, module_id: &str, lang: Lang) -> String {
    if module_id == campaigns::EVALUATION_MODULE {
        return tr(lang, "campaign-evaluation-module");
    }
    course
        .module(module_id)
        .map_or(module_id, |m| m.title.as_str())
        .to_owned()
}

/// The latest audit entries, newest first, with a footer saying how many of how many.
pub fn audit_log(log: &AuditLog, lang: Lang) -> CreateEmbed {
    let lines: Vec<String> = log.entries.iter().map(|e| audit_line(e, lang)).collect();
    let description = if lines.is_empty() {
        tr(lang, "facil-audit-empty")
    } else {
        lines.join("\n")
    };
    let footer = if log.total > log.entries.len() as u64 {
        tr_args(
            lang,
            "facil-audit-latest",
            &[
                ("shown", log.entries.len().into()),
                ("total", log.total.into()),
                ("max", MAX_AUDIT_ENTRIES.into()),
            ],
        )
    } else {
        tr_args(
            lang,
            "facil-audit-all",
            &[("count", log.entries.len().into())],
        )
    };
    CreateEmbed::new()
        .title(tr_args(
            lang,
            "facil-audit-title",
            &[("cohort", (&log.cohort_name).into())],
        ))
        .colour(BRAND_COLOUR)
        .description(description)
        .footer(CreateEmbedFooter::new(footer))
}

/// One entry; its detail (a role, a badge and reason, a reflection number) is the record's,
/// kept as it was written.
fn audit_line(entry: &AuditEntry, lang: Lang) -> String {
    let id = match entry.action {
        AuditAction::Enrol => "facil-audit-enrol",
        AuditAction::Award => "facil-audit-award",
        AuditAction::Revoke => "facil-audit-revoke",
        AuditAction::Review => "facil-audit-review",
    };
    let what = tr_args(
        lang,
        id,
        &[
            ("actor", entry.actor.to_string().into()),
            ("subject", entry.subject.to_string().into()),
            ("detail", (&entry.detail).into()),
        ],
    );
    format!("<t:{}:f> {what}", entry.at / 1000)
}

pub fn pathway_choices(course: &Course, choices: &[PathwayChoice], lang: Lang) -> CreateEmbed {
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
        tr(lang, "facil-nobody-chose")
    } else {
        lines.join("\n")
    };
    CreateEmbed::new()
        .title(tr(lang, "facil-pathway-choices"))
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
pub fn pathway_menus(cohort: CohortId, course: &Course, lang: Lang) -> View {
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
            .placeholder(tr_args(
                lang,
                "facil-choose-route-of",
                &[("pathway", (&p.title).into())],
            ));
            CreateActionRow::SelectMenu(menu)
        })
        .collect();
    let prompts: Vec<String> = course
        .pathways
        .iter()
        .map(|p| format!("**{}** — {}", p.title, p.prompt))
        .collect();
    let text = if prompts.is_empty() {
        tr(lang, "facil-no-routes")
    } else {
        prompts.join("\n")
    };
    View {
        content: None,
        embeds: vec![CreateEmbed::new()
            .title(tr(lang, "facil-choose-route"))
            .colour(BRAND_COLOUR)
            .description(text)],
        components: rows,
    }
}

pub fn pathway_chosen(course: &Course, chosen: &PathwayOption, lang: Lang) -> View {
    let opened: Vec<String> = chosen
        .modules
        .iter()
        .filter_map(|m| course.module(m))
        .map(|m| tr_args(lang, "quoted", &[("text", (&m.title).into())]))
        .collect();
    let chose = tr_args(
        lang,
        "facil-you-chose",
        &[("route", (&chosen.label).into())],
    );
    let next = if opened.is_empty() {
        String::new()
    } else {
        let modules = tr_args(
            lang,
            "facil-now-open",
            &[("modules", opened.join(", ").into())],
        );
        format!(" {modules}")
    };
    View {
        content: Some(format!("{chose}{next}")),

        embeds: vec![],
        components: vec![],
    }
}
