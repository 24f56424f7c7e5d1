use super::{convert_all, from_db, parse, to_db, to_u32, Store, StoreError};
use crate::model::{
    CohortId, GroupId, MentorPairId, NewSession, ScheduledEventId, Session, SessionId,
    SessionStatus, UserId,
};

impl Store {
    pub async fn create_session(&self, new: &NewSession) -> Result<Session, StoreError> {
        const SQL: &str = "INSERT INTO sessions (cohort_id, kind, series_id, seq, group_id,
                pair_id, title, starts_at, ends_at, status, proposed_by, presentations,
                created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            RETURNING *";
        let row: SessionRow = sqlx::query_as(SQL)
            .bind(new.cohort_id.0)
            .bind(new.kind.as_str())
            .bind(new.series_id.as_deref())
            .bind(new.seq.map(i64::from))
            .bind(new.group_id.map(|g| g.0))
            .bind(new.pair_id.map(|p| p.0))
            .bind(&new.title)
            .bind(new.starts_at)
            .bind(new.ends_at)
            .bind(new.status.as_str())
            .bind(new.proposed_by.map(|u| to_db(u.0)))
            .bind(i64::from(new.presentations))
            .bind(new.created_at)
            .fetch_one(&self.pool)
            .await?;
        row.try_into()
    }

    pub async fn session(&self, id: SessionId) -> Result<Option<Session>, StoreError> {
        const SQL: &str = "SELECT * FROM sessions WHERE id = $1";
        let row: Option<SessionRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Session::try_from).transpose()
    }

    /// A cohort's sessions in order of start.
    pub async fn list_sessions(&self, cohort: CohortId) -> Result<Vec<Session>, StoreError> {
        const SQL: &str = "SELECT * FROM sessions WHERE cohort_id = $1 ORDER BY starts_at, id";
        let rows: Vec<SessionRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    pub async fn set_session_status(
        &self,
        id: SessionId,
        status: SessionStatus,
    ) -> Result<Session, StoreError> {
        const SQL: &str = "UPDATE sessions SET status = $2 WHERE id = $1 RETURNING *";
        let row: Option<SessionRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .bind(status.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.ok_or(StoreError::NotFound("session"))?.try_into()
    }

    /// Links the session to the Discord scheduled event announcing it (or unlinks it).
    pub async fn set_session_event(
        &self,
        id: SessionId,
        event: Option<ScheduledEventId>,
    ) -> Result<Session, StoreError> {
        const SQL: &str = "UPDATE sessions SET discord_event_id = $2 WHERE id = $1 RETURNING *";
        let row: Option<SessionRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .bind(event.map(|e| to_db(e.0)))
            .fetch_optional(&self.pool)
            .await?;
        row.ok_or(StoreError::NotFound("session"))?.try_into()
    }
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    cohort_id: i64,
    kind: String,
    series_id: Option<String>,
    seq: Option<i64>,
    group_id: Option<i64>,
    pair_id: Option<i64>,
    title: String,
    starts_at: i64,
    ends_at: i64,
    status: String,
    proposed_by: Option<i64>,
    presentations: i64,
    discord_event_id: Option<i64>,
    notes: Option<String>,
    created_at: i64,
}

impl TryFrom<SessionRow> for Session {
    type Error = StoreError;

    fn try_from(row: SessionRow) -> Result<Self, StoreError> {
        Ok(Session {
            id: SessionId(row.id),
            cohort_id: CohortId(row.cohort_id),
            kind: parse("sessions.kind", &row.kind)?,
            series_id: row.series_id,
            seq: row.seq.map(|s| to_u32("sessions.seq", s)).transpose()?,
            group_id: row.group_id.map(GroupId),
            pair_id: row.pair_id.map(MentorPairId),
            title: row.title,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            status: parse("sessions.status", &row.status)?,
            proposed_by: row.proposed_by.map(|u| UserId(from_db(u))),
            presentations: row.presentations != 0,
            discord_event_id: row.discord_event_id.map(|e| ScheduledEventId(from_db(e))),
            notes: row.notes,
            created_at: row.created_at,
        })
    }
}
