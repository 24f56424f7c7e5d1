use super::error::not_found_on_foreign_key;
use super::notify::Work;
use super::{from_db, to_db, Store, StoreError};
use crate::model::{
    AwardOutcome, BadgeAward, BadgeAwardId, CohortId, GuildId, NewBadgeAward, RoleId, UnixMillis,
    UserId,
};

impl Store {
    /// Awards a badge. Awarding a badge the member already holds changes nothing and
    /// returns the award they hold (`newly_awarded` false); after a revocation the badge
    /// can be awarded again.
    pub async fn award_badge(&self, new: &NewBadgeAward) -> Result<AwardOutcome, StoreError> {
        // Between a refused insert and the read, the active award may have been revoked;
        // then the insert is tried again.
        for _ in 0..3 {
            if let Some(award) = self.insert_award(new).await? {
                self.changed(Work::Roles).await;
                return Ok(AwardOutcome {
                    award,
                    newly_awarded: true,
                });
            }
            let active = self
                .active_award(new.cohort_id, new.user_id, &new.badge_id)
                .await?;
            if let Some(award) = active {
                return Ok(AwardOutcome {
                    award,
                    newly_awarded: false,
                });
            }
        }
        Err(StoreError::Conflict(
            "the badge changed while it was being awarded",
        ))
    }

    /// Revokes an active award; `false` when it was already revoked or does not exist.
    /// The award needs its role removed, so it counts as not role-synced again.
    pub async fn revoke_badge(
        &self,
        award: BadgeAwardId,
        by: UserId,
        reason: &str,
        now: UnixMillis,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE badge_awards
            SET revoked_at = $2, revoked_by = $3, revoke_reason = $4,
                role_synced_at = NULL, role_error = NULL
            WHERE id = $1 AND revoked_at IS NULL";
        let done = sqlx::query(SQL)
            .bind(award.0)
            .bind(now)
            .bind(to_db(by.0))
            .bind(reason)
            .execute(&self.pool)
            .await?;
        let revoked = done.rows_affected() == 1;
        if revoked {
            self.changed(Work::Roles).await;
        }
        Ok(revoked)
    }

