//! What facilitators do by hand: award and revoke certificates and diplomas, read and
//! answer reflections; and the trainee's pathway choice. Every message to a person goes
//! through the durable scheduler, so nothing is lost when Discord refuses a DM.

use crate::course::text::shorten;
use crate::course::{AwardMode, Course, PathwayOption};
use crate::domain::outbox::{DeliveryPayload, Embed};
use crate::store::Store;

use super::access::{require_facilitator, Caller};
use super::languages::Recipients;
use super::{audit, badges};
use super::{echo, refuse, DomainResult};
use crate::i18n::{tr_args, Message};

use crate::model::*;

/// Awards `badge_id` to `user` by a facilitator's hand. A badge whose requirements are not
/// all met is refused with what is missing, unless `despite_missing` says the facilitator
/// knows and awards it anyway.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %user, badge = badge_id))]
#[allow(clippy::too_many_arguments)]
pub async fn award_badge(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    user: UserId,
    badge_id: &str,
    reason: &str,
    despite_missing: bool,
    now: UnixMillis,
) -> DomainResult<BadgeAward> {
    require_facilitator(store, caller, cohort).await?;
    require_current_member(store, cohort, user).await?;
    let Some(badge) = course.badge(badge_id) else {
        return refuse(Message::new("facil-no-such-badge").arg("badge", echo(badge_id)));
    };
    let missing = badges::missing(store, course, cohort.id, user, badge).await?;
    if !missing.is_empty() && !despite_missing {
        return refuse(
            Message::new("facil-award-missing")
                .arg("user", user.to_string())
                .arg("badge", &badge.name)
                .arg("missing", missing),
        );
    }
    let outcome = store
        .award_badge(&NewBadgeAward {
            cohort_id: cohort.id,
            user_id: user,
            badge_id: badge.id.clone(),
            awarded_by: Some(caller.user),
            reason: Some(reason.trim().to_string()).filter(|r| !r.is_empty()),
            awarded_at: now,
        })
        .await?;
    if !outcome.newly_awarded {
        return refuse(
            Message::new("facil-already-holds")
                .arg("user", user.to_string())
                .arg("badge", &badge.name),
        );
    }
    if badge.award == AwardMode::Auto {
        tracing::info!("an automatic badge was awarded by hand");
    }
    let detail = audit::badge_detail(&badge.name, reason);
    audit::record(store, caller, cohort, user, AuditAction::Award, detail, now).await?;
    Ok(outcome.award)
}

/// Takes a badge back; the record keeps who did it and why, and the role follows.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %user, badge = badge_id))]
#[allow(clippy::too_many_arguments)]
pub async fn revoke_badge(
    store: &Store,
    course: &Course,
    caller: Caller,
    cohort: &Cohort,
    user: UserId,
    badge_id: &str,
    reason: &str,
    now: UnixMillis,
) -> DomainResult<BadgeAward> {
    require_facilitator(store, caller, cohort).await?;
    let name = course.badge(badge_id).map_or(badge_id, |b| b.name.as_str());
    if reason.trim().is_empty() {
        return refuse(Message::new("facil-revoke-needs-reason"));
    }
    let awards = store.badge_awards_of_member(cohort.id, user).await?;
    let Some(award) = awards
        .into_iter()
        .find(|a| a.badge_id == badge_id && a.revoked_at.is_none())
    else {
        return refuse(
            Message::new("facil-does-not-hold")
                .arg("user", user.to_string())
                .arg("badge", echo(name)),
        );
    };
    store
        .revoke_badge(award.id, caller.user, reason.trim(), now)
        .await?;
    let detail = audit::badge_detail(name, reason);
    audit::record(
        store,
        caller,
        cohort,
        user,
        AuditAction::Revoke,
        detail,
        now,
    )
    .await?;
    Ok(award)
}

/// Reflections the caller may read: facilitators see all of the cohort's; others see their
/// own and those the course shares with the cohort.
pub async fn readable_reflections(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    unreviewed_only: bool,
) -> DomainResult<Vec<Reflection>> {
    let facilitating = require_facilitator(store, caller, cohort).await.is_ok();
    let all = store.list_reflections(cohort.id, unreviewed_only).await?;
    Ok(all
        .into_iter()
        .filter(|r| facilitating || may_read(caller, r))
        .collect())
}

/// One reflection, if the caller may read it.
pub async fn read_reflection(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    id: ReflectionId,
) -> DomainResult<Reflection> {
    let facilitating = require_facilitator(store, caller, cohort).await.is_ok();
    match store.reflection(id).await? {
        Some(r) if r.cohort_id == cohort.id && (facilitating || may_read(caller, &r)) => Ok(r),
        _ => refuse(Message::new("facil-no-such-reflection")),
    }
}

fn may_read(caller: Caller, reflection: &Reflection) -> bool {
    reflection.user_id == caller.user || reflection.visibility == ReflectionVisibility::Cohort
}

