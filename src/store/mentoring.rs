use super::{from_db, to_db, Store, StoreError};
use crate::model::{ChannelId, CohortId, MentorPair, MentorPairId, UnixMillis, UserId};

impl Store {
    /// Pairs a mentor with a trainee; pairing them again returns the existing pair.
    pub async fn create_mentor_pair(
        &self,
        cohort: CohortId,
        mentor: UserId,
        trainee: UserId,
        now: UnixMillis,
    ) -> Result<MentorPair, StoreError> {
        // The no-op update makes RETURNING yield the existing row on a conflict.
        const SQL: &str = "INSERT INTO mentor_pairs (cohort_id, mentor_id, trainee_id, created_at)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (cohort_id, mentor_id, trainee_id) DO UPDATE SET
                created_at = mentor_pairs.created_at
            RETURNING *";
        let row: MentorPairRow = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(to_db(mentor.0))
            .bind(to_db(trainee.0))
            .bind(now)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.into())
    }

    /// Remembers the private thread where the pair meets.
    pub async fn set_pair_thread(
        &self,
        pair: MentorPairId,
        thread: ChannelId,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE mentor_pairs SET thread_id = $2 WHERE id = $1";
        let done = sqlx::query(SQL)
            .bind(pair.0)
            .bind(to_db(thread.0))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The trainees a mentor looks after in a cohort, oldest pairing first.
    pub async fn pairs_of_mentor(
        &self,
        cohort: CohortId,
        mentor: UserId,
    ) -> Result<Vec<MentorPair>, StoreError> {
        const SQL: &str = "SELECT * FROM mentor_pairs WHERE cohort_id = $1 AND mentor_id = $2
            ORDER BY created_at, id";
        self.fetch_pairs(SQL, cohort, mentor).await
    }

    /// The mentors of a trainee in a cohort, oldest pairing first.
    pub async fn pairs_of_trainee(
        &self,
        cohort: CohortId,
        trainee: UserId,
    ) -> Result<Vec<MentorPair>, StoreError> {
        const SQL: &str = "SELECT * FROM mentor_pairs WHERE cohort_id = $1 AND trainee_id = $2
            ORDER BY created_at, id";
        self.fetch_pairs(SQL, cohort, trainee).await
    }

    async fn fetch_pairs(
        &self,
        sql: &'static str,
        cohort: CohortId,
        user: UserId,
    ) -> Result<Vec<MentorPair>, StoreError> {
        let rows: Vec<MentorPairRow> = sqlx::query_as(sql)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(MentorPair::from).collect())
    }
}

#[derive(sqlx::FromRow)]
struct MentorPairRow {
    id: i64,
    cohort_id: i64,
    mentor_id: i64,
    trainee_id: i64,
    thread_id: Option<i64>,
    created_at: i64,
}

impl From<MentorPairRow> for MentorPair {
    fn from(row: MentorPairRow) -> Self {
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
