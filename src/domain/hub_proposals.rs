//! Articles members propose for the knowledge hub with `/hub propose`: checked and kept
//! until a facilitator approves one (it is then posted in the articles forum under its
//! author's name, and found by `/hub search`) or returns it with a comment. The facilitators
//! are asked by direct message, and the author is told the outcome the same way.

use crate::course::text::char_len;
use crate::i18n::{self, Lang, Message};
use crate::model::hub::PublishedArticle;
use crate::model::hub_proposals::{NewProposal, Proposal, ProposalId, ProposalState};
use crate::model::*;
use crate::store::Store;

use super::access::{access_of, Access, Caller};
use super::hub_articles::content_hash;
use super::hub_qa::{checked_title, chosen_tags};
use super::languages::Recipients;
use super::outbox::{DeliveryPayload, Embed, Extra};
use super::{echo, refuse, DomainResult};

/// A form's longest answer; it also fits one embed, as facilitators read it.
pub const MAX_BODY: usize = 4_000;
/// A facilitator's comment on a returned proposal.
pub const MAX_COMMENT: usize = 1_000;
/// Proposals one member may have waiting at once.
pub const MAX_WAITING: u32 = 3;
/// The `course_id` of members' articles among the hub's published articles.
pub const MEMBER_ARTICLES: &str = "";

/// What a member typed in the form of `/hub propose`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    pub title: String,
    pub body: String,
    /// Tag names, separated by commas.
    pub tags: String,
}

/// Checks and keeps a proposal; `offered` are the articles forum's tags. Each facilitator
/// of the server is asked, by direct message, to approve or return it.
pub async fn propose(
    store: &Store,
    caller: Caller,
    typed: &Typed,
    offered: &[String],
    now: UnixMillis,
) -> DomainResult<Proposal> {
    super::hub::forum(store, caller.guild, HubForumKind::Articles).await?;
    let new = NewProposal {
        guild_id: caller.guild,
        author_id: caller.user,
        title: checked_title(&typed.title, Message::new("hub-proposal-no-title"))?,
        body: checked_body(&typed.body)?,
        tags: chosen_tags(&typed.tags, offered, HubForumKind::Articles)?,
    };
    if store
        .count_waiting_proposals(caller.guild, caller.user)
        .await?
        >= MAX_WAITING
    {
        return refuse(Message::new("hub-proposal-too-many").arg("max", MAX_WAITING));
    }
    let proposal = store.create_proposal(&new, now).await?;
    for facilitator in facilitators(store, caller.guild).await? {
        if facilitator != caller.user {
            ask_review(store, &proposal, facilitator, now).await?;
        }
    }
    Ok(proposal)
}

/// The server's proposals waiting for a facilitator, oldest first: facilitators only.
pub async fn waiting(store: &Store, caller: Caller) -> DomainResult<Vec<Proposal>> {
    require_reviewer(store, caller).await?;
    Ok(store.waiting_proposals(caller.guild).await?)
}

/// Claims a waiting proposal for posting, approved by the caller: one click posts it, any
/// other is told what became of it.
pub async fn approve(store: &Store, caller: Caller, id: ProposalId) -> DomainResult<Proposal> {
    let proposal = reviewable(store, caller, id).await?;
    if !store.claim_proposal(id, caller.user).await? {
        return refuse(already_decided(store, id).await?);
    }
    Ok(Proposal {
        state: ProposalState::Posting,
        reviewer_id: Some(caller.user),
        ..proposal
    })
}

/// Puts an approved proposal whose post could not be opened back to waiting.
pub async fn approval_failed(store: &Store, proposal: &Proposal) -> DomainResult<()> {
    store.unclaim_proposal(proposal.id).await?;
    Ok(())
}

