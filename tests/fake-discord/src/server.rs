//! Starting and stopping the fake: the builder with its options, the HTTP + WebSocket server on
//! `127.0.0.1`, the handles a bot needs (URL, token, a configured serenity `Http`), gateway
//! control, and the violation checks that fail a test.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{DefaultBodyLimit, State as AxumState};
use axum::response::Response;
use axum::routing::get;
use axum::serve::ListenerExt;
use axum::Router;
use chrono::{DateTime, Utc};
use serde_json::Value;
use serenity::all::{
    ApplicationId, ClientBuilder, GatewayIntents, Http, HttpBuilder, InteractionId, Permissions,
    UserId,
};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::barrier::{Barrier, BarrierFuture};
use crate::chaos::Chaos;
use crate::model::{GatewayDispatch, GatewaySession, RecordedRequest};
use crate::script::reply::Reply;
use crate::state::State;
use crate::violations::{self, Violation};
use crate::{gateway, rest, tls};

/// A running Discord stand-in. Point the bot at [`Self::url`] with [`Self::token`] (or use
/// [`Self::http`] / [`Self::client`]), then script users with the methods on this type and
/// [`crate::FakeUser`].
///
/// Dropping it stops the server; if violations were recorded and not taken, the drop panics
/// with the report so the test fails.
pub struct FakeDiscord {
    pub(crate) shared: Arc<Shared>,
    server: JoinHandle<()>,
    tunnelled: JoinHandle<()>,
    url: String,
    proxy_url: String,
}

impl FakeDiscord {
    /// A fake with default options.
    pub async fn start() -> Self {
        Self::builder().start().await
    }

    pub fn builder() -> FakeDiscordBuilder {
        FakeDiscordBuilder::default()
    }

    /// `http://127.0.0.1:PORT`: the proxy URL for serenity's `HttpBuilder`; the API is under
    /// `/api/v10`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// `http://127.0.0.1:PORT`: an HTTP proxy through which `https://discord.com` is the fake,
    /// for a client that trusts [`Self::ca_certificate_pem`]. serenity's rate limiter, which
    /// only ever talks to discord.com, works through it as it does in production.
    pub fn proxy_url(&self) -> &str {
        &self.proxy_url
    }

