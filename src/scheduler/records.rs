//! Writing down how each send ended. When the store cannot take an outcome (it is down or
//! refuses), the outcome is kept in memory and written first at the next step, before
//! anything new is claimed: a send made during an outage is neither lost nor made again.

use std::sync::{Mutex, MutexGuard};

use super::Inner;
use crate::model::{DeliveryId, MessageId, UnixMillis};
use crate::store::StoreError;

/// What to write about one claimed delivery.
#[derive(Debug, Clone)]
pub(super) enum Record {
    /// Discord took the message.
    Sent {
        message_id: MessageId,
        at: UnixMillis,
    },
    /// Not posted: pending again from `retry_at`, or dead without one; `reason` is kept.
    Failed {
        reason: String,
        retry_at: Option<UnixMillis>,
    },
}

/// Outcomes waiting for the store, oldest first.
#[derive(Default)]
pub(super) struct Unwritten(Mutex<Vec<(DeliveryId, Record)>>);

impl Unwritten {
    pub(super) fn len(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> MutexGuard<'_, Vec<(DeliveryId, Record)>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Inner {
    /// Writes `record` for delivery `id`: `Ok(false)` when this instance no longer holds its
    /// lease. When the store fails, the record is kept for the next step and the error
    /// returned.
    pub(super) async fn write(&self, id: DeliveryId, record: Record) -> Result<bool, StoreError> {
        let written = self.try_write(id, &record).await;
        if written.is_err() {
            self.unwritten.lock().push((id, record));
        }
        written
    }

    /// Writes what earlier steps could not, oldest first. Stops at the first failure and
    /// keeps the rest, so nothing new is claimed while the store cannot take what is known.
    pub(super) async fn write_unwritten(&self) -> Result<(), StoreError> {
        let waiting = std::mem::take(&mut *self.unwritten.lock());
        let mut rest = waiting.into_iter();
        while let Some((id, record)) = rest.next() {
            match self.try_write(id, &record).await {
                Ok(true) => {}
                Ok(false) => tracing::warn!(
                    delivery = %id,
                    "an outcome kept through a store outage came after the lease passed on"
                ),
                Err(error) => {
                    let mut unwritten = self.unwritten.lock();
                    let newer = std::mem::take(&mut *unwritten);
                    unwritten.push((id, record));
                    unwritten.extend(rest);
                    unwritten.extend(newer);
                    return Err(error);
                }
            }
        }
        Ok(())
    }

    async fn try_write(&self, id: DeliveryId, record: &Record) -> Result<bool, StoreError> {
        let owner = &self.config.owner;
        match record {
            Record::Sent { message_id, at } => {
                self.store
                    .mark_delivery_sent(id, owner, *message_id, *at)
                    .await
            }
            Record::Failed { reason, retry_at } => {
                self.store
                    .mark_delivery_failed(id, owner, reason, *retry_at)
                    .await
            }
        }
    }
}
