//! Dot votes: the button on the vote's post, a member's ballot with its select and button,
//! and what the facilitator is told when a vote opens.

use poise::serenity_prelude as serenity;
use serenity::{ButtonStyle, CreateActionRow, CreateButton, CreateSelectMenu};

use super::{string_options, View};
use crate::discord::custom_id::Action;
use crate::domain::votes::{BallotView, OpenedVote};
use crate::i18n::{tr, tr_args, Lang};
use crate::model::votes::VoteId;

/// The button under the vote's post in the cohort channel, in the post's language.
pub fn vote_button(vote: VoteId, lang: Lang) -> CreateActionRow {
    CreateActionRow::Buttons(vec![CreateButton::new(
        Action::VoteOpen { vote }.to_custom_id(),
    )
    .label(tr(lang, "vote-spend-dots"))
    .style(ButtonStyle::Primary)])
}

/// A member's ballot: their dots on each theme, a select to place one more, and a button
/// to take them all back.
pub fn ballot(view: &BallotView, lang: Lang) -> View {
    let vote = &view.vote;
    let lines: Vec<String> = vote
        .options
        .iter()
        .zip(&view.counts)
        .map(|(theme, &dots)| {
            let marks = if dots == 0 {
                "—".to_string()
            } else {
                "●".repeat(dots as usize)
            };
            format!("{marks} {theme}")
        })
        .collect();
    let left = tr_args(
        lang,
        "vote-your-dots",
        &[
            ("left", view.left.into()),
            ("dots", vote.dots.into()),
            ("closes", vote.closes_at.div_euclid(1000).to_string().into()),
        ],
    );
    let content = format!("{left}\n{}", lines.join("\n"));
    let menu = CreateSelectMenu::new(
        Action::VoteDot { vote: vote.id }.to_custom_id(),
        string_options(vote.options.iter().enumerate()),
    )
    .placeholder(tr(lang, "vote-dot-menu"))
    .disabled(view.left == 0);
    let clear = CreateButton::new(Action::VoteClear { vote: vote.id }.to_custom_id())
        .label(tr(lang, "vote-take-back"))
        .style(ButtonStyle::Secondary)
        .disabled(view.left == vote.dots);
    View {
        content: Some(content),
        components: vec![
            CreateActionRow::SelectMenu(menu),
            CreateActionRow::Buttons(vec![clear]),
        ],
        ..View::default()
    }
}

/// What the facilitator is told once the vote is queued.
pub fn vote_opened(opened: &OpenedVote, lang: Lang) -> String {
    let vote = &opened.vote;
    tr_args(
        lang,
        "vote-opened",
        &[
            ("themes", vote.options.len().into()),
            ("dots", vote.dots.into()),
            ("channel", opened.channel.0.to_string().into()),
            ("closes", vote.closes_at.div_euclid(1000).to_string().into()),
        ],
    )
}
