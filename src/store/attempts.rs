use super::error::conflict_on_unique;
use super::{convert_all, from_db, to_db, to_percent, to_u32, Store, StoreError};
use crate::model::{Answer, Attempt, AttemptId, CohortId, UnixMillis, UserId};

impl Store {
    /// Starts the member's next attempt at a module's exercises (numbered from 1).
    /// Fails with `Conflict` while another attempt at the module is unfinished.
    pub async fn start_attempt(
        &self,
        cohort: CohortId,
        user: UserId,
        module_id: &str,
        now: UnixMillis,
    ) -> Result<Attempt, StoreError> {
        const SQL: &str = "INSERT INTO exercise_attempts
                (cohort_id, user_id, module_id, attempt_no, current_index, started_at)
            SELECT $1, $2, $3, COALESCE(MAX(attempt_no), 0) + 1, 0, $4
            FROM exercise_attempts
            WHERE cohort_id = $1 AND user_id = $2 AND module_id = $3
            RETURNING *";
        let row: AttemptRow = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(module_id)
            .bind(now)
            .fetch_one(&self.pool)
            .await
            .map_err(|e| conflict_on_unique(e, ATTEMPT_OPEN))?;
        row.try_into()
    }

    pub async fn attempt(&self, id: AttemptId) -> Result<Option<Attempt>, StoreError> {
        const SQL: &str = "SELECT * FROM exercise_attempts WHERE id = $1";
        let row: Option<AttemptRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Attempt::try_from).transpose()
    }

    /// Saves the answer to question `index` of an unfinished attempt and moves the resume
    /// point past it, in one statement that also checks it was the question to answer: of
    /// two clicks at once, one is recorded and the other is a `Conflict`.
    pub async fn record_answer(
        &self,
        attempt: AttemptId,
        exercise_id: &str,
        answer_json: &str,
        points_permille: u32,
        index: u32,
        now: UnixMillis,
    ) -> Result<Attempt, StoreError> {
        const ADVANCE: &str = "UPDATE exercise_attempts SET current_index = $2 + 1
            WHERE id = $1 AND finished_at IS NULL AND current_index = $2
            RETURNING *";
        const SAVE: &str = "INSERT INTO answers
                (attempt_id, exercise_id, answer, points_permille, answered_at)
            VALUES ($1, $2, $3, $4, $5)";
        let mut tx = self.begin_write().await?;
        let row: Option<AttemptRow> = sqlx::query_as(ADVANCE)
            .bind(attempt.0)
            .bind(i64::from(index))
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Err(self.unanswerable_error(attempt).await);
        };
        sqlx::query(SAVE)
            .bind(attempt.0)
            .bind(exercise_id)
            .bind(answer_json)
            .bind(i64::from(points_permille))
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(|e| conflict_on_unique(e, ALREADY_ANSWERED))?;
        tx.commit().await?;
        row.try_into()
    }

    /// Finishes an attempt with its score, and folds it into the member's module progress:
    /// one more attempt used, best score kept.
    pub async fn finish_attempt(
        &self,
        attempt: AttemptId,
        score: u8,
        passed: bool,
        now: UnixMillis,
    ) -> Result<Attempt, StoreError> {
        const FINISH: &str = "UPDATE exercise_attempts
            SET finished_at = $2, score = $3, passed = $4
            WHERE id = $1 AND finished_at IS NULL
            RETURNING *";
        const FOLD: &str = "INSERT INTO module_progress
                (cohort_id, user_id, module_id, state, page_index, started_at,
                 best_score, attempts_used)
            VALUES ($1, $2, $3, 'in_progress', 0, $4, $5, 1)
            ON CONFLICT (cohort_id, user_id, module_id) DO UPDATE SET
                best_score = CASE
                    WHEN module_progress.best_score IS NULL
                      OR module_progress.best_score < excluded.best_score
                    THEN excluded.best_score ELSE module_progress.best_score END,
                attempts_used = module_progress.attempts_used + 1";
        let mut tx = self.begin_write().await?;
        let row: Option<AttemptRow> = sqlx::query_as(FINISH)
            .bind(attempt.0)
            .bind(now)
            .bind(i64::from(score))
            .bind(i64::from(passed))
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Err(self.unanswerable_error(attempt).await);
        };
        sqlx::query(FOLD)
            .bind(row.cohort_id)
            .bind(row.user_id)
            .bind(&row.module_id)
            .bind(row.started_at)
            .bind(i64::from(score))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        row.try_into()
    }

    /// The answers of an attempt, in the order they were given.
    pub async fn answers(&self, attempt: AttemptId) -> Result<Vec<Answer>, StoreError> {
        const SQL: &str = "SELECT * FROM answers WHERE attempt_id = $1
            ORDER BY answered_at, exercise_id";
        let rows: Vec<AnswerRow> = sqlx::query_as(SQL)
            .bind(attempt.0)
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    /// Why an attempt could not be written to: it is finished, or it does not exist.
    async fn unanswerable_error(&self, attempt: AttemptId) -> StoreError {
        match self.attempt(attempt).await {
            Ok(Some(found)) if found.finished_at.is_some() => {
                StoreError::Conflict("this attempt is already finished")
            }
            Ok(Some(_)) => StoreError::Conflict(ALREADY_ANSWERED),
            Ok(None) => StoreError::NotFound("attempt"),
            Err(e) => e,
        }
    }
}

const ATTEMPT_OPEN: &str = "an attempt at this module is already in progress";
const ALREADY_ANSWERED: &str = "this question has already been answered";

/// Also read from JSON (see `member_facts.rs`), with the same names.
#[derive(sqlx::FromRow, serde::Deserialize)]
pub(super) struct AttemptRow {
    id: i64,
    cohort_id: i64,
    user_id: i64,
    module_id: String,
    attempt_no: i64,
    current_index: i64,
    started_at: i64,
    finished_at: Option<i64>,
    score: Option<i64>,
    passed: Option<i64>,
}

impl TryFrom<AttemptRow> for Attempt {
    type Error = StoreError;

    fn try_from(row: AttemptRow) -> Result<Self, StoreError> {
        Ok(Attempt {
            id: AttemptId(row.id),
            cohort_id: CohortId(row.cohort_id),
            user_id: UserId(from_db(row.user_id)),
            module_id: row.module_id,
            attempt_no: to_u32("exercise_attempts.attempt_no", row.attempt_no)?,
            current_index: to_u32("exercise_attempts.current_index", row.current_index)?,
            started_at: row.started_at,
            finished_at: row.finished_at,
            score: row
                .score
                .map(|s| to_percent("exercise_attempts.score", s))
                .transpose()?,
            passed: row.passed.map(|p| p != 0),
        })
    }
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    attempt_id: i64,
    exercise_id: String,
    answer: String,
    points_permille: i64,
    answered_at: i64,
}

impl TryFrom<AnswerRow> for Answer {
    type Error = StoreError;

    fn try_from(row: AnswerRow) -> Result<Self, StoreError> {
        Ok(Answer {
            attempt_id: AttemptId(row.attempt_id),
            exercise_id: row.exercise_id,
            answer: row.answer,
            points_permille: to_u32("answers.points_permille", row.points_permille)?,
            answered_at: row.answered_at,
        })
    }
}
