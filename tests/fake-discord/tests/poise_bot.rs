//! The fake with a poise bot, the framework cohortbot uses: poise registers its commands,
//! parses options (subcommands, choices, autocomplete), defers, and runs modals with its own
//! collector. Every request it makes passes validation, so the helpers record no violation.

use fake_discord::{CallbackType, FakeDiscord};
use poise::serenity_prelude as serenity;

type Error = Box<dyn std::error::Error + Send + Sync>;
type Context<'a> = poise::Context<'a, (), Error>;

/// Show how to start
#[poise::command(slash_command, ephemeral)]
async fn help(ctx: Context<'_>) -> Result<(), Error> {
    ctx.say("Start with /course join").await?;
    Ok(())
}

/// Courses
#[poise::command(slash_command, subcommands("join"))]
async fn course(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

async fn codes(_ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let matching = ["PY-101", "PY-201", "RS-101"]
        .into_iter()
        .filter(|c| c.starts_with(partial));
    let choices = matching
        .map(|c| serenity::AutocompleteChoice::new(c, c))
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

#[derive(Debug, poise::ChoiceParameter)]
enum Pace {
    Weekly,
    Intensive,
}

/// Join a course
#[poise::command(slash_command)]
async fn join(
    ctx: Context<'_>,
    #[description = "Course code"]
    #[autocomplete = "codes"]
    code: String,
    #[description = "Pace"] pace: Pace,
    #[description = "Seats"]
    #[min = 1]
    #[max = 5]
    seats: Option<u32>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    ctx.say(format!(
        "Joined {code} ({pace:?}) with {} seat(s)",
        seats.unwrap_or(1)
    ))
    .await?;
    Ok(())
}

#[derive(Debug, poise::Modal)]
#[name = "Weekly reflection"]
struct Reflection {
    #[name = "What did you learn?"]
    #[paragraph]
    #[max_length = 500]
    learned: String,
}

/// Write a reflection
#[poise::command(slash_command)]
async fn reflect(ctx: poise::ApplicationContext<'_, (), Error>) -> Result<(), Error> {
    use poise::Modal as _;
    if let Some(reflection) = Reflection::execute(ctx).await? {
        poise::say_reply(
            poise::Context::Application(ctx),
            format!("Saved: {}", reflection.learned),
        )
        .await?;
    }
    Ok(())
}

async fn start_poise_bot(fake: &FakeDiscord) {
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: vec![help(), course(), reflect()],
            ..Default::default()
        })
        .setup(|ctx, _ready, framework| {
            Box::pin(async move {
                poise::builtins::register_globally(ctx, &framework.options().commands).await?;
                Ok(())
            })
        })
        .build();
    let intents = serenity::GatewayIntents::GUILDS | serenity::GatewayIntents::GUILD_MEMBERS;
    let mut client = fake
        .client(intents)
        .framework(framework)
        .await
        .expect("client");
    tokio::spawn(async move { client.start().await });
    fake.wait_until_ready().await;
}

#[tokio::test]
async fn a_poise_bot_registers_and_answers_its_commands() {
    let fake = FakeDiscord::start().await;
    start_poise_bot(&fake).await;
    let alice = fake.add_member("alice");

    let help = alice.slash("help", []).await;
    assert!(help.is_ephemeral());
    assert_eq!(help.text(), "Start with /course join");
    assert_eq!(fake.command("course").map(|c| c.options().len()), Some(1));

    let choices = alice.autocomplete("course join", [("code", "RS")]).await;
    assert_eq!(
        choices
            .choices()
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["RS-101"]
    );

    let joined = alice
        .slash(
            "course join",
            [("code", "RS-101"), ("pace", "Intensive"), ("seats", "3")],
        )
        .await;
    assert_eq!(joined.callback(), Some(CallbackType::DeferredMessage));
    assert!(joined.is_ephemeral());
    assert_eq!(joined.text(), "Joined RS-101 (Intensive) with 3 seat(s)");
}

#[tokio::test]
async fn a_poise_modal_is_submitted_and_answered_on_the_command() {
    let fake = FakeDiscord::start().await;
    start_poise_bot(&fake).await;
    let alice = fake.add_member("alice");

    let opened = alice.slash("reflect", []).await;
    assert_eq!(
        opened.modal().map(|m| m.title.as_str()),
        Some("Weekly reflection")
    );

    let saved = alice
        .submit(&opened, [("What did you learn?", "lifetimes")])
        .await;
    assert_eq!(saved.callback(), Some(CallbackType::DeferredUpdate));
    assert_eq!(saved.text(), "Saved: lifetimes");
}
