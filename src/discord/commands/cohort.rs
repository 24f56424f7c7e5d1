//! `/cohort`: create, enrol, join, leave, see a cohort, report on it, and read its audit log.

use std::collections::HashMap;

use chrono::NaiveDate;
use poise::serenity_prelude as serenity;

use super::events::publish_course_events;
use super::{autocomplete, caller, defer_reply, lang, reply_ephemeral, send};
use crate::i18n::{tr, tr_args, Lang, Message};

use crate::discord::files::follow_up_with_files;
use crate::discord::{render, Context, Error};
use crate::domain::access::{self, Access};
use crate::domain::audit::{self, DEFAULT_AUDIT_ENTRIES};
use crate::domain::cohorts::{self, CohortRequest};
use crate::domain::prompts::{self, MissedPrompts};
use crate::domain::snapshots;
use crate::domain::{echo, refuse, DomainError};
use crate::domain::{listening, member_data, reports};
use crate::model::{ChannelId, CohortRole, UserId};

/// Cohorts: create, enrol, join, leave, see one, report on it or read its audit log.
#[poise::command(
    slash_command,
    guild_only,
    subcommands(
        "create", "enroll", "join", "leave", "info", "channel", "report", "forget", "audit"
    ),
    subcommand_required,
    custom_data = Access::Everyone
)]
pub async fn cohort(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Start a cohort on a course pack (facilitators and server managers).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn create(
    ctx: Context<'_>,
    #[description = "The course pack"]
    #[autocomplete = "complete_course"]
    course: String,
    #[description = "A name for the cohort, e.g. “Autumn 2026”"]
    #[max_length = 80]
    name: String,
    #[description = "Start date, YYYY-MM-DD (default: today)"] starts: Option<String>,
    #[description = "Time zone for its schedule (default: the pack's, or UTC)"]
    #[autocomplete = "complete_time_zone"]
    time_zone: Option<String>,
    #[description = "Where the cohort's posts go"]
    #[channel_types("Text")]
    channel: Option<serenity::PartialChannel>,
) -> Result<(), Error> {
    // Publishing the course's events can take longer than Discord's three seconds.
    defer_reply(ctx).await?;
    let data = ctx.data();
    let default_zone = data.library.get(&course).and_then(|c| c.time_zone.clone());
    let zone_name = time_zone.or(default_zone).unwrap_or_else(|| "UTC".into());
    let Ok(zone) = zone_name.parse::<chrono_tz::Tz>() else {
        return Ok(refuse(
            Message::new("cohort-unknown-time-zone").arg("zone", echo(&zone_name)),
        )?);
    };
    let starts_on = match starts.as_deref().map(str::trim) {
        None | Some("") => data.clock.now().with_timezone(&zone).date_naive(),
        Some(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) => date,
            Err(_) => {
                return Ok(refuse(
                    Message::new("cohort-not-a-date").arg("date", echo(text)),
                )?)
            }
        },
    };
    let guild_name = ctx
        .partial_guild()
        .await
        .map(|g| g.name)
        .unwrap_or_default();
    let request = CohortRequest {
        course_id: course,
        name,
        starts_on,
        time_zone: zone,
        channel: channel.map(|c| ChannelId(c.id.get())),
    };
    let now = data.clock.now_ms();
    let cohort = cohorts::create_cohort(
        &data.store,
        &data.library,
        now,
        caller(ctx).await,
        &guild_name,
        request,
    )
    .await?;
    let course = snapshots::course_of(&data.store, &cohort).await?;
    let lang = lang(ctx);
    let mut lines = vec![tr(lang, "cohort-created")];
    lines.extend(missed_prompt_lines(
        &prompts::missed_prompts(&course, &cohort, now),
        lang,
    ));
    if let Err(error) = publish_course_events(ctx, &cohort, &course).await {
        tracing::warn!(cohort = %cohort.id, "course events not published: {error:#}");
        let reason = match error.downcast_ref::<DomainError>() {
            Some(DomainError::Refused(reason)) => reason.render(lang),
            _ => tr(lang, "cohort-events-discord-refused"),
        };
        lines.push(tr_args(
            lang,
            "cohort-events-not-published",
            &[("reason", reason.into())],
        ));
    }
    let view = cohorts::cohort_view(&data.store, caller(ctx).await, cohort).await?;
    send(
        ctx,
        poise::CreateReply::default()
            .content(lines.join("\n"))
            .embed(render::cohort(&view, lang))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

/// Characters of titles named in the list of skipped prompts, so the reply stays well
/// within Discord's 2000.
const SKIPPED_NAMES_BUDGET: usize = 600;

/// What `/cohort create` says about the pack's prompts whose time had already passed.
fn missed_prompt_lines(missed: &MissedPrompts, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some((title, due)) = &missed.posted_late {
        lines.push(tr_args(
            lang,
            "cohort-prompt-late",
            &[
                ("title", title.into()),
                ("due", due.div_euclid(1000).to_string().into()),
            ],
        ));
    }
    if !missed.skipped.is_empty() {
        let mut named = Vec::new();
        let mut used = 0;
        for title in &missed.skipped {
            used += title.chars().count();
            if used > SKIPPED_NAMES_BUDGET && !named.is_empty() {
                break;
            }
            named.push(tr_args(lang, "quoted", &[("text", title.into())]));
        }
        let more = missed.skipped.len() - named.len();
        if more > 0 {
            named.push(tr_args(lang, "cohort-and-more", &[("count", more.into())]));
        }
        lines.push(tr_args(
            lang,
            "cohort-prompts-skipped",
            &[("titles", named.join(", ").into())],
        ));
    }
    lines
}

#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
enum RoleChoice {
    Trainee,
    Mentor,
    Facilitator,
}

impl From<RoleChoice> for CohortRole {
    fn from(choice: RoleChoice) -> Self {
        match choice {
            RoleChoice::Trainee => CohortRole::Trainee,
            RoleChoice::Mentor => CohortRole::Mentor,
            RoleChoice::Facilitator => CohortRole::Facilitator,
        }
    }
}

/// Enrol a member, or everyone with a Discord role, in a cohort (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn enroll(
    ctx: Context<'_>,
    #[description = "Enrol as"] r#as: RoleChoice,
    #[description = "One member"] member: Option<serenity::User>,
    #[description = "Everyone with this role"] role: Option<serenity::Role>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let data = ctx.data();
    let who = caller(ctx).await;
    let chosen = cohorts::choose_cohort_to_set_up(&data.store, who, cohort.as_deref()).await?;
    access::require_may_enroll(&data.store, who, &chosen, r#as.into()).await?;
    let mut people: Vec<UserId> = member.iter().map(|u| UserId(u.id.get())).collect();
    if let Some(role) = &role {
        // Listing a large server's members can take longer than Discord's three seconds.
        defer_reply(ctx).await?;
        people.extend(members_with_role(ctx, role.id).await?);
    }
    people.sort();
    people.dedup();
    let count = cohorts::enroll(
        &data.store,
        data.clock.now_ms(),
        who,
        &chosen,
        &people,
        r#as.into(),
    )
    .await?;
    let enrolled = tr_args(
        lang(ctx),
        "cohort-enrolled",
        &[
            ("count", count.into()),
            ("cohort", (&chosen.name).into()),
            ("role", CohortRole::from(r#as).as_str().into()),
        ],
    );
    reply_ephemeral(ctx, enrolled).await
}

/// Everyone (but bots) holding `role`, read page by page from Discord rather than from the
/// gateway cache, which on a large server holds only part of the member list.
async fn members_with_role(ctx: Context<'_>, role: serenity::RoleId) -> Result<Vec<UserId>, Error> {
    const PAGE: u64 = 1000;
    let Some(guild) = ctx.guild_id() else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    let mut after = None;
    loop {
        let page = guild.members(ctx.http(), Some(PAGE), after).await?;
        after = page.last().map(|m| m.user.id);
        found.extend(
            page.iter()
                .filter(|m| m.roles.contains(&role) && !m.user.bot)
                .map(|m| UserId(m.user.id.get())),
        );
        if (page.len() as u64) < PAGE {
            return Ok(found);
        }
    }
}

/// Join a cohort with the code your facilitator gave you.
#[poise::command(slash_command, guild_only, custom_data = Access::Everyone)]
async fn join(
    ctx: Context<'_>,
    #[description = "The join code"]
    #[max_length = 20]
    code: String,
) -> Result<(), Error> {
    let data = ctx.data();
    let cohort = cohorts::join(&data.store, data.clock.now_ms(), caller(ctx).await, &code).await?;
    let welcome = tr_args(
        lang(ctx),
        "cohort-welcome",
        &[("cohort", cohort.name.into())],
    );
    reply_ephemeral(ctx, welcome).await
}

/// Leave a cohort (your progress is kept if you rejoin).
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn leave(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let data = ctx.data();
    let who = caller(ctx).await;
    let chosen = cohorts::choose_cohort(&data.store, who, cohort.as_deref()).await?;
    cohorts::leave(&data.store, data.clock.now_ms(), who, &chosen).await?;
    let left = tr_args(lang(ctx), "cohort-left", &[("cohort", chosen.name.into())]);
    reply_ephemeral(ctx, left).await
}

/// Set the channel where the cohort's prompts and announcements go (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn channel(
    ctx: Context<'_>,
    #[description = "The cohort's channel"]
    #[channel_types("Text")]
    channel: serenity::PartialChannel,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let data = ctx.data();
    let who = caller(ctx).await;
    let chosen = cohorts::choose_cohort_to_set_up(&data.store, who, cohort.as_deref()).await?;
    cohorts::set_channel(&data.store, who, &chosen, ChannelId(channel.id.get())).await?;
    let posts = tr_args(
        lang(ctx),
        "cohort-posts-in",
        &[
            ("cohort", chosen.name.into()),
            ("channel", channel.id.to_string().into()),
        ],
    );
    reply_ephemeral(ctx, posts).await
}

/// See a cohort: its course, dates and people.
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn info(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let data = ctx.data();
    let who = caller(ctx).await;
    let chosen = cohorts::choose_cohort_to_set_up(&data.store, who, cohort.as_deref()).await?;
    let view = cohorts::cohort_view(&data.store, who, chosen).await?;
    send(
        ctx,
        poise::CreateReply::default()
            .embed(render::cohort(&view, lang(ctx)))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

/// A cohort's progress: a summary, a chart and a CSV with a row per trainee (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn report(
    ctx: Context<'_>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let data = ctx.data();
    let who = caller(ctx).await;
    let chosen = cohorts::choose_cohort(&data.store, who, cohort.as_deref()).await?;
    let mut report = reports::cohort_report(&data.store, who, &chosen).await?;
    let names = member_names(ctx);
    report.name_trainees(|user| names.get(&user.0).cloned());
    let csv = reports::report_csv(&report)?;
    let chart = render::report_chart(&report, lang(ctx))?;
    let mut files = vec![
        serenity::CreateAttachment::bytes(chart, render::REPORT_CHART_FILE),
        serenity::CreateAttachment::bytes(csv, render::REPORT_CSV_FILE),
    ];
    let course = snapshots::course_of(&data.store, &chosen).await?;
    if course.listening.is_some() {
        let themes = listening::issues(&data.store, who, chosen.clone(), &course).await?;
        let themes = listening::themes_csv(&themes)?;
        let file = render::listening::LISTENING_CSV_FILE;
        files.push(serenity::CreateAttachment::bytes(themes, file));
    }
    follow_up_with_files(ctx, vec![render::report(&report, lang(ctx))], files).await
}

/// Erase a member's data on their request (facilitators of a cohort they were in).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn forget(
    ctx: Context<'_>,
    #[description = "Whose data to erase"] member: serenity::User,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let member = UserId(member.id.get());
    member_data::require_may_forget(&ctx.data().store, caller(ctx).await, member).await?;
    let confirm = render::member_data::forget_confirmation(member, lang(ctx));
    send(ctx, confirm.reply()).await?;
    Ok(())
}

/// Who enrolled, awarded, revoked or reviewed whom, and when (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn audit(
    ctx: Context<'_>,
    #[description = "How many of the latest entries (default 10)"]
    #[min = 1]
    #[max = 15]
    latest: Option<u32>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let data = ctx.data();
    let who = caller(ctx).await;
    let chosen = cohorts::choose_cohort(&data.store, who, cohort.as_deref()).await?;
    let latest = latest.unwrap_or(DEFAULT_AUDIT_ENTRIES);
    let log = audit::audit_log(&data.store, who, &chosen, latest).await?;
    let reply = poise::CreateReply::default().embed(render::audit_log(&log, lang(ctx)));
    send(ctx, reply.ephemeral(true)).await?;
    Ok(())
}

/// Display names of the server's members that Discord has told the bot about, by user id.
fn member_names(ctx: Context<'_>) -> HashMap<u64, String> {
    ctx.guild()
        .map(|guild| {
            guild
                .members
                .values()
                .map(|m| (m.user.id.get(), m.display_name().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

async fn complete_course(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let partial = partial.to_lowercase();
    let matches = ctx
        .data()
        .library
        .courses()
        .filter(|c| c.id.contains(&partial) || c.title.to_lowercase().contains(&partial))
        .map(|c| c.id.clone());
    autocomplete(matches)
}

/// The chosen course pack's time zone first, then every zone matching what was typed.
async fn complete_time_zone(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let pack_zone = chosen_course(ctx)
        .and_then(|id| ctx.data().library.get(&id))
        .and_then(|course| course.time_zone.clone());
    let partial = partial.to_lowercase().replace(' ', "_");
    let matches = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name())
        .filter(|name| Some(*name) != pack_zone.as_deref())
        .filter(|name| name.to_lowercase().contains(&partial))
        .map(String::from)
        .collect::<Vec<_>>();
    autocomplete(pack_zone.into_iter().chain(matches))
}

/// The course already picked in the `/cohort create` being filled in, if any.
fn chosen_course(ctx: Context<'_>) -> Option<String> {
    let poise::Context::Application(app) = ctx else {
        return None;
    };
    string_option(&app.interaction.data.options(), "course")
}

/// The string value of the option `name`, looked for inside subcommands too.
fn string_option(options: &[serenity::ResolvedOption<'_>], name: &str) -> Option<String> {
    options.iter().find_map(|option| match &option.value {
        serenity::ResolvedValue::SubCommand(inner)
        | serenity::ResolvedValue::SubCommandGroup(inner) => string_option(inner, name),
        serenity::ResolvedValue::String(value) if option.name == name => Some((*value).to_string()),
        _ => None,
    })
}

async fn complete_cohort(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    super::complete_cohort(ctx, partial).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_skipped_prompts_is_cut_short_and_counted() {
        let missed = MissedPrompts {
            posted_late: Some(("Latest".into(), 1_790_000_000_000)),
            skipped: (1..=40)
                .map(|n| format!("{n}: {}", "t".repeat(60)))
                .collect(),
        };
        let lines = missed_prompt_lines(&missed, Lang::En);
        assert!(
            lines[0].starts_with("“Latest” was due <t:1790000000:F>"),
            "{}",
            lines[0]
        );
        assert!(lines[1].contains("“1: t"), "{}", lines[1]);
        assert!(lines[1].contains("and 31 more"), "{}", lines[1]);
        assert!(lines.join("\n").chars().count() < 1000);
    }
}
