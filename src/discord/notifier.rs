//! The scheduler's `Notifier` on Discord: posts through serenity's `Http` with the delivery's
//! nonce enforced, opens DM channels and threads, and sorts Discord's errors into what the
//! scheduler does next.

use std::sync::Arc;

use serenity::builder::{
    CreateActionRow, CreateAttachment, CreateEmbed, CreateMessage, CreateThread,
};
use serenity::http::{ErrorResponse, Http, HttpError};
use serenity::model::channel::{Message, Nonce};
use serenity::model::id::{ChannelId, UserId};

use super::files::new_attachment;
use super::render;
use super::replies::pinging_named_in;
use crate::domain::outbox::Extra;
use crate::model::votes::VoteId;
use crate::model::{MessageId, TargetKind};
use crate::scheduler::{BoxFuture, Embed, Notifier, OutboundMessage, Pacer, SendError, Sent};

/// Discord's limits on what one message may carry.
const CONTENT_LIMIT: usize = 2000;
const EMBED_TITLE_LIMIT: usize = 256;
const EMBED_DESCRIPTION_LIMIT: usize = 4096;
const THREAD_NAME_LIMIT: usize = 100;
/// Content longer than one message is posted in parts, up to this many.
const MAX_PARTS: usize = 10;

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
}

impl DiscordNotifier {
    /// `pacer` is the one the scheduler uses: requests beyond the first of a message (DM
    /// channel, further parts, thread) each take a token from it.
    pub fn new(http: Arc<Http>, pacer: Pacer) -> DiscordNotifier {
        DiscordNotifier { http, pacer }
    }

