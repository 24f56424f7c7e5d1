//! The JSON the scheduler keeps: what a delivery posts (`deliveries.payload`) and what each
//! occurrence of a schedule posts where (`schedules.payload`).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::notifier::{Embed, OutboundMessage, Target};
use crate::domain::model::{ChannelId, Delivery, TargetKind, UnixMillis};

/// Discord nonces are at most 25 characters; 20 hex digits (80 bits of the key's SHA-256)
/// leave room for a part suffix when a long message is posted in parts.
const NONCE_HEX_DIGITS: usize = 20;

/// The Discord message nonce of the delivery with `dedupe_key`: the same key always gives
/// the same nonce, so a resend after a crash is recognised and creates no second message.
pub fn nonce_for(dedupe_key: &str) -> String {
    let digest = Sha256::digest(dedupe_key.as_bytes());
    let mut hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    hex.truncate(NONCE_HEX_DIGITS);
    hex
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
/// [`DeliveryGate`](super::DeliveryGate) before sending.
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
    /// Asks the [`DeliveryGate`](super::DeliveryGate) whether, and to whom, to send this
    /// just before sending; opaque to the scheduler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<serde_json::Value>,
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
    pub fn from_json(json: &str) -> Result<DeliveryPayload, serde_json::Error> {
        serde_json::from_str(json)
    }

    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and options always serializes.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The message to post for `delivery`, with a line saying it is late or where it was
    /// meant to go when that applies.
    pub fn outbound(&self, delivery: &Delivery) -> OutboundMessage {
        let mut lines = Vec::new();
        if let Some(refusal) = &self.refused_by {
            lines.push(refusal.explanation());
        }
        if let Some(due) = self.was_due_at {
            lines.push(format!(
                "(late: this was due at <t:{}:F>)",
                due.div_euclid(1000)
            ));
        }
        if !self.content.is_empty() {
            lines.push(self.content.clone());
        }
        OutboundMessage {
            target: Target {
                kind: delivery.target_kind,
                id: delivery.target_id,
            },
            content: lines.join("\n"),
            embed: self.embed.clone(),
            thread_name: self.thread_name.clone(),
            nonce: nonce_for(&delivery.dedupe_key),
        }
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
    fn explanation(&self) -> String {
        let Target { kind, id } = self.target;
        match kind {
            TargetKind::Dm => format!("<@{id}>, I could not send you this as a direct message."),
            TargetKind::Channel | TargetKind::Thread => {
                format!("(This was meant for <#{id}>, where I cannot post.)")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_short_stable_and_distinct() {
        let a = nonce_for("schedule:1:1790000000000");
        assert_eq!(a.len(), NONCE_HEX_DIGITS);
        assert_eq!(a, nonce_for("schedule:1:1790000000000"));
        assert_ne!(a, nonce_for("schedule:1:1790000060000"));
    }

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
