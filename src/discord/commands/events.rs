//! `/event`: the cohort's events, mirrored as Discord scheduled events (external, with a
//! location and an end) and kept in step when moved or cancelled. The course's events are
//! added and published when the cohort is created; they are added, and any event without
//! its Discord twin is published, again whenever a facilitator uses `/event` in the cohort.

use std::sync::Arc;

use poise::serenity_prelude as serenity;

use super::{
    autocomplete, caller, cohort_and_course, defer_reply, guild_lang, lang, reply_ephemeral,
    saved_but, send,
};
use crate::course::Course;
use crate::discord::answer::explain_refusal;
use crate::discord::{render, Context, Error};
use crate::domain::access::Access;
use crate::domain::sessions::events::{self, EventRequest, EventView};
use crate::domain::sessions::parse_local_time;
use crate::i18n::{tr_args, Message};
use crate::model::{Cohort, ScheduledEventId, SessionStatus, UnixMillis, UserId};

/// Most interested people Discord returns in one request.
const RSVP_LIMIT: u64 = 100;

/// Cohort events: list, create, move, cancel, see who is interested.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("list", "create", "move_event", "cancel", "rsvps"),
    subcommand_required,
    custom_data = Access::Facilitator
)]
pub async fn event(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// The cohort's events; the course's own are added and published on first use.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn list(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (_, _, views) = synced(ctx, cohort.as_deref()).await?;
    send(
        ctx,
        poise::CreateReply::default()
            .embed(render::events(&views, lang(ctx)))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

/// Add an event of your own; it is published as a Discord event.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn create(
    ctx: Context<'_>,
    #[description = "Its title"]
    #[max_length = 100]
    title: String,
    #[description = "When, in the cohort's time zone: YYYY-MM-DD HH:MM"] at: String,
    #[description = "How long, e.g. 2h or 90m"] duration: String,
    #[description = "Where it happens"]
    #[max_length = 100]
    location: Option<String>,
    #[description = "What it is about"]
    #[max_length = 1000]
    description: Option<String>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, _, _) = synced(ctx, cohort.as_deref()).await?;
    let request = EventRequest::typed(
        title,
        &at,
        &duration,
        location,
        description,
        cohort.time_zone,
    )?;
    let data = ctx.data();
    let mut view = events::create_event(
        &data.store,
        caller(ctx).await,
        &cohort,
        request,
        data.clock.now_ms(),
    )
    .await?;
    if let Err(error) = publish(ctx, &cohort, &mut view).await {
        let scheduled = render::event_changed(&view, "event-scheduled", lang(ctx));
        let saved = tr_args(
            lang(ctx),
            "event-saved-unpublished",
            &[("scheduled", scheduled.into())],
        );
        return Err(saved_but(saved, error));
    }
    reply_ephemeral(
        ctx,
        render::event_changed(&view, "event-scheduled", lang(ctx)),
    )
    .await
}

/// Move an event; its Discord event moves too.
#[poise::command(slash_command, guild_only, rename = "move", custom_data = Access::Facilitator)]
async fn move_event(
    ctx: Context<'_>,
    #[description = "The event's title"]
    #[autocomplete = "complete_event"]
    event: String,
    #[description = "The new time, in the cohort's time zone: YYYY-MM-DD HH:MM"] at: String,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course, _) = synced(ctx, cohort.as_deref()).await?;
    let data = ctx.data();
    let mut view = events::move_event(
        &data.store,
        &course,
        caller(ctx).await,
        &cohort,
        &event,
        parse_local_time(&at, cohort.time_zone)?,
        data.clock.now_ms(),
    )
    .await?;
    let followed = match view.session.discord_event_id {
        Some(id) => {
            let edit = serenity::EditScheduledEvent::new()
                .start_time(timestamp(view.session.starts_at)?)
                .end_time(timestamp(view.session.ends_at)?);
            edit_discord_event(ctx, &cohort, id, edit).await
        }
        None => publish(ctx, &cohort, &mut view).await,
    };
    let moved = render::event_changed(&view, "event-moved", lang(ctx));
    followed.map_err(|error| saved_but(moved.clone(), error))?;
    reply_ephemeral(ctx, moved).await
}

/// Cancel an event; its Discord event is cancelled too.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn cancel(
    ctx: Context<'_>,
    #[description = "The event's title"]
    #[autocomplete = "complete_event"]
    event: String,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course, _) = synced(ctx, cohort.as_deref()).await?;
    let view = events::cancel_event(
        &ctx.data().store,
        &course,
        caller(ctx).await,
        &cohort,
        &event,
    )
    .await?;
    let cancelled = render::event_changed(&view, "event-cancelled", lang(ctx));
    if let Some(id) = view.session.discord_event_id {
        let edit =
            serenity::EditScheduledEvent::new().status(serenity::ScheduledEventStatus::Canceled);
        edit_discord_event(ctx, &cohort, id, edit)
            .await
            .map_err(|error| saved_but(cancelled.clone(), error))?;
    }
    reply_ephemeral(ctx, cancelled).await
}