/// Records the post an approved proposal was published as, and tells its author.
pub async fn published(
    store: &Store,
    proposal: &Proposal,
    post: (ChannelId, ChannelId),
    message_ids: Vec<MessageId>,
    now: UnixMillis,
) -> DomainResult<Proposal> {
    let (forum_id, post_id) = post;
    let article = PublishedArticle {
        guild_id: proposal.guild_id,
        course_id: MEMBER_ARTICLES.into(),
        article_id: format!("proposal-{}", proposal.id),
        forum_id,
        post_id,
        message_ids,
        title: proposal.title.clone(),
        body: proposal.body.clone(),
        content_hash: content_hash(&proposal.title, &proposal.tags, &proposal.body),
        published_at: now,
    };
    store.publish_proposal(proposal.id, &article).await?;
    let lang = recipient_lang(store, proposal.guild_id, proposal.author_id).await?;
    let told = DeliveryPayload {
        content: Message::new("hub-proposal-published-dm")
            .arg("title", echo(&proposal.title))
            .arg("post", post_id.to_string())
            .render(lang),
        ..DeliveryPayload::default()
    };
    tell_author(store, proposal, "published", told, now).await?;
    Ok(Proposal {
        state: ProposalState::Published,
        post_id: Some(post_id),
        decided_at: Some(now),
        ..proposal.clone()
    })
}

/// Checks the caller may return the proposal now, before they write their comment.
pub async fn returnable(store: &Store, caller: Caller, id: ProposalId) -> DomainResult<Proposal> {
    let proposal = reviewable(store, caller, id).await?;
    if proposal.state != ProposalState::Pending {
        return refuse(already_decided(store, id).await?);
    }
    Ok(proposal)
}

/// Returns a waiting proposal to its author with the caller's comment, which they are sent
/// with their text, to edit and propose again.
pub async fn return_to_author(
    store: &Store,
    caller: Caller,
    id: ProposalId,
    comment: &str,
    now: UnixMillis,
) -> DomainResult<Proposal> {
    let proposal = reviewable(store, caller, id).await?;
    let comment = comment.trim();
    if comment.is_empty() {
        return refuse(Message::new("hub-proposal-no-comment"));
    }
    if char_len(comment) > MAX_COMMENT {
        return refuse(
            Message::new("hub-proposal-comment-too-long")
                .arg("max", MAX_COMMENT)
                .arg("count", char_len(comment)),
        );
    }
    if !store.return_proposal(id, caller.user, comment, now).await? {
        return refuse(already_decided(store, id).await?);
    }
    let lang = recipient_lang(store, proposal.guild_id, proposal.author_id).await?;
    let told = DeliveryPayload {
        content: Message::new("hub-proposal-returned-dm")
            .arg("reviewer", caller.user.to_string())
            .arg("title", echo(&proposal.title))
            .arg("comment", comment.replace('\n', "\n> "))
            .render(lang),
        embed: Some(Embed {
            title: Some(proposal.title.clone()),
            description: Some(proposal.body.clone()),
            colour: None,
        }),
        ..DeliveryPayload::default()
    };
    tell_author(store, &proposal, "returned", told, now).await?;
    Ok(Proposal {
        state: ProposalState::Returned,
        reviewer_id: Some(caller.user),
        comment: Some(comment.to_owned()),
        decided_at: Some(now),
        ..proposal
    })
}

fn checked_body(body: &str) -> DomainResult<String> {
    let body = body.trim();
    if body.is_empty() {
        return refuse(Message::new("hub-proposal-no-body"));
    }
    if char_len(body) > MAX_BODY {
        return refuse(
            Message::new("hub-proposal-too-long")
                .arg("max", MAX_BODY)
                .arg("count", char_len(body)),
        );
    }
    Ok(body.to_owned())
}

/// The proposal `id` of the caller's server, once the caller may review it. A click in a
/// direct message comes from no server: the proposal's own is the one checked.
async fn reviewable(store: &Store, caller: Caller, id: ProposalId) -> DomainResult<Proposal> {
    let proposal = match store.hub_proposal(id).await? {
        Some(p) if caller.guild == p.guild_id || caller.guild == GuildId(0) => p,
        _ => return refuse(Message::new("hub-proposal-gone")),
    };
    let in_its_server = Caller {
        guild: proposal.guild_id,
        ..caller
    };
    require_reviewer(store, in_its_server).await?;
    Ok(proposal)
}

