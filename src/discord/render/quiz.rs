//! Live quiz posts: the open question with its countdown and live count, the reveal, and the
//! leaderboard.

use poise::serenity_prelude as serenity;
use serenity::{
    CreateActionRow, CreateButton, CreateEmbed, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption,
};

use super::{BRAND_COLOUR, RIGHT_COLOUR};
use crate::course::{Course, ExerciseKind};
use crate::discord::custom_id::Action;
use crate::domain::quiz::{Leaderboard, LiveQuestion, Reveal};
use crate::i18n::{tr, tr_args, Lang};

/// The language of what a quiz posts in its channel, which the whole room reads: the
/// course's own, as the channel reads the course.
pub fn room_lang(course: &Course) -> Lang {
    Lang::from_locale(&course.language).unwrap_or(Lang::En)
}

/// The open question: what to answer, how long is left, how many have answered.
pub fn live_question(q: &LiveQuestion, lang: Lang) -> (CreateEmbed, Vec<CreateActionRow>) {
    let (text, row) = match &q.exercise.kind {
        ExerciseKind::TrueFalse { statement, .. } => (
            format!("**{}**\n{statement}", tr(lang, "question-true-or-false")),
            CreateActionRow::Buttons(vec![
                CreateButton::new(
                    Action::LiveTrueFalse {
                        run: q.run.0,
                        index: q.index,
                        value: true,
                    }
                    .to_custom_id(),
                )
                .label(tr(lang, "quiz-true")),
                CreateButton::new(
                    Action::LiveTrueFalse {
                        run: q.run.0,
                        index: q.index,
                        value: false,
                    }
                    .to_custom_id(),
                )
                .label(tr(lang, "quiz-false")),
            ]),
        ),
        ExerciseKind::SingleChoice {
            question, options, ..
        }
        | ExerciseKind::MultipleChoice {
            question, options, ..
        } => {
            let multiple = matches!(q.exercise.kind, ExerciseKind::MultipleChoice { .. });
            let choices = options
                .iter()
                .enumerate()
                .map(|(i, o)| CreateSelectMenuOption::new(o.as_str(), i.to_string()))
                .collect();
            let menu = CreateSelectMenu::new(
                Action::LiveChoice {
                    run: q.run.0,
                    index: q.index,
                }
                .to_custom_id(),
                CreateSelectMenuKind::String { options: choices },
            )
            .placeholder(tr(
                lang,
                if multiple {
                    "question-choose-all"
                } else {
                    "question-choose-one"
                },
            ))
            .min_values(1)
            .max_values(if multiple { options.len() as u8 } else { 1 });
            (question.clone(), CreateActionRow::SelectMenu(menu))
        }
        _ => (String::new(), CreateActionRow::Buttons(vec![])),
    };
    let clock = match (q.paused, q.deadline_at) {
        (true, _) => tr(lang, "quiz-paused"),
        (false, Some(deadline)) => tr_args(
            lang,
            "quiz-closes",
            &[("at", (deadline / 1000).to_string().into())],
        ),
        (false, None) => String::new(),
    };
    let embed = CreateEmbed::new()
        .title(question_title(q, lang, "no"))
        .colour(BRAND_COLOUR)
        .description(format!("{text}\n\n{clock}"))
        .footer(serenity::CreateEmbedFooter::new(tr_args(
            lang,
            "quiz-answered-changeable",
            &[("count", q.answered.into())],
        )));
    (embed, vec![row])
}

fn question_title(q: &LiveQuestion, lang: Lang, closed: &str) -> String {
    tr_args(
        lang,
        "quiz-question-title",
        &[
            ("number", (q.index + 1).into()),
            ("total", q.total.into()),
            ("closed", closed.into()),
        ],
    )
}

/// Options a reveal lists one by one besides the right ones; the rest share one line.
const REVEAL_TOP: usize = 5;

