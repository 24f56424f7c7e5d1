//! Ratings of the hub's answers, and the counts a member's reputation is made of.

use super::{from_db, parse, to_db, Store, StoreError};
use crate::model::hub_qa::{AnswerCounts, RaterCounts, Rating, Removal};
use crate::model::{GuildId, MessageId, UnixMillis, UserId};

/// What saving a rating did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingSaved {
    New,
    Changed,
    /// A facilitator removed this member's rating of the answer; it stays removed.
    WasRemoved,
}

impl Store {
    /// Saves `rating`, replacing the rater's earlier rating of the same answer unless a
    /// facilitator removed it.
    pub async fn save_rating(&self, rating: &Rating) -> Result<RatingSaved, StoreError> {
        const SQL: &str = "INSERT INTO hub_ratings (answer_id, rater_id, value, comment, rated_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (answer_id, rater_id) DO UPDATE SET value = excluded.value,
                comment = excluded.comment, rated_at = excluded.rated_at
            WHERE hub_ratings.removed_at IS NULL";
        let mut tx = self.begin_write().await?;
        let before = rating_in(&mut tx, rating.answer_id, rating.rater_id).await?;
        let done = sqlx::query(SQL)
            .bind(to_db(rating.answer_id.0))
            .bind(to_db(rating.rater_id.0))
            .bind(rating.value.as_str())
            .bind(rating.comment.as_deref())
            .bind(rating.rated_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(match (before, done.rows_affected()) {
            (None, _) => RatingSaved::New,
            (Some(_), 0) => RatingSaved::WasRemoved,
            (Some(_), _) => RatingSaved::Changed,
        })
    }

    pub async fn rating(
        &self,
        answer: MessageId,
        rater: UserId,
    ) -> Result<Option<Rating>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        rating_in(&mut connection, answer, rater).await
    }

    /// Removes a rating as abusive, keeping it with the reason; false if there was none
    /// still counting.
    pub async fn remove_rating(
        &self,
        answer: MessageId,
        rater: UserId,
        removal: &Removal,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE hub_ratings SET removed_at = $3, removed_by = $4,
                removed_reason = $5
            WHERE answer_id = $1 AND rater_id = $2 AND removed_at IS NULL";
        let done = sqlx::query(SQL)
            .bind(to_db(answer.0))
            .bind(to_db(rater.0))
            .bind(removal.removed_at)
            .bind(to_db(removal.removed_by.0))
            .bind(&removal.reason)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Distinct members who rated `member`'s answers in `guild` each way, from `since` on,
    /// removed ratings left out.
    pub async fn rater_counts(
        &self,
        guild: GuildId,
        member: UserId,
        since: UnixMillis,
    ) -> Result<RaterCounts, StoreError> {
        const SQL: &str = "SELECT
                COUNT(DISTINCT CASE WHEN r.value = 'positive' THEN r.rater_id END),
                COUNT(DISTINCT CASE WHEN r.value = 'neutral' THEN r.rater_id END),
                COUNT(DISTINCT CASE WHEN r.value = 'negative' THEN r.rater_id END)
            FROM hub_ratings r JOIN hub_answers a ON a.message_id = r.answer_id
            WHERE a.guild_id = $1 AND a.author_id = $2 AND r.rated_at >= $3
                AND r.removed_at IS NULL";
        let (positive, neutral, negative): (i64, i64, i64) = sqlx::query_as(SQL)
            .bind(to_db(guild.0))
            .bind(to_db(member.0))
            .bind(since)
            .fetch_one(&self.pool)
            .await?;
        Ok(RaterCounts {
            positive: count(positive),
            neutral: count(neutral),
            negative: count(negative),
        })
    }

    /// The answers of `member` in `guild` the hub knows of, and how many were accepted.
    pub async fn answer_counts(
        &self,
        guild: GuildId,
        member: UserId,
    ) -> Result<AnswerCounts, StoreError> {
        const SQL: &str = "SELECT COUNT(*),
                COUNT(CASE WHEN accepted_at IS NOT NULL THEN 1 END)
            FROM hub_answers WHERE guild_id = $1 AND author_id = $2";
        let (given, accepted): (i64, i64) = sqlx::query_as(SQL)
            .bind(to_db(guild.0))
            .bind(to_db(member.0))
            .fetch_one(&self.pool)
            .await?;
        Ok(AnswerCounts {
            given: count(given),
            accepted: count(accepted),
        })
    }
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

async fn rating_in(
    connection: &mut sqlx::AnyConnection,
    answer: MessageId,
    rater: UserId,
) -> Result<Option<Rating>, StoreError> {
    const SQL: &str = "SELECT value, comment, rated_at, removed_at, removed_by, removed_reason
        FROM hub_ratings WHERE answer_id = $1 AND rater_id = $2";
    let row: Option<RatingRow> = sqlx::query_as(SQL)
        .bind(to_db(answer.0))
        .bind(to_db(rater.0))
        .fetch_optional(connection)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let removal = match (row.removed_at, row.removed_by) {
        (Some(removed_at), Some(by)) => Some(Removal {
            removed_by: UserId(from_db(by)),
            removed_at,
            reason: row.removed_reason.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(Some(Rating {
        answer_id: answer,
        rater_id: rater,
        value: parse("hub_ratings.value", &row.value)?,
        comment: row.comment,
        rated_at: row.rated_at,
        removal,
    }))
}

#[derive(sqlx::FromRow)]
struct RatingRow {
    value: String,
    comment: Option<String>,
    rated_at: i64,
    removed_at: Option<i64>,
    removed_by: Option<i64>,
    removed_reason: Option<String>,
}
