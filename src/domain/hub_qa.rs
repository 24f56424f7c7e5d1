//! Questions and answers in the knowledge hub: `/ask` (with similar answered questions shown
//! first), and the answers members accept and rate from a message's context menu. The posts
//! themselves are Discord's; here is who may do what, and the record of it.

use std::collections::BTreeSet;

use crate::course::text::char_len;
use crate::course::ANSWERED_TAG;
use crate::i18n::Message;
use crate::model::hub::PublishedArticle;
use crate::model::hub_qa::{
    Answer, NewQuestion, Question, QuestionId, QuestionState, Rating, RatingValue,
};
use crate::model::*;
use crate::store::{RatingSaved, Store};

use super::access::{access_of, Access, Caller};
use super::{echo, refuse, DomainResult};

/// Discord's longest thread name, so a question's title.
pub const MAX_TITLE: usize = 100;
/// A post's first message holds 2,000 characters; the rest is the asker's line.
pub const MAX_DETAILS: usize = 1_900;
/// Discord's most tags on one forum post.
pub const MAX_POST_TAGS: usize = 5;
/// The most similar answered questions shown before posting.
pub const MAX_SIMILAR: usize = 3;
/// How old an answer must be before it can be rated.
pub const RATING_DELAY_MS: UnixMillis = 60_000;
/// Discord's longest one-line comment we keep with a rating.
pub const MAX_COMMENT: usize = 100;

/// What a member asks with `/ask`.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    pub title: &'a str,
    pub details: &'a str,
    /// Tag names, separated by commas.
    pub tags: &'a str,
}

/// What `/ask` does next.
#[derive(Debug, Clone)]
pub enum Asked {
    /// Similar answered questions to look at first; the question waits as a draft.
    Similar {
        draft: Question,
        similar: Vec<Question>,
    },
    /// Nothing similar: the question is to be posted now (it is claimed for posting).
    Post(Question),
}

/// A message shown to the bot by a context menu.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    pub message: MessageId,
    /// The channel or thread it is in.
    pub channel: ChannelId,
    pub author: UserId,
    pub author_is_bot: bool,
    pub posted_at: UnixMillis,
}

/// An answer accepted for its question.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub question: Question,
    pub answer: Answer,
}

/// An answer the caller may rate, and their rating of it so far.
#[derive(Debug, Clone)]
pub struct Rateable {
    pub answer: Answer,
    pub mine: Option<Rating>,
}

/// Checks and stores a question; `offered` are the questions forum's tags. Similar answered
/// questions, if any, come back to be shown first.
pub async fn ask(
    store: &Store,
    caller: Caller,
    ask: &Ask<'_>,
    offered: &[String],
    now: UnixMillis,
) -> DomainResult<Asked> {
    let new = NewQuestion {
        guild_id: caller.guild,
        asker_id: caller.user,
        title: checked_title(ask.title, Message::new("ask-no-title"))?,
        details: checked_details(ask.details)?,
        tags: chosen_tags(ask.tags, offered, HubForumKind::Questions)?,
    };
    let answered = store.answered_questions(caller.guild).await?;
    let similar = most_similar(&new, &answered);
    let draft = store.create_question(&new, now).await?;
    if similar.is_empty() {
        return Ok(Asked::Post(claim_draft(store, caller, draft.id).await?));
    }
    Ok(Asked::Similar { draft, similar })
}

/// Claims the caller's draft for posting: one click posts it, a second is refused.
pub async fn claim_draft(store: &Store, caller: Caller, id: QuestionId) -> DomainResult<Question> {
    let question = own_question(store, caller, id).await?;
    if !store
        .move_question(id, QuestionState::Draft, QuestionState::Posting)
        .await?
    {
        return refuse(Message::new("ask-already-posted"));
    }
    Ok(Question {
        state: QuestionState::Posting,
        ..question
    })
}

/// Puts a question whose post could not be opened back as a draft, to try again.
pub async fn post_failed(store: &Store, question: &Question) -> DomainResult<()> {
    store
        .move_question(question.id, QuestionState::Posting, QuestionState::Draft)
        .await?;
    Ok(())
}

/// Records the post a question was opened as.
pub async fn posted(store: &Store, question: &Question, post: ChannelId) -> DomainResult<Question> {
    store.question_posted(question.id, post).await?;
    Ok(Question {
        state: QuestionState::Open,
        post_id: Some(post),
        ..question.clone()
    })
}

/// Drops the caller's draft: nothing is posted.
pub async fn cancel_draft(store: &Store, caller: Caller, id: QuestionId) -> DomainResult<()> {
    own_question(store, caller, id).await?;
    if !store.delete_draft(id).await? {
        return refuse(Message::new("ask-nothing-to-cancel"));
    }
    Ok(())
}