/// Who marked an event as interested in Discord; recorded as their RSVPs.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn rsvps(
    ctx: Context<'_>,
    #[description = "The event's title"]
    #[autocomplete = "complete_event"]
    event: String,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course, _) = synced(ctx, cohort.as_deref()).await?;
    let store = &ctx.data().store;
    let view = events::find_event(store, &course, &cohort, &event).await?;
    let people = match view.session.discord_event_id {
        Some(id) => interested(ctx, &cohort, id).await?,
        None => Vec::new(),
    };
    events::record_interest(store, view.session.id, &people).await?;
    reply_ephemeral(ctx, render::rsvps(&view, &people, lang(ctx))).await
}

/// The cohort with the course's events added and every upcoming event published.
async fn synced(
    ctx: Context<'_>,
    named: Option<&str>,
) -> Result<(Cohort, Arc<Course>, Vec<EventView>), Error> {
    let (cohort, course) = cohort_and_course(ctx, named).await?;
    let views = publish_course_events(ctx, &cohort, &course).await?;
    Ok((cohort, course, views))
}

/// Adds the course's events the cohort lacks and publishes, as Discord scheduled events,
/// every upcoming event not yet published; returns every event of the cohort.
pub(super) async fn publish_course_events(
    ctx: Context<'_>,
    cohort: &Cohort,
    course: &Course,
) -> Result<Vec<EventView>, Error> {
    let data = ctx.data();
    let now = data.clock.now_ms();
    let mut views =
        events::sync_course_events(&data.store, course, caller(ctx).await, cohort, now).await?;
    for view in &mut views {
        let unpublished = view.session.discord_event_id.is_none()
            && view.session.status == SessionStatus::Scheduled
            && view.session.starts_at > now;
        if unpublished {
            publish(ctx, cohort, view).await?;
        }
    }
    Ok(views)
}

/// Creates the Discord scheduled event for `view` and remembers it.
pub(super) async fn publish(
    ctx: Context<'_>,
    cohort: &Cohort,
    view: &mut EventView,
) -> Result<(), Error> {
    let session = &view.session;
    let mut builder = serenity::CreateScheduledEvent::new(
        serenity::ScheduledEventType::External,
        session
            .title
            .chars()
            .take(events::MAX_EVENT_TITLE)
            .collect::<String>(),
        timestamp(session.starts_at)?,
    )
    .end_time(timestamp(session.ends_at)?)
    .location(
        view.place(crate::i18n::for_member(None, guild_lang(ctx)))
            .chars()
            .take(events::MAX_EVENT_LOCATION)
            .collect::<String>(),
    );
    if !view.description.is_empty() {
        builder = builder.description(
            view.description
                .chars()
                .take(events::MAX_EVENT_DESCRIPTION)
                .collect::<String>(),
        );
    }
    let created = serenity::GuildId::new(cohort.guild_id.0)
        .create_scheduled_event(ctx.http(), builder)
        .await
        .map_err(|e| explain_refusal(e, Message::new("missing-perms-event-create")))?;
    view.session = events::record_discord_event(
        &ctx.data().store,
        session.id,
        ScheduledEventId(created.id.get()),
    )
    .await?;
    Ok(())
}

async fn edit_discord_event(
    ctx: Context<'_>,
    cohort: &Cohort,
    id: ScheduledEventId,
    edit: serenity::EditScheduledEvent<'_>,
) -> Result<(), Error> {
    serenity::GuildId::new(cohort.guild_id.0)
        .edit_scheduled_event(ctx.http(), serenity::ScheduledEventId::new(id.0), edit)
        .await
        .map_err(|e| explain_refusal(e, Message::new("missing-perms-event-change")))?;
    Ok(())
}

/// Everyone interested in the Discord event, page after page.
pub(super) async fn interested(
    ctx: Context<'_>,
    cohort: &Cohort,
    id: ScheduledEventId,
) -> Result<Vec<UserId>, Error> {
    let guild = serenity::GuildId::new(cohort.guild_id.0);
    let event = serenity::ScheduledEventId::new(id.0);
    let mut people = Vec::new();
    let mut after = None;
    loop {
        let page = guild
            .scheduled_event_users_optioned(ctx.http(), event, Some(RSVP_LIMIT), after, None)
            .await?;
        let full = u64::try_from(page.len()) == Ok(RSVP_LIMIT);
        after = page
            .last()
            .map(|u| serenity::UserPagination::After(u.user.id));
        people.extend(page.into_iter().map(|u| UserId(u.user.id.get())));
        if !full {
            return Ok(people);
        }
    }
}

fn timestamp(at: UnixMillis) -> Result<serenity::Timestamp, Error> {
    Ok(serenity::Timestamp::from_unix_timestamp(
        at.div_euclid(1000),
    )?)
}

async fn complete_event(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let partial = partial.to_lowercase();
    let Ok((cohort, course)) = cohort_and_course(ctx, None).await else {
        return autocomplete(std::iter::empty());
    };
    let views = events::events_of(&ctx.data().store, &course, &cohort)
        .await
        .unwrap_or_default();
    autocomplete(
        views
            .into_iter()
            .filter(|v| v.session.status != SessionStatus::Cancelled)
            .map(|v| v.session.title)
            .filter(|title| title.to_lowercase().contains(&partial)),
    )
}

async fn complete_cohort(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    super::complete_cohort(ctx, partial).await
}
