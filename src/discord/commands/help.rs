//! `/help`: what the bot does and which commands the caller may use.

use poise::serenity_prelude as serenity;

use crate::discord::{Context, Error};

/// What cohortbot does, and the commands you can use.
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    let mut embed = serenity::CreateEmbed::new().title("cohortbot").description(
        "Cohort-based training for community organisers: work through your course's \
             modules in order, answer the exercises, write reflections, meet your mentor and \
             your action learning set, and earn badges along the way.",
    );
    for command in &ctx.framework().options().commands {
        let description = command.description.as_deref().unwrap_or_default();
        embed = embed.field(format!("/{}", command.name), description, false);
    }
    ctx.send(poise::CreateReply::default().embed(embed).ephemeral(true))
        .await?;
    Ok(())
}