/// Accepts `shown` as the answer to the question of its post: the asker or a facilitator.
pub async fn accept(
    store: &Store,
    caller: Caller,
    shown: Shown,
    now: UnixMillis,
) -> DomainResult<Accepted> {
    let question = question_answered_by(store, caller, shown).await?;
    let facilitates = access_of(store, caller).await? == Access::Facilitator;
    if question.asker_id != caller.user && !facilitates {
        return refuse(Message::new("ask-accept-not-allowed"));
    }
    if let Some(accepted) = question.accepted_answer {
        let id = if accepted == shown.message {
            "ask-this-accepted"
        } else {
            "ask-other-accepted"
        };
        return refuse(Message::new(id).arg("title", echo(&question.title)));
    }
    let answer = store
        .record_hub_answer(&answer_of(&question, shown))
        .await?;
    if !store
        .accept_hub_answer(answer.message_id, caller.user, now)
        .await?
    {
        return refuse(Message::new("ask-other-accepted").arg("title", echo(&question.title)));
    }
    let answer = store.hub_answer(answer.message_id).await?.unwrap_or(answer);
    Ok(Accepted { question, answer })
}

/// Checks the caller may rate `shown` now, and records it as an answer.
pub async fn rateable(
    store: &Store,
    caller: Caller,
    shown: Shown,
    now: UnixMillis,
) -> DomainResult<Rateable> {
    let question = question_answered_by(store, caller, shown).await?;
    let answer = answer_of(&question, shown);
    check_may_rate(caller, &answer, now)?;
    let answer = store.record_hub_answer(&answer).await?;
    let mine = store.rating(answer.message_id, caller.user).await?;
    if mine.as_ref().is_some_and(|r| r.removal.is_some()) {
        return refuse(Message::new("ask-rating-removed"));
    }
    Ok(Rateable { answer, mine })
}

/// Saves the caller's rating of `answer`, replacing theirs; `comment` is optional.
pub async fn rate(
    store: &Store,
    caller: Caller,
    answer: MessageId,
    value: RatingValue,
    comment: &str,
    now: UnixMillis,
) -> DomainResult<RatingSaved> {
    let Some(answer) = store.hub_answer(answer).await? else {
        return refuse(not_an_answer());
    };
    if answer.guild_id != caller.guild {
        return refuse(not_an_answer());
    }
    check_may_rate(caller, &answer, now)?;
    let comment = comment.split_whitespace().collect::<Vec<_>>().join(" ");
    if char_len(&comment) > MAX_COMMENT {
        return refuse(
            Message::new("ask-comment-too-long")
                .arg("max", MAX_COMMENT)
                .arg("count", char_len(&comment)),
        );
    }
    let rating = Rating {
        answer_id: answer.message_id,
        rater_id: caller.user,
        value,
        comment: (!comment.is_empty()).then_some(comment),
        rated_at: now,
        removal: None,
    };
    let saved = store.save_rating(&rating).await?;
    if saved == RatingSaved::WasRemoved {
        return refuse(Message::new("ask-rating-removed"));
    }
    Ok(saved)
}

/// The most results `/hub search` shows, and how many of them may be articles.
pub const MAX_RESULTS: u32 = 10;
pub const MAX_ARTICLE_RESULTS: u32 = 5;

/// What `/hub search` found in the caller's server, best first in each kind.
#[derive(Debug, Clone)]
pub struct Found {
    pub questions: Vec<Question>,
    pub articles: Vec<PublishedArticle>,
}

/// Answered questions and published articles of the caller's server matching every word of
/// `query`, best first.
pub async fn search(store: &Store, caller: Caller, query: &str) -> DomainResult<Found> {
    let words: Vec<String> = query
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    if words.is_empty() {
        return refuse(Message::new("hub-search-empty-query"));
    }
    let articles = store
        .search_articles(caller.guild, &words, MAX_ARTICLE_RESULTS)
        .await?;
    let rest = MAX_RESULTS - articles.len() as u32;
    let questions = store.search_answered(caller.guild, &words, rest).await?;
    Ok(Found {
        questions,
        articles,
    })
}

/// Titles of the server's answered questions and published articles containing `partial`,
/// for autocomplete.
pub async fn answered_titles(
    store: &Store,
    caller: Caller,
    partial: &str,
) -> DomainResult<Vec<String>> {
    let partial = partial.trim().to_lowercase();
    let answered = store.answered_questions(caller.guild).await?;
    let articles = store.article_titles(caller.guild).await?;
    Ok(answered
        .into_iter()
        .map(|q| q.title)
        .chain(articles)
        .filter(|t| t.to_lowercase().contains(&partial))
        .collect())
}

fn not_an_answer() -> Message {
    Message::new("ask-not-an-answer")
}

