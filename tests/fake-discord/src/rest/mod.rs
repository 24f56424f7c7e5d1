//! The REST API under `/api/v10`. Every request goes through one pipeline, in Discord's order:
//! route lookup, authentication, rate limit, body parsing (JSON or multipart with
//! `payload_json`), validation, then the route's handler. Each request is logged; answers that
//! reveal a bug in the bot are also recorded as violations.

mod body;
mod channels;
mod commands;
mod events;
mod forums;
mod guilds;
mod interactions;
mod messages;
mod users;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State as AxumState};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use serenity::all::AttachmentId;

use crate::chaos::{self, Dice};
use crate::errors::{ApiError, Problem};
use crate::model::RecordedRequest;
use crate::ratelimit::{Limited, RouteLimit};
use crate::server::Shared;
use crate::state::{Fault, State};
use crate::validation;
use crate::violations::{Violation, ViolationKind};

pub(crate) use body::Upload;

/// A parsed request, as handlers see it.
pub(crate) struct Request {
    pub params: Params,
    pub query: Vec<(String, String)>,
    /// The JSON body (`payload_json` for multipart requests); `Null` if there was none.
    pub body: Value,
    pub files: Vec<Upload>,
    /// When the request reached the server, before the stand-in's own work on it (parsing,
    /// validating, waiting for its state).
    pub arrived: Instant,
}

impl Request {
    /// A path parameter.
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// A path parameter that must be a snowflake (never 0).
    pub fn id(&self, name: &str) -> Result<u64, ApiError> {
        let raw = self.param(name);
        raw.parse::<u64>()
            .ok()
            .filter(|id| *id != 0)
            .ok_or_else(|| {
                let problem = Problem::new(
                    &[name],
                    "NUMBER_TYPE_COERCE",
                    format!("Value \"{raw}\" is not snowflake."),
                );
                ApiError::invalid_form_body(vec![problem])
            })
    }

    /// A query parameter.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A successful answer.
pub(crate) struct Answer {
    pub status: u16,
    pub body: Option<Value>,
}

impl Answer {
    pub fn json(body: Value) -> Self {
        Self {
            status: 200,
            body: Some(body),
        }
    }

    pub fn created(body: Value) -> Self {
        Self {
            status: 201,
            body: Some(body),
        }
    }

