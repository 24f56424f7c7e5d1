//! Building the fake's world from a test (guilds, roles, members, channels, threads, scheduled
//! events) and reading back what the bot did (messages, roles, members, threads, events,
//! commands). Changes made after the bot connected are announced on the gateway as Discord
//! would; reading never waits.

use serenity::all::{
    ChannelId, GuildId, MessageId, Permissions, RoleId, ScheduledEventId, ScheduledEventStatus,
    ScheduledEventType, UserId,
};

use super::specs::{ChannelSpec, EventPlace, MemberSpec, RoleSpec, ScheduledEventSpec};
use super::user::FakeUser;
use crate::model::{Channel, Command, Member, Message, Role, ScheduledEvent};
use crate::payloads;
use crate::server::FakeDiscord;
use crate::state::{GuildRecord, State};

impl FakeDiscord {
    /// The default guild, created at start with `@everyone`, an owner, the bot with its own
    /// role, and `#general`.
    pub fn guild_id(&self) -> GuildId {
        self.shared.lock().default_guild
    }

    /// `#general` of the default guild.
    pub fn general_channel(&self) -> ChannelId {
        self.system_channel(self.guild_id())
    }

    /// The `#general` channel every guild starts with.
    pub fn system_channel(&self, guild: GuildId) -> ChannelId {
        self.with_guild(guild, |g| g.system_channel_id)
            .unwrap_or_else(|| panic!("guild {guild} has no system channel"))
    }

    /// Adds a guild like the default one; if the bot is connected, it gets GUILD_CREATE.
    pub fn add_guild(&self, name: &str) -> GuildId {
        let guild = self.shared.lock().create_guild(name, None);
        self.shared.notify();
        guild
    }

    /// As [`Self::add_guild`], with an id that puts the guild on `shard` of the shard count
    /// the fake recommends.
    pub fn add_guild_on_shard(&self, name: &str, shard: u32) -> GuildId {
        let mut state = self.shared.lock();
        let total = state.config.shards;
        assert!(shard < total, "shard {shard} of {total}");
        let guild = state.create_guild(name, Some(shard));
        drop(state);
        self.shared.notify();
        guild
    }

    /// The owner of the default guild (all permissions).
    pub fn owner(&self) -> FakeUser {
        let guild = self.guild_id();
        let owner = self.with_guild(guild, |g| g.owner_id);
        FakeUser::new(
            self.shared.clone(),
            owner,
            Some(guild),
            self.system_channel(guild),
        )
    }

    /// The bot's own (managed) role in `guild`.
    pub fn bot_role(&self, guild: GuildId) -> RoleId {
        let state = self.shared.lock();
        let member = state
            .member(guild, state.bot_id)
            .unwrap_or_else(|_| panic!("the bot is not in guild {guild}"));
        member
            .roles
            .first()
            .copied()
            .unwrap_or_else(|| RoleId::new(guild.get()))
    }

    /// Adds a role (GUILD_ROLE_CREATE once the bot is connected).
    pub fn add_role(&self, spec: impl Into<RoleSpec>) -> RoleId {
        let spec = spec.into();
        let mut state = self.shared.lock();
        let guild = spec.guild.unwrap_or(state.default_guild);
        let role = state
            .create_role(guild, spec)
            .unwrap_or_else(|_| panic!("guild {guild} does not exist"));
        drop(state);
        self.shared.notify();
        role
    }

    /// Sets a server's preferred locale, "fr" say (GUILD_UPDATE once the bot is connected;
    /// wait with `after_events("GUILD_UPDATE")`): each later interaction there carries it as
    /// `guild_locale`. Panics on a code that is not one of Discord's locales.
    pub fn set_guild_locale(&self, guild: GuildId, locale: &str) {
        let locale = crate::state::discord_locale(locale);
        let mut state = self.shared.lock();
        let record = state.guilds.get_mut(&guild);
        record
            .unwrap_or_else(|| panic!("guild {guild} does not exist"))
            .locale = locale;
        if state.gateway.is_identified() {
            let payload = payloads::guild(&state, &state.guilds[&guild]);
            state.dispatch("GUILD_UPDATE", payload);
        }
        drop(state);
        self.shared.notify();
    }

