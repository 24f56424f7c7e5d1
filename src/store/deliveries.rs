use super::notify::Work;
use super::{convert_all, from_db, parse, to_db, to_u32, Backend, Store, StoreError};
use crate::model::{
    ChannelId, CohortId, Delivery, DeliveryId, MessageId, NewDelivery, ScheduleId, UnixMillis,
};

/// What [`Store::expire_deliveries`] runs at every scheduler step, `$1` being the time:
/// written so that the index `deliveries_expiry (state, expires_at)` serves it (checked by
/// `tests/store/store_plans.rs` on both backends).
pub const EXPIRE_DELIVERIES_SQL: &str = "UPDATE deliveries
    SET state = 'expired', locked_by = NULL, lease_expires_at = NULL
    WHERE state IN ('pending', 'running') AND expires_at <= $1
      AND (state = 'pending' OR lease_expires_at <= $1)";

/// The deliveries a claim chooses among, as `id, due_at`: at most `$4` pending ones whose
/// time (and, after a failure, retry time) has come, and at most `$4` running ones whose lease
/// ran out (their worker died), each kind read earliest first off the index `deliveries_claim
/// (state, due_at)`. So a claim reads about `$4` rows however many are due: one condition with
/// `OR` across the two states read every due row and sorted them all, 0.4-0.5 s to claim 100 of
/// a million due on either backend (`benches/expiry.rs`).
macro_rules! claimable {
    () => {
        "SELECT id, due_at FROM (SELECT id, due_at FROM deliveries
            WHERE state = 'pending' AND due_at <= $2 AND (retry_at IS NULL OR retry_at <= $2)
              AND (expires_at IS NULL OR expires_at > $2)
            ORDER BY due_at, id LIMIT $4) AS pending
        UNION ALL
        SELECT id, due_at FROM (SELECT id, due_at FROM deliveries
            WHERE state = 'running' AND lease_expires_at <= $2
              AND (expires_at IS NULL OR expires_at > $2)
            ORDER BY due_at, id LIMIT $4) AS lapsed"
    };
}

/// Whether a row is still free to claim when the claim takes it: a row another worker
/// claimed after it was chosen is no longer, and is not taken twice.
macro_rules! still_claimable {
    () => {
        "((state = 'pending' AND due_at <= $2 AND (retry_at IS NULL OR retry_at <= $2))
            OR (state = 'running' AND lease_expires_at <= $2))"
    };
}

