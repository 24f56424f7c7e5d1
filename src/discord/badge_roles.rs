//! Badges as Discord roles. The award in the database is the record; this makes the role
//! follow it. When Discord refuses (no Manage Roles, or the role above the bot's), the
//! facilitators are told what to fix and the sync is retried until it succeeds.

use poise::serenity_prelude as serenity;

use super::replies::pinging;
use super::Data;
use crate::course::Badge;
use crate::domain::badges::role_key;
use crate::domain::languages::Recipients;
use crate::domain::snapshots;
use crate::i18n::{Lang, Message};
use crate::model::{BadgeAward, Cohort, CohortId, CohortRole, UnixMillis, UserId};
use crate::store::Store;

/// Awards one pass brings in line at most.
const SYNCED_PER_PASS: u32 = 50;

/// After a facilitator changed awards: bring the roles in line now, without holding up the
/// reply.
pub fn sync_soon(ctx: &serenity::Context, data: &Data) {
    let (http, store, clock) = (ctx.http.clone(), data.store.clone(), data.clock.clone());
    data.activity.spawn(async move {
        if let Err(e) = sync_once(&http, &store, clock.now_ms()).await {
            tracing::warn!("badge role sync failed: {e:#}");
        }
    });
}

/// After an award: give the roles now and congratulate, without holding up the reply.
pub fn follow_up(
    ctx: &serenity::Context,
    data: &Data,
    cohort: CohortId,
    user: UserId,
    awarded: &[Badge],
) {
    if awarded.is_empty() {
        return;
    }
    let (http, store, badges) = (ctx.http.clone(), data.store.clone(), awarded.to_vec());
    let clock = data.clock.clone();
    data.activity.spawn(async move {
        if let Err(e) = sync_once(&http, &store, clock.now_ms()).await {
            tracing::warn!("badge role sync failed: {e:#}");
        }
        if let Err(e) = congratulate(&http, &store, cohort, user, &badges).await {
            tracing::warn!("could not congratulate: {e:#}");
        }
    });
}

/// Brings every pending award's role in line with the record; the single step the loop runs.
/// Says whether awards are left for a retry: ones Discord refused, or more than one pass
/// takes.
#[tracing::instrument(skip_all)]
pub async fn sync_once(
    http: &serenity::Http,
    store: &Store,
    now: UnixMillis,
) -> anyhow::Result<bool> {
    // The retry loop and follow-ups after awards may overlap; one at a time, so a role is
    // never created twice.
    static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _turn = ONE_AT_A_TIME.lock().await;
    let pending = store.unsynced_badge_awards(SYNCED_PER_PASS).await?;
    let mut refused = false;
    let full_pass = pending.len() == SYNCED_PER_PASS as usize;
    for award in pending {
        let Some(cohort) = store.cohort(award.cohort_id).await? else {
            continue;
        };
        let course = snapshots::course_of(store, &cohort).await?;
        let Some(badge) = course.badge(&award.badge_id) else {
            continue;
        };
        match sync_award(http, store, &cohort, &course.id, badge, &award).await {
            Ok(()) => {
                store.mark_badge_role_synced(award.id, now).await?;
            }
            Err(refusal) => {
                refused = true;
                // Only the sync that changed the recorded error (kept in English) tells the
                // facilitators.
                let recorded = refusal.render(Lang::En);
                if store.record_badge_role_error(award.id, &recorded).await? {
                    tell_facilitators(http, store, &cohort, &refusal).await;
                }
            }
        }
    }
    Ok(refused || full_pass)
}

/// Gives (or, for a revoked award, takes away) the badge's role; the error says what to fix.
async fn sync_award(
    http: &serenity::Http,
    store: &Store,
    cohort: &Cohort,
    course_id: &str,
    badge: &Badge,
    award: &BadgeAward,
) -> Result<(), Message> {
    let guild = serenity::GuildId::new(cohort.guild_id.0);
    let user = serenity::UserId::new(award.user_id.0);
    let role = role_for(http, store, guild, course_id, badge)
        .await
        .map_err(|e| explain(&e, badge, award.user_id))?;
    let result = match award.revoked_at {
        None => {
            http.add_member_role(guild, user, role, Some("badge earned"))
                .await
        }
        Some(_) => {
            http.remove_member_role(guild, user, role, Some("badge revoked"))
                .await
        }
    };
    result.map_err(|e| explain(&e, badge, award.user_id))
}

