//! Descriptions of the things a test puts into the fake's world: roles, members, channels and
//! scheduled events. Each converts from a plain name, so `fake.add_member("alice")` works; the
//! builder methods add the rest. Without `in_guild`, things go into the default guild.

use chrono::{DateTime, Utc};
use serenity::all::{ChannelId, ForumTagId, GuildId, Permissions, RoleId};

use crate::model::ChannelKind;
use crate::permissions::Overwrite;

/// A role to add with [`crate::FakeDiscord::add_role`].
#[derive(Clone, Debug)]
pub struct RoleSpec {
    pub(crate) name: String,
    pub(crate) guild: Option<GuildId>,
    pub(crate) position: Option<u16>,
    pub(crate) permissions: Permissions,
    pub(crate) color: u32,
    pub(crate) hoist: bool,
    pub(crate) mentionable: bool,
}

impl RoleSpec {
    /// A role with no permissions, placed just above `@everyone`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            guild: None,
            position: None,
            permissions: Permissions::empty(),
            color: 0,
            hoist: false,
            mentionable: false,
        }
    }

    pub fn in_guild(mut self, guild: GuildId) -> Self {
        self.guild = Some(guild);
        self
    }

    /// The role's position; roles at or above it move up by one, as in Discord.
    pub fn position(mut self, position: u16) -> Self {
        self.position = Some(position);
        self
    }

    pub fn permissions(mut self, permissions: Permissions) -> Self {
        self.permissions = permissions;
        self
    }

    pub fn color(mut self, color: u32) -> Self {
        self.color = color;
        self
    }

    /// Shown separately in the member list.
    pub fn hoist(mut self) -> Self {
        self.hoist = true;
        self
    }

    pub fn mentionable(mut self) -> Self {
        self.mentionable = true;
        self
    }
}

impl From<&str> for RoleSpec {
    fn from(name: &str) -> Self {
        Self::new(name)
    }
}

/// A guild member to add with [`crate::FakeDiscord::add_member`].
#[derive(Clone, Debug)]
pub struct MemberSpec {
    pub(crate) name: String,
    pub(crate) guild: Option<GuildId>,
    pub(crate) roles: Vec<RoleId>,
    pub(crate) nick: Option<String>,
    pub(crate) dms_open: bool,
}

impl MemberSpec {
    /// A member with no roles who accepts DMs.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            guild: None,
            roles: vec![],
            nick: None,
            dms_open: true,
        }
    }

    pub fn in_guild(mut self, guild: GuildId) -> Self {
        self.guild = Some(guild);
        self
    }

    pub fn roles(mut self, roles: impl IntoIterator<Item = RoleId>) -> Self {
        self.roles.extend(roles);
        self
    }

    pub fn nick(mut self, nick: impl Into<String>) -> Self {
        self.nick = Some(nick.into());
        self
    }

    /// The member does not accept DMs from the bot: sending one answers 400, code 50007.
    pub fn dms_closed(mut self) -> Self {
        self.dms_open = false;
        self
    }
}

impl From<&str> for MemberSpec {
    fn from(name: &str) -> Self {
        Self::new(name)
    }
}

/// A channel or thread to add with [`crate::FakeDiscord::add_channel`].
#[derive(Clone, Debug)]
pub struct ChannelSpec {
    pub(crate) name: String,
    pub(crate) kind: ChannelKind,
    pub(crate) guild: Option<GuildId>,
    pub(crate) parent: Option<ChannelId>,
    pub(crate) overwrites: Vec<Overwrite>,
    /// A forum's tags, by name.
    pub(crate) tags: Vec<String>,
    pub(crate) applied_tags: Vec<ForumTagId>,
}

impl ChannelSpec {
    pub fn text(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            kind: ChannelKind::Text,
            guild: None,
            parent: None,
            overwrites: Vec::new(),
            tags: Vec::new(),
            applied_tags: Vec::new(),
        }
    }

    /// A forum channel offering `tags` to its posts.
    pub fn forum<const N: usize>(name: impl Into<String>, tags: [&str; N]) -> Self {
        Self {
            kind: ChannelKind::Forum,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            ..Self::text(name)
        }
    }

    pub fn voice(name: impl Into<String>) -> Self {
        Self {
            kind: ChannelKind::Voice,
            ..Self::text(name)
        }
    }

    /// A public thread in `parent` (its guild is the parent's).
    pub fn thread(parent: ChannelId, name: impl Into<String>) -> Self {
        Self {
            kind: ChannelKind::PublicThread,
            parent: Some(parent),
            ..Self::text(name)
        }
    }

    /// A private thread in `parent`.
    pub fn private_thread(parent: ChannelId, name: impl Into<String>) -> Self {
        Self {
            kind: ChannelKind::PrivateThread,
            ..Self::thread(parent, name)
        }
    }

    pub fn in_guild(mut self, guild: GuildId) -> Self {
        self.guild = Some(guild);
        self
    }

    /// A permission overwrite of a text or voice channel (threads have none of their own).
    pub fn overwrite(mut self, overwrite: Overwrite) -> Self {
        self.overwrites.push(overwrite);
        self
    }
}

impl From<&str> for ChannelSpec {
    fn from(name: &str) -> Self {
        Self::text(name)
    }
}

/// A scheduled event created by someone in the guild (not by the bot), with
/// [`crate::FakeDiscord::add_scheduled_event`].
#[derive(Clone, Debug)]
pub struct ScheduledEventSpec {
    pub(crate) name: String,
    pub(crate) guild: Option<GuildId>,
    pub(crate) description: Option<String>,
    pub(crate) start: DateTime<Utc>,
    pub(crate) end: Option<DateTime<Utc>>,
    pub(crate) place: EventPlace,
}

impl ScheduledEventSpec {
    /// An event somewhere outside Discord (external events need an end time).
    pub fn external(
        name: impl Into<String>,
        location: impl Into<String>,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Self {
        Self {
            name: name.into(),
            guild: None,
            description: None,
            start,
            end: Some(end),
            place: EventPlace::External(location.into()),
        }
    }

    /// An event in a voice channel.
    pub fn voice(name: impl Into<String>, channel: ChannelId, start: DateTime<Utc>) -> Self {
        Self {
            name: name.into(),
            guild: None,
            description: None,
            start,
            end: None,
            place: EventPlace::Voice(channel),
        }
    }

    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    pub fn in_guild(mut self, guild: GuildId) -> Self {
        self.guild = Some(guild);
        self
    }
}

/// Where a scheduled event takes place.
#[derive(Clone, Debug)]
pub(crate) enum EventPlace {
    External(String),
    Voice(ChannelId),
}
