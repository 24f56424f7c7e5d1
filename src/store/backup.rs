//! Whole-database copies of a SQLite database (`cohortbot backup` and `cohortbot restore`).
//! PostgreSQL has its own tools for this (`pg_dump`, `pg_restore`).

use std::path::Path;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};

use super::{Store, StoreError, SQLITE_MIGRATIONS};

/// Why a restore was refused before anything was written.
#[derive(Debug, thiserror::Error)]
pub enum RestoreRefused {
    #[error("{0} is not a cohortbot database (it has no migration history)")]
    NotABackup(String),
    #[error(
        "{file} was written by a newer cohortbot (it has migration {version}, unknown to this \
         one); restore it with that version"
    )]
    Newer { file: String, version: i64 },
    #[error(
        "{0} already holds a database; restore only onto an empty one: point DATABASE_URL at a \
         file that does not exist yet"
    )]
    TargetNotEmpty(String),
}

impl Store {
    /// Writes a consistent copy of the whole database to `file` (which must not exist) while
    /// the bot may go on reading and writing. SQLite only.
    pub async fn back_up_to(&self, file: &Path) -> Result<(), StoreError> {
        const SQL: &str = "VACUUM INTO $1";
        sqlx::query(SQL)
            .bind(file.to_string_lossy().into_owned())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// The file a `sqlite:` URL names.
pub fn sqlite_file(url: &str) -> Result<std::path::PathBuf, StoreError> {
    let options: SqliteConnectOptions = url.parse().map_err(|source| StoreError::Connect {
        url: url.to_owned(),
        source,
    })?;
    Ok(options.get_filename().to_owned())
}

/// Copies `backup` (written by [`Store::back_up_to`]) into `target`, a SQLite file that does
/// not exist yet or is empty. The copy keeps its migration history, so migrating it afterwards
/// brings an older backup up to date.
pub async fn restore_sqlite(backup: &Path, target: &Path) -> Result<(), RestoreError> {
    if target.metadata().is_ok_and(|m| m.len() > 0) {
        return Err(RestoreRefused::TargetNotEmpty(target.display().to_string()).into());
    }
    let mut source = SqliteConnectOptions::new()
        .filename(backup)
        .read_only(true)
        .connect()
        .await
        .map_err(|source| StoreError::Connect {
            url: backup.display().to_string(),
            source,
        })?;
    let copied = async {
        check_backup(&mut source, backup).await?;
        copy_into(&mut source, target).await
    }
    .await;
    source.close().await.map_err(StoreError::Database)?;
    copied
}

/// A restore that failed: refused up front, or failed in the database.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error(transparent)]
    Refused(#[from] RestoreRefused),
    #[error(transparent)]
    Store(#[from] StoreError),
}

async fn check_backup(source: &mut SqliteConnection, backup: &Path) -> Result<(), RestoreError> {
    const HAS_HISTORY_SQL: &str =
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'";
    const VERSIONS_SQL: &str = "SELECT version FROM _sqlx_migrations ORDER BY version";
    let name = || backup.display().to_string();
    let has_history: i64 = sqlx::query_scalar(HAS_HISTORY_SQL)
        .fetch_one(&mut *source)
        .await
        .map_err(|_| RestoreRefused::NotABackup(name()))?;
    if has_history == 0 {
        return Err(RestoreRefused::NotABackup(name()).into());
    }
    let versions: Vec<i64> = sqlx::query_scalar(VERSIONS_SQL)
        .fetch_all(&mut *source)
        .await
        .map_err(StoreError::Database)?;
    let known = |v: &i64| SQLITE_MIGRATIONS.iter().any(|m| m.version == *v);
    match versions.into_iter().find(|v| !known(v)) {
        Some(version) => Err(RestoreRefused::Newer {
            file: name(),
            version,
        }
        .into()),
        None => Ok(()),
    }
}

async fn copy_into(source: &mut SqliteConnection, target: &Path) -> Result<(), RestoreError> {
    const SQL: &str = "VACUUM INTO $1";
    sqlx::query(SQL)
        .bind(target.to_string_lossy().into_owned())
        .execute(&mut *source)
        .await
        .map_err(StoreError::Database)?;
    Ok(())
}
