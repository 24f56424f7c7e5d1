//! The hub's questions in Discord: the questions forum found (or found gone), a question's
//! post opened, a post tagged answered with its answer pinned; and the buttons and form that
//! `/ask` and **Rate answer** leave behind.

use std::collections::HashMap;

use poise::serenity_prelude as serenity;
use serde_json::json;

use super::answer::{discord_code, explain_refusal, Answer};
use super::custom_id::Action;
use super::hub_articles::tag_ids;
use super::render::hub_qa as view;
use super::{Data, Error};
use crate::course::ANSWERED_TAG;
use crate::domain::access::Caller;
use crate::domain::hub;
use crate::domain::hub_qa::{self, Accepted};
use crate::domain::DomainError;
use crate::i18n::{Lang, Message};
use crate::model::hub_qa::Question;
use crate::model::{ChannelId, GuildId, HubForumKind};
use crate::store::Store;

/// Discord's "Unknown Channel".
const UNKNOWN_CHANNEL: isize = 10003;
/// Discord's most tags on one forum post.
const MAX_APPLIED_TAGS: usize = 5;

/// The questions forum of the caller's server, as Discord has it now.
pub async fn questions_forum(
    http: &serenity::Http,
    store: &Store,
    caller: Caller,
) -> Result<serenity::GuildChannel, Error> {
    hub_forum(http, store, caller.guild, HubForumKind::Questions).await
}

/// The hub's forum of `kind` in `guild`, as Discord has it now.
pub async fn hub_forum(
    http: &serenity::Http,
    store: &Store,
    guild: GuildId,
    kind: HubForumKind,
) -> Result<serenity::GuildChannel, Error> {
    let forum = hub::forum(store, guild, kind).await?;
    let gone = || DomainError::Refused(hub::forum_gone(kind, forum).into()).into();
    match serenity::ChannelId::new(forum.0).to_channel(http).await {
        Ok(serenity::Channel::Guild(channel)) if channel.kind == serenity::ChannelType::Forum => {
            Ok(channel)
        }
        Ok(_) => Err(gone()),
        Err(e) if discord_code(&e) == Some(UNKNOWN_CHANNEL) => Err(gone()),
        Err(e) => Err(e.into()),
    }
}

/// The names of the tags a forum offers.
pub fn tag_names(forum: &serenity::GuildChannel) -> Vec<String> {
    forum
        .available_tags
        .iter()
        .map(|t| t.name.clone())
        .collect()
}

/// Opens the post of `question`, claimed for posting, and records it; on failure the
/// question goes back to being a draft. The post is written in the asker's `lang`.
pub async fn post_question(
    http: &serenity::Http,
    store: &Store,
    forum: &serenity::GuildChannel,
    question: Question,
    lang: Lang,
) -> Result<Question, Error> {
    let tags = tag_ids(forum, &question.tags);
    let body = json!({
        "name": question.title,
        "applied_tags": tags,
        "message": {
            "content": view::question_post(&question, lang),
            "allowed_mentions": { "parse": [] },
        },
    });
    match http
        .create_forum_post(forum.id, &body, Some("a question asked with /ask"))
        .await
    {
        Ok(post) => Ok(hub_qa::posted(store, &question, ChannelId(post.id.get())).await?),
        Err(e) => {
            hub_qa::post_failed(store, &question).await?;
            if discord_code(&e) == Some(UNKNOWN_CHANNEL) {
                let forum = ChannelId(forum.id.get());
                let gone = hub::forum_gone(HubForumKind::Questions, forum);
                return Err(DomainError::Refused(gone.into()).into());
            }
            let refusal =
                Message::new("missing-perms-question-post").arg("forum", forum.id.to_string());
            Err(explain_refusal(e, refusal))
        }
    }
}

/// Tags the accepted answer's post `answered` and pins the answer.
pub async fn mark_answered(http: &serenity::Http, accepted: &Accepted) -> Result<(), Error> {
    let post_id = accepted.question.post_id.map_or(0, |p| p.0);
    let post = serenity::ChannelId::new(post_id);
    let thread = post.to_channel(http).await?.guild();
    let parent = thread.as_ref().and_then(|t| t.parent_id);
    let forum = match parent {
        Some(parent) => parent.to_channel(http).await?.guild(),
        None => None,
    };
    let answered = forum.as_ref().and_then(|f| {
        f.available_tags
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(ANSWERED_TAG))
            .map(|t| t.id)
    });
    let (Some(thread), Some(answered)) = (thread, answered) else {
        let missing = Message::new("hub-no-answered-tag")
            .arg("post", post.to_string())
            .arg("tag", ANSWERED_TAG);
        return Err(DomainError::Refused(missing.into()).into());
    };
    let mut tags = thread.applied_tags.clone();
    if !tags.contains(&answered) {
        tags.truncate(MAX_APPLIED_TAGS - 1);
        tags.push(answered);
        http.edit_thread(
            post,
            &json!({ "applied_tags": tags }),
            Some("an answer was accepted"),
        )
        .await
        .map_err(|e| {
            let refusal = Message::new("missing-perms-answered-tag").arg("post", post.to_string());
            explain_refusal(e, refusal)
        })?;
    }
    let answer = serenity::MessageId::new(accepted.answer.message_id.0);
    post.pin(http, answer)
        .await
        .map_err(|e| explain_refusal(e, Message::new("missing-perms-pin-answer")))?;
    Ok(())
}

/// A click on `/ask`'s buttons or on a rating, answered in the clicker's `lang`.
pub async fn on_click(
    http: &serenity::Http,
    data: &Data,
    caller: Caller,
    action: Action,
    lang: Lang,
) -> Result<Answer, Error> {
    let store = &data.store;
    match action {
        Action::AskPost { question } => {
            let forum = questions_forum(http, store, caller).await?;
            let question = hub_qa::claim_draft(store, caller, question).await?;
            let question = post_question(http, store, &forum, question, lang).await?;
            Ok(Answer::Update(view::question_posted(&question, lang)))
        }
        Action::AskCancel { question } => {
            hub_qa::cancel_draft(store, caller, question).await?;
            Ok(Answer::Update(view::question_cancelled(lang)))
        }
        Action::RateChoose { answer, value } => {
            Ok(Answer::Modal(view::rating_modal(answer, value, lang)))
        }
        _ => Err(DomainError::Refused(Message::new("button-not-recognised").into()).into()),
    }
}

/// The rating form, submitted, answered in the rater's `lang`.
pub async fn on_submit(
    data: &Data,
    caller: Caller,
    action: Action,
    fields: &HashMap<String, String>,
    lang: Lang,
) -> Result<Answer, Error> {
    let Action::RateSubmit { answer, value } = action else {
        return Err(DomainError::Refused(Message::new("form-not-recognised").into()).into());
    };
    let comment = fields.get(view::COMMENT_FIELD).map_or("", String::as_str);
    let now = data.clock.now_ms();
    let saved = hub_qa::rate(&data.store, caller, answer, value, comment, now).await?;
    Ok(Answer::Update(view::rated(saved, value, lang)))
}
