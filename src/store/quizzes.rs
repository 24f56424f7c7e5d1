use super::error::conflict_on_unique;
use super::notify::Work;
use super::{convert_all, from_db, parse, to_db, Backend, Store, StoreError};
use crate::model::{ChannelId, CohortId, MessageId, UnixMillis, UserId};
use crate::model::{NewQuizRun, QuizAnswer, QuizRun, QuizRunId, QuizState};

impl Store {
    /// Starts a live quiz; `Conflict` while another is live in the same channel.
    pub async fn start_quiz(&self, new: &NewQuizRun) -> Result<QuizRun, StoreError> {
        const SQL: &str = "INSERT INTO quiz_runs
                (cohort_id, channel_id, module_id, questions, state, seconds, deadline_at, started_by, started_at)
            VALUES ($1, $2, $3, $4, 'running', $5, $6, $7, $8)
            RETURNING *";
        let row: QuizRunRow = sqlx::query_as(SQL)
            .bind(new.cohort_id.0)
            .bind(to_db(new.channel_id.0))
            .bind(&new.module_id)
            .bind(serde_json::to_string(&new.questions).unwrap_or_default())
            .bind(i64::from(new.seconds))
            .bind(new.started_at + i64::from(new.seconds) * 1000)
            .bind(to_db(new.started_by.0))
            .bind(new.started_at)
            .fetch_one(&self.pool)
            .await
            .map_err(|e| conflict_on_unique(e, "a live quiz is already running in this channel"))?;
        self.changed(Work::Quiz).await;
        row.try_into()
    }

    pub async fn quiz(&self, id: QuizRunId) -> Result<Option<QuizRun>, StoreError> {
        const SQL: &str = "SELECT * FROM quiz_runs WHERE id = $1";
        let row: Option<QuizRunRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(QuizRun::try_from).transpose()
    }

    /// The live quiz in a channel, if any.
    pub async fn live_quiz_in(&self, channel: ChannelId) -> Result<Option<QuizRun>, StoreError> {
        const SQL: &str = "SELECT * FROM quiz_runs WHERE channel_id = $1 AND state <> 'ended'";
        let row: Option<QuizRunRow> = sqlx::query_as(SQL)
            .bind(to_db(channel.0))
            .fetch_optional(&self.pool)
            .await?;
        row.map(QuizRun::try_from).transpose()
    }

    /// Every quiz not yet ended.
    pub async fn live_quizzes(&self) -> Result<Vec<QuizRun>, StoreError> {
        const SQL: &str = "SELECT * FROM quiz_runs WHERE state <> 'ended' ORDER BY id";
        let rows: Vec<QuizRunRow> = sqlx::query_as(SQL).fetch_all(&self.pool).await?;
        convert_all(rows)
    }

    /// Running quizzes whose current question's time is up.
    pub async fn due_quizzes(&self, now: UnixMillis) -> Result<Vec<QuizRun>, StoreError> {
        const SQL: &str =
            "SELECT * FROM quiz_runs WHERE state = 'running' AND deadline_at <= $1 ORDER BY id";
        let rows: Vec<QuizRunRow> = sqlx::query_as(SQL).bind(now).fetch_all(&self.pool).await?;
        convert_all(rows)
    }

    /// When the first running quiz's question closes; `None` when no quiz runs.
    pub async fn next_quiz_deadline(&self) -> Result<Option<UnixMillis>, StoreError> {
        const SQL: &str = "SELECT MIN(deadline_at) FROM quiz_runs WHERE state = 'running'";
        Ok(sqlx::query_scalar(SQL).fetch_one(&self.pool).await?)
    }

