//! Answering an interaction within Discord's three seconds, whatever the database does: work
//! that finishes quickly is answered directly; work that takes longer is acknowledged first
//! (a deferred update, or for a slash command a deferred ephemeral reply) and its outcome
//! edited in or followed up, so the user always learns what happened, and a write is never
//! left untold.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use poise::serenity_prelude as serenity;
use serenity::{
    ComponentInteraction, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, EditInteractionResponse, Http, ModalInteraction,
};

use super::render::View;
use super::replies::{self, no_pings};
use super::{Context, Error};
use crate::domain::DomainError;
use crate::i18n::{self, tr, Lang, Message};

/// How long work may run before the interaction is acknowledged: half of Discord's window,
/// leaving the rest for the acknowledgement to arrive even on a slow network.
pub(super) const ACKNOWLEDGE_AFTER: Duration = Duration::from_millis(1500);

/// What the bot says when something failed on its side; nothing was changed.
pub(super) fn went_wrong(lang: Lang) -> String {
    tr(lang, "went-wrong")
}

/// How to answer an interaction.
pub(super) enum Answer {
    /// Replace the message the component sits on.
    Update(View),
    /// Replace the message while the write records what it shows: nothing shown waits on
    /// the write, and the clicker is told in a follow-up if it fails.
    UpdateWhile(View, Write),
    /// A new message only the clicker sees.
    Ephemeral(View),
    Modal(serenity::CreateModal),
    /// Nothing: a repeat of an interaction already taken on.
    Nothing,
}

/// A write made while an answer is on its way ([`Answer::UpdateWhile`]).
pub(super) struct Write {
    made: Pin<Box<dyn Future<Output = Result<(), Error>> + Send>>,
    /// The message that tells the clicker the write failed.
    failed: &'static str,
}

impl Write {
    /// `made`, whose failure the message `failed` tells.
    pub(super) fn new(
        failed: &'static str,
        made: impl Future<Output = Result<(), Error>> + Send + 'static,
    ) -> Self {
        let made = Box::pin(made);
        Self { made, failed }
    }
}

impl Answer {
    /// A new message of text alone, only the clicker sees.
    pub(super) fn text(content: impl Into<String>) -> Answer {
        Answer::Ephemeral(View::text(content))
    }
}

/// A click or form whose `custom_id` parsed but that reached a handler it does not belong to.
pub(super) fn not_recognised() -> Error {
    DomainError::Refused(Message::new("form-not-recognised").into()).into()
}

/// The interaction being answered: a click or select, or a submitted form.
#[derive(Clone, Copy)]
pub(super) enum Replying<'a> {
    Component(&'a ComponentInteraction),
    Modal(&'a ModalInteraction),
}

/// Runs `work` before a slash command's own code (taking the interaction on, say), and
/// acknowledges the command with a deferred ephemeral reply if `work` is slow. Nothing else
/// answers the command yet, so nothing can answer it twice; the command's reply then edits
/// the acknowledgement.
#[expect(
    clippy::disallowed_methods,
    reason = "before the command's action, where the watchdog does not run yet"
)]
pub(super) async fn before_command<T>(
    ctx: Context<'_>,
    work: impl Future<Output = T>,
) -> Result<T, Error> {
    tokio::pin!(work);
    if let Ok(done) = tokio::time::timeout(ACKNOWLEDGE_AFTER, &mut work).await {
        return Ok(done);
    }
    ctx.defer_ephemeral().await?;
    Ok(work.await)
}

/// Runs `work` and answers with its outcome, acknowledging first if it is slow.
pub(super) async fn answer_in_time(
    http: &Http,
    to: Replying<'_>,
    work: impl Future<Output = Result<Answer, Error>>,
) -> Result<(), Error> {
    tokio::pin!(work);
    if let Ok(answer) = tokio::time::timeout(ACKNOWLEDGE_AFTER, &mut work).await {
        let (answer, write) = write_apart(answer);
        return while_writing(http, to, respond(http, to, answer), write).await;
    }
    callback(http, to, CreateInteractionResponse::Acknowledge).await?;
    let (answer, write) = write_apart(work.await);
    while_writing(http, to, finish(http, to, answer), write).await
}

