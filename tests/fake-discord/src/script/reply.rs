//! What the bot answered to one user action: the interaction callback and every message it
//! produced (the original response, follow-ups, edits), as they stand when the bot went quiet.

use std::time::{Duration, Instant};

use serenity::all::{ChannelId, GuildId, InteractionId, MessageId};

use crate::model::{Attachment, Choice, Component, Embed, Message, Modal};

/// The interaction callback type the bot chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallbackType {
    /// 4: a message.
    Message,
    /// 5: "thinking…", a message follows.
    DeferredMessage,
    /// 6: acknowledged a component; the message may be edited later.
    DeferredUpdate,
    /// 7: edited the message the component is on.
    UpdateMessage,
    /// 8: autocomplete choices.
    Autocomplete,
    /// 9: opened a modal.
    Modal,
    Other(u8),
}

impl From<u8> for CallbackType {
    fn from(value: u8) -> Self {
        match value {
            4 => Self::Message,
            5 => Self::DeferredMessage,
            6 => Self::DeferredUpdate,
            7 => Self::UpdateMessage,
            8 => Self::Autocomplete,
            9 => Self::Modal,
            other => Self::Other(other),
        }
    }
}

/// The bot's answer to an interaction, read like a conversation:
///
/// ```no_run
/// # async fn example(user: fake_discord::FakeUser) {
/// let reply = user.slash("help", []).await;
/// assert!(reply.is_ephemeral());
/// assert!(reply.text().contains("/course"));
/// let next = user.click(&reply, "Next page").await;
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Reply {
    pub(crate) interaction_id: InteractionId,
    pub(crate) token: String,
    pub(crate) origin: Origin,
    pub(crate) callback: Option<CallbackType>,
    pub(crate) sent_at: Instant,
    pub(crate) answered_at: Option<Instant>,
    pub(crate) original: Option<Message>,
    pub(crate) followups: Vec<Message>,
    pub(crate) modal: Option<Modal>,
    pub(crate) choices: Vec<Choice>,
}

impl Reply {
    /// The interaction the fake sent.
    pub fn interaction_id(&self) -> InteractionId {
        self.interaction_id
    }

    /// The callback type, or `None` if the bot never answered (that is also a violation).
    pub fn callback(&self) -> Option<CallbackType> {
        self.callback
    }

    /// How long after Discord sent the interaction the bot's callback arrived: what the user
    /// waits for, as Discord measures it against its three seconds.
    pub fn answered_in(&self) -> Option<Duration> {
        self.answered_at.map(|at| at - self.sent_at)
    }

    /// When the bot's callback arrived.
    pub fn answered_at(&self) -> Option<Instant> {
        self.answered_at
    }

    /// The original response (for a component: the message it is on), as it is now.
    pub fn original(&self) -> Option<&Message> {
        self.original.as_ref()
    }

    /// Follow-up messages, in order.
    pub fn followups(&self) -> &[Message] {
        &self.followups
    }

    /// The original response and the follow-ups, in order.
    pub fn messages(&self) -> Vec<&Message> {
        self.original.iter().chain(&self.followups).collect()
    }

    /// The first message of the reply; panics (naming the callback) if there is none.
    pub fn message(&self) -> &Message {
        self.messages().into_iter().next().unwrap_or_else(|| {
            panic!(
                "the bot's reply has no message (callback: {:?})",
                self.callback
            )
        })
    }

    /// All text of all messages (see [`Message::text`]), one message after the other.
    pub fn text(&self) -> String {
        self.messages()
            .iter()
            .map(|m| m.text())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Whether the first message is ephemeral (only the user sees it).
    pub fn is_ephemeral(&self) -> bool {
        self.messages().first().is_some_and(|m| m.is_ephemeral())
    }

    /// All embeds of all messages.
    pub fn embeds(&self) -> Vec<&Embed> {
        self.messages()
            .into_iter()
            .flat_map(|m| &m.embeds)
            .collect()
    }

    /// All buttons of all messages.
    pub fn buttons(&self) -> Vec<&Component> {
        self.messages()
            .into_iter()
            .flat_map(Message::buttons)
            .collect()
    }

    /// The button whose label or `custom_id` is `label_or_id`, in any message.
    pub fn button(&self, label_or_id: &str) -> Option<&Component> {
        self.messages()
            .into_iter()
            .find_map(|m| m.button(label_or_id))
    }

    /// The select menu whose `custom_id` or placeholder is `id_or_placeholder`, in any message.
    pub fn select(&self, id_or_placeholder: &str) -> Option<&Component> {
        self.messages()
            .into_iter()
            .find_map(|m| m.select(id_or_placeholder))
    }

    /// All attachments of all messages.
    pub fn attachments(&self) -> Vec<&Attachment> {
        self.messages()
            .into_iter()
            .flat_map(|m| &m.attachments)
            .collect()
    }

    /// The attachment called `filename`, in any message.
    pub fn attachment(&self, filename: &str) -> Option<&Attachment> {
        self.messages()
            .into_iter()
            .find_map(|m| m.attachment(filename))
    }

    /// The modal the bot opened, if it did.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The autocomplete choices the bot offered.
    pub fn choices(&self) -> &[Choice] {
        &self.choices
    }
}

/// Something with messages to click on or choose in: a [`Reply`] or a [`Message`].
pub trait MessageSource {
    /// The messages to search for a component.
    fn source_messages(&self) -> Vec<&Message>;
}

impl MessageSource for Reply {
    fn source_messages(&self) -> Vec<&Message> {
        self.messages()
    }
}

impl MessageSource for Message {
    fn source_messages(&self) -> Vec<&Message> {
        vec![self]
    }
}

/// Where an interaction happened, so a modal can be submitted from the same place.
#[derive(Clone, Debug)]
pub(crate) struct Origin {
    pub guild_id: Option<GuildId>,
    pub channel_id: ChannelId,
    pub source_message: Option<MessageId>,
}
