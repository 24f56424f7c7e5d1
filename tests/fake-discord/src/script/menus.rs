//! Context menus and what members write: a user runs a message or user command from the
//! right-click menu, or posts a message of their own in a channel or thread.

use chrono::Utc;
use serde_json::{json, Value};
use serenity::all::{ChannelId, MessageFlags, MessageId};

use super::options::find_command;
use super::reply::Reply;
use super::user::FakeUser;
use crate::model::{Message, Pings};
use crate::payloads;
use crate::permissions;
use crate::state::InteractionKind;

impl FakeUser {
    /// Writes `content` in `channel` (a channel or thread they can see and write in) and
    /// returns the message. The bot is not told: it has no message intents.
    pub fn post(&self, channel: ChannelId, content: &str) -> Message {
        let mut state = self.shared.lock();
        let record = state
            .channels
            .get(&channel)
            .cloned()
            .unwrap_or_else(|| panic!("channel {channel} does not exist"));
        let needed = if record.kind.is_thread() {
            serenity::all::Permissions::SEND_MESSAGES_IN_THREADS
        } else {
            serenity::all::Permissions::SEND_MESSAGES
        };
        assert!(
            permissions::in_channel(&state, &record, self.id).contains(needed)
                && permissions::can_view(&state, &record, self.id),
            "{} cannot write in {channel}",
            self.id
        );
        let message = Message {
            id: MessageId::new(state.next_id()),
            channel_id: channel,
            guild_id: record.guild_id,
            author_id: self.id,
            content: content.to_owned(),
            embeds: vec![],
            components: vec![],
            flags: MessageFlags::empty(),
            attachments: vec![],
            nonce: None,
            interaction_id: None,
            created_at: Utc::now(),
            edited_at: None,
            pings: Pings::of(content, None),
            pinned: false,
        };
        state.messages.insert(message.id, message.clone());
        message
    }

    /// Runs the message command `name` (type 3) on `target`, from the message's channel.
    /// Panics if the bot registered no such command.
    pub async fn message_command(&self, name: &str, target: &Message) -> Reply {
        let resolved = {
            let state = self.shared.lock();
            let current = state.messages.get(&target.id).unwrap_or(target);
            json!({ "messages": { target.id.to_string(): payloads::message(&state, current) } })
        };
        let data = self.menu_data(name, 3, target.id.get(), resolved).await;
        self.on_message(target)
            .send(InteractionKind::Command, None, None, data)
            .await
    }

    /// Runs the user command `name` (type 2) on `target`.
    pub async fn user_command(&self, name: &str, target: &FakeUser) -> Reply {
        let resolved = {
            let state = self.shared.lock();
            let mut resolved = json!({
                "users": { target.id.to_string(): payloads::user_by_id(&state, target.id) },
            });
            let member = self.guild.and_then(|g| state.member(g, target.id).ok());
            if let Some(member) = member {
                let mut value = payloads::member(&state, member);
                if let Some(fields) = value.as_object_mut() {
                    fields.remove("user");
                }
                resolved["members"] = json!({ target.id.to_string(): value });
            }
            resolved
        };
        let data = self.menu_data(name, 2, target.id.get(), resolved).await;
        self.send(InteractionKind::Command, None, None, data).await
    }

    /// The interaction data of a context-menu command, once the bot has registered it.
    async fn menu_data(&self, name: &str, kind: u64, target: u64, resolved: Value) -> Value {
        let timeout = self.shared.lock().config.reply_timeout;
        let guild = self.guild;
        let command = self
            .shared
            .wait_for(timeout, |s| find_command(s, guild, name, kind))
            .await
            .unwrap_or_else(|| panic!("the bot has not registered the menu command `{name}`"));
        let mut data = json!({
            "id": command.id.to_string(),
            "name": command.name,
            "type": kind,
            "target_id": target.to_string(),
            "resolved": resolved,
        });
        if let Some(guild) = command.guild_id {
            data["guild_id"] = json!(guild.to_string());
        }
        data
    }
}
