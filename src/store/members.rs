use std::collections::HashMap;

use sqlx::any::AnyRow;
use sqlx::Row;

use super::cohorts::CohortRow;
use super::member_facts::{FactsRow, FactsWanted};
use super::member_settings::JoinedSettings;
use super::{convert_all, from_db, parse, to_db, Backend, Store, StoreError};
use crate::model::{
    Cohort, CohortId, CohortOfMember, CohortRole, CohortsOfMember, GuildId, Member, UnixMillis,
    UserId,
};

impl Store {
    /// Adds someone to a cohort with `role`, or changes their role. Someone who had left
    /// rejoins: `left_at` is cleared and `joined_at` restarts; a current member keeps
    /// their original `joined_at`.
    pub async fn enroll(
        &self,
        cohort: CohortId,
        user: UserId,
        role: CohortRole,
        now: UnixMillis,
    ) -> Result<Member, StoreError> {
        const SQL: &str = "INSERT INTO members (cohort_id, user_id, role, joined_at)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (cohort_id, user_id) DO UPDATE SET
                role = excluded.role,
                joined_at = CASE WHEN members.left_at IS NULL
                    THEN members.joined_at ELSE excluded.joined_at END,
                left_at = NULL
            RETURNING *";
        let row: MemberRow = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(role.as_str())
            .bind(now)
            .fetch_one(&self.pool)
            .await?;
        row.try_into()
    }

