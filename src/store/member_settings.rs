use super::error::not_found_on_foreign_key;
use super::{from_db, to_db, Store, StoreError};
use crate::model::{CohortId, GuildId, MemberSettings, UserId};

impl Store {
    /// Someone's settings in a server; defaults (no current cohort, reminders on) when
    /// nothing was saved.
    pub async fn member_settings(
        &self,
        guild: GuildId,
        user: UserId,
    ) -> Result<MemberSettings, StoreError> {
        const SQL: &str = "SELECT * FROM member_settings WHERE guild_id = $1 AND user_id = $2";
        let row: Option<MemberSettingsRow> = sqlx::query_as(SQL)
            .bind(to_db(guild.0))
            .bind(to_db(user.0))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map_or_else(|| unsaved(guild, user), MemberSettings::from))
    }

    /// The saved settings of each of `users` in this server, in one query; someone with
    /// nothing saved is left out.
    pub async fn member_settings_of(
        &self,
        guild: GuildId,
        users: &[UserId],
    ) -> Result<Vec<MemberSettings>, StoreError> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = users.iter().map(|u| to_db(u.0).to_string()).collect();
        // The ids are numbers, so they are safe to inline.
        let sql = format!(
            "SELECT * FROM member_settings WHERE guild_id = $1 AND user_id IN ({})",
            ids.join(", ")
        );
        let rows: Vec<MemberSettingsRow> = sqlx::query_as(&sql)
            .bind(to_db(guild.0))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(MemberSettings::from).collect())
    }

    /// Remembers which cohort `user` means in this server when they do not name one.
    pub async fn set_current_cohort(
        &self,
        guild: GuildId,
        user: UserId,
        cohort: Option<CohortId>,
    ) -> Result<MemberSettings, StoreError> {
        const SQL: &str = "INSERT INTO member_settings (guild_id, user_id, current_cohort_id)
            VALUES ($1, $2, $3)
            ON CONFLICT (guild_id, user_id) DO UPDATE SET
                current_cohort_id = excluded.current_cohort_id
            RETURNING *";
        let row: MemberSettingsRow = sqlx::query_as(SQL)
            .bind(to_db(guild.0))
            .bind(to_db(user.0))
            .bind(cohort.map(|c| c.0))
            .fetch_one(&self.pool)
            .await
            .map_err(|e| not_found_on_foreign_key(e, "server or cohort"))?;
        Ok(row.into())
    }

    pub async fn set_reminders_muted(
        &self,
        guild: GuildId,
        user: UserId,
        muted: bool,
    ) -> Result<MemberSettings, StoreError> {
        const SQL: &str = "INSERT INTO member_settings (guild_id, user_id, reminders_muted)
            VALUES ($1, $2, $3)
            ON CONFLICT (guild_id, user_id) DO UPDATE SET
                reminders_muted = excluded.reminders_muted
            RETURNING *";
        let row: MemberSettingsRow = sqlx::query_as(SQL)
            .bind(to_db(guild.0))
            .bind(to_db(user.0))
            .bind(i64::from(muted))
            .fetch_one(&self.pool)
            .await
            .map_err(|e| not_found_on_foreign_key(e, "server"))?;
        Ok(row.into())
    }

    /// The language `user` reads in this server; `None` follows Discord's locale.
    pub async fn set_member_language(
        &self,
        guild: GuildId,
        user: UserId,
        language: Option<&str>,
    ) -> Result<MemberSettings, StoreError> {
        const SQL: &str = "INSERT INTO member_settings (guild_id, user_id, language)
            VALUES ($1, $2, $3)
            ON CONFLICT (guild_id, user_id) DO UPDATE SET language = excluded.language
            RETURNING *";
        let row: MemberSettingsRow = sqlx::query_as(SQL)
            .bind(to_db(guild.0))
            .bind(to_db(user.0))
            .bind(language)
            .fetch_one(&self.pool)
            .await
            .map_err(|e| not_found_on_foreign_key(e, "server"))?;
        Ok(row.into())
    }

    /// Remembers the locale `user`'s Discord client sent. Callers compare with the one
    /// already read first, so an unchanged locale costs no write.
    pub async fn record_member_locale(
        &self,
        guild: GuildId,
        user: UserId,
        locale: &str,
    ) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO member_settings (guild_id, user_id, last_locale)
            VALUES ($1, $2, $3)
            ON CONFLICT (guild_id, user_id) DO UPDATE SET last_locale = excluded.last_locale";
        sqlx::query(SQL)
            .bind(to_db(guild.0))
            .bind(to_db(user.0))
            .bind(locale)
            .execute(&self.pool)
            .await
            .map_err(|e| not_found_on_foreign_key(e, "server"))?;
        Ok(())
    }
}

#[derive(sqlx::FromRow)]
struct MemberSettingsRow {
    guild_id: i64,
    user_id: i64,
    current_cohort_id: Option<i64>,
    reminders_muted: i64,
    language: Option<String>,
    last_locale: Option<String>,
}

impl From<MemberSettingsRow> for MemberSettings {
    fn from(row: MemberSettingsRow) -> Self {
        MemberSettings {
            guild_id: GuildId(from_db(row.guild_id)),
            user_id: UserId(from_db(row.user_id)),
            current_cohort_id: row.current_cohort_id.map(CohortId),
            reminders_muted: row.reminders_muted != 0,
            language: row.language,
            last_locale: row.last_locale,
        }
    }
}

/// The settings of someone who saved none: no current cohort, reminders on.
fn unsaved(guild: GuildId, user: UserId) -> MemberSettings {
    MemberSettings {
        guild_id: guild,
        user_id: user,
        current_cohort_id: None,
        reminders_muted: false,
        language: None,
        last_locale: None,
    }
}

/// Someone's settings read beside other rows, from `member_settings s` LEFT JOINed: its
/// columns as `s.current_cohort_id AS settings_current_cohort_id`, and so on. All are NULL
/// when nothing was saved.
#[derive(sqlx::FromRow)]
pub(super) struct JoinedSettings {
    settings_current_cohort_id: Option<i64>,
    settings_reminders_muted: Option<i64>,
    settings_language: Option<String>,
    settings_last_locale: Option<String>,
}

impl JoinedSettings {
    pub(super) fn of(self, guild: GuildId, user: UserId) -> MemberSettings {
        let Some(muted) = self.settings_reminders_muted else {
            return unsaved(guild, user);
        };
        MemberSettings {
            guild_id: guild,
            user_id: user,
            current_cohort_id: self.settings_current_cohort_id.map(CohortId),
            reminders_muted: muted != 0,
            language: self.settings_language,
            last_locale: self.settings_last_locale,
        }
    }
}
