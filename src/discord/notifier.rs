//! The scheduler's `Notifier` on Discord: posts through serenity's `Http` with the delivery's
//! nonce enforced, opens DM channels and threads, looks for an earlier attempt's message once
//! Discord has forgotten its nonce, and sorts Discord's errors into what the scheduler does
//! next.

use std::sync::Arc;

use serenity::builder::{CreateAttachment, CreateMessage, CreateThread, GetMessages};
use serenity::http::{ErrorResponse, Http, HttpError};
use serenity::model::channel::Message;
use serenity::model::id::{ChannelId, MessageId as DiscordMessageId, UserId};
use tokio::sync::OnceCell;

use super::answer::discord_code;
use super::files::new_attachment;
use super::outbound::{empty_message, message_parts};
use crate::model::{MessageId, TargetKind, UnixMillis};
use crate::scheduler::{BoxFuture, Notifier, OutboundMessage, Pacer, SendError, Sent};

/// Discord's limit on a thread's name.
const THREAD_NAME_LIMIT: usize = 100;
/// Looking for an earlier attempt's message: pages of messages read at most, their size, and
/// how far before the first attempt to start (the bot's and Discord's clocks differ).
const LOOKUP_PAGES: usize = 10;
const PAGE_SIZE: u8 = 100;
const CLOCK_SKEW_MS: i64 = 60_000;
/// Discord's epoch (2015-01-01) in Unix milliseconds, for ids made from a time.
const DISCORD_EPOCH_MS: i64 = 1_420_070_400_000;

/// JSON error codes that no retry can fix: Unknown Channel, Unknown User, Missing Access,
/// Cannot send messages to this user (DMs closed), Missing Permissions.
const PERMANENT_CODES: [isize; 5] = [10003, 10013, 50001, 50007, 50013];
/// "A thread has already been created for this message": a resend after a crash found the
/// thread it had opened before.
const THREAD_ALREADY_CREATED: isize = 160004;

/// Sends the scheduler's messages to Discord.
pub struct DiscordNotifier {
    http: Arc<Http>,
    pacer: Pacer,
    me: OnceCell<UserId>,
}

impl DiscordNotifier {
    /// `pacer` is the one the scheduler uses: requests beyond the first of a message (DM
    /// channel, further parts, thread) each take a token from it.
    pub fn new(http: Arc<Http>, pacer: Pacer) -> DiscordNotifier {
        DiscordNotifier {
            http,
            pacer,
            me: OnceCell::new(),
        }
    }

    async fn post(&self, message: &OutboundMessage) -> Result<Sent, SendError> {
        let parts = message_parts(message)?;
        let mut requests = Requests::new(&self.pacer);
        let channel = self.channel_for(message, &mut requests).await?;
        let mut earlier = match message.tried_since {
            Some(since) => self.posted_since(channel, since, &mut requests).await?,
            None => Vec::new(),
        };
        let mut posted = None;
        for part in parts {
            let found = earlier.iter().position(|message| part.is(message));
            posted = Some(match found {
                Some(index) => earlier.remove(index),
                None => {
                    requests.next().await;
                    let sent = match part.file {
                        None => channel.send_message(&*self.http, part.builder).await,
                        Some(file) => self.send_with_file(channel, &part.builder, file).await,
                    };
                    sent.map_err(classify)?
                }
            });
        }
        let posted = posted.ok_or_else(empty_message)?;
        if let (TargetKind::Channel, Some(name)) = (message.target.kind, &message.thread_name) {
            requests.next().await;
            self.open_thread(&posted, name).await?;
        }
        Ok(Sent {
            message_id: MessageId(posted.id.get()),
        })
    }

    /// Posts `message` with `file`, its attachment listed with a string id as Discord's API
    /// description has it (serenity's builder would number it).
    async fn send_with_file(
        &self,
        channel: ChannelId,
        message: &CreateMessage,
        file: CreateAttachment,
    ) -> serenity::Result<Message> {
        let mut body = serde_json::to_value(message)?;
        body["attachments"] = serde_json::json!([new_attachment(&file)]);
        self.http.send_message(channel, vec![file], &body).await
    }

    /// The bot's messages in `channel` from shortly before `since` on, oldest first: what an
    /// earlier attempt may have posted. Looking up fails for now when it cannot be sure.
    async fn posted_since(
        &self,
        channel: ChannelId,
        since: UnixMillis,
        requests: &mut Requests<'_>,
    ) -> Result<Vec<Message>, SendError> {
        let me = self.current_user(requests).await?;
        let mut after = snowflake_at(since.saturating_sub(CLOCK_SKEW_MS));
        let mut found = Vec::new();
        for _ in 0..LOOKUP_PAGES {
            requests.next().await;
            let query = GetMessages::new().after(after).limit(PAGE_SIZE);
            let page = channel
                .messages(&*self.http, query)
                .await
                .map_err(looking_up)?;
            let full = page.len() == usize::from(PAGE_SIZE);
            after = page.iter().map(|m| m.id).max().unwrap_or(after);
            found.extend(page.into_iter().filter(|m| m.author.id == me));
            if !full {
                found.sort_by_key(|m| m.id);
                return Ok(found);
            }
        }
        Err(SendError::Transient(format!(
            "could not tell whether an earlier attempt arrived: more than {} messages since",
            LOOKUP_PAGES * usize::from(PAGE_SIZE)
        )))
    }

