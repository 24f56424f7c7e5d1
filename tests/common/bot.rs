//! The real bot, built by the application's own start-up code and run in process against the
//! Discord stand-in, on a database of its own.

// Each test crate that includes this file uses a different part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

use cohortbot::app::{Application, Workers};
use cohortbot::config::{Config, Secret};
use cohortbot::discord::{Activity, StopHandle};
use cohortbot::domain::{Clock, SystemClock};
use cohortbot::scheduler::RunReport;
use cohortbot::store::Store;
use fake_discord::{Barrier, BarrierFuture, FakeDiscord};
use serenity::all::InteractionId;
use tempfile::TempDir;
use tokio::task::JoinHandle;

#[allow(unused_macros)]
#[path = "store_backends.rs"]
pub mod store_backends;

use store_backends::TestDb;

/// Which database a test bot keeps its data in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Whether a PostgreSQL test can run: `false`, with a line saying the test skipped, when
    /// no server is configured outside CI; in CI (`CI=true`), a panic.
    pub fn postgres_configured(test: &str) -> bool {
        if std::env::var(store_backends::POSTGRES_URL_VAR).is_ok() {
            return true;
        }
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but {} is not set: {test} would be skipped",
            store_backends::POSTGRES_URL_VAR
        );
        eprintln!(
            "skipped {test} on PostgreSQL: {} is not set",
            store_backends::POSTGRES_URL_VAR
        );
        false
    }
}

/// Generates, for each test function `async fn name(backend: Backend)`, one `#[tokio::test]`
/// per backend, as `store_tests!` does for the store's tests.
#[allow(unused_macros)]
macro_rules! e2e_tests {
    ($($name:ident),+ $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(crate::bot::Backend::Sqlite).await;
                }
            )+
        }

        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if crate::bot::Backend::postgres_configured(stringify!($name)) {
                        super::$name(crate::bot::Backend::Postgres).await;
                    }
                }
            )+
        }
    };
}

/// The database of a test bot, kept for as long as the bot and its restarts run.
enum Database {
    /// The directory of the SQLite file.
    Sqlite(TempDir),
    Postgres(TestDb),
}

pub struct TestBot {
    pub fake: FakeDiscord,
    /// The bot's database, for asserting what it holds.
    pub store: Store,
    stop: StopHandle,
    workers: Workers,
    running: JoinHandle<anyhow::Result<()>>,
    config: Config,
    clock: Arc<dyn Clock>,
    /// Where the bot serves `/healthz`, `/readyz` and `/metrics` (a free port).
    pub http_address: std::net::SocketAddr,
    _database: Database,
}

impl TestBot {
    /// Starts the bot on course packs from `prompts_dir` (relative to the crate).
    pub async fn start(fake: FakeDiscord, prompts_dir: &str) -> TestBot {
        TestBot::start_with_clock(fake, prompts_dir, Arc::new(SystemClock)).await
    }

    /// As [`TestBot::start`], with the bot and its scheduler reading `clock`.
    pub async fn start_with_clock(
        fake: FakeDiscord,
        prompts_dir: &str,
        clock: Arc<dyn Clock>,
    ) -> TestBot {
        TestBot::start_on(fake, prompts_dir, clock, Backend::Sqlite).await
    }

    /// As [`TestBot::start_with_clock`], on a fresh database of `backend`.
    pub async fn start_on(
        fake: FakeDiscord,
        prompts_dir: &str,
        clock: Arc<dyn Clock>,
        backend: Backend,
    ) -> TestBot {
        TestBot::start_with(fake, prompts_dir, clock, backend, false).await
    }

