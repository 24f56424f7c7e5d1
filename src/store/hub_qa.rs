//! The knowledge hub's questions and the answers the bot was shown.

use super::{from_db, lines_of, parse, to_db, Backend, Store, StoreError};
use crate::model::hub_qa::{Answer, NewQuestion, Question, QuestionId, QuestionState};
use crate::model::{ChannelId, GuildId, MessageId, UnixMillis, UserId};

const QUESTION_COLUMNS: &str = "id, guild_id, asker_id, title, details, tags, asked_at, state,
    post_id, accepted_answer_id, answered_at";

const ANSWER_SQL: &str = "SELECT message_id, question_id, guild_id, author_id, posted_at,
        accepted_at, accepted_by
    FROM hub_answers WHERE message_id = $1";

impl Store {
    /// Stores a question as a draft, not yet posted.
    pub async fn create_question(
        &self,
        new: &NewQuestion,
        now: UnixMillis,
    ) -> Result<Question, StoreError> {
        const SQL: &str = "INSERT INTO hub_questions
                (guild_id, asker_id, title, details, tags, asked_at, state)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING id";
        let id: i64 = sqlx::query_scalar(SQL)
            .bind(to_db(new.guild_id.0))
            .bind(to_db(new.asker_id.0))
            .bind(&new.title)
            .bind(&new.details)
            .bind(new.tags.join("\n"))
            .bind(now)
            .bind(QuestionState::Draft.as_str())
            .fetch_one(&self.pool)
            .await?;
        Ok(Question {
            id: QuestionId(id),
            guild_id: new.guild_id,
            asker_id: new.asker_id,
            title: new.title.clone(),
            details: new.details.clone(),
            tags: new.tags.clone(),
            asked_at: now,
            state: QuestionState::Draft,
            post_id: None,
            accepted_answer: None,
            answered_at: None,
        })
    }

