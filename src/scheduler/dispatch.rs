//! Due deliveries are claimed, sent through the pacer and the notifier, and acknowledged.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinSet;

use super::notifier::{OutboundMessage, SendError, Sent};
use super::records::Record;
use super::{millis, Inner, RunReport};
use crate::domain::outbox::{Addressed, Decision, DeliveryPayload, Refusal, Target};
use crate::model::{Delivery, NewDelivery, TargetKind, UnixMillis};
use crate::store::StoreError;

/// Claims and sends until nothing is due, `stop` turns `true` or another instance took the
/// leadership over. Sends run concurrently, the pacer keeping the pace; once half a batch has
/// ended, as many are claimed again, so one slow send (a long `retry_after`, a late answer)
/// holds up only itself. The leases of the sends under way are renewed every third of a lease.
pub(super) async fn send_due(
    inner: &Arc<Inner>,
    stop: &watch::Receiver<bool>,
    report: &mut RunReport,
) -> Result<(), StoreError> {
    let config = &inner.config;
    let batch_size = config.batch_size as usize;
    let refill_at = batch_size / 2;
    let mut sending = JoinSet::new();
    let every = config.lease / 3;
    let mut renewal = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    let mut more = true;
    let mut first = true;
    let mut claim_failed = None;
    // Fallbacks and expansions queued during the step are due at once; the step's report
    // counts them, from none.
    let mut queued = 0;
    loop {
        let may_claim = first || (!*stop.borrow() && inner.still_leads());
        // An outcome the store could not take is written first, at the next step.
        let store_behind = inner.unwritten.len() > 0;
        if more && may_claim && !store_behind && sending.len() <= refill_at {
            first = false;
            let room = batch_size - sending.len();
            let claimed = inner
                .store
                .claim_due_deliveries(
                    &config.owner,
                    inner.clock.now_ms(),
                    millis(config.lease),
                    room as u32,
                )
                .await;
            match claimed {
                Ok(batch) => {
                    more = batch.len() == room;
                    for delivery in batch {
                        sending.spawn(deliver(Arc::clone(inner), delivery));
                    }
                }
                Err(error) => {
                    more = false;
                    claim_failed = Some(error);
                }
            }
        }
        tokio::select! {
            finished = sending.join_next() => match finished {
                Some(finished) => {
                    count_finished(finished, report);
                    let now_queued = report.fell_back + report.expanded;
                    more |= now_queued > queued;
                    queued = now_queued;
                }
                None => break,
            },
            _ = renewal.tick() => {
                if let Err(error) = renew_leases(inner).await {
                    tracing::warn!("could not renew the leases of the sends under way: {error}");
                }
            }
        }
    }
    claim_failed.map_or(Ok(()), Err)
}

/// How one claimed delivery ended in this step.
enum Outcome {
    Sent,
    Retrying,
    FellBack,
    Dead,
    LostLease,
    Skipped,
    Expanded,
}

/// Extends the leases of every delivery this instance is sending by a lease from now.
pub(super) async fn renew_leases(inner: &Inner) -> Result<u64, StoreError> {
    let until = inner
        .clock
        .now_ms()
        .saturating_add(millis(inner.config.lease));
    inner.store.renew_leases(&inner.config.owner, until).await
}

fn count_finished(
    finished: Result<Result<Outcome, StoreError>, tokio::task::JoinError>,
    report: &mut RunReport,
) {
    match finished {
        Ok(Ok(outcome)) => report.count(outcome),
        Ok(Err(error)) => {
            report.unrecorded += 1;
            tracing::error!(
                "could not record a send; it is kept and written first at the next step: {:#}",
                anyhow::Error::new(error)
            );
        }
        Err(error) => {
            report.unrecorded += 1;
            tracing::error!("a send stopped before it ended: {error}");
        }
    }
}