    /// The certificate of the authority that issued the fake's discord.com certificate.
    pub fn ca_certificate_pem(&self) -> &'static str {
        tls::CA_CERTIFICATE_PEM
    }

    /// A serenity `Http` with its rate limiter on, reaching the fake as discord.com.
    pub fn rate_limited_http(&self) -> Http {
        let client = reqwest::Client::builder()
            .proxy(reqwest::Proxy::https(&self.proxy_url).expect("the proxy URL is valid"))
            .add_root_certificate(
                reqwest::Certificate::from_pem(tls::CA_CERTIFICATE_PEM.as_bytes())
                    .expect("tls/ca.pem is a certificate"),
            )
            .build()
            .expect("a reqwest client");
        HttpBuilder::new(self.token())
            .client(client)
            .application_id(self.application_id())
            .build()
    }

    /// The bot token the fake accepts.
    pub fn token(&self) -> String {
        self.shared.lock().token.clone()
    }

    /// The bot's user id (also its application id).
    pub fn bot_id(&self) -> UserId {
        self.shared.lock().bot_id
    }

    pub fn application_id(&self) -> ApplicationId {
        ApplicationId::new(self.bot_id().get())
    }

    /// A serenity `Http` that talks to the fake: proxy set, rate limiter off, application id
    /// known.
    pub fn http(&self) -> Http {
        HttpBuilder::new(self.token())
            .proxy(self.url.clone())
            .ratelimiter_disabled(true)
            .application_id(self.application_id())
            .build()
    }

    /// A serenity client builder on [`Self::http`].
    pub fn client(&self, intents: GatewayIntents) -> ClientBuilder {
        ClientBuilder::new_with_http(self.http(), intents)
    }

    /// Waits until the bot has identified and is connected (on every shard it identified on
    /// so far); panics after the reply timeout.
    pub async fn wait_until_ready(&self) {
        self.shared.ready().await;
    }

    /// Waits until `count` gateway sessions are connected at once (several shards, or several
    /// processes of the bot); `false` after the reply timeout.
    pub async fn wait_for_sessions(&self, count: usize) -> bool {
        self.shared
            .wait_until(|s| s.gateway.live_sessions() >= count)
            .await
    }

    /// Waits until the bot has sent `count` heartbeats; `false` after the reply timeout. A
    /// serenity shard sends its next heartbeat only after it has taken in the last one's
    /// acknowledgement, so after two, one round trip has been measured.
    pub async fn wait_for_heartbeats(&self, count: usize) -> bool {
        self.shared
            .wait_until(|s| s.gateway.heartbeats >= count)
            .await
    }

    /// Waits until the fake has closed the gateway on an IDENTIFY with `code` (4010 for a
    /// shard beyond the total, 4011 for too few shards); `false` after the reply timeout.
    pub async fn wait_for_refused_identify(&self, code: u16) -> bool {
        self.shared
            .wait_until(|s| s.gateway.refused.contains(&code))
            .await
    }

    /// Waits until the bot's sessions have resumed `count` times in all and are connected
    /// again; `false` after the reply timeout.
    pub async fn wait_for_resumes(&self, count: usize) -> bool {
        self.shared
            .wait_until(|s| s.gateway.resumes >= count && s.gateway.is_connected())
            .await
    }

    /// The first request `wanted` picks out, waited for up to the reply timeout; `None` if the
    /// bot has not made it by then.
    pub async fn wait_for_request(
        &self,
        mut wanted: impl FnMut(&RecordedRequest) -> bool,
    ) -> Option<RecordedRequest> {
        let timeout = self.shared.lock().config.reply_timeout;
        self.shared
            .wait_for(timeout, |s| s.requests.iter().find(|r| wanted(r)).cloned())
            .await
    }

    /// Whether the bot's gateway session has a live connection.
    pub fn is_connected(&self) -> bool {
        self.shared.lock().gateway.is_connected()
    }

    /// Drops the bot's gateway connection (of every shard) without a close frame, like a network failure. The
    /// session stays resumable; events dispatched meanwhile are replayed on RESUME.
    pub fn drop_gateway_connection(&self) -> bool {
        self.shared.lock().gateway.drop_connection()
    }

    /// How many times the bot resumed a session.
    pub fn resume_count(&self) -> usize {
        self.shared.lock().gateway.resumes
    }

    /// The current gateway session id, once the bot identified.
    pub fn session_id(&self) -> Option<String> {
        self.shared.lock().gateway.session_id()
    }

    /// The dispatches sent in the current gateway session (of shard 0), in order.
    pub fn dispatches(&self) -> Vec<GatewayDispatch> {
        self.shared.lock().gateway.dispatches()
    }

    /// Every gateway session the fake keeps (live, or resumable), by shard.
    pub fn sessions(&self) -> Vec<GatewaySession> {
        self.shared.lock().gateway.sessions()
    }

    /// Sends any gateway event to the bot as a dispatch (subject to its intents). The payload
    /// is sent as given: prefer the typed helpers, whose payloads are tested against serenity.
    pub fn dispatch(&self, event: &str, data: Value) {
        self.shared.lock().gateway.dispatch(event, data);
    }

    /// Sends the bot an interaction it has had before, as a gateway replay after a resume
    /// does, and returns the reply once the repeat is handled. A second answer is refused
    /// with Discord's 40060 and fails the test.
    pub async fn replay_interaction(&self, reply: &Reply) -> Reply {
        crate::script::interact::replay(&self.shared, &reply.token).await
    }

    /// Waits until the bot has been quiet for the quiet period, then fails on violations. For
    /// a bot that cannot say when it has finished (one in another process); a bot in the
    /// test's process gives the fake a [`Barrier`] instead.
    pub async fn settle(&self) {
        self.shared.settle().await;
        self.shared.check_violations();
    }

    /// Waits until the bot has finished handling every `event` (as Discord names it,
    /// `GUILD_CREATE`) dispatched in its current sessions, such as those sent when it
    /// connected.
    pub async fn after_events(&self, event: &str) {
        self.shared.after_events(event).await;
    }

    /// From now on the scripting API waits on `barrier` after every interaction and gateway
    /// event, instead of waiting for the bot to go quiet.
    pub fn set_barrier(&self, barrier: Arc<dyn Barrier>) {
        *self
            .shared
            .barrier
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(barrier);
    }

    /// The violations recorded so far (kept).
    pub fn violations(&self) -> Vec<Violation> {
        self.shared.lock().violations.clone()
    }

    /// The violations recorded so far, clearing them.
    pub fn take_violations(&self) -> Vec<Violation> {
        std::mem::take(&mut self.shared.lock().violations)
    }

    /// Panics with the report if any violation was recorded.
    pub fn assert_no_violations(&self) {
        let found = self.take_violations();
        assert!(found.is_empty(), "{}", violations::report(&found));
    }

    /// Every request the bot made, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// The requests refused with a global 429 (the bot's 50 a second exceeded), in order.
    pub fn global_429s(&self) -> Vec<RecordedRequest> {
        let global = |r: &RecordedRequest| {
            r.status == 429
                && r.response
                    .as_ref()
                    .is_some_and(|body| body["global"] == true)
        };
        let state = self.shared.lock();
        state
            .requests
            .iter()
            .filter(|r| global(r))
            .cloned()
            .collect()
    }
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.server.abort();
        self.tunnelled.abort();
        let found = {
            let mut state = self.shared.lock();
            state.gateway.close_all();
            std::mem::take(&mut state.violations)
        };
        if found.is_empty() {
            return;
        }
        let report = violations::report(&found);
        if std::thread::panicking() {
            eprintln!("{report}");
        } else {
            panic!("{report}");
        }
    }
}