    pub async fn set_quiz_message(
        &self,
        id: QuizRunId,
        message: MessageId,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE quiz_runs SET message_id = $2 WHERE id = $1";
        sqlx::query(SQL)
            .bind(id.0)
            .bind(to_db(message.0))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Moves from question `from` to the next, open until `deadline`; false when someone
    /// else (a skip, another tick) moved it first or the quiz is no longer live.
    pub async fn advance_quiz(
        &self,
        id: QuizRunId,
        from: u32,
        deadline: UnixMillis,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE quiz_runs
            SET current_index = current_index + 1, deadline_at = $3, remaining_ms = NULL, state = 'running'
            WHERE id = $1 AND current_index = $2 AND state <> 'ended'";
        let done = sqlx::query(SQL)
            .bind(id.0)
            .bind(i64::from(from))
            .bind(deadline)
            .execute(&self.pool)
            .await?;
        let changed = done.rows_affected() == 1;
        if changed {
            self.changed(Work::Quiz).await;
        }
        Ok(changed)
    }

    /// Ends the quiz at question `at`; false when it had already moved on or ended.
    pub async fn end_quiz(
        &self,
        id: QuizRunId,
        at: u32,
        now: UnixMillis,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE quiz_runs SET state = 'ended', ended_at = $3, deadline_at = NULL
            WHERE id = $1 AND current_index = $2 AND state <> 'ended'";
        let done = sqlx::query(SQL)
            .bind(id.0)
            .bind(i64::from(at))
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Stops the clock, keeping what was left of the question's time.
    pub async fn pause_quiz(&self, id: QuizRunId, now: UnixMillis) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE quiz_runs
            SET state = 'paused', remaining_ms = CASE WHEN deadline_at > $2 THEN deadline_at - $2 ELSE 0 END, deadline_at = NULL
            WHERE id = $1 AND state = 'running'";
        let done = sqlx::query(SQL)
            .bind(id.0)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn resume_quiz(&self, id: QuizRunId, now: UnixMillis) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE quiz_runs
            SET state = 'running', deadline_at = $2 + COALESCE(remaining_ms, 0), remaining_ms = NULL
            WHERE id = $1 AND state = 'paused'";
        let done = sqlx::query(SQL)
            .bind(id.0)
            .bind(now)
            .execute(&self.pool)
            .await?;
        let changed = done.rows_affected() == 1;
        if changed {
            self.changed(Work::Quiz).await;
        }
        Ok(changed)
    }

    /// Records (or changes) a person's answer to question `index` if, when it is written,
    /// that question is still open: false when it has closed (time up, skipped, paused,
    /// ended). On PostgreSQL the quiz row is share-locked, so a close waits for the answer
    /// being written and an answer written after the close sees the question closed.
    pub async fn answer_quiz(&self, answer: &QuizAnswer) -> Result<bool, StoreError> {
        const SQL: &str = "INSERT INTO quiz_answers (run_id, question_index, user_id, answer, correct, answered_at)
            SELECT $1, $2, $3, $4, $5, $6 FROM quiz_runs
            WHERE id = $1 AND state = 'running' AND current_index = $2 AND deadline_at > $6
            LOCK
            ON CONFLICT (run_id, question_index, user_id) DO UPDATE SET
                answer = excluded.answer, correct = excluded.correct, answered_at = excluded.answered_at";
        let lock = match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => "FOR SHARE",
        };
        let done = sqlx::query(&SQL.replace("LOCK", lock))
            .bind(answer.run.0)
            .bind(i64::from(answer.index))
            .bind(to_db(answer.user.0))
            .bind(serde_json::to_string(&answer.picks).unwrap_or_default())
            .bind(i64::from(answer.correct))
            .bind(answer.answered_at)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Every answer of a quiz, question by question.
    pub async fn quiz_answers(&self, run: QuizRunId) -> Result<Vec<QuizAnswer>, StoreError> {
        const SQL: &str =
            "SELECT * FROM quiz_answers WHERE run_id = $1 ORDER BY question_index, answered_at";
        let rows: Vec<QuizAnswerRow> = sqlx::query_as(SQL)
            .bind(run.0)
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }
}

#[derive(sqlx::FromRow)]
struct QuizRunRow {
    id: i64,
    cohort_id: i64,
    channel_id: i64,
    module_id: String,
    questions: String,
    current_index: i64,
    message_id: Option<i64>,
    state: String,
    seconds: i64,
    deadline_at: Option<i64>,
    remaining_ms: Option<i64>,
    started_by: i64,
    started_at: i64,
    ended_at: Option<i64>,
}

impl TryFrom<QuizRunRow> for QuizRun {
    type Error = StoreError;

    fn try_from(row: QuizRunRow) -> Result<Self, StoreError> {
        let questions = serde_json::from_str(&row.questions)
            .map_err(|e| StoreError::corrupt("quiz_runs.questions", &row.questions, e))?;
        let state: QuizState = parse("quiz_runs.state", &row.state)?;
        Ok(QuizRun {
            id: QuizRunId(row.id),
            cohort_id: CohortId(row.cohort_id),
            channel_id: ChannelId(from_db(row.channel_id)),
            module_id: row.module_id,
            questions,
            current_index: u32::try_from(row.current_index).unwrap_or(0),
            message_id: row.message_id.map(|m| MessageId(from_db(m))),
            state,
            seconds: u32::try_from(row.seconds).unwrap_or(30),
            deadline_at: row.deadline_at,
            remaining_ms: row.remaining_ms,
            started_by: UserId(from_db(row.started_by)),
            started_at: row.started_at,
            ended_at: row.ended_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct QuizAnswerRow {
    run_id: i64,
    question_index: i64,
    user_id: i64,
    answer: String,
    correct: i64,
    answered_at: i64,
}

impl TryFrom<QuizAnswerRow> for QuizAnswer {
    type Error = StoreError;

    fn try_from(row: QuizAnswerRow) -> Result<Self, StoreError> {
        let picks = serde_json::from_str(&row.answer)
            .map_err(|e| StoreError::corrupt("quiz_answers.answer", &row.answer, e))?;
        Ok(QuizAnswer {
            run: QuizRunId(row.run_id),
            index: u32::try_from(row.question_index).unwrap_or(0),
            user: UserId(from_db(row.user_id)),
            picks,
            correct: row.correct != 0,
            answered_at: row.answered_at,
        })
    }
}
