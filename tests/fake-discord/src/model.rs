//! What a test reads back: messages the bot sent (with embeds, components and files), the roles,
//! channels, members, scheduled events and commands the fake holds, and the request log.
//!
//! These are plain data with public fields. Embeds and components keep Discord's JSON shape, so
//! the same types parse what the bot sent and render what the fake answers.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

pub use crate::pings::Pings;
use serenity::all::{
    AttachmentId, ChannelId, CommandId, ForumTagId, GuildId, InteractionId, MessageFlags,
    MessageId, Permissions, RoleId, ScheduledEventId, ScheduledEventStatus, ScheduledEventType,
    UserId,
};

/// A message as Discord stores it: posted by the bot in a channel, thread or DM, or created by an
/// interaction response or follow-up.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub id: MessageId,
    pub channel_id: ChannelId,
    pub guild_id: Option<GuildId>,
    pub author_id: UserId,
    pub content: String,
    pub embeds: Vec<Embed>,
    /// Top-level components: action rows, each holding buttons, a select menu or text inputs.
    pub components: Vec<Component>,
    pub flags: MessageFlags,
    pub attachments: Vec<Attachment>,
    /// The `nonce` the bot sent with the message, as a string.
    pub nonce: Option<String>,
    /// The interaction this message answers, for interaction responses and follow-ups.
    pub interaction_id: Option<InteractionId>,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    /// Who the message notified when it was created, as Discord works it out from the
    /// mentions in its content and the request's `allowed_mentions`.
    pub pings: Pings,
    pub pinned: bool,
}

impl Message {
    /// Everything a reader sees as text: the content, then each embed's author, title,
    /// description, field names and values, and footer, one per line.
    pub fn text(&self) -> String {
        let mut parts = vec![];
        if !self.content.is_empty() {
            parts.push(self.content.clone());
        }
        for embed in &self.embeds {
            parts.extend(embed.text_parts());
        }
        parts.join("\n")
    }

    /// Whether only the user who triggered the interaction can see this message.
    pub fn is_ephemeral(&self) -> bool {
        self.flags.contains(MessageFlags::EPHEMERAL)
    }

    /// Every component of the message, action rows included, depth first.
    pub fn all_components(&self) -> Vec<&Component> {
        let mut found = vec![];
        for component in &self.components {
            component.collect(&mut found);
        }
        found
    }

    /// All buttons, in reading order.
    pub fn buttons(&self) -> Vec<&Component> {
        self.all_components()
            .into_iter()
            .filter(|c| c.kind == ComponentType::Button)
            .collect()
    }

    /// The button whose label or `custom_id` is `label_or_id`.
    pub fn button(&self, label_or_id: &str) -> Option<&Component> {
        self.buttons().into_iter().find(|c| c.matches(label_or_id))
    }

    /// The select menu (of any kind) whose `custom_id` or placeholder is `id_or_placeholder`.
    pub fn select(&self, id_or_placeholder: &str) -> Option<&Component> {
        self.all_components()
            .into_iter()
            .find(|c| c.kind.is_select() && c.matches(id_or_placeholder))
    }

    /// The attachment called `filename`.
    pub fn attachment(&self, filename: &str) -> Option<&Attachment> {
        self.attachments.iter().find(|a| a.filename == filename)
    }
}

/// An embed, in Discord's JSON shape.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Embed {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<EmbedFooter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<EmbedMedia>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<EmbedMedia>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<EmbedAuthor>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub fields: Vec<EmbedField>,
}

impl Embed {
    /// The pieces of text a reader sees, in display order.
    pub fn text_parts(&self) -> Vec<String> {
        let mut parts = vec![];
        parts.extend(self.author.as_ref().map(|a| a.name.clone()));
        parts.extend(self.title.clone());
        parts.extend(self.description.clone());
        for field in &self.fields {
            parts.push(field.name.clone());
            parts.push(field.value.clone());
        }
        parts.extend(self.footer.as_ref().map(|f| f.text.clone()));
        parts
    }

    /// The field called `name`.
    pub fn field(&self, name: &str) -> Option<&EmbedField> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// One name/value field of an embed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EmbedField {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub value: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub inline: bool,
}

/// An embed's footer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EmbedFooter {
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_url: Option<String>,
}

/// An embed's author line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EmbedAuthor {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_url: Option<String>,
}

/// An embed's image or thumbnail.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EmbedMedia {
    #[serde(default)]
    pub url: String,
}

