//! What the hub's questions, answers, ratings and reputations look like.

use poise::serenity_prelude as serenity;
use serenity::{ButtonStyle, CreateActionRow, CreateButton, CreateInputText, CreateModal};

use super::View;
use crate::course::text::shorten;
use crate::discord::custom_id::Action;
use crate::domain::hub_qa::{Accepted, Found, Rateable, MAX_COMMENT};
use crate::domain::reputation::{RemovedRating, Reputation};
use crate::i18n::{number, percent, tr, tr_args, Lang};
use crate::model::hub_qa::{Question, RatingValue};
use crate::model::{GuildId, MessageId};
use crate::store::RatingSaved;

/// The field of the rating form that holds the comment.
pub const COMMENT_FIELD: &str = "comment";

/// The first message of a question's post: the details, and who asked.
pub fn question_post(question: &Question, lang: Lang) -> String {
    let asker = [("asker", question.asker_id.to_string().into())];
    format!(
        "{}\n\n{}",
        question.details,
        tr_args(lang, "ask-asked-by", &asker)
    )
}

/// Similar answered questions to read before posting, with a button to post anyway.
pub fn similar_questions(draft: &Question, similar: &[Question], lang: Lang) -> View {
    let title = [("title", shorten(&draft.title, 100).into())];
    let mut lines = vec![tr_args(lang, "ask-similar", &title)];
    for question in similar {
        if let Some(post) = question.post_id {
            lines.push(format!(
                "• [{}]({})",
                shorten(&question.title, 100).replace(['[', ']'], ""),
                link(question.guild_id, post.0, None)
            ));
        }
    }
    lines.push(tr(lang, "ask-similar-none-fits"));
    let buttons = vec![
        CreateButton::new(Action::AskPost { question: draft.id }.to_custom_id())
            .label(tr(lang, "ask-post-button"))
            .style(ButtonStyle::Primary),
        CreateButton::new(Action::AskCancel { question: draft.id }.to_custom_id())
            .label(tr(lang, "ask-cancel-button"))
            .style(ButtonStyle::Secondary),
    ];
    View {
        content: Some(lines.join("\n")),
        components: vec![CreateActionRow::Buttons(buttons)],
        ..View::default()
    }
}

pub fn question_posted(question: &Question, lang: Lang) -> View {
    let post = question.post_id.map_or(0, |p| p.0);
    View::text(tr_args(
        lang,
        "ask-posted",
        &[("post", post.to_string().into())],
    ))
}

pub fn question_cancelled(lang: Lang) -> View {
    View::text(tr(lang, "ask-cancelled"))
}

pub fn answer_accepted(accepted: &Accepted, lang: Lang) -> String {
    let answer = &accepted.answer;
    let post = accepted.question.post_id.map_or(0, |p| p.0);
    let args = [
        ("author", answer.author_id.to_string().into()),
        (
            "link",
            link(answer.guild_id, post, Some(answer.message_id)).into(),
        ),
        ("title", shorten(&accepted.question.title, 100).into()),
    ];
    tr_args(lang, "ask-accepted", &args)
}

/// "positive", "neutral" or "negative" in `lang`.
fn rating_value(value: RatingValue, lang: Lang) -> String {
    tr_args(
        lang,
        "hub-rating-value",
        &[("value", value.as_str().into())],
    )
}

/// The three ratings to choose from; the form for a comment follows.
pub fn rating_choice(rateable: &Rateable, lang: Lang) -> View {
    let answer = &rateable.answer;
    let author = [("author", answer.author_id.to_string().into())];
    let mut content = tr_args(lang, "hub-rate-question", &author);
    if let Some(mine) = &rateable.mine {
        let value = [("value", rating_value(mine.value, lang).into())];
        content.push_str(&tr_args(lang, "hub-rate-before", &value));
    }
    let button = |value, label: String, style| {
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
            button(
                RatingValue::Positive,
                tr(lang, "hub-rate-positive"),
                ButtonStyle::Success,
            ),
            button(
                RatingValue::Neutral,
                tr(lang, "hub-rate-neutral"),
                ButtonStyle::Secondary,
            ),
            button(
                RatingValue::Negative,
                tr(lang, "hub-rate-negative"),
                ButtonStyle::Danger,
            ),
        ])],
        ..View::default()
    }
}

