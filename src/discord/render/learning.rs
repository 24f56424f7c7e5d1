//! The learning path: course overview, module screens, questions, feedback, results, badges.

use poise::serenity_prelude as serenity;
use serenity::{
    CreateActionRow, CreateButton, CreateEmbed, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption,
};

use super::{
    badge_name, View, BRAND_COLOUR, FIELD_LIMIT, PARTLY_COLOUR, RIGHT_COLOUR, WRONG_COLOUR,
};
use crate::course::text::split_for_embeds;
use crate::course::words::count;
use crate::course::ExerciseKind;
use crate::discord::custom_id::Action;
use crate::domain::badges::BadgeStatus;
use crate::domain::exercises::{FeedbackView, QuestionView, ResultView, Verdict};
use crate::domain::learning::{ModuleState, ModuleStatus, ScreenView};

pub fn course(course_title: &str, modules: &[ModuleStatus]) -> CreateEmbed {
    let lines: Vec<String> = modules
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let (mark, state) = match m.state {
                ModuleState::Locked => ("🔒", "locked"),
                ModuleState::Open => ("▶️", "open"),
                ModuleState::InProgress => ("📖", "in progress"),
                ModuleState::Done => ("✅", "done"),
            };
            let score = m
                .best_score
                .map(|s| format!(", best score {s}%"))
                .unwrap_or_default();
            let route = m
                .pathway_option
                .as_deref()
                .map(|o| format!(" · {o}"))
                .unwrap_or_default();
            format!("{mark} **{}. {}** — {state}{score}{route}", n + 1, m.title)
        })
        .collect();
    CreateEmbed::new()
        .title(course_title)
        .colour(BRAND_COLOUR)
        .description(lines.join("\n"))
        .footer(serenity::CreateEmbedFooter::new(
            "Each module opens when the one before it is complete. Use /module to carry on.",
        ))
}

pub fn screen(view: &ScreenView) -> View {
    let mut embed = CreateEmbed::new()
        .author(serenity::CreateEmbedAuthor::new(&view.module_title))
        .title(&view.page_title)
        .colour(BRAND_COLOUR)
        .description(&view.text)
        .footer(serenity::CreateEmbedFooter::new(format!(
            "{} · screen {} of {}{}",
            view.page_kind.label(),
            view.screen + 1,
            view.screens,
            if view.module_done {
                " · completed"
            } else {
                ""
            }
        )));
    let mut buttons = vec![
        CreateButton::new(
            Action::Page {
                cohort: view.cohort,
                module: view.module_id.clone(),
                screen: view.screen.saturating_sub(1),
            }
            .to_custom_id(),
        )
        .label("◀ Previous")
        .style(serenity::ButtonStyle::Secondary)
        .disabled(view.screen == 0),
        CreateButton::new(
            Action::Page {
                cohort: view.cohort,
                module: view.module_id.clone(),
                screen: view.screen + 1,
            }
            .to_custom_id(),
        )
        .label("Next ▶")
        .style(serenity::ButtonStyle::Primary)
        .disabled(view.screen + 1 >= view.screens),
    ];
    if let Some(url) = &view.url {
        embed = embed.url(url);
        buttons.push(CreateButton::new_link(url).label("Open the link"));
    }
    if view.screen + 1 >= view.screens && !view.module_done {
        let label = match view.exercises {
            0 => "Finish the module".to_string(),
            n => format!("Start the exercises ({n})"),
        };
        buttons.push(
            CreateButton::new(
                Action::StartExercises {
                    cohort: view.cohort,
                    module: view.module_id.clone(),
                }
                .to_custom_id(),
            )
            .label(label)
            .style(serenity::ButtonStyle::Success),
        );
    }
    View {
        content: None,
        embeds: vec![embed],
        components: vec![CreateActionRow::Buttons(buttons)],
    }
}

