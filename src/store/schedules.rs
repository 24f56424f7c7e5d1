use super::notify::Work;
use super::{convert_all, parse, Store, StoreError};
use crate::model::{CohortId, NewSchedule, Schedule, ScheduleId, UnixMillis};

/// What [`Store::due_schedules`] runs at every scheduler step: `$1` the time, `$2` the most
/// to read. Served by the index `schedules_due (active, next_fire_at)`.
pub const DUE_SCHEDULES_SQL: &str = "SELECT * FROM schedules
    WHERE active = 1 AND next_fire_at <= $1
    ORDER BY next_fire_at, id
    LIMIT $2";

impl Store {
    pub async fn create_schedule(&self, new: &NewSchedule) -> Result<Schedule, StoreError> {
        const SQL: &str = "INSERT INTO schedules
                (cohort_id, kind, rule, time_zone, next_fire_at, payload, active, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, 1, $7)
            RETURNING *";
        let row: ScheduleRow = sqlx::query_as(SQL)
            .bind(new.cohort_id.0)
            .bind(&new.kind)
            .bind(&new.rule)
            .bind(new.time_zone.name())
            .bind(new.next_fire_at)
            .bind(&new.payload)
            .bind(new.created_at)
            .fetch_one(&self.pool)
            .await?;
        self.changed(Work::Scheduled).await;
        row.try_into()
    }

    pub async fn schedule(&self, id: ScheduleId) -> Result<Option<Schedule>, StoreError> {
        const SQL: &str = "SELECT * FROM schedules WHERE id = $1";
        let row: Option<ScheduleRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Schedule::try_from).transpose()
    }

    /// Active schedules whose next occurrence is at or before `now`, earliest first.
    pub async fn due_schedules(
        &self,
        now: UnixMillis,
        limit: u32,
    ) -> Result<Vec<Schedule>, StoreError> {
        let rows: Vec<ScheduleRow> = sqlx::query_as(DUE_SCHEDULES_SQL)
            .bind(now)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    /// A cohort's active schedules, soonest first.
    pub async fn schedules_of_cohort(&self, cohort: CohortId) -> Result<Vec<Schedule>, StoreError> {
        const SQL: &str = "SELECT * FROM schedules
            WHERE cohort_id = $1 AND active = 1 AND next_fire_at IS NOT NULL
            ORDER BY next_fire_at, id";
        let rows: Vec<ScheduleRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    /// Moves a schedule from the occurrence `expected` to `next` (`None`: no more), only if
    /// it is still at `expected`. `false` means another worker advanced it first, so the
    /// occurrence is theirs to materialise.
    pub async fn advance_schedule(
        &self,
        id: ScheduleId,
        expected: UnixMillis,
        next: Option<UnixMillis>,
    ) -> Result<bool, StoreError> {
        const SQL: &str =
            "UPDATE schedules SET next_fire_at = $3 WHERE id = $1 AND next_fire_at = $2";
        let done = sqlx::query(SQL)
            .bind(id.0)
            .bind(expected)
            .bind(next)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Pauses or resumes a schedule.
    pub async fn set_schedule_active(
        &self,
        id: ScheduleId,
        active: bool,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE schedules SET active = $2 WHERE id = $1";
        let done = sqlx::query(SQL)
            .bind(id.0)
            .bind(i64::from(active))
            .execute(&self.pool)
            .await?;
        let changed = done.rows_affected() == 1;
        if changed {
            self.changed(Work::Scheduled).await;
        }
        Ok(changed)
    }

    /// The earliest time the scheduler has anything to do: a pending delivery due (or due
    /// for a retry), a running one whose lease runs out, or an active schedule firing.
    /// `None` when there is nothing at all. One statement; it reads every pending delivery
    /// (a retry's time is not indexed), which an idle bot has few of.
    pub async fn next_due_at(&self) -> Result<Option<UnixMillis>, StoreError> {
        let next: Option<i64> = sqlx::query_scalar(NEXT_DUE_SQL)
            .fetch_one(&self.pool)
            .await?;
        Ok(next)
    }
}

/// See [`Store::next_due_at`].
pub(super) const NEXT_DUE_SQL: &str = "SELECT MIN(at) FROM (
        SELECT MIN(COALESCE(retry_at, due_at)) AS at FROM deliveries WHERE state = 'pending'
        UNION ALL
        SELECT MIN(lease_expires_at) FROM deliveries WHERE state = 'running'
        UNION ALL
        SELECT MIN(next_fire_at) FROM schedules WHERE active = 1
    ) AS due";

#[derive(sqlx::FromRow)]
struct ScheduleRow {
    id: i64,
    cohort_id: i64,
    kind: String,
    rule: String,
    time_zone: String,
    next_fire_at: Option<i64>,
    payload: String,
    active: i64,
    created_at: i64,
}

impl TryFrom<ScheduleRow> for Schedule {
    type Error = StoreError;

    fn try_from(row: ScheduleRow) -> Result<Self, StoreError> {
        Ok(Schedule {
            id: ScheduleId(row.id),
            cohort_id: CohortId(row.cohort_id),
            kind: row.kind,
            rule: row.rule,
            time_zone: parse("schedules.time_zone", &row.time_zone)?,
            next_fire_at: row.next_fire_at,
            payload: row.payload,
            active: row.active != 0,
            created_at: row.created_at,
        })
    }
}
