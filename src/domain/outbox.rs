//! What the domain asks the scheduler to send: each message, where it goes, where it falls
//! back to, and the check a message may ask for at send time. Plain data that the scheduler
//! stores as JSON and carries out; the domain owns it, so rules about who needs which
//! message stay in the domain and data flows one way.

use std::future::Future;
use std::pin::Pin;

use serde::{Deserialize, Serialize};

use crate::i18n::{tr_args, Lang};
use crate::model::{ChannelId, Delivery, TargetKind, UnixMillis, UnknownVariant};

/// A boxed future, so the traits here (and the scheduler's `Notifier`) work behind `dyn`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Where a message goes: a channel, a thread, or a person's direct messages. In JSON:
/// `{"kind": "channel" | "thread" | "dm", "id": 123}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "TargetJson", into = "TargetJson")]
pub struct Target {
    pub kind: TargetKind,
    /// The channel, thread or user id.
    pub id: u64,
}

/// An embed under the message text.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Embed {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `0xRRGGBB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<u32>,
}

/// What a delivery posts: the JSON in `deliveries.payload`.
///
/// ```json
/// {"content": "Week 2 starts today", "embed": {"title": "…", "description": "…",
///  "colour": 3447003}, "thread_name": "Week 2", "was_due_at": 1790000000000,
///  "refused_by": {"target": {"kind": "dm", "id": 42}, "reason": "…"}}
/// ```
/// Only `content` is needed (it may be empty when there is an embed); the scheduler sets
/// `was_due_at` and `refused_by` itself. An optional `condition` (any JSON) is handed to the
/// [`DeliveryGate`] before sending.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeliveryPayload {
    #[serde(default)]
    pub content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embed: Option<Embed>,
    /// Open a thread with this name on the posted message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_name: Option<String>,
    /// Set on an occurrence sent after its time (after downtime): when it was due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was_due_at: Option<UnixMillis>,
    /// Set on a post to a fallback channel: who could not be reached, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused_by: Option<Refusal>,
    /// Asks the [`DeliveryGate`] whether, and to whom, to send this
    /// just before sending; opaque to the scheduler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<serde_json::Value>,
    /// What the message carries besides text, drawn by the notifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Extra>,
    /// The language its text is written in (`fr`), for the notes added when it is sent
    /// (late, or fallen back); English when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// What a message carries besides its text, its buttons labelled in the language of the
/// message they are under. In JSON: `{"kind": "vote_button", "vote": 7}`,
/// `{"kind": "evaluate_button", "action": 4}`, `{"kind": "proposal_review", "proposal": 2}` or `{"kind": "chart", "title": "…", "caption": "…", "bars": [{"label": "…",
/// "value": 3, "out_of": 9, "figures": "3 dots"}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Extra {
    /// The button that opens a member's ballot in a dot vote.
    VoteButton { vote: i64 },
    /// The button that opens the evaluation form of a campaign's action.
    EvaluateButton { action: i64 },
    /// A facilitator's buttons to approve or return an article a member proposed.
    ProposalReview { proposal: i64 },
    /// Horizontal bars, attached as a PNG.
    Chart(Chart),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chart {
    pub title: String,
    pub caption: String,
    pub bars: Vec<ChartBar>,
}

/// One bar: `value` of `out_of` long, with the figures written beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartBar {
    pub label: String,
    pub value: u32,
    pub out_of: u32,
    pub figures: String,
}

/// The target that refused a message, as said on the fallback post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub target: Target,
    pub reason: String,
}

/// What each occurrence of a schedule posts, and where: the JSON in `schedules.payload`.
///
/// ```json
/// {"target": {"kind": "channel", "id": 123}, "fallback_channel_id": 456,
///  "expires_after_ms": 3600000, "message": {"content": "…"}}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulePayload {
    pub target: Target,
    /// Where to post instead when the target refuses the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_channel_id: Option<u64>,
    /// How long after its occurrence a message is still worth sending (a reminder expires
    /// at the meeting it announces); `None`: it never expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_after_ms: Option<i64>,
    pub message: DeliveryPayload,
}