    /// Moves a role to `position` (GUILD_ROLE_UPDATE), e.g. to put a role above the bot's.
    pub fn set_role_position(&self, role: RoleId, position: u16) {
        self.update_role(role, |r| r.position = position);
    }

    /// Changes a role's permissions (GUILD_ROLE_UPDATE).
    pub fn set_role_permissions(&self, role: RoleId, permissions: Permissions) {
        self.update_role(role, |r| r.permissions = permissions);
    }

    fn update_role(&self, id: RoleId, change: impl FnOnce(&mut Role)) {
        let mut state = self.shared.lock();
        let role = state.guilds.values_mut().find_map(|g| g.roles.get_mut(&id));
        let role = role.unwrap_or_else(|| panic!("role {id} does not exist"));
        change(role);
        let role = role.clone();
        let payload = payloads::role_event(&state, &role);
        state.dispatch("GUILD_ROLE_UPDATE", payload);
        drop(state);
        self.shared.notify();
    }

    /// Adds a member (GUILD_MEMBER_ADD once the bot is connected) without waiting for the bot;
    /// see [`Self::join`] to wait for its reaction.
    pub fn add_member(&self, spec: impl Into<MemberSpec>) -> FakeUser {
        let spec = spec.into();
        let mut state = self.shared.lock();
        let guild = spec.guild.unwrap_or(state.default_guild);
        let user = state
            .create_member(guild, spec)
            .unwrap_or_else(|error| panic!("cannot add member: {}", error.message));
        let channel = system_channel(&state, guild);
        drop(state);
        self.shared.notify();
        FakeUser::new(self.shared.clone(), user, Some(guild), channel)
    }

    /// A member joins: GUILD_MEMBER_ADD, then waits for the bot to react.
    pub async fn join(&self, spec: impl Into<MemberSpec>) -> FakeUser {
        self.shared.ready().await;
        let user = self.add_member(spec);
        self.shared.after_events("GUILD_MEMBER_ADD").await;
        self.shared.check_violations();
        user
    }

    /// A handle on an existing user, acting in the default guild's `#general`.
    pub fn user(&self, id: UserId) -> FakeUser {
        assert!(
            self.shared.lock().users.contains_key(&id),
            "user {id} does not exist in fake-discord"
        );
        FakeUser::new(
            self.shared.clone(),
            id,
            Some(self.guild_id()),
            self.general_channel(),
        )
    }

    /// Adds a channel or thread (CHANNEL_CREATE or THREAD_CREATE once the bot is connected).
    pub fn add_channel(&self, spec: impl Into<ChannelSpec>) -> ChannelId {
        let spec = spec.into();
        assert!(
            spec.parent.is_none() || spec.overwrites.is_empty(),
            "threads have no overwrites of their own: give them to the parent channel"
        );
        let mut state = self.shared.lock();
        if let Some(parent) = spec.parent {
            assert!(
                state.channels.contains_key(&parent),
                "parent channel {parent} does not exist"
            );
        }
        let guild = spec.guild.unwrap_or(state.default_guild);
        let owner = state
            .guild(guild)
            .map(|g| g.owner_id)
            .unwrap_or_else(|_| panic!("guild {guild} does not exist"));
        let channel = state.insert_channel(spec, None, owner);
        drop(state);
        self.shared.notify();
        channel
    }