    /// As [`TestBot::start_on`]; with `worker_loops`, the workers run on their own timers as
    /// in production (for a test of the loops themselves) as well as stepped by the test.
    pub async fn start_with(
        fake: FakeDiscord,
        prompts_dir: &str,
        clock: Arc<dyn Clock>,
        backend: Backend,
        worker_loops: bool,
    ) -> TestBot {
        let (database_url, database) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = format!("sqlite://{}", dir.path().join("bot.db").display());
                (url, Database::Sqlite(dir))
            }
            Backend::Postgres => {
                let db = TestDb::postgres()
                    .await
                    .expect("a PostgreSQL server for the test");
                (db.url().to_owned(), Database::Postgres(db))
            }
        };
        let config = Config {
            discord_token: Some(Secret::new(fake.token())),
            database_url,
            prompts_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(prompts_dir),
            // The fake plays discord.com, so serenity's rate limiter is on, as in production.
            discord_api_url: cohortbot::discord::DISCORD_API_URL.to_string(),
            discord_proxy: Some(fake.proxy_url().to_string()),
            discord_ca_certificate: Some(
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fake-discord/tls/ca.pem"),
            ),
            dev_guild: None,
            role_retry_seconds: 1,
            http_address: Some(([127, 0, 0, 1], 0).into()),
            retention_months: None,
            // A bot running its worker loops (`worker_loops`) reads what is due every second
            // when idle, so that a test sees its idle rounds go by within seconds.
            scheduler_idle_seconds: 1,
            badge_issuer_name: "Test Organisers".into(),
            badge_issuer_url: None,
            badge_key_file: None,
            badge_valid_months: None,
            shards: None,
            shard_total: None,
        };
        TestBot::launch(fake, config, database, clock, worker_loops).await
    }

    async fn launch(
        fake: FakeDiscord,
        config: Config,
        database: Database,
        clock: Arc<dyn Clock>,
        worker_loops: bool,
    ) -> TestBot {
        let app = Application::build_with_clock(&config, clock.clone())
            .await
            .expect("the bot builds");
        let app = if worker_loops {
            app
        } else {
            app.without_worker_loops()
        };
        let store = app.store.clone();
        let http_address = app.http_address().expect("the health and metrics listener");
        let stop = app.bot.stop_handle();
        let workers = app.workers();
        let activity = app.bot.activity();
        fake.set_barrier(Arc::new(BotBarrier(activity.clone())));
        let running = tokio::spawn(app.run_until_stopped());
        fake.wait_until_ready().await;
        let set_up = tokio::time::timeout(std::time::Duration::from_secs(10), activity.set_up());
        set_up.await.expect("the bot sets itself up within 10 s");
        TestBot {
            fake,
            store,
            stop,
            workers,
            running,
            config,
            clock,
            http_address,
            _database: database,
        }
    }

    /// The bot's background workers, to watch its scheduler.
    pub fn workers(&self) -> &Workers {
        &self.workers
    }

    /// The bot's configuration, to build another instance on the same database.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The bot's database, for a test that reaches it from outside (to hold it busy, say).
    pub fn database_url(&self) -> &str {
        &self.config.database_url
    }

    /// Runs `sql` on a connection of its own, as another program on the bot's database would.
    pub async fn execute_outside(&self, sql: &str) {
        store_backends::execute_outside(self.database_url(), sql).await;
    }

    /// One step of every background worker at the clock's time: when it returns, what was
    /// due has been sent (or given, or closed) and the fake has it.
    pub async fn step(&self) -> RunReport {
        self.workers.step().await.expect("the workers' step")
    }

    /// Stops the bot as a shutdown would.
    pub async fn stop(self) {
        self.stop.stop().await;
        let stopped = self.running.await.expect("the bot task ends");
        stopped.expect("the bot stops cleanly");
    }

    /// Stops the bot as a shutdown would, then starts a new one on the same database.
    pub async fn restart(self) -> TestBot {
        self.stop.stop().await;
        let stopped = self.running.await.expect("the bot task ends");
        stopped.expect("the bot stops cleanly");
        TestBot::launch(self.fake, self.config, self._database, self.clock, false).await
    }
}

/// Tells the fake Discord when the bot has finished with what it sent.
struct BotBarrier(Activity);

impl Barrier for BotBarrier {
    fn interaction_handled(&self, id: InteractionId) -> BarrierFuture {
        let activity = self.0.clone();
        Box::pin(async move { activity.interaction_handled(id.get()).await })
    }

    fn events_handled(&self, event: &str, count: usize) -> BarrierFuture {
        let (activity, event) = (self.0.clone(), event.to_owned());
        Box::pin(async move { activity.events_handled(&event, count).await })
    }
}

/// A clock a test sets and moves; the bot and its scheduler read it.
pub struct TestClock {
    now: Mutex<DateTime<Utc>>,
}

impl TestClock {
    pub fn at(now: DateTime<Utc>) -> Arc<TestClock> {
        Arc::new(TestClock {
            now: Mutex::new(now),
        })
    }

    pub fn set(&self, now: DateTime<Utc>) {
        *self.now.lock().expect("the clock lock") = now;
    }

    pub fn advance(&self, by: Duration) {
        *self.now.lock().expect("the clock lock") += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().expect("the clock lock")
    }
}
