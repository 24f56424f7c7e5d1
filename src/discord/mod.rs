//! The Discord adapter: the only place that knows Discord exists. Commands, components and
//! rendering live here; everything they do is asked of the domain layer.

mod activity;
pub(crate) mod badge_roles;
pub mod commands;
mod components;
pub(crate) mod custom_id;
mod files;
mod listening;
pub mod notifier;
pub(crate) mod quiz;
mod render;
pub(crate) mod replies;
mod workers;

use std::sync::Arc;

use poise::serenity_prelude as serenity;

pub use activity::Activity;
pub use workers::DiscordWorkers;

use crate::course::Library;
use crate::domain::{Clock, DomainError};
use crate::store::Store;

/// Discord's own API; anything else is a Discord-compatible server (or the test stand-in).
pub const DISCORD_API_URL: &str = "https://discord.com";

/// What every command can reach.
pub struct Data {
    pub store: Store,
    pub library: Arc<Library>,
    pub clock: Arc<dyn Clock>,
    /// Background work started for interactions, and the events handled so far.
    pub activity: Activity,
}

pub type Error = anyhow::Error;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// How to reach Discord.
pub struct Settings {
    pub token: String,
    /// Base URL of the API; the gateway URL comes from it, as with Discord.
    pub api_url: String,
    /// Register commands in this guild only (fast iteration) instead of globally.
    pub dev_guild: Option<u64>,
    /// How often to retry badge roles Discord refused.
    pub role_retry: std::time::Duration,
}

/// The connected bot: a serenity client driven by the poise framework.
pub struct Bot {
    client: serenity::Client,
    activity: Activity,
    role_retry: std::time::Duration,
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
    pub async fn build(settings: &Settings, data: Data) -> anyhow::Result<Bot> {
        let intents = serenity::GatewayIntents::GUILDS
            | serenity::GatewayIntents::GUILD_MEMBERS
            | serenity::GatewayIntents::GUILD_SCHEDULED_EVENTS;
        let activity = data.activity.clone();
        let client = serenity::ClientBuilder::new_with_http(http(settings), intents)
            .framework(framework(settings, data))
            .await
            .map_err(explain_start_error)?;
        Ok(Bot {
            client,
            activity,
            role_retry: settings.role_retry,
        })
    }

    /// The bot's HTTP client, for work outside commands (the scheduler's notifier).
    pub fn http(&self) -> Arc<serenity::Http> {
        self.client.http.clone()
    }

    pub fn stop_handle(&self) -> StopHandle {
        StopHandle(self.client.shard_manager.clone())
    }

    /// What the bot is busy with; tests wait on it.
    pub fn activity(&self) -> Activity {
        self.activity.clone()
    }

    /// Connects and serves until stopped, then waits for the background work it started;
    /// start-up failures come back as one clear line.
    pub async fn run(mut self) -> anyhow::Result<()> {
        let served = self.client.start().await.map_err(explain_start_error);
        self.activity.shutdown().await;
        served
    }
}

fn http(settings: &Settings) -> serenity::Http {
    let builder = serenity::HttpBuilder::new(&settings.token);
    if settings.api_url.trim_end_matches('/') == DISCORD_API_URL {
        return builder.build();
    }
    // serenity ignores the proxy while its own rate limiter is on.
    builder
        .proxy(settings.api_url.trim_end_matches('/'))
        .ratelimiter_disabled(true)
        .build()
}

fn framework(settings: &Settings, data: Data) -> poise::Framework<Data, Error> {
    let dev_guild = settings.dev_guild;
    poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands::all(),
            // Replies to commands ping nobody; posts that name people say whom themselves.
            allowed_mentions: Some(replies::no_pings()),
            on_error: |error| Box::pin(on_error(error)),
            event_handler: |framework, event| {
                Box::pin(async move {
                    let data = framework.user_data;
                    let handled = components::on_event(framework.serenity_context, event, data).await;
                    data.activity.finished(event);
                    handled
                })
            },
            ..Default::default()
        })
        // poise runs this once, on the first READY, not again after a reconnect.
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                let commands = &framework.options().commands;
                match dev_guild {
                    Some(guild) => {
                        poise::builtins::register_in_guild(ctx, commands, serenity::GuildId::new(guild)).await?
                    }
                    None => poise::builtins::register_globally(ctx, commands).await?,
                }
                if let Err(e) = quiz::end_interrupted(&ctx.http, &data.store, data.clock.now_ms()).await {
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
            send_or_short(ctx, &error.to_string()).await;
        }
        poise::FrameworkError::Command { error, ctx, .. } => {
            tracing::error!(command = %ctx.command().qualified_name, user = %ctx.author().id, "command failed: {error:#}");
            send_or_short(ctx, "Something went wrong on our side and nothing was changed. Please try again; if it keeps happening, tell a facilitator.").await;
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::error!("error while handling an error: {e}");
            }
        }
    }
}

/// Sends `text` ephemerally, or the short notice that it did not fit if Discord refuses it.
async fn send_or_short(ctx: Context<'_>, text: &str) {
    let reply = |text: &str| {
        poise::CreateReply::default()
            .content(replies::fitting(text))
            .ephemeral(true)
    };
    if let Err(e) = ctx.send(reply(text)).await {
        tracing::warn!("could not send a reply, sending a short one instead: {e}");
        if let Err(e) = ctx.send(reply(replies::TOO_LONG)).await {
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