pub fn rating_modal(answer: MessageId, value: RatingValue, lang: Lang) -> CreateModal {
    let comment = CreateInputText::new(
        serenity::InputTextStyle::Short,
        tr(lang, "hub-rate-comment"),
        COMMENT_FIELD,
    )
    .required(false)
    .max_length(u16::try_from(MAX_COMMENT).unwrap_or(100));
    CreateModal::new(
        Action::RateSubmit { answer, value }.to_custom_id(),
        tr_args(
            lang,
            "hub-rate-title",
            &[("value", rating_value(value, lang).into())],
        ),
    )
    .components(vec![CreateActionRow::InputText(comment)])
}

pub fn rated(saved: RatingSaved, value: RatingValue, lang: Lang) -> View {
    let id = match saved {
        RatingSaved::Changed => "hub-rating-changed",
        _ => "hub-rated",
    };
    let value = [("value", rating_value(value, lang).into())];
    View::text(tr_args(lang, id, &value))
}

/// A count, grouped the language's way.
fn figure(lang: Lang, n: impl TryInto<i64>) -> String {
    number(lang, n.try_into().unwrap_or(i64::MAX))
}

pub fn reputation(rep: &Reputation, lang: Lang) -> String {
    let year = &rep.last_year;
    let share = match rep.percent_positive {
        Some(p) => tr_args(
            lang,
            "hub-reputation-percent",
            &[("percent", percent(lang, p, 1).into())],
        ),
        None => tr(lang, "hub-reputation-no-ratings"),
    };
    let args = [
        ("member", rep.member.to_string().into()),
        ("score", figure(lang, rep.score).into()),
        ("percent", share.into()),
        ("positive", figure(lang, year.positive).into()),
        ("neutral", figure(lang, year.neutral).into()),
        ("negative", figure(lang, year.negative).into()),
        ("given", figure(lang, rep.answers.given).into()),
        ("accepted", figure(lang, rep.answers.accepted).into()),
    ];
    tr_args(lang, "hub-reputation", &args)
}

/// A member's standing in the hub in one line, for their profile.
pub fn reputation_line(rep: &Reputation, lang: Lang) -> String {
    let share = match rep.percent_positive {
        Some(p) => tr_args(
            lang,
            "hub-reputation-line-percent",
            &[("percent", percent(lang, p, 1).into())],
        ),
        None => tr(lang, "hub-reputation-line-none"),
    };
    let args = [
        ("score", figure(lang, rep.score).into()),
        ("percent", share.into()),
        ("given", figure(lang, rep.answers.given).into()),
        ("accepted", figure(lang, rep.answers.accepted).into()),
    ];
    tr_args(lang, "hub-reputation-line", &args)
}

/// What `/hub search` found.
/// How much of a title a search result shows, so that ten results fit in one message.
const SHOWN_TITLE: usize = 80;

pub fn search_results(query: &str, found: &Found, lang: Lang) -> String {
    let query = [("query", shorten(query, 100).into())];
    if found.questions.is_empty() && found.articles.is_empty() {
        return tr_args(lang, "hub-search-nothing", &query);
    }
    let mut lines = vec![];
    if !found.questions.is_empty() {
        lines.push(tr_args(lang, "hub-search-questions", &query));
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
        lines.push(tr_args(lang, "hub-search-articles", &query));
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

pub fn rating_removed(removed: &RemovedRating, lang: Lang) -> String {
    let args = [
        ("rater", removed.rater.to_string().into()),
        ("answerer", removed.answerer.to_string().into()),
        ("reason", shorten(&removed.reason, 300).into()),
    ];
    tr_args(lang, "hub-rating-removed", &args)
}

/// A link to a post (a thread), or to a message in it.
fn link(guild: GuildId, post: u64, message: Option<MessageId>) -> String {
    match message {
        Some(m) => format!("https://discord.com/channels/{guild}/{post}/{m}"),
        None => format!("https://discord.com/channels/{guild}/{post}"),
    }
}