    pub fn no_content() -> Self {
        Self {
            status: 204,
            body: None,
        }
    }
}

pub(crate) type Outcome = Result<Answer, ApiError>;

/// Serves one API request from the bot.
pub(crate) async fn handle(
    AxumState(shared): AxumState<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let arrived = Instant::now();
    let parsed = body::parse(&headers, body).await;
    let api_path = uri
        .path()
        .strip_prefix("/api/v10")
        .unwrap_or(uri.path())
        .to_owned();
    let logged_path = match uri.query() {
        Some(query) => format!("{api_path}?{query}"),
        None => api_path.clone(),
    };
    let query = parse_query(uri.query().unwrap_or_default());
    let (status, extra_headers, answer, delay) = {
        let mut state = shared.lock();
        let found = if uri.path().starts_with("/api/v10/") {
            find(method.as_str(), &api_path)
        } else {
            Err(false)
        };
        let mut delay = None;
        let (outcome, template, logged_body) = match found {
            Ok((route, params)) => {
                let logged_body = parsed.as_ref().ok().and_then(|p| p.json.clone());
                let (refused, late) = befall(&mut state, route, &params);
                delay = late.max(take_late(&mut state, route));
                let outcome = match refused {
                    Some(failure) => Err(failure),
                    None => run(&mut state, route, params, query, &headers, parsed, arrived),
                };
                (outcome, Some(route.template), logged_body)
            }
            Err(path_exists) => {
                let method_name = if path_exists { method.as_str() } else { "" };
                let logged_body = parsed.ok().and_then(|p| p.json);
                (
                    Err(Failure::Api(ApiError::unknown_route(method_name))),
                    None,
                    logged_body,
                )
            }
        };
        if outcome.is_ok() && state.config.mentions_required {
            let unstated =
                template.and_then(|t| mentions_unstated(method.as_str(), t, logged_body.as_ref()));
            if let Some(problem) = unstated {
                state.violations.push(Violation {
                    kind: ViolationKind::MentionsNotStated,
                    method: method.to_string(),
                    path: logged_path.clone(),
                    body: logged_body.clone(),
                    problems: vec![problem],
                });
            }
        }
        let (status, extra_headers, answer) = match outcome {
            Ok((answer, bucket)) => (answer.status, bucket, answer.body),
            Err(Failure::Limited(limited)) => (429, limited.headers(), Some(limited.body())),
            Err(Failure::Api(error)) => {
                if let Some(kind) = error.violation {
                    state.violations.push(violation(
                        kind,
                        method.as_str(),
                        &logged_path,
                        logged_body.clone(),
                        &error,
                    ));
                }
                (error.status, vec![], Some(error.body()))
            }
        };
        tracing::debug!(%method, path = %logged_path, status, "fake-discord answered");
        state.requests.push(RecordedRequest {
            method: method.to_string(),
            path: logged_path,
            route: template,
            body: logged_body,
            status,
            response: answer.clone(),
            at: Instant::now(),
        });
        state.last_request = Instant::now();
        (status, extra_headers, answer, delay)
    };
    shared.notify();
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    respond(status, &extra_headers, answer)
}

/// Serves an uploaded file from its attachment URL.
pub(crate) async fn download(
    AxumState(shared): AxumState<Arc<Shared>>,
    UrlPath((_channel, attachment, _filename)): UrlPath<(String, String, String)>,
) -> Response {
    let id = attachment
        .parse::<u64>()
        .ok()
        .filter(|id| *id != 0)
        .map(AttachmentId::new);
    let state = shared.lock();
    let file = id.and_then(|id| {
        state
            .messages
            .values()
            .flat_map(|m| &m.attachments)
            .find(|a| a.id == id)
            .cloned()
    });
    drop(state);
    match file {
        Some(file) => {
            let content_type = file
                .content_type
                .unwrap_or_else(|| "application/octet-stream".to_owned());
            let mut response = (StatusCode::OK, file.data).into_response();
            if let Ok(value) = HeaderValue::from_str(&content_type) {
                response.headers_mut().insert(header::CONTENT_TYPE, value);
            }
            response
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The most a bot may upload with one message (10 MiB, as `attachment_size_limit` says).
const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

/// Path parameters by name, as the route template names them.
type Params = Vec<(&'static str, String)>;

type Handler = fn(&mut State, &Request) -> Outcome;

/// Who may call a route.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    /// No token needed (`GET /gateway`).
    Public,
    /// Needs `Authorization: Bot <token>`; counts toward the rate limit.
    Bot,
    /// Authorised by the interaction token in the path; exempt from the global rate limit.
    Interaction,
}

struct Route {
    method: &'static str,
    template: &'static str,
    access: Access,
    handler: Handler,
}

const fn route(
    method: &'static str,
    template: &'static str,
    access: Access,
    handler: Handler,
) -> Route {
    Route {
        method,
        template,
        access,
        handler,
    }
}

/// Every route the fake serves; literal segments come before parameters of the same shape.
#[rustfmt::skip]
const ROUTES: &[Route] = &[
    route("GET", "/gateway", Access::Public, users::gateway),
    route("GET", "/gateway/bot", Access::Bot, users::gateway_bot),
    route("GET", "/users/@me", Access::Bot, users::current_user),
    route("POST", "/users/@me/channels", Access::Bot, users::open_dm),
    route("GET", "/users/{user_id}", Access::Bot, users::user),
    route("GET", "/oauth2/applications/@me", Access::Bot, users::application),
    route("GET", "/applications/{application_id}/commands", Access::Bot, commands::list),
    route("PUT", "/applications/{application_id}/commands", Access::Bot, commands::overwrite),
    route("POST", "/applications/{application_id}/commands", Access::Bot, commands::upsert),
    route("GET", "/applications/{application_id}/guilds/{guild_id}/commands", Access::Bot, commands::list),
    route("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", Access::Bot, commands::overwrite),
    route("POST", "/applications/{application_id}/guilds/{guild_id}/commands", Access::Bot, commands::upsert),
    route("POST", "/interactions/{interaction_id}/{interaction_token}/callback", Access::Interaction, interactions::callback),
    route("POST", "/webhooks/{webhook_id}/{webhook_token}", Access::Interaction, interactions::follow_up),
    route("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", Access::Interaction, interactions::get_message),
    route("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", Access::Interaction, interactions::edit_message),
    route("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", Access::Interaction, interactions::delete_message),
    route("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", Access::Interaction, interactions::get_message),
    route("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", Access::Interaction, interactions::edit_message),
    route("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", Access::Interaction, interactions::delete_message),
    route("GET", "/channels/{channel_id}", Access::Bot, channels::get),
    route("PATCH", "/channels/{channel_id}", Access::Bot, forums::edit),
    route("PUT", "/channels/{channel_id}/pins/{message_id}", Access::Bot, forums::pin),
    route("GET", "/channels/{channel_id}/messages", Access::Bot, messages::list),
    route("POST", "/channels/{channel_id}/messages", Access::Bot, messages::create),
    route("GET", "/channels/{channel_id}/messages/{message_id}", Access::Bot, messages::get),
    route("PATCH", "/channels/{channel_id}/messages/{message_id}", Access::Bot, messages::edit_message),
    route("DELETE", "/channels/{channel_id}/messages/{message_id}", Access::Bot, messages::delete),
    route("POST", "/channels/{channel_id}/messages/{message_id}/threads", Access::Bot, channels::thread_from_message),
    route("POST", "/channels/{channel_id}/threads", Access::Bot, channels::thread),
    route("PUT", "/channels/{channel_id}/thread-members/{user_id}", Access::Bot, channels::add_thread_member),
    route("PUT", "/channels/{channel_id}/permissions/{overwrite_id}", Access::Bot, channels::set_overwrite),
    route("GET", "/guilds/{guild_id}", Access::Bot, guilds::get),
    route("GET", "/guilds/{guild_id}/channels", Access::Bot, guilds::channels),
    route("POST", "/guilds/{guild_id}/channels", Access::Bot, channels::create),
    route("GET", "/guilds/{guild_id}/roles", Access::Bot, guilds::roles),
    route("GET", "/guilds/{guild_id}/threads/active", Access::Bot, guilds::active_threads),
    route("POST", "/guilds/{guild_id}/roles", Access::Bot, guilds::create_role),
    route("PATCH", "/guilds/{guild_id}/roles/{role_id}", Access::Bot, guilds::edit_role),
    route("DELETE", "/guilds/{guild_id}/roles/{role_id}", Access::Bot, guilds::delete_role),
    route("GET", "/guilds/{guild_id}/members", Access::Bot, guilds::members),
    route("GET", "/guilds/{guild_id}/members/{user_id}", Access::Bot, guilds::member),
    route("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", Access::Bot, guilds::add_member_role),
    route("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", Access::Bot, guilds::remove_member_role),
    route("GET", "/guilds/{guild_id}/scheduled-events", Access::Bot, events::list),
    route("POST", "/guilds/{guild_id}/scheduled-events", Access::Bot, events::create),
    route("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}", Access::Bot, events::get),
    route("PATCH", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}", Access::Bot, events::edit),
    route("DELETE", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}", Access::Bot, events::delete),
    route("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users", Access::Bot, events::users),
];

/// The route for `method path`, with its parameters; `Err(true)` if the path exists with
/// another method.
fn find(method: &str, path: &str) -> Result<(&'static Route, Params), bool> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let mut path_exists = false;
    for route in ROUTES {
        let Some(params) = match_template(route.template, &segments) else {
            continue;
        };
        if route.method == method {
            return Ok((route, params));
        }
        path_exists = true;
    }
    Err(path_exists)
}

fn match_template(template: &'static str, segments: &[&str]) -> Option<Params> {
    let parts: Vec<&'static str> = template.trim_start_matches('/').split('/').collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut params = vec![];
    for (part, segment) in parts.iter().zip(segments) {
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) if !segment.is_empty() => params.push((name, (*segment).to_owned())),
            Some(_) => return None,
            None if part == segment => {}
            None => return None,
        }
    }
    Some(params)
}

/// The rate-limit bucket: method, route and its major parameter values.
fn bucket(route: &Route, params: &Params) -> String {
    let mut key = format!("{} {}", route.method, route.template);
    for (name, value) in params {
        if matches!(
            *name,
            "channel_id" | "guild_id" | "webhook_id" | "webhook_token"
        ) {
            key = key.replace(&format!("{{{name}}}"), value);
        }
    }
    key
}

/// Why a request failed.
enum Failure {
    Api(ApiError),
    Limited(Limited),
}

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Self {
        Self::Api(error)
    }
}

fn run(
    state: &mut State,
    route: &'static Route,
    params: Params,
    query: Vec<(String, String)>,
    headers: &HeaderMap,
    parsed: Result<body::Parsed, ApiError>,
    arrived: Instant,
) -> Result<(Answer, BucketHeaders), Failure> {
    if route.access == Access::Bot && !authorized(state, headers) {
        return Err(ApiError::unauthorized().into());
    }
    let fault = take_fault(state, route);
    if let Some(fault) = fault.as_ref().filter(|f| !f.carried_out) {
        return Err(server_error(fault.status).into());
    }
    let mut bucket_headers = vec![];
    if route.access != Access::Interaction {
        let route_limit = state
            .config
            .route_rate_limit
            .map(|(limit, window)| RouteLimit { limit, window });
        let key = bucket(route, &params);
        let global = state.config.global_rate_limit;
        let admitted = state
            .limiter
            .admit(global, route_limit, &key, Instant::now())
            .map_err(Failure::Limited)?;
        bucket_headers = admitted.map(|a| a.headers()).unwrap_or_default();
    }
    let parsed = parsed?;
    if parsed.files.iter().map(|f| f.data.len()).sum::<usize>() > UPLOAD_LIMIT {
        return Err(ApiError::new(413, 40005, "Request entity too large")
            .violation(ViolationKind::InvalidBody)
            .into());
    }
    let now = state.config.clock.now();
    let problems = validation::check(
        route.method,
        route.template,
        parsed.json.as_ref(),
        &query,
        now,
    );
    if !problems.is_empty() {
        return Err(ApiError::invalid_form_body(problems).into());
    }
    let request = Request {
        params,
        query,
        body: parsed.json.unwrap_or(Value::Null),
        files: parsed.files,
        arrived,
    };
    let answer = (route.handler)(state, &request)?;
    if let Some(fault) = fault {
        return Err(server_error(fault.status).into());
    }
    Ok((answer, bucket_headers))
}

/// What Discord answers when it fails: a 5xx without a JSON error code.
fn server_error(status: u16) -> ApiError {
    ApiError::new(status, 0, "Internal Server Error")
}

/// The server error a test asked for on this route, used up by this request.
/// The chaos a test asked for, drawn for one request to a bot route: a 429 to answer at once,
/// or a server error or lost answer left for `run` to carry out; and how late to answer.
fn befall(
    state: &mut State,
    route: &'static Route,
    params: &Params,
) -> (Option<Failure>, Option<Duration>) {
    if route.access != Access::Bot {
        return (None, None);
    }
    let Some(draw) = state.dice.as_mut().map(Dice::draw) else {
        return (None, None);
    };
    let mut leave = |status, carried_out| {
        let fault = Fault {
            method: route.method,
            template: route.template,
            status,
            carried_out,
        };
        state.faults.insert(0, fault);
    };
    let refused = match draw.fault {
        Some(chaos::Fault::RateLimited(retry_after)) => Some(Failure::Limited(Limited {
            global: false,
            limit: 1,
            retry_after,
            bucket: bucket(route, params),
        })),
        Some(chaos::Fault::ServerError) => {
            leave(500, false);
            None
        }
        Some(chaos::Fault::LostAnswer) => {
            leave(502, true);
            None
        }
        None => None,
    };
    (refused, draw.delay)
}

/// How late a test asked the answer to this route to come, used up by this request.
fn take_late(state: &mut State, route: &Route) -> Option<Duration> {
    take_for(&mut state.late, route, |l| (l.method, l.template)).map(|l| l.by)
}

fn take_fault(state: &mut State, route: &Route) -> Option<crate::state::Fault> {
    take_for(&mut state.faults, route, |f| (f.method, f.template))
}

/// The first of `asked` that names `route`, taken out of the list.
fn take_for<T>(
    asked: &mut Vec<T>,
    route: &Route,
    names: impl Fn(&T) -> (&'static str, &'static str),
) -> Option<T> {
    let at = asked
        .iter()
        .position(|a| names(a) == (route.method, route.template))?;
    Some(asked.remove(at))
}

/// The `X-RateLimit-*` headers of the bucket a request was counted in.
type BucketHeaders = Vec<(&'static str, String)>;

/// For a request that creates a message without stating `allowed_mentions`, what is missing.
fn mentions_unstated(method: &str, template: &str, body: Option<&Value>) -> Option<String> {
    let body = body?;
    let (message, field) = match (method, template) {
        ("POST", "/channels/{channel_id}/messages")
        | ("POST", "/webhooks/{webhook_id}/{webhook_token}") => (body, "allowed_mentions"),
        ("POST", "/interactions/{interaction_id}/{interaction_token}/callback")
            if body["type"].as_u64() == Some(4) =>
        {
            (&body["data"], "data.allowed_mentions")
        }
        _ => return None,
    };
    message
        .get("allowed_mentions")
        .filter(|m| m.is_object())
        .is_none()
        .then(|| format!("{field}: not stated, so every mention in the content would ping"))
}

fn authorized(state: &State, headers: &HeaderMap) -> bool {
    let expected = format!("Bot {}", state.token);
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    !state.config.invalid_token && given == Some(expected.as_str())
}

fn violation(
    kind: ViolationKind,
    method: &str,
    path: &str,
    body: Option<Value>,
    error: &ApiError,
) -> Violation {
    let problems = if error.problems.is_empty() {
        vec![format!(
            "Discord answers {} {}: {}",
            error.status, error.code, error.message
        )]
    } else {
        error.problems.iter().map(Problem::describe).collect()
    };
    Violation {
        kind,
        method: method.to_owned(),
        path: path.to_owned(),
        body,
        problems,
    }
}

fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn respond(status: u16, headers: &[(&'static str, String)], body: Option<Value>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = match body {
        Some(body) => {
            let mut response = (status, body.to_string()).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        None => status.into_response(),
    };
    for (name, value) in headers {
        if let Ok(value) = HeaderValue::from_str(value) {
            response.headers_mut().insert(*name, value);
        }
    }
    response
}
