//! `/campaign`: from a theme the cohort heard to action. A facilitator opens a campaign,
//! sets its SMART goal, keeps its power analysis, plans its actions as server events and
//! records their turnout; every member of the cohort can see where it stands.

use poise::serenity_prelude as serenity;

use super::events::{interested, publish};
use super::{
    autocomplete, caller, cohort_and_course, complete_cohort, defer_reply, lang, open_modal,
    reply_ephemeral, saved_but, send, Context, Error,
};
use crate::discord::render::{self, campaigns as view};
use crate::domain::access::Access;
use crate::domain::campaigns;
use crate::domain::refuse;
use crate::domain::sessions::events::EventRequest;
use crate::i18n::tr_args;
use crate::model::campaigns::{Level, PowerHolder};

/// Campaigns of the listening campaign: goal, power analysis, actions and turnout.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("start", "goal", "power", "remove_power", "action", "turnout", "show"),
    subcommand_required,
    custom_data = Access::Trainee
)]
pub async fn campaign(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Turn a theme the cohort heard into a campaign (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn start(
    ctx: Context<'_>,
    #[description = "The theme, as the cohort heard it"]
    #[autocomplete = "complete_theme"]
    theme: String,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let data = ctx.data();
    let now = data.clock.now_ms();
    let started = campaigns::start(
        &data.store,
        caller(ctx).await,
        &cohort,
        &course,
        &theme,
        now,
    )
    .await?;
    send(ctx, view::started(&started, lang(ctx)).reply()).await?;
    Ok(())
}

/// Set or change a campaign's SMART goal (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn goal(
    ctx: Context<'_>,
    #[description = "The campaign's theme"]
    #[autocomplete = "complete_campaign"]
    campaign: String,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    let (cohort, _) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let campaign =
        campaigns::named_for_goal(&ctx.data().store, caller(ctx).await, &cohort, &campaign).await?;
    open_modal(ctx, view::goal_modal(&campaign, lang(ctx))).await
}

/// Add a power holder to a campaign's power analysis, or change one (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn power(
    ctx: Context<'_>,
    #[description = "The campaign's theme"]
    #[autocomplete = "complete_campaign"]
    campaign: String,
    #[description = "Who holds power: a person or a body, e.g. the housing committee"]
    #[max_length = 80]
    name: String,
    #[description = "How much they can give what the campaign wants"] influence: LevelChoice,
    #[description = "How much they care about the issue"] interest: LevelChoice,
    #[description = "Their self-interest, or how to reach them"]
    #[max_length = 200]
    note: Option<String>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, _) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let holder = PowerHolder::checked(&name, interest.into(), influence.into(), note.as_deref())
        .or_else(refuse)?;
    let data = ctx.data();
    let now = data.clock.now_ms();
    let view = campaigns::set_power_holder(
        &data.store,
        caller(ctx).await,
        &cohort,
        &campaign,
        holder,
        now,
    )
    .await?;
    send_card(ctx, &view).await
}

/// Take a power holder off a campaign's power analysis (facilitators).
#[poise::command(slash_command, guild_only, rename = "remove-power", custom_data = Access::Facilitator)]
async fn remove_power(
    ctx: Context<'_>,
    #[description = "The campaign's theme"]
    #[autocomplete = "complete_campaign"]
    campaign: String,
    #[description = "The power holder's name"]
    #[max_length = 80]
    name: String,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, _) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let view = campaigns::remove_power_holder(
        &ctx.data().store,
        caller(ctx).await,
        &cohort,
        &campaign,
        &name,
    )
    .await?;
    send_card(ctx, &view).await
}

/// Plan an action of a campaign, published as a server event (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
#[allow(clippy::too_many_arguments)] // one per option of the command
async fn action(
    ctx: Context<'_>,
    #[description = "The campaign's theme"]
    #[autocomplete = "complete_campaign"]
    campaign: String,
    #[description = "The action, e.g. Petition handover at the town hall"]
    #[max_length = 100]
    title: String,
    #[description = "When, in the cohort's time zone: YYYY-MM-DD HH:MM"] at: String,
    #[description = "How long, e.g. 2h or 90m"] duration: String,
    #[description = "How many people you aim to bring"]
    #[min = 1]
    #[max = 100000]
    turnout: u32,
    #[description = "Where it happens"]
    #[max_length = 100]
    location: Option<String>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, _) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let lang = lang(ctx);
    let description = tr_args(
        lang,
        "campaign-action-event-description",
        &[("theme", campaign.as_str().into())],
    );
    let request = EventRequest::typed(
        title,
        &at,
        &duration,
        location,
        Some(description),
        cohort.time_zone,
    )?;
    let data = ctx.data();
    let now = data.clock.now_ms();
    let mut planned = campaigns::plan_action(
        &data.store,
        caller(ctx).await,
        &cohort,
        &campaign,
        request,
        turnout,
        now,
    )
    .await?;
    let planned_text = view::action_planned(&planned, lang);
    if let Err(error) = publish(ctx, &cohort, &mut planned.event).await {
        let saved = tr_args(
            lang,
            "campaign-action-unpublished",
            &[("planned", planned_text.into())],
        );
        return Err(saved_but(saved, error));
    }
    reply_ephemeral(ctx, planned_text).await
}

