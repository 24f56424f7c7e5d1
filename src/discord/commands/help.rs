//! `/help`: what the bot does and the commands the caller may use.

use super::{access_needed, caller};
use crate::discord::{render, Context, Error};
use crate::domain::cohorts::{self, Access};

/// What cohortbot does, and the commands you can use.
#[poise::command(slash_command, custom_data = Access::Everyone)]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    let access = match ctx.guild_id() {
        Some(_) => cohorts::access_of(&ctx.data().store, caller(ctx).await).await?,
        None => Access::Everyone,
    };
    let mut lines = Vec::new();
    for command in &ctx.framework().options().commands {
        let leaves = if command.subcommands.is_empty() {
            vec![command]
        } else {
            command.subcommands.iter().collect()
        };
        for leaf in leaves {
            if access_needed(leaf) <= access {
                let name = match command.subcommands.is_empty() {
                    true => leaf.name.to_string(),
                    false => format!("{} {}", command.name, leaf.name),
                };
                lines.push((
                    name,
                    leaf.description.as_deref().unwrap_or_default().to_string(),
                ));
            }
        }
    }
    ctx.send(
        poise::CreateReply::default()
            .embed(render::help(access, &lines))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}
