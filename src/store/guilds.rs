use super::{from_db, to_db, Store, StoreError};
use crate::model::{Guild, GuildId, UnixMillis};

impl Store {
    /// Records a server the bot is in, or its new name; keeps the first `created_at`.
    pub async fn upsert_guild(
        &self,
        id: GuildId,
        name: &str,
        now: UnixMillis,
    ) -> Result<Guild, StoreError> {
        const SQL: &str = "INSERT INTO guilds (id, name, created_at) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name
            RETURNING *";
        let row: GuildRow = sqlx::query_as(SQL)
            .bind(to_db(id.0))
            .bind(name)
            .bind(now)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.into())
    }

    pub async fn guild(&self, id: GuildId) -> Result<Option<Guild>, StoreError> {
        const SQL: &str = "SELECT * FROM guilds WHERE id = $1";
        let row: Option<GuildRow> = sqlx::query_as(SQL)
            .bind(to_db(id.0))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(Guild::from))
    }

    /// Records a server's name and preferred locale as Discord sends them, adding the server
    /// if it is new; writes nothing when neither changed. Says whether it wrote.
    pub async fn record_guild_locale(
        &self,
        id: GuildId,
        name: &str,
        locale: &str,
        now: UnixMillis,
    ) -> Result<bool, StoreError> {
        const SQL: &str =
            "INSERT INTO guilds (id, name, created_at, locale) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, locale = excluded.locale
            WHERE guilds.name <> excluded.name
                OR guilds.locale IS NULL OR guilds.locale <> excluded.locale";
        let done = sqlx::query(SQL)
            .bind(to_db(id.0))
            .bind(name)
            .bind(now)
            .bind(locale)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The server's preferred locale, `None` until Discord has said.
    pub async fn guild_locale(&self, id: GuildId) -> Result<Option<String>, StoreError> {
        const SQL: &str = "SELECT locale FROM guilds WHERE id = $1";
        let locale: Option<Option<String>> = sqlx::query_scalar(SQL)
            .bind(to_db(id.0))
            .fetch_optional(&self.pool)
            .await?;
        Ok(locale.flatten())
    }
}

#[derive(sqlx::FromRow)]
struct GuildRow {
    id: i64,
    name: String,
    created_at: i64,
}

impl From<GuildRow> for Guild {
    fn from(row: GuildRow) -> Self {
        Guild {
            id: GuildId(from_db(row.id)),
            name: row.name,
            created_at: row.created_at,
        }
    }
}
