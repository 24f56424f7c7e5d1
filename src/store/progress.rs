use super::{convert_all, from_db, parse, to_db, to_percent, to_u32, Backend, Store, StoreError};
use crate::model::{CohortId, ModuleProgress, ProgressState, UnixMillis, UserId};

impl Store {
    /// Every module the member has started, in the order they started them.
    pub async fn progress_of_member(
        &self,
        cohort: CohortId,
        user: UserId,
    ) -> Result<Vec<ModuleProgress>, StoreError> {
        const SQL: &str = "SELECT * FROM module_progress
            WHERE cohort_id = $1 AND user_id = $2
            ORDER BY started_at, module_id";
        let rows: Vec<ProgressRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    /// Every module any member of the cohort has started, by member, then in the order
    /// they started them: the whole cohort in one statement, for its report.
    pub async fn progress_of_cohort(
        &self,
        cohort: CohortId,
    ) -> Result<Vec<ModuleProgress>, StoreError> {
        const SQL: &str = "SELECT * FROM module_progress WHERE cohort_id = $1
            ORDER BY user_id, started_at, module_id";
        let rows: Vec<ProgressRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    /// Opens a module for the member at its first page. Opening it again changes nothing
    /// and returns where they are.
    pub async fn start_module(
        &self,
        cohort: CohortId,
        user: UserId,
        module_id: &str,
        now: UnixMillis,
    ) -> Result<ModuleProgress, StoreError> {
        // The no-op update makes RETURNING yield the existing row on a conflict.
        const SQL: &str = "INSERT INTO module_progress
                (cohort_id, user_id, module_id, state, page_index, started_at, attempts_used)
            VALUES ($1, $2, $3, 'in_progress', 0, $4, 0)
            ON CONFLICT (cohort_id, user_id, module_id) DO UPDATE SET
                state = module_progress.state
            RETURNING *";
        let row: ProgressRow = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(module_id)
            .bind(now)
            .fetch_one(&self.pool)
            .await?;
        row.try_into()
    }

    /// Remembers the page the member is reading. The page is a bookmark, turned on every
    /// click: on PostgreSQL it is not waited on to reach the disk (see `unsynced!`), so a
    /// crash of the server can at worst reopen the module a page or two back.
    pub async fn set_module_page(
        &self,
        cohort: CohortId,
        user: UserId,
        module_id: &str,
        page_index: u32,
    ) -> Result<ModuleProgress, StoreError> {
        let write = self.write_module_page(cohort, user, module_id, page_index);
        self.page_turned(user, write).await
    }

    async fn write_module_page(
        &self,
        cohort: CohortId,
        user: UserId,
        module_id: &str,
        page_index: u32,
    ) -> Result<ModuleProgress, StoreError> {
        const SQLITE: &str = "UPDATE module_progress SET page_index = $4
            WHERE cohort_id = $1 AND user_id = $2 AND module_id = $3
            RETURNING *";
        const POSTGRES: &str = unsynced!(
            "UPDATE module_progress SET page_index = $4 FROM unsynced
            WHERE cohort_id = $1 AND user_id = $2 AND module_id = $3
            RETURNING module_progress.*"
        );
        let sql = match self.backend {
            Backend::Sqlite => SQLITE,
            Backend::Postgres => POSTGRES,
        };
        let row: Option<ProgressRow> = sqlx::query_as(sql)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(module_id)
            .bind(i64::from(page_index))
            .fetch_optional(&self.pool)
            .await?;
        row.ok_or(StoreError::NotFound("module progress"))?
            .try_into()
    }

    /// Marks a started module done; completing it again keeps the first completion time.
    pub async fn complete_module(
        &self,
        cohort: CohortId,
        user: UserId,
        module_id: &str,
        now: UnixMillis,
    ) -> Result<ModuleProgress, StoreError> {
        const SQL: &str = "UPDATE module_progress
            SET state = 'done', completed_at = COALESCE(completed_at, $4)
            WHERE cohort_id = $1 AND user_id = $2 AND module_id = $3
            RETURNING *";
        let row: Option<ProgressRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(module_id)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        row.ok_or(StoreError::NotFound("module progress"))?
            .try_into()
    }
}

/// Also read from JSON (see `member_facts.rs`), with the same names.
#[derive(sqlx::FromRow, serde::Deserialize)]
pub(super) struct ProgressRow {
    cohort_id: i64,
    user_id: i64,
    module_id: String,
    state: String,
    page_index: i64,
    started_at: i64,
    completed_at: Option<i64>,
    best_score: Option<i64>,
    attempts_used: i64,
}

impl TryFrom<ProgressRow> for ModuleProgress {
    type Error = StoreError;

    fn try_from(row: ProgressRow) -> Result<Self, StoreError> {
        Ok(ModuleProgress {
            cohort_id: CohortId(row.cohort_id),
            user_id: UserId(from_db(row.user_id)),
            module_id: row.module_id,
            state: parse::<ProgressState>("module_progress.state", &row.state)?,
            page_index: to_u32("module_progress.page_index", row.page_index)?,
            started_at: row.started_at,
            completed_at: row.completed_at,
            best_score: row
                .best_score
                .map(|s| to_percent("module_progress.best_score", s))
                .transpose()?,
            attempts_used: to_u32("module_progress.attempts_used", row.attempts_used)?,
        })
    }
}
