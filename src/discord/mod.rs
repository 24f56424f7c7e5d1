//! The Discord adapter: the only place that knows Discord exists. Commands, components and
//! rendering live here; everything they do is asked of the domain layer.

mod activity;
mod answer;
pub(crate) mod badge_roles;
mod campaigns;
pub mod commands;
mod components;
pub(crate) mod custom_id;
mod files;
mod hub_articles;
mod hub_proposals;
mod hub_qa;
mod listening;
mod module_pages;
pub mod notifier;
mod once;
mod outbound;
pub mod preview;
mod profiles;
pub(crate) mod quiz;
mod render;
pub(crate) mod replies;
mod votes;
mod watchdog;
mod workers;

use std::sync::Arc;

use anyhow::Context as _;
use poise::serenity_prelude as serenity;

pub use activity::Activity;
pub use commands::HelpLayouts;
pub use quiz::QuizMessages;
pub use workers::DiscordWorkers;

use crate::config::Sharding;
use crate::course::Library;
use crate::domain::credentials::IssuerSettings;
use crate::domain::{languages, Clock, DomainError};
use crate::scheduler::Pacer;
use crate::store::Store;
use crate::telemetry::{Outcome, Telemetry};

/// Discord's own API; anything else is a Discord-compatible server (or the test stand-in).
pub const DISCORD_API_URL: &str = "https://discord.com";

/// What every command can reach.
pub struct Data {
    pub store: Store,
    pub library: Arc<Library>,
    pub clock: Arc<dyn Clock>,
    /// Background work started for interactions, and the events handled so far.
    pub activity: Activity,
    /// Who is drawing each live quiz's message.
    pub quiz_messages: QuizMessages,
    /// `/help`, laid out once for each access and language.
    pub help: HelpLayouts,
    /// Counts commands and rate limits, and knows whether the gateway is connected.
    pub telemetry: Telemetry,
    /// Who issues the badges' Open Badges credentials, and where the key is kept.
    pub issuer: IssuerSettings,
}

pub type Error = anyhow::Error;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// How to reach Discord.
pub struct Settings {
    pub token: String,
    /// Base URL of the API; the gateway URL comes from it, as with Discord.
    pub api_url: String,
    /// An HTTP proxy to reach Discord through.
    pub proxy: Option<String>,
    /// A PEM certificate authority to trust besides the usual ones.
    pub ca_certificate: Option<std::path::PathBuf>,
    /// Register commands in this guild only (fast iteration) instead of globally.
    pub dev_guild: Option<u64>,
    /// How often to retry badge roles Discord refused.
    pub role_retry: std::time::Duration,
    /// Reflections and one-to-one records are deleted this many months after they were written.
    pub retention_months: Option<u32>,
    /// The gateway shards this process runs.
    pub sharding: Sharding,
}

/// The connected bot: a serenity client driven by the poise framework.
pub struct Bot {
    client: serenity::Client,
    activity: Activity,
    role_retry: std::time::Duration,
    retention_months: Option<u32>,
    quiz_messages: QuizMessages,
    sharding: Sharding,
    telemetry: Telemetry,
}

/// Reads the gateway's heartbeat latency of each shard, for the metrics.
#[derive(Clone)]
pub struct GatewayLatency(Arc<serenity::ShardManager>);

impl GatewayLatency {
    /// Each shard that has measured a latency yet, with its last one.
    pub async fn per_shard(&self) -> Vec<(u32, std::time::Duration)> {
        let runners = self.0.runners.lock().await;
        runners
            .iter()
            .filter_map(|(shard, runner)| Some((shard.0, runner.latency?)))
            .collect()
    }
}

/// Stops a running [`Bot`] from another task.
#[derive(Clone)]
pub struct StopHandle(Arc<serenity::ShardManager>);

impl StopHandle {
    pub async fn stop(&self) {
        self.0.shutdown_all().await;
    }
}

