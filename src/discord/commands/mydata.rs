//! `/mydata`: everything the bot holds about you, as a JSON file only you see.

use poise::serenity_prelude as serenity;

use super::{defer_reply, Context};
use crate::discord::files::follow_up_with_files;
use crate::discord::{render, Error};
use crate::domain::access::Access;
use crate::domain::member_data::{self, MY_DATA_FILE};
use crate::model::UserId;

/// Everything the bot holds about you, as a file only you see.
#[poise::command(slash_command, custom_data = Access::Everyone)]
pub async fn mydata(ctx: Context<'_>) -> Result<(), Error> {
    defer_reply(ctx).await?;
    let data = ctx.data();
    let user = UserId(ctx.author().id.get());
    let json = member_data::export(&data.store, user, data.clock.now_ms()).await?;
    let file = serenity::CreateAttachment::bytes(json.into_bytes(), MY_DATA_FILE);
    follow_up_with_files(
        ctx,
        vec![render::member_data::summary_embed(super::lang(ctx))],
        vec![file],
    )
    .await
}
