//! The knowledge hub's questions, the answers members accepted or rated, and the ratings.

use std::fmt;
use std::str::FromStr;

use super::{ChannelId, GuildId, MessageId, UnixMillis, UnknownVariant, UserId};

id_type! {
    QuestionId(i64);
}

text_enum! {
    /// Where a hub question is: a draft shown with similar questions, its post being
    /// opened, or open in the questions forum.
    QuestionState {
        Draft => "draft",
        Posting => "posting",
        Open => "open",
    }

    /// A rating of an answer in the hub, as on eBay.
    RatingValue {
        Positive => "positive",
        Neutral => "neutral",
        Negative => "negative",
    }
}

/// A question as `/ask` takes it, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewQuestion {
    pub guild_id: GuildId,
    pub asker_id: UserId,
    pub title: String,
    pub details: String,
    /// Names of the questions forum's tags.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: QuestionId,
    pub guild_id: GuildId,
    pub asker_id: UserId,
    pub title: String,
    pub details: String,
    pub tags: Vec<String>,
    pub asked_at: UnixMillis,
    pub state: QuestionState,
    /// The forum post (a thread), once opened.
    pub post_id: Option<ChannelId>,
    pub accepted_answer: Option<MessageId>,
    pub answered_at: Option<UnixMillis>,
}

/// A reply in a question's post that someone accepted or rated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub message_id: MessageId,
    pub question_id: QuestionId,
    pub guild_id: GuildId,
    pub author_id: UserId,
    pub posted_at: UnixMillis,
    pub accepted_at: Option<UnixMillis>,
    pub accepted_by: Option<UserId>,
}

/// One member's rating of one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub answer_id: MessageId,
    pub rater_id: UserId,
    pub value: RatingValue,
    pub comment: Option<String>,
    pub rated_at: UnixMillis,
    pub removal: Option<Removal>,
}

/// A facilitator removed a rating as abusive; it no longer counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub removed_by: UserId,
    pub removed_at: UnixMillis,
    pub reason: String,
}

/// How many distinct members rated someone's answers positive, neutral and negative (a
/// member who rated several answers the same way counts once), ratings removed left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RaterCounts {
    pub positive: u32,
    pub neutral: u32,
    pub negative: u32,
}

/// Answers of a member the hub knows of, and how many were accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnswerCounts {
    pub given: u32,
    pub accepted: u32,
}
