//! Everything the fake knows: users, guilds with their roles and members, channels, messages,
//! registered commands, interactions in flight, scheduled events, and the records a test reads
//! (violations, request log). One `State` sits behind a mutex; nothing here awaits.
//!
//! Changes that Discord announces on the gateway are dispatched from here, so the bot's cache
//! follows what happened whether a test or the bot itself made the change.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use base64::Engine;
use chrono::{DateTime, Utc};
use serde_json::Value;
use serenity::all::{
    ChannelId, ForumTagId, GuildId, InteractionId, MessageId, Permissions, RoleId,
    ScheduledEventId, UserId,
};

use crate::chaos::Dice;
use crate::errors::ApiError;
use crate::gateway::Sessions;
use crate::model::{
    Channel, ChannelKind, Choice, Command, ForumTag, Member, Message, Modal, RecordedRequest, Role,
    ScheduledEvent,
};
use crate::payloads;
use crate::ratelimit::RateLimiter;
use crate::script::specs::{ChannelSpec, MemberSpec, RoleSpec};
use crate::server::Config;
use crate::violations::Violation;

/// Milliseconds from the Unix epoch to Discord's (2015-01-01).
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// How long a repeated `nonce` with `enforce_nonce` returns the first message, on the fake's
/// clock (Discord says "the past few minutes").
pub(crate) const NONCE_WINDOW: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

/// How long an interaction token accepts follow-ups and edits.
pub(crate) const INTERACTION_TOKEN_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// The locale of users and servers until a test sets another.
pub(crate) const DEFAULT_LOCALE: &str = "en-US";

/// Discord's locales (`AvailableLocalesEnum` in its API description): the only values a
/// user's or a server's locale can take.
pub(crate) const DISCORD_LOCALES: [&str; 34] = [
    "ar", "bg", "cs", "da", "de", "el", "en-GB", "en-US", "es-419", "es-ES", "fi", "fr", "he",
    "hi", "hr", "hu", "id", "it", "ja", "ko", "lt", "nl", "no", "pl", "pt-BR", "ro", "ru", "sv-SE",
    "th", "tr", "uk", "vi", "zh-CN", "zh-TW",
];

/// `locale` as Discord's own constant; panics on a code Discord does not have.
pub(crate) fn discord_locale(locale: &str) -> &'static str {
    DISCORD_LOCALES
        .into_iter()
        .find(|known| *known == locale)
        .unwrap_or_else(|| {
            panic!("{locale:?} is not one of Discord's locales: {DISCORD_LOCALES:?}")
        })
}

/// A user: the bot, a guild member, or someone who left.
#[derive(Clone, Debug)]
pub(crate) struct UserRecord {
    pub id: UserId,
    pub name: String,
    pub bot: bool,
    pub dms_open: bool,
    /// The Discord locale the user's client is set to, sent with each interaction.
    pub locale: &'static str,
}

/// A guild with its roles and members.
#[derive(Clone, Debug)]
pub(crate) struct GuildRecord {
    pub id: GuildId,
    pub name: String,
    pub owner_id: UserId,
    pub roles: BTreeMap<RoleId, Role>,
    pub members: BTreeMap<UserId, Member>,
    pub system_channel_id: Option<ChannelId>,
    pub bot_joined_at: DateTime<Utc>,
    /// The server's preferred locale: `preferred_locale`, and each interaction's `guild_locale`.
    pub locale: &'static str,
}

impl GuildRecord {
    /// Roles from the highest position down (ties: lower id first, as Discord sorts).
    pub fn roles_by_position(&self) -> Vec<&Role> {
        let mut roles: Vec<&Role> = self.roles.values().collect();
        roles.sort_by(|a, b| b.position.cmp(&a.position).then(a.id.cmp(&b.id)));
        roles
    }
}

/// The kind of an interaction the fake sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum InteractionKind {
    Command,
    Component,
    Autocomplete,
    ModalSubmit,
}