    /// Someone in the guild schedules an event (GUILD_SCHEDULED_EVENT_CREATE).
    pub fn add_scheduled_event(&self, spec: ScheduledEventSpec) -> ScheduledEventId {
        let mut state = self.shared.lock();
        let guild = spec.guild.unwrap_or(state.default_guild);
        let creator = state
            .guild(guild)
            .map(|g| g.owner_id)
            .unwrap_or_else(|_| panic!("guild {guild} does not exist"));
        let (kind, location, channel_id) = match spec.place {
            EventPlace::External(location) => (ScheduledEventType::External, Some(location), None),
            EventPlace::Voice(channel) => (ScheduledEventType::Voice, None, Some(channel)),
        };
        let event = ScheduledEvent {
            id: ScheduledEventId::new(state.next_id()),
            guild_id: guild,
            name: spec.name,
            description: spec.description,
            start: spec.start,
            end: spec.end,
            status: ScheduledEventStatus::Scheduled,
            kind,
            location,
            channel_id,
            creator_id: creator,
            subscribers: vec![],
        };
        let id = event.id;
        let payload = payloads::scheduled_event(&state, &event, false);
        state.events.insert(id, event);
        state.dispatch("GUILD_SCHEDULED_EVENT_CREATE", payload);
        drop(state);
        self.shared.notify();
        id
    }

    /// Someone starts, ends or cancels an event (GUILD_SCHEDULED_EVENT_UPDATE).
    pub fn set_scheduled_event_status(&self, id: ScheduledEventId, status: ScheduledEventStatus) {
        let mut state = self.shared.lock();
        let event = state
            .events
            .get_mut(&id)
            .unwrap_or_else(|| panic!("scheduled event {id} does not exist"));
        event.status = status;
        let event = event.clone();
        let payload = payloads::scheduled_event(&state, &event, false);
        state.dispatch("GUILD_SCHEDULED_EVENT_UPDATE", payload);
        drop(state);
        self.shared.notify();
    }

    /// Someone deletes an event (GUILD_SCHEDULED_EVENT_DELETE).
    pub fn delete_scheduled_event(&self, id: ScheduledEventId) {
        let mut state = self.shared.lock();
        let event = state
            .events
            .remove(&id)
            .unwrap_or_else(|| panic!("scheduled event {id} does not exist"));
        let payload = payloads::scheduled_event(&state, &event, false);
        state.dispatch("GUILD_SCHEDULED_EVENT_DELETE", payload);
        drop(state);
        self.shared.notify();
    }

    /// Someone deletes a channel, with its threads and messages (CHANNEL_DELETE).
    pub fn delete_channel(&self, id: ChannelId) {
        let mut state = self.shared.lock();
        let channel = state
            .channels
            .remove(&id)
            .unwrap_or_else(|| panic!("channel {id} does not exist"));
        let mut gone: Vec<ChannelId> = state
            .channels
            .values()
            .filter(|c| c.parent_id == Some(id))
            .map(|c| c.id)
            .collect();
        state.channels.retain(|key, _| !gone.contains(key));
        gone.push(id);
        state.messages.retain(|_, m| !gone.contains(&m.channel_id));
        let payload = payloads::channel(&state, &channel);
        state.dispatch("CHANNEL_DELETE", payload);
        drop(state);
        self.shared.notify();
    }

    /// Every message in a channel or thread, oldest first (ephemeral ones included, flagged).
    pub fn messages(&self, channel: ChannelId) -> Vec<Message> {
        self.shared
            .lock()
            .messages
            .values()
            .filter(|m| m.channel_id == channel)
            .cloned()
            .collect()
    }

    /// Waits, at most `timeout`, until the messages of `channel` satisfy `check`: for what a
    /// bot does on its own timers, which no interaction's barrier covers. `None` on timeout.
    pub async fn wait_for_messages(
        &self,
        channel: ChannelId,
        timeout: std::time::Duration,
        check: impl Fn(&[Message]) -> bool,
    ) -> Option<Vec<Message>> {
        self.wait_for_messages_where(timeout, |m| m.channel_id == channel, check)
            .await
    }

    /// As [`FakeDiscord::wait_for_messages`], over every message the bot sent anywhere.
    pub async fn wait_for_all_messages(
        &self,
        timeout: std::time::Duration,
        check: impl Fn(&[Message]) -> bool,
    ) -> Option<Vec<Message>> {
        self.wait_for_messages_where(timeout, |_| true, check).await
    }