/// The kind of a component, as Discord numbers it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "u8", into = "u8")]
pub enum ComponentType {
    #[default]
    ActionRow,
    Button,
    StringSelect,
    TextInput,
    UserSelect,
    RoleSelect,
    MentionableSelect,
    ChannelSelect,
    /// A kind the fake does not interpret (for example a layout component).
    Other(u8),
}

impl ComponentType {
    /// Whether this is one of the five select menus.
    pub fn is_select(self) -> bool {
        matches!(
            self,
            Self::StringSelect
                | Self::UserSelect
                | Self::RoleSelect
                | Self::MentionableSelect
                | Self::ChannelSelect
        )
    }
}

impl From<u8> for ComponentType {
    fn from(value: u8) -> Self {
        match value {
            1 => Self::ActionRow,
            2 => Self::Button,
            3 => Self::StringSelect,
            4 => Self::TextInput,
            5 => Self::UserSelect,
            6 => Self::RoleSelect,
            7 => Self::MentionableSelect,
            8 => Self::ChannelSelect,
            other => Self::Other(other),
        }
    }
}

impl From<ComponentType> for u8 {
    fn from(value: ComponentType) -> Self {
        match value {
            ComponentType::ActionRow => 1,
            ComponentType::Button => 2,
            ComponentType::StringSelect => 3,
            ComponentType::TextInput => 4,
            ComponentType::UserSelect => 5,
            ComponentType::RoleSelect => 6,
            ComponentType::MentionableSelect => 7,
            ComponentType::ChannelSelect => 8,
            ComponentType::Other(other) => other,
        }
    }
}

/// A message or modal component: an action row, a button, a select menu or a text input.
///
/// One flat struct in Discord's JSON shape; which fields are set depends on [`Self::kind`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Component {
    #[serde(rename = "type")]
    pub kind: ComponentType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_id: Option<String>,
    /// Button style (1 primary … 5 link) or text input style (1 short, 2 paragraph).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji: Option<Value>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub disabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_values: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_values: Option<u8>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub options: Vec<SelectOption>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub channel_types: Vec<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// A text input's pre-filled value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The children of an action row.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub components: Vec<Component>,
}

impl Component {
    /// Whether `key` is this component's `custom_id`, label or placeholder.
    pub fn matches(&self, key: &str) -> bool {
        [&self.custom_id, &self.label, &self.placeholder]
            .into_iter()
            .any(|v| v.as_deref() == Some(key))
    }

    /// The select option whose label or value is `label_or_value`.
    pub fn option(&self, label_or_value: &str) -> Option<&SelectOption> {
        self.options
            .iter()
            .find(|o| o.label == label_or_value || o.value == label_or_value)
    }

    fn collect<'a>(&'a self, found: &mut Vec<&'a Component>) {
        found.push(self);
        for child in &self.components {
            child.collect(found);
        }
    }
}

/// One option of a string select menu.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SelectOption {
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji: Option<Value>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub default: bool,
}

/// A file the bot uploaded with a message or an interaction response.
#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    pub id: AttachmentId,
    pub filename: String,
    pub description: Option<String>,
    /// The content type the bot declared for the file part, if any.
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

impl Attachment {
    /// The file's content as UTF-8 text (lossy), for CSV and other text files.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }
}

/// A modal the bot opened in answer to an interaction.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Modal {
    pub custom_id: String,
    pub title: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub components: Vec<Component>,
}

impl Modal {
    /// The modal's text inputs, in order.
    pub fn text_inputs(&self) -> Vec<&Component> {
        let mut found = vec![];
        for component in &self.components {
            component.collect(&mut found);
        }
        found.retain(|c| c.kind == ComponentType::TextInput);
        found
    }

    /// The labels of the modal's text inputs, in order.
    pub fn labels(&self) -> Vec<&str> {
        let inputs = self.text_inputs();
        inputs
            .into_iter()
            .filter_map(|i| i.label.as_deref())
            .collect()
    }
}

/// One autocomplete suggestion the bot offered.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Choice {
    pub name: String,
    pub value: Value,
}

/// A role in a guild.
#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    pub id: RoleId,
    pub guild_id: GuildId,
    pub name: String,
    /// Higher is more powerful; `@everyone` is 0.
    pub position: u16,
    pub permissions: Permissions,
    pub color: u32,
    pub hoist: bool,
    pub mentionable: bool,
    /// Managed by an integration (the bot's own role is).
    pub managed: bool,
}

