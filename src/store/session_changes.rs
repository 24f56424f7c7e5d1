//! What sets, mentoring and events need beyond the basic session tables: finding pairs,
//! moving sessions, keeping meeting notes, and withdrawing reminders that no longer apply.

use super::{from_db, Store, StoreError};
use crate::model::{
    ChannelId, CohortId, MentorPair, MentorPairId, Session, SessionId, UnixMillis, UserId,
};

impl Store {
    /// One mentoring pair by id.
    pub async fn mentor_pair(&self, id: MentorPairId) -> Result<Option<MentorPair>, StoreError> {
        const SQL: &str = "SELECT * FROM mentor_pairs WHERE id = $1";
        let row: Option<PairRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(MentorPair::from))
    }

    /// Every mentoring pair of a cohort, oldest first.
    pub async fn list_mentor_pairs(&self, cohort: CohortId) -> Result<Vec<MentorPair>, StoreError> {
        const SQL: &str = "SELECT * FROM mentor_pairs WHERE cohort_id = $1 ORDER BY created_at, id";
        let rows: Vec<PairRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(MentorPair::from).collect())
    }

    /// Moves a session to a new start and end; returns it as it now stands.
    pub async fn reschedule_session(
        &self,
        id: SessionId,
        starts_at: UnixMillis,
        ends_at: UnixMillis,
    ) -> Result<Session, StoreError> {
        const SQL: &str = "UPDATE sessions SET starts_at = $2, ends_at = $3 WHERE id = $1";
        sqlx::query(SQL)
            .bind(id.0)
            .bind(starts_at)
            .bind(ends_at)
            .execute(&self.pool)
            .await?;
        self.session(id)
            .await?
            .ok_or(StoreError::NotFound("session"))
    }

    /// Keeps (or clears) the private notes on a session.
    pub async fn set_session_notes(
        &self,
        id: SessionId,
        notes: Option<&str>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE sessions SET notes = $2 WHERE id = $1";
        sqlx::query(SQL)
            .bind(id.0)
            .bind(notes)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Withdraws the deliveries not yet sent whose dedupe key starts with `prefix` (they end
    /// as `expired`); returns how many.
    pub async fn withdraw_pending_deliveries(&self, prefix: &str) -> Result<u64, StoreError> {
        const SQL: &str = "UPDATE deliveries SET state = 'expired'
            WHERE state = 'pending' AND substr(dedupe_key, 1, length($1)) = $1";
        let done = sqlx::query(SQL).bind(prefix).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }

    /// The dedupe key of the newest delivery whose key starts with `prefix`.
    pub async fn latest_delivery_key(&self, prefix: &str) -> Result<Option<String>, StoreError> {
        const SQL: &str = "SELECT dedupe_key FROM deliveries
            WHERE substr(dedupe_key, 1, length($1)) = $1
            ORDER BY id DESC LIMIT 1";
        Ok(sqlx::query_scalar(SQL)
            .bind(prefix)
            .fetch_optional(&self.pool)
            .await?)
    }
}

#[derive(sqlx::FromRow)]
struct PairRow {
    id: i64,
    cohort_id: i64,
    mentor_id: i64,
    trainee_id: i64,
    thread_id: Option<i64>,
    created_at: i64,
}

impl From<PairRow> for MentorPair {
    fn from(row: PairRow) -> Self {
        MentorPair {
            id: MentorPairId(row.id),
            cohort_id: CohortId(row.cohort_id),
            mentor_id: UserId(from_db(row.mentor_id)),
            trainee_id: UserId(from_db(row.trainee_id)),
            thread_id: row.thread_id.map(|t| ChannelId(from_db(t))),
            created_at: row.created_at,
        }
    }
}