#[tracing::instrument(
    skip_all,
    fields(owner = %inner.config.owner, delivery = %delivery.id, key = %delivery.dedupe_key, attempts = delivery.attempts)
)]
async fn deliver(inner: Arc<Inner>, delivery: Delivery) -> Result<Outcome, StoreError> {
    let payload = match DeliveryPayload::from_json(&delivery.payload) {
        Ok(payload) => payload,
        Err(error) => {
            return give_up(&inner, &delivery, &format!("unreadable payload: {error}")).await
        }
    };
    if payload.condition.is_some() {
        if let Some(ended) = ask_gate(&inner, &delivery, &payload).await? {
            return Ok(ended);
        }
    }
    let outbound = OutboundMessage {
        tried_since: tried_beyond_nonce_window(&inner, &delivery),
        ..payload.outbound(&delivery)
    };
    inner.pacer.until_ready().await;
    match inner.notifier.send(&outbound).await {
        Ok(sent) => acknowledge(&inner, &delivery, sent).await,
        Err(SendError::Transient(reason)) => retry_with_backoff(&inner, &delivery, &reason).await,
        Err(SendError::Permanent(reason)) => {
            fall_back_or_give_up(&inner, &delivery, payload, &reason).await
        }
    }
}

/// The first attempt's time, when it is so long ago that Discord no longer recognises the
/// nonce and the earlier attempt's outcome must be looked up before a resend.
fn tried_beyond_nonce_window(inner: &Inner, delivery: &Delivery) -> Option<UnixMillis> {
    let first = delivery.first_attempt_at?;
    let window = millis(inner.config.nonce_window);
    (inner.clock.now_ms().saturating_sub(first) > window).then_some(first)
}

async fn acknowledge(
    inner: &Inner,
    delivery: &Delivery,
    sent: Sent,
) -> Result<Outcome, StoreError> {
    let record = Record::Sent {
        message_id: sent.message_id,
        at: inner.clock.now_ms(),
    };
    if inner.write(delivery.id, record).await? {
        return Ok(Outcome::Sent);
    }
    tracing::warn!(message = %sent.message_id, "sent after the lease ran out; the new holder's resend carries the same nonce");
    Ok(Outcome::LostLease)
}

async fn retry_with_backoff(
    inner: &Inner,
    delivery: &Delivery,
    reason: &str,
) -> Result<Outcome, StoreError> {
    let config = &inner.config;
    if delivery.attempts + 1 >= config.max_attempts {
        let reason = format!("gave up after {} attempts: {reason}", delivery.attempts + 1);
        return give_up(inner, delivery, &reason).await;
    }
    let doublings = 1_u32 << delivery.attempts.min(20);
    let wait = config
        .retry_base
        .saturating_mul(doublings)
        .min(config.retry_max);
    retry(inner, delivery, reason, wait).await
}

async fn retry(
    inner: &Inner,
    delivery: &Delivery,
    reason: &str,
    wait: Duration,
) -> Result<Outcome, StoreError> {
    tracing::info!(?wait, "send failed, trying again later: {reason}");
    let record = Record::Failed {
        reason: reason.to_owned(),
        retry_at: Some(inner.clock.now_ms().saturating_add(millis(wait))),
    };
    Ok(if inner.write(delivery.id, record).await? {
        Outcome::Retrying
    } else {
        Outcome::LostLease
    })
}

/// A refused message goes once to the fallback channel, as a delivery of its own (so it is
/// retried, deduplicated and recorded like any other), and the original ends as `dead` with
/// the reason and where it went instead.
async fn fall_back_or_give_up(
    inner: &Inner,
    delivery: &Delivery,
    payload: DeliveryPayload,
    reason: &str,
) -> Result<Outcome, StoreError> {
    let refused_channel = (delivery.target_kind != TargetKind::Dm).then_some(delivery.target_id);
    let Some(channel) = delivery
        .fallback_channel_id
        .filter(|fallback| Some(fallback.0) != refused_channel)
    else {
        return give_up(inner, delivery, reason).await;
    };
    let refused_by = Refusal {
        target: Target {
            kind: delivery.target_kind,
            id: delivery.target_id,
        },
        reason: reason.to_owned(),
    };
    let fallback = NewDelivery {
        schedule_id: delivery.schedule_id,
        dedupe_key: format!("{}:fallback", delivery.dedupe_key),
        cohort_id: delivery.cohort_id,
        target_kind: TargetKind::Channel,
        target_id: channel.0,
        fallback_channel_id: None,
        payload: DeliveryPayload {
            refused_by: Some(refused_by),
            ..payload
        }
        .to_json(),
        due_at: inner.clock.now_ms(),
        expires_at: delivery.expires_at,
    };
    inner.store.enqueue_delivery(&fallback).await?;
    let reason = format!(
        "{reason}; fell back to channel {channel} (delivery {})",
        fallback.dedupe_key
    );
    match give_up(inner, delivery, &reason).await? {
        Outcome::Dead => Ok(Outcome::FellBack),
        other => Ok(other),
    }
}