/// What [`Store::claim_due_deliveries`] runs on SQLite: `$1` the owner, `$2` the time, `$3`
/// the lease in ms, `$4` the most to claim: the earliest due of those `claimable!` chooses.
pub const CLAIM_DUE_SQLITE_SQL: &str = concat!(
    "UPDATE deliveries
        SET state = 'running', locked_by = $1, lease_expires_at = $2 + $3,
            first_attempt_at = COALESCE(first_attempt_at, $2)
        WHERE id IN (SELECT id FROM (",
    claimable!(),
    ") AS claimable ORDER BY due_at, id LIMIT $4)
          AND ",
    still_claimable!(),
    " RETURNING *"
);

/// [`CLAIM_DUE_SQLITE_SQL`] on PostgreSQL, skipping rows another instance holds. Each
/// subquery sits in `ANY(ARRAY(…))` so that it runs exactly once: as a plain `IN (…)` the
/// planner may rerun it per row and claim far more than `$4`.
pub const CLAIM_DUE_POSTGRES_SQL: &str = concat!(
    "UPDATE deliveries
        SET state = 'running', locked_by = $1, lease_expires_at = $2 + $3,
            first_attempt_at = COALESCE(first_attempt_at, $2)
        WHERE id = ANY(ARRAY(
            SELECT id FROM deliveries
            WHERE id = ANY(ARRAY(SELECT id FROM (",
    claimable!(),
    ") AS claimable))
              AND ",
    still_claimable!(),
    "
            ORDER BY due_at, id
            LIMIT $4
            FOR UPDATE SKIP LOCKED))
          AND ",
    still_claimable!(),
    " RETURNING *"
);

impl Store {
    /// Queues a message. Returns its id, or `None` when a delivery with the same
    /// `dedupe_key` exists already (then nothing changes).
    pub async fn enqueue_delivery(
        &self,
        new: &NewDelivery,
    ) -> Result<Option<DeliveryId>, StoreError> {
        const SQL: &str = "INSERT INTO deliveries (schedule_id, dedupe_key, cohort_id,
                target_kind, target_id, fallback_channel_id, payload, due_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id";
        let id: Option<i64> = sqlx::query_scalar(SQL)
            .bind(new.schedule_id.map(|s| s.0))
            .bind(&new.dedupe_key)
            .bind(new.cohort_id.map(|c| c.0))
            .bind(new.target_kind.as_str())
            .bind(to_db(new.target_id))
            .bind(new.fallback_channel_id.map(|c| to_db(c.0)))
            .bind(&new.payload)
            .bind(new.due_at)
            .bind(new.expires_at)
            .fetch_optional(&self.pool)
            .await?;
        if id.is_some() {
            self.changed(Work::Scheduled).await;
        }
        Ok(id.map(DeliveryId))
    }

    pub async fn delivery(&self, id: DeliveryId) -> Result<Option<Delivery>, StoreError> {
        const SQL: &str = "SELECT * FROM deliveries WHERE id = $1";
        let row: Option<DeliveryRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Delivery::try_from).transpose()
    }

    /// Leases up to `limit` due deliveries to `owner` for `lease_ms`, earliest due first, and
    /// notes the time of a delivery's first attempt before anything is sent:
    /// pending ones whose time has come (and, after a failure, whose retry time has), and
    /// running ones whose lease ran out (their worker died). A retry keeps its first due
    /// time, so it goes ahead of whatever became due after it. One statement, so concurrent workers never get the same row; rows
    /// past `expires_at` are left for [`Store::expire_deliveries`].
    pub async fn claim_due_deliveries(
        &self,
        owner: &str,
        now: UnixMillis,
        lease_ms: i64,
        limit: u32,
    ) -> Result<Vec<Delivery>, StoreError> {
        let sql = match self.backend {
            Backend::Sqlite => CLAIM_DUE_SQLITE_SQL,
            Backend::Postgres => CLAIM_DUE_POSTGRES_SQL,
        };
        let rows: Vec<DeliveryRow> = sqlx::query_as(sql)
            .bind(owner)
            .bind(now)
            .bind(lease_ms)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        let mut claimed: Vec<Delivery> = convert_all(rows)?;
        claimed.sort_by_key(|d| (d.due_at, d.id));
        Ok(claimed)
    }

    /// Extends the leases of every delivery `owner` is sending to `until`, so a send slower
    /// than the lease is not taken over and sent again; returns how many.
    pub async fn renew_leases(&self, owner: &str, until: UnixMillis) -> Result<u64, StoreError> {
        const SQL: &str = "UPDATE deliveries SET lease_expires_at = $2
            WHERE locked_by = $1 AND state = 'running'";
        let done = sqlx::query(SQL)
            .bind(owner)
            .bind(until)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Ends at `now` the leases of every delivery another instance is sending: for a new
    /// leader, whose predecessor died mid-batch (or, cut off, no longer leads). A send of
    /// the predecessor still under way is recognised by its nonce. Returns how many.
    pub async fn take_over_leases(&self, owner: &str, now: UnixMillis) -> Result<u64, StoreError> {
        const SQL: &str = "UPDATE deliveries SET lease_expires_at = $2
            WHERE state = 'running' AND locked_by <> $1 AND lease_expires_at > $2";
        let done = sqlx::query(SQL)
            .bind(owner)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Records that Discord accepted the message. Takes effect only while `owner` still
    /// holds the lease; `false` otherwise (the lease ran out and another worker took it).
    pub async fn mark_delivery_sent(
        &self,
        id: DeliveryId,
        owner: &str,
        message_id: MessageId,
        now: UnixMillis,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE deliveries
            SET state = 'sent', sent_at = $3, message_id = $4, lease_expires_at = NULL
            WHERE id = $1 AND locked_by = $2 AND state = 'running'";
        let done = sqlx::query(SQL)
            .bind(id.0)
            .bind(owner)
            .bind(now)
            .bind(to_db(message_id.0))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records a failed send by the lease holder: with `retry_at` the delivery is pending
    /// again from then (its `due_at` unchanged); without it the delivery is dead. Either way `attempts` grows by one
    /// and `error` is kept. `false` when `owner` no longer holds the lease.
    pub async fn mark_delivery_failed(
        &self,
        id: DeliveryId,
        owner: &str,
        error: &str,
        retry_at: Option<UnixMillis>,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE deliveries
            SET state = CASE WHEN $4 IS NULL THEN 'dead' ELSE 'pending' END,
                retry_at = $4,
                attempts = attempts + 1,
                last_error = $3,
                locked_by = NULL,
                lease_expires_at = NULL
            WHERE id = $1 AND locked_by = $2 AND state = 'running'";
        let done = sqlx::query(SQL)
            .bind(id.0)
            .bind(owner)
            .bind(error)
            .bind(retry_at)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Gives up on deliveries past their `expires_at` that nobody is sending right now;
    /// returns how many.
    pub async fn expire_deliveries(&self, now: UnixMillis) -> Result<u64, StoreError> {
        let done = sqlx::query(EXPIRE_DELIVERIES_SQL)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    id: i64,
    schedule_id: Option<i64>,
    dedupe_key: String,
    cohort_id: Option<i64>,
    target_kind: String,
    target_id: i64,
    fallback_channel_id: Option<i64>,
    payload: String,
    due_at: i64,
    retry_at: Option<i64>,
    first_attempt_at: Option<i64>,
    expires_at: Option<i64>,
    state: String,
    attempts: i64,
    last_error: Option<String>,
    locked_by: Option<String>,
    lease_expires_at: Option<i64>,
    sent_at: Option<i64>,
    message_id: Option<i64>,
}

impl TryFrom<DeliveryRow> for Delivery {
    type Error = StoreError;

    fn try_from(row: DeliveryRow) -> Result<Self, StoreError> {
        Ok(Delivery {
            id: DeliveryId(row.id),
            schedule_id: row.schedule_id.map(ScheduleId),
            dedupe_key: row.dedupe_key,
            cohort_id: row.cohort_id.map(CohortId),
            target_kind: parse("deliveries.target_kind", &row.target_kind)?,
            target_id: from_db(row.target_id),
            fallback_channel_id: row.fallback_channel_id.map(|c| ChannelId(from_db(c))),
            payload: row.payload,
            due_at: row.due_at,
            retry_at: row.retry_at,
            first_attempt_at: row.first_attempt_at,
            expires_at: row.expires_at,
            state: parse("deliveries.state", &row.state)?,
            attempts: to_u32("deliveries.attempts", row.attempts)?,
            last_error: row.last_error,
            locked_by: row.locked_by,
            lease_expires_at: row.lease_expires_at,
            sent_at: row.sent_at,
            message_id: row.message_id.map(|m| MessageId(from_db(m))),
        })
    }
}