    /// The bot's own user id, asked of Discord once.
    async fn current_user(&self, requests: &mut Requests<'_>) -> Result<UserId, SendError> {
        let asked = self.me.get_or_try_init(|| async {
            requests.next().await;
            let me = self.http.get_current_user().await.map_err(looking_up)?;
            Ok::<_, SendError>(me.id)
        });
        asked.await.copied()
    }

    /// The channel to post in; for a DM, the person's DM channel (one more request).
    async fn channel_for(
        &self,
        message: &OutboundMessage,
        requests: &mut Requests<'_>,
    ) -> Result<ChannelId, SendError> {
        let id = message.target.id;
        if id == 0 {
            return Err(SendError::Permanent("target id 0 names nothing".into()));
        }
        match message.target.kind {
            TargetKind::Channel | TargetKind::Thread => Ok(ChannelId::new(id)),
            TargetKind::Dm => {
                requests.next().await;
                let dm = UserId::new(id).create_dm_channel(&*self.http).await;
                Ok(dm.map_err(classify)?.id)
            }
        }
    }

    /// Opens a thread on the posted message. The message is out either way: a thread that
    /// cannot be opened for good is logged, not retried; one that failed for now is retried
    /// with the whole send, whose nonce brings back the same message.
    async fn open_thread(&self, posted: &Message, name: &str) -> Result<(), SendError> {
        let name: String = name.chars().take(THREAD_NAME_LIMIT).collect();
        let opened = posted
            .channel_id
            .create_thread_from_message(&*self.http, posted.id, CreateThread::new(name))
            .await;
        let Err(error) = opened else {
            return Ok(());
        };
        if discord_code(&error) == Some(THREAD_ALREADY_CREATED) {
            return Ok(());
        }
        match classify(error) {
            SendError::Permanent(reason) => {
                tracing::warn!(message = %posted.id, "posted, but could not open its thread: {reason}");
                Ok(())
            }
            retry => Err(retry),
        }
    }
}

/// The requests of one message: the scheduler took a pacer token for the first; each
/// further one takes its own.
struct Requests<'a> {
    pacer: &'a Pacer,
    made: u32,
}

impl<'a> Requests<'a> {
    fn new(pacer: &'a Pacer) -> Self {
        Requests { pacer, made: 0 }
    }

    /// Call before each request.
    async fn next(&mut self) {
        if self.made > 0 {
            self.pacer.until_ready().await;
        }
        self.made += 1;
    }
}

impl Notifier for DiscordNotifier {
    fn send<'a>(&'a self, message: &'a OutboundMessage) -> BoxFuture<'a, Result<Sent, SendError>> {
        Box::pin(self.post(message))
    }
}

/// Sorts a serenity error by what to do next. Errors serenity raises before sending
/// (a message it finds too long, say) cannot be fixed by trying again.
fn classify(error: serenity::Error) -> SendError {
    match &error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            classify_response(response)
        }
        serenity::Error::Model(_) => SendError::Permanent(error.to_string()),
        _ => SendError::Transient(error.to_string()),
    }
}

fn classify_response(response: &ErrorResponse) -> SendError {
    let reason = format!(
        "{} {} ({}: {})",
        response.method, response.status_code, response.error.code, response.error.message
    );
    // A 429 only comes back with serenity's rate limiter off (another API URL, which keeps
    // the limits itself); serenity does not pass on its `retry_after`, so it is backed off.
    if PERMANENT_CODES.contains(&response.error.code) {
        return SendError::Permanent(reason);
    }
    SendError::Transient(reason)
}

/// A failure to look up an earlier attempt: it leaves the outcome unknown, so it is worth
/// trying again and never a reason to post elsewhere.
fn looking_up(error: serenity::Error) -> SendError {
    let reason = match classify(error) {
        SendError::Permanent(reason) | SendError::Transient(reason) => reason,
    };
    SendError::Transient(format!(
        "could not look whether an earlier attempt arrived: {reason}"
    ))
}

/// The smallest message id Discord could give at `at`: messages with greater ids are newer.
fn snowflake_at(at: UnixMillis) -> DiscordMessageId {
    let since_epoch = u64::try_from(at.saturating_sub(DISCORD_EPOCH_MS)).unwrap_or(0);
    DiscordMessageId::new((since_epoch << 22).max(1))
}