impl DeliveryPayload {
    /// The language its text is written in.
    pub fn language(&self) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::from_locale)
            .unwrap_or(Lang::En)
    }

    /// Says the text is written in `lang`.
    pub fn written_in(self, lang: Lang) -> DeliveryPayload {
        DeliveryPayload {
            lang: Some(lang.code().to_owned()),
            ..self
        }
    }

    pub fn from_json(json: &str) -> Result<DeliveryPayload, serde_json::Error> {
        serde_json::from_str(json)
    }

    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and options always serializes.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl SchedulePayload {
    pub fn from_json(json: &str) -> Result<SchedulePayload, serde_json::Error> {
        serde_json::from_str(json)
    }

    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and options always serializes.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn fallback_channel(&self) -> Option<ChannelId> {
        self.fallback_channel_id.map(ChannelId)
    }
}

impl Refusal {
    /// Says, on a fallback post, who could not be reached.
    pub fn explanation(&self, lang: Lang) -> String {
        let message = match self.target.kind {
            TargetKind::Dm => "outbox-dm-refused",
            TargetKind::Channel | TargetKind::Thread => "outbox-channel-refused",
        };
        tr_args(lang, message, &[("id", self.target.id.to_string().into())])
    }
}

/// Decides, at send time, what becomes of a delivery that carries a condition.
pub trait DeliveryGate: Send + Sync + 'static {
    /// `payload` is the delivery's own, `condition` included. An error counts as a
    /// transient failure: the delivery is tried again later.
    fn decide<'a>(
        &'a self,
        delivery: &'a Delivery,
        payload: &'a DeliveryPayload,
    ) -> BoxFuture<'a, anyhow::Result<Decision>>;
}

/// What the gate decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Send the delivery as it is.
    Send,
    /// Do not send it; the reason is recorded on the delivery.
    Skip(String),
    /// Send these instead, each as a delivery of its own (retried, deduplicated and
    /// recorded like any other); an empty list sends nothing.
    Expand(Vec<Addressed>),
}

/// One message of an [`Decision::Expand`], and who it goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressed {
    pub target: Target,
    pub fallback_channel_id: Option<ChannelId>,
    /// May carry a condition of its own, checked again when it is sent.
    pub message: DeliveryPayload,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct TargetJson {
    kind: String,
    id: u64,
}

impl TryFrom<TargetJson> for Target {
    type Error = UnknownVariant;

    fn try_from(json: TargetJson) -> Result<Self, UnknownVariant> {
        Ok(Target {
            kind: json.kind.parse()?,
            id: json.id,
        })
    }
}

impl From<Target> for TargetJson {
    fn from(target: Target) -> Self {
        TargetJson {
            kind: target.kind.as_str().to_owned(),
            id: target.id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_read_what_they_write() {
        let schedule = SchedulePayload {
            target: Target {
                kind: TargetKind::Dm,
                id: 9_123_456_789_012_345_678,
            },
            fallback_channel_id: Some(5),
            expires_after_ms: Some(3_600_000),
            message: DeliveryPayload {
                content: "Your meeting starts in an hour".into(),
                embed: Some(Embed {
                    title: Some("Mentoring".into()),
                    description: None,
                    colour: Some(0x3498db),
                }),
                thread_name: None,
                was_due_at: None,
                refused_by: None,
                condition: None,
                extra: None,
                lang: None,
            },
        };
        let json = schedule.to_json();
        assert!(
            json.contains(r#""target":{"kind":"dm","id":9123456789012345678}"#),
            "{json}"
        );
        assert_eq!(SchedulePayload::from_json(&json).unwrap(), schedule);
        assert!(SchedulePayload::from_json(&json.replace("\"dm\"", "\"pigeon\"")).is_err());
        assert_eq!(
            DeliveryPayload::from_json(r#"{"content":"hi"}"#)
                .unwrap()
                .content,
            "hi"
        );
    }
}
