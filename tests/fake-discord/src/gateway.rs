//! The gateway: a WebSocket speaking Discord's JSON protocol (text frames, no compression).
//!
//! HELLO (op 10) on connect; IDENTIFY (op 2) opens a session answered by READY and one
//! GUILD_CREATE per guild; heartbeats (op 1) get acks (op 11); RESUME (op 6) replays what the
//! session missed and ends with RESUMED. Every dispatch carries the session's next sequence
//! number and is kept for replay, and events the session's intents exclude are not sent.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::ws::{CloseFrame, Message as WsMessage, WebSocket};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use serenity::all::GatewayIntents;
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};

use crate::model::GatewayDispatch;
use crate::payloads;
use crate::server::Shared;
use crate::state::State;

/// What a connection task is told to do.
#[derive(Debug)]
pub(crate) enum Outgoing {
    Frame(String),
    /// Close with a code and reason, as Discord does on errors.
    Close(u16, &'static str),
    /// Drop the socket without a close frame, like a network failure.
    Drop,
}

/// The bot's gateway sessions; the latest IDENTIFY is the current one. As on Discord, a
/// second process identifying on the same shard does not end the first one's session: both
/// get every event (an interaction included), which is why the bot claims each interaction.
#[derive(Default)]
pub(crate) struct Sessions {
    sessions: HashMap<String, Session>,
    current: Option<String>,
    next_connection: u64,
    /// How many times a session was resumed, for tests.
    pub resumes: usize,
    /// How many heartbeats the bot sent, each acknowledged at once.
    pub heartbeats: usize,
}

impl Sessions {
    /// Whether the bot has identified (READY was sent).
    pub fn is_identified(&self) -> bool {
        self.current.is_some()
    }

    /// Whether the current session has a live connection.
    pub fn is_connected(&self) -> bool {
        self.current_session()
            .is_some_and(|s| s.connection.is_some())
    }

    /// How many sessions have a live connection: one per process connected on a shard.
    pub fn live_sessions(&self) -> usize {
        self.sessions
            .values()
            .filter(|s| s.connection.is_some())
            .count()
    }

    fn current_session(&self) -> Option<&Session> {
        self.current.as_ref().and_then(|id| self.sessions.get(id))
    }

    fn current_session_mut(&mut self) -> Option<&mut Session> {
        self.current
            .as_ref()
            .and_then(|id| self.sessions.get_mut(id))
    }

    /// Sends an event to every session whose intents ask for it: the current one (kept in its
    /// log while it is away, for RESUME) and any other with a live connection.
    pub fn dispatch(&mut self, event: &str, data: Value) {
        let current = self.current.clone();
        let wanted = |session: &Session| {
            required_intent(event).is_none_or(|needed| session.intents.intersects(needed))
        };
        for session in self.sessions.values_mut() {
            let listening = session.connection.is_some() || current.as_ref() == Some(&session.id);
            if listening && wanted(session) {
                session.send(event, data.clone());
            }
        }
    }

    /// Drops the current connection without a close frame; the session stays resumable.
    pub fn drop_connection(&mut self) -> bool {
        let connection = self.current_session_mut().and_then(|s| s.connection.take());
        connection.is_some_and(|(_, tx)| tx.send(Outgoing::Drop).is_ok())
    }

    /// Drops every connection, when the fake stops.
    pub fn close_all(&mut self) {
        for session in self.sessions.values_mut() {
            if let Some((_, tx)) = session.connection.take() {
                let _ = tx.send(Outgoing::Drop);
            }
        }
    }

    fn connection_id(&mut self) -> u64 {
        self.next_connection += 1;
        self.next_connection
    }

    fn open(
        &mut self,
        id: String,
        intents: GatewayIntents,
        tx: UnboundedSender<Outgoing>,
        conn: u64,
    ) {
        // A session left without a connection, or on the connection identifying now, is over;
        // another process's live session goes on.
        self.sessions.retain(|_, session| {
            session
                .connection
                .as_ref()
                .is_some_and(|(live, _)| *live != conn)
        });
        let session = Session {
            id: id.clone(),
            intents,
            seq: 0,
            log: vec![],
            connection: Some((conn, tx)),
        };
        self.sessions.insert(id.clone(), session);
        self.current = Some(id);
    }