    /// Every award a member received in a cohort, revoked ones included, oldest first.
    pub async fn badge_awards_of_member(
        &self,
        cohort: CohortId,
        user: UserId,
    ) -> Result<Vec<BadgeAward>, StoreError> {
        const SQL: &str = "SELECT * FROM badge_awards WHERE cohort_id = $1 AND user_id = $2
            ORDER BY awarded_at, id";
        let rows: Vec<BadgeAwardRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(BadgeAward::from).collect())
    }

    /// One award, revoked or not.
    pub async fn badge_award(&self, award: BadgeAwardId) -> Result<Option<BadgeAward>, StoreError> {
        const SQL: &str = "SELECT * FROM badge_awards WHERE id = $1";
        let row: Option<BadgeAwardRow> = sqlx::query_as(SQL)
            .bind(award.0)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(BadgeAward::from))
    }

    /// Every award of a cohort, revoked ones included, oldest first.
    pub async fn badge_awards_of_cohort(
        &self,
        cohort: CohortId,
    ) -> Result<Vec<BadgeAward>, StoreError> {
        const SQL: &str = "SELECT * FROM badge_awards WHERE cohort_id = $1 ORDER BY awarded_at, id";
        let rows: Vec<BadgeAwardRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(BadgeAward::from).collect())
    }

    /// Awards whose Discord role does not match yet (to add, or to remove when revoked),
    /// oldest first, failed ones included (see `role_error`).
    pub async fn unsynced_badge_awards(&self, limit: u32) -> Result<Vec<BadgeAward>, StoreError> {
        const SQL: &str =
            "SELECT * FROM badge_awards WHERE role_synced_at IS NULL ORDER BY id LIMIT $1";
        let rows: Vec<BadgeAwardRow> = sqlx::query_as(SQL)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(BadgeAward::from).collect())
    }

    /// Records that the member's roles now match the award; clears any earlier error.
    pub async fn mark_badge_role_synced(
        &self,
        award: BadgeAwardId,
        now: UnixMillis,
    ) -> Result<bool, StoreError> {
        const SQL: &str =
            "UPDATE badge_awards SET role_synced_at = $2, role_error = NULL WHERE id = $1";
        let done = sqlx::query(SQL)
            .bind(award.0)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records why the role could not be given or taken; the award stays unsynced. True
    /// only when this changed the recorded reason, so a problem is reported once.
    pub async fn record_badge_role_error(
        &self,
        award: BadgeAwardId,
        error: &str,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE badge_awards SET role_error = $2
            WHERE id = $1 AND (role_error IS NULL OR role_error <> $2)";
        let done = sqlx::query(SQL)
            .bind(award.0)
            .bind(error)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The Discord role that stands for a badge in this server.
    pub async fn badge_role(
        &self,
        guild: GuildId,
        badge_key: &str,
    ) -> Result<Option<RoleId>, StoreError> {
        const SQL: &str = "SELECT role_id FROM badge_roles WHERE guild_id = $1 AND badge_key = $2";
        let role: Option<i64> = sqlx::query_scalar(SQL)
            .bind(to_db(guild.0))
            .bind(badge_key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(role.map(|r| RoleId(from_db(r))))
    }

    pub async fn set_badge_role(
        &self,
        guild: GuildId,
        badge_key: &str,
        role: RoleId,
    ) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO badge_roles (guild_id, badge_key, role_id)
            VALUES ($1, $2, $3)
            ON CONFLICT (guild_id, badge_key) DO UPDATE SET role_id = excluded.role_id";
        sqlx::query(SQL)
            .bind(to_db(guild.0))
            .bind(badge_key)
            .bind(to_db(role.0))
            .execute(&self.pool)
            .await
            .map_err(|e| not_found_on_foreign_key(e, "server"))?;
        Ok(())
    }

    /// Inserts the award unless an active one exists (then `None`).
    async fn insert_award(&self, new: &NewBadgeAward) -> Result<Option<BadgeAward>, StoreError> {
        const SQL: &str = "INSERT INTO badge_awards
                (cohort_id, user_id, badge_id, awarded_at, awarded_by, reason)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT DO NOTHING
            RETURNING *";
        let row: Option<BadgeAwardRow> = sqlx::query_as(SQL)
            .bind(new.cohort_id.0)
            .bind(to_db(new.user_id.0))
            .bind(&new.badge_id)
            .bind(new.awarded_at)
            .bind(new.awarded_by.map(|u| to_db(u.0)))
            .bind(new.reason.as_deref())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(BadgeAward::from))
    }

    async fn active_award(
        &self,
        cohort: CohortId,
        user: UserId,
        badge_id: &str,
    ) -> Result<Option<BadgeAward>, StoreError> {
        const SQL: &str = "SELECT * FROM badge_awards
            WHERE cohort_id = $1 AND user_id = $2 AND badge_id = $3 AND revoked_at IS NULL";
        let row: Option<BadgeAwardRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(badge_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(BadgeAward::from))
    }
}

/// Also read from JSON (see `member_facts.rs`), with the same names.
#[derive(sqlx::FromRow, serde::Deserialize)]
pub(super) struct BadgeAwardRow {
    id: i64,
    cohort_id: i64,
    user_id: i64,
    badge_id: String,
    awarded_at: i64,
    awarded_by: Option<i64>,
    reason: Option<String>,
    revoked_at: Option<i64>,
    revoked_by: Option<i64>,
    revoke_reason: Option<String>,
    role_synced_at: Option<i64>,
    role_error: Option<String>,
}

impl From<BadgeAwardRow> for BadgeAward {
    fn from(row: BadgeAwardRow) -> Self {
        BadgeAward {
            id: BadgeAwardId(row.id),
            cohort_id: CohortId(row.cohort_id),
            user_id: UserId(from_db(row.user_id)),
            badge_id: row.badge_id,
            awarded_by: row.awarded_by.map(|u| UserId(from_db(u))),
            reason: row.reason,
            awarded_at: row.awarded_at,
            revoked_at: row.revoked_at,
            revoked_by: row.revoked_by.map(|u| UserId(from_db(u))),
            revoke_reason: row.revoke_reason,
            role_synced_at: row.role_synced_at,
            role_error: row.role_error,
        }
    }
}