impl InteractionKind {
    /// Discord's interaction type number.
    pub fn number(self) -> u8 {
        match self {
            Self::Command => 2,
            Self::Component => 3,
            Self::Autocomplete => 4,
            Self::ModalSubmit => 5,
        }
    }

    /// Callback types Discord accepts for this kind of interaction. A modal submission may be
    /// acknowledged with 6 even when no message is involved (it just closes the modal, and
    /// poise does it); updating a message (7) needs one.
    pub fn allows_callback(self, callback: u8, from_message: bool) -> bool {
        match self {
            Self::Command => matches!(callback, 4 | 5 | 9),
            Self::Component => matches!(callback, 4 | 5 | 6 | 7 | 9),
            Self::Autocomplete => callback == 8,
            Self::ModalSubmit => matches!(callback, 4..=6) || (from_message && callback == 7),
        }
    }
}

/// A server error Discord will answer the next request to a route with.
#[derive(Clone, Debug)]
pub(crate) struct Fault {
    pub method: &'static str,
    pub template: &'static str,
    pub status: u16,
    /// Whether the request is carried out first and only its answer lost.
    pub carried_out: bool,
}

pub(crate) struct Late {
    pub method: &'static str,
    pub template: &'static str,
    pub by: Duration,
}

/// An interaction the fake sent, and everything the bot did with its token.
#[derive(Clone, Debug)]
pub(crate) struct InteractionRecord {
    pub id: InteractionId,
    pub token: String,
    pub kind: InteractionKind,
    pub user_id: UserId,
    pub guild_id: Option<GuildId>,
    pub channel_id: ChannelId,
    /// The message a component (or a modal opened from one) sits on.
    pub source_message: Option<MessageId>,
    /// For a modal submission: the token of the interaction that opened the modal.
    pub parent: Option<String>,
    /// The user's client language, sent as the interaction's `locale`.
    pub locale: String,
    pub created: Instant,
    /// Set when the deadline passed with no callback: the token is dead.
    pub expired: bool,
    /// The callback type the bot answered with.
    pub callback: Option<u8>,
    /// When the callback came.
    pub callback_at: Option<Instant>,
    /// The original response message (for components: the message the component is on).
    pub original: Option<MessageId>,
    pub followups: Vec<MessageId>,
    pub modal: Option<Modal>,
    pub choices: Vec<Choice>,
    /// The INTERACTION_CREATE as dispatched, to replay it.
    pub dispatched: Value,
    /// Whether the original was edited or a follow-up sent after the callback.
    pub answered_after_defer: bool,
}

/// The message a nonce created, for `enforce_nonce`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NonceRecord {
    pub message_id: MessageId,
    pub at: DateTime<Utc>,
}

/// The fake's whole world.
pub(crate) struct State {
    pub config: Config,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    last_id: u64,
    pub bot_id: UserId,
    pub token: String,
    pub default_guild: GuildId,
    pub users: BTreeMap<UserId, UserRecord>,
    pub guilds: BTreeMap<GuildId, GuildRecord>,
    pub channels: BTreeMap<ChannelId, Channel>,
    pub messages: BTreeMap<MessageId, Message>,
    pub commands: Vec<Command>,
    pub interactions: HashMap<String, InteractionRecord>,
    pub events: BTreeMap<ScheduledEventId, ScheduledEvent>,
    pub nonces: HashMap<String, NonceRecord>,
    pub dm_channels: HashMap<UserId, ChannelId>,
    pub violations: Vec<Violation>,
    pub requests: Vec<RecordedRequest>,
    pub gateway: Sessions,
    pub limiter: RateLimiter,
    /// Server errors a test asked for: the next request to the route fails with the status.
    pub faults: Vec<Fault>,
    /// Answers a test asked to come late: the next request to the route is answered after `by`.
    pub late: Vec<Late>,
    /// The faults drawn for a share of requests, when the test asked for them.
    pub dice: Option<Dice>,
    /// When the bot last made a request; the scripting API waits for quiet after it.
    pub last_request: Instant,
}