/// A facilitator answers a reflection: it is marked reviewed and the trainee is told, by DM
/// or, if DMs are closed, in the cohort channel.
pub async fn answer_reflection(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
    id: ReflectionId,
    reply: &str,
    now: UnixMillis,
) -> DomainResult<Reflection> {
    require_facilitator(store, caller, cohort).await?;
    let reflection = read_reflection(store, caller, cohort, id).await?;
    let reply = reply.trim();
    let reviewed = store
        .mark_reflection_reviewed(
            reflection.id,
            caller.user,
            Some(reply).filter(|r| !r.is_empty()),
            now,
        )
        .await?;
    let detail = if reply.is_empty() {
        format!("reflection #{}", reflection.id)
    } else {
        format!("reflection #{}, with a reply", reflection.id)
    };
    let author = reflection.user_id;
    audit::record(
        store,
        caller,
        cohort,
        author,
        AuditAction::Review,
        detail,
        now,
    )
    .await?;
    if !reply.is_empty() {
        let lang = Recipients::read(store, cohort.guild_id, &[author], None)
            .await?
            .lang(author);
        let replied = [
            ("author", author.to_string().into()),
            ("facilitator", caller.user.to_string().into()),
        ];
        let number = [("number", reflection.id.to_string().into())];
        let payload = DeliveryPayload {
            content: tr_args(lang, "facil-reflection-replied", &replied),
            embed: Some(Embed {
                title: Some(tr_args(lang, "facil-reflection-reply-title", &number)),
                description: Some(format!("> {}\n\n{reply}", quote(&reflection.body))),
                colour: None,
            }),
            ..DeliveryPayload::default()
        }
        .written_in(lang);
        let key = format!("reflection-reply:{}:{now}", reflection.id);
        send(
            store,
            cohort,
            &key,
            TargetKind::Dm,
            reflection.user_id.0,
            payload,
            now,
        )
        .await?;
    }
    Ok(reviewed)
}

/// Posts a reflection the course shares with the cohort in the cohort channel, with a
/// thread for replies.
pub async fn share_reflection(
    store: &Store,
    cohort_id: CohortId,
    reflection: &Reflection,
    now: UnixMillis,
) -> DomainResult<()> {
    let Some(cohort) = store.cohort(cohort_id).await? else {
        return Ok(());
    };
    let Some(channel) = cohort.channel_id else {
        return Ok(());
    };
    // The cohort's channel reads the course in its own language, whatever the author's,
    // and the bot's words in the server's.
    let course = super::snapshots::course_of(store, &cohort).await?;
    let module_title = course
        .module(&reflection.module_id)
        .map_or(reflection.module_id.as_str(), |m| m.title.as_str());
    let lang = Recipients::read(store, cohort.guild_id, &[], None)
        .await?
        .channel_lang();
    let shared = [
        ("author", reflection.user_id.to_string().into()),
        ("module", module_title.into()),
    ];
    let thread = [("module", shorten(module_title, 60).into())];
    let payload = DeliveryPayload {
        content: tr_args(lang, "facil-reflection-shared", &shared),
        embed: Some(Embed {
            title: Some(module_title.to_string()),
            description: Some(reflection.body.clone()),
            colour: None,
        }),
        thread_name: Some(tr_args(lang, "facil-reflection-thread", &thread)),
        ..DeliveryPayload::default()
    }
    .written_in(lang);
    let key = format!("reflection-share:{}", reflection.id);
    send(
        store,
        &cohort,
        &key,
        TargetKind::Channel,
        channel.0,
        payload,
        now,
    )
    .await
}

/// The first lines of a long text, for quoting it back: the full text stays in the record.
fn quote(text: &str) -> String {
    shorten(text, 600).replace('\n', "\n> ")
}

async fn send(
    store: &Store,
    cohort: &Cohort,
    key: &str,
    kind: TargetKind,
    target: u64,
    payload: DeliveryPayload,
    now: UnixMillis,
) -> DomainResult<()> {
    store
        .enqueue_delivery(&NewDelivery {
            schedule_id: None,
            dedupe_key: key.to_string(),
            cohort_id: Some(cohort.id),
            target_kind: kind,
            target_id: target,
            fallback_channel_id: cohort.channel_id,
            payload: payload.to_json(),
            due_at: now,
            expires_at: None,
        })
        .await?;
    Ok(())
}

async fn require_current_member(store: &Store, cohort: &Cohort, user: UserId) -> DomainResult<()> {
    match store.member(cohort.id, user).await? {
        Some(m) if m.left_at.is_none() => Ok(()),
        _ => refuse(
            Message::new("facil-not-in-cohort")
                .arg("user", user.to_string())
                .arg("cohort", &cohort.name),
        ),
    }
}

/// A trainee chooses a route on one of the course's pathways; its modules open.
pub async fn choose_pathway<'c>(
    store: &Store,
    course: &'c Course,
    caller: Caller,
    cohort: &Cohort,
    pathway_id: &str,
    option_id: &str,
    now: UnixMillis,
) -> DomainResult<&'c PathwayOption> {
    require_current_member(store, cohort, caller.user).await?;
    let Some(pathway) = course.pathways.iter().find(|p| p.id == pathway_id) else {
        return refuse(Message::new("facil-no-such-pathway"));
    };
    let Some(option) = pathway.options.iter().find(|o| o.id == option_id) else {
        return refuse(Message::new("facil-no-such-option").arg("pathway", &pathway.title));
    };
    store
        .set_pathway_choice(cohort.id, caller.user, &pathway.id, &option.id, now)
        .await?;
    Ok(option)
}

/// Every trainee's choice on the cohort's pathways, for facilitators.
pub async fn pathway_choices(
    store: &Store,
    caller: Caller,
    cohort: &Cohort,
) -> DomainResult<Vec<PathwayChoice>> {
    require_facilitator(store, caller, cohort).await?;
    Ok(store.pathway_choices(cohort.id).await?)
}