async fn require_reviewer(store: &Store, caller: Caller) -> DomainResult<()> {
    if access_of(store, caller).await? != Access::Facilitator {
        return refuse(Message::new("hub-proposal-not-facilitator"));
    }
    Ok(())
}

/// What became of a proposal that no longer waits.
async fn already_decided(store: &Store, id: ProposalId) -> DomainResult<Message> {
    let Some(proposal) = store.hub_proposal(id).await? else {
        return Ok(Message::new("hub-proposal-no-longer-exists"));
    };
    let id = match proposal.state {
        ProposalState::Pending => "hub-proposal-still-waiting",
        ProposalState::Posting => "hub-proposal-being-posted",
        ProposalState::Published => "hub-proposal-already-published",
        ProposalState::Returned => "hub-proposal-already-returned",
    };
    let mut message = Message::new(id).arg("title", echo(&proposal.title));
    if proposal.state != ProposalState::Pending {
        // `none` when no reviewer is recorded: the message then names no one.
        let reviewer = proposal
            .reviewer_id
            .map_or("none".into(), |r| r.to_string());
        message = message.arg("reviewer", reviewer);
    }
    Ok(message)
}

/// The facilitators of the server's current cohorts, each once.
async fn facilitators(store: &Store, guild: GuildId) -> DomainResult<Vec<UserId>> {
    let mut found: Vec<UserId> = vec![];
    for cohort in store.list_cohorts(guild, false).await? {
        let members = store
            .list_members(cohort.id, Some(CohortRole::Facilitator))
            .await?;
        for member in members {
            if !found.contains(&member.user_id) {
                found.push(member.user_id);
            }
        }
    }
    Ok(found)
}

async fn ask_review(
    store: &Store,
    proposal: &Proposal,
    facilitator: UserId,
    now: UnixMillis,
) -> DomainResult<()> {
    let lang = recipient_lang(store, proposal.guild_id, facilitator).await?;
    let tags = if proposal.tags.is_empty() {
        String::new()
    } else {
        i18n::tr_args(
            lang,
            "hub-proposal-review-tags",
            &[("tags", proposal.tags.join(", ").into())],
        )
    };
    let payload = DeliveryPayload {
        content: Message::new("hub-proposal-review-dm")
            .arg("author", proposal.author_id.to_string())
            .arg("tags", tags)
            .render(lang),
        embed: Some(Embed {
            title: Some(proposal.title.clone()),
            description: Some(proposal.body.clone()),
            colour: None,
        }),
        extra: Some(Extra::ProposalReview {
            proposal: proposal.id.0,
        }),
        ..DeliveryPayload::default()
    }
    .written_in(lang);
    let key = format!("hub-proposal:{}:review:{facilitator}", proposal.id);
    enqueue_dm(store, &key, facilitator, payload, now).await
}

/// The language of a direct message to `user`: theirs, else the server's, else English.
async fn recipient_lang(store: &Store, guild: GuildId, user: UserId) -> DomainResult<Lang> {
    Ok(Recipients::read(store, guild, &[user], None)
        .await?
        .lang(user))
}

async fn tell_author(
    store: &Store,
    proposal: &Proposal,
    outcome: &str,
    payload: DeliveryPayload,
    now: UnixMillis,
) -> DomainResult<()> {
    let key = format!("hub-proposal:{}:{outcome}", proposal.id);
    enqueue_dm(store, &key, proposal.author_id, payload, now).await
}

async fn enqueue_dm(
    store: &Store,
    key: &str,
    to: UserId,
    payload: DeliveryPayload,
    now: UnixMillis,
) -> DomainResult<()> {
    store
        .enqueue_delivery(&NewDelivery {
            schedule_id: None,
            dedupe_key: key.to_owned(),
            cohort_id: None,
            target_kind: TargetKind::Dm,
            target_id: to.0,
            fallback_channel_id: None,
            payload: payload.to_json(),
            due_at: now,
            expires_at: None,
        })
        .await?;
    Ok(())
}