impl Bot {
    /// `pacer` is the process's share of Discord's global limit: a global 429 met by any
    /// request pauses it for the `retry_after` Discord gave, and every request serenity
    /// resends or holds back on its own takes a token from it when it goes out.
    pub async fn build(settings: &Settings, data: Data, pacer: Pacer) -> anyhow::Result<Bot> {
        let intents = serenity::GatewayIntents::GUILDS
            | serenity::GatewayIntents::GUILD_MEMBERS
            | serenity::GatewayIntents::GUILD_SCHEDULED_EVENTS;
        let activity = data.activity.clone();
        let quiz_messages = data.quiz_messages.clone();
        let telemetry = data.telemetry.clone();
        let http = http(settings, pacer, telemetry.clone())?;
        let client = serenity::ClientBuilder::new_with_http(http, intents)
            .framework(framework(settings, data))
            .await
            .map_err(explain_start_error)?;
        Ok(Bot {
            client,
            activity,
            role_retry: settings.role_retry,
            retention_months: settings.retention_months,
            quiz_messages,
            sharding: settings.sharding,
            telemetry,
        })
    }

    /// The bot's HTTP client, for work outside commands (the scheduler's notifier).
    pub fn http(&self) -> Arc<serenity::Http> {
        self.client.http.clone()
    }

    pub fn stop_handle(&self) -> StopHandle {
        StopHandle(self.client.shard_manager.clone())
    }

    pub fn gateway_latency(&self) -> GatewayLatency {
        GatewayLatency(self.client.shard_manager.clone())
    }

    /// What the bot is busy with; tests wait on it.
    pub fn activity(&self) -> Activity {
        self.activity.clone()
    }

    /// Connects this process's gateway shards (as many as Discord recommends, unless the
    /// configuration names them) and serves until stopped, then waits for the background
    /// work it started; start-up failures come back as one clear line.
    pub async fn run(mut self) -> anyhow::Result<()> {
        let (first, last, total) = match self.sharding {
            Sharding::Recommended => {
                let gateway = self.client.http.get_bot_gateway().await;
                let total = gateway.map_err(explain_start_error)?.shards.max(1);
                (0, total - 1, total)
            }
            Sharding::Range { shards, total } => (shards.first, shards.last, total),
        };
        tracing::info!("starting gateway shards {first} to {last} of {total}");
        self.telemetry.expect_shards(first..=last);
        // serenity's range runs to its end included.
        let served = self.client.start_shard_range(first..last, total).await;
        self.activity.shutdown().await;
        served.map_err(explain_start_error)
    }
}

/// How long one request to Discord may take before it counts as failed (and, for a message,
/// is sent again with the same nonce).
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// serenity's `Http` on a client of ours. Against Discord, serenity's rate limiter keeps to
/// each route's bucket and to `retry_after`; against another API URL (a rate-limiting proxy
/// such as twilight's) the limiter must be off, as serenity ignores that URL while it is on.
fn http(settings: &Settings, pacer: Pacer, telemetry: Telemetry) -> anyhow::Result<serenity::Http> {
    let builder = serenity::HttpBuilder::new(&settings.token).client(http_client(settings)?);
    if settings.api_url.trim_end_matches('/') == DISCORD_API_URL {
        let mut http = builder.build();
        if let Some(limiter) = &mut http.ratelimiter {
            limiter.set_ratelimit_callback(Box::new(move |limited| {
                tracing::info!(path = %limited.path, global = limited.global, wait = ?limited.timeout, "rate limited by Discord");
                telemetry.rate_limited(limited.global);
                if limited.global {
                    pacer.pause_for(limited.timeout);
                }
                // serenity makes the request itself once the wait is over, without a token.
                pacer.owe_after(limited.timeout);
            }));
        }
        return Ok(http);
    }
    Ok(builder
        .proxy(settings.api_url.trim_end_matches('/'))
        .ratelimiter_disabled(true)
        .build())
}

