//! What the health and metrics endpoints ask of the database.

use super::{to_u64, Store, StoreError};
use crate::model::UnixMillis;

/// Deliveries due and not yet sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueQueue {
    pub depth: u64,
    /// When the longest-waiting of them was due.
    pub oldest_due_at: Option<UnixMillis>,
}

impl Store {
    /// Answers when the database does.
    pub async fn ping(&self) -> Result<(), StoreError> {
        const SQL: &str = "SELECT 1";
        sqlx::query(SQL).execute(&self.pool).await?;
        Ok(())
    }

    /// Pending deliveries whose time has come at `now` (retries waiting out their back-off
    /// and expired ones left out).
    pub async fn due_queue(&self, now: UnixMillis) -> Result<DueQueue, StoreError> {
        const SQL: &str = "SELECT COUNT(*), MIN(due_at) FROM deliveries
            WHERE state = 'pending' AND due_at <= $1 AND (retry_at IS NULL OR retry_at <= $1)
              AND (expires_at IS NULL OR expires_at > $1)";
        let (depth, oldest_due_at): (i64, Option<i64>) =
            sqlx::query_as(SQL).bind(now).fetch_one(&self.pool).await?;
        Ok(DueQueue {
            depth: to_u64("COUNT(deliveries)", depth)?,
            oldest_due_at,
        })
    }

    /// Connections of the pool: (in use, idle).
    pub fn pool_use(&self) -> (u32, u32) {
        let idle = u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX);
        (self.pool.size().saturating_sub(idle), idle)
    }
}
