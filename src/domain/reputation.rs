//! Reputation in the knowledge hub, as on eBay: a member's feedback score (distinct members
//! who rated their answers positive, minus those who rated them negative, ever) and the share
//! of positive ratings over the last twelve months, with the answers they gave and had
//! accepted. Facilitators remove abusive ratings, keeping why.

use crate::i18n::Message;
use crate::model::hub_qa::{AnswerCounts, RaterCounts, Removal};
use crate::model::*;
use crate::store::Store;

use super::access::{access_of, Access, Caller};
use super::{refuse, DomainResult};

/// The window the percentage positive is taken over: twelve months.
pub const PERCENT_WINDOW_MS: UnixMillis = 365 * 24 * 60 * 60 * 1000;
/// The longest reason kept with a removed rating.
pub const MAX_REASON: usize = 300;

/// A member's standing in the hub.
#[derive(Debug, Clone, PartialEq)]
pub struct Reputation {
    pub member: UserId,
    /// Distinct positive raters minus distinct negative raters, all time.
    pub score: i64,
    /// Distinct raters each way over the last twelve months.
    pub last_year: RaterCounts,
    /// Positive raters as a share of positive and negative ones over the last twelve months
    /// (neutral ones do not count), `None` when there are none.
    pub percent_positive: Option<f64>,
    pub answers: AnswerCounts,
}

/// A rating a facilitator removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedRating {
    pub answer: MessageId,
    pub rater: UserId,
    pub answerer: UserId,
    pub reason: String,
}

/// `member`'s reputation in the caller's server, at `now`.
pub async fn reputation(
    store: &Store,
    caller: Caller,
    member: UserId,
    now: UnixMillis,
) -> DomainResult<Reputation> {
    let ever = store.rater_counts(caller.guild, member, 0).await?;
    let last_year = store
        .rater_counts(caller.guild, member, now - PERCENT_WINDOW_MS)
        .await?;
    let rated = last_year.positive + last_year.negative;
    let percent_positive =
        (rated > 0).then(|| f64::from(last_year.positive) * 100.0 / f64::from(rated));
    Ok(Reputation {
        member,
        score: i64::from(ever.positive) - i64::from(ever.negative),
        last_year,
        percent_positive,
        answers: store.answer_counts(caller.guild, member).await?,
    })
}

/// Removes `rater`'s rating of the answer `link` points to (facilitators), keeping `reason`.
pub async fn remove_rating(
    store: &Store,
    caller: Caller,
    link: &str,
    rater: UserId,
    reason: &str,
    now: UnixMillis,
) -> DomainResult<RemovedRating> {
    if access_of(store, caller).await? != Access::Facilitator {
        return refuse(Message::new("hub-remove-not-facilitator"));
    }
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if reason.is_empty() || reason.chars().count() > MAX_REASON {
        return refuse(Message::new("hub-remove-no-reason").arg("max", MAX_REASON));
    }
    let Some(message) = message_of_link(link, caller.guild) else {
        return refuse(Message::new("hub-remove-not-a-link"));
    };
    let answer = store.hub_answer(message).await?;
    let Some(answer) = answer.filter(|a| a.guild_id == caller.guild) else {
        return refuse(Message::new("hub-remove-not-rated"));
    };
    let removal = Removal {
        removed_by: caller.user,
        removed_at: now,
        reason: reason.clone(),
    };
    if !store.remove_rating(message, rater, &removal).await? {
        return refuse(Message::new("hub-remove-no-rating").arg("rater", rater.to_string()));
    }
    Ok(RemovedRating {
        answer: message,
        rater,
        answerer: answer.author_id,
        reason,
    })
}

/// The message a link such as `https://discord.com/channels/GUILD/CHANNEL/MESSAGE` points to,
/// if it is in `guild`.
fn message_of_link(link: &str, guild: GuildId) -> Option<MessageId> {
    let path = link.trim().split("/channels/").nth(1)?;
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    match parts.as_slice() {
        [g, _, m] if g.parse::<u64>().ok() == Some(guild.0) => m.parse().ok().map(MessageId),
        _ => None,
    }
}
