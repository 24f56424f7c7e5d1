//! Articles members propose, in Discord: the submitted form, a facilitator's **Approve and
//! publish** (the article is posted in the articles forum under its author's name) and
//! **Return with a comment**.

use std::collections::HashMap;

use poise::serenity_prelude as serenity;

use super::answer::{not_recognised, Answer};
use super::custom_id::Action;
use super::hub_articles::{open_post, posted_before};
use super::hub_qa::{hub_forum, tag_names};
use super::render::hub_proposals as view;
use super::render::View;
use super::replies::CONTENT_LIMIT;
use super::{Data, Error};
use crate::course::text::split_for_embeds;
use crate::domain::access::Caller;
use crate::domain::hub_proposals::{self, Typed};
use crate::domain::DomainError;
use crate::i18n::Lang;
use crate::model::hub_proposals::Proposal;
use crate::model::{ChannelId, HubForumKind, MessageId};

/// A click on a proposal's buttons, answered in the clicker's `lang`.
pub async fn on_click(
    http: &serenity::Http,
    data: &Data,
    caller: Caller,
    action: Action,
    lang: Lang,
) -> Result<Answer, Error> {
    let store = &data.store;
    match action {
        Action::ProposalApprove { proposal } => {
            let proposal = hub_proposals::approve(store, caller, proposal).await?;
            match publish(http, data, &proposal, lang).await {
                Ok(published) => Ok(Answer::Update(View::text(view::approved(&published, lang)))),
                Err(error) => {
                    hub_proposals::approval_failed(store, &proposal).await?;
                    Err(error)
                }
            }
        }
        Action::ProposalReturn { proposal } => {
            let proposal = hub_proposals::returnable(store, caller, proposal).await?;
            Ok(Answer::Modal(view::return_modal(&proposal, lang)))
        }
        _ => Err(not_recognised()),
    }
}

/// The form of `/hub propose`, or a facilitator's comment on a returned proposal, answered
/// in the sender's `lang`.
pub async fn on_submit(
    http: &serenity::Http,
    data: &Data,
    caller: Caller,
    action: Action,
    fields: &HashMap<String, String>,
    lang: Lang,
) -> Result<Answer, Error> {
    let field = |id: &str| fields.get(id).cloned().unwrap_or_default();
    let now = data.clock.now_ms();
    match action {
        Action::ProposeSave => {
            let typed = Typed {
                title: field(view::TITLE_INPUT),
                body: field(view::BODY_INPUT),
                tags: field(view::TAGS_INPUT),
            };
            match propose(http, data, caller, &typed).await {
                Ok(proposal) => Ok(Answer::text(view::proposed(&proposal, lang))),
                Err(error) => {
                    match error.downcast::<DomainError>() {
                        Ok(DomainError::Refused(message)) => Ok(Answer::Ephemeral(
                            view::typed_back(&message.render(lang), &typed, lang),
                        )),
                        Ok(other) => Err(other.into()),
                        Err(other) => Err(other),
                    }
                }
            }
        }
        Action::ProposalReturnSave { proposal } => {
            let comment = field(view::COMMENT_INPUT);
            let returned =
                hub_proposals::return_to_author(&data.store, caller, proposal, &comment, now)
                    .await?;
            Ok(Answer::Update(View::text(view::returned(&returned, lang))))
        }
        _ => Err(not_recognised()),
    }
}

async fn propose(
    http: &serenity::Http,
    data: &Data,
    caller: Caller,
    typed: &Typed,
) -> Result<Proposal, Error> {
    let forum = hub_forum(http, &data.store, caller.guild, HubForumKind::Articles).await?;
    let now = data.clock.now_ms();
    let offered = tag_names(&forum);
    Ok(hub_proposals::propose(&data.store, caller, typed, &offered, now).await?)
}

/// Posts an approved proposal in the articles forum, its byline in `lang`, and records it.
async fn publish(
    http: &serenity::Http,
    data: &Data,
    proposal: &Proposal,
    lang: Lang,
) -> Result<Proposal, Error> {
    let kind = HubForumKind::Articles;
    let forum = hub_forum(http, &data.store, proposal.guild_id, kind).await?;
    let text = view::post_text(proposal, lang);
    let (post, messages) = match posted_before(http, &forum, &proposal.title).await? {
        // An earlier approval opened it, and Discord's answer was lost.
        Some((post, messages))
            if messages
                .first()
                .is_some_and(|m| text.starts_with(&m.content)) =>
        {
            (
                post,
                messages.iter().map(|m| MessageId(m.id.get())).collect(),
            )
        }
        _ => {
            let parts = split_for_embeds(&text, CONTENT_LIMIT);
            open_post(http, &forum, &proposal.title, &proposal.tags, &parts).await?
        }
    };
    let place = (ChannelId(forum.id.get()), post);
    let now = data.clock.now_ms();
    Ok(hub_proposals::published(&data.store, proposal, place, messages, now).await?)
}