    async fn post(&self, message: &OutboundMessage) -> Result<Sent, SendError> {
        let (mut parts, file) = message_parts(message)?;
        let last = parts.pop().ok_or_else(empty_message)?;
        let mut requests = Requests::new(&self.pacer);
        let channel = self.channel_for(message, &mut requests).await?;
        for part in parts {
            requests.next().await;
            channel
                .send_message(&*self.http, part)
                .await
                .map_err(classify)?;
        }
        requests.next().await;
        let posted = match file {
            None => channel.send_message(&*self.http, last).await,
            Some(file) => self.send_with_file(channel, &last, file).await,
        }
        .map_err(classify)?;
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

/// The message as Discord takes it: content over the limit in parts (the embed on the last),
/// each part with its own nonce derived from the message's. Refuses what cannot be posted.
fn message_parts(
    message: &OutboundMessage,
) -> Result<(Vec<CreateMessage>, Option<CreateAttachment>), SendError> {
    let embed = message.embed.as_ref().map(embed).transpose()?;
    let extra = message.extra.as_ref().map(extra).transpose()?;
    let mut texts = split_content(&message.content, CONTENT_LIMIT);
    if texts.len() > MAX_PARTS {
        return Err(SendError::Permanent(format!(
            "the message is too long: {} characters",
            message.content.chars().count()
        )));
    }
    if texts.is_empty() {
        if embed.is_none() && extra.is_none() {
            return Err(empty_message());
        }
        texts.push(String::new());
    }
    let last = texts.len().saturating_sub(1);
    let (rows, file) = match extra {
        Some(Drawn::Components(rows)) => (rows, None),
        Some(Drawn::File(file)) => (Vec::new(), Some(file)),
        None => (Vec::new(), None),
    };
    let parts = texts
        .into_iter()
        .enumerate()
        .map(|(index, text)| {
            let part = part(&message.nonce, index, text);
            match index == last {
                true => last_part(part, embed.as_ref(), &rows),
                false => part,
            }
        })
        .collect();
    Ok((parts, file))
}

/// Part `index` of a message: its text, and its own nonce derived from the message's.
fn part(nonce: &str, index: usize, text: String) -> CreateMessage {
    let nonce = match index {
        0 => nonce.to_owned(),
        n => format!("{nonce}-{n}"),
    };
    let builder = CreateMessage::new()
        .nonce(Nonce::String(nonce))
        .enforce_nonce(true)
        .allowed_mentions(pinging_named_in(&text));
    if text.is_empty() {
        builder
    } else {
        builder.content(text)
    }
}

/// The last part carries the embed and the components.
fn last_part(
    builder: CreateMessage,
    embed: Option<&CreateEmbed>,
    rows: &[CreateActionRow],
) -> CreateMessage {
    let builder = match embed {
        Some(embed) => builder.embed(embed.clone()),
        None => builder,
    };
    if rows.is_empty() {
        builder
    } else {
        builder.components(rows.to_vec())
    }
}

/// What a message's extra becomes on Discord.
enum Drawn {
    Components(Vec<CreateActionRow>),
    File(CreateAttachment),
}

/// The chart's file name, as posted.
const CHART_FILE: &str = "chart.png";

fn extra(extra: &Extra) -> Result<Drawn, SendError> {
    match extra {
        Extra::VoteButton { vote } => Ok(Drawn::Components(vec![render::votes::vote_button(
            VoteId(*vote),
        )])),
        Extra::Chart(chart) => {
            let bars = chart.bars.iter().map(|bar| {
                let share = f64::from(bar.value) * 100.0 / f64::from(bar.out_of.max(1));
                (bar.label.clone(), share, bar.figures.clone())
            });
            let png = render::bars_chart(&chart.title, &chart.caption, bars)
                .map_err(|e| SendError::Permanent(format!("the chart cannot be drawn: {e}")))?;
            Ok(Drawn::File(CreateAttachment::bytes(png, CHART_FILE)))
        }
    }
}

fn empty_message() -> SendError {
    SendError::Permanent("the message has neither text nor an embed".into())
}

fn embed(embed: &Embed) -> Result<CreateEmbed, SendError> {
    let too_long = |what: &str, text: &str, limit: usize| {
        (text.chars().count() > limit).then(|| {
            SendError::Permanent(format!(
                "the embed {what} is longer than {limit} characters"
            ))
        })
    };
    let mut built = CreateEmbed::new();
    if let Some(title) = &embed.title {
        if let Some(refusal) = too_long("title", title, EMBED_TITLE_LIMIT) {
            return Err(refusal);
        }
        built = built.title(title);
    }
    if let Some(description) = &embed.description {
        if let Some(refusal) = too_long("description", description, EMBED_DESCRIPTION_LIMIT) {
            return Err(refusal);
        }
        built = built.description(description);
    }
    if let Some(colour) = embed.colour {
        built = built.colour(colour);
    }
    Ok(built)
}

/// Splits `text` into pieces of at most `limit` characters, at a line break or else a space
/// where there is one. Blank pieces are left out.
fn split_content(text: &str, limit: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while rest.chars().count() > limit {
        let hard_cut = rest
            .char_indices()
            .nth(limit)
            .map_or(rest.len(), |(i, _)| i);
        let head = &rest[..hard_cut];
        let cut = head
            .rfind('\n')
            .or_else(|| head.rfind(' '))
            .filter(|&i| i > 0)
            .unwrap_or(hard_cut);
        parts.push(rest[..cut].trim_end().to_owned());
        rest = rest[cut..].trim_start();
    }
    parts.push(rest.to_owned());
    parts.retain(|part| !part.is_empty());
    parts
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

fn discord_code(error: &serenity::Error) -> Option<isize> {
    match error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            Some(response.error.code)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::Target;

    fn message(content: &str, embed: Option<Embed>) -> OutboundMessage {
        OutboundMessage {
            target: Target {
                kind: TargetKind::Channel,
                id: 1,
            },
            content: content.to_owned(),
            embed,
            thread_name: None,
            extra: None,
            nonce: "0123456789abcdef0123".to_owned(),
        }
    }

    fn body(builder: &CreateMessage) -> serde_json::Value {
        serde_json::to_value(builder).unwrap()
    }

    #[test]
    fn short_content_is_one_message_with_the_nonce_enforced() {
        let (parts, _) = message_parts(&message("hello", None)).unwrap();
        assert_eq!(parts.len(), 1);
        let json = body(&parts[0]);
        assert_eq!(json["content"], "hello");
        assert_eq!(json["nonce"], "0123456789abcdef0123");
        assert_eq!(json["enforce_nonce"], true);
    }

    #[test]
    fn long_content_is_split_at_line_breaks_within_the_limit() {
        let paragraph = "word ".repeat(150);
        let paragraph = paragraph.trim();
        let text = format!("{paragraph}\n{paragraph}\n{paragraph}");
        let embed = Embed {
            title: Some("t".into()),
            ..Embed::default()
        };
        let (parts, _) = message_parts(&message(&text, Some(embed))).unwrap();
        assert_eq!(parts.len(), 2);
        let (first, second) = (body(&parts[0]), body(&parts[1]));
        for part in [&first, &second] {
            let content = part["content"].as_str().unwrap();
            assert!(content.chars().count() <= CONTENT_LIMIT);
            assert!(part["nonce"].as_str().unwrap().len() <= 25);
        }
        assert_eq!(first["content"], format!("{paragraph}\n{paragraph}"));
        assert_eq!(second["content"], paragraph);
        assert_eq!(second["nonce"], "0123456789abcdef0123-1");
        assert!(first
            .get("embeds")
            .is_none_or(|e| e.as_array().is_some_and(|a| a.is_empty())));
        assert_eq!(second["embeds"][0]["title"], "t");
    }

    #[test]
    fn unbroken_text_is_cut_at_the_limit() {
        let parts = split_content(&"x".repeat(4500), CONTENT_LIMIT);
        let lengths: Vec<usize> = parts.iter().map(|p| p.chars().count()).collect();
        assert_eq!(lengths, [2000, 2000, 500]);
    }

    #[test]
    fn what_cannot_be_posted_is_refused() {
        let too_long = "x".repeat(CONTENT_LIMIT * MAX_PARTS + 1);
        assert!(matches!(
            message_parts(&message(&too_long, None)),
            Err(SendError::Permanent(_))
        ));
        let title = Embed {
            title: Some("t".repeat(EMBED_TITLE_LIMIT + 1)),
            ..Embed::default()
        };
        assert!(matches!(
            message_parts(&message("", Some(title))),
            Err(SendError::Permanent(_))
        ));
        let description = Embed {
            description: Some("d".repeat(EMBED_DESCRIPTION_LIMIT + 1)),
            ..Embed::default()
        };
        assert!(matches!(
            message_parts(&message("", Some(description))),
            Err(SendError::Permanent(_))
        ));
        assert!(matches!(
            message_parts(&message("  ", None)),
            Err(SendError::Permanent(_))
        ));
    }
}
