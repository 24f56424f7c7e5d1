//! Live quiz posts: the open question with its countdown and live count, the reveal, and the
//! leaderboard.

use poise::serenity_prelude as serenity;
use serenity::{
    CreateActionRow, CreateButton, CreateEmbed, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption,
};

use super::{BRAND_COLOUR, RIGHT_COLOUR};
use crate::course::words::count;
use crate::course::ExerciseKind;
use crate::discord::custom_id::Action;
use crate::domain::quiz::{Leaderboard, LiveQuestion, Reveal};

/// The open question: what to answer, how long is left, how many have answered.
pub fn live_question(q: &LiveQuestion) -> (CreateEmbed, Vec<CreateActionRow>) {
    let (text, row) = match &q.exercise.kind {
        ExerciseKind::TrueFalse { statement, .. } => (
            format!("**True or false?**\n{statement}"),
            CreateActionRow::Buttons(vec![
                CreateButton::new(
                    Action::LiveTrueFalse {
                        run: q.run.0,
                        index: q.index,
                        value: true,
                    }
                    .to_custom_id(),
                )
                .label("True"),
                CreateButton::new(
                    Action::LiveTrueFalse {
                        run: q.run.0,
                        index: q.index,
                        value: false,
                    }
                    .to_custom_id(),
                )
                .label("False"),
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
            .placeholder(if multiple {
                "Choose all that apply"
            } else {
                "Choose one"
            })
            .min_values(1)
            .max_values(if multiple { options.len() as u8 } else { 1 });
            (question.clone(), CreateActionRow::SelectMenu(menu))
        }
        _ => (String::new(), CreateActionRow::Buttons(vec![])),
    };
    let clock = match (q.paused, q.deadline_at) {
        (true, _) => "⏸ Paused by the facilitator.".to_string(),
        (false, Some(deadline)) => format!("⏱ Closes <t:{}:R>.", deadline / 1000),
        (false, None) => String::new(),
    };
    let embed = CreateEmbed::new()
        .title(format!(
            "Live quiz · question {} of {}",
            q.index + 1,
            q.total
        ))
        .colour(BRAND_COLOUR)
        .description(format!("{text}\n\n{clock}"))
        .footer(serenity::CreateEmbedFooter::new(format!(
            "{} answered · you can change your answer until time is up",
            q.answered
        )));
    (embed, vec![row])
}

/// Options a reveal lists one by one besides the right ones; the rest share one line.
const REVEAL_TOP: usize = 5;

pub fn reveal(r: &Reveal) -> CreateEmbed {
    let q = &r.question;
    let rows = reveal_rows(r);
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
    let mut embed = CreateEmbed::new()
        .title(format!(
            "Live quiz · question {} of {} · closed",
            q.index + 1,
            q.total
        ))
        .colour(RIGHT_COLOUR)
        .description(format!(
            "**Answer:** {}\n\n{}",
            r.right_answer,
            lines.join("\n")
        ))
        .footer(serenity::CreateEmbedFooter::new(format!(
            "{} answered",
            q.answered
        )));
    if let Some(why) = &q.exercise.explanation {
        embed = embed.field("Why", why, false);
    }
    embed
}

pub fn leaderboard(board: &Leaderboard) -> CreateEmbed {
    let medals = ["🥇", "🥈", "🥉"];
    let lines: Vec<String> = board
        .rows
        .iter()
        .take(20)
        .enumerate()
        .map(|(i, (user, score))| {
            format!(
                "{} <@{user}> — {score} of {}",
                medals.get(i).copied().unwrap_or("▫️"),
                board.questions
            )
        })
        .collect();
    let mut text = if lines.is_empty() {
        "Nobody answered.".to_string()
    } else {
        lines.join("\n")
    };
    if board.rows.len() > 20 {
        text.push_str(&format!("\n…and {} more took part.", board.rows.len() - 20));
    }
    if let Some(why) = &board.cut_short {
        text = format!("*{why}*\n\n{text}");
    }
    CreateEmbed::new()
        .title(format!("Leaderboard · {}", board.module_title))
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
fn reveal_rows(r: &Reveal) -> Vec<RevealRow> {
    let all = r
        .distribution
        .iter()
        .enumerate()
        .map(|(i, (option, picks))| RevealRow {
            label: option.clone(),
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
        label: count(rest.len(), "other option", "other options"),
        picks: rest.iter().map(|row| row.picks).sum(),
        right: false,
    });
    rows
}