impl State {
    /// A world with the bot user and one default guild.
    pub fn new(config: Config, base_url: String) -> Self {
        let dice = config.chaos.clone().map(Dice::new);
        let mut state = Self {
            config,
            base_url,
            last_id: 0,
            bot_id: UserId::new(1),
            token: String::new(),
            default_guild: GuildId::new(1),
            users: BTreeMap::new(),
            guilds: BTreeMap::new(),
            channels: BTreeMap::new(),
            messages: BTreeMap::new(),
            commands: vec![],
            interactions: HashMap::new(),
            events: BTreeMap::new(),
            nonces: HashMap::new(),
            dm_channels: HashMap::new(),
            violations: vec![],
            requests: vec![],
            gateway: Sessions::default(),
            limiter: RateLimiter::default(),
            dice,
            faults: Vec::new(),
            late: Vec::new(),
            last_request: Instant::now(),
        };
        let bot_id = match state.config.bot_id {
            Some(id) => id,
            None => UserId::new(state.next_id()),
        };
        state.bot_id = bot_id;
        state.token = bot_token(bot_id);
        let name = state.config.bot_name.clone();
        state.users.insert(
            bot_id,
            UserRecord {
                id: bot_id,
                name,
                bot: true,
                dms_open: false,
                locale: DEFAULT_LOCALE,
            },
        );
        state.default_guild = state.create_guild("Test Guild", None);
        state
    }

    /// A new snowflake: the current time in Discord's epoch, strictly increasing.
    pub fn next_id(&mut self) -> u64 {
        let now_ms =
            u64::try_from(self.config.clock.now().timestamp_millis()).unwrap_or(DISCORD_EPOCH_MS);
        let candidate = now_ms.saturating_sub(DISCORD_EPOCH_MS) << 22;
        self.last_id = candidate.max(self.last_id + 1);
        self.last_id
    }

    /// A new interaction token.
    pub fn next_token(&mut self) -> String {
        let id = self.next_id();
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!(
            "aW50ZXJhY3Rpb246{}",
            engine.encode(format!("fake-discord:{id}:{}", self.bot_id))
        )
    }

    /// The gateway URL the fake hands out.
    pub fn gateway_url(&self) -> String {
        format!("{}/gateway", self.base_url.replacen("http://", "ws://", 1))
    }

    pub fn guild(&self, id: GuildId) -> Result<&GuildRecord, ApiError> {
        self.guilds.get(&id).ok_or_else(ApiError::unknown_guild)
    }

    pub fn guild_mut(&mut self, id: GuildId) -> Result<&mut GuildRecord, ApiError> {
        self.guilds.get_mut(&id).ok_or_else(ApiError::unknown_guild)
    }

    pub fn channel(&self, id: ChannelId) -> Result<&Channel, ApiError> {
        self.channels.get(&id).ok_or_else(ApiError::unknown_channel)
    }

    pub fn user(&self, id: UserId) -> Result<&UserRecord, ApiError> {
        self.users.get(&id).ok_or_else(ApiError::unknown_user)
    }

    pub fn member(&self, guild: GuildId, user: UserId) -> Result<&Member, ApiError> {
        self.guild(guild)?
            .members
            .get(&user)
            .ok_or_else(ApiError::unknown_member)
    }

    pub fn role(&self, guild: GuildId, role: RoleId) -> Result<&Role, ApiError> {
        self.guild(guild)?
            .roles
            .get(&role)
            .ok_or_else(ApiError::unknown_role)
    }

    pub fn message(&self, id: MessageId) -> Result<&Message, ApiError> {
        self.messages.get(&id).ok_or_else(ApiError::unknown_message)
    }

