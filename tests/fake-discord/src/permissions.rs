//! Channel permission overwrites and what a member may do in one channel, computed as
//! Discord documents it: the guild-wide permissions (`@everyone` and the member's roles),
//! then the channel's `@everyone` overwrite, then the overwrites of the member's other roles
//! combined, then the member's own overwrite. The guild owner and administrators bypass them.
//! Without View Channel nothing else counts, and without Send Messages a text channel also
//! takes away the permissions that only make sense when sending. A thread uses its parent's
//! overwrites; a private thread is seen only by its members and by those who may Manage
//! Threads.

use serde_json::{json, Value};
use serenity::all::{ChannelId, GuildId, Permissions, RoleId, UserId};

use crate::errors::{ApiError, Problem};
use crate::model::{Channel, ChannelKind};
use crate::payloads;
use crate::state::State;

/// Whom an overwrite is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverwriteTarget {
    /// A role; `@everyone`'s id is the guild's.
    Role(RoleId),
    Member(UserId),
}

/// One entry of a channel's `permission_overwrites`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overwrite {
    pub target: OverwriteTarget,
    pub allow: Permissions,
    pub deny: Permissions,
}

impl Overwrite {
    /// An overwrite for a role that allows and denies nothing yet.
    pub fn role(role: RoleId) -> Self {
        Self::new(OverwriteTarget::Role(role))
    }

    /// The overwrite for `@everyone` in `guild`.
    pub fn everyone(guild: GuildId) -> Self {
        Self::role(RoleId::new(guild.get()))
    }

    pub fn member(user: UserId) -> Self {
        Self::new(OverwriteTarget::Member(user))
    }

    pub fn allow(mut self, permissions: Permissions) -> Self {
        self.allow |= permissions;
        self
    }

    pub fn deny(mut self, permissions: Permissions) -> Self {
        self.deny |= permissions;
        self
    }

    fn new(target: OverwriteTarget) -> Self {
        Self {
            target,
            allow: Permissions::empty(),
            deny: Permissions::empty(),
        }
    }

    fn apply(&self, permissions: Permissions) -> Permissions {
        (permissions - self.deny) | self.allow
    }
}

/// Permissions that mean nothing in a text channel where the member cannot send.
const SENDING: Permissions = Permissions::MENTION_EVERYONE
    .union(Permissions::SEND_TTS_MESSAGES)
    .union(Permissions::ATTACH_FILES)
    .union(Permissions::EMBED_LINKS);

/// What `user` may do in `channel` (a thread counts as its parent; a DM grants nothing).
pub(crate) fn in_channel(state: &State, channel: &Channel, user: UserId) -> Permissions {
    let Some(guild) = channel.guild_id else {
        return Permissions::empty();
    };
    let base = state.permissions(guild, user);
    if base.contains(Permissions::ADMINISTRATOR) {
        return Permissions::all();
    }
    let overwrites = overwrites_for(state, channel);
    let roles = state
        .member(guild, user)
        .map(|m| m.roles.clone())
        .unwrap_or_default();
    let find = |target| overwrites.iter().find(|o| o.target == target);
    let mut permissions = base;
    if let Some(everyone) = find(OverwriteTarget::Role(RoleId::new(guild.get()))) {
        permissions = everyone.apply(permissions);
    }
    let combined = roles
        .iter()
        .filter_map(|role| find(OverwriteTarget::Role(*role)))
        .fold(Overwrite::new(OverwriteTarget::Member(user)), |acc, o| {
            acc.allow(o.allow).deny(o.deny)
        });
    permissions = combined.apply(permissions);
    if let Some(own) = find(OverwriteTarget::Member(user)) {
        permissions = own.apply(permissions);
    }
    implicit(channel.kind, permissions)
}

/// Whether `user` sees `channel` and its messages.
pub(crate) fn can_view(state: &State, channel: &Channel, user: UserId) -> bool {
    let permissions = in_channel(state, channel, user);
    if !permissions.contains(Permissions::VIEW_CHANNEL) {
        return false;
    }
    channel.kind != ChannelKind::PrivateThread
        || channel.members.contains(&user)
        || permissions.contains(Permissions::MANAGE_THREADS)
}