/// A question; for ordering and matching, the step after the picks in `so_far`.
pub fn question(view: &QuestionView, so_far: &[usize]) -> View {
    let footer = serenity::CreateEmbedFooter::new(format!(
        "{} · question {} of {} · attempt {}",
        view.module_title,
        view.index + 1,
        view.total,
        view.attempt_no
    ));
    let embed = CreateEmbed::new().colour(BRAND_COLOUR).footer(footer);
    let (attempt, index) = (view.attempt, view.index);
    let (embed, row) = match &view.exercise.kind {
        ExerciseKind::TrueFalse { statement, .. } => (
            embed.title("True or false?").description(statement),
            CreateActionRow::Buttons(vec![
                CreateButton::new(Action::TrueFalse { attempt, index, value: true }.to_custom_id()).label("True"),
                CreateButton::new(Action::TrueFalse { attempt, index, value: false }.to_custom_id()).label("False"),
            ]),
        ),
        ExerciseKind::SingleChoice { question, options, .. } | ExerciseKind::MultipleChoice { question, options, .. } => {
            let multiple = matches!(view.exercise.kind, ExerciseKind::MultipleChoice { .. });
            let menu = CreateSelectMenu::new(Action::Choice { attempt, index }.to_custom_id(), string_options(options.iter().enumerate()))
                .placeholder(if multiple { "Choose all that apply" } else { "Choose one" })
                .min_values(1)
                .max_values(if multiple { options.len() as u8 } else { 1 });
            (embed.title(if multiple { "Choose all that apply" } else { "Choose one" }).description(question), CreateActionRow::SelectMenu(menu))
        }
        ExerciseKind::Ordering { question, items } => {
            let chosen: Vec<String> = so_far.iter().enumerate().map(|(n, &i)| format!("{}. {}", n + 1, items[i])).collect();
            let remaining = items.iter().enumerate().filter(|(i, _)| !so_far.contains(i));
            let menu = CreateSelectMenu::new(Action::Step { attempt, index, so_far: so_far.to_vec() }.to_custom_id(), string_options(remaining))
                .placeholder(format!("Which comes {}?", ordinal(so_far.len() + 1)));
            let sofar = if chosen.is_empty() { String::new() } else { format!("\n\n**Your order so far**\n{}", chosen.join("\n")) };
            (embed.title("Put these in order").description(format!("{question}{sofar}")), CreateActionRow::SelectMenu(menu))
        }
        ExerciseKind::Matching { question, categories, items } => {
            let step = so_far.len().min(items.len().saturating_sub(1));
            let done: Vec<String> = so_far.iter().enumerate().map(|(i, &c)| format!("{} → {}", items[i].text, categories[c])).collect();
            let menu = CreateSelectMenu::new(Action::Step { attempt, index, so_far: so_far.to_vec() }.to_custom_id(), string_options(categories.iter().enumerate()))
                .placeholder("Choose its category");
            let sofar = if done.is_empty() { String::new() } else { format!("\n\n**Sorted so far**\n{}", done.join("\n")) };
            (
                embed.title(format!("Sort each item ({} of {})", step + 1, items.len())).description(format!("{question}{sofar}\n\n**Where does “{}” belong?**", items[step].text)),
                CreateActionRow::SelectMenu(menu),
            )
        }
        ExerciseKind::Reflection { prompt, min_chars, max_chars, .. } => (
            embed.title("Reflection").description(format!("{prompt}\n\n*{min_chars} to {max_chars} characters. Take your time: the box opens when you press the button.*")),
            CreateActionRow::Buttons(vec![CreateButton::new(Action::WriteReflection { attempt, index }.to_custom_id())
                .label("Write your reflection")
                .style(serenity::ButtonStyle::Success)]),
        ),
    };
    View {
        content: None,
        embeds: vec![embed],
        components: vec![row],
    }
}

fn string_options<'a>(entries: impl Iterator<Item = (usize, &'a String)>) -> CreateSelectMenuKind {
    CreateSelectMenuKind::String {
        options: entries
            .map(|(i, text)| CreateSelectMenuOption::new(text.as_str(), i.to_string()))
            .collect(),
    }
}

fn ordinal(n: usize) -> String {
    match n {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        n => format!("{n}th"),
    }
}

