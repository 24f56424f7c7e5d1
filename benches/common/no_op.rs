//! The baseline the benchmarks measure cohortbot against: a serenity bot of the same version
//! and features, asking for the same gateway intents, with cohortbot's commands registered,
//! that answers every interaction at once with a fixed message and does nothing else.

use serenity::all::{
    async_trait, Command, Context, CreateActionRow, CreateAllowedMentions, CreateButton,
    CreateInteractionResponse, CreateInteractionResponseMessage, EventHandler, GatewayIntents,
    Interaction, Ready,
};

/// The gateway intents cohortbot asks for, so both bots receive the same events.
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS | GatewayIntents::GUILD_MEMBERS | GatewayIntents::GUILD_SCHEDULED_EVENTS
}

/// The baseline bot: cohortbot's commands registered, every interaction answered at once
/// with the same message (with a "Next ▶" button, so it can be clicked as a module is).
pub struct NoOp;

#[async_trait]
impl EventHandler for NoOp {
    async fn ready(&self, ctx: Context, _: Ready) {
        let commands =
            poise::builtins::create_application_commands(&cohortbot::discord::commands::all());
        Command::set_global_commands(&ctx.http, commands)
            .await
            .expect("the no-op bot registers its commands");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        answer(ctx, interaction).await;
    }
}

/// Answers `interaction` with the fixed message.
pub async fn answer(ctx: Context, interaction: Interaction) {
    let message = CreateInteractionResponseMessage::new()
        .content("Done.")
        .ephemeral(true)
        .allowed_mentions(CreateAllowedMentions::new())
        .components(vec![CreateActionRow::Buttons(vec![CreateButton::new(
            "noop:next",
        )
        .label("Next ▶")])]);
    let answered = match interaction {
        Interaction::Command(command) => {
            let response = CreateInteractionResponse::Message(message);
            command.create_response(&ctx.http, response).await
        }
        Interaction::Component(component) => {
            let response = CreateInteractionResponse::UpdateMessage(message);
            component.create_response(&ctx.http, response).await
        }
        _ => Ok(()),
    };
    answered.expect("the fake accepts the no-op answer");
}
