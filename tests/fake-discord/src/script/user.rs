//! A scripted person: invokes slash commands, clicks buttons, chooses in select menus, submits
//! modals, leaves the guild, gets roles, marks interest in events. Every action that waits for
//! the bot returns once it has finished handling it, and fails the test if a violation was recorded.

use std::sync::Arc;

use serde_json::{json, Value};
use serenity::all::{ChannelId, GuildId, RoleId, ScheduledEventId, UserId};

use super::interact::{interact, Invocation};
use super::options::{command_data, find_command, Typed};
use super::reply::{MessageSource, Reply};
use crate::model::{Component, ComponentType, Message};
use crate::payloads;
use crate::server::Shared;
use crate::state::{InteractionKind, State};

const INTEREST_ADDED: &str = "GUILD_SCHEDULED_EVENT_USER_ADD";
const INTEREST_REMOVED: &str = "GUILD_SCHEDULED_EVENT_USER_REMOVE";

/// A user of the fake Discord, acting in one channel (their guild's `#general` unless moved
/// with [`Self::in_channel`] or [`Self::in_dm`]). Cheap to clone.
#[derive(Clone)]
pub struct FakeUser {
    pub(super) shared: Arc<Shared>,
    pub(super) id: UserId,
    pub(super) guild: Option<GuildId>,
    channel: ChannelId,
    /// The `locale` this handle's interactions send, when not the user's own (see
    /// [`FakeUser::set_locale`]).
    locale: Option<&'static str>,
}

impl std::fmt::Debug for FakeUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeUser")
            .field("id", &self.id)
            .field("channel", &self.channel)
            .finish()
    }
}

impl FakeUser {
    pub(crate) fn new(
        shared: Arc<Shared>,
        id: UserId,
        guild: Option<GuildId>,
        channel: ChannelId,
    ) -> Self {
        Self {
            shared,
            id,
            guild,
            channel,
            locale: None,
        }
    }

    pub fn id(&self) -> UserId {
        self.id
    }

    /// `<@id>`, as a user would mention them.
    pub fn mention(&self) -> String {
        format!("<@{}>", self.id)
    }

