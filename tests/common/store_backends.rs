//! One fresh database per test: SQLite in a temporary directory, always; PostgreSQL in a
//! newly created database when `COHORTBOT_TEST_POSTGRES_URL` names a server to use.

// Each test crate that includes this file uses a different part of it.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use cohortbot::model::{Cohort, GuildId, NewCohort, UserId};
use cohortbot::store::{AppliedMigration, Store};
use tempfile::TempDir;

#[path = "postgres_databases.rs"]
mod postgres_databases;

/// Generates, for each test function `async fn name(db: &TestDb)`, one `#[tokio::test]` per
/// backend; the PostgreSQL one says it skipped when no server is configured, except in CI
/// (`CI=true`), where it fails: a suite that skipped half its tests is not green.
macro_rules! store_tests {
    ($($name:ident),+ $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = crate::store_backends::TestDb::sqlite().await;
                    super::$name(&db).await;
                }
            )+
        }

        postgres_tests!($($name),+);
    };
}

/// As [`store_tests`], for what only PostgreSQL has (several instances on one database).
macro_rules! postgres_tests {
    ($($name:ident),+ $(,)?) => {
        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = crate::store_backends::TestDb::postgres().await else {
                        eprintln!(
                            "skipped {} on PostgreSQL: {} is not set",
                            stringify!($name),
                            crate::store_backends::POSTGRES_URL_VAR,
                        );
                        return;
                    };
                    super::$name(&db).await;
                }
            )+
        }
    };
}

pub const POSTGRES_URL_VAR: &str = "COHORTBOT_TEST_POSTGRES_URL";

/// A migrated store on a database of its own, dropped (PostgreSQL) or deleted (SQLite)
/// when this value is.
pub struct TestDb {
    pub store: Store,
    /// What the first `migrate()` applied.
    pub applied: Vec<AppliedMigration>,
    /// The SQLite file, which did not exist before `Store::connect`.
    pub sqlite_path: Option<PathBuf>,
    url: String,
    postgres: Option<PostgresDb>,
    _dir: Option<TempDir>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("cohortbot.db");
        let url = format!("sqlite://{}", path.display());
        let mut db = TestDb::open(url, None).await;
        db.sqlite_path = Some(path);
        db._dir = Some(dir);
        db
    }

    /// `None` when no PostgreSQL server is configured, outside CI; in CI, a panic.
    pub async fn postgres() -> Option<TestDb> {
        let Ok(admin_url) = std::env::var(POSTGRES_URL_VAR) else {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true but {POSTGRES_URL_VAR} is not set: the PostgreSQL tests would be skipped"
            );
            return None;
        };
        let name = postgres_databases::take(&admin_url).await;
        let url = with_database(&admin_url, &name);
        Some(TestDb::open(url, Some(PostgresDb { admin_url, name })).await)
    }

    /// The database's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Runs `sql` on a connection of its own, as another program on the same database would.
    pub async fn execute_outside(&self, sql: &str) {
        execute_outside(&self.url, sql).await;
    }

    /// A second `Store` on the same database, as after a restart.
    pub async fn reopen(&self) -> Store {
        Store::connect(&self.url).await.expect("reconnect")
    }

    async fn open(url: String, postgres: Option<PostgresDb>) -> TestDb {
        let store = Store::connect(&url).await.expect("connect");
        let applied = store.migrate().await.expect("migrate");
        TestDb {
            store,
            applied,
            sqlite_path: None,
            url,
            postgres,
            _dir: None,
        }
    }
}

impl Drop for TestDb {
    /// A PostgreSQL database is emptied for the next test (see `postgres_databases.rs`).
    fn drop(&mut self) {
        if let Some(db) = self.postgres.take() {
            postgres_databases::give_back(db.admin_url, db.name);
        }
    }
}

struct PostgresDb {
    admin_url: String,
    name: String,
}

/// `url` pointing at database `name` instead of the one it names.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

/// A cohort named `name` in `guild` (recorded too) on the two-day training, starting on
/// 1 October 2026 in London, created by user 2 at 1,790,000,000,000 ms.
pub async fn two_day_cohort(store: &Store, guild: GuildId, name: &str) -> Cohort {
    const AT: i64 = 1_790_000_000_000;
    store.upsert_guild(guild, "Organisers", AT).await.unwrap();
    let version = store
        .save_course_version("two-day-training", "1", "hash", "{}", AT)
        .await
        .unwrap();
    store
        .create_cohort(&NewCohort {
            guild_id: guild,
            name: name.to_owned(),
            course_version_id: version,
            time_zone: chrono_tz::Europe::London,
            starts_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            channel_id: None,
            join_code: format!("CODE{name}"),
            created_by: UserId(2),
            created_at: AT,
        })
        .await
        .unwrap()
}

/// Runs `sql` on a connection of its own to the database at `url`, as another program on the
/// same database would.
pub async fn execute_outside(url: &str, sql: &str) {
    use sqlx::{Connection, Executor};
    let mut connection = sqlx::AnyConnection::connect(url)
        .await
        .expect("a connection of the test's own");
    connection.execute(sql).await.expect(sql);
}