    /// Attaches a connection to a session and replays what it missed after `seq`.
    fn resume(&mut self, id: &str, seq: u64, tx: UnboundedSender<Outgoing>, conn: u64) -> bool {
        if self.current.as_deref() != Some(id) {
            return false;
        }
        let Some(session) = self.sessions.get_mut(id) else {
            return false;
        };
        for (_, frame) in session.log.iter().filter(|(s, _)| *s > seq) {
            let _ = tx.send(Outgoing::Frame(frame.clone()));
        }
        session.connection = Some((conn, tx));
        session.send("RESUMED", json!({ "_trace": ["fake-discord"] }));
        self.resumes += 1;
        true
    }

    fn detach(&mut self, conn: u64) {
        for session in self.sessions.values_mut() {
            if session
                .connection
                .as_ref()
                .is_some_and(|(id, _)| *id == conn)
            {
                session.connection = None;
            }
        }
    }

    /// The dispatches of the current session, in order (the replay window).
    pub fn dispatches(&self) -> Vec<GatewayDispatch> {
        let Some(session) = self.current_session() else {
            return vec![];
        };
        session
            .log
            .iter()
            .filter_map(|(seq, frame)| {
                let mut frame: Value = serde_json::from_str(frame).ok()?;
                let event = frame["t"].as_str()?.to_owned();
                Some(GatewayDispatch {
                    seq: *seq,
                    event,
                    data: frame["d"].take(),
                })
            })
            .collect()
    }

