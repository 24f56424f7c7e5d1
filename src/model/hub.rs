//! The knowledge hub: the forum channels a server's hub lives in.

use super::{ChannelId, GuildId, HubForumKind, UnixMillis, UserId};

/// A forum channel the hub posts in, as set-up recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubForum {
    pub guild_id: GuildId,
    pub kind: HubForumKind,
    pub channel_id: ChannelId,
    pub set_up_by: UserId,
    pub set_up_at: UnixMillis,
}
