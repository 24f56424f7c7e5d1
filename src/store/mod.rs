//! All SQL lives here: one `Store` API over SQLite and PostgreSQL, returning domain types.
//!
//! One `sqlx::AnyPool` serves both backends, so each query is written once, with `$1, $2`
//! placeholders (SQLite's sqlx driver binds `$N` by number). Queries are built at run time,
//! never with the `query!` macros. To keep the Any driver's type mapping identical on both
//! backends, every integer column is BIGINT (read as `i64`), booleans are BIGINT 0/1, and
//! times are UTC unix milliseconds. Discord snowflakes are `u64` in the domain and are
//! stored bit for bit as BIGINT. Backend-specific SQL is limited to the few places that
//! need it (claiming deliveries, the transaction opener), each chosen by [`Backend`].
//!
//! The `impl Store` is split by table or aggregate, one file each, with each SQL statement
//! as a `const` beside the function that runs it.

/// A PostgreSQL statement whose commit does not wait for its flush to disk: `$sql` names
/// `unsynced` in its `FROM`, which turns `synchronous_commit` off for the statement's own
/// transaction only. Every session sees the write once it commits; the server's WAL writer
/// flushes it within a fraction of a second, and any later write committed as usual flushes
/// it first, so only a crash of the server in between can take it back. For writes that cost
/// little to lose and are made on every interaction.
macro_rules! unsynced {
    ($sql:literal) => {
        concat!(
            "WITH unsynced AS (SELECT set_config('synchronous_commit', 'off', true)) ",
            $sql
        )
    };
}

mod attempts;
mod attendance;
mod audit;
mod backup;
mod badges;
mod campaigns;
mod cohorts;
mod courses;
mod deliveries;
mod error;
mod facts_cache;
mod groups;
mod guilds;
mod health;
mod hub;
mod hub_articles;
mod hub_proposals;
mod hub_qa;
mod hub_ratings;
mod interactions;
mod issuer_key;
mod leadership;
mod listening;
mod lru;
mod member_data;
#[macro_use]
mod member_facts;
mod member_settings;
mod members;
mod mentoring;
mod native_reads;
mod notify;
mod pathways;
mod profiles;
mod progress;
mod quizzes;
mod reflections;
mod schedules;
mod session_changes;
mod sessions;
mod snapshot_cache;
mod votes;

use std::collections::HashSet;
use std::fmt::Display;
use std::str::FromStr;
use std::sync::Arc;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{Migrate, Migrator};
use sqlx::{Any, AnyConnection, AnyPool, Connection, Executor, Transaction};

pub use backup::{restore_sqlite, sqlite_file, RestoreError, RestoreRefused};
pub use deliveries::{CLAIM_DUE_POSTGRES_SQL, CLAIM_DUE_SQLITE_SQL, EXPIRE_DELIVERIES_SQL};
pub use error::StoreError;
pub use health::DueQueue;
pub use hub_ratings::RatingSaved;
pub use leadership::LeadershipSession;
pub use member_data::Forgotten;
pub use member_facts::FactsWanted;
pub use member_facts::{MEMBER_FACTS_POSTGRES_SQL, MEMBER_FACTS_SQLITE_SQL};
pub use members::KEPT_READS_SQLITE_SQL;
pub use native_reads::STATEMENTS as NATIVE_STATEMENTS;
pub use schedules::DUE_SCHEDULES_SQL;
use snapshot_cache::SnapshotCache;
pub use snapshot_cache::SNAPSHOT_CACHE_CAPACITY;

/// The database behind a [`Store`], chosen by the URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// `sqlite:` selects SQLite; `postgres:` and `postgresql:` select PostgreSQL.
    pub fn from_url(url: &str) -> Result<Backend, StoreError> {
        let scheme = url.split_once(':').map_or("", |(scheme, _)| scheme);
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            _ => Err(StoreError::UnsupportedScheme {
                scheme: scheme.to_owned(),
            }),
        }
    }
}

