//! Dot votes of listening campaigns: their options, and one ballot per member and vote.

use super::{from_db, to_db, Store, StoreError};
use crate::model::votes::{Ballot, NewVote, Vote, VoteId};
use crate::model::{CohortId, UnixMillis, UserId};

impl Store {
    pub async fn create_vote(&self, new: &NewVote, now: UnixMillis) -> Result<Vote, StoreError> {
        const VOTE: &str = "INSERT INTO listening_votes
                (cohort_id, dots, closes_at, created_by, created_at)
            VALUES ($1, $2, $3, $4, $5)
            RETURNING id";
        const OPTION: &str =
            "INSERT INTO listening_vote_options (vote_id, position, theme) VALUES ($1, $2, $3)";
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(VOTE)
            .bind(new.cohort_id.0)
            .bind(i64::from(new.dots))
            .bind(new.closes_at)
            .bind(to_db(new.created_by.0))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
        for (position, theme) in (0_i64..).zip(&new.options) {
            sqlx::query(OPTION)
                .bind(id)
                .bind(position)
                .bind(theme)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Vote {
            id: VoteId(id),
            cohort_id: new.cohort_id,
            options: new.options.clone(),
            dots: new.dots,
            closes_at: new.closes_at,
            created_by: new.created_by,
            created_at: now,
        })
    }

    pub async fn vote(&self, id: VoteId) -> Result<Option<Vote>, StoreError> {
        const VOTE: &str = "SELECT cohort_id, dots, closes_at, created_by, created_at
            FROM listening_votes WHERE id = $1";
        const OPTIONS: &str =
            "SELECT theme FROM listening_vote_options WHERE vote_id = $1 ORDER BY position";
        let row: Option<(i64, i64, i64, i64, i64)> = sqlx::query_as(VOTE)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        let Some((cohort, dots, closes_at, created_by, created_at)) = row else {
            return Ok(None);
        };
        let options: Vec<String> = sqlx::query_scalar(OPTIONS)
            .bind(id.0)
            .fetch_all(&self.pool)
            .await?;
        Ok(Some(Vote {
            id,
            cohort_id: CohortId(cohort),
            options,
            dots: u32::try_from(dots).unwrap_or(0),
            closes_at,
            created_by: UserId(from_db(created_by)),
            created_at,
        }))
    }

    /// Writes `member`'s ballot in `vote`, replacing the one they had: one per member.
    pub async fn save_ballot(
        &self,
        vote: VoteId,
        member: UserId,
        counts: &[u32],
        now: UnixMillis,
    ) -> Result<Ballot, StoreError> {
        const SQL: &str = "INSERT INTO listening_ballots (vote_id, member_id, counts, updated_at)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (vote_id, member_id)
            DO UPDATE SET counts = excluded.counts, updated_at = excluded.updated_at";
        sqlx::query(SQL)
            .bind(vote.0)
            .bind(to_db(member.0))
            .bind(encode(counts))
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(Ballot {
            vote_id: vote,
            member_id: member,
            counts: counts.to_vec(),
            updated_at: now,
        })
    }

    pub async fn ballot(&self, vote: VoteId, member: UserId) -> Result<Option<Ballot>, StoreError> {
        const SQL: &str = "SELECT member_id, counts, updated_at FROM listening_ballots
            WHERE vote_id = $1 AND member_id = $2";
        let row: Option<BallotRow> = sqlx::query_as(SQL)
            .bind(vote.0)
            .bind(to_db(member.0))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| r.into_ballot(vote)).transpose()
    }

    /// Every ballot of `vote`, by member id.
    pub async fn ballots(&self, vote: VoteId) -> Result<Vec<Ballot>, StoreError> {
        const SQL: &str = "SELECT member_id, counts, updated_at FROM listening_ballots
            WHERE vote_id = $1 ORDER BY member_id";
        let rows: Vec<BallotRow> = sqlx::query_as(SQL)
            .bind(vote.0)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(|r| r.into_ballot(vote)).collect()
    }
}

fn encode(counts: &[u32]) -> String {
    let counts: Vec<String> = counts.iter().map(u32::to_string).collect();
    counts.join(",")
}

#[derive(sqlx::FromRow)]
struct BallotRow {
    member_id: i64,
    counts: String,
    updated_at: i64,
}

impl BallotRow {
    fn into_ballot(self, vote: VoteId) -> Result<Ballot, StoreError> {
        let counts = self
            .counts
            .split(',')
            .filter(|c| !c.is_empty())
            .map(|c| super::parse("listening_ballots.counts", c))
            .collect::<Result<Vec<u32>, StoreError>>()?;
        Ok(Ballot {
            vote_id: vote,
            member_id: UserId(from_db(self.member_id)),
            counts,
            updated_at: self.updated_at,
        })
    }
}