/// Options for a [`FakeDiscord`]; every one has a Discord-like default.
#[derive(Clone, Debug, Default)]
pub struct FakeDiscordBuilder {
    config: Config,
}

impl FakeDiscordBuilder {
    /// The bot's user id, which is also its application id (default: a fresh snowflake).
    pub fn bot_id(mut self, id: UserId) -> Self {
        self.config.bot_id = Some(id);
        self
    }

    /// The bot's username and the name of its managed role (default `test-bot`).
    pub fn bot_name(mut self, name: impl Into<String>) -> Self {
        self.config.bot_name = name.into();
        self
    }

    /// The position of the bot's own role in each guild (default 10).
    pub fn bot_role_position(mut self, position: u16) -> Self {
        self.config.bot_role_position = position;
        self
    }

    /// The permissions of the bot's own role (default: view, send, embed, attach, history,
    /// manage roles, threads and events, use commands).
    pub fn bot_permissions(mut self, permissions: Permissions) -> Self {
        self.config.bot_permissions = permissions;
        self
    }

    /// How long the bot has to answer an interaction (default 3 s, as on Discord).
    pub fn interaction_deadline(mut self, deadline: Duration) -> Self {
        self.config.interaction_deadline = deadline;
        self
    }

    /// What time Discord thinks it is, for the checks that compare with now (a scheduled
    /// event may not start in the past); default the system clock. Give it the bot's clock
    /// when a test moves time.
    pub fn clock(mut self, now: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        self.config.clock = Now(Arc::new(now));
        self
    }

    /// How long the bot must stay silent before an action counts as finished (default 300 ms).
    pub fn quiet_period(mut self, quiet: Duration) -> Self {
        self.config.quiet_period = quiet;
        self
    }

    /// The longest an action waits: for the bot to connect, to register a command, to follow
    /// up a deferred response (default 10 s).
    pub fn reply_timeout(mut self, timeout: Duration) -> Self {
        self.config.reply_timeout = timeout;
        self
    }

    /// Requests per second before the global rate limit answers 429 (default 50; interaction
    /// responses are exempt).
    pub fn rate_limit(mut self, per_second: u32) -> Self {
        self.config.global_rate_limit = per_second;
        self
    }

    /// Limit each route bucket (method, route and channel, guild or webhook) to `limit`
    /// requests per `window`, answered with a non-global 429 (default: 5 per 5 s, Discord's
    /// usual limit, as for posting in a channel).
    pub fn route_rate_limit(mut self, limit: u32, window: Duration) -> Self {
        self.config.route_rate_limit = Some((limit, window));
        self
    }

    /// No per-route limit, only the global one: for a test about something else that needs
    /// more requests per bucket than Discord allows in a few seconds.
    pub fn without_route_rate_limit(mut self) -> Self {
        self.config.route_rate_limit = None;
        self
    }

    /// Treat the bot's token as invalid, as after a reset: authenticated requests answer 401
    /// and IDENTIFY is closed with 4004.
    pub fn invalid_token(mut self) -> Self {
        self.config.invalid_token = true;
        self
    }

    /// The privileged intents enabled in the developer portal (default: all). IDENTIFY asking
    /// for any other privileged intent is closed with 4014.
    pub fn privileged_intents(mut self, enabled: GatewayIntents) -> Self {
        self.config.privileged_intents = enabled & GatewayIntents::privileged();
        self
    }

    /// No privileged intent is enabled in the developer portal.
    pub fn missing_privileged_intents(self) -> Self {
        self.privileged_intents(GatewayIntents::empty())
    }

    /// Accept messages that do not state `allowed_mentions`, as Discord does. By default each
    /// one is a violation: a bot must say whom a message may ping, so that text it did not
    /// write never pings @everyone, @here or a role.
    pub fn mentions_optional(mut self) -> Self {
        self.config.mentions_required = false;
        self
    }

