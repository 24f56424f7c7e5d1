//! The one side effect of the scheduler: posting a message. Discord sits behind this trait
//! (`crate::discord::notifier`); tests put an in-memory stand-in there.

use crate::domain::outbox::{BoxFuture, Embed, Extra, Target};
use crate::i18n::Lang;
use crate::model::{MessageId, UnixMillis};

/// Posts messages. Object safe (it returns a boxed future instead of being an `async fn`), so
/// the scheduler holds an `Arc<dyn Notifier>` and the implementation is chosen at start-up;
/// the one allocation per send is nothing beside the HTTP request it stands for.
///
/// The scheduler takes one [`Pacer`](super::Pacer) token before each call, for the request
/// that posts the message. An implementation that needs more requests for one message
/// (opening a DM channel, a thread, further parts) takes a token from the same pacer for each.
pub trait Notifier: Send + Sync + 'static {
    /// Posts `message`. Sending the same `nonce` again must not create a second message.
    fn send<'a>(&'a self, message: &'a OutboundMessage) -> BoxFuture<'a, Result<Sent, SendError>>;
}

/// One message to post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboundMessage {
    pub target: Target,
    pub content: String,
    pub embed: Option<Embed>,
    /// Open a thread with this name on the posted message (channel targets only: threads
    /// and DMs cannot hold threads).
    pub thread_name: Option<String>,
    /// A button or chart the message carries, on its last part.
    pub extra: Option<Extra>,
    /// The language its text is written in, for the labels of its extra.
    pub lang: Lang,
    /// Derived from the delivery's dedupe key ([`nonce_for`](super::nonce_for)): a resend
    /// after a crash carries the same nonce, and Discord answers with the first message.
    pub nonce: String,
    /// Set when an earlier attempt, made from this time on, may have posted the message and
    /// Discord no longer remembers its nonce: the notifier posts only what it cannot find
    /// there already, and never sends blind.
    pub tried_since: Option<UnixMillis>,
}

/// Discord accepted the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub message_id: MessageId,
}

/// Why a message was not posted, sorted by what to do next.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Sending again cannot work: unknown channel, missing access, DMs closed, a message
    /// Discord cannot take.
    #[error("refused: {0}")]
    Permanent(String),
    /// Worth trying again later: a server error, a timeout, a dropped connection.
    #[error("failed for now: {0}")]
    Transient(String),
}
