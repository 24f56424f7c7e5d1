//! What the hub's questions, answers, ratings and reputations look like.

use poise::serenity_prelude as serenity;
use serenity::{ButtonStyle, CreateActionRow, CreateButton, CreateInputText, CreateModal};

use super::View;
use crate::course::text::shorten;
use crate::discord::custom_id::Action;
use crate::domain::hub_qa::{Accepted, Found, Rateable, MAX_COMMENT};
use crate::domain::reputation::{RemovedRating, Reputation};
use crate::model::hub_qa::{Question, RatingValue};
use crate::model::{GuildId, MessageId};
use crate::store::RatingSaved;

/// The field of the rating form that holds the comment.
pub const COMMENT_FIELD: &str = "comment";

/// The first message of a question's post: the details, and who asked.
pub fn question_post(question: &Question) -> String {
    format!(
        "{}\n\n— asked by <@{}>",
        question.details, question.asker_id
    )
}

/// Similar answered questions to read before posting, with a button to post anyway.
pub fn similar_questions(draft: &Question, similar: &[Question]) -> View {
    let mut lines = vec![format!(
        "Before you post “{}”, these answered questions look alike:",
        shorten(&draft.title, 100)
    )];
    for question in similar {
        if let Some(post) = question.post_id {
            lines.push(format!(
                "• [{}]({})",
                shorten(&question.title, 100).replace(['[', ']'], ""),
                link(question.guild_id, post.0, None)
            ));
        }
    }
    lines.push("If none of them answers it, post your question.".into());
    let buttons = vec![
        CreateButton::new(Action::AskPost { question: draft.id }.to_custom_id())
            .label("Post my question")
            .style(ButtonStyle::Primary),
        CreateButton::new(Action::AskCancel { question: draft.id }.to_custom_id())
            .label("Cancel")
            .style(ButtonStyle::Secondary),
    ];
    View {
        content: Some(lines.join("\n")),
        components: vec![CreateActionRow::Buttons(buttons)],
        ..View::default()
    }
}

pub fn question_posted(question: &Question) -> View {
    let post = question.post_id.map_or(0, |p| p.0);
    View::text(format!(
        "❓ Your question is posted: <#{post}>. Members answer in the post; when a reply answers it, right-click that reply → Apps → **Accept answer**."
    ))
}

pub fn question_cancelled() -> View {
    View::text("Cancelled: your question was not posted.")
}

pub fn answer_accepted(accepted: &Accepted) -> String {
    let answer = &accepted.answer;
    let post = accepted.question.post_id.map_or(0, |p| p.0);
    format!(
        "✅ Accepted <@{}>'s [answer]({}) to “{}”: the post is tagged answered and the answer pinned.",
        answer.author_id,
        link(answer.guild_id, post, Some(answer.message_id)),
        shorten(&accepted.question.title, 100)
    )
}

/// The three ratings to choose from; the form for a comment follows.
pub fn rating_choice(rateable: &Rateable) -> View {
    let answer = &rateable.answer;
    let mut content = format!("How helpful was <@{}>'s answer?", answer.author_id);
    if let Some(mine) = &rateable.mine {
        content.push_str(&format!(
            " You rated it {} before; choose again to change that.",
            mine.value
        ));
    }
    let button = |value, label: &str, style| {
        CreateButton::new(
            Action::RateChoose {
                answer: answer.message_id,
                value,
            }
            .to_custom_id(),
        )
        .label(label)
        .style(style)
    };
    View {
        content: Some(content),
        components: vec![CreateActionRow::Buttons(vec![
            button(RatingValue::Positive, "👍 Positive", ButtonStyle::Success),
            button(RatingValue::Neutral, "😐 Neutral", ButtonStyle::Secondary),
            button(RatingValue::Negative, "👎 Negative", ButtonStyle::Danger),
        ])],
        ..View::default()
    }
}

pub fn rating_modal(answer: MessageId, value: RatingValue) -> CreateModal {
    let comment = CreateInputText::new(
        serenity::InputTextStyle::Short,
        "A one-line comment (optional)",
        COMMENT_FIELD,
    )
    .required(false)
    .max_length(u16::try_from(MAX_COMMENT).unwrap_or(100));
    CreateModal::new(
        Action::RateSubmit { answer, value }.to_custom_id(),
        format!("Rate this answer {value}"),
    )
    .components(vec![CreateActionRow::InputText(comment)])
}

pub fn rated(saved: RatingSaved, value: RatingValue) -> View {
    let done = match saved {
        RatingSaved::Changed => "changed your rating to",
        _ => "rated this answer",
    };
    View::text(format!(
        "Thank you: you {done} {value}. You can change it the same way."
    ))
}

pub fn reputation(rep: &Reputation) -> String {
    let year = &rep.last_year;
    let percent = match rep.percent_positive {
        Some(p) => format!("**{p:.1}%** positive"),
        None => "no positive or negative ratings".into(),
    };
    format!(
        "⭐ <@{}> in the knowledge hub\nFeedback score: **{}** (members who rated their answers positive, minus those who rated them negative)\nLast 12 months: {percent} ({} positive, {} neutral, {} negative)\nAnswers: {} given, {} accepted",
        rep.member,
        rep.score,
        year.positive,
        year.neutral,
        year.negative,
        rep.answers.given,
        rep.answers.accepted
    )
}

/// A member's standing in the hub in one line, for their profile.
pub fn reputation_line(rep: &Reputation) -> String {
    let percent = match rep.percent_positive {
        Some(p) => format!("{p:.1}% positive over 12 months"),
        None => "no ratings for or against over 12 months".into(),
    };
    format!(
        "Feedback score {} · {percent} · answers: {} given, {} accepted",
        rep.score, rep.answers.given, rep.answers.accepted
    )
}

/// What `/hub search` found.
/// How much of a title a search result shows, so that ten results fit in one message.
const SHOWN_TITLE: usize = 80;

pub fn search_results(query: &str, found: &Found) -> String {
    let query = shorten(query, 100);
    if found.questions.is_empty() && found.articles.is_empty() {
        return format!(
            "Nothing answered or published in the hub matches “{query}” yet. Ask it with `/ask`."
        );
    }
    let mut lines = vec![];
    if !found.questions.is_empty() {
        lines.push(format!(
            "🔎 Answered questions matching “{query}”, best first:"
        ));
    }
    for (n, question) in found.questions.iter().enumerate() {
        let post = question.post_id.map_or(0, |p| p.0);
        lines.push(format!(
            "{}. [{}]({})",
            n + 1,
            shorten(&question.title, SHOWN_TITLE).replace(['[', ']'], ""),
            link(question.guild_id, post, question.accepted_answer)
        ));
    }
    if !found.articles.is_empty() {
        lines.push(format!("📚 Articles matching “{query}”, best first:"));
    }
    for article in &found.articles {
        lines.push(format!(
            "• [{}]({})",
            shorten(&article.title, SHOWN_TITLE).replace(['[', ']'], ""),
            link(article.guild_id, article.post_id.0, None)
        ));
    }
    lines.join("\n")
}

pub fn rating_removed(removed: &RemovedRating) -> String {
    format!(
        "Removed <@{}>'s rating of <@{}>'s answer; it no longer counts. Reason kept: {}",
        removed.rater,
        removed.answerer,
        shorten(&removed.reason, 300)
    )
}

/// A link to a post (a thread), or to a message in it.
fn link(guild: GuildId, post: u64, message: Option<MessageId>) -> String {
    match message {
        Some(m) => format!("https://discord.com/channels/{guild}/{post}/{m}"),
        None => format!("https://discord.com/channels/{guild}/{post}"),
    }
}
