use super::{to_db, Store, StoreError};
use crate::model::UnixMillis;

impl Store {
    /// Takes on interaction `id`: true the first time, false for a repeat of it (a gateway
    /// replay, or another instance that saw it too).
    pub async fn claim_interaction(&self, id: u64, now: UnixMillis) -> Result<bool, StoreError> {
        const SQL: &str = "INSERT INTO handled_interactions (interaction_id, handled_at)
            VALUES ($1, $2) ON CONFLICT (interaction_id) DO NOTHING";
        let done = sqlx::query(SQL)
            .bind(to_db(id))
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Forgets interactions handled before `before`: Discord gives up on an interaction after
    /// 15 minutes, so none of them can come again.
    pub async fn forget_interactions(&self, before: UnixMillis) -> Result<u64, StoreError> {
        const SQL: &str = "DELETE FROM handled_interactions WHERE handled_at < $1";
        let done = sqlx::query(SQL).bind(before).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }
}
