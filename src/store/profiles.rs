//! Profile pages, one per member and server.

use super::{from_db, to_db, Store, StoreError};
use crate::model::profiles::Profile;
use crate::model::{GuildId, UserId};

impl Store {
    /// The member's profile in the server, if they wrote one or chose who sees their progress.
    pub async fn profile(
        &self,
        guild: GuildId,
        user: UserId,
    ) -> Result<Option<Profile>, StoreError> {
        const SQL: &str = "SELECT * FROM profiles WHERE guild_id = $1 AND user_id = $2";
        let row: Option<ProfileRow> = sqlx::query_as(SQL)
            .bind(to_db(guild.0))
            .bind(to_db(user.0))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(Profile::from))
    }

    /// Writes the whole profile, replacing the one there was.
    pub async fn save_profile(&self, profile: &Profile) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO profiles
                (guild_id, user_id, area, bio, links, progress_shown, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (guild_id, user_id) DO UPDATE SET area = excluded.area,
                bio = excluded.bio, links = excluded.links,
                progress_shown = excluded.progress_shown, updated_at = excluded.updated_at";
        sqlx::query(SQL)
            .bind(to_db(profile.guild_id.0))
            .bind(to_db(profile.user_id.0))
            .bind(&profile.area)
            .bind(&profile.bio)
            .bind(profile.links.join("\n"))
            .bind(i64::from(profile.progress_shown))
            .bind(profile.updated_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Deletes the member's profile in the server; whether there was one.
    pub async fn erase_profile(&self, guild: GuildId, user: UserId) -> Result<bool, StoreError> {
        const SQL: &str = "DELETE FROM profiles WHERE guild_id = $1 AND user_id = $2";
        let done = sqlx::query(SQL)
            .bind(to_db(guild.0))
            .bind(to_db(user.0))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    guild_id: i64,
    user_id: i64,
    area: String,
    bio: String,
    links: String,
    progress_shown: i64,
    updated_at: i64,
}

impl From<ProfileRow> for Profile {
    fn from(row: ProfileRow) -> Self {
        Profile {
            guild_id: GuildId(from_db(row.guild_id)),
            user_id: UserId(from_db(row.user_id)),
            area: row.area,
            bio: row.bio,
            links: row.links.lines().map(str::to_owned).collect(),
            progress_shown: row.progress_shown != 0,
            updated_at: row.updated_at,
        }
    }
}
