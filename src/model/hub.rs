//! The knowledge hub: the forum channels a server's hub lives in, and the articles it
//! published there.

use super::{ChannelId, GuildId, HubForumKind, MessageId, UnixMillis, UserId};

/// A forum channel the hub posts in, as set-up recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubForum {
    pub guild_id: GuildId,
    pub kind: HubForumKind,
    pub channel_id: ChannelId,
    pub set_up_by: UserId,
    pub set_up_at: UnixMillis,
}

/// An article of a course pack as set-up published it in a server's articles forum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedArticle {
    pub guild_id: GuildId,
    pub course_id: String,
    pub article_id: String,
    /// The articles forum it was published in.
    pub forum_id: ChannelId,
    /// The post: a thread of the forum.
    pub post_id: ChannelId,
    /// The post's messages, one per part of the body, first to last.
    pub message_ids: Vec<MessageId>,
    pub title: String,
    /// Markdown, whole.
    pub body: String,
    /// Of the title, tags and body published.
    pub content_hash: String,
    pub published_at: UnixMillis,
}
