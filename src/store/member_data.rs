//! Everything the bot holds about one member: gathered for them to read (`/mydata`), and
//! forgotten on request: what they wrote deleted, their part in the cohorts' counts kept
//! under an anonymous id.

use serde_json::{Map, Value};
use sqlx::any::AnyRow;
use sqlx::{Column, Row};

use super::{to_db, Store, StoreError};
use crate::model::{UnixMillis, UserId};

/// What forgetting a member does to their rows of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnForget {
    /// What they wrote or chose for themselves: gone.
    Delete,
    /// Their part in a count (progress, attendance, votes, ratings received): kept under an
    /// anonymous id, so the cohort's figures do not change.
    Anonymise,
}

/// Every table that names a member, the column that does, and what forgetting does.
const HOLDINGS: [(&str, &str, OnForget); 24] = [
    ("profiles", "user_id", OnForget::Delete),
    ("member_settings", "user_id", OnForget::Delete),
    ("reflections", "user_id", OnForget::Delete),
    ("listening_records", "author_id", OnForget::Delete),
    ("hub_ratings", "rater_id", OnForget::Delete),
    ("hub_proposals", "author_id", OnForget::Delete),
    ("group_members", "user_id", OnForget::Delete),
    ("members", "user_id", OnForget::Anonymise),
    ("module_progress", "user_id", OnForget::Anonymise),
    ("exercise_attempts", "user_id", OnForget::Anonymise),
    ("quiz_answers", "user_id", OnForget::Anonymise),
    ("attendance", "user_id", OnForget::Anonymise),
    ("badge_awards", "user_id", OnForget::Anonymise),
    ("pathway_choices", "user_id", OnForget::Anonymise),
    ("listening_ballots", "member_id", OnForget::Anonymise),
    ("mentor_pairs", "mentor_id", OnForget::Anonymise),
    ("mentor_pairs", "trainee_id", OnForget::Anonymise),
    ("hub_questions", "asker_id", OnForget::Anonymise),
    ("hub_answers", "author_id", OnForget::Anonymise),
    ("hub_answers", "accepted_by", OnForget::Anonymise),
    ("hub_ratings", "removed_by", OnForget::Anonymise),
    ("hub_proposals", "reviewer_id", OnForget::Anonymise),
    ("audit_log", "subject_id", OnForget::Anonymise),
    ("audit_log", "actor_id", OnForget::Anonymise),
];

/// Rows that name a member only through a parent row of theirs.
const CHILD_ROWS: [(&str, &str); 2] = [
    (
        "answers",
        "SELECT answers.* FROM answers
            JOIN exercise_attempts ON exercise_attempts.id = answers.attempt_id
            WHERE exercise_attempts.user_id = $1",
    ),
    (
        "listening_issues",
        "SELECT listening_issues.* FROM listening_issues
            JOIN listening_records ON listening_records.id = listening_issues.record_id
            WHERE listening_records.author_id = $1",
    ),
];

