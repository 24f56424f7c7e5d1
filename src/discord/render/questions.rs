//! Exercises as a trainee answers them: each kind of question with its buttons or menus,
//! and the form a reflection is written in.

use poise::serenity_prelude as serenity;
use serenity::{CreateActionRow, CreateButton, CreateEmbed, CreateSelectMenu};

use super::{string_options, View, BRAND_COLOUR};
use crate::course::text::shorten;
use crate::course::ExerciseKind;
use crate::discord::custom_id::Action;
use crate::domain::questions::QuestionView;
use crate::i18n::{tr, tr_args, Lang};

/// A question; for ordering and matching, the step after the picks in `so_far`.
pub fn question(view: &QuestionView, so_far: &[usize], lang: Lang) -> View {
    let footer = serenity::CreateEmbedFooter::new(tr_args(
        lang,
        "question-footer",
        &[
            ("module", (&view.module_title).into()),
            ("number", (view.index + 1).into()),
            ("total", view.total.into()),
            ("attempt", view.attempt_no.into()),
        ],
    ));
    let t = |id| tr(lang, id);
    let embed = CreateEmbed::new().colour(BRAND_COLOUR).footer(footer);
    let (attempt, index) = (view.attempt, view.index);
    let (embed, row) = match &view.exercise.kind {
        ExerciseKind::TrueFalse { statement, .. } => (
            embed
                .title(t("question-true-or-false"))
                .description(statement),
            CreateActionRow::Buttons(vec![
                CreateButton::new(
                    Action::TrueFalse {
                        attempt,
                        index,
                        value: true,
                    }
                    .to_custom_id(),
                )
                .label(t("quiz-true")),
                CreateButton::new(
                    Action::TrueFalse {
                        attempt,
                        index,
                        value: false,
                    }
                    .to_custom_id(),
                )
                .label(t("quiz-false")),
            ]),
        ),
        ExerciseKind::SingleChoice {
            question, options, ..
        }
        | ExerciseKind::MultipleChoice {
            question, options, ..
        } => {
            let multiple = matches!(view.exercise.kind, ExerciseKind::MultipleChoice { .. });
            let how = t(if multiple {
                "question-choose-all"
            } else {
                "question-choose-one"
            });
            let menu = CreateSelectMenu::new(
                Action::Choice { attempt, index }.to_custom_id(),
                string_options(options.iter().enumerate()),
            )
            .placeholder(&how)
            .min_values(1)
            .max_values(if multiple { options.len() as u8 } else { 1 });
            (
                embed.title(how).description(question),
                CreateActionRow::SelectMenu(menu),
            )
        }
        ExerciseKind::Ordering { question, items } => {
            let chosen: Vec<String> = so_far
                .iter()
                .enumerate()
                .map(|(n, &i)| format!("{}. {}", n + 1, items[i]))
                .collect();
            let remaining = items
                .iter()
                .enumerate()
                .filter(|(i, _)| !so_far.contains(i));
            let menu = CreateSelectMenu::new(
                Action::Step {
                    attempt,
                    index,
                    so_far: so_far.to_vec(),
                }
                .to_custom_id(),
                string_options(remaining),
            )
            .placeholder(tr_args(
                lang,
                "question-which-comes",
                &[("position", (so_far.len() + 1).into())],
            ));
            let sofar = if chosen.is_empty() {
                String::new()
            } else {
                format!(
                    "\n\n**{}**\n{}",
                    t("question-order-so-far"),
                    chosen.join("\n")
                )
            };
            (
                embed
                    .title(t("question-put-in-order"))
                    .description(format!("{question}{sofar}")),
                CreateActionRow::SelectMenu(menu),
            )
        }
        ExerciseKind::Matching {
            question,
            categories,
            items,
        } => {
            let step = so_far.len().min(items.len().saturating_sub(1));
            let done: Vec<String> = so_far
                .iter()
                .enumerate()
                .map(|(i, &c)| format!("{} → {}", items[i].text, categories[c]))
                .collect();
            let menu = CreateSelectMenu::new(
                Action::Step {
                    attempt,
                    index,
                    so_far: so_far.to_vec(),
                }
                .to_custom_id(),
                string_options(categories.iter().enumerate()),
            )
            .placeholder(t("question-choose-category"));
            let sofar = if done.is_empty() {
                String::new()
            } else {
                format!(
                    "\n\n**{}**\n{}",
                    t("question-sorted-so-far"),
                    done.join("\n")
                )
            };
            let title = tr_args(
                lang,
                "question-sort-items",
                &[("number", (step + 1).into()), ("total", items.len().into())],
            );
            let belong = tr_args(
                lang,
                "question-where-belong",
                &[("item", (&items[step].text).into())],
            );
            (
                embed
                    .title(title)
                    .description(format!("{question}{sofar}\n\n**{belong}**")),
                CreateActionRow::SelectMenu(menu),
            )
        }
        ExerciseKind::Reflection {
            prompt,
            min_chars,
            max_chars,
            ..
        } => (
            embed.title(t("question-reflection")).description(format!(
                "{prompt}\n\n*{}*",
                tr_args(
                    lang,
                    "question-reflection-length",
                    &[("min", (*min_chars).into()), ("max", (*max_chars).into())]
                )
            )),
            CreateActionRow::Buttons(vec![CreateButton::new(
                Action::WriteReflection { attempt, index }.to_custom_id(),
            )
            .label(t("question-write-reflection"))
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
    .label(tr(lang, "question-read-again"))
    .style(serenity::ButtonStyle::Secondary);
    View {
        content: None,
        embeds: vec![embed],
        components: vec![row, CreateActionRow::Buttons(vec![pages])],
    }
}

/// The box a reflection is written in, headed by the question it answers (Discord allows
/// 45 characters in a modal title and an input's label, 100 in its placeholder).
pub fn reflection_modal(view: &QuestionView, lang: Lang) -> serenity::CreateModal {
    let your_reflection = tr(lang, "reflection-yours");
    let (prompt, min, max) = match &view.exercise.kind {
        ExerciseKind::Reflection {
            prompt,
            min_chars,
            max_chars,
            ..
        } => (prompt.as_str(), *min_chars, *max_chars),
        _ => (your_reflection.as_str(), 1, 4000),
    };
    let label = shorten(prompt, MODAL_LABEL_LIMIT);
    let placeholder = if label == prompt {
        tr(lang, "reflection-placeholder")
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
            &tr_args(
                lang,
                "reflection-modal-title",
                &[("module", (&view.module_title).into())],
            ),
            MODAL_LABEL_LIMIT,
        ),
    )
    .components(vec![CreateActionRow::InputText(input)])
}

/// Discord's limits on a modal's title and a text input's label, and on its placeholder.
const MODAL_LABEL_LIMIT: usize = 45;
const PLACEHOLDER_LIMIT: usize = 100;
