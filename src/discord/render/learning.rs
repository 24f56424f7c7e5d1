//! The learning path: course overview, module screens, questions, feedback, results, badges.

use poise::serenity_prelude as serenity;
use serenity::{CreateActionRow, CreateButton, CreateEmbed, CreateSelectMenu};

use super::{
    badge_name, string_options, View, BRAND_COLOUR, FIELD_LIMIT, PARTLY_COLOUR, RIGHT_COLOUR,
    WRONG_COLOUR,
};
use crate::course::text::{shorten, split_for_embeds};
use crate::course::words::count;
use crate::course::{ExerciseKind, SeriesKind};
use crate::discord::custom_id::Action;
use crate::domain::badges::{BadgeStatus, Lack};
use crate::domain::exercises::{FeedbackView, ResultView, Verdict};
use crate::domain::learning::{next_module, ModuleState, ModuleStatus, NextStep, ScreenView};
use crate::domain::questions::QuestionView;
use crate::i18n::{percent, tr, tr_args, Lang};

pub fn course(course_title: &str, modules: &[ModuleStatus], lang: Lang) -> CreateEmbed {
    let lines: Vec<String> = modules
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let (mark, state) = match m.state {
                ModuleState::Locked => ("🔒", "module-locked"),
                ModuleState::Open => ("▶️", "module-open"),
                ModuleState::InProgress => ("📖", "module-in-progress"),
                ModuleState::Done => ("✅", "module-done"),
            };
            let state = tr(lang, state);
            let score = m
                .best_score
                .map(|s| {
                    let score = percent(lang, f64::from(s), 0);
                    tr_args(lang, "module-best-score", &[("score", score.into())])
                })
                .unwrap_or_default();
            let route = m
                .pathway_option
                .as_deref()
                .map(|o| format!(" · {o}"))
                .unwrap_or_default();
            format!("{mark} **{}. {}** — {state}{score}{route}", n + 1, m.title)
        })
        .collect();
    let footer = tr(
        lang,
        match next_module(modules) {
            Some(_) => "course-footer-carry-on",
            None => "course-footer",
        },
    );
    CreateEmbed::new()
        .title(course_title)
        .colour(BRAND_COLOUR)
        .description(lines.join("\n"))
        .footer(serenity::CreateEmbedFooter::new(footer))
}

