//! `/ask`, and the message context menus of the hub's answers: **Accept answer** and
//! **Rate answer**.

use poise::serenity_prelude as serenity;

use super::{autocomplete, caller, defer_reply, lang, reply_ephemeral, saved_but, send};
use crate::course::ANSWERED_TAG;
use crate::discord::hub_qa::{mark_answered, post_question, questions_forum, tag_names};
use crate::discord::render::hub_qa as view;
use crate::discord::{Context, Error};
use crate::domain::access::Access;
use crate::domain::hub_qa::{self, Ask, Asked, Shown};
use crate::model::{ChannelId, MessageId, UserId};

/// Ask the knowledge hub a question; answered questions like it are shown first.
#[poise::command(slash_command, guild_only, custom_data = Access::Everyone)]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question in a few words"] title: String,
    #[description = "What you want to know: what you tried, where you are stuck"] details: String,
    #[description = "Tags of the questions forum, separated by commas"]
    #[autocomplete = "complete_tags"]
    tags: Option<String>,
) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let data = ctx.data();
    let who = caller(ctx).await;
    let lang = lang(ctx);
    let forum = questions_forum(ctx.http(), &data.store, who).await?;
    let asking = Ask {
        title: &title,
        details: &details,
        tags: tags.as_deref().unwrap_or_default(),
    };
    let now = data.clock.now_ms();
    let asked = hub_qa::ask(&data.store, who, &asking, &tag_names(&forum), now).await?;
    let reply = match asked {
        Asked::Similar { draft, similar } => view::similar_questions(&draft, &similar, lang),
        Asked::Post(question) => {
            let id = question.id;
            match post_question(ctx.http(), &data.store, &forum, question, lang).await {
                Ok(question) => view::question_posted(&question, lang),
                // Nothing was shown that could post it later: keep nothing of it.
                Err(error) => {
                    hub_qa::cancel_draft(&data.store, who, id).await?;
                    return Err(error);
                }
            }
        }
    };
    send(ctx, reply.reply()).await?;
    Ok(())
}

/// Accept this reply as the answer to the question of its post.
#[poise::command(
    context_menu_command = "Accept answer",
    guild_only,
    custom_data = Access::Everyone
)]
pub async fn accept_answer(ctx: Context<'_>, message: serenity::Message) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let data = ctx.data();
    let who = caller(ctx).await;
    let accepted = hub_qa::accept(&data.store, who, shown(&message), data.clock.now_ms()).await?;
    let lang = lang(ctx);
    let text = view::answer_accepted(&accepted, lang);
    if let Err(error) = mark_answered(ctx.http(), &accepted).await {
        return Err(saved_but(text, error));
    }
    reply_ephemeral(ctx, text).await
}

/// Rate this answer: positive, neutral or negative, with a comment if you like.
#[poise::command(
    context_menu_command = "Rate answer",
    guild_only,
    custom_data = Access::Everyone
)]
pub async fn rate_answer(ctx: Context<'_>, message: serenity::Message) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let data = ctx.data();
    let who = caller(ctx).await;
    let rateable = hub_qa::rateable(&data.store, who, shown(&message), data.clock.now_ms()).await?;
    send(ctx, view::rating_choice(&rateable, lang(ctx)).reply()).await?;
    Ok(())
}

fn shown(message: &serenity::Message) -> Shown {
    Shown {
        message: MessageId(message.id.get()),
        channel: ChannelId(message.channel_id.get()),
        author: UserId(message.author.id.get()),
        author_is_bot: message.author.bot,
        posted_at: message.timestamp.unix_timestamp() * 1000,
    }
}

/// The forum's tags, after those already typed.
async fn complete_tags(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let who = caller(ctx).await;
    let offered = match questions_forum(ctx.http(), &ctx.data().store, who).await {
        Ok(forum) => tag_names(&forum),
        Err(_) => vec![],
    };
    let (typed, last) = match partial.rsplit_once(',') {
        Some((typed, last)) => (format!("{}, ", typed.trim()), last.trim().to_lowercase()),
        None => (String::new(), partial.trim().to_lowercase()),
    };
    autocomplete(
        offered
            .into_iter()
            .filter(|t| !t.eq_ignore_ascii_case(ANSWERED_TAG))
            .filter(|t| t.to_lowercase().starts_with(&last))
            .map(|t| format!("{typed}{t}")),
    )
}