    pub fn name(&self) -> String {
        self.shared
            .lock()
            .users
            .get(&self.id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    }

    /// The guild the user acts in (`None` in DMs).
    pub fn guild_id(&self) -> Option<GuildId> {
        self.guild
    }

    /// The channel the user acts in.
    pub fn channel_id(&self) -> ChannelId {
        self.channel
    }

    /// The same user acting in another channel or thread.
    pub fn in_channel(&self, channel: ChannelId) -> Self {
        let guild = self
            .shared
            .lock()
            .channels
            .get(&channel)
            .map(|c| c.guild_id);
        let guild =
            guild.unwrap_or_else(|| panic!("channel {channel} does not exist in fake-discord"));
        Self {
            channel,
            guild,
            ..self.clone()
        }
    }

    /// The same user with their Discord client in another language (`fr`, `pt-BR`...).
    /// Panics on a code that is not one of Discord's locales.
    pub fn with_locale(&self, locale: &str) -> Self {
        Self {
            locale: Some(crate::state::discord_locale(locale)),
            ..self.clone()
        }
    }

    /// The same user acting in their DM channel with the bot.
    pub fn in_dm(&self) -> Self {
        let channel = self.shared.lock().dm_channel(self.id);
        Self {
            channel,
            guild: None,
            ..self.clone()
        }
    }

    /// Invokes a slash command. `command` is the name with any subcommand words
    /// (`"course join"`); option values are written as a user types them and typed by the
    /// command's registration (`[("cohort", "spring"), ("week", "2"), ("member", "<@123>")]`).
    ///
    /// Waits (up to the reply timeout) for the bot to register the command first. Panics on
    /// what Discord would not let a user send: an unknown command, option or value.
    pub async fn slash<const N: usize>(&self, command: &str, options: [(&str, &str); N]) -> Reply {
        self.command(command, &options, false).await
    }

    /// As [`FakeUser::slash`], with the options in a slice: for tables of invocations.
    pub async fn slash_with(&self, command: &str, options: &[(&str, &str)]) -> Reply {
        self.command(command, options, false).await
    }

    /// Types into an autocomplete option: the last option given is the one being typed, with
    /// its partial text. The reply's [`Reply::choices`] holds what the bot offered.
    pub async fn autocomplete<const N: usize>(
        &self,
        command: &str,
        options: [(&str, &str); N],
    ) -> Reply {
        self.command(command, &options, true).await
    }

    async fn command(&self, path: &str, given: &[(&str, &str)], autocomplete: bool) -> Reply {
        let name = path
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned();
        let timeout = self.shared.lock().config.reply_timeout;
        let guild = self.guild;
        let found = self
            .shared
            .wait_for(timeout, |s| find_command(s, guild, &name, 1))
            .await;
        let Some(command) = found else {
            let registered: Vec<String> = self
                .shared
                .lock()
                .commands
                .iter()
                .map(|c| c.name.clone())
                .collect();
            panic!("the bot has not registered /{name} (registered: {registered:?})");
        };
        let typed = Typed {
            user: self.id,
            guild,
            path,
            given,
            autocomplete,
        };
        let data = command_data(&self.shared.lock(), &command, &typed)
            .unwrap_or_else(|problem| panic!("{problem}"));
        let kind = if autocomplete {
            InteractionKind::Autocomplete
        } else {
            InteractionKind::Command
        };
        self.send(kind, None, None, data).await
    }

    /// Clicks the button whose label or `custom_id` is `label_or_id`, on a reply or a message
    /// (as the message stands now). Panics if there is no such button, or it is disabled or a
    /// link.
    pub async fn click(&self, on: &impl MessageSource, label_or_id: &str) -> Reply {
        let (message, button) = self.current(
            on,
            |m| m.button(label_or_id).cloned(),
            "button",
            label_or_id,
        );
        assert!(
            !button.disabled,
            "the button `{label_or_id}` is disabled: a user cannot click it"
        );
        let custom_id = button
            .custom_id
            .unwrap_or_else(|| panic!("the button `{label_or_id}` is a link, not an interaction"));
        let data = json!({ "custom_id": custom_id, "component_type": 2 });
        self.on_message(&message)
            .send(InteractionKind::Component, Some(&message), None, data)
            .await
    }

    /// Chooses `values` in the select menu whose `custom_id` or placeholder is `menu`. For a
    /// string select, each value is an option's label or value; for user, role, channel and
    /// mentionable selects, an id or mention. Panics if the choice is not possible.
    pub async fn select<const N: usize>(
        &self,
        on: &impl MessageSource,
        menu: &str,
        values: [&str; N],
    ) -> Reply {
        let (message, select) = self.current(on, |m| m.select(menu).cloned(), "select menu", menu);
        assert!(
            !select.disabled,
            "the select menu `{menu}` is disabled: a user cannot use it"
        );
        let min = usize::from(select.min_values.unwrap_or(1));
        let max = usize::from(select.max_values.unwrap_or(1));
        assert!(
            (min..=max).contains(&N),
            "the select menu `{menu}` takes {min} to {max} values, not {N}"
        );
        let mut resolved = json!({});
        let chosen: Vec<String> = {
            let state = self.shared.lock();
            values
                .iter()
                .map(|v| self.choice(&state, &select, v, message.guild_id, &mut resolved))
                .collect()
        };
        let mut data = json!({
            "custom_id": select.custom_id,
            "component_type": u8::from(select.kind),
            "values": chosen,
        });
        if resolved.as_object().is_some_and(|r| !r.is_empty()) {
            data["resolved"] = resolved;
        }
        self.on_message(&message)
            .send(InteractionKind::Component, Some(&message), None, data)
            .await
    }

    fn choice(
        &self,
        state: &State,
        select: &Component,
        value: &str,
        guild: Option<GuildId>,
        resolved: &mut Value,
    ) -> String {
        let menu = select.custom_id.as_deref().unwrap_or_default();
        if select.kind == ComponentType::StringSelect {
            let option = select
                .option(value)
                .unwrap_or_else(|| panic!("the select menu `{menu}` has no option `{value}`"));
            return option.value.clone();
        }
        let id = value
            .trim_matches(['<', '>', '@', '!', '&', '#'])
            .parse::<u64>()
            .ok()
            .filter(|id| *id != 0);
        let id =
            id.unwrap_or_else(|| panic!("`{value}` is not an id for the select menu `{menu}`"));
        let user = UserId::new(id);
        let is_user = state.users.contains_key(&user);
        let role = guild.and_then(|g| state.role(g, RoleId::new(id)).ok());
        let channel = state.channels.get(&ChannelId::new(id));
        match (select.kind, is_user, role, channel) {
            (ComponentType::UserSelect | ComponentType::MentionableSelect, true, _, _) => {
                payloads::resolve_user(state, guild, user, resolved);
            }
            (ComponentType::RoleSelect | ComponentType::MentionableSelect, _, Some(role), _) => {
                resolved["roles"][role.id.to_string()] = payloads::role(state, role);
            }
            (ComponentType::ChannelSelect, _, _, Some(channel)) => {
                resolved["channels"][channel.id.to_string()] =
                    payloads::partial_channel(state, channel, self.id);
            }
            _ => panic!("`{value}` cannot be chosen in the select menu `{menu}`"),
        }
        id.to_string()
    }

    /// Submits the modal a reply opened, filling text inputs by `custom_id` or label. Panics
    /// if there is no modal, a required input is left empty, or a value breaks its length
    /// bounds (the Discord client would not submit it).
    pub async fn submit<const N: usize>(&self, reply: &Reply, fields: [(&str, &str); N]) -> Reply {
        self.submit_fields(reply, &fields, true).await
    }

    /// Submits the modal a reply opened without the length checks the Discord client makes
    /// (what a modified client can send), so a test can prove the bot checks them itself.
    pub async fn forge_submit<const N: usize>(
        &self,
        reply: &Reply,
        fields: [(&str, &str); N],
    ) -> Reply {
        self.submit_fields(reply, &fields, false).await
    }

    /// Sends a button click carrying any `custom_id`, from the first message of `on`, whatever
    /// that message holds: a forged click, or one on a button the bot has since changed.
    pub async fn forge_click(&self, on: &impl MessageSource, custom_id: &str) -> Reply {
        let messages = on.source_messages();
        let message = messages
            .first()
            .unwrap_or_else(|| panic!("no message to send the click `{custom_id}` from"));
        let data = json!({ "custom_id": custom_id, "component_type": 2 });
        self.on_message(message)
            .send(InteractionKind::Component, Some(message), None, data)
            .await
    }

    async fn submit_fields(
        &self,
        reply: &Reply,
        fields: &[(&str, &str)],
        enforce_bounds: bool,
    ) -> Reply {
        let modal = reply.modal().unwrap_or_else(|| {
            panic!(
                "the reply opened no modal (callback: {:?})",
                reply.callback()
            )
        });
        for (key, _) in fields {
            let known = modal.text_inputs().iter().any(|input| input.matches(key));
            assert!(
                known,
                "the modal `{}` has no text input `{key}`",
                modal.title
            );
        }
        let mut rows = vec![];
        for input in modal.text_inputs() {
            let value = fields
                .iter()
                .find(|(key, _)| input.matches(key))
                .map(|(_, v)| (*v).to_owned());
            let value = value.or_else(|| input.value.clone()).unwrap_or_default();
            let id = input.custom_id.clone().unwrap_or_default();
            let length = value.chars().count();
            let required = input.required.unwrap_or(true);
            assert!(
                !(required && value.is_empty()),
                "the modal input `{id}` is required"
            );
            let min = usize::from(input.min_length.unwrap_or(0));
            let max = usize::from(input.max_length.unwrap_or(4000));
            let in_bounds = (min..=max).contains(&length) || (!required && length == 0);
            assert!(
                in_bounds || !enforce_bounds,
                "the modal input `{id}` takes {min} to {max} characters, not {length}"
            );
            rows.push(json!({ "type": 1, "components": [{ "type": 4, "custom_id": id, "value": value }] }));
        }
        let data = json!({ "custom_id": modal.custom_id, "components": rows });
        let origin = &reply.origin;
        let here = Self {
            channel: origin.channel_id,
            guild: origin.guild_id,
            ..self.clone()
        };
        let source = origin
            .source_message
            .and_then(|id| self.shared.lock().messages.get(&id).cloned());
        let parent = Some(reply.token.clone());
        here.send(InteractionKind::ModalSubmit, source.as_ref(), parent, data)
            .await
    }

    /// Leaves the guild (GUILD_MEMBER_REMOVE) and waits for the bot to react.
    pub async fn leave(&self) {
        let guild = self
            .guild
            .unwrap_or_else(|| panic!("{self:?} acts in a DM, not in a guild"));
        let left = self.shared.lock().leave(guild, self.id);
        left.unwrap_or_else(|_| panic!("{self:?} is not a member of guild {guild}"));
        self.shared.notify();
        self.shared.after_events("GUILD_MEMBER_REMOVE").await;
        self.shared.check_violations();
    }

    /// Someone with Manage Roles gives the user a role (GUILD_MEMBER_UPDATE); waits for the bot.
    pub async fn add_role(&self, role: RoleId) {
        self.change_role(role, true).await;
    }

    /// Someone with Manage Roles takes a role away (GUILD_MEMBER_UPDATE); waits for the bot.
    pub async fn remove_role(&self, role: RoleId) {
        self.change_role(role, false).await;
    }

    async fn change_role(&self, role: RoleId, add: bool) {
        let guild = self
            .guild
            .unwrap_or_else(|| panic!("{self:?} acts in a DM, not in a guild"));
        {
            let mut state = self.shared.lock();
            assert!(
                state.role(guild, role).is_ok(),
                "role {role} is not in guild {guild}"
            );
            let member = state
                .guilds
                .get_mut(&guild)
                .and_then(|g| g.members.get_mut(&self.id));
            let member =
                member.unwrap_or_else(|| panic!("{self:?} is not a member of guild {guild}"));
            member.roles.retain(|r| *r != role);
            if add {
                member.roles.push(role);
            }
            state.member_updated(guild, self.id);
        }
        self.shared.notify();
        self.shared.after_events("GUILD_MEMBER_UPDATE").await;
        self.shared.check_violations();
    }

    /// Marks interest in a scheduled event (GUILD_SCHEDULED_EVENT_USER_ADD); waits for the bot.
    pub async fn subscribe(&self, event: ScheduledEventId) {
        self.interest(event, true).await;
    }

    /// Withdraws interest (GUILD_SCHEDULED_EVENT_USER_REMOVE); waits for the bot.
    pub async fn unsubscribe(&self, event: ScheduledEventId) {
        self.interest(event, false).await;
    }

    async fn interest(&self, event: ScheduledEventId, add: bool) {
        {
            let mut state = self.shared.lock();
            let record = state
                .events
                .get_mut(&event)
                .unwrap_or_else(|| panic!("scheduled event {event} does not exist"));
            let had = record.subscribers.contains(&self.id);
            record.subscribers.retain(|u| *u != self.id);
            if add {
                record.subscribers.push(self.id);
            }
            let payload = payloads::scheduled_event_user(record, self.id);
            match (add, had) {
                (true, false) => state.dispatch(INTEREST_ADDED, payload),
                (false, true) => state.dispatch(INTEREST_REMOVED, payload),
                _ => {}
            }
        }
        self.shared.notify();
        let event = if add {
            INTEREST_ADDED
        } else {
            INTEREST_REMOVED
        };
        self.shared.after_events(event).await;
        self.shared.check_violations();
    }

    /// Opens or closes the user's DMs to the bot; while closed, DMs answer 400 (code 50007).
    pub fn set_dms_open(&self, open: bool) {
        if let Some(user) = self.shared.lock().users.get_mut(&self.id) {
            user.dms_open = open;
        }
    }

    /// Sets the Discord locale the user's client sends with each interaction, "fr" say.
    /// Panics on a code that is not one of Discord's locales.
    pub fn set_locale(&self, locale: &str) {
        let locale = crate::state::discord_locale(locale);
        if let Some(user) = self.shared.lock().users.get_mut(&self.id) {
            user.locale = locale;
        }
    }

    /// The user's roles in the guild they act in.
    pub fn roles(&self) -> Vec<RoleId> {
        let state = self.shared.lock();
        self.guild
            .and_then(|g| state.member(g, self.id).ok())
            .map_or(vec![], |m| m.roles.clone())
    }

    pub fn has_role(&self, role: RoleId) -> bool {
        self.roles().contains(&role)
    }

    /// Waits, at most the reply timeout, until the bot has given the user `role`; `false` if
    /// it has not by then.
    pub async fn wait_for_role(&self, role: RoleId) -> bool {
        let Some(guild) = self.guild else {
            return false;
        };
        let id = self.id;
        self.shared
            .wait_until(|s| s.member(guild, id).is_ok_and(|m| m.roles.contains(&role)))
            .await
    }

    /// Whether the user is a member of the guild they act in.
    pub fn is_member(&self) -> bool {
        let state = self.shared.lock();
        self.guild.is_some_and(|g| state.member(g, self.id).is_ok())
    }

    /// The messages the bot sent the user by DM, oldest first.
    pub fn dms(&self) -> Vec<Message> {
        let state = self.shared.lock();
        let channel = state.dm_channels.get(&self.id).copied();
        state
            .messages
            .values()
            .filter(|m| Some(m.channel_id) == channel)
            .cloned()
            .collect()
    }

    /// The message holding the component, as it is now, and the component in it.
    fn current(
        &self,
        on: &impl MessageSource,
        find: impl Fn(&Message) -> Option<Component>,
        what: &str,
        key: &str,
    ) -> (Message, Component) {
        let holder = on.source_messages().into_iter().find(|m| find(m).is_some());
        let holder = holder.unwrap_or_else(|| {
            let shown: Vec<String> = on
                .source_messages()
                .iter()
                .flat_map(|m| m.all_components())
                .filter_map(|c| c.label.clone().or(c.custom_id.clone()))
                .collect();
            panic!("no {what} `{key}` in the bot's messages (components: {shown:?})")
        });
        let current = self.shared.lock().messages.get(&holder.id).cloned();
        let current =
            current.unwrap_or_else(|| panic!("the message with the {what} `{key}` was deleted"));
        let component = find(&current)
            .unwrap_or_else(|| panic!("the {what} `{key}` is no longer on the message"));
        (current, component)
    }

    /// The same user, in the channel of `message`.
    pub(super) fn on_message(&self, message: &Message) -> Self {
        Self {
            channel: message.channel_id,
            guild: message.guild_id,
            ..self.clone()
        }
    }

    pub(super) async fn send(
        &self,
        kind: InteractionKind,
        source: Option<&Message>,
        parent: Option<String>,
        data: Value,
    ) -> Reply {
        let invocation = Invocation {
            kind,
            user: self.id,
            guild: self.guild,
            channel: self.channel,
            source_message: source.map(|m| m.id),
            parent,
            data,
            locale: self.locale,
        };
        interact(&self.shared, invocation).await
    }
}