    /// The heartbeat interval announced in HELLO (default 41.25 s).
    pub fn heartbeat_interval(mut self, interval: Duration) -> Self {
        self.config.heartbeat_interval = interval;
        self
    }

    /// The shard count `GET /gateway/bot` recommends (default 1). An IDENTIFY with fewer
    /// shards in all is closed with 4011, as Discord does when a shard would hold too many
    /// guilds.
    pub fn shards(mut self, count: u32) -> Self {
        self.config.shards = count.max(1);
        self
    }

    /// Let actions return even when violations were recorded; the test must then read them
    /// with [`FakeDiscord::take_violations`] (dropping the fake with violations still panics).
    pub fn expect_violations(mut self) -> Self {
        self.config.fail_on_violation = false;
        self
    }

    /// Faults on a share of the bot's requests (see [`Chaos`]).
    pub fn chaos(mut self, chaos: Chaos) -> Self {
        self.config.chaos = Some(chaos);
        self
    }

    /// Starts the server on a free port of 127.0.0.1.
    pub async fn start(self) -> FakeDiscord {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a port on 127.0.0.1");
        let address = listener.local_addr().expect("the listener has an address");
        let url = format!("http://{address}");
        let proxy = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a port on 127.0.0.1");
        let proxy_url = format!(
            "http://{}",
            proxy.local_addr().expect("the listener has an address")
        );
        let (activity, _) = watch::channel(0);
        let shared = Arc::new(Shared {
            state: Mutex::new(State::new(self.config, url.clone())),
            activity,
            barrier: Mutex::new(None),
        });
        let app = Router::new()
            .route("/gateway", get(upgrade))
            .route(
                "/attachments/{channel}/{attachment}/{filename}",
                get(rest::download),
            )
            .fallback(rest::handle)
            .layer(DefaultBodyLimit::disable())
            .with_state(Arc::clone(&shared));
        let tunnelled = tokio::spawn(tls::serve(proxy, app.clone()));
        let server = tokio::spawn(async move {
            // As Discord's own servers do, each write is sent at once (no Nagle), so a small
            // event or answer never waits for the bot's delayed acknowledgement.
            let listener = listener.tap_io(|tcp| {
                if let Err(error) = tcp.set_nodelay(true) {
                    tracing::warn!(%error, "fake-discord cannot send writes at once");
                }
            });
            if let Err(error) = axum::serve(listener, app).await {
                tracing::error!(%error, "fake-discord server stopped");
            }
        });
        FakeDiscord {
            shared,
            server,
            tunnelled,
            url,
            proxy_url,
        }
    }
}

/// The fake's settings, fixed at start.
#[derive(Clone, Debug)]
pub(crate) struct Config {
    pub bot_id: Option<UserId>,
    pub bot_name: String,
    pub bot_role_position: u16,
    pub bot_permissions: Permissions,
    pub interaction_deadline: Duration,
    pub quiet_period: Duration,
    pub reply_timeout: Duration,
    pub global_rate_limit: u32,
    pub route_rate_limit: Option<(u32, Duration)>,
    pub invalid_token: bool,
    pub privileged_intents: GatewayIntents,
    pub heartbeat_interval: Duration,
    pub shards: u32,
    pub fail_on_violation: bool,
    pub clock: Now,
    pub mentions_required: bool,
    pub chaos: Option<Chaos>,
}

/// What time the fake thinks it is, for the checks that compare a request with now.
#[derive(Clone)]
pub(crate) struct Now(Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>);

impl Now {
    pub fn now(&self) -> DateTime<Utc> {
        (self.0)()
    }
}

impl std::fmt::Debug for Now {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Now({})", self.now())
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bot_id: None,
            bot_name: "test-bot".into(),
            bot_role_position: 10,
            bot_permissions: default_bot_permissions(),
            interaction_deadline: Duration::from_secs(3),
            quiet_period: Duration::from_millis(300),
            reply_timeout: Duration::from_secs(10),
            global_rate_limit: 50,
            route_rate_limit: Some((5, Duration::from_secs(5))),
            invalid_token: false,
            privileged_intents: GatewayIntents::privileged(),
            heartbeat_interval: Duration::from_millis(41_250),
            shards: 1,
            fail_on_violation: true,
            clock: Now(Arc::new(Utc::now)),
            mentions_required: true,
            chaos: None,
        }
    }
}