/// Fails with 50001 Missing Access unless the bot sees `channel`, then with 50013 Missing
/// Permissions unless it also has `needed` there.
pub(crate) fn require_in(
    state: &State,
    channel: &Channel,
    needed: Permissions,
) -> Result<(), ApiError> {
    if !can_view(state, channel, state.bot_id) {
        return Err(ApiError::missing_access());
    }
    if in_channel(state, channel, state.bot_id).contains(needed) {
        Ok(())
    } else {
        Err(ApiError::missing_permissions())
    }
}

/// Adds `overwrite` to a text or voice channel, replacing the one for the same role or member,
/// and announces the change (CHANNEL_UPDATE).
pub(crate) fn replace(state: &mut State, channel: ChannelId, overwrite: Overwrite) {
    let Some(record) = state.channels.get_mut(&channel) else {
        return;
    };
    record.overwrites.retain(|o| o.target != overwrite.target);
    record.overwrites.push(overwrite);
    let record = record.clone();
    state.dispatch("CHANNEL_UPDATE", payloads::channel(state, &record));
}

/// Reads `permission_overwrites` from a request body; the bot may only allow or deny what it
/// has in the guild, and only an administrator may put Manage Roles in an overwrite (else
/// 50013).
pub(crate) fn from_body(
    state: &State,
    guild: GuildId,
    body: &Value,
) -> Result<Vec<Overwrite>, ApiError> {
    let Some(entries) = body["permission_overwrites"].as_array() else {
        return Ok(Vec::new());
    };
    let own = state.permissions(guild, state.bot_id);
    let mut grantable = own;
    if !own.contains(Permissions::ADMINISTRATOR) {
        grantable.remove(Permissions::MANAGE_ROLES);
    }
    let overwrites: Vec<Overwrite> = entries
        .iter()
        .map(parse)
        .collect::<Option<_>>()
        .ok_or_else(|| {
            let problem = Problem::new(
                &["permission_overwrites"],
                "BASE_TYPE_INVALID",
                "Invalid permission overwrite",
            );
            ApiError::invalid_form_body(vec![problem])
        })?;
    let touched = overwrites
        .iter()
        .fold(Permissions::empty(), |acc, o| acc | o.allow | o.deny);
    if grantable.contains(touched) {
        Ok(overwrites)
    } else {
        Err(ApiError::missing_permissions())
    }
}

/// The overwrites as Discord sends them in a channel object.
pub(crate) fn to_json(overwrites: &[Overwrite]) -> Value {
    overwrites
        .iter()
        .map(|o| {
            let (id, kind) = match o.target {
                OverwriteTarget::Role(role) => (role.get(), 0),
                OverwriteTarget::Member(user) => (user.get(), 1),
            };
            json!({
                "id": id.to_string(),
                "type": kind,
                "allow": o.allow.bits().to_string(),
                "deny": o.deny.bits().to_string(),
            })
        })
        .collect()
}

fn overwrites_for(state: &State, channel: &Channel) -> Vec<Overwrite> {
    if !channel.kind.is_thread() {
        return channel.overwrites.clone();
    }
    channel
        .parent_id
        .and_then(|parent| state.channels.get(&parent))
        .map(|parent| parent.overwrites.clone())
        .unwrap_or_default()
}

fn implicit(kind: ChannelKind, permissions: Permissions) -> Permissions {
    if !permissions.contains(Permissions::VIEW_CHANNEL) {
        return Permissions::empty();
    }
    if kind == ChannelKind::Text && !permissions.contains(Permissions::SEND_MESSAGES) {
        return permissions - SENDING;
    }
    permissions
}

fn parse(entry: &Value) -> Option<Overwrite> {
    let id = bits(&entry["id"]).filter(|id| *id != 0)?;
    let target = match entry["type"].as_u64()? {
        0 => OverwriteTarget::Role(RoleId::new(id)),
        1 => OverwriteTarget::Member(UserId::new(id)),
        _ => return None,
    };
    let permissions = |key: &str| match &entry[key] {
        Value::Null => Some(Permissions::empty()),
        value => bits(value).map(Permissions::from_bits_truncate),
    };
    Some(Overwrite {
        target,
        allow: permissions("allow")?,
        deny: permissions("deny")?,
    })
}

fn bits(value: &Value) -> Option<u64> {
    match value {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}
