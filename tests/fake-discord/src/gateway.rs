//! The gateway: a WebSocket speaking Discord's JSON protocol (text frames, no compression).
//!
//! HELLO (op 10) on connect; IDENTIFY (op 2) opens a session answered by READY and one
//! GUILD_CREATE per guild; heartbeats (op 1) get acks (op 11); RESUME (op 6) replays what the
//! session missed and ends with RESUMED. Every dispatch carries the session's next sequence
//! number and is kept for replay, and events the session's intents exclude are not sent.
//!
//! Sharding as on Discord: IDENTIFY names its shard `[id, total]`, each guild's events go to
//! the session of shard `(guild_id >> 22) % total` and events of no guild (DMs) to shard 0;
//! a shard beyond the total is closed with 4010, fewer shards than the fake asks for with 4011.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::extract::ws::{CloseFrame, Message as WsMessage, WebSocket};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use serenity::all::GatewayIntents;
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};

use crate::model::{GatewayDispatch, GatewaySession};
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

/// The bot's gateway sessions; on each shard the latest IDENTIFY is the current one. As on
/// Discord, a second process identifying on the same shard does not end the first one's
/// session: both get every event of the shard (an interaction included), which is why the bot
/// claims each interaction.
#[derive(Default)]
pub(crate) struct Sessions {
    sessions: HashMap<String, Session>,
    /// The current session of each shard id.
    current: BTreeMap<u32, String>,
    next_connection: u64,
    /// How many times a session was resumed, for tests.
    pub resumes: usize,
    /// How many heartbeats the bot sent, each acknowledged at once.
    pub heartbeats: usize,
    /// How many sessions were opened, for `session_start_limit`.
    pub identifies: u32,
    /// The close code of each IDENTIFY refused, in order.
    pub refused: Vec<u16>,
}

/// The shard that gets a guild's events, of `total`.
pub(crate) fn shard_of(guild: u64, total: u32) -> u32 {
    u32::try_from((guild >> 22) % u64::from(total.max(1))).unwrap_or(0)
}

impl Sessions {
    /// Whether the bot has identified (READY was sent).
    pub fn is_identified(&self) -> bool {
        !self.current.is_empty()
    }

    /// Whether the bot has identified and the current session of every shard it identified
    /// on has a live connection.
    pub fn is_connected(&self) -> bool {
        self.is_identified()
            && self.current.values().all(|id| {
                self.sessions
                    .get(id)
                    .is_some_and(|s| s.connection.is_some())
            })
    }

    /// How many sessions have a live connection: one per process connected on a shard.
    pub fn live_sessions(&self) -> usize {
        self.sessions
            .values()
            .filter(|s| s.connection.is_some())
            .count()
    }

    /// The current session of the lowest shard (shard 0 unless the bot runs others only).
    fn current_session(&self) -> Option<&Session> {
        let id = self.current.values().next()?;
        self.sessions.get(id)
    }

    fn is_current(&self, session: &Session) -> bool {
        self.current.get(&session.shard[0]) == Some(&session.id)
    }

    /// Sends an event to every session of its shard whose intents ask for it: the current one
    /// (kept in its log while it is away, for RESUME) and any other with a live connection.
    pub fn dispatch(&mut self, event: &str, data: Value) {
        let guild = guild_of(event, &data);
        let current: Vec<String> = self.current.values().cloned().collect();
        for session in self.sessions.values_mut() {
            let listening = session.connection.is_some() || current.contains(&session.id);
            if listening && session.wants(event) && session.gets_events_of(guild) {
                session.send(event, data.clone());
            }
        }
    }

    /// Sends an event to one session, if its intents ask for it.
    fn send_to(&mut self, session: &str, event: &str, data: Value) {
        if let Some(session) = self.sessions.get_mut(session) {
            if session.wants(event) {
                session.send(event, data);
            }
        }
    }