/// What a bot invited with the usual scopes may do: read and send (with embeds, files and in
/// threads), create threads, manage roles and events.
fn default_bot_permissions() -> Permissions {
    Permissions::VIEW_CHANNEL
        | Permissions::SEND_MESSAGES
        | Permissions::EMBED_LINKS
        | Permissions::ATTACH_FILES
        | Permissions::READ_MESSAGE_HISTORY
        | Permissions::MANAGE_ROLES
        | Permissions::CREATE_PUBLIC_THREADS
        | Permissions::CREATE_PRIVATE_THREADS
        | Permissions::SEND_MESSAGES_IN_THREADS
        | Permissions::MANAGE_THREADS
        | Permissions::MANAGE_EVENTS
        | Permissions::USE_APPLICATION_COMMANDS
}

/// State shared by the server tasks and the test's handles.
pub(crate) struct Shared {
    state: Mutex<State>,
    activity: watch::Sender<u64>,
    barrier: Mutex<Option<Arc<dyn Barrier>>>,
}

impl Shared {
    /// The state; a panic elsewhere never locks the test out.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Wakes everything waiting for the bot.
    pub fn notify(&self) {
        self.activity.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// Waits until `check` finds something, re-checking after every change, for at most
    /// `timeout`.
    pub async fn wait_for<T>(
        &self,
        timeout: Duration,
        mut check: impl FnMut(&mut State) -> Option<T>,
    ) -> Option<T> {
        let mut changes = self.activity.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(found) = check(&mut self.lock()) {
                return Some(found);
            }
            match tokio::time::timeout_at(deadline, changes.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) | Err(_) => return check(&mut self.lock()),
            }
        }
    }

    /// Waits until the bot has finished handling the interaction: on the barrier when there
    /// is one, else until it went quiet. Panics when the bot never finishes.
    pub async fn after_interaction(&self, id: InteractionId) {
        match self.barrier() {
            Some(barrier) => {
                self.within_reply_timeout(
                    barrier.interaction_handled(id),
                    &format!("interaction {id}"),
                )
                .await
            }
            None => self.settle().await,
        }
    }

    /// Waits until the bot has finished handling every `event` dispatched in its current
    /// sessions: on the barrier when there is one, else until it went quiet.
    pub async fn after_events(&self, event: &str) {
        let Some(barrier) = self.barrier() else {
            return self.settle().await;
        };
        let sent = self.lock().gateway.dispatched(event);
        self.within_reply_timeout(
            barrier.events_handled(event, sent),
            &format!("{sent} × {event}"),
        )
        .await;
    }

    fn barrier(&self) -> Option<Arc<dyn Barrier>> {
        self.barrier
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    async fn within_reply_timeout(&self, done: BarrierFuture, what: &str) {
        let limit = self.lock().config.reply_timeout;
        if tokio::time::timeout(limit, done).await.is_err() {
            panic!("the bot did not finish handling {what} within {limit:?}");
        }
    }

    /// Waits until the bot has made no request for the quiet period (at most the reply timeout).
    pub async fn settle(&self) {
        let (quiet, limit) = {
            let state = self.lock();
            (state.config.quiet_period, state.config.reply_timeout)
        };
        let started = Instant::now();
        loop {
            let since = self.lock().last_request.elapsed();
            if since >= quiet || started.elapsed() >= limit {
                return;
            }
            tokio::time::sleep(quiet - since).await;
        }
    }

    /// Waits for the bot's gateway session; panics if it never comes.
    pub async fn ready(&self) {
        assert!(
            self.wait_until(|s| s.gateway.is_connected()).await,
            "the bot did not connect to fake-discord's gateway within the reply timeout"
        );
    }

    /// Waits, at most the reply timeout, until `check` holds of the state; `false` if not.
    pub async fn wait_until(&self, mut check: impl FnMut(&State) -> bool) -> bool {
        let timeout = self.lock().config.reply_timeout;
        self.wait_for(timeout, |s| check(s).then_some(()))
            .await
            .is_some()
    }

    /// Panics with the report if violations were recorded and the fake fails on them.
    pub fn check_violations(&self) {
        let mut state = self.lock();
        if state.config.fail_on_violation && !state.violations.is_empty() {
            let found = std::mem::take(&mut state.violations);
            drop(state);
            panic!("{}", violations::report(&found));
        }
    }
}

/// Hands a WebSocket upgrade on `/gateway` to the gateway.
async fn upgrade(AxumState(shared): AxumState<Arc<Shared>>, socket: WebSocketUpgrade) -> Response {
    socket.on_upgrade(move |socket| gateway::serve(shared, socket))
}
