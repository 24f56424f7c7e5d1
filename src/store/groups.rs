use std::collections::HashMap;

use super::error::conflict_on_unique;
use super::{from_db, to_db, Store, StoreError};
use crate::model::{ChannelId, CohortId, Group, GroupId, UserId};

impl Store {
    /// Creates an empty group in a series; `Conflict` when the series already has a group
    /// of that name.
    pub async fn create_group(
        &self,
        cohort: CohortId,
        series_id: &str,
        name: &str,
    ) -> Result<Group, StoreError> {
        const SQL: &str = "INSERT INTO cohort_groups (cohort_id, series_id, name)
            VALUES ($1, $2, $3)
            RETURNING *";
        let row: GroupRow = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(series_id)
            .bind(name)
            .fetch_one(&self.pool)
            .await
            .map_err(|e| conflict_on_unique(e, "a group with this name already exists"))?;
        Ok(row.into_group(Vec::new()))
    }

    /// Adds a member to a group; `false` when they were in it already.
    pub async fn add_group_member(&self, group: GroupId, user: UserId) -> Result<bool, StoreError> {
        const SQL: &str = "INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)
            ON CONFLICT DO NOTHING";
        let done = sqlx::query(SQL)
            .bind(group.0)
            .bind(to_db(user.0))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Remembers the Discord thread where the group meets.
    pub async fn set_group_thread(
        &self,
        group: GroupId,
        thread: ChannelId,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE cohort_groups SET thread_id = $2 WHERE id = $1";
        let done = sqlx::query(SQL)
            .bind(group.0)
            .bind(to_db(thread.0))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A cohort's groups with their members, by series then name.
    pub async fn list_groups(&self, cohort: CohortId) -> Result<Vec<Group>, StoreError> {
        const GROUPS: &str = "SELECT * FROM cohort_groups WHERE cohort_id = $1
            ORDER BY series_id, name";
        const MEMBERS: &str = "SELECT gm.group_id, gm.user_id FROM group_members gm
            JOIN cohort_groups g ON g.id = gm.group_id
            WHERE g.cohort_id = $1
            ORDER BY gm.user_id";
        let groups: Vec<GroupRow> = sqlx::query_as(GROUPS)
            .bind(cohort.0)
            .fetch_all(&self.pool)
            .await?;
        let members: Vec<(i64, i64)> = sqlx::query_as(MEMBERS)
            .bind(cohort.0)
            .fetch_all(&self.pool)
            .await?;
        let mut by_group: HashMap<i64, Vec<UserId>> = HashMap::new();
        for (group, user) in members {
            by_group
                .entry(group)
                .or_default()
                .push(UserId(from_db(user)));
        }
        Ok(groups
            .into_iter()
            .map(|g| {
                let members = by_group.remove(&g.id).unwrap_or_default();
                g.into_group(members)
            })
            .collect())
    }
}

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: i64,
    cohort_id: i64,
    series_id: String,
    name: String,
    thread_id: Option<i64>,
}

impl GroupRow {
    fn into_group(self, members: Vec<UserId>) -> Group {
        Group {
            id: GroupId(self.id),
            cohort_id: CohortId(self.cohort_id),
            series_id: self.series_id,
            name: self.name,
            thread_id: self.thread_id.map(|t| ChannelId(from_db(t))),
            members,
        }
    }
}
