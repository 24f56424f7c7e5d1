//! Articles members proposed for the knowledge hub, and the facilitators' decisions.

use super::hub_articles::upsert_article;
use super::{from_db, lines_of, parse, to_db, Store, StoreError};
use crate::model::hub::PublishedArticle;
use crate::model::hub_proposals::{NewProposal, Proposal, ProposalId, ProposalState};
use crate::model::{ChannelId, GuildId, UnixMillis, UserId};

const PROPOSAL_COLUMNS: &str = "id, guild_id, author_id, title, body, tags, proposed_at, state,
    reviewer_id, comment, decided_at, post_id";

impl Store {
    /// Stores a proposal, waiting for a facilitator.
    pub async fn create_proposal(
        &self,
        new: &NewProposal,
        now: UnixMillis,
    ) -> Result<Proposal, StoreError> {
        const SQL: &str = "INSERT INTO hub_proposals
                (guild_id, author_id, title, body, tags, proposed_at, state)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING id";
        let id: i64 = sqlx::query_scalar(SQL)
            .bind(to_db(new.guild_id.0))
            .bind(to_db(new.author_id.0))
            .bind(&new.title)
            .bind(&new.body)
            .bind(new.tags.join("\n"))
            .bind(now)
            .bind(ProposalState::Pending.as_str())
            .fetch_one(&self.pool)
            .await?;
        Ok(Proposal {
            id: ProposalId(id),
            guild_id: new.guild_id,
            author_id: new.author_id,
            title: new.title.clone(),
            body: new.body.clone(),
            tags: new.tags.clone(),
            proposed_at: now,
            state: ProposalState::Pending,
            reviewer_id: None,
            comment: None,
            decided_at: None,
            post_id: None,
        })
    }

    pub async fn hub_proposal(&self, id: ProposalId) -> Result<Option<Proposal>, StoreError> {
        let sql = format!("SELECT {PROPOSAL_COLUMNS} FROM hub_proposals WHERE id = $1");
        let row: Option<ProposalRow> = sqlx::query_as(&sql)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Proposal::try_from).transpose()
    }

    /// A server's proposals waiting for a facilitator, oldest first.
    pub async fn waiting_proposals(&self, guild: GuildId) -> Result<Vec<Proposal>, StoreError> {
        let sql = format!(
            "SELECT {PROPOSAL_COLUMNS} FROM hub_proposals
            WHERE guild_id = $1 AND state = $2 ORDER BY id"
        );
        let rows: Vec<ProposalRow> = sqlx::query_as(&sql)
            .bind(to_db(guild.0))
            .bind(ProposalState::Pending.as_str())
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(Proposal::try_from).collect()
    }

    /// How many of `author`'s proposals in a server wait for a facilitator.
    pub async fn count_waiting_proposals(
        &self,
        guild: GuildId,
        author: UserId,
    ) -> Result<u32, StoreError> {
        const SQL: &str = "SELECT COUNT(*) FROM hub_proposals
            WHERE author_id = $1 AND guild_id = $2 AND state = $3";
        let count: i64 = sqlx::query_scalar(SQL)
            .bind(to_db(author.0))
            .bind(to_db(guild.0))
            .bind(ProposalState::Pending.as_str())
            .fetch_one(&self.pool)
            .await?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    /// Moves a waiting proposal to being posted, approved by `reviewer`: false when it no
    /// longer waits (another facilitator got there first).
    pub async fn claim_proposal(
        &self,
        id: ProposalId,
        reviewer: UserId,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE hub_proposals SET state = $1, reviewer_id = $2
            WHERE id = $3 AND state = $4";
        let done = sqlx::query(SQL)
            .bind(ProposalState::Posting.as_str())
            .bind(to_db(reviewer.0))
            .bind(id.0)
            .bind(ProposalState::Pending.as_str())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Puts a proposal whose post could not be opened back to waiting.
    pub async fn unclaim_proposal(&self, id: ProposalId) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE hub_proposals SET state = $1, reviewer_id = NULL
            WHERE id = $2 AND state = $3";
        let done = sqlx::query(SQL)
            .bind(ProposalState::Pending.as_str())
            .bind(id.0)
            .bind(ProposalState::Posting.as_str())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Returns a waiting proposal to its author with `comment`: false when it no longer waits.
    pub async fn return_proposal(
        &self,
        id: ProposalId,
        reviewer: UserId,
        comment: &str,
        now: UnixMillis,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE hub_proposals
            SET state = $1, reviewer_id = $2, comment = $3, decided_at = $4
            WHERE id = $5 AND state = $6";
        let done = sqlx::query(SQL)
            .bind(ProposalState::Returned.as_str())
            .bind(to_db(reviewer.0))
            .bind(comment)
            .bind(now)
            .bind(id.0)
            .bind(ProposalState::Pending.as_str())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records the post a proposal being posted was published as, with the article it
    /// became, in one transaction: false when it was not being posted.
    pub async fn publish_proposal(
        &self,
        id: ProposalId,
        article: &PublishedArticle,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE hub_proposals SET state = $1, post_id = $2, decided_at = $3
            WHERE id = $4 AND state = $5";
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(SQL)
            .bind(ProposalState::Published.as_str())
            .bind(to_db(article.post_id.0))
            .bind(article.published_at)
            .bind(id.0)
            .bind(ProposalState::Posting.as_str())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        upsert_article(&mut *tx, article).await?;
        tx.commit().await?;
        Ok(true)
    }
}

#[derive(sqlx::FromRow)]
struct ProposalRow {
    id: i64,
    guild_id: i64,
    author_id: i64,
    title: String,
    body: String,
    tags: String,
    proposed_at: i64,
    state: String,
    reviewer_id: Option<i64>,
    comment: Option<String>,
    decided_at: Option<i64>,
    post_id: Option<i64>,
}

impl TryFrom<ProposalRow> for Proposal {
    type Error = StoreError;

    fn try_from(row: ProposalRow) -> Result<Self, StoreError> {
        Ok(Proposal {
            id: ProposalId(row.id),
            guild_id: GuildId(from_db(row.guild_id)),
            author_id: UserId(from_db(row.author_id)),
            title: row.title,
            body: row.body,
            tags: lines_of(&row.tags),
            proposed_at: row.proposed_at,
            state: parse("hub_proposals.state", &row.state)?,
            reviewer_id: row.reviewer_id.map(|r| UserId(from_db(r))),
            comment: row.comment,
            decided_at: row.decided_at,
            post_id: row.post_id.map(|p| ChannelId(from_db(p))),
        })
    }
}
