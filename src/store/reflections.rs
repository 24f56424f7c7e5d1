use super::{convert_all, from_db, parse, to_db, Store, StoreError};
use crate::model::{CohortId, NewReflection, Reflection, ReflectionId, UnixMillis, UserId};

impl Store {
    pub async fn save_reflection(&self, new: &NewReflection) -> Result<Reflection, StoreError> {
        const SQL: &str = "INSERT INTO reflections
                (cohort_id, user_id, module_id, exercise_id, body, visibility, submitted_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING *";
        let row: ReflectionRow = sqlx::query_as(SQL)
            .bind(new.cohort_id.0)
            .bind(to_db(new.user_id.0))
            .bind(&new.module_id)
            .bind(&new.exercise_id)
            .bind(&new.body)
            .bind(new.visibility.as_str())
            .bind(new.submitted_at)
            .fetch_one(&self.pool)
            .await?;
        row.try_into()
    }

    /// Saves `new` unless its author already wrote on that exercise of that module in that
    /// cohort, in one statement, so two submissions at once make one reflection.
    pub async fn save_reflection_once(
        &self,
        new: &NewReflection,
    ) -> Result<Option<Reflection>, StoreError> {
        const SQL: &str = "INSERT INTO reflections
                (cohort_id, user_id, module_id, exercise_id, body, visibility, submitted_at)
            SELECT CAST($1 AS BIGINT), CAST($2 AS BIGINT), CAST($3 AS TEXT), CAST($4 AS TEXT),
                CAST($5 AS TEXT), CAST($6 AS TEXT), CAST($7 AS BIGINT)
            WHERE NOT EXISTS (SELECT 1 FROM reflections
                WHERE cohort_id = $1 AND user_id = $2 AND module_id = $3 AND exercise_id = $4)
            RETURNING *";
        let row: Option<ReflectionRow> = sqlx::query_as(SQL)
            .bind(new.cohort_id.0)
            .bind(to_db(new.user_id.0))
            .bind(&new.module_id)
            .bind(&new.exercise_id)
            .bind(&new.body)
            .bind(new.visibility.as_str())
            .bind(new.submitted_at)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Reflection::try_from).transpose()
    }

    pub async fn reflection(&self, id: ReflectionId) -> Result<Option<Reflection>, StoreError> {
        const SQL: &str = "SELECT * FROM reflections WHERE id = $1";
        let row: Option<ReflectionRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Reflection::try_from).transpose()
    }

    /// Whether `user` wrote a reflection on `exercise` of `module` in `cohort`.
    pub async fn has_reflection(
        &self,
        cohort: CohortId,
        user: UserId,
        module: &str,
        exercise: &str,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "SELECT COUNT(*) FROM reflections
            WHERE cohort_id = $1 AND user_id = $2 AND module_id = $3 AND exercise_id = $4";
        let count: i64 = sqlx::query_scalar(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(module)
            .bind(exercise)
            .fetch_one(&self.pool)
            .await?;
        Ok(count > 0)
    }

    /// A cohort's reflections, oldest first; only those nobody reviewed yet when
    /// `unreviewed_only`.
    pub async fn list_reflections(
        &self,
        cohort: CohortId,
        unreviewed_only: bool,
    ) -> Result<Vec<Reflection>, StoreError> {
        const SQL: &str = "SELECT * FROM reflections
            WHERE cohort_id = $1 AND ($2 = 0 OR reviewed_at IS NULL)
            ORDER BY submitted_at, id";
        let rows: Vec<ReflectionRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(i64::from(unreviewed_only))
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    /// Records a facilitator's review, with an optional reply to the author. Reviewing
    /// again replaces the earlier review.
    pub async fn mark_reflection_reviewed(
        &self,
        id: ReflectionId,
        reviewer: UserId,
        reply: Option<&str>,
        now: UnixMillis,
    ) -> Result<Reflection, StoreError> {
        const SQL: &str = "UPDATE reflections
            SET reviewed_at = $2, reviewed_by = $3, reply = $4
            WHERE id = $1
            RETURNING *";
        let row: Option<ReflectionRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .bind(now)
            .bind(to_db(reviewer.0))
            .bind(reply)
            .fetch_optional(&self.pool)
            .await?;
        row.ok_or(StoreError::NotFound("reflection"))?.try_into()
    }
}

#[derive(sqlx::FromRow)]
struct ReflectionRow {
    id: i64,
    cohort_id: i64,
    user_id: i64,
    module_id: String,
    exercise_id: String,
    body: String,
    visibility: String,
    submitted_at: i64,
    reviewed_at: Option<i64>,
    reviewed_by: Option<i64>,
    reply: Option<String>,
}

impl TryFrom<ReflectionRow> for Reflection {
    type Error = StoreError;

    fn try_from(row: ReflectionRow) -> Result<Self, StoreError> {
        Ok(Reflection {
            id: ReflectionId(row.id),
            cohort_id: CohortId(row.cohort_id),
            user_id: UserId(from_db(row.user_id)),
            module_id: row.module_id,
            exercise_id: row.exercise_id,
            body: row.body,
            visibility: parse("reflections.visibility", &row.visibility)?,
            submitted_at: row.submitted_at,
            reviewed_at: row.reviewed_at,
            reviewed_by: row.reviewed_by.map(|u| UserId(from_db(u))),
            reply: row.reply,
        })
    }
}
