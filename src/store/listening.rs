//! One-to-one conversations of listening campaigns, with the issues each raised.

use std::collections::HashMap;

use sqlx::any::AnyArguments;
use sqlx::query::QueryScalar;
use sqlx::{Any, Transaction};

use super::{from_db, parse, to_db, Store, StoreError};
use crate::model::listening::{Conversation, ListeningRecord, ListeningRecordId};
use crate::model::{CohortId, GuildId, UnixMillis, UserId};

impl Store {
    pub async fn add_listening_record(
        &self,
        cohort: CohortId,
        author: UserId,
        conversation: &Conversation,
        now: UnixMillis,
    ) -> Result<ListeningRecord, StoreError> {
        const SQL: &str = "INSERT INTO listening_records
                (stage_id, group_id, heard_on, label, place, energy, follow_up_on,
                 cohort_id, author_id, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
            RETURNING id";
        let mut tx = self.begin_write().await?;
        let id: i64 = bind_conversation(sqlx::query_scalar(SQL), conversation)
            .bind(cohort.0)
            .bind(to_db(author.0))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
        save_issues(&mut tx, ListeningRecordId(id), &conversation.issues).await?;
        tx.commit().await?;
        Ok(ListeningRecord {
            id: ListeningRecordId(id),
            cohort_id: cohort,
            author_id: author,
            conversation: conversation.clone(),
            created_at: now,
            updated_at: now,
        })
    }

    /// Replaces what a record says; `None` when there is no such record.
    pub async fn update_listening_record(
        &self,
        id: ListeningRecordId,
        conversation: &Conversation,
        now: UnixMillis,
    ) -> Result<Option<ListeningRecord>, StoreError> {
        const SQL: &str = "UPDATE listening_records
            SET stage_id = $1, group_id = $2, heard_on = $3, label = $4, place = $5,
                energy = $6, follow_up_on = $7, updated_at = $8
            WHERE id = $9
            RETURNING id";
        const CLEAR: &str = "DELETE FROM listening_issues WHERE record_id = $1";
        let mut tx = self.begin_write().await?;
        let updated: Option<i64> = bind_conversation(sqlx::query_scalar(SQL), conversation)
            .bind(now)
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
        if updated.is_none() {
            tx.rollback().await?;
            return Ok(None);
        }
        sqlx::query(CLEAR).bind(id.0).execute(&mut *tx).await?;
        save_issues(&mut tx, id, &conversation.issues).await?;
        tx.commit().await?;
        self.listening_record(id).await
    }

    pub async fn listening_record(
        &self,
        id: ListeningRecordId,
    ) -> Result<Option<ListeningRecord>, StoreError> {
        const SQL: &str = "SELECT * FROM listening_records WHERE id = $1";
        let rows: Vec<RecordRow> = sqlx::query_as(SQL).bind(id.0).fetch_all(&self.pool).await?;
        Ok(self.with_issues(rows).await?.pop())
    }

    /// A cohort's records, oldest conversation first; only `author`'s when given.
    pub async fn listening_records(
        &self,
        cohort: CohortId,
        author: Option<UserId>,
    ) -> Result<Vec<ListeningRecord>, StoreError> {
        const SQL: &str = "SELECT * FROM listening_records
            WHERE cohort_id = $1 AND ($2 = 0 OR author_id = $2)
            ORDER BY heard_on, id";
        let rows: Vec<RecordRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(author.map_or(0, |a| to_db(a.0)))
            .fetch_all(&self.pool)
            .await?;
        self.with_issues(rows).await
    }

    /// Deletes one record; whether there was one.
    pub async fn delete_listening_record(&self, id: ListeningRecordId) -> Result<bool, StoreError> {
        const SQL: &str = "DELETE FROM listening_records WHERE id = $1";
        let deleted = sqlx::query(SQL).bind(id.0).execute(&self.pool).await?;
        Ok(deleted.rows_affected() > 0)
    }

    /// Deletes every record `author` logged in the cohorts of `guild`, and their dot-vote
    /// ballots there; how many records there were.
    pub async fn erase_listening_records(
        &self,
        guild: GuildId,
        author: UserId,
    ) -> Result<u64, StoreError> {
        const RECORDS: &str = "DELETE FROM listening_records
            WHERE author_id = $1
              AND cohort_id IN (SELECT id FROM cohorts WHERE guild_id = $2)";
        const BALLOTS: &str = "DELETE FROM listening_ballots
            WHERE member_id = $1
              AND vote_id IN (SELECT v.id FROM listening_votes v
                  JOIN cohorts c ON c.id = v.cohort_id WHERE c.guild_id = $2)";
        let mut tx = self.begin_write().await?;
        let deleted = sqlx::query(RECORDS)
            .bind(to_db(author.0))
            .bind(to_db(guild.0))
            .execute(&mut *tx)
            .await?;
        sqlx::query(BALLOTS)
            .bind(to_db(author.0))
            .bind(to_db(guild.0))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(deleted.rows_affected())
    }

    /// How many records `author` logged in the cohorts of `guild`.
    pub async fn count_listening_records(
        &self,
        guild: GuildId,
        author: UserId,
    ) -> Result<u64, StoreError> {
        const SQL: &str = "SELECT COUNT(*) FROM listening_records
            WHERE author_id = $1
              AND cohort_id IN (SELECT id FROM cohorts WHERE guild_id = $2)";
        let count: i64 = sqlx::query_scalar(SQL)
            .bind(to_db(author.0))
            .bind(to_db(guild.0))
            .fetch_one(&self.pool)
            .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// Files every conversation of `cohort` raised under `from` under `into` instead;
    /// how many conversations changed.
    pub async fn merge_listening_theme(
        &self,
        cohort: CohortId,
        from: &str,
        into: &str,
    ) -> Result<u64, StoreError> {
        const IN_COHORT: &str =
            "record_id IN (SELECT id FROM listening_records WHERE cohort_id = $1)";
        let drop_doubles = format!(
            "DELETE FROM listening_issues WHERE theme = $2 AND {IN_COHORT}
               AND record_id IN (SELECT record_id FROM listening_issues WHERE theme = $3)"
        );
        let rename =
            format!("UPDATE listening_issues SET theme = $3 WHERE theme = $2 AND {IN_COHORT}");
        let mut tx = self.begin_write().await?;
        let mut changed = 0;
        for sql in [drop_doubles, rename] {
            changed += sqlx::query(&sql)
                .bind(cohort.0)
                .bind(from)
                .bind(into)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// Records with their issues, in the order of `rows`.
    async fn with_issues(&self, rows: Vec<RecordRow>) -> Result<Vec<ListeningRecord>, StoreError> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
        // The ids are numbers read from the database, so they are safe to inline.
        let sql = format!(
            "SELECT record_id, theme FROM listening_issues
             WHERE record_id IN ({}) ORDER BY record_id, position",
            ids.join(", ")
        );
        let issues: Vec<(i64, String)> = sqlx::query_as(&sql).fetch_all(&self.pool).await?;
        let mut by_record: HashMap<i64, Vec<String>> = HashMap::new();
        for (record, theme) in issues {
            by_record.entry(record).or_default().push(theme);
        }
        rows.into_iter()
            .map(|row| {
                let issues = by_record.remove(&row.id).unwrap_or_default();
                row.into_record(issues)
            })
            .collect()
    }
}

type IdQuery<'q> = QueryScalar<'q, Any, i64, AnyArguments<'q>>;

/// Binds what a conversation says to `$1` … `$7`, in the order of the table's columns.
fn bind_conversation<'q>(query: IdQuery<'q>, c: &'q Conversation) -> IdQuery<'q> {
    query
        .bind(&c.stage)
        .bind(&c.group)
        .bind(c.heard_on.to_string())
        .bind(&c.label)
        .bind(&c.place)
        .bind(&c.energy)
        .bind(c.follow_up_on.map(|d| d.to_string()))
}

async fn save_issues(
    tx: &mut Transaction<'static, Any>,
    record: ListeningRecordId,
    issues: &[String],
) -> Result<(), StoreError> {
    const SQL: &str =
        "INSERT INTO listening_issues (record_id, theme, position) VALUES ($1, $2, $3)";
    for (position, theme) in (0_i64..).zip(issues) {
        sqlx::query(SQL)
            .bind(record.0)
            .bind(theme)
            .bind(position)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    id: i64,
    cohort_id: i64,
    author_id: i64,
    stage_id: String,
    group_id: String,
    heard_on: String,
    label: String,
    place: String,
    energy: String,
    follow_up_on: Option<String>,
    created_at: i64,
    updated_at: i64,
}

impl RecordRow {
    fn into_record(self, issues: Vec<String>) -> Result<ListeningRecord, StoreError> {
        Ok(ListeningRecord {
            id: ListeningRecordId(self.id),
            cohort_id: CohortId(self.cohort_id),
            author_id: UserId(from_db(self.author_id)),
            conversation: Conversation {
                stage: self.stage_id,
                group: self.group_id,
                heard_on: parse("listening_records.heard_on", &self.heard_on)?,
                label: self.label,
                place: self.place,
                issues,
                energy: self.energy,
                follow_up_on: self
                    .follow_up_on
                    .map(|d| parse("listening_records.follow_up_on", &d))
                    .transpose()?,
            },
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}
