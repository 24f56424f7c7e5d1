//! The real bot, built by the application's own start-up code and run in process against the
//! Discord stand-in, on a database of its own.

// Each test crate that includes this file uses a different part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

use cohortbot::app::Application;
use cohortbot::config::{Config, Secret};
use cohortbot::discord::StopHandle;
use cohortbot::domain::{Clock, SystemClock};
use cohortbot::store::Store;
use fake_discord::FakeDiscord;
use tempfile::TempDir;
use tokio::task::JoinHandle;

pub struct TestBot {
    pub fake: FakeDiscord,
    /// The bot's database, for asserting what it holds.
    pub store: Store,
    stop: StopHandle,
    running: JoinHandle<anyhow::Result<()>>,
    config: Config,
    clock: Arc<dyn Clock>,
    _dir: TempDir,
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
        let dir = tempfile::tempdir().expect("temporary directory");
        let config = Config {
            discord_token: Some(Secret::new(fake.token())),
            database_url: format!("sqlite://{}", dir.path().join("bot.db").display()),
            prompts_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(prompts_dir),
            discord_api_url: fake.url().to_string(),
            dev_guild: None,
            role_retry_seconds: 1,
        };
        TestBot::launch(fake, config, dir, clock).await
    }

    async fn launch(
        fake: FakeDiscord,
        config: Config,
        dir: TempDir,
        clock: Arc<dyn Clock>,
    ) -> TestBot {
        let app = Application::build_with_clock(&config, clock.clone())
            .await
            .expect("the bot builds");
        let store = app.store.clone();
        let stop = app.bot.stop_handle();
        let running = tokio::spawn(app.run_until_stopped());
        fake.wait_until_ready().await;
        TestBot {
            fake,
            store,
            stop,
            running,
            config,
            clock,
            _dir: dir,
        }
    }

    /// Stops the bot as a shutdown would, then starts a new one on the same database.
    pub async fn restart(self) -> TestBot {
        self.stop.stop().await;
        let stopped = self.running.await.expect("the bot task ends");
        stopped.expect("the bot stops cleanly");
        TestBot::launch(self.fake, self.config, self._dir, self.clock).await
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