    /// A user's guild-wide permissions: the owner and administrators have all of them.
    pub fn permissions(&self, guild: GuildId, user: UserId) -> Permissions {
        let Some(record) = self.guilds.get(&guild) else {
            return Permissions::empty();
        };
        if record.owner_id == user {
            return Permissions::all();
        }
        let Some(member) = record.members.get(&user) else {
            return Permissions::empty();
        };
        let everyone = record
            .roles
            .get(&RoleId::new(guild.get()))
            .map(|r| r.permissions);
        let permissions = member
            .roles
            .iter()
            .filter_map(|id| record.roles.get(id))
            .fold(everyone.unwrap_or_default(), |acc, role| {
                acc | role.permissions
            });
        if permissions.contains(Permissions::ADMINISTRATOR) {
            Permissions::all()
        } else {
            permissions
        }
    }

    /// The position of a member's highest role (0 for `@everyone` only).
    pub fn top_position(&self, guild: GuildId, user: UserId) -> u16 {
        let Some(record) = self.guilds.get(&guild) else {
            return 0;
        };
        record.members.get(&user).map_or(0, |member| {
            member
                .roles
                .iter()
                .filter_map(|id| record.roles.get(id))
                .map(|role| role.position)
                .max()
                .unwrap_or(0)
        })
    }

    /// Fails with 403 Missing Permissions unless the bot has `needed` in `guild`.
    pub fn require(&self, guild: GuildId, needed: Permissions) -> Result<(), ApiError> {
        if self.permissions(guild, self.bot_id).contains(needed) {
            Ok(())
        } else {
            Err(ApiError::missing_permissions())
        }
    }

    /// Fails with 403 Missing Permissions unless the bot may manage `role`: it needs Manage
    /// Roles and its highest role must be above the role.
    pub fn require_manageable(&self, guild: GuildId, role: RoleId) -> Result<(), ApiError> {
        self.require(guild, Permissions::MANAGE_ROLES)?;
        let position = self.role(guild, role)?.position;
        let is_owner = self.guild(guild)?.owner_id == self.bot_id;
        if is_owner || position < self.top_position(guild, self.bot_id) {
            Ok(())
        } else {
            Err(ApiError::missing_permissions())
        }
    }

    /// Sends a gateway event to the bot, if its session wants it.
    pub fn dispatch(&mut self, event: &str, data: Value) {
        self.gateway.dispatch(event, data);
    }

    /// Adds a guild with `@everyone`, an owner, the bot (with its own role) and `#general`;
    /// with `shard`, its id puts it on that shard of the recommended count.
    pub fn create_guild(&mut self, name: &str, shard: Option<u32>) -> GuildId {
        let mut id = self.next_id();
        if let Some(shard) = shard {
            while crate::gateway::shard_of(id, self.config.shards) != shard {
                id = ((id >> 22) + 1) << 22;
            }
            self.last_id = id;
        }
        let guild = GuildId::new(id);
        let owner = UserId::new(self.next_id());
        let owner_name = format!("{}-owner", name.to_lowercase().replace(' ', "-"));
        self.users.insert(
            owner,
            UserRecord {
                id: owner,
                name: owner_name,
                bot: false,
                dms_open: true,
                locale: DEFAULT_LOCALE,
            },
        );
        let everyone = Role {
            id: RoleId::new(guild.get()),
            guild_id: guild,
            name: "@everyone".into(),
            position: 0,
            permissions: default_everyone_permissions(),
            color: 0,
            hoist: false,
            mentionable: false,
            managed: false,
        };
        let now = Utc::now();
        let mut record = GuildRecord {
            id: guild,
            name: name.into(),
            owner_id: owner,
            roles: BTreeMap::from([(everyone.id, everyone)]),
            members: BTreeMap::new(),
            system_channel_id: None,
            bot_joined_at: now,
            locale: DEFAULT_LOCALE,
        };
        let bot_role = Role {
            id: RoleId::new(self.next_id()),
            guild_id: guild,
            name: self.config.bot_name.clone(),
            position: self.config.bot_role_position,
            permissions: self.config.bot_permissions,
            color: 0,
            hoist: false,
            mentionable: false,
            managed: true,
        };
        for (user, roles) in [(owner, vec![]), (self.bot_id, vec![bot_role.id])] {
            let member = Member {
                user_id: user,
                guild_id: guild,
                nick: None,
                roles,
                joined_at: now,
            };
            record.members.insert(user, member);
        }
        record.roles.insert(bot_role.id, bot_role);
        self.guilds.insert(guild, record);
        let general =
            self.insert_channel(ChannelSpec::text("general").in_guild(guild), None, owner);
        if let Some(record) = self.guilds.get_mut(&guild) {
            record.system_channel_id = Some(general);
        }
        if self.gateway.is_identified() {
            let payload = payloads::guild_create(self, guild);
            self.dispatch("GUILD_CREATE", payload);
        }
        guild
    }

