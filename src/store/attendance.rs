use super::{convert_all, from_db, parse, to_db, to_u32, Store, StoreError};
use crate::model::{Attendance, CohortId, Rsvp, SessionId, UnixMillis, UserId};

impl Store {
    /// Records a member's answer to a session invitation; answering again replaces it.
    pub async fn set_rsvp(
        &self,
        session: SessionId,
        user: UserId,
        rsvp: Rsvp,
    ) -> Result<Attendance, StoreError> {
        const SQL: &str = "INSERT INTO attendance (session_id, user_id, rsvp) VALUES ($1, $2, $3)
            ON CONFLICT (session_id, user_id) DO UPDATE SET rsvp = excluded.rsvp
            RETURNING *";
        let row: AttendanceRow = sqlx::query_as(SQL)
            .bind(session.0)
            .bind(to_db(user.0))
            .bind(rsvp.as_str())
            .fetch_one(&self.pool)
            .await?;
        row.try_into()
    }

    /// Records whether a member came to a session, and who said so.
    pub async fn record_attendance(
        &self,
        session: SessionId,
        user: UserId,
        attended: bool,
        recorded_by: UserId,
        now: UnixMillis,
    ) -> Result<Attendance, StoreError> {
        const SQL: &str = "INSERT INTO attendance
                (session_id, user_id, attended, recorded_by, recorded_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (session_id, user_id) DO UPDATE SET
                attended = excluded.attended,
                recorded_by = excluded.recorded_by,
                recorded_at = excluded.recorded_at
            RETURNING *";
        let row: AttendanceRow = sqlx::query_as(SQL)
            .bind(session.0)
            .bind(to_db(user.0))
            .bind(i64::from(attended))
            .bind(to_db(recorded_by.0))
            .bind(now)
            .fetch_one(&self.pool)
            .await?;
        row.try_into()
    }

    /// Everyone who answered or was recorded for a session, by user id.
    pub async fn session_attendance(
        &self,
        session: SessionId,
    ) -> Result<Vec<Attendance>, StoreError> {
        const SQL: &str = "SELECT * FROM attendance WHERE session_id = $1 ORDER BY user_id";
        let rows: Vec<AttendanceRow> = sqlx::query_as(SQL)
            .bind(session.0)
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    /// Everyone recorded as present at any of the cohort's sessions, in one statement.
    pub async fn attendance_of_cohort(
        &self,
        cohort: CohortId,
    ) -> Result<Vec<Attendance>, StoreError> {
        const SQL: &str = "SELECT a.* FROM attendance a
            JOIN sessions s ON s.id = a.session_id
            WHERE s.cohort_id = $1 AND a.attended = 1
            ORDER BY a.session_id, a.user_id";
        let rows: Vec<AttendanceRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    /// How many sessions of a series (e.g. the action learning sets) a member attended.
    pub async fn count_attended(
        &self,
        cohort: CohortId,
        user: UserId,
        series_id: &str,
    ) -> Result<u32, StoreError> {
        const SQL: &str = "SELECT COUNT(*) FROM attendance a
            JOIN sessions s ON s.id = a.session_id
            WHERE s.cohort_id = $1 AND a.user_id = $2 AND s.series_id = $3 AND a.attended = 1";
        let count: i64 = sqlx::query_scalar(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(series_id)
            .fetch_one(&self.pool)
            .await?;
        to_u32("COUNT(attendance)", count)
    }
}

#[derive(sqlx::FromRow)]
struct AttendanceRow {
    session_id: i64,
    user_id: i64,
    rsvp: Option<String>,
    attended: Option<i64>,
    recorded_by: Option<i64>,
    recorded_at: Option<i64>,
}

impl TryFrom<AttendanceRow> for Attendance {
    type Error = StoreError;

    fn try_from(row: AttendanceRow) -> Result<Self, StoreError> {
        Ok(Attendance {
            session_id: SessionId(row.session_id),
            user_id: UserId(from_db(row.user_id)),
            rsvp: row.rsvp.map(|r| parse("attendance.rsvp", &r)).transpose()?,
            attended: row.attended.map(|a| a != 0),
            recorded_by: row.recorded_by.map(|u| UserId(from_db(u))),
            recorded_at: row.recorded_at,
        })
    }
}