fn http_client(settings: &Settings) -> anyhow::Result<reqwest::Client> {
    let mut client = reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT);
    if let Some(proxy) = &settings.proxy {
        let proxy = reqwest::Proxy::https(proxy)
            .with_context(|| format!("discord_proxy {proxy:?} is not a proxy URL"))?;
        client = client.proxy(proxy);
    }
    if let Some(path) = &settings.ca_certificate {
        let pem = std::fs::read(path)
            .with_context(|| format!("reading discord_ca_certificate {}", path.display()))?;
        let authority = reqwest::Certificate::from_pem(&pem)
            .with_context(|| format!("{} is not a PEM certificate", path.display()))?;
        client = client.add_root_certificate(authority);
    }
    client.build().context("building the HTTP client")
}

fn framework(settings: &Settings, data: Data) -> poise::Framework<Data, Error> {
    let dev_guild = settings.dev_guild;
    // One process registers the commands, whichever shards the others run.
    let registers_commands = settings.sharding.includes_first();
    poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands::all(),
            // Replies to commands ping nobody; posts that name people say whom themselves.
            allowed_mentions: Some(replies::no_pings()),
            on_error: |error| Box::pin(on_error(error)),
            command_check: Some(|ctx| Box::pin(once::first_time_command(ctx))),
            reply_callback: Some(watchdog::replying),
            post_command: |ctx| Box::pin(async move { count_interaction(ctx, Outcome::Ok) }),
            event_handler: |framework, event| {
                Box::pin(async move {
                    let data = framework.user_data;
                    watch_gateway(&data.telemetry, event);
                    record_server(data, event).await;
                    let handled = components::on_event(framework.serenity_context, event, data).await;
                    data.activity.finished(event);
                    handled
                })
            },
            ..Default::default()
        })
        // poise runs this once per process, on the first READY of any of its shards, not again
        // after a reconnect.
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                let commands = &framework.options().commands;
                let registered = commands::application_commands(commands);
                match dev_guild {
                    _ if !registers_commands => {}
                    Some(guild) => {
                        serenity::GuildId::new(guild).set_commands(ctx, registered).await?;
                    }
                    None => {
                        serenity::Command::set_global_commands(ctx, registered).await?;
                    }
                }
                if let Err(e) = quiz::end_interrupted(&ctx.http, &data.store, &data.quiz_messages, data.clock.now_ms()).await {
                    tracing::warn!("could not end the quizzes a restart interrupted: {e:#}");
                }
                tracing::info!(bot = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
                data.activity.setup_finished();
                Ok(data)
            })
        })
        .build()
}

/// One place that turns every failure into an ephemeral reply and a log line with the full
/// cause chain. A reply Discord refuses is replaced by a short one: never silence.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } if is_refusal(&error) => {
            count_interaction(ctx, Outcome::Refused);
            let text = answer::refusal(&error, commands::lang(ctx)).unwrap_or_default();
            send_or_short(ctx, &text).await;
        }
        poise::FrameworkError::Command { error, ctx, .. } => {
            count_interaction(ctx, Outcome::Error);
            tracing::error!(command = %ctx.command().qualified_name, user = %ctx.author().id, "command failed: {error:#}");
            send_or_short(ctx, &answer::went_wrong(commands::lang(ctx))).await;
        }
        poise::FrameworkError::CommandCheckFailed {
            error: None, ctx, ..
        } => {
            once::left_alone(ctx);
        }
        poise::FrameworkError::CommandCheckFailed {
            error: Some(error),
            ctx,
            ..
        } => {
            tracing::error!(command = %ctx.command().qualified_name, "could not record the interaction: {error:#}");
            send_or_short(ctx, &answer::went_wrong(commands::lang(ctx))).await;
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::error!("error while handling an error: {e}");
            }
        }
    }
}