pub fn reveal(r: &Reveal, lang: Lang) -> CreateEmbed {
    let q = &r.question;
    let rows = reveal_rows(r, lang);
    let most = rows.iter().map(|row| row.picks).max().unwrap_or(0).max(1);
    let lines: Vec<String> = rows
        .iter()
        .map(|row| {
            format!(
                "`{:<10}` {} · {}{}",
                "█".repeat(row.picks * 10 / most),
                row.picks,
                row.label,
                if row.right { " ✅" } else { "" }
            )
        })
        .collect();
    let right_answer = match &q.exercise.kind {
        ExerciseKind::TrueFalse { answer, .. } => true_false(*answer, lang),
        _ => r.right_answer.clone(),
    };
    let answer = tr_args(lang, "quiz-answer", &[("answer", right_answer.into())]);
    let mut embed = CreateEmbed::new()
        .title(question_title(q, lang, "yes"))
        .colour(RIGHT_COLOUR)
        .description(format!("{answer}\n\n{}", lines.join("\n")))
        .footer(serenity::CreateEmbedFooter::new(tr_args(
            lang,
            "quiz-answered",
            &[("count", q.answered.into())],
        )));
    if let Some(why) = &q.exercise.explanation {
        embed = embed.field(tr(lang, "feedback-why"), why, false);
    }
    embed
}

fn true_false(value: bool, lang: Lang) -> String {
    tr(lang, if value { "quiz-true" } else { "quiz-false" })
}

pub fn leaderboard(board: &Leaderboard, lang: Lang) -> CreateEmbed {
    let medals = ["🥇", "🥈", "🥉"];
    let lines: Vec<String> = board
        .rows
        .iter()
        .take(20)
        .enumerate()
        .map(|(i, (user, score))| {
            let score = tr_args(
                lang,
                "quiz-score",
                &[
                    ("user", user.to_string().into()),
                    ("score", (*score).into()),
                    ("total", board.questions.into()),
                ],
            );
            format!("{} {score}", medals.get(i).copied().unwrap_or("▫️"))
        })
        .collect();
    let mut text = if lines.is_empty() {
        tr(lang, "quiz-nobody-answered")
    } else {
        lines.join("\n")
    };
    if board.rows.len() > 20 {
        let more = board.rows.len() - 20;
        text.push('\n');
        text.push_str(&tr_args(
            lang,
            "quiz-more-took-part",
            &[("count", more.into())],
        ));
    }
    if let Some(why) = &board.cut_short {
        text = format!("*{why}*\n\n{text}");
    }
    CreateEmbed::new()
        .title(tr_args(
            lang,
            "quiz-leaderboard",
            &[("module", (&board.module_title).into())],
        ))
        .colour(BRAND_COLOUR)
        .description(text)
}

/// One line of a reveal's distribution.
struct RevealRow {
    label: String,
    picks: usize,
    right: bool,
}

/// Every option in the course's order; or, when there are many, the right ones, then the
/// [`REVEAL_TOP`] most picked of the others, then the rest together.
fn reveal_rows(r: &Reveal, lang: Lang) -> Vec<RevealRow> {
    let true_false = matches!(r.question.exercise.kind, ExerciseKind::TrueFalse { .. });
    let all = r
        .distribution
        .iter()
        .enumerate()
        .map(|(i, (option, picks))| RevealRow {
            // A true/false distribution is "true" then "false".
            label: if true_false {
                self::true_false(i == 0, lang)
            } else {
                option.clone()
            },
            picks: *picks,
            right: r.right.contains(&i),
        });
    // Folding a single option into "others" would save nothing.
    if r.distribution.len() <= REVEAL_TOP + r.right.len() + 1 {
        return all.collect();
    }
    let (mut rows, mut wrong): (Vec<_>, Vec<_>) = all.partition(|row| row.right);
    // Stable: options picked as often keep the course's order.
    wrong.sort_by_key(|row| std::cmp::Reverse(row.picks));
    let rest = wrong.split_off(REVEAL_TOP);
    rows.extend(wrong);
    rows.push(RevealRow {
        label: tr_args(lang, "quiz-other-options", &[("count", rest.len().into())]),

        picks: rest.iter().map(|row| row.picks).sum(),
        right: false,
    });
    rows
}