/// A migration that [`Store::migrate`] applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedMigration {
    pub version: i64,
    pub description: String,
}

/// The database. Cloning is cheap: clones share one connection pool.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    snapshots: SnapshotCache,
    /// Members' reads kept in memory, on SQLite (see `facts_cache.rs`); `None` on PostgreSQL.
    facts: Option<facts_cache::FactsCache>,
    /// The interactions taken on, on SQLite (see `interactions.rs`); `None` on PostgreSQL.
    claims: Option<Arc<interactions::ClaimsInMemory>>,
    /// Wakes idle workers when work becomes due sooner (see `notify.rs`).
    wakes: Arc<notify::Wakes>,
    /// The SQLite file, for the reads made without sqlx (see `native_reads.rs`); `None` on
    /// PostgreSQL and for an in-memory database.
    native: Option<Arc<native_reads::NativeReads>>,
}

impl Store {
    /// Opens the database at `url`, creating a missing SQLite file. Does not migrate.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        Store::connect_checking_idle_after(url, CHECK_IDLE_AFTER).await
    }

    /// As [`Store::connect`], with a pooled PostgreSQL connection checked before use once it
    /// has sat idle for `idle` (1 s for [`Store::connect`]; `Duration::ZERO` checks it before
    /// every use).
    pub async fn connect_checking_idle_after(
        url: &str,
        idle: std::time::Duration,
    ) -> Result<Store, StoreError> {
        let backend = Backend::from_url(url)?;
        sqlx::any::install_default_drivers();
        let pool = open_pool(backend, url, idle)
            .await
            .map_err(|source| StoreError::Connect {
                url: redact_url(url),
                source,
            })?;
        Ok(Store {
            pool,
            backend,
            snapshots: SnapshotCache::default(),
            facts: (backend == Backend::Sqlite).then(facts_cache::FactsCache::default),
            claims: (backend == Backend::Sqlite).then(Arc::default),
            wakes: Arc::new(notify::Wakes::new(backend, url)),
            native: match backend {
                Backend::Sqlite => native_reads::NativeReads::for_url(url).map(Arc::new),
                Backend::Postgres => None,
            },
        })
    }

    /// Brings the schema up to date and returns the migrations applied by this call
    /// (none when it was already current).
    pub async fn migrate(&self) -> Result<Vec<AppliedMigration>, StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        let before = self.applied_versions().await?;
        migrator.run(&self.pool).await?;
        Ok(migrator
            .iter()
            .filter(|m| m.migration_type.is_up_migration() && !before.contains(&m.version))
            .map(|m| AppliedMigration {
                version: m.version,
                description: m.description.to_string(),
            })
            .collect())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection; waits for connections in use to come back.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    async fn applied_versions(&self) -> Result<HashSet<i64>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        conn.ensure_migrations_table().await?;
        let applied = conn.list_applied_migrations().await?;
        Ok(applied.into_iter().map(|m| m.version).collect())
    }

    /// Opens a transaction that is going to write. On SQLite it takes the write lock up
    /// front (`BEGIN IMMEDIATE`): a plain `BEGIN` that reads and then writes fails with
    /// "database is locked" when another writer got in between, busy timeout or not.
    async fn begin_write(&self) -> Result<Transaction<'static, Any>, StoreError> {
        let statement = match self.backend {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        };
        Ok(self.pool.begin_with(statement).await?)
    }
}

/// `url` with any password (in the user info or a `password=` parameter) shown as `***`,
/// fit for messages and logs.
pub fn redact_url(url: &str) -> String {
    let mut out = url.to_owned();
    if let Some(start) = url.find("://").map(|i| i + 3) {
        let authority_end = url[start..]
            .find(['/', '?', '#'])
            .map_or(url.len(), |i| start + i);
        if let Some(at) = url[start..authority_end].rfind('@').map(|i| start + i) {
            if let Some(colon) = url[start..at].find(':').map(|i| start + i) {
                out.replace_range(colon + 1..at, "***");
            }
        }
    }
    redact_password_parameter(&out)
}