    pub async fn hub_question(&self, id: QuestionId) -> Result<Option<Question>, StoreError> {
        let sql = format!("SELECT {QUESTION_COLUMNS} FROM hub_questions WHERE id = $1");
        let row: Option<QuestionRow> = sqlx::query_as(&sql)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Question::try_from).transpose()
    }

    /// The question whose forum post is `post`.
    pub async fn question_of_post(&self, post: ChannelId) -> Result<Option<Question>, StoreError> {
        let sql = format!("SELECT {QUESTION_COLUMNS} FROM hub_questions WHERE post_id = $1");
        let row: Option<QuestionRow> = sqlx::query_as(&sql)
            .bind(to_db(post.0))
            .fetch_optional(&self.pool)
            .await?;
        row.map(Question::try_from).transpose()
    }

    /// A server's questions with an accepted answer, most recently answered first.
    pub async fn answered_questions(&self, guild: GuildId) -> Result<Vec<Question>, StoreError> {
        let sql = format!(
            "SELECT {QUESTION_COLUMNS} FROM hub_questions
            WHERE guild_id = $1 AND answered_at IS NOT NULL ORDER BY answered_at DESC, id"
        );
        let rows: Vec<QuestionRow> = sqlx::query_as(&sql)
            .bind(to_db(guild.0))
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(Question::try_from).collect()
    }

    /// Up to `limit` of a server's answered questions matching every word of `words`, the
    /// best match first: FTS5 on SQLite (words as prefixes), `tsvector` on PostgreSQL.
    pub async fn search_answered(
        &self,
        guild: GuildId,
        words: &[String],
        limit: u32,
    ) -> Result<Vec<Question>, StoreError> {
        let sql = match self.backend {
            Backend::Sqlite => format!(
                "WITH hits AS (SELECT rowid AS hit, rank AS score FROM hub_search
                        WHERE hub_search MATCH $1)
                    SELECT {QUESTION_COLUMNS} FROM hub_questions JOIN hits ON hit = id
                    WHERE guild_id = $2 ORDER BY score, id LIMIT $3"
            ),
            Backend::Postgres => format!(
                "SELECT {QUESTION_COLUMNS} FROM hub_questions
                    WHERE guild_id = $2 AND answered_at IS NOT NULL
                        AND search @@ plainto_tsquery('english', $1)
                    ORDER BY ts_rank(search, plainto_tsquery('english', $1)) DESC, id LIMIT $3"
            ),
        };
        let rows: Vec<QuestionRow> = sqlx::query_as(&sql)
            .bind(self.full_text_query(words))
            .bind(to_db(guild.0))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(Question::try_from).collect()
    }

    /// Moves a question from `from` to `to`, if it is in `from`: one caller wins.
    pub async fn move_question(
        &self,
        id: QuestionId,
        from: QuestionState,
        to: QuestionState,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE hub_questions SET state = $3 WHERE id = $1 AND state = $2";
        let done = sqlx::query(SQL)
            .bind(id.0)
            .bind(from.as_str())
            .bind(to.as_str())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records the post a question being posted was opened as.
    pub async fn question_posted(&self, id: QuestionId, post: ChannelId) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE hub_questions SET state = $2, post_id = $3 WHERE id = $1";
        sqlx::query(SQL)
            .bind(id.0)
            .bind(QuestionState::Open.as_str())
            .bind(to_db(post.0))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Deletes a question still a draft; false if it was not one.
    pub async fn delete_draft(&self, id: QuestionId) -> Result<bool, StoreError> {
        const SQL: &str = "DELETE FROM hub_questions WHERE id = $1 AND state = $2";
        let done = sqlx::query(SQL)
            .bind(id.0)
            .bind(QuestionState::Draft.as_str())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records an answer the first time it is shown to the bot, and returns the record.
    pub async fn record_hub_answer(&self, answer: &Answer) -> Result<Answer, StoreError> {
        const SQL: &str = "INSERT INTO hub_answers
                (message_id, question_id, guild_id, author_id, posted_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (message_id) DO NOTHING";
        sqlx::query(SQL)
            .bind(to_db(answer.message_id.0))
            .bind(answer.question_id.0)
            .bind(to_db(answer.guild_id.0))
            .bind(to_db(answer.author_id.0))
            .bind(answer.posted_at)
            .execute(&self.pool)
            .await?;
        let row: AnswerRow = sqlx::query_as(ANSWER_SQL)
            .bind(to_db(answer.message_id.0))
            .fetch_one(&self.pool)
            .await?;
        Ok(row.into())
    }

    pub async fn hub_answer(&self, message: MessageId) -> Result<Option<Answer>, StoreError> {
        let row: Option<AnswerRow> = sqlx::query_as(ANSWER_SQL)
            .bind(to_db(message.0))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(Answer::from))
    }

    /// Marks `answer` accepted for its question, unless the question has an accepted answer
    /// already: false then, and nothing changes.
    pub async fn accept_hub_answer(
        &self,
        answer: MessageId,
        by: UserId,
        now: UnixMillis,
    ) -> Result<bool, StoreError> {
        const QUESTION: &str = "UPDATE hub_questions SET accepted_answer_id = $2, answered_at = $3
            WHERE id = (SELECT question_id FROM hub_answers WHERE message_id = $1)
                AND accepted_answer_id IS NULL";
        const ANSWER: &str =
            "UPDATE hub_answers SET accepted_at = $2, accepted_by = $3 WHERE message_id = $1";
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(QUESTION)
            .bind(to_db(answer.0))
            .bind(to_db(answer.0))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(ANSWER)
            .bind(to_db(answer.0))
            .bind(now)
            .bind(to_db(by.0))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }
}

#[derive(sqlx::FromRow)]
struct QuestionRow {
    id: i64,
    guild_id: i64,
    asker_id: i64,
    title: String,
    details: String,
    tags: String,
    asked_at: i64,
    state: String,
    post_id: Option<i64>,
    accepted_answer_id: Option<i64>,
    answered_at: Option<i64>,
}

impl TryFrom<QuestionRow> for Question {
    type Error = StoreError;

    fn try_from(row: QuestionRow) -> Result<Self, StoreError> {
        Ok(Question {
            id: QuestionId(row.id),
            guild_id: GuildId(from_db(row.guild_id)),
            asker_id: UserId(from_db(row.asker_id)),
            title: row.title,
            details: row.details,
            tags: lines_of(&row.tags),
            asked_at: row.asked_at,
            state: parse("hub_questions.state", &row.state)?,
            post_id: row.post_id.map(|p| ChannelId(from_db(p))),
            accepted_answer: row.accepted_answer_id.map(|a| MessageId(from_db(a))),
            answered_at: row.answered_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    message_id: i64,
    question_id: i64,
    guild_id: i64,
    author_id: i64,
    posted_at: i64,
    accepted_at: Option<i64>,
    accepted_by: Option<i64>,
}

impl From<AnswerRow> for Answer {
    fn from(row: AnswerRow) -> Self {
        Answer {
            message_id: MessageId(from_db(row.message_id)),
            question_id: QuestionId(row.question_id),
            guild_id: GuildId(from_db(row.guild_id)),
            author_id: UserId(from_db(row.author_id)),
            posted_at: row.posted_at,
            accepted_at: row.accepted_at,
            accepted_by: row.accepted_by.map(|b| UserId(from_db(b))),
        }
    }
}
