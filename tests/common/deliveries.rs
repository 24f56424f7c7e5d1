//! Deliveries queued straight in the store, as the scheduler's producers queue them, for the
//! suites that run the binary and count what reaches the stand-in.

use cohortbot::domain::{Clock, SystemClock};
use cohortbot::model::{DeliveryId, NewDelivery, TargetKind};
use cohortbot::scheduler::DeliveryPayload;
use cohortbot::store::{Store, StoreError};
use serenity::all::ChannelId;

/// Queues message `n` to `channel`, due now, keyed `"{prefix}:{n}"`; its text names `n`, so
/// the messages can be told apart by their text. `None` when that key was queued already.
pub async fn enqueue_message(
    store: &Store,
    prefix: &str,
    n: usize,
    channel: ChannelId,
) -> Result<Option<DeliveryId>, StoreError> {
    let payload = DeliveryPayload {
        content: message_text(n),
        ..DeliveryPayload::default()
    };
    let delivery = NewDelivery {
        schedule_id: None,
        dedupe_key: format!("{prefix}:{n}"),
        cohort_id: None,
        target_kind: TargetKind::Channel,
        target_id: channel.get(),
        fallback_channel_id: None,
        payload: payload.to_json(),
        due_at: SystemClock.now_ms(),
        expires_at: None,
    };
    store.enqueue_delivery(&delivery).await
}

/// The text of message `n`.
pub fn message_text(n: usize) -> String {
    format!("Week 2 starts today (#{n}).")
}
