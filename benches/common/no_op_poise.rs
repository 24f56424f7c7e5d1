//! The no-op bot of `no_op.rs` answering through poise, as cohortbot does: one poise command
//! under each name the benchmark times (`/help`, `/course`, `/progress`, `/module`), replying
//! with the no-op's fixed message, and its buttons answered from poise's event handler. It
//! measures what the framework costs before a bot does anything.

use poise::{CreateReply, Framework, FrameworkContext, FrameworkOptions};
use serenity::all::{CreateActionRow, CreateAllowedMentions, CreateButton, FullEvent, Interaction};

use crate::no_op::answer;

type Context<'a> = poise::Context<'a, (), anyhow::Error>;

/// The framework, registering its commands once it is connected.
pub fn framework() -> Framework<(), anyhow::Error> {
    Framework::builder()
        .options(FrameworkOptions {
            commands: commands(),
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

/// One poise command under each name the benchmark times.
fn commands() -> Vec<poise::Command<(), anyhow::Error>> {
    ["help", "course", "progress", "module"]
        .into_iter()
        .map(|name| {
            let mut command = reply();
            command.name = name.into();
            command.qualified_name = name.into();
            command.identifying_name = name.into();
            command
        })
        .collect()
}

/// The no-op's fixed message, sent as poise sends a reply.
#[poise::command(slash_command)]
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
