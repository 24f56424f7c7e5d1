//! `cohortbot backup` and `cohortbot restore`: whole-database copies of a SQLite database.

use std::path::Path;

use anyhow::Context as _;

use crate::config::Config;
use crate::store::{redact_url, restore_sqlite, sqlite_file, Backend, Store};

/// Copies the database into `file`, a new file, while the bot may be running.
pub async fn backup(config: &Config, file: &Path) -> anyhow::Result<()> {
    let url = &config.database_url;
    refuse_postgres(url, PG_DUMP_HINT)?;
    let database = sqlite_file(url)?;
    if !database.is_file() {
        anyhow::bail!("there is no database at {}", database.display());
    }
    if file.exists() {
        anyhow::bail!("{} already exists; back up into a new file", file.display());
    }
    let store = Store::connect(url).await?;
    let copied = store.back_up_to(file).await;
    store.close().await;
    copied.with_context(|| format!("could not back up into {}", file.display()))?;
    println!("Backed up {} to {}.", redact_url(url), file.display());
    Ok(())
}

/// Restores `file`, written by `cohortbot backup`, onto a new, empty database and brings
/// it up to date.
pub async fn restore(config: &Config, file: &Path) -> anyhow::Result<()> {
    let url = &config.database_url;
    refuse_postgres(url, PG_RESTORE_HINT)?;
    if !file.is_file() {
        anyhow::bail!("there is no backup file {}", file.display());
    }
    let target = sqlite_file(url)?;
    restore_sqlite(file, &target).await?;
    let store = Store::connect(url).await?;
    let applied = store.migrate().await;
    store.close().await;
    println!("Restored {} into {}.", file.display(), redact_url(url));
    for migration in &applied? {
        println!("applied {} {}", migration.version, migration.description);
    }
    Ok(())
}

const PG_DUMP_HINT: &str = "`cohortbot backup` copies SQLite databases; for PostgreSQL use \
     pg_dump: pg_dump --format=custom --file=cohortbot.dump \"$DATABASE_URL\"";

const PG_RESTORE_HINT: &str = "`cohortbot restore` restores SQLite backups; for PostgreSQL use \
     pg_restore: pg_restore --no-owner --dbname=\"$DATABASE_URL\" cohortbot.dump";

fn refuse_postgres(url: &str, hint: &str) -> anyhow::Result<()> {
    match Backend::from_url(url)? {
        Backend::Sqlite => Ok(()),
        Backend::Postgres => anyhow::bail!("{hint}"),
    }
}