    /// Drops the current connection of every shard without a close frame; the sessions stay
    /// resumable.
    pub fn drop_connection(&mut self) -> bool {
        let mut dropped = false;
        for id in self.current.values() {
            let connection = self.sessions.get_mut(id).and_then(|s| s.connection.take());
            dropped |= connection.is_some_and(|(_, tx)| tx.send(Outgoing::Drop).is_ok());
        }
        dropped
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
        shard: [u32; 2],
        intents: GatewayIntents,
        tx: UnboundedSender<Outgoing>,
        conn: u64,
    ) {
        // A session on the connection identifying now is over, and so is one left without a
        // connection, unless another shard may still resume it; another process's live
        // session on this shard goes on.
        let resumable: Vec<String> = self
            .current
            .iter()
            .filter(|(other, _)| **other != shard[0])
            .map(|(_, session)| session.clone())
            .collect();
        self.sessions
            .retain(|_, session| match &session.connection {
                Some((live, _)) => *live != conn,
                None => resumable.contains(&session.id),
            });
        let session = Session {
            id: id.clone(),
            shard,
            intents,
            seq: 0,
            log: vec![],
            connection: Some((conn, tx)),
        };
        self.sessions.insert(id.clone(), session);
        self.current.insert(shard[0], id);
        self.identifies += 1;
    }

    /// Attaches a connection to a session and replays what it missed after `seq`.
    fn resume(&mut self, id: &str, seq: u64, tx: UnboundedSender<Outgoing>, conn: u64) -> bool {
        if !self.sessions.get(id).is_some_and(|s| self.is_current(s)) {
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

    /// The dispatches of the current session of the lowest shard, in order (the replay
    /// window).
    pub fn dispatches(&self) -> Vec<GatewayDispatch> {
        self.current_session()
            .map(Session::dispatches)
            .unwrap_or_default()
    }

    /// How many `event` dispatches the current sessions of every shard were sent.
    pub fn dispatched(&self, event: &str) -> usize {
        self.current
            .values()
            .filter_map(|id| self.sessions.get(id))
            .flat_map(Session::dispatches)
            .filter(|d| d.event == event)
            .count()
    }

    /// Every session kept, by shard, for tests.
    pub fn sessions(&self) -> Vec<GatewaySession> {
        let mut sessions: Vec<GatewaySession> = self
            .sessions
            .values()
            .map(|s| GatewaySession {
                shard: s.shard,
                connected: s.connection.is_some(),
                dispatches: s.dispatches(),
            })
            .collect();
        sessions.sort_by_key(|s| s.shard);
        sessions
    }

    /// The current session's id (of the lowest shard), for tests.
    pub fn session_id(&self) -> Option<String> {
        self.current_session().map(|s| s.id.clone())
    }
}

/// The guild an event belongs to, if any.
fn guild_of(event: &str, data: &Value) -> Option<u64> {
    let field = match event {
        "GUILD_CREATE" | "GUILD_UPDATE" | "GUILD_DELETE" => "id",
        _ => "guild_id",
    };
    data[field].as_str()?.parse().ok()
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
    /// `[id, total]`, as the IDENTIFY gave it.
    shard: [u32; 2],
    intents: GatewayIntents,
    seq: u64,
    log: Vec<(u64, String)>,
    connection: Option<(u64, UnboundedSender<Outgoing>)>,
}

impl Session {
    fn wants(&self, event: &str) -> bool {
        required_intent(event).is_none_or(|needed| self.intents.intersects(needed))
    }

    /// Whether the events of `guild` (of no guild: `None`) come to this session's shard.
    fn gets_events_of(&self, guild: Option<u64>) -> bool {
        let [id, total] = self.shard;
        guild.map_or(0, |guild| shard_of(guild, total)) == id
    }

    fn dispatches(&self) -> Vec<GatewayDispatch> {
        self.log
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
            if let Some(Outgoing::Close(code, _)) = outcome {
                shared.lock().gateway.refused.push(code);
                shared.notify();
            }
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

/// Opens a session for an IDENTIFY, or says why not (4004 bad token, 4014 disallowed intents,
/// 4010 a shard beyond the total, 4011 fewer shards than the fake recommends).
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
    let [id, total] = shard;
    if id >= total {
        return Some(Outgoing::Close(4010, "Invalid shard."));
    }
    if total < state.config.shards {
        return Some(Outgoing::Close(4011, "Sharding required."));
    }
    let session_id = format!("{:x}", state.next_id());
    state
        .gateway
        .open(session_id.clone(), shard, intents, tx.clone(), conn);
    let ready = payloads::ready(&state, &session_id, shard);
    state.gateway.send_to(&session_id, "READY", ready);
    let guilds: Vec<_> = state
        .guilds
        .keys()
        .copied()
        .filter(|guild| shard_of(guild.get(), total) == id)
        .collect();
    for guild in guilds {
        let payload = payloads::guild_create(&state, guild);
        state.gateway.send_to(&session_id, "GUILD_CREATE", payload);
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