pub fn feedback(view: &FeedbackView) -> View {
    let (title, colour) = match view.verdict {
        Verdict::Right => ("Right!", RIGHT_COLOUR),
        Verdict::PartlyRight => ("Partly right", PARTLY_COLOUR),
        Verdict::Wrong => ("Not quite", WRONG_COLOUR),
        Verdict::Written => ("Reflection saved", RIGHT_COLOUR),
    };
    let mut description = String::new();
    if matches!(view.verdict, Verdict::PartlyRight) {
        description.push_str(&format!(
            "You earned {}% of this question's points.\n\n",
            view.points_permille / 10
        ));
    }
    if let Some(feedback) = &view.feedback {
        description.push_str(feedback);
    }
    let mut embed = CreateEmbed::new().title(title).colour(colour);
    if !description.trim().is_empty() {
        embed = embed.description(description.trim());
    }
    if let Some(answer) = view
        .right_answer
        .as_ref()
        .filter(|_| view.verdict != Verdict::Right)
    {
        for (n, part) in split_for_embeds(answer, FIELD_LIMIT)
            .into_iter()
            .enumerate()
        {
            embed = embed.field(if n == 0 { "The answer" } else { "\u{200b}" }, part, false);
        }
    }
    if let Some(explanation) = &view.explanation {
        embed = embed.field("Why", explanation, false);
    }
    let mut embeds = vec![embed];
    let mut buttons = Vec::new();
    match &view.result {
        None => buttons.push(
            CreateButton::new(
                Action::Question {
                    attempt: view.attempt,
                }
                .to_custom_id(),
            )
            .label(format!(
                "Next question ({} of {})",
                view.index + 2,
                view.total
            ))
            .style(serenity::ButtonStyle::Primary),
        ),
        Some(result) => {
            embeds.push(result_embed(result));
            if !result.passed && result.attempts_left != Some(0) {
                buttons.push(
                    CreateButton::new(
                        Action::StartExercises {
                            cohort: result.cohort,
                            module: result.module_id.clone(),
                        }
                        .to_custom_id(),
                    )
                    .label("Try again")
                    .style(serenity::ButtonStyle::Primary),
                );
            }
        }
    }
    let components = if buttons.is_empty() {
        vec![]
    } else {
        vec![CreateActionRow::Buttons(buttons)]
    };
    View {
        content: None,
        embeds,
        components,
    }
}

pub fn result(view: &ResultView) -> View {
    View {
        content: None,
        embeds: vec![result_embed(view)],
        components: vec![],
    }
}

fn result_embed(view: &ResultView) -> CreateEmbed {
    let mut lines = vec![format!(
        "You scored **{}%** (pass mark {}%).",
        view.score, view.pass_mark
    )];
    if view.passed {
        lines.push(format!("“{}” is complete. 🎉", view.module_title));
        match &view.next_module {
            Some(next) => lines.push(format!("“{next}” is now open: run `/module` to start it.")),
            None => lines.push("That was the last module open to you. See `/progress`.".into()),
        }
    } else {
        match view.attempts_left {
            Some(0) => lines.push(
                "You have no attempts left; a facilitator will help you with what to do next."
                    .into(),
            ),
            Some(n) => lines.push(format!(
                "Not passed this time. You have {} left: look back over the pages, then try again.",
                count(n as usize, "attempt", "attempts")
            )),
            None => lines.push(
                "Not passed this time. Look back over the pages with `/module`, then try again."
                    .into(),
            ),
        }
    }
    for badge in &view.badges.awarded {
        lines.push(format!("You earned the badge {}", badge_name(badge)));
    }
    CreateEmbed::new()
        .title(format!("Result: {}", view.module_title))
        .colour(if view.passed {
            RIGHT_COLOUR
        } else {
            WRONG_COLOUR
        })
        .description(lines.join("\n"))
}

/// One embed per screenful, so a long list is split rather than cut.
pub fn badges(statuses: &[BadgeStatus]) -> Vec<CreateEmbed> {
    let lines: Vec<String> = statuses
        .iter()
        .map(|s| match &s.award {
            Some(award) => format!(
                "🏅 {} — earned <t:{}:D>",
                badge_name(&s.badge),
                award.awarded_at / 1000
            ),
            None if s.missing.is_empty() => {
                format!("▫️ {} — awarded by a facilitator", badge_name(&s.badge))
            }
            None => format!(
                "▫️ {} — still to do: {}",
                badge_name(&s.badge),
                s.missing.join("; ")
            ),
        })
        .collect();
    let text = if lines.is_empty() {
        "This course has no badges.".to_string()
    } else {
        lines.join("\n")
    };
    split_for_embeds(&text, crate::course::text::EMBED_DESCRIPTION_LIMIT)
        .into_iter()
        .enumerate()
        .map(|(n, part)| {
            let embed = CreateEmbed::new().colour(BRAND_COLOUR).description(part);
            if n == 0 {
                embed.title("Badges")
            } else {
                embed
            }
        })
        .collect()
}

pub fn progress(
    course_title: &str,
    modules: &[ModuleStatus],
    next_step: &str,
    badges_held: usize,
) -> CreateEmbed {
    let done = modules
        .iter()
        .filter(|m| m.state == ModuleState::Done)
        .count();
    course(course_title, modules)
        .title(format!("Your progress: {course_title}"))
        .field(
            "Modules complete",
            format!("{done} of {}", modules.len()),
            true,
        )
        .field("Badges", badges_held.to_string(), true)
        .field("Next step", next_step, false)
}