/// Counts a slash command with the time since Discord created it, on the bot's clock.
fn count_interaction(ctx: Context<'_>, outcome: Outcome) {
    let data = ctx.data();
    let created = ctx.created_at().unix_timestamp() * 1000;
    let command = &ctx.command().qualified_name;
    data.telemetry
        .interaction(command, outcome, data.clock.now_ms() - created);
}

/// Ready connects a shard; a stage update says when it drops and comes back.
fn watch_gateway(telemetry: &Telemetry, event: &serenity::FullEvent) {
    match event {
        serenity::FullEvent::Ready { data_about_bot } => {
            let shard = data_about_bot.shard.map_or(0, |shard| shard.id.0);
            let guilds = data_about_bot.guilds.len();
            tracing::info!(shard, guilds, "gateway shard connected");
            telemetry.set_shard_connected(shard, true);
        }
        serenity::FullEvent::ShardStageUpdate { event } => telemetry.set_shard_connected(
            event.shard_id.0,
            event.new == serenity::ConnectionStage::Connected,
        ),
        _ => {}
    }
}

/// A server's name and preferred locale, kept for what the bot sends there unasked: as it
/// joins the session, and when they change while it is connected. A failure is logged: what
/// was recorded before stands until the next GUILD_CREATE or GUILD_UPDATE.
async fn record_server(data: &Data, event: &serenity::FullEvent) {
    let (guild, name, locale) = match event {
        serenity::FullEvent::GuildCreate { guild, .. } => {
            (guild.id, &guild.name, &guild.preferred_locale)
        }
        serenity::FullEvent::GuildUpdate { new_data, .. } => {
            (new_data.id, &new_data.name, &new_data.preferred_locale)
        }
        _ => return,
    };
    let (id, now) = (crate::model::GuildId(guild.get()), data.clock.now_ms());
    let recorded = languages::record_server(&data.store, id, name, locale, now).await;
    if let Err(e) = recorded {
        tracing::warn!(%guild, "could not record the server's locale: {e:#}");
    }
}

/// Sends `text` ephemerally, or the short notice that it did not fit if Discord refuses it.
async fn send_or_short(ctx: Context<'_>, text: &str) {
    let lang = commands::lang(ctx);
    let reply = |text: String| poise::CreateReply::default().content(text).ephemeral(true);
    if let Err(e) = watchdog::send(ctx, reply(replies::fitting(text, lang))).await {
        tracing::warn!("could not send a reply, sending a short one instead: {e}");
        if let Err(e) = watchdog::send(ctx, reply(replies::too_long(lang))).await {
            tracing::warn!("could not send the short reply either: {e}");
        }
    }
}

fn is_refusal(error: &Error) -> bool {
    matches!(
        error.downcast_ref::<DomainError>(),
        Some(DomainError::Refused(_))
    )
}

/// Turns the start-up failures people actually meet into one line that says what to fix.
fn explain_start_error(error: serenity::Error) -> anyhow::Error {
    use serenity::{Error as E, GatewayError as G, HttpError as H};
    match &error {
        E::Http(H::UnsuccessfulRequest(response)) if response.status_code.as_u16() == 401 => {
            anyhow::anyhow!("Discord rejected the bot token (401 Unauthorized): check DISCORD_TOKEN")
        }
        E::Gateway(G::InvalidAuthentication) => {
            anyhow::anyhow!("Discord rejected the bot token at the gateway: check DISCORD_TOKEN")
        }
        E::Gateway(G::DisallowedGatewayIntents) => anyhow::anyhow!(
            "Discord refused the Server Members intent (close code 4014): enable it under Bot → Privileged Gateway Intents in the developer portal"
        ),
        E::Gateway(G::InvalidGatewayIntents) => {
            anyhow::anyhow!("Discord refused the bot's gateway intents (close code 4013)")
        }
        _ => anyhow::Error::new(error).context("the Discord connection failed"),
    }
}
