//! The real bot, built by the application's own start-up code and run in process against the
//! Discord stand-in, on a database of its own.

// Each test crate that includes this file uses a different part of it.
#![allow(dead_code)]

use std::path::PathBuf;

use cohortbot::app::Application;
use cohortbot::config::{Config, Secret};
use cohortbot::discord::StopHandle;
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
    _dir: TempDir,
}

impl TestBot {
    /// Starts the bot on course packs from `prompts_dir` (relative to the crate).
    pub async fn start(fake: FakeDiscord, prompts_dir: &str) -> TestBot {
        let dir = tempfile::tempdir().expect("temporary directory");
        let config = Config {
            discord_token: Some(Secret::new(fake.token())),
            database_url: format!("sqlite://{}", dir.path().join("bot.db").display()),
            prompts_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(prompts_dir),
            discord_api_url: fake.url().to_string(),
            dev_guild: None,
            role_retry_seconds: 1,
        };
        TestBot::launch(fake, config, dir).await
    }

    async fn launch(fake: FakeDiscord, config: Config, dir: TempDir) -> TestBot {
        let app = Application::build(&config).await.expect("the bot builds");
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
            _dir: dir,
        }
    }

    /// Stops the bot as a shutdown would, then starts a new one on the same database.
    pub async fn restart(self) -> TestBot {
        self.stop.stop().await;
        let stopped = self.running.await.expect("the bot task ends");
        stopped.expect("the bot stops cleanly");
        TestBot::launch(self.fake, self.config, self._dir).await
    }
}