    /// Adds a role; roles at or above its position move up by one.
    pub fn create_role(&mut self, guild: GuildId, spec: RoleSpec) -> Result<RoleId, ApiError> {
        let id = RoleId::new(self.next_id());
        let record = self.guild_mut(guild)?;
        let position = spec.position.unwrap_or(1).max(1);
        make_room(record, position);
        let role = Role {
            id,
            guild_id: guild,
            name: spec.name,
            position,
            permissions: spec.permissions,
            color: spec.color,
            hoist: spec.hoist,
            mentionable: spec.mentionable,
            managed: false,
        };
        record.roles.insert(id, role.clone());
        let payload = payloads::role_event(self, &role);
        self.dispatch("GUILD_ROLE_CREATE", payload);
        Ok(id)
    }

    /// Adds a user and makes them a member (announced as GUILD_MEMBER_ADD).
    pub fn create_member(&mut self, guild: GuildId, spec: MemberSpec) -> Result<UserId, ApiError> {
        let record = self.guild(guild)?;
        if spec.roles.iter().any(|r| !record.roles.contains_key(r)) {
            return Err(ApiError::unknown_role());
        }
        let id = UserId::new(self.next_id());
        let user = UserRecord {
            id,
            name: spec.name,
            bot: false,
            dms_open: spec.dms_open,
            locale: DEFAULT_LOCALE,
        };
        self.users.insert(id, user);
        self.join(guild, id, spec.roles, spec.nick)?;
        Ok(id)
    }

    /// Makes an existing user a member of `guild`.
    pub fn join(
        &mut self,
        guild: GuildId,
        user: UserId,
        roles: Vec<RoleId>,
        nick: Option<String>,
    ) -> Result<(), ApiError> {
        let record = self.guild_mut(guild)?;
        let member = Member {
            user_id: user,
            guild_id: guild,
            nick,
            roles,
            joined_at: Utc::now(),
        };
        record.members.insert(user, member.clone());
        let payload = payloads::member_event(self, &member);
        self.dispatch("GUILD_MEMBER_ADD", payload);
        Ok(())
    }

    /// Removes a member (announced as GUILD_MEMBER_REMOVE).
    pub fn leave(&mut self, guild: GuildId, user: UserId) -> Result<(), ApiError> {
        self.guild_mut(guild)?
            .members
            .remove(&user)
            .ok_or_else(ApiError::unknown_member)?;
        let payload = payloads::member_remove(self, guild, user);
        self.dispatch("GUILD_MEMBER_REMOVE", payload);
        Ok(())
    }

    /// Announces a member's changed roles or nickname.
    pub fn member_updated(&mut self, guild: GuildId, user: UserId) {
        if let Ok(member) = self.member(guild, user).cloned() {
            let payload = payloads::member_update(self, &member);
            self.dispatch("GUILD_MEMBER_UPDATE", payload);
        }
    }