/// What forgetting a member changed: rows deleted and rows kept anonymously, per table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forgotten {
    pub deleted: Vec<(&'static str, u64)>,
    pub anonymised: Vec<(&'static str, u64)>,
}

impl Store {
    /// Every row that names `user`, table by table (tables with none left out), each row a
    /// JSON object of its columns; direct messages still to be sent to them included.
    pub async fn member_data(&self, user: UserId) -> Result<Map<String, Value>, StoreError> {
        let mut data = Map::new();
        let mut queries: Vec<(&str, String)> = HOLDINGS
            .iter()
            .map(|(table, column, _)| {
                let sql = format!("SELECT * FROM {table} WHERE {column} = $1");
                (*table, sql)
            })
            .collect();
        queries.extend(CHILD_ROWS.iter().map(|(t, sql)| (*t, (*sql).to_owned())));
        queries.push((
            "deliveries",
            format!("SELECT * FROM deliveries WHERE {DM_TO}"),
        ));
        for (table, sql) in queries {
            let rows = sqlx::query(&sql)
                .bind(to_db(user.0))
                .fetch_all(&self.pool)
                .await?;
            let rows = rows.iter().map(row_json).map(Value::Object);
            let entry = data.entry(table).or_insert_with(|| Value::Array(vec![]));
            if let Value::Array(list) = entry {
                list.extend(rows);
            }
        }
        data.retain(|_, rows| rows.as_array().is_some_and(|r| !r.is_empty()));
        Ok(data)
    }

    /// Forgets `user` everywhere, in one transaction: deletes what they wrote and direct
    /// messages not yet sent to them, keeps their part in counts (and the record of messages
    /// sent) under `anonymous` (an id no Discord user has), and marks them as having left
    /// their cohorts at `now`.
    pub async fn forget_member(
        &self,
        user: UserId,
        anonymous: i64,
        now: UnixMillis,
    ) -> Result<Forgotten, StoreError> {
        const LEFT: &str = "UPDATE members SET left_at = $1 WHERE user_id = $2 AND left_at IS NULL";
        let mut tx = self.begin_write().await?;
        sqlx::query(LEFT)
            .bind(now)
            .bind(to_db(user.0))
            .execute(&mut *tx)
            .await?;
        let mut forgotten = Forgotten::default();
        let unsent = format!("DELETE FROM deliveries WHERE {DM_TO} AND state <> 'sent'");
        let done = sqlx::query(&unsent)
            .bind(to_db(user.0))
            .execute(&mut *tx)
            .await?;
        forgotten.deleted.push(("deliveries", done.rows_affected()));
        let sent =
            "UPDATE deliveries SET target_id = $2 WHERE target_kind = 'dm' AND target_id = $1";
        let holdings = HOLDINGS
            .iter()
            .map(|(table, column, on_forget)| match on_forget {
                OnForget::Delete => (
                    *table,
                    format!("DELETE FROM {table} WHERE {column} = $1"),
                    false,
                ),
                OnForget::Anonymise => (
                    *table,
                    format!("UPDATE {table} SET {column} = $2 WHERE {column} = $1"),
                    true,
                ),
            });
        let sent = std::iter::once(("deliveries", sent.to_owned(), true));
        for (table, sql, anonymises) in holdings.chain(sent) {
            let mut query = sqlx::query(&sql).bind(to_db(user.0));
            if anonymises {
                query = query.bind(anonymous);
            }
            let done = query.execute(&mut *tx).await?;
            let list = if anonymises {
                &mut forgotten.anonymised
            } else {
                &mut forgotten.deleted
            };
            list.push((table, done.rows_affected()));
        }
        tx.commit().await?;
        forgotten.deleted.retain(|(_, n)| *n > 0);
        forgotten.anonymised.retain(|(_, n)| *n > 0);
        Ok(forgotten)
    }
}

impl Store {
    /// Deletes reflections submitted and one-to-one records written before `before`;
    /// returns how many of each.
    pub async fn delete_private_records_before(
        &self,
        before: UnixMillis,
    ) -> Result<(u64, u64), StoreError> {
        const REFLECTIONS: &str = "DELETE FROM reflections WHERE submitted_at < $1";
        const RECORDS: &str = "DELETE FROM listening_records WHERE created_at < $1";
        let mut tx = self.begin_write().await?;
        let reflections = sqlx::query(REFLECTIONS)
            .bind(before)
            .execute(&mut *tx)
            .await?;
        let records = sqlx::query(RECORDS).bind(before).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok((reflections.rows_affected(), records.rows_affected()))
    }
}

/// Direct messages to the member `$1`.
const DM_TO: &str = "target_kind = 'dm' AND target_id = $1";

/// A row as JSON: each column an integer, a number, text or null, whatever its type.
fn row_json(row: &AnyRow) -> Map<String, Value> {
    let mut object = Map::new();
    for (index, column) in row.columns().iter().enumerate() {
        let value = if let Ok(v) = row.try_get::<Option<i64>, _>(index) {
            v.map_or(Value::Null, Value::from)
        } else if let Ok(v) = row.try_get::<Option<f64>, _>(index) {
            v.map_or(Value::Null, Value::from)
        } else if let Ok(v) = row.try_get::<Option<String>, _>(index) {
            v.map_or(Value::Null, Value::from)
        } else {
            Value::Null
        };
        object.insert(column.name().to_owned(), value);
    }
    object
}
