//! Channel permissions from a test: changing a channel's overwrites, and reading what a
//! member may do and see there, overwrites applied as Discord applies them.

use serenity::all::{ChannelId, Permissions, UserId};

use super::user::FakeUser;
use crate::model::Message;
use crate::permissions::{self, Overwrite};
use crate::server::FakeDiscord;

impl FakeDiscord {
    /// Adds or replaces (same role or member) a permission overwrite of a text or voice
    /// channel; CHANNEL_UPDATE once the bot is connected.
    pub fn set_overwrite(&self, channel: ChannelId, overwrite: Overwrite) {
        let mut state = self.shared.lock();
        let kind = state.channels.get(&channel).map(|c| c.kind);
        assert!(
            kind.is_some_and(|k| !k.is_thread()),
            "{channel} is not a text or voice channel of the fake"
        );
        permissions::replace(&mut state, channel, overwrite);
        drop(state);
        self.shared.notify();
    }

    /// What `user` may do in `channel`, overwrites applied (a thread counts as its parent;
    /// nothing in a DM or an unknown channel).
    pub fn permissions_in(&self, channel: ChannelId, user: UserId) -> Permissions {
        let state = self.shared.lock();
        state
            .channels
            .get(&channel)
            .map_or(Permissions::empty(), |c| {
                permissions::in_channel(&state, c, user)
            })
    }
}

impl FakeUser {
    /// Whether this member sees `channel` (View Channel there; for a private thread, being in
    /// it or Manage Threads).
    pub fn can_see(&self, channel: ChannelId) -> bool {
        let state = self.shared.lock();
        state
            .channels
            .get(&channel)
            .is_some_and(|c| permissions::can_view(&state, c, self.id))
    }

    /// The messages of `channel` this member sees, oldest first: none if they cannot see the
    /// channel, and ephemeral messages left out.
    pub fn visible_messages(&self, channel: ChannelId) -> Vec<Message> {
        if !self.can_see(channel) {
            return Vec::new();
        }
        let state = self.shared.lock();
        state
            .messages
            .values()
            .filter(|m| m.channel_id == channel && !m.is_ephemeral())
            .cloned()
            .collect()
    }
}