/// `answer`, and apart from it the write it carries, to be made while it is sent.
fn write_apart(answer: Result<Answer, Error>) -> (Result<Answer, Error>, Option<Write>) {
    match answer {
        Ok(Answer::UpdateWhile(view, write)) => (Ok(Answer::Update(view)), Some(write)),
        other => (other, None),
    }
}

/// Sends an answer (`sending`) while `write` runs. A write that fails is told to the clicker
/// in a follow-up once the answer is sent, and passed on.
async fn while_writing(
    http: &Http,
    to: Replying<'_>,
    sending: impl Future<Output = Result<(), Error>>,
    write: Option<Write>,
) -> Result<(), Error> {
    let Some(write) = write else {
        return sending.await;
    };
    // The write starts once the answer has handed its request to the HTTP connection's task,
    // which then runs next on this thread: a write that begins with work in this thread (the
    // store's stamps, read without sqlx) would hold the answer up otherwise.
    let writing = async {
        tokio::task::yield_now().await;
        write.made.await
    };
    let (sent, written) = tokio::join!(sending, writing);
    if let (Err(_), Err(error)) = (&sent, &written) {
        tracing::warn!("a write made beside a refused answer failed too: {error}");
    }
    sent?;
    let Err(error) = written else {
        return Ok(());
    };
    let lang = to.lang();
    let text = refusal(&error, lang).unwrap_or_else(|| tr(lang, write.failed));
    to.follow_up(http, text_followup(replies::fitting(&text, lang)))
        .await?;
    Err(error)
}

/// Sends the answer; a refusal becomes an ephemeral message, anything else is passed on. An
/// answer Discord refuses (too long, say) is replaced by a short notice: never silence.
async fn respond(
    http: &Http,
    to: Replying<'_>,
    answer: Result<Answer, Error>,
) -> Result<(), Error> {
    let lang = to.lang();
    let message = |view: View| view.message().allowed_mentions(no_pings());
    let (response, failure) = match answer {
        Ok(Answer::Nothing) => return Ok(()),
        Ok(Answer::Update(view) | Answer::UpdateWhile(view, _)) => (
            CreateInteractionResponse::UpdateMessage(message(view)),
            None,
        ),
        Ok(Answer::Ephemeral(view)) => (CreateInteractionResponse::Message(message(view)), None),
        Ok(Answer::Modal(modal)) => (CreateInteractionResponse::Modal(modal), None),
        Err(error) => match refusal(&error, lang) {
            Some(text) => (notice(&replies::fitting(&text, lang)), None),
            None => (notice(&went_wrong(lang)), Some(error)),
        },
    };
    if let Err(refused) = callback(http, to, response).await {
        tracing::warn!("Discord refused an answer, sending a short one instead: {refused}");
        callback(http, to, notice(&replies::too_long(lang))).await?;
    }
    failure.map_or(Ok(()), Err)
}

/// The outcome of acknowledged work: the message edited, or a follow-up only the clicker sees.
async fn finish(http: &Http, to: Replying<'_>, answer: Result<Answer, Error>) -> Result<(), Error> {
    let lang = to.lang();
    let (sent, failure) = match answer {
        Ok(Answer::Nothing) => return Ok(()),
        Ok(Answer::Update(view) | Answer::UpdateWhile(view, _)) => {
            (to.edit(http, view.edit()).await, None)
        }
        Ok(Answer::Ephemeral(view)) => (to.follow_up(http, view.followup()).await, None),
        Ok(Answer::Modal(_)) => (
            to.follow_up(http, text_followup(tr(lang, "form-too-slow")))
                .await,
            None,
        ),
        Err(error) => match refusal(&error, lang) {
            Some(text) => (
                to.follow_up(http, text_followup(replies::fitting(&text, lang)))
                    .await,
                None,
            ),
            None => (
                to.follow_up(http, text_followup(went_wrong(lang))).await,
                Some(error),
            ),
        },
    };
    if let Err(refused) = sent {
        tracing::warn!("Discord refused a follow-up, sending a short one instead: {refused}");
        to.follow_up(http, text_followup(replies::too_long(lang)))
            .await?;
    }
    failure.map_or(Ok(()), Err)
}