fn redact_password_parameter(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{base}?{}", query.join("&"))
}

/// Tries one plain connection, set up as the pool's will be, before building the pool: the
/// pool retries a refused connection (or a file that is not a database) until its acquire
/// timeout and then reports only the timeout, while a single attempt fails at once with the
/// real reason.
async fn open_pool(
    backend: Backend,
    url: &str,
    check_idle_after: std::time::Duration,
) -> Result<AnyPool, sqlx::Error> {
    let (options, url, set_up): (_, _, &[&str]) = match backend {
        Backend::Sqlite => {
            let (options, url) = sqlite_pool(url);
            (options, url, &SQLITE_PRAGMAS)
        }
        Backend::Postgres => (
            postgres_pool(check_idle_after),
            url.to_owned(),
            &POSTGRES_SETTINGS,
        ),
    };
    let mut first = AnyConnection::connect(&url).await?;
    for statement in set_up {
        first.execute(*statement).await?;
    }
    first.close().await?;
    options.acquire_timeout(ACQUIRE_TIMEOUT).connect(&url).await
}

/// How long a query waits for a free connection before it fails (sqlx's default is 30 s).
const ACQUIRE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Set on every new PostgreSQL connection: no statement runs unbounded (an interaction is
/// acknowledged long before, and told of the failure; a delivery is retried). A statement
/// waiting for another writer's lock gives up after 5 s, as SQLite's busy timeout does, and
/// its transaction rolls back: the command was acknowledged after 1.5 s (`discord::watchdog`),
/// so the member is told the outcome either way, and a lock held a moment by another writer
/// costs no failed command.
const POSTGRES_SETTINGS: [&str; 2] = ["SET statement_timeout = '15s'", "SET lock_timeout = '5s'"];

/// A pooled PostgreSQL connection idle this long is checked with a round trip before it is
/// used again (see [`postgres_pool`]), unless the store was opened with another bound.
const CHECK_IDLE_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

/// sqlx checks a connection with a round trip as it goes back to the pool, and by default
/// again before handing it out, which would double every statement's round trips. Only a
/// connection that has sat idle is checked again: a server restarted or a session ended since
/// it was last used is found there, and another connection is taken, while a busy bot goes
/// straight to its statement.
fn postgres_pool(check_idle_after: std::time::Duration) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .test_before_acquire(false)
        .before_acquire(move |conn, meta| {
            Box::pin(
                async move { Ok(meta.idle_for < check_idle_after || conn.ping().await.is_ok()) },
            )
        })
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                for setting in POSTGRES_SETTINGS {
                    conn.execute(setting).await?;
                }
                Ok(())
            })
        })
}

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Set on every new SQLite connection: WAL lets readers run beside the writer; in WAL mode,
/// `synchronous = NORMAL` syncs at checkpoints rather than at every commit (a commit survives
/// the process being killed; only a power cut can take the last few back), which takes a disk
/// flush off every interaction; the busy timeout makes writers wait for each other instead of
/// failing, and SQLite leaves foreign keys off unless asked. A wait longer than Discord's 3 s
/// window costs no answer: an interaction still working after 1.5 s has been acknowledged
/// (`discord::answer`, `discord::watchdog`), and a shorter timeout only turns contention
/// under load into failed writes.
const SQLITE_PRAGMAS: [&str; 4] = [
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA foreign_keys = ON",
];

/// Pool options and URL for SQLite. A file is created when missing (`mode=rwc`) unless the
/// URL says otherwise. One connection: SQLite takes one writer at a time anyway, and its busy
/// handler is unfair (a waiting writer polls, and under load may lose every race for
/// seconds), while the pool hands its connection out first come, first served. An in-memory
/// database lives only as long as its one connection, so that pool keeps it forever. Nothing
/// outside the process can end the connection, so it is not checked before each use (sqlx
/// checks it as it comes back to the pool).
fn sqlite_pool(url: &str) -> (AnyPoolOptions, String) {
    let options = AnyPoolOptions::new()
        .max_connections(1)
        .test_before_acquire(false)
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                for pragma in SQLITE_PRAGMAS {
                    conn.execute(pragma).await?;
                }
                Ok(())
            })
        });
    if is_in_memory(url) {
        let single = options
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None);
        return (single, url.to_owned());
    }
    let url = if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    };
    (options, url)
}

