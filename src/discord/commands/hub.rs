//! `/hub`: the knowledge hub's set-up, in two forum channels of the server.

use poise::serenity_prelude as serenity;

use super::forums;
use super::{
    autocomplete, caller, cohort_and_course, defer_reply, guild_lang, lang, open_modal,
    reply_ephemeral, send,
};
use crate::discord::{hub_articles as articles_in_discord, render, Context, Error};
use crate::domain::access::Access;
use crate::domain::hub::{self, ForumOutcome};
use crate::domain::hub_articles::{self, ArticleCounts};
use crate::domain::hub_proposals::{self, Typed};
use crate::domain::hub_qa;
use crate::domain::reputation;
use crate::i18n::tr;
use crate::model::{HubForumKind, UserId};

/// The knowledge hub: articles and questions in the server's forums.
#[poise::command(
    slash_command,
    guild_only,
    subcommands(
        "setup",
        "search",
        "reputation",
        "remove_rating",
        "propose",
        "proposals"
    ),
    subcommand_required,
    custom_data = Access::Everyone
)]
pub async fn hub(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Create or adopt the hub's forums (topics as tags) and publish or update the course's articles.
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn setup(
    ctx: Context<'_>,
    #[description = "Whose course gives the topics (default: your cohort)"]
    #[autocomplete = "complete_cohort"]
    cohort: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let (cohort, course) = cohort_and_course(ctx, cohort.as_deref()).await?;
    let data = ctx.data();
    let who = caller(ctx).await;
    let plans = hub::plan_setup(&data.store, who, &cohort, &course).await?;
    let guild = serenity::GuildId::new(cohort.guild_id.0);
    let channels: Vec<serenity::GuildChannel> =
        guild.channels(ctx.http()).await?.into_values().collect();
    let mut outcomes: Vec<ForumOutcome> = vec![];
    let server_lang = guild_lang(ctx).unwrap_or_else(|| lang(ctx));
    for plan in plans {
        outcomes.push(forums::ensure(ctx.http(), guild, &channels, plan, server_lang).await?);
    }
    hub::record_setup(&data.store, who, &cohort, &outcomes, data.clock.now_ms()).await?;
    let articles = outcomes
        .iter()
        .find(|o| o.plan.kind == HubForumKind::Articles);
    let pack = hub_articles::pack_now(&data.library, &course);
    let counts = match articles {
        Some(forum) => {
            let http = ctx.http();
            articles_in_discord::publish_all(http, data, who, &cohort, pack, forum.channel).await?
        }
        None => ArticleCounts::default(),
    };
    reply_ephemeral(ctx, render::hub_set_up(&outcomes, counts, lang(ctx))).await
}

/// Search the hub's answered questions and articles.
#[poise::command(slash_command, guild_only, custom_data = Access::Everyone)]
async fn search(
    ctx: Context<'_>,
    #[description = "Words to look for"]
    #[autocomplete = "complete_title"]
    #[max_length = 200]
    query: String,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let found = hub_qa::search(&ctx.data().store, caller(ctx).await, &query).await?;
    reply_ephemeral(
        ctx,
        render::hub_qa::search_results(&query, &found, lang(ctx)),
    )
    .await
}

/// A member's feedback score and answers in the hub (default: yours).
#[poise::command(slash_command, guild_only, custom_data = Access::Everyone)]
async fn reputation(
    ctx: Context<'_>,
    #[description = "Whose (default: yours)"] member: Option<serenity::User>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let data = ctx.data();
    let member = UserId(member.as_ref().unwrap_or(ctx.author()).id.get());
    let who = caller(ctx).await;
    let view = reputation::reputation(&data.store, who, member, data.clock.now_ms()).await?;
    reply_ephemeral(ctx, render::hub_qa::reputation(&view, lang(ctx))).await
}

/// Remove an abusive rating of an answer (facilitators); the reason is kept.
#[poise::command(
    slash_command,
    guild_only,
    rename = "remove-rating",
    custom_data = Access::Facilitator
)]
async fn remove_rating(
    ctx: Context<'_>,
    #[description = "Who gave the rating"] rater: serenity::User,
    #[description = "Link to the answer (right-click it → Copy Message Link)"] answer: String,
    #[description = "Why it is removed (kept with it)"]
    #[max_length = 300]
    reason: String,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let data = ctx.data();
    let rater = UserId(rater.id.get());
    let now = data.clock.now_ms();
    let who = caller(ctx).await;
    let removed = reputation::remove_rating(&data.store, who, &answer, rater, &reason, now).await?;
    reply_ephemeral(ctx, render::hub_qa::rating_removed(&removed, lang(ctx))).await
}

/// Propose an article for the hub; a facilitator approves it or returns it with a comment.
#[poise::command(slash_command, guild_only, custom_data = Access::Everyone)]
async fn propose(ctx: Context<'_>) -> Result<(), Error> {
    open_modal(
        ctx,
        render::hub_proposals::propose_modal(&Typed::default(), lang(ctx)),
    )
    .await
}

/// The oldest article members proposed that waits for a decision (facilitators).
#[poise::command(slash_command, guild_only, custom_data = Access::Facilitator)]
async fn proposals(ctx: Context<'_>) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let waiting = hub_proposals::waiting(&ctx.data().store, caller(ctx).await).await?;
    let lang = lang(ctx);
    let Some(oldest) = waiting.first() else {
        return reply_ephemeral(ctx, tr(lang, "hub-proposal-none-waiting")).await;
    };
    let card = render::hub_proposals::review_card(oldest, waiting.len(), lang);
    send(ctx, card.reply()).await?;
    Ok(())
}

async fn complete_title(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let who = caller(ctx).await;
    let titles = hub_qa::answered_titles(&ctx.data().store, who, partial).await;
    autocomplete(titles.unwrap_or_default().into_iter())
}

async fn complete_cohort(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    super::complete_cohort(ctx, partial).await
}