/// A follow-up of text alone, only the clicker sees.
fn text_followup(text: String) -> CreateInteractionResponseFollowup {
    View {
        content: Some(text),
        ..View::default()
    }
    .followup()
}

/// The interaction callback, tried a second time at once after a server error or a lost
/// answer ([`once_more_if_failed`]).
async fn callback(
    http: &Http,
    to: Replying<'_>,
    response: CreateInteractionResponse,
) -> serenity::Result<()> {
    once_more_if_failed(|| to.create(http, response.clone())).await
}

/// An interaction's first answer, made a second time at once after a server error or a lost
/// answer: a second answer that Discord says is one too many means the first arrived.
pub(super) async fn once_more_if_failed<F, Fut>(mut answer: F) -> serenity::Result<()>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = serenity::Result<()>>,
{
    match answer().await {
        Err(error) if worth_again(&error) => {
            tracing::warn!("an interaction's answer failed, trying once more: {error}");
            match answer().await {
                Err(again) if discord_code(&again) == Some(ALREADY_ACKNOWLEDGED) => Ok(()),
                again => again,
            }
        }
        first => first,
    }
}

/// "Interaction has already been acknowledged."
const ALREADY_ACKNOWLEDGED: isize = 40060;

fn worth_again(error: &serenity::Error) -> bool {
    match error {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response)) => {
            response.status_code.is_server_error()
        }
        serenity::Error::Http(serenity::HttpError::Request(_)) => true,
        _ => false,
    }
}

/// The JSON error code of Discord's refusal, if `error` is one.
pub(super) fn discord_code(error: &serenity::Error) -> Option<isize> {
    match error {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response)) => {
            Some(response.error.code)
        }
        _ => None,
    }
}

/// Discord's "missing permissions" and "missing access" become `refusal`, which says what the
/// bot could not do and which permissions to grant; anything else passes on as it is.
pub(super) fn explain_refusal(error: serenity::Error, refusal: Message) -> Error {
    match discord_code(&error) {
        Some(50001 | 50013) => DomainError::Refused(refusal.into()).into(),
        _ => error.into(),
    }
}

/// The refusal `error` carries, in `lang`; `None` for any other failure.
pub(super) fn refusal(error: &Error, lang: Lang) -> Option<String> {
    match error.downcast_ref::<DomainError>() {
        Some(DomainError::Refused(text)) => Some(text.render(lang)),
        _ => None,
    }
}

fn notice(text: &str) -> CreateInteractionResponse {
    CreateInteractionResponse::Message(
        CreateInteractionResponseMessage::new()
            .content(text)
            .ephemeral(true)
            .allowed_mentions(no_pings()),
    )
}

impl Replying<'_> {
    /// The language to answer in: the clicker's, else the server's, else English.
    pub(super) fn lang(self) -> Lang {
        let (locale, guild_locale) = match self {
            Replying::Component(c) => (&c.locale, &c.guild_locale),
            Replying::Modal(m) => (&m.locale, &m.guild_locale),
        };
        i18n::for_interaction(Some(locale), guild_locale.as_deref())
    }

    async fn create(
        self,
        http: &Http,
        response: CreateInteractionResponse,
    ) -> serenity::Result<()> {
        match self {
            Replying::Component(c) => c.create_response(http, response).await,
            Replying::Modal(m) => m.create_response(http, response).await,
        }
    }

    async fn edit(self, http: &Http, edit: EditInteractionResponse) -> serenity::Result<()> {
        let edit = edit.allowed_mentions(no_pings());
        match self {
            Replying::Component(c) => c.edit_response(http, edit).await.map(drop),
            Replying::Modal(m) => m.edit_response(http, edit).await.map(drop),
        }
    }

    async fn follow_up(
        self,
        http: &Http,
        followup: CreateInteractionResponseFollowup,
    ) -> serenity::Result<()> {
        let followup = followup.allowed_mentions(no_pings());
        match self {
            Replying::Component(c) => c.create_followup(http, followup).await.map(drop),
            Replying::Modal(m) => m.create_followup(http, followup).await.map(drop),
        }
    }
}