/// Puts a conditional delivery to the gate; `None` means send it as it is.
async fn ask_gate(
    inner: &Inner,
    delivery: &Delivery,
    payload: &DeliveryPayload,
) -> Result<Option<Outcome>, StoreError> {
    let ended = match inner.gate.decide(delivery, payload).await {
        Ok(Decision::Send) => return Ok(None),
        Ok(Decision::Skip(reason)) => skip(inner, delivery, &reason).await?,
        Ok(Decision::Expand(recipients)) => expand(inner, delivery, recipients).await?,
        Err(error) => {
            let reason = format!("the send-time check failed: {error:#}");
            retry_with_backoff(inner, delivery, &reason).await?
        }
    };
    Ok(Some(ended))
}

/// The gate said no: recorded as `dead` with a `skipped:` reason, never posted.
async fn skip(inner: &Inner, delivery: &Delivery, reason: &str) -> Result<Outcome, StoreError> {
    tracing::info!("delivery skipped: {reason}");
    let reason = format!("skipped: {reason}");
    end_unsent(inner, delivery, &reason, Outcome::Skipped).await
}

/// The gate addressed the message anew: one delivery per recipient, each keyed on the
/// parent's key and the recipient, so a replay after a crash queues nothing twice.
async fn expand(
    inner: &Inner,
    delivery: &Delivery,
    recipients: Vec<Addressed>,
) -> Result<Outcome, StoreError> {
    let count = recipients.len();
    for recipient in recipients {
        let Target { kind, id } = recipient.target;
        let child = NewDelivery {
            schedule_id: delivery.schedule_id,
            dedupe_key: format!("{}:to:{kind}:{id}", delivery.dedupe_key),
            cohort_id: delivery.cohort_id,
            target_kind: kind,
            target_id: id,
            fallback_channel_id: recipient.fallback_channel_id,
            payload: recipient.message.to_json(),
            due_at: inner.clock.now_ms(),
            expires_at: delivery.expires_at,
        };
        inner.store.enqueue_delivery(&child).await?;
    }
    let reason = format!("expanded: sent as {count} deliveries of their own");
    end_unsent(inner, delivery, &reason, Outcome::Expanded).await
}

async fn give_up(inner: &Inner, delivery: &Delivery, reason: &str) -> Result<Outcome, StoreError> {
    tracing::warn!("delivery is dead: {reason}");
    end_unsent(inner, delivery, reason, Outcome::Dead).await
}

/// Ends a delivery that was not posted, keeping `reason`; `ended` is how it counts.
async fn end_unsent(
    inner: &Inner,
    delivery: &Delivery,
    reason: &str,
    ended: Outcome,
) -> Result<Outcome, StoreError> {
    let record = Record::Failed {
        reason: reason.to_owned(),
        retry_at: None,
    };
    let recorded = inner.write(delivery.id, record).await?;
    Ok(if recorded { ended } else { Outcome::LostLease })
}

impl RunReport {
    fn count(&mut self, outcome: Outcome) {
        let counter = match outcome {
            Outcome::Sent => &mut self.sent,
            Outcome::Retrying => &mut self.retrying,
            Outcome::FellBack => &mut self.fell_back,
            Outcome::Dead => &mut self.dead,
            Outcome::LostLease => &mut self.lost_lease,
            Outcome::Skipped => &mut self.skipped,
            Outcome::Expanded => &mut self.expanded,
        };
        *counter += 1;
    }
}