/// A post's title on one line; `missing` is what an empty one is told.
pub(super) fn checked_title(title: &str, missing: Message) -> DomainResult<String> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return refuse(missing);
    }
    if char_len(&title) > MAX_TITLE {
        return refuse(
            Message::new("hub-title-too-long")
                .arg("max", MAX_TITLE)
                .arg("count", char_len(&title)),
        );
    }
    Ok(title)
}

fn checked_details(details: &str) -> DomainResult<String> {
    let details = details.trim();
    if details.is_empty() {
        return refuse(Message::new("ask-no-details"));
    }
    if char_len(details) > MAX_DETAILS {
        return refuse(
            Message::new("ask-details-too-long")
                .arg("max", MAX_DETAILS)
                .arg("count", char_len(details)),
        );
    }
    Ok(details.to_owned())
}

/// The tags named in `text` (commas between), as the `forum` (named in a refusal) spells them.
pub(super) fn chosen_tags(
    text: &str,
    offered: &[String],
    forum: HubForumKind,
) -> DomainResult<Vec<String>> {
    let mut chosen: Vec<String> = vec![];
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let found = offered
            .iter()
            .filter(|t| !t.eq_ignore_ascii_case(ANSWERED_TAG))
            .find(|t| t.eq_ignore_ascii_case(name));
        let Some(tag) = found else {
            let choices: Vec<&str> = offered
                .iter()
                .filter(|t| !t.eq_ignore_ascii_case(ANSWERED_TAG))
                .map(String::as_str)
                .collect();
            return refuse(
                Message::new("hub-unknown-tag")
                    .arg("forum", forum.to_string())
                    .arg("tag", echo(name))
                    .arg("choices", choices.join(", ")),
            );
        };
        if !chosen.contains(tag) {
            chosen.push(tag.clone());
        }
    }
    if chosen.len() > MAX_POST_TAGS {
        return refuse(
            Message::new("hub-too-many-tags")
                .arg("max", MAX_POST_TAGS)
                .arg("count", chosen.len()),
        );
    }
    Ok(chosen)
}

async fn own_question(store: &Store, caller: Caller, id: QuestionId) -> DomainResult<Question> {
    match store.hub_question(id).await? {
        Some(q) if q.asker_id == caller.user && q.guild_id == caller.guild => Ok(q),
        Some(_) => refuse(Message::new("ask-not-yours")),
        None => refuse(Message::new("ask-cancelled-already")),
    }
}

/// The recorded question whose post `shown` replies in.
async fn question_answered_by(
    store: &Store,
    caller: Caller,
    shown: Shown,
) -> DomainResult<Question> {
    let question = store.question_of_post(shown.channel).await?;
    let Some(question) = question.filter(|q| q.guild_id == caller.guild) else {
        return refuse(not_an_answer());
    };
    if shown.message.0 == shown.channel.0 {
        return refuse(Message::new("ask-the-question-itself"));
    }
    if shown.author_is_bot {
        return refuse(not_an_answer());
    }
    Ok(question)
}

fn answer_of(question: &Question, shown: Shown) -> Answer {
    Answer {
        message_id: shown.message,
        question_id: question.id,
        guild_id: question.guild_id,
        author_id: shown.author,
        posted_at: shown.posted_at,
        accepted_at: None,
        accepted_by: None,
    }
}

fn check_may_rate(caller: Caller, answer: &Answer, now: UnixMillis) -> DomainResult<()> {
    if answer.author_id == caller.user {
        return refuse(Message::new("ask-own-answer"));
    }
    let age = now - answer.posted_at;
    if age < RATING_DELAY_MS {
        return refuse(Message::new("ask-answer-too-new").arg("seconds", age.max(0) / 1000));
    }
    Ok(())
}

/// Up to [`MAX_SIMILAR`] of `answered` that share at least two words with `new`, the most
/// alike first (by the share of their words in common).
fn most_similar(new: &NewQuestion, answered: &[Question]) -> Vec<Question> {
    let wanted = words(&format!("{} {}", new.title, new.details));
    let mut scored: Vec<(f64, &Question)> = answered
        .iter()
        .filter_map(|q| {
            let theirs = words(&format!("{} {}", q.title, q.details));
            let shared = wanted.intersection(&theirs).count();
            let all = wanted.union(&theirs).count().max(1);
            (shared >= 2).then_some((shared as f64 / all as f64, q))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(MAX_SIMILAR)
        .map(|(_, q)| q.clone())
        .collect()
}

const COMMON_WORDS: [&str; 40] = [
    "the", "and", "for", "how", "what", "with", "does", "can", "you", "are", "our", "who", "why",
    "when", "this", "that", "from", "have", "into", "about", "should", "would", "could", "was",
    "were", "will", "there", "their", "them", "they", "your", "not", "but", "any", "all", "get",
    "has", "had", "out", "one",
];

/// The distinct words of three letters or more that say what a text is about.
fn words(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !COMMON_WORDS.contains(w))
        .map(str::to_owned)
        .collect()
}
