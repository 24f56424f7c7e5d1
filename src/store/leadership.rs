//! Leadership among instances sharing one database: a leased row per role.

use super::{Store, StoreError};
use crate::model::UnixMillis;

impl Store {
    /// Takes `role` for `holder` until `until`, or extends its term, unless another holder's
    /// term is still running at `now`. In one statement, so of two instances asking at once
    /// exactly one leads. `true` when `holder` leads.
    pub async fn hold_leadership(
        &self,
        role: &str,
        holder: &str,
        now: UnixMillis,
        until: UnixMillis,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "INSERT INTO leadership (role, holder, expires_at) VALUES ($1, $2, $4)
            ON CONFLICT (role) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leadership.holder = excluded.holder OR leadership.expires_at <= $3";
        let done = sqlx::query(SQL)
            .bind(role)
            .bind(holder)
            .bind(now)
            .bind(until)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Gives `role` up, if `holder` has it, so that another instance takes over at once.
    pub async fn resign_leadership(&self, role: &str, holder: &str) -> Result<(), StoreError> {
        const SQL: &str = "DELETE FROM leadership WHERE role = $1 AND holder = $2";
        sqlx::query(SQL)
            .bind(role)
            .bind(holder)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Who holds `role`, and until when; a term that has passed is still shown.
    pub async fn leader(&self, role: &str) -> Result<Option<(String, UnixMillis)>, StoreError> {
        const SQL: &str = "SELECT holder, expires_at FROM leadership WHERE role = $1";
        Ok(sqlx::query_as(SQL)
            .bind(role)
            .fetch_optional(&self.pool)
            .await?)
    }
}
