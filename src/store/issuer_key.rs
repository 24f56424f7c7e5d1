use super::{Store, StoreError};
use crate::config::Secret;
use crate::model::UnixMillis;

impl Store {
    /// The private key badge credentials are signed with (PKCS#8 PEM), once one was made.
    pub async fn badge_issuer_key(&self) -> Result<Option<Secret>, StoreError> {
        const SQL: &str = "SELECT private_key FROM badge_issuer_key WHERE id = 1";
        let key: Option<String> = sqlx::query_scalar(SQL).fetch_optional(&self.pool).await?;
        Ok(key.map(Secret::new))
    }

    /// Keeps `key` as the issuer's key unless one is kept already, and returns the key kept:
    /// of two processes making one at once, both end up with the first one stored.
    pub async fn keep_badge_issuer_key(
        &self,
        key: &Secret,
        now: UnixMillis,
    ) -> Result<Secret, StoreError> {
        const SQL: &str = "INSERT INTO badge_issuer_key (id, private_key, created_at)
            VALUES (1, $1, $2)
            ON CONFLICT (id) DO NOTHING";
        sqlx::query(SQL)
            .bind(key.expose())
            .bind(now)
            .execute(&self.pool)
            .await?;
        self.badge_issuer_key().await?.ok_or(StoreError::Conflict(
            "the issuer's key vanished as it was stored",
        ))
    }
}