    /// Marks a member as having left; `false` when they were not a current member.
    pub async fn leave(
        &self,
        cohort: CohortId,
        user: UserId,
        now: UnixMillis,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE members SET left_at = $3
            WHERE cohort_id = $1 AND user_id = $2 AND left_at IS NULL";
        let done = sqlx::query(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The membership record, also after the member left (see `left_at`).
    pub async fn member(
        &self,
        cohort: CohortId,
        user: UserId,
    ) -> Result<Option<Member>, StoreError> {
        const SQL: &str = "SELECT * FROM members WHERE cohort_id = $1 AND user_id = $2";
        let row: Option<MemberRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .fetch_optional(&self.pool)
            .await?;
        row.map(Member::try_from).transpose()
    }

    /// Current members, all or those with `role`, in order of joining.
    pub async fn list_members(
        &self,
        cohort: CohortId,
        role: Option<CohortRole>,
    ) -> Result<Vec<Member>, StoreError> {
        const SQL: &str = "SELECT * FROM members
            WHERE cohort_id = $1 AND left_at IS NULL AND ($2 IS NULL OR role = $2)
            ORDER BY joined_at, user_id";
        let rows: Vec<MemberRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(role.map(CohortRole::as_str))
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    /// The member's role in each of their current cohorts in `guild`, by cohort.
    pub async fn roles_of_member(
        &self,
        guild: GuildId,
        user: UserId,
    ) -> Result<HashMap<CohortId, CohortRole>, StoreError> {
        const SQL: &str = "SELECT m.cohort_id, m.role FROM members m
            JOIN cohorts c ON c.id = m.cohort_id
            WHERE c.guild_id = $1 AND m.user_id = $2
              AND m.left_at IS NULL AND c.archived_at IS NULL";
        let (guild, user) = (to_db(guild.0), to_db(user.0));
        let read_here = self.native.as_ref().and_then(|native| {
            native.read(SQL, |statement| {
                let params = rusqlite::named_params! { "$1": guild, "$2": user };
                let rows = statement.query_map(params, |row| Ok((row.get(0)?, row.get(1)?)))?;
                rows.collect::<rusqlite::Result<Vec<(i64, String)>>>()
            })
        });
        let rows = match read_here {
            Some(rows) => rows,
            None => {
                sqlx::query_as(SQL)
                    .bind(guild)
                    .bind(user)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter()
            .map(|(cohort, role)| Ok((CohortId(*cohort), parse("members.role", role)?)))
            .collect()
    }

    /// Cohort `cohort`, whether `user` is a current member of it, their settings in its
    /// server and, when `facts` asks for them, their facts there (read whether or not they
    /// are a member), in one statement.
    pub async fn cohort_with_member(
        &self,
        cohort: CohortId,
        user: UserId,
        facts: Option<FactsWanted>,
    ) -> Result<Option<CohortOfMember>, StoreError> {
        let read = self.read_cohort_with_member(cohort, user, facts);
        self.kept_or_read(user, (cohort, facts), read).await
    }

    async fn read_cohort_with_member(
        &self,
        cohort: CohortId,
        user: UserId,
        facts: Option<FactsWanted>,
    ) -> Result<Option<CohortOfMember>, StoreError> {
        let sql = match self.backend {
            Backend::Sqlite => COHORT_WITH_MEMBER_SQLITE,
            Backend::Postgres => COHORT_WITH_MEMBER_POSTGRES,
        };
        let wanted = facts.unwrap_or_default();
        let row: Option<CohortOfMemberRow> = sqlx::query_as(sql)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(i64::from(facts.is_some()))
            .bind(i64::from(wanted.sessions))
            .bind(i64::from(wanted.conversations))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            let cohort = Cohort::try_from(r.cohort)?;
            Ok(CohortOfMember {
                settings: r.settings.of(cohort.guild_id, user),
                is_current_member: r.is_current_member == 1,
                facts: facts.map(|_| r.facts.try_into()).transpose()?,
                cohort,
            })
        })
        .transpose()
    }

    /// As [`Store::cohorts_of_member`], with `user`'s settings in the server and, when
    /// `facts` asks for them, their facts in each cohort, in one statement.
    pub async fn cohorts_of_member_with_settings(
        &self,
        guild: GuildId,
        user: UserId,
        facts: Option<FactsWanted>,
    ) -> Result<CohortsOfMember, StoreError> {
        let read = self.read_cohorts_of_member_with_settings(guild, user, facts);
        self.kept_or_read(user, (guild, facts), read).await
    }

    async fn read_cohorts_of_member_with_settings(
        &self,
        guild: GuildId,
        user: UserId,
        facts: Option<FactsWanted>,
    ) -> Result<CohortsOfMember, StoreError> {
        let sql = match self.backend {
            Backend::Sqlite => COHORTS_OF_MEMBER_SQLITE,
            Backend::Postgres => COHORTS_OF_MEMBER_POSTGRES,
        };
        let wanted = facts.unwrap_or_default();
        let rows: Vec<MaybeCohortRow> = sqlx::query_as(sql)
            .bind(to_db(guild.0))
            .bind(to_db(user.0))
            .bind(i64::from(facts.is_some()))
            .bind(i64::from(wanted.sessions))
            .bind(i64::from(wanted.conversations))
            .fetch_all(&self.pool)
            .await?;
        let mut settings = None;
        let mut cohorts = Vec::new();
        for row in rows {
            settings.get_or_insert_with(|| row.settings.of(guild, user));
            if let Some(cohort) = row.cohort {
                let read = facts.map(|_| row.facts.try_into()).transpose()?;
                cohorts.push((Cohort::try_from(cohort)?, read));
            }
        }
        let settings = settings.ok_or(StoreError::NotFound("member settings"))?;
        Ok(CohortsOfMember { cohorts, settings })
    }

    /// The unarchived cohorts of this server that `user` currently belongs to, oldest first.
    pub async fn cohorts_of_member(
        &self,
        guild: GuildId,
        user: UserId,
    ) -> Result<Vec<Cohort>, StoreError> {
        const SQL: &str = "SELECT c.* FROM cohorts c
            JOIN members m ON m.cohort_id = c.id
            WHERE c.guild_id = $1 AND m.user_id = $2
              AND m.left_at IS NULL AND c.archived_at IS NULL
            ORDER BY c.created_at, c.id";
        let rows: Vec<CohortRow> = sqlx::query_as(SQL)
            .bind(to_db(guild.0))
            .bind(to_db(user.0))
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }
}

/// [`Store::cohort_with_member`]'s statement, with the member's facts as its last columns.
macro_rules! cohort_with_member {
    ($facts:expr) => {
        concat!(
            "SELECT c.*, CAST(CASE WHEN m.user_id IS NOT NULL AND m.left_at IS NULL
                THEN 1 ELSE 0 END AS BIGINT) AS is_current_member,
                s.current_cohort_id AS settings_current_cohort_id,
                s.reminders_muted AS settings_reminders_muted,
                s.language AS settings_language, s.last_locale AS settings_last_locale, ",
            $facts,
            " FROM cohorts c
            LEFT JOIN members m ON m.cohort_id = c.id AND m.user_id = $2
            LEFT JOIN member_settings s ON s.guild_id = c.guild_id AND s.user_id = $2
            WHERE c.id = $1"
        )
    };
}

const COHORT_WITH_MEMBER_SQLITE: &str = cohort_with_member!(member_facts_sqlite!("$1"));
const COHORT_WITH_MEMBER_POSTGRES: &str = cohort_with_member!(member_facts_postgres!("$1"));

/// [`Store::cohorts_of_member_with_settings`]'s statement: one row for each cohort, or one
/// with no cohort, so that the settings come either way.
macro_rules! cohorts_of_member {
    ($facts:expr) => {
        concat!(
            "SELECT c.*, s.current_cohort_id AS settings_current_cohort_id,
                s.reminders_muted AS settings_reminders_muted,
                s.language AS settings_language, s.last_locale AS settings_last_locale, ",
            $facts,
            " FROM (SELECT 1 AS one) k
            LEFT JOIN member_settings s ON s.guild_id = $1 AND s.user_id = $2
            LEFT JOIN (SELECT c.* FROM cohorts c JOIN members m ON m.cohort_id = c.id
                WHERE c.guild_id = $1 AND m.user_id = $2
                  AND m.left_at IS NULL AND c.archived_at IS NULL) c ON 1 = 1
            ORDER BY c.created_at, c.id"
        )
    };
}

const COHORTS_OF_MEMBER_SQLITE: &str = cohorts_of_member!(member_facts_sqlite!("c.id"));

/// The statements whose reads are kept on SQLite (`facts_cache.rs`): every table they read
/// must move a stamp when it changes, which a test checks.
pub const KEPT_READS_SQLITE_SQL: [&str; 2] = [COHORT_WITH_MEMBER_SQLITE, COHORTS_OF_MEMBER_SQLITE];
const COHORTS_OF_MEMBER_POSTGRES: &str = cohorts_of_member!(member_facts_postgres!("c.id"));

#[derive(sqlx::FromRow)]
struct CohortOfMemberRow {
    #[sqlx(flatten)]
    cohort: CohortRow,
    is_current_member: i64,
    #[sqlx(flatten)]
    settings: JoinedSettings,
    #[sqlx(flatten)]
    facts: FactsRow,
}

/// A row of cohort columns that are all NULL when the member has no cohort.
struct MaybeCohortRow {
    cohort: Option<CohortRow>,
    settings: JoinedSettings,
    facts: FactsRow,
}

impl<'r> sqlx::FromRow<'r, AnyRow> for MaybeCohortRow {
    fn from_row(row: &'r AnyRow) -> sqlx::Result<Self> {
        let id: Option<i64> = row.try_get("id")?;
        Ok(MaybeCohortRow {
            cohort: id.map(|_| CohortRow::from_row(row)).transpose()?,
            settings: JoinedSettings::from_row(row)?,
            facts: FactsRow::from_row(row)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    cohort_id: i64,
    user_id: i64,
    role: String,
    joined_at: i64,
    left_at: Option<i64>,
}

impl TryFrom<MemberRow> for Member {
    type Error = StoreError;

    fn try_from(row: MemberRow) -> Result<Self, StoreError> {
        Ok(Member {
            cohort_id: CohortId(row.cohort_id),
            user_id: UserId(from_db(row.user_id)),
            role: parse("members.role", &row.role)?,
            joined_at: row.joined_at,
            left_at: row.left_at,
        })
    }
}