    async fn wait_for_messages_where(
        &self,
        timeout: std::time::Duration,
        keep: impl Fn(&Message) -> bool,
        check: impl Fn(&[Message]) -> bool,
    ) -> Option<Vec<Message>> {
        self.shared
            .wait_for(timeout, |state| {
                let messages: Vec<Message> = state
                    .messages
                    .values()
                    .filter(|m| keep(m))
                    .cloned()
                    .collect();
                check(&messages).then_some(messages)
            })
            .await
    }

    pub fn message(&self, id: MessageId) -> Option<Message> {
        self.shared.lock().messages.get(&id).cloned()
    }

    /// The messages created with `nonce`: after deduplication, one per nonce.
    pub fn messages_with_nonce(&self, nonce: &str) -> Vec<Message> {
        let state = self.shared.lock();
        state
            .messages
            .values()
            .filter(|m| m.nonce.as_deref() == Some(nonce))
            .cloned()
            .collect()
    }

    /// The roles of a guild, highest first.
    pub fn roles(&self, guild: GuildId) -> Vec<Role> {
        self.with_guild(guild, |g| {
            g.roles_by_position().into_iter().cloned().collect()
        })
    }

    pub fn role(&self, id: RoleId) -> Option<Role> {
        self.shared
            .lock()
            .guilds
            .values()
            .find_map(|g| g.roles.get(&id).cloned())
    }

    /// The role called `name` in `guild`.
    pub fn role_named(&self, guild: GuildId, name: &str) -> Option<Role> {
        self.roles(guild).into_iter().find(|r| r.name == name)
    }

    /// The channels of `guild` (threads left out), by position.
    pub fn channels(&self, guild: GuildId) -> Vec<Channel> {
        let mut channels: Vec<Channel> = self
            .shared
            .lock()
            .channels
            .values()
            .filter(|c| c.guild_id == Some(guild) && !c.kind.is_thread())
            .cloned()
            .collect();
        channels.sort_by_key(|c| c.position);
        channels
    }

    pub fn member(&self, guild: GuildId, user: UserId) -> Option<Member> {
        self.shared.lock().member(guild, user).ok().cloned()
    }

    pub fn channel(&self, id: ChannelId) -> Option<Channel> {
        self.shared.lock().channels.get(&id).cloned()
    }

    /// The threads of a channel, oldest first.
    pub fn threads(&self, parent: ChannelId) -> Vec<Channel> {
        let state = self.shared.lock();
        state
            .channels
            .values()
            .filter(|c| c.kind.is_thread() && c.parent_id == Some(parent))
            .cloned()
            .collect()
    }

    pub fn scheduled_events(&self, guild: GuildId) -> Vec<ScheduledEvent> {
        self.shared
            .lock()
            .events
            .values()
            .filter(|e| e.guild_id == guild)
            .cloned()
            .collect()
    }

    pub fn scheduled_event(&self, id: ScheduledEventId) -> Option<ScheduledEvent> {
        self.shared.lock().events.get(&id).cloned()
    }

    /// Every registered command, global and per guild.
    pub fn commands(&self) -> Vec<Command> {
        self.shared.lock().commands.clone()
    }

    /// The registered command called `name` (a guild command of the default guild first).
    pub fn command(&self, name: &str) -> Option<Command> {
        let state = self.shared.lock();
        let guild = Some(state.default_guild);
        state
            .commands
            .iter()
            .filter(|c| c.name == name)
            .min_by_key(|c| c.guild_id != guild)
            .cloned()
    }

    fn with_guild<T>(&self, guild: GuildId, read: impl FnOnce(&GuildRecord) -> T) -> T {
        let state = self.shared.lock();
        read(
            state
                .guild(guild)
                .unwrap_or_else(|_| panic!("guild {guild} does not exist")),
        )
    }
}

fn system_channel(state: &State, guild: GuildId) -> ChannelId {
    state
        .guild(guild)
        .ok()
        .and_then(|g| g.system_channel_id)
        .unwrap_or_else(|| panic!("guild {guild} has no system channel"))
}