    /// The current session's id, for tests.
    pub fn session_id(&self) -> Option<String> {
        self.current_session().map(|s| s.id.clone())
    }
}

/// Serves one WebSocket connection until it closes or is told to drop.
pub(crate) async fn serve(shared: Arc<Shared>, socket: WebSocket) {
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = unbounded_channel();
    let (conn, interval) = {
        let mut state = shared.lock();
        (
            state.gateway.connection_id(),
            state.config.heartbeat_interval,
        )
    };
    let hello = json!({ "op": 10, "s": null, "t": null, "d": { "heartbeat_interval": interval.as_millis() } });
    let _ = tx.send(Outgoing::Frame(hello.to_string()));
    let mut identified = false;
    loop {
        tokio::select! {
            incoming = stream.next() => match incoming {
                Some(Ok(WsMessage::Text(text))) => {
                    if let Some(reply) = handle_frame(&shared, conn, &tx, &mut identified, text.as_str()) {
                        let _ = tx.send(reply);
                    }
                }
                Some(Ok(WsMessage::Close(_)) | Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
            outgoing = rx.recv() => match outgoing {
                Some(Outgoing::Frame(text)) => {
                    if sink.send(WsMessage::Text(text.into())).await.is_err() {
                        break;
                    }
                }
                Some(Outgoing::Close(code, reason)) => {
                    let frame = CloseFrame { code, reason: reason.into() };
                    let _ = sink.send(WsMessage::Close(Some(frame))).await;
                    break;
                }
                Some(Outgoing::Drop) | None => break,
            },
        }
    }
    shared.lock().gateway.detach(conn);
    shared.notify();
}

/// Frames kept per session for RESUME.
const REPLAY_LIMIT: usize = 10_000;

/// One gateway session: its intents, sequence, replay log and current connection.
struct Session {
    id: String,
    intents: GatewayIntents,
    seq: u64,
    log: Vec<(u64, String)>,
    connection: Option<(u64, UnboundedSender<Outgoing>)>,
}

impl Session {
    fn send(&mut self, event: &str, data: Value) {
        self.seq += 1;
        let frame = json!({ "op": 0, "s": self.seq, "t": event, "d": data }).to_string();
        if let Some((_, tx)) = &self.connection {
            // A closed connection just means the frame waits in the log for RESUME.
            let _ = tx.send(Outgoing::Frame(frame.clone()));
        }
        self.log.push((self.seq, frame));
        if self.log.len() > REPLAY_LIMIT {
            self.log.drain(..self.log.len() - REPLAY_LIMIT);
        }
    }
}

/// The intent an event needs; `None` for events every session gets.
fn required_intent(event: &str) -> Option<GatewayIntents> {
    if event.starts_with("GUILD_SCHEDULED_EVENT_") {
        Some(GatewayIntents::GUILD_SCHEDULED_EVENTS)
    } else if event.starts_with("GUILD_MEMBER") || event == "THREAD_MEMBERS_UPDATE" {
        Some(GatewayIntents::GUILD_MEMBERS)
    } else if event.starts_with("GUILD_")
        || event.starts_with("CHANNEL_")
        || event.starts_with("THREAD_")
    {
        Some(GatewayIntents::GUILDS)
    } else {
        None
    }
}

/// Handles one frame from the bot; returns what to send back directly, if anything.
fn handle_frame(
    shared: &Shared,
    conn: u64,
    tx: &UnboundedSender<Outgoing>,
    identified: &mut bool,
    text: &str,
) -> Option<Outgoing> {
    let Ok(frame) = serde_json::from_str::<Value>(text) else {
        return Some(Outgoing::Close(4002, "Error while decoding payload."));
    };
    let data = &frame["d"];
    match frame["op"].as_u64() {
        Some(1) => {
            shared.lock().gateway.heartbeats += 1;
            shared.notify();
            Some(Outgoing::Frame(
                json!({ "op": 11, "s": null, "t": null, "d": null }).to_string(),
            ))
        }
        Some(2) if *identified => Some(Outgoing::Close(4005, "Already authenticated.")),
        Some(2) => {
            let outcome = identify(shared, conn, tx, data);
            *identified = outcome.is_none();
            outcome
        }
        Some(6) => {
            let mut state = shared.lock();
            if !token_ok(&state, data["token"].as_str()) {
                return Some(Outgoing::Close(4004, "Authentication failed."));
            }
            let session = data["session_id"].as_str().unwrap_or_default();
            let seq = data["seq"].as_u64().unwrap_or(0);
            let resumed = state.gateway.resume(session, seq, tx.clone(), conn);
            drop(state);
            shared.notify();
            *identified = resumed;
            (!resumed).then(|| {
                Outgoing::Frame(json!({ "op": 9, "s": null, "t": null, "d": false }).to_string())
            })
        }
        Some(3 | 4 | 8) if *identified => None,
        Some(3 | 4 | 8) => Some(Outgoing::Close(4003, "Not authenticated.")),
        _ => Some(Outgoing::Close(4001, "Unknown opcode.")),
    }
}

/// Opens a session for an IDENTIFY, or says why not (4004 bad token, 4014 disallowed intents).
fn identify(
    shared: &Shared,
    conn: u64,
    tx: &UnboundedSender<Outgoing>,
    data: &Value,
) -> Option<Outgoing> {
    let mut state = shared.lock();
    if !token_ok(&state, data["token"].as_str()) {
        return Some(Outgoing::Close(4004, "Authentication failed."));
    }
    let intents = GatewayIntents::from_bits_truncate(data["intents"].as_u64().unwrap_or(0));
    let disallowed = intents & GatewayIntents::privileged() & !state.config.privileged_intents;
    if !disallowed.is_empty() {
        return Some(Outgoing::Close(4014, "Disallowed intent(s)."));
    }
    let shard = data["shard"]
        .as_array()
        .map(|s| {
            s.iter()
                .filter_map(Value::as_u64)
                .filter_map(|n| u32::try_from(n).ok())
                .collect::<Vec<_>>()
        })
        .and_then(|s| <[u32; 2]>::try_from(s).ok())
        .unwrap_or([0, 1]);
    let session_id = format!("{:x}", state.next_id());
    state
        .gateway
        .open(session_id.clone(), intents, tx.clone(), conn);
    let ready = payloads::ready(&state, &session_id, shard);
    state.dispatch("READY", ready);
    let guilds: Vec<_> = state.guilds.keys().copied().collect();
    for guild in guilds {
        let payload = payloads::guild_create(&state, guild);
        state.dispatch("GUILD_CREATE", payload);
    }
    drop(state);
    shared.notify();
    None
}

/// Whether a gateway token (with or without the `Bot ` prefix) is the bot's valid token.
fn token_ok(state: &State, token: Option<&str>) -> bool {
    let token = token.unwrap_or_default();
    let token = token.strip_prefix("Bot ").unwrap_or(token);
    !state.config.invalid_token && token == state.token
}
