//! Articles members propose for the knowledge hub, and what the facilitators decided.

use std::fmt;
use std::str::FromStr;

use super::{ChannelId, GuildId, UnixMillis, UnknownVariant, UserId};

id_type! {
    ProposalId(i64);
}

text_enum! {
    /// Where a proposed article is: waiting for a facilitator, being posted after one
    /// approved it, posted in the articles forum, or returned to its author.
    ProposalState {
        Pending => "pending",
        Posting => "posting",
        Published => "published",
        Returned => "returned",
    }
}

/// An article as `/hub propose` takes it, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProposal {
    pub guild_id: GuildId,
    pub author_id: UserId,
    pub title: String,
    /// Markdown.
    pub body: String,
    /// Names of the articles forum's tags.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub id: ProposalId,
    pub guild_id: GuildId,
    pub author_id: UserId,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub proposed_at: UnixMillis,
    pub state: ProposalState,
    /// The facilitator who approved or returned it.
    pub reviewer_id: Option<UserId>,
    /// Why it was returned.
    pub comment: Option<String>,
    pub decided_at: Option<UnixMillis>,
    /// The forum post (a thread), once published.
    pub post_id: Option<ChannelId>,
}
