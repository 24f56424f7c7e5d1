//! The learning path: course overview, module screens, feedback, results, badges (the
//! questions themselves are in `questions.rs`).

use poise::serenity_prelude as serenity;
use serenity::{CreateActionRow, CreateButton, CreateEmbed};

use super::{
    badge_name, View, BRAND_COLOUR, FIELD_LIMIT, PARTLY_COLOUR, RIGHT_COLOUR, WRONG_COLOUR,
};
use crate::course::text::split_for_embeds;
use crate::course::{PageKind, SeriesKind};
use crate::discord::custom_id::Action;
use crate::domain::badges::{BadgeStatus, Lack};
use crate::domain::exercises::{FeedbackView, ResultView, Verdict};
use crate::domain::learning::{next_module, ModuleState, ModuleStatus, NextStep, ScreenView};

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
        NextStep::ForBadge { badge, lack } => for_badge(badge, lack, lang),
        NextStep::AwaitAward { badge } => {
            tr_args(lang, "next-await-award", &[("badge", badge.into())])
        }
        NextStep::Finished => tr(lang, "next-finished"),
    }
}

/// What is still lacking for `badge`, with how to go about it, as a sentence.
fn for_badge(badge: &str, lack: &Lack, lang: Lang) -> String {
    let how = match lack {
        Lack::Route { .. } => "route",
        Lack::Sessions {
            kind: SeriesKind::Mentoring,
            ..
        } => "mentoring",
        Lack::Sessions { .. } => "sessions",
        Lack::Conversations { .. } => "conversations",
        Lack::Module { .. } | Lack::Badge { .. } => "none",
    };
    let text = tr_args(
        lang,
        "next-for-badge",
        &[
            ("lack", lack.message().render(lang).into()),
            ("badge", badge.into()),
            ("how", how.into()),
        ],
    );
    let mut chars = text.chars();
    chars.next().map_or(text.clone(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

pub fn screen(view: &ScreenView, lang: Lang) -> View {
    let kind = match view.page_kind {
        PageKind::Reading => "page-reading",
        PageKind::Video => "page-video",
        PageKind::CaseStudy => "page-case-study",
    };
    let footer = tr_args(
        lang,
        "screen-footer",
        &[
            ("kind", tr(lang, kind).into()),
            ("screen", (view.screen + 1).into()),
            ("screens", view.screens.into()),
            ("done", if view.module_done { "yes" } else { "no" }.into()),
        ],
    );
    let mut embed = CreateEmbed::new()
        .author(serenity::CreateEmbedAuthor::new(&view.module_title))
        .title(&view.page_title)
        .colour(BRAND_COLOUR)
        .description(&view.text)
        .footer(serenity::CreateEmbedFooter::new(footer));
    let mut buttons = vec![
        CreateButton::new(
            Action::Page {
                cohort: view.cohort,
                module: view.module_id.clone(),
                screen: view.screen.saturating_sub(1),
            }
            .to_custom_id(),
        )
        .label(tr(lang, "screen-previous"))
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
        .label(tr(lang, "screen-next"))
        .style(serenity::ButtonStyle::Primary)
        .disabled(view.screen + 1 >= view.screens),
    ];
    if let Some(url) = &view.url {
        embed = embed.url(url);
        buttons.push(CreateButton::new_link(url).label(tr(lang, "screen-open-link")));
    }
    let last_screen = view.screen + 1 >= view.screens;
    if (last_screen || view.pending_question.is_some()) && !view.module_done {
        let label = match (view.pending_question, view.exercises) {
            (Some(index), total) => tr_args(
                lang,
                "screen-continue",
                &[("number", (index + 1).into()), ("total", total.into())],
            ),
            (None, 0) => tr(lang, "screen-finish"),
            (None, n) => tr_args(lang, "screen-start-exercises", &[("count", n.into())]),
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

pub fn feedback(view: &FeedbackView, lang: Lang) -> View {
    let (title, colour) = match view.verdict {
        Verdict::Right => ("feedback-right", RIGHT_COLOUR),
        Verdict::PartlyRight => ("feedback-partly-right", PARTLY_COLOUR),
        Verdict::Wrong => ("feedback-wrong", WRONG_COLOUR),
        Verdict::Written => ("feedback-reflection-saved", RIGHT_COLOUR),
    };
    let title = tr(lang, title);
    let (feedback, explanation) = distinct_points(
        &title,
        view.feedback.as_deref(),
        view.explanation.as_deref(),
    );
    let mut description = String::new();
    if matches!(view.verdict, Verdict::PartlyRight) {
        let share = percent(lang, f64::from(view.points_permille / 10), 0);
        description.push_str(&tr_args(lang, "feedback-share", &[("share", share.into())]));
        description.push_str("\n\n");
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
            let name = if n == 0 {
                tr(lang, "feedback-answer")
            } else {
                "\u{200b}".into()
            };
            embed = embed.field(name, part, false);
        }
    }
    if let Some(explanation) = &explanation {
        embed = embed.field(tr(lang, "feedback-why"), explanation, false);
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
            .label(tr_args(
                lang,
                "feedback-next-question",
                &[
                    ("number", (view.index + 2).into()),
                    ("total", view.total.into()),
                ],
            ))
            .style(serenity::ButtonStyle::Primary),
        ),
        Some(result) => {
            embeds.push(result_embed(result, lang));
            if !result.passed && result.attempts_left != Some(0) {
                buttons.push(
                    CreateButton::new(
                        Action::StartExercises {
                            cohort: result.cohort,
                            module: result.module_id.clone(),
                        }
                        .to_custom_id(),
                    )
                    .label(tr(lang, "feedback-try-again"))
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

pub fn result(view: &ResultView, lang: Lang) -> View {
    View {
        content: None,
        embeds: vec![result_embed(view, lang)],
        components: vec![],
    }
}

fn result_embed(view: &ResultView, lang: Lang) -> CreateEmbed {
    let module = || ("module", (&view.module_title).into());
    let mut lines = vec![tr_args(
        lang,
        "result-score",
        &[
            ("score", percent(lang, f64::from(view.score), 0).into()),
            ("pass", percent(lang, f64::from(view.pass_mark), 0).into()),
        ],
    )];
    if view.passed {
        lines.push(tr_args(lang, "result-complete", &[module()]));
        lines.push(match &view.next_module {
            Some(next) => tr_args(lang, "result-next-open", &[("module", next.into())]),
            None => tr(lang, "result-last-module"),
        });
    } else {
        lines.push(match view.attempts_left {
            Some(0) => tr(lang, "result-no-attempts-left"),
            Some(n) => tr_args(lang, "result-attempts-left", &[("count", n.into())]),
            None => tr(lang, "result-not-passed"),
        });
    }
    for badge in &view.badges.awarded {
        let badge = badge_name(badge);
        lines.push(tr_args(lang, "result-badge", &[("badge", badge.into())]));
    }
    CreateEmbed::new()
        .title(tr_args(lang, "result-title", &[module()]))
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
                    let lacks: Vec<String> =
                        s.missing.iter().map(|l| l.message().render(lang)).collect();
                    let missing = ("missing", lacks.join("; ").into());
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