/// A guild member.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub user_id: UserId,
    pub guild_id: GuildId,
    pub nick: Option<String>,
    pub roles: Vec<RoleId>,
    pub joined_at: DateTime<Utc>,
}

/// What kind of channel a [`Channel`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelKind {
    Text,
    Voice,
    PublicThread,
    PrivateThread,
    Dm,
    Forum,
}

impl ChannelKind {
    /// Discord's number for the channel type.
    pub fn number(self) -> u8 {
        match self {
            Self::Text => 0,
            Self::Dm => 1,
            Self::Voice => 2,
            Self::PublicThread => 11,
            Self::PrivateThread => 12,
            Self::Forum => 15,
        }
    }

    /// Whether this is a public or private thread.
    pub fn is_thread(self) -> bool {
        matches!(self, Self::PublicThread | Self::PrivateThread)
    }
}

/// A text or voice channel, a thread, or a DM channel.
#[derive(Clone, Debug, PartialEq)]
pub struct Channel {
    pub id: ChannelId,
    pub guild_id: Option<GuildId>,
    pub kind: ChannelKind,
    pub name: String,
    /// The channel a thread belongs to.
    pub parent_id: Option<ChannelId>,
    /// Who created a thread.
    pub owner_id: Option<UserId>,
    /// Thread members, or the recipient of a DM channel.
    pub members: Vec<UserId>,
    pub position: u16,
    /// A text or voice channel's `permission_overwrites` (threads use their parent's).
    pub overwrites: Vec<crate::permissions::Overwrite>,
    /// A forum's `available_tags`.
    pub tags: Vec<ForumTag>,
    /// The tags applied to a post in a forum.
    pub applied_tags: Vec<ForumTagId>,
}

/// A tag a forum offers its posts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForumTag {
    pub id: ForumTagId,
    pub name: String,
    /// Only members with Manage Threads may apply or remove it.
    pub moderated: bool,
}

/// A guild scheduled event.
#[derive(Clone, Debug, PartialEq)]
pub struct ScheduledEvent {
    pub id: ScheduledEventId,
    pub guild_id: GuildId,
    pub name: String,
    pub description: Option<String>,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub status: ScheduledEventStatus,
    pub kind: ScheduledEventType,
    /// Where an external event happens.
    pub location: Option<String>,
    /// The voice or stage channel of a non-external event.
    pub channel_id: Option<ChannelId>,
    pub creator_id: UserId,
    /// Users who marked themselves interested.
    pub subscribers: Vec<UserId>,
}

/// An application command the bot registered.
#[derive(Clone, Debug, PartialEq)]
pub struct Command {
    pub id: CommandId,
    /// `None` for a global command.
    pub guild_id: Option<GuildId>,
    pub name: String,
    pub description: String,
    /// The registration as the bot sent it, for detailed assertions.
    pub definition: Value,
}

impl Command {
    /// The command's option definitions (subcommands included), as the bot sent them.
    pub fn options(&self) -> &[Value] {
        self.definition["options"]
            .as_array()
            .map_or(&[], Vec::as_slice)
    }
}

/// One HTTP request the bot made, as the fake saw and answered it.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedRequest {
    pub method: String,
    /// The path after `/api/v10`, with the query string.
    pub path: String,
    /// The route template it matched, as Discord's API description writes it
    /// (`/channels/{channel_id}/messages`), if the fake knows the route.
    pub route: Option<&'static str>,
    /// The JSON body (`payload_json` for multipart requests).
    pub body: Option<Value>,
    /// The status the fake answered with.
    pub status: u16,
    /// The JSON the fake answered with, if any.
    pub response: Option<Value>,
    pub at: std::time::Instant,
}

/// One dispatch (op 0) the fake sent on the gateway.
#[derive(Clone, Debug, PartialEq)]
pub struct GatewayDispatch {
    pub seq: u64,
    /// The event name, such as `INTERACTION_CREATE`.
    pub event: String,
    pub data: Value,
}

/// One gateway session of the bot, as the fake keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct GatewaySession {
    /// `[id, total]`, as the bot identified.
    pub shard: [u32; 2],
    /// Whether it has a live connection.
    pub connected: bool,
    /// What it was sent, in order (the replay window).
    pub dispatches: Vec<GatewayDispatch>,
}

/// Reads `null` as the type's default, as Discord does for optional arrays and flags.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
