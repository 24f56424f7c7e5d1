//! The knowledge hub's forums.

use super::{from_db, parse, to_db, Store, StoreError};
use crate::model::hub::HubForum;
use crate::model::{ChannelId, GuildId, HubForumKind, UnixMillis, UserId};

impl Store {
    /// Records (or replaces) the forum a server's hub uses for `kind`.
    pub async fn set_hub_forum(&self, forum: &HubForum) -> Result<(), StoreError> {
        const SQL: &str =
            "INSERT INTO hub_forums (guild_id, kind, channel_id, set_up_by, set_up_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (guild_id, kind) DO UPDATE SET channel_id = excluded.channel_id,
                set_up_by = excluded.set_up_by, set_up_at = excluded.set_up_at";
        sqlx::query(SQL)
            .bind(to_db(forum.guild_id.0))
            .bind(forum.kind.as_str())
            .bind(to_db(forum.channel_id.0))
            .bind(to_db(forum.set_up_by.0))
            .bind(forum.set_up_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The forum a server's hub uses for `kind`, if set up.
    pub async fn hub_forum(
        &self,
        guild: GuildId,
        kind: HubForumKind,
    ) -> Result<Option<HubForum>, StoreError> {
        const SQL: &str = "SELECT * FROM hub_forums WHERE guild_id = $1 AND kind = $2";
        let row: Option<HubForumRow> = sqlx::query_as(SQL)
            .bind(to_db(guild.0))
            .bind(kind.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(HubForum::try_from).transpose()
    }
}

#[derive(sqlx::FromRow)]
struct HubForumRow {
    guild_id: i64,
    kind: String,
    channel_id: i64,
    set_up_by: i64,
    set_up_at: UnixMillis,
}

impl TryFrom<HubForumRow> for HubForum {
    type Error = StoreError;

    fn try_from(row: HubForumRow) -> Result<Self, StoreError> {
        Ok(HubForum {
            guild_id: GuildId(from_db(row.guild_id)),
            kind: parse("hub_forums.kind", &row.kind)?,
            channel_id: ChannelId(from_db(row.channel_id)),
            set_up_by: UserId(from_db(row.set_up_by)),
            set_up_at: row.set_up_at,
        })
    }
}
