//! The no-op bot of `no_op.rs` answering through poise, as cohortbot does: its commands are
//! poise commands (`/help`, `/course`, `/progress`, `/module`, those the benchmark times),
//! each replying with the no-op's fixed message, and its buttons are answered from poise's
//! event handler. It measures what the framework costs before a bot does anything.

use poise::{CreateReply, Framework, FrameworkContext, FrameworkOptions};
use serenity::all::{CreateActionRow, CreateAllowedMentions, CreateButton, FullEvent, Interaction};

use crate::no_op::answer;

type Context<'a> = poise::Context<'a, (), anyhow::Error>;

/// The framework, registering its commands once it is connected.
pub fn framework() -> Framework<(), anyhow::Error> {
    Framework::builder()
        .options(FrameworkOptions {
            commands: vec![help(), course(), progress(), module()],
            event_handler: |framework, event| Box::pin(on_event(framework, event)),
            ..Default::default()
        })
        .setup(|ctx, _, framework| {
            Box::pin(async move {
                let commands = &framework.options().commands;
                poise::builtins::register_globally(ctx, commands).await?;
                Ok(())
            })
        })
        .build()
}

#[poise::command(slash_command)]
async fn help(ctx: Context<'_>) -> anyhow::Result<()> {
    reply(ctx).await
}

#[poise::command(slash_command)]
async fn course(ctx: Context<'_>) -> anyhow::Result<()> {
    reply(ctx).await
}

#[poise::command(slash_command)]
async fn progress(ctx: Context<'_>) -> anyhow::Result<()> {
    reply(ctx).await
}

#[poise::command(slash_command)]
async fn module(ctx: Context<'_>) -> anyhow::Result<()> {
    reply(ctx).await
}

/// The no-op's fixed message, sent as poise sends a reply.
#[expect(
    clippy::disallowed_methods,
    reason = "the baseline answers at once, with no watchdog"
)]
async fn reply(ctx: Context<'_>) -> anyhow::Result<()> {
    let next = CreateButton::new("noop:next").label("Next ▶");
    let reply = CreateReply::default()
        .content("Done.")
        .ephemeral(true)
        .allowed_mentions(CreateAllowedMentions::new())
        .components(vec![CreateActionRow::Buttons(vec![next])]);
    ctx.send(reply).await?;
    Ok(())
}

/// A button is answered as the no-op answers it; poise dispatches the commands itself.
async fn on_event(
    framework: FrameworkContext<'_, (), anyhow::Error>,
    event: &FullEvent,
) -> anyhow::Result<()> {
    if let FullEvent::InteractionCreate {
        interaction: interaction @ Interaction::Component(_),
    } = event
    {
        answer(framework.serenity_context.clone(), interaction.clone()).await;
    }
    Ok(())
}