    /// Adds a channel, or a thread owned and joined by `creator` (announced as CHANNEL_CREATE
    /// or THREAD_CREATE).
    pub fn insert_channel(
        &mut self,
        spec: ChannelSpec,
        id: Option<ChannelId>,
        creator: UserId,
    ) -> ChannelId {
        let id = id.unwrap_or_else(|| ChannelId::new(self.next_id()));
        let parent_guild = spec
            .parent
            .and_then(|p| self.channels.get(&p))
            .and_then(|c| c.guild_id);
        let guild_id = parent_guild.or(spec.guild).unwrap_or(self.default_guild);
        let position = self
            .channels
            .values()
            .filter(|c| c.guild_id == Some(guild_id))
            .count();
        let thread = spec.kind.is_thread();
        let channel = Channel {
            id,
            guild_id: Some(guild_id),
            kind: spec.kind,
            name: spec.name,
            parent_id: spec.parent,
            owner_id: thread.then_some(creator),
            members: if thread { vec![creator] } else { vec![] },
            position: u16::try_from(position).unwrap_or(u16::MAX),
            overwrites: if thread { vec![] } else { spec.overwrites },
            tags: spec
                .tags
                .into_iter()
                .map(|name| ForumTag {
                    id: ForumTagId::new(self.next_id()),
                    name,
                    moderated: false,
                })
                .collect(),
            applied_tags: spec.applied_tags,
        };
        self.channels.insert(id, channel.clone());
        if channel.kind.is_thread() {
            self.dispatch("THREAD_CREATE", payloads::channel(self, &channel));
        } else {
            self.dispatch("CHANNEL_CREATE", payloads::channel(self, &channel));
        }
        id
    }

    /// The DM channel with `user`, created on first use.
    pub fn dm_channel(&mut self, user: UserId) -> ChannelId {
        if let Some(id) = self.dm_channels.get(&user) {
            return *id;
        }
        let id = ChannelId::new(self.next_id());
        let channel = Channel {
            id,
            guild_id: None,
            kind: ChannelKind::Dm,
            name: String::new(),
            parent_id: None,
            owner_id: None,
            members: vec![user],
            position: 0,
            overwrites: vec![],
            tags: vec![],
            applied_tags: vec![],
        };
        self.channels.insert(id, channel);
        self.dm_channels.insert(user, id);
        id
    }

    /// The user on the other end of a DM channel.
    pub fn dm_recipient(&self, channel: &Channel) -> Option<UserId> {
        (channel.kind == ChannelKind::Dm)
            .then(|| channel.members.first().copied())
            .flatten()
    }
}

/// Shifts roles at or above `position` up by one, so a new role fits in.
pub(crate) fn make_room(guild: &mut GuildRecord, position: u16) {
    let taken = guild
        .roles
        .values()
        .any(|r| r.position == position && r.position > 0);
    if taken {
        for role in guild.roles.values_mut().filter(|r| r.position >= position) {
            role.position += 1;
        }
    }
}

/// What `@everyone` may do in a new Discord guild.
fn default_everyone_permissions() -> Permissions {
    Permissions::VIEW_CHANNEL
        | Permissions::SEND_MESSAGES
        | Permissions::READ_MESSAGE_HISTORY
        | Permissions::ADD_REACTIONS
        | Permissions::EMBED_LINKS
        | Permissions::ATTACH_FILES
        | Permissions::USE_APPLICATION_COMMANDS
        | Permissions::CREATE_PUBLIC_THREADS
        | Permissions::SEND_MESSAGES_IN_THREADS
        | Permissions::CHANGE_NICKNAME
        | Permissions::CONNECT
        | Permissions::SPEAK
}

/// A token shaped like Discord's: base64 of the bot id, a timestamp part, an HMAC part.
fn bot_token(bot: UserId) -> String {
    let engine = base64::engine::general_purpose::STANDARD_NO_PAD;
    format!(
        "{}.ZmFrZQ.ZmFrZS1kaXNjb3JkLXRlc3QtdG9rZW4tbm90LXJlYWw",
        engine.encode(bot.to_string())
    )
}