impl Store {
    /// What a full-text search binds for `words`, every one of which must match: on SQLite
    /// an FTS5 query of quoted prefixes, on PostgreSQL the words for `plainto_tsquery`.
    fn full_text_query(&self, words: &[String]) -> String {
        match self.backend {
            Backend::Sqlite => words
                .iter()
                .map(|w| format!("\"{}\"*", w.replace('"', "")))
                .collect::<Vec<_>>()
                .join(" "),
            Backend::Postgres => words.join(" "),
        }
    }
}

/// Whether the SQLite database at `url` lives in memory, not in a file.
fn is_in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// A Discord snowflake as stored: the same 64 bits as BIGINT (every snowflake is below 2^63).
fn to_db(id: u64) -> i64 {
    id as i64
}

/// The inverse of [`to_db`].
fn from_db(value: i64) -> u64 {
    value as u64
}

/// Parses stored text into a domain value (enum, date, time zone).
/// A list kept one item per line, such as a post's tags.
fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

fn parse<T>(column: &'static str, value: &str) -> Result<T, StoreError>
where
    T: FromStr,
    T::Err: Display,
{
    value
        .parse()
        .map_err(|e| StoreError::corrupt(column, value, e))
}

/// A stored count or index as `u32`.
fn to_u32(column: &'static str, value: i64) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|e| StoreError::corrupt(column, value, e))
}

/// A count read from the database as `u64`.
fn to_u64(column: &'static str, value: i64) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|e| StoreError::corrupt(column, value, e))
}

/// A stored percentage as `u8`.
fn to_percent(column: &'static str, value: i64) -> Result<u8, StoreError> {
    match u8::try_from(value) {
        Ok(percent) if percent <= 100 => Ok(percent),
        _ => Err(StoreError::corrupt(column, value, "not a percentage")),
    }
}

/// Maps each row with a fallible conversion.
fn convert_all<R, T>(rows: Vec<R>) -> Result<Vec<T>, StoreError>
where
    T: TryFrom<R, Error = StoreError>,
{
    rows.into_iter().map(T::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_follows_the_scheme() {
        assert_eq!(Backend::from_url("sqlite://x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::from_url("sqlite::memory:").unwrap(),
            Backend::Sqlite
        );
        assert_eq!(
            Backend::from_url("postgres://h/db").unwrap(),
            Backend::Postgres
        );
        assert_eq!(
            Backend::from_url("postgresql://h/db").unwrap(),
            Backend::Postgres
        );
        assert!(matches!(
            Backend::from_url("mysql://u:secret@h/db"),
            Err(StoreError::UnsupportedScheme { scheme }) if scheme == "mysql"
        ));
    }

    #[test]
    fn redaction_hides_passwords_only() {
        assert_eq!(
            redact_url("postgres://bot:s3cr@t@db.example:5432/cohorts?sslmode=require"),
            "postgres://bot:***@db.example:5432/cohorts?sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://bot@db/cohorts?password=hunter2&sslmode=disable"),
            "postgres://bot@db/cohorts?password=***&sslmode=disable"
        );
        assert_eq!(redact_url("sqlite://cohortbot.db"), "sqlite://cohortbot.db");
    }

    #[test]
    fn sqlite_files_are_created_when_missing() {
        assert_eq!(sqlite_pool("sqlite://a.db").1, "sqlite://a.db?mode=rwc");
        assert_eq!(
            sqlite_pool("sqlite://a.db?cache=shared").1,
            "sqlite://a.db?cache=shared&mode=rwc"
        );
        assert_eq!(
            sqlite_pool("sqlite://a.db?mode=ro").1,
            "sqlite://a.db?mode=ro"
        );
    }
}
