//! The knowledge hub: which forums it lives in and the tags they offer. Set-up itself (the
//! channels and their tags) happens in Discord; here is who may run it, what it must
//! create, and the record of what it did.

use crate::course::{Course, ANSWERED_TAG};
use crate::i18n::Message;
use crate::model::hub::HubForum;
use crate::model::*;
use crate::store::Store;

use super::access::{require_facilitator_or_manager, Caller};
use super::{refuse, DomainResult};

/// What set-up must make sure of in one forum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForumPlan {
    pub kind: HubForumKind,
    /// The forum set-up recorded last time, if any; it may since have been deleted.
    pub recorded: Option<ChannelId>,
    /// Tags the forum must offer: the course's topics, and `answered` on questions.
    pub tags: Vec<String>,
}

/// What set-up did with one forum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForumOutcome {
    pub plan: ForumPlan,
    pub channel: ChannelId,
    pub created: bool,
    /// The recorded forum was gone, so another was adopted or created.
    pub replaced: bool,
    pub tags_added: Vec<String>,
}

/// The name a new forum of `kind` gets, and that an existing one is adopted by.
pub fn forum_name(kind: HubForumKind) -> &'static str {
    match kind {
        HubForumKind::Articles => "hub-articles",
        HubForumKind::Questions => "hub-questions",
    }
}

/// The hub's forum of `kind` in `guild`, refusing when the hub is not set up.
pub async fn forum(store: &Store, guild: GuildId, kind: HubForumKind) -> DomainResult<ChannelId> {
    match store.hub_forum(guild, kind).await? {
        Some(forum) => Ok(forum.channel_id),
        None => refuse(Message::new("hub-not-set-up")),
    }
}

/// What a member reads when the forum of `kind` set-up recorded no longer exists.
pub fn forum_gone(kind: HubForumKind, forum: ChannelId) -> Message {
    Message::new("hub-forum-gone")
        .arg("kind", kind.to_string())
        .arg("forum", forum.to_string())
}

/// What `/hub setup` must do for `cohort`'s server, once the caller may run it: a
/// facilitator of the cohort or a manager of its server.
pub async fn plan_setup(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    course: &Course,
) -> DomainResult<Vec<ForumPlan>> {
    require_facilitator_or_manager(store, caller, cohort).await?;
    let mut plans = vec![];
    for kind in [HubForumKind::Articles, HubForumKind::Questions] {
        let mut tags = course.hub_topics.clone();
        if kind == HubForumKind::Questions {
            tags.push(ANSWERED_TAG.to_owned());
        }
        let recorded = store.hub_forum(cohort.guild_id, kind).await?;
        plans.push(ForumPlan {
            kind,
            recorded: recorded.map(|f| f.channel_id),
            tags,
        });
    }
    Ok(plans)
}

/// Records the forums set-up created or adopted.
pub async fn record_setup(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    outcomes: &[ForumOutcome],
    now: UnixMillis,
) -> DomainResult<()> {
    require_facilitator_or_manager(store, caller, cohort).await?;
    for outcome in outcomes {
        let forum = HubForum {
            guild_id: cohort.guild_id,
            kind: outcome.plan.kind,
            channel_id: outcome.channel,
            set_up_by: caller.user,
            set_up_at: now,
        };
        store.set_hub_forum(&forum).await?;
    }
    Ok(())
}