/// Record how many came to an action; those who took part are asked to evaluate it
/// (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn turnout(
    ctx: Context<'_>,
    #[description = "The campaign's theme"]
    #[autocomplete = "complete_campaign"]
    campaign: String,
    #[description = "The action"]
    #[autocomplete = "complete_action"]
    action: String,
    #[description = "How many people came"]
    #[max = 100000]
    attended: u32,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, _) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let data = ctx.data();
    let caller = caller(ctx).await;
    let now = data.clock.now_ms();
    let held =
        campaigns::held_action(&data.store, caller, &cohort, &campaign, &action, now).await?;
    let people = match held.1.session.discord_event_id {
        Some(id) => interested(ctx, &cohort, id).await?,
        None => Vec::new(),
    };
    let headcount = campaigns::Headcount {
        interested: &people,
        attended,
    };
    let guild_lang = super::guild_lang(ctx);
    let recorded = campaigns::record_turnout(
        &data.store,
        caller,
        &cohort,
        held,
        headcount,
        guild_lang,
        now,
    )
    .await?;
    reply_ephemeral(ctx, view::turnout_recorded(&recorded, lang(ctx))).await
}

/// A campaign's goal, power analysis and actions; without a theme, the cohort's campaigns.
#[poise::command(slash_command, guild_only, custom_data = Access::Trainee)]
async fn show(
    ctx: Context<'_>,
    #[description = "The campaign's theme (default: list them)"]
    #[autocomplete = "complete_campaign"]
    campaign: Option<String>,
    #[description = "Which cohort (default: yours)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, _) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let store = &ctx.data().store;
    let caller = caller(ctx).await;
    match campaign {
        Some(name) => {
            let view = campaigns::show(store, caller, &cohort, &name).await?;
            send_card(ctx, &view).await
        }
        None => {
            let list = campaigns::list(store, caller, &cohort).await?;
            reply_ephemeral(ctx, view::campaign_list(&list, lang(ctx))).await
        }
    }
}

/// How much, as offered in the power analysis.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
enum LevelChoice {
    High,
    Medium,
    Low,
}

impl From<LevelChoice> for Level {
    fn from(choice: LevelChoice) -> Self {
        match choice {
            LevelChoice::High => Level::High,
            LevelChoice::Medium => Level::Medium,
            LevelChoice::Low => Level::Low,
        }
    }
}

async fn send_card(ctx: Context<'_>, card: &campaigns::CampaignView) -> Result<(), Error> {
    let view = render::View {
        embeds: vec![view::campaign(card, lang(ctx))],
        ..render::View::default()
    };
    send(ctx, view.reply()).await?;
    Ok(())
}

async fn complete_theme(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    super::listen::complete_theme(ctx, partial).await
}

async fn complete_campaign(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let Ok((cohort, _)) = cohort_and_course(ctx, None).await else {
        return autocomplete(std::iter::empty());
    };
    let names = campaigns::list(&ctx.data().store, caller(ctx).await, &cohort)
        .await
        .unwrap_or_default();
    let partial = partial.to_lowercase();
    autocomplete(
        names
            .into_iter()
            .map(|c| c.theme)
            .filter(|t| t.to_lowercase().contains(&partial)),
    )
}

async fn complete_action(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let campaign = match ctx {
        poise::Context::Application(app) => {
            app.args
                .iter()
                .find_map(|arg| match (arg.name, &arg.value) {
                    ("campaign", serenity::ResolvedValue::String(name)) => Some(name.to_string()),
                    _ => None,
                })
        }
        poise::Context::Prefix(_) => None,
    };
    let (Some(campaign), Ok((cohort, _))) = (campaign, cohort_and_course(ctx, None).await) else {
        return autocomplete(std::iter::empty());
    };
    let titles = campaigns::action_titles(&ctx.data().store, &cohort, &campaign)
        .await
        .unwrap_or_default();
    let partial = partial.to_lowercase();
    autocomplete(
        titles
            .into_iter()
            .filter(|t| t.to_lowercase().contains(&partial)),
    )
}
