//! How a stored delivery becomes the message the notifier posts, and its Discord nonce.

use sha2::{Digest, Sha256};

use super::notifier::OutboundMessage;
use crate::domain::outbox::{DeliveryPayload, Target};
use crate::i18n::tr_args;
use crate::model::Delivery;

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

impl DeliveryPayload {
    /// The message to post for `delivery`, with a line saying it is late or where it was
    /// meant to go when that applies, in the language of its text.
    pub fn outbound(&self, delivery: &Delivery) -> OutboundMessage {
        let lang = self.language();
        let mut lines = Vec::new();
        if let Some(refusal) = &self.refused_by {
            lines.push(refusal.explanation(lang));
        }
        if let Some(due) = self.was_due_at {
            let at = due.div_euclid(1000).to_string();
            lines.push(tr_args(lang, "outbox-late", &[("at", at.into())]));
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
            extra: self.extra.clone(),
            lang,
            nonce: nonce_for(&delivery.dedupe_key),
            tried_since: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outbox::Refusal;
    use crate::i18n::Lang;
    use crate::model::{DeliveryId, NewDelivery, TargetKind};

    fn delivery() -> Delivery {
        let new = NewDelivery {
            schedule_id: None,
            dedupe_key: "k".into(),
            cohort_id: None,
            target_kind: TargetKind::Channel,
            target_id: 5,
            fallback_channel_id: None,
            payload: String::new(),
            due_at: 0,
            expires_at: None,
        };
        Delivery::queued(DeliveryId(1), new)
    }

    #[test]
    fn the_notes_are_in_the_language_of_the_text() {
        let payload = DeliveryPayload {
            content: "Bonjour".into(),
            was_due_at: Some(1_790_000_000_000),
            refused_by: Some(Refusal {
                target: Target {
                    kind: TargetKind::Channel,
                    id: 7,
                },
                reason: "Missing Access".into(),
            }),
            ..DeliveryPayload::default()
        };
        let english = payload.outbound(&delivery()).content;
        assert_eq!(
            english,
            "(This was meant for <#7>, where I cannot post.)\n\
             (late: this was due at <t:1790000000:F>)\nBonjour"
        );
        let french = payload.written_in(Lang::Fr).outbound(&delivery()).content;
        assert_eq!(
            french,
            "(Ce message était destiné à <#7>, où je ne peux pas publier.)\n\
             (en retard\u{a0}: ce message était prévu le <t:1790000000:F>)\nBonjour"
        );
    }

    #[test]
    fn nonces_are_short_stable_and_distinct() {
        let a = nonce_for("schedule:1:1790000000000");
        assert_eq!(a.len(), NONCE_HEX_DIGITS);
        assert_eq!(a, nonce_for("schedule:1:1790000000000"));
        assert_ne!(a, nonce_for("schedule:1:1790000060000"));
    }
}