/// The next step in words, with the command that takes it.
pub fn next_step(step: &NextStep, lang: Lang) -> String {
    match step {
        NextStep::Question {
            module,
            index,
            total,
        } => tr_args(
            lang,
            "next-question",
            &[
                ("number", (index + 1).into()),
                ("total", (*total).into()),
                ("module", module.into()),
            ],
        ),
        NextStep::Module { module, started } => tr_args(
            lang,
            if *started {
                "next-carry-on"
            } else {
                "next-start"
            },
            &[("module", module.into())],
        ),
        NextStep::ChooseRoute { pathway } => {
            tr_args(lang, "next-choose-route", &[("pathway", pathway.into())])
        }
        NextStep::ForBadge { badge, lack } => {
            let how = match lack {
                Lack::Route { .. } => " Run `/pathway choose`.",
                Lack::Sessions {
                    kind: SeriesKind::Mentoring,
                    ..
                } => " Agree a time with your mentor: `/meeting propose`.",
                Lack::Sessions { .. } => {
                    " Your facilitators schedule the sessions and the bot reminds you of each."
                }
                Lack::Conversations { .. } => " Run `/listen log` after each one-to-one.",
                Lack::Module { .. } | Lack::Badge { .. } => "",
            };
            let mut lack = lack.to_string();
            if let Some(first) = lack.get(..1) {
                lack = format!("{}{}", first.to_uppercase(), &lack[1..]);
            }
            format!("{lack} for the badge “{badge}”.{how}")
        }
        NextStep::AwaitAward { badge } => {
            tr_args(lang, "next-await-award", &[("badge", badge.into())])
        }
        NextStep::Finished => tr(lang, "next-finished"),
    }
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
    let last_screen = view.screen + 1 >= view.screens;
    if (last_screen || view.pending_question.is_some()) && !view.module_done {
        let label = match (view.pending_question, view.exercises) {
            (Some(index), total) => format!("Continue: question {} of {total}", index + 1),
            (None, 0) => "Finish the module".to_string(),
            (None, n) => format!("Start the exercises ({n})"),
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
    let pages = CreateButton::new(
        Action::Page {
            cohort: view.cohort,
            module: view.module_id.clone(),
            screen: 0,
        }
        .to_custom_id(),
    )
    .label("Read the pages again")
    .style(serenity::ButtonStyle::Secondary);
    View {
        content: None,
        embeds: vec![embed],
        components: vec![row, CreateActionRow::Buttons(vec![pages])],
    }
}

/// The box a reflection is written in, headed by the question it answers (Discord allows
/// 45 characters in a modal title and an input's label, 100 in its placeholder).
pub fn reflection_modal(view: &QuestionView) -> serenity::CreateModal {
    let (prompt, min, max) = match &view.exercise.kind {
        ExerciseKind::Reflection {
            prompt,
            min_chars,
            max_chars,
            ..
        } => (prompt.as_str(), *min_chars, *max_chars),
        _ => ("Your reflection", 1, 4000),
    };
    let label = shorten(prompt, MODAL_LABEL_LIMIT);
    let placeholder = if label == prompt {
        "Write in your own words. Only the people the course names will read it.".to_string()
    } else {
        shorten(prompt, PLACEHOLDER_LIMIT)
    };
    let input =
        serenity::CreateInputText::new(serenity::InputTextStyle::Paragraph, label, "reflection")
            .min_length(min.min(4000) as u16)
            .max_length(max.min(4000) as u16)
            .placeholder(placeholder)
            .required(true);
    serenity::CreateModal::new(
        Action::SubmitReflection {
            attempt: view.attempt,
            index: view.index,
        }
        .to_custom_id(),
        shorten(
            &format!("Reflection: {}", view.module_title),
            MODAL_LABEL_LIMIT,
        ),
    )
    .components(vec![CreateActionRow::InputText(input)])
}

/// Discord's limits on a modal's title and a text input's label, and on its placeholder.
const MODAL_LABEL_LIMIT: usize = 45;
const PLACEHOLDER_LIMIT: usize = 100;

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
    let (feedback, explanation) =
        distinct_points(title, view.feedback.as_deref(), view.explanation.as_deref());
    let mut description = String::new();
    if matches!(view.verdict, Verdict::PartlyRight) {
        description.push_str(&format!(
            "You earned {}% of this question's points.\n\n",
            view.points_permille / 10
        ));
    }
    if let Some(feedback) = &feedback {
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
    if let Some(explanation) = &explanation {
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

/// The feedback and the explanation with each point said once: feedback that only
/// repeats the title ("Not quite.") loses that sentence, and the explanation loses the
/// sentences the feedback already says.
fn distinct_points(
    title: &str,
    feedback: Option<&str>,
    explanation: Option<&str>,
) -> (Option<String>, Option<String>) {
    let title = normalised(title);
    let feedback: Vec<&str> = feedback
        .map(sentences)
        .unwrap_or_default()
        .into_iter()
        .filter(|s| normalised(s) != title)
        .collect();
    let said: Vec<String> = feedback.iter().map(|s| normalised(s)).collect();
    let explanation: Vec<&str> = explanation
        .map(sentences)
        .unwrap_or_default()
        .into_iter()
        .filter(|s| !said.contains(&normalised(s)))
        .collect();
    let joined = |parts: Vec<&str>| Some(parts.join(" ")).filter(|t| !t.trim().is_empty());
    (joined(feedback), joined(explanation))
}

/// Sentences, each with its closing punctuation.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if matches!(c, '.' | '!' | '?') && next_is_space {
            let end = i + c.len_utf8();
            out.push(text[start..end].trim());
            start = end;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// Letters and digits only, lower-cased, so "Not quite." and "not quite!" compare equal.
fn normalised(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
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
pub fn badges(statuses: &[BadgeStatus], lang: Lang) -> Vec<CreateEmbed> {
    let lines: Vec<String> = statuses
        .iter()
        .map(|s| {
            let badge = ("badge", badge_name(&s.badge).into());
            match &s.award {
                Some(award) => {
                    let at = ("at", (award.awarded_at / 1000).into());
                    tr_args(lang, "badge-earned", &[badge, at])
                }
                None if s.missing.is_empty() => tr_args(lang, "badge-by-hand", &[badge]),
                None => {
                    let missing = ("missing", s.missing.join("; ").into());
                    tr_args(lang, "badge-to-do", &[badge, missing])
                }
            }
        })
        .collect();
    let text = if lines.is_empty() {
        tr(lang, "badges-none")
    } else {
        lines.join("\n")
    };
    split_for_embeds(&text, crate::course::text::EMBED_DESCRIPTION_LIMIT)
        .into_iter()
        .enumerate()
        .map(|(n, part)| {
            let embed = CreateEmbed::new().colour(BRAND_COLOUR).description(part);
            if n == 0 {
                embed.title(tr(lang, "badges-title"))
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
    lang: Lang,
) -> CreateEmbed {
    let done = modules
        .iter()
        .filter(|m| m.state == ModuleState::Done)
        .count();
    let of = [("done", done.into()), ("total", modules.len().into())];
    course(course_title, modules, lang)
        .title(tr_args(
            lang,
            "progress-title",
            &[("course", course_title.into())],
        ))
        .field(
            tr(lang, "progress-modules"),
            tr_args(lang, "progress-of", &of),
            true,
        )
        .field(tr(lang, "badges-title"), badges_held.to_string(), true)
        .field(tr(lang, "progress-next"), next_step, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_point_of_the_feedback_is_said_once() {
        let (feedback, explanation) = distinct_points(
            "Not quite",
            Some("Not quite. Listening comes first: people act on what they care about."),
            Some("Listening comes first: people act on what they care about. Then you plan."),
        );
        assert_eq!(
            feedback.as_deref(),
            Some("Listening comes first: people act on what they care about.")
        );
        assert_eq!(explanation.as_deref(), Some("Then you plan."));
    }

    #[test]
    fn an_explanation_the_feedback_repeats_whole_is_not_shown_twice() {
        let text = "Organisations do not decide; people in them do.";
        let (feedback, explanation) = distinct_points("Not quite", Some(text), Some(text));
        assert_eq!(feedback.as_deref(), Some(text));
        assert_eq!(explanation, None);
    }
}
