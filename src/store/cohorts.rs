use super::error::{not_found_on_foreign_key, unique_violation};
use super::{convert_all, from_db, parse, to_db, Store, StoreError};
use crate::model::{
    ChannelId, Cohort, CohortId, CourseVersionId, GuildId, NewCohort, UnixMillis, UserId,
};

impl Store {
    /// Creates a cohort on a stored course version. Fails with `Conflict` when the server
    /// already has a cohort of that name or the join code is taken, and with `NotFound`
    /// when the course version or the server is unknown.
    pub async fn create_cohort(&self, new: &NewCohort) -> Result<Cohort, StoreError> {
        const SQL: &str = "INSERT INTO cohorts (guild_id, name, course_version_id, course_id,
                time_zone, starts_on, channel_id, join_code, created_by, created_at)
            SELECT $1, $2, id, course_id, $4, $5, $6, $7, $8, $9
            FROM course_versions WHERE id = $3
            RETURNING *";
        let row: Option<CohortRow> = sqlx::query_as(SQL)
            .bind(to_db(new.guild_id.0))
            .bind(&new.name)
            .bind(new.course_version_id.0)
            .bind(new.time_zone.name())
            .bind(new.starts_on.to_string())
            .bind(new.channel_id.map(|c| to_db(c.0)))
            .bind(&new.join_code)
            .bind(to_db(new.created_by.0))
            .bind(new.created_at)
            .fetch_optional(&self.pool)
            .await
            .map_err(cohort_insert_error)?;
        row.ok_or(StoreError::NotFound("course version"))?
            .try_into()
    }

    pub async fn cohort(&self, id: CohortId) -> Result<Option<Cohort>, StoreError> {
        const SQL: &str = "SELECT * FROM cohorts WHERE id = $1";
        let row: Option<CohortRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Cohort::try_from).transpose()
    }

    /// The cohort with this join code, archived or not.
    pub async fn cohort_by_join_code(&self, code: &str) -> Result<Option<Cohort>, StoreError> {
        const SQL: &str = "SELECT * FROM cohorts WHERE join_code = $1";
        let row: Option<CohortRow> = sqlx::query_as(SQL)
            .bind(code)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Cohort::try_from).transpose()
    }

    /// The server's cohorts, oldest first.
    pub async fn list_cohorts(
        &self,
        guild: GuildId,
        include_archived: bool,
    ) -> Result<Vec<Cohort>, StoreError> {
        const SQL: &str = "SELECT * FROM cohorts
            WHERE guild_id = $1 AND ($2 = 1 OR archived_at IS NULL)
            ORDER BY created_at, id";
        let rows: Vec<CohortRow> = sqlx::query_as(SQL)
            .bind(to_db(guild.0))
            .bind(i64::from(include_archived))
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    /// Sets the channel a cohort posts in; `false` when there is no such cohort.
    pub async fn set_cohort_channel(
        &self,
        id: CohortId,
        channel: ChannelId,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE cohorts SET channel_id = $2 WHERE id = $1";
        let done = sqlx::query(SQL)
            .bind(id.0)
            .bind(to_db(channel.0))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Archives a cohort; `false` when it was already archived or does not exist.
    pub async fn archive_cohort(&self, id: CohortId, now: UnixMillis) -> Result<bool, StoreError> {
        const SQL: &str =
            "UPDATE cohorts SET archived_at = $2 WHERE id = $1 AND archived_at IS NULL";
        let done = sqlx::query(SQL)
            .bind(id.0)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}

fn cohort_insert_error(err: sqlx::Error) -> StoreError {
    match unique_violation(&err) {
        Some(constraint) if constraint.contains("join_code") => {
            StoreError::Conflict("this join code is already in use")
        }
        Some(_) => StoreError::Conflict("a cohort with this name already exists in this server"),
        None => not_found_on_foreign_key(err, "server"),
    }
}

/// A `cohorts` row; other tables join it to return cohorts.
#[derive(sqlx::FromRow)]
pub(super) struct CohortRow {
    id: i64,
    guild_id: i64,
    name: String,
    course_version_id: i64,
    course_id: String,
    time_zone: String,
    starts_on: String,
    channel_id: Option<i64>,
    join_code: String,
    created_by: i64,
    created_at: i64,
    archived_at: Option<i64>,
}

impl TryFrom<CohortRow> for Cohort {
    type Error = StoreError;

    fn try_from(row: CohortRow) -> Result<Self, StoreError> {
        Ok(Cohort {
            id: CohortId(row.id),
            guild_id: GuildId(from_db(row.guild_id)),
            name: row.name,
            course_version_id: CourseVersionId(row.course_version_id),
            course_id: row.course_id,
            time_zone: parse("cohorts.time_zone", &row.time_zone)?,
            starts_on: parse("cohorts.starts_on", &row.starts_on)?,
            channel_id: row.channel_id.map(|c| ChannelId(from_db(c))),
            join_code: row.join_code,
            created_by: UserId(from_db(row.created_by)),
            created_at: row.created_at,
            archived_at: row.archived_at,
        })
    }
}