/// The role standing for `badge` in `guild`, created (below the bot's own) if missing.
async fn role_for(
    http: &serenity::Http,
    store: &Store,
    guild: serenity::GuildId,
    course_id: &str,
    badge: &Badge,
) -> serenity::Result<serenity::RoleId> {
    let key = role_key(course_id, &badge.id);
    let roles = http.get_guild_roles(guild).await?;
    let known = store
        .badge_role(crate::model::GuildId(guild.get()), &key)
        .await
        .ok()
        .flatten();
    if let Some(role) = known.and_then(|id| roles.iter().find(|r| r.id.get() == id.0)) {
        return Ok(role.id);
    }
    if let Some(role) = roles.iter().find(|r| r.name == badge.name) {
        remember(store, guild, &key, role.id).await;
        return Ok(role.id);
    }
    let created = guild
        .create_role(
            http,
            serenity::EditRole::new()
                .name(&badge.name)
                .colour(badge.colour)
                .mentionable(false)
                .hoist(false),
        )
        .await?;
    remember(store, guild, &key, created.id).await;
    Ok(created.id)
}

async fn remember(store: &Store, guild: serenity::GuildId, key: &str, role: serenity::RoleId) {
    let saved = store
        .set_badge_role(
            crate::model::GuildId(guild.get()),
            key,
            crate::model::RoleId(role.get()),
        )
        .await;
    if let Err(e) = saved {
        tracing::warn!("could not remember the role for {key}: {e}");
    }
}

/// What facilitators must do, in their words.
fn explain(error: &serenity::Error, badge: &Badge, user: UserId) -> Message {
    let code = match error {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(r)) => Some(r.error.code),
        _ => None,
    };
    let message = match code {
        Some(50013) | Some(50001) => Message::new("badge-role-missing-permission"),
        Some(10007) => Message::new("badge-role-member-left"),
        _ => Message::new("badge-role-failed").arg("error", error.to_string()),
    };
    message
        .arg("user", user.to_string())
        .arg("role", &badge.name)
}

/// Tells the cohort's facilitators, in the channel, in their language when they share one.
async fn tell_facilitators(http: &serenity::Http, store: &Store, cohort: &Cohort, text: &Message) {
    let Some(channel) = cohort.channel_id else {
        tracing::warn!(cohort = %cohort.id, "badge role problem, and no cohort channel to report it in: {}", text.render(Lang::En));
        return;
    };
    let facilitators: Vec<UserId> = store
        .list_members(cohort.id, Some(CohortRole::Facilitator))
        .await
        .unwrap_or_default()
        .iter()
        .map(|m| m.user_id)
        .collect();
    let lang = shared_lang(store, cohort, &facilitators).await;
    let mentions: Vec<String> = facilitators.iter().map(|u| format!("<@{u}>")).collect();
    let message = serenity::CreateMessage::new()
        .content(format!("{} {}", mentions.join(" "), text.render(lang)))
        .allowed_mentions(pinging(facilitators.iter().copied()));
    if let Err(e) = serenity::ChannelId::new(channel.0)
        .send_message(http, message)
        .await
    {
        tracing::warn!(cohort = %cohort.id, "could not tell the facilitators about a badge role problem: {e}");
    }
}

/// The language every one of `people` reads, else English: a shared channel has no other.
async fn shared_lang(store: &Store, cohort: &Cohort, people: &[UserId]) -> Lang {
    let readers = Recipients::read(store, cohort.guild_id, people, None)
        .await
        .unwrap_or_default();
    let mut langs = people.iter().map(|&p| readers.lang(p));
    match langs.next() {
        Some(first) if langs.all(|l| l == first) => first,
        _ => Lang::En,
    }
}

async fn congratulate(
    http: &serenity::Http,
    store: &Store,
    cohort: CohortId,
    user: UserId,
    badges: &[Badge],
) -> anyhow::Result<()> {
    let Some(cohort) = store.cohort(cohort).await? else {
        return Ok(());
    };
    let Some(channel) = cohort.channel_id else {
        return Ok(());
    };
    let names: Vec<String> = badges.iter().map(super::render::badge_name).collect();
    let readers = Recipients::read(store, cohort.guild_id, &[user], None).await?;
    let text = Message::new("badge-congratulations")
        .arg("user", user.to_string())
        .arg("badges", names);
    let message = serenity::CreateMessage::new()
        .content(text.render(readers.lang(user)))
        .allowed_mentions(pinging([user]));
    serenity::ChannelId::new(channel.0)
        .send_message(http, message)
        .await?;
    Ok(())
}
