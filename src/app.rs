//! Start-up and shutdown: config → database → course packs → Discord.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use tokio::sync::watch;

use crate::config::Config;
use crate::course::{load_library, Library};
use crate::discord::notifier::DiscordNotifier;
use crate::discord::{Activity, Bot, Data, DiscordWorkers, HelpLayouts, QuizMessages, Settings};
use crate::domain::credentials::IssuerSettings;
use crate::domain::{Clock, SystemClock};
use crate::http::{Listener, Probes};
use crate::scheduler::{
    Pacer, RunReport, Scheduler, SchedulerConfig, StepObserver, SCHEDULER_REQUESTS_PER_SECOND,
};
use crate::store::StoreError;
use crate::store::{Backend, Store};
use crate::telemetry::{Deliveries, Telemetry};

/// `cohortbot run`: builds the application and runs it until SIGINT or SIGTERM.
pub async fn run(config: Config) -> anyhow::Result<()> {
    let app = Application::build(&config).await?;
    let stop = app.bot.stop_handle();
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutting down");
        stop.stop().await;
    });
    app.run_until_stopped().await
}

/// The whole bot, built but not yet connected; tests build it against the Discord stand-in.
pub struct Application {
    pub bot: Bot,
    pub store: Store,
    workers: Workers,
    worker_loops: bool,
    /// The health and metrics listener, when `http_address` is set.
    http: Option<(Listener, Probes)>,
}

/// The background workers: scheduled deliveries, then the Discord side's (badge roles, live
/// quizzes). In production each runs in a loop, and on PostgreSQL a listener wakes them when
/// another instance queues work; a test turns the loops off and steps them.
#[derive(Clone)]
pub struct Workers {
    scheduler: Scheduler,
    discord: DiscordWorkers,
    store: Store,
}

impl Workers {
    /// One step of every worker: what is due now is sent, given or closed when this returns.
    pub async fn step(&self) -> Result<RunReport, StoreError> {
        let report = self.scheduler.run_due_once().await?;
        self.discord.step().await;
        Ok(report)
    }

    /// The scheduler, to watch it rest ([`Scheduler::rest`]).
    pub fn scheduler(&self) -> &Scheduler {
        &self.scheduler
    }

    async fn run(self, stop: watch::Receiver<bool>) {
        tokio::join!(
            self.scheduler.run(stop.clone()),
            self.discord.run(stop.clone()),
            self.store.listen_for_work(stop),
        );
    }
}

impl Application {
    pub async fn build(config: &Config) -> anyhow::Result<Application> {
        Application::build_with_clock(config, Arc::new(SystemClock)).await
    }

    /// As [`Application::build`], on a clock of the caller's (tests move time with it).
    pub async fn build_with_clock(
        config: &Config,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Application> {
        let token = config.token()?.to_string();
        let store = open_store(&config.database_url).await?;
        let library = Arc::new(load_packs(&config.prompts_dir));
        let settings = Settings {
            token,
            api_url: config.discord_api_url.clone(),
            proxy: config.discord_proxy.clone(),
            ca_certificate: config.discord_ca_certificate.clone(),
            dev_guild: config.dev_guild,
            role_retry: std::time::Duration::from_secs(config.role_retry_seconds.max(1)),
            retention_months: config.retention_months,
            sharding: config.sharding()?,
        };
        let telemetry = Telemetry::default();
        let http = match config.http_address {
            Some(address) => Some(Listener::bind(address).await?),
            None => None,
        };
        let data = Data {
            store: store.clone(),
            library: library.clone(),
            clock: clock.clone(),
            activity: Activity::default(),
            quiz_messages: QuizMessages::default(),
            help: HelpLayouts::default(),
            telemetry: telemetry.clone(),
            issuer: IssuerSettings::from_config(config),
        };
        let pacer = Pacer::per_second(SCHEDULER_REQUESTS_PER_SECOND);
        // Several instances share a PostgreSQL database; an SQLite file belongs to one.
        let shares_database = store.backend() == Backend::Postgres;
        let bot = Bot::build(&settings, data, pacer.clone()).await?;
        let probes = Probes {
            store: store.clone(),
            library,
            telemetry: telemetry.clone(),
            clock: clock.clone(),
            gateway: bot.gateway_latency(),
        };
        let notifier = Arc::new(DiscordNotifier::new(bot.http(), pacer.clone()));
        let scheduler = Scheduler::new(
            store.clone(),
            notifier,
            clock.clone(),
            pacer,
            SchedulerConfig {
                on_step: StepObserver::new(move |report| {
                    telemetry.deliveries(&delivery_counts(report))
                }),
                idle: Duration::from_secs(config.scheduler_idle_seconds.max(1)),
                leadership: shares_database,
                ..SchedulerConfig::default()
            },
        );
        let workers = Workers {
            scheduler,
            discord: bot.workers(store.clone(), clock),
            store: store.clone(),
        };
        Ok(Application {
            bot,
            store,
            workers,
            worker_loops: true,
            http: http.map(|listener| (listener, probes)),
        })
    }

    /// Where `/healthz`, `/readyz` and `/metrics` are served, when they are.
    pub fn http_address(&self) -> Option<std::net::SocketAddr> {
        self.http.as_ref()?.0.local_addr().ok()
    }

    /// The workers, to step them by hand (see [`Application::without_worker_loops`]).
    pub fn workers(&self) -> Workers {
        self.workers.clone()
    }

    /// Runs no worker loops: whoever holds [`Application::workers`] steps them (tests do, on a
    /// clock of their own).
    pub fn without_worker_loops(mut self) -> Application {
        self.worker_loops = false;
        self
    }

    /// Runs the bot, the worker loops and the health and metrics listener until the bot
    /// stops; each worker finishes the step it is taking and the listener the requests under
    /// way, then they stop too.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let (stop_workers, stopped) = watch::channel(false);
        let listening = self
            .http
            .map(|(listener, probes)| tokio::spawn(listener.serve(probes, stopped.clone())));
        let loops = self
            .worker_loops
            .then(|| tokio::spawn(self.workers.clone().run(stopped)));
        let result = self.bot.run().await;
        let _ = stop_workers.send(true);
        let stepped_by_hand = loops.is_none();
        for task in listening.into_iter().chain(loops) {
            if let Err(e) = task.await {
                tracing::error!("a background task stopped abnormally: {e}");
            }
        }
        if stepped_by_hand {
            self.workers.scheduler.step_down().await;
        }
        self.store.close().await;
        result
    }
}

fn delivery_counts(report: &RunReport) -> Deliveries {
    Deliveries {
        sent: u64::from(report.sent),
        retried: u64::from(report.retrying),
        failed: u64::from(report.dead + report.fell_back),
        expired: report.expired,
    }
}

async fn open_store(url: &str) -> anyhow::Result<Store> {
    let store = Store::connect(url).await.context("opening the database")?;
    for migration in store.migrate().await.context("migrating the database")? {
        tracing::info!(
            version = migration.version,
            "applied migration {}",
            migration.description
        );
    }
    Ok(store)
}

/// Loads every valid pack; a broken pack is logged and left out rather than stopping the bot.
fn load_packs(dir: &Path) -> Library {
    let (library, problems) = load_library(dir);
    for problem in &problems {
        tracing::warn!("course pack problem: {problem}");
    }
    let ids: Vec<&str> = library.courses().map(|c| c.id.as_str()).collect();
    tracing::info!(count = ids.len(), "course packs loaded: {}", ids.join(", "));
    library
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
