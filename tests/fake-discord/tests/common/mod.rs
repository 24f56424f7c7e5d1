//! A tiny serenity bot for testing the fake with the real client: it registers a few commands
//! and answers them in the ways a real bot does (messages, embeds, components, deferrals,
//! files, modals, autocomplete, REST calls), and notes the gateway events it receives.

// Each test binary uses part of this module.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use fake_discord::{FakeDiscord, FakeDiscordBuilder};
use serenity::all::{
    ActionRowComponent, AutocompleteOption, Command, CommandDataOptionValue, CommandInteraction,
    CommandOptionType, CommandType, ComponentInteraction, ComponentInteractionDataKind, Context,
    CreateActionRow, CreateAttachment, CreateAutocompleteResponse, CreateButton, CreateCommand,
    CreateCommandOption, CreateEmbed, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, CreateMessage,
    CreateModal, CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption,
    EditInteractionResponse, EventHandler, GatewayIntents, Guild, GuildMemberUpdateEvent,
    GuildScheduledEventUserAddEvent, GuildScheduledEventUserRemoveEvent, InputTextStyle,
    Interaction, Member, ModalInteraction, Permissions, Ready, ResolvedTarget, ResumedEvent, Role,
    RoleId, ScheduledEvent, User, UserId,
};
use serenity::async_trait;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// A 1×1 PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

pub const CSV: &str = "member,score\nalice,3\nbob,5\n";

/// The intents the bot under test asks for.
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS | GatewayIntents::GUILD_MEMBERS | GatewayIntents::GUILD_SCHEDULED_EVENTS
}

/// The bot's gateway events, as short lines such as `GUILD_CREATE Test Guild`.
#[derive(Clone)]
pub struct Seen(Arc<watch::Sender<Vec<String>>>);

impl Default for Seen {
    fn default() -> Self {
        Seen(Arc::new(watch::Sender::new(Vec::new())))
    }
}

impl Seen {
    fn push(&self, line: String) {
        self.0.send_modify(|lines| lines.push(line));
    }

    pub fn lines(&self) -> Vec<String> {
        self.0.borrow().clone()
    }

    /// Waits for a line starting with `prefix`, looking again as each line comes, for up to
    /// the fake's reply timeout (10 s).
    pub async fn wait_for(&self, prefix: &str) -> String {
        let found = |lines: &Vec<String>| lines.iter().find(|l| l.starts_with(prefix)).cloned();
        let mut lines = self.0.subscribe();
        let seen = lines.wait_for(|lines| found(lines).is_some());
        let line = match tokio::time::timeout(Duration::from_secs(10), seen).await {
            Ok(Ok(lines)) => found(&lines),
            _ => None,
        };
        line.unwrap_or_else(|| panic!("the bot never saw `{prefix}`; it saw {:?}", self.lines()))
    }
}

/// A running test bot.
pub struct Bot {
    pub seen: Seen,
    pub task: JoinHandle<serenity::Result<()>>,
}

/// Starts the fake with `builder` and the test bot against it; waits until the bot is connected
/// and has registered its commands. The test bot's messages do not state `allowed_mentions`.
pub async fn start_with(builder: FakeDiscordBuilder) -> (FakeDiscord, Bot) {
    let fake = builder.mentions_optional().start().await;
    let bot = spawn_bot(&fake, intents()).await;
    fake.wait_until_ready().await;
    let registered = fake
        .wait_for_request(|r| r.method == "PUT" && r.path.ends_with("/commands"))
        .await;
    assert!(
        registered.is_some() && fake.command("help").is_some(),
        "the test bot did not register its commands"
    );
    (fake, bot)
}

pub async fn start() -> (FakeDiscord, Bot) {
    start_with(FakeDiscord::builder()).await
}

/// Starts the test bot's serenity client against `fake` without waiting for anything.
pub async fn spawn_bot(fake: &FakeDiscord, intents: GatewayIntents) -> Bot {
    spawn_with(fake, intents, Shards::One).await
}

/// Which gateway shards the test bot runs.
pub enum Shards {
    /// Shard 0 of 1.
    One,
    /// As many as `GET /gateway/bot` recommends.
    Recommended,
    /// `[id, total]`.
    Only([u32; 2]),
}

/// As [`spawn_bot`] with [`intents`], on `shards`.
pub async fn spawn_shards(fake: &FakeDiscord, shards: Shards) -> Bot {
    spawn_with(fake, intents(), shards).await
}

async fn spawn_with(fake: &FakeDiscord, intents: GatewayIntents, shards: Shards) -> Bot {
    let seen = Seen::default();
    let handler = Handler { seen: seen.clone() };
    let mut client = fake
        .client(intents)
        .event_handler(handler)
        .await
        .expect("the serenity client builds");
    let task = tokio::spawn(async move {
        match shards {
            Shards::One => client.start().await,
            Shards::Recommended => client.start_autosharded().await,
            Shards::Only([id, total]) => client.start_shard(id, total).await,
        }
    });
    Bot { seen, task }
}

/// `status code` of a failed serenity call, e.g. `403 50013`.
pub fn error_code(error: &serenity::Error) -> String {
    match error {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response)) => {
            format!("{} {}", response.status_code.as_u16(), response.error.code)
        }
        other => format!("other error: {other}"),
    }
}

/// The `(path, code)` of each field Discord's 50035 answer names.
pub fn json_errors(error: &serenity::Error) -> Vec<(String, String)> {
    match error {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response)) => response
            .error
            .errors
            .iter()
            .map(|e| (e.path.clone(), e.code.clone()))
            .collect(),
        _ => vec![],
    }
}

struct Handler {
    seen: Seen,
}

fn commands() -> Vec<CreateCommand> {
    let plain = |name: &str, description: &str| CreateCommand::new(name).description(description);
    vec![
        plain("help", "How to use the bot"),
        plain("menu", "A menu with buttons and a select"),
        plain("long", "Answers with too much text"),
        plain("wide", "Answers with six buttons in a row"),
        plain("slow", "Answers after the deadline"),
        plain("think", "Defers, then follows up"),
        plain("report", "Answers with files"),
        plain("reflect", "Opens a modal"),
        CreateCommand::new("course")
            .description("Courses")
            .add_option(
                CreateCommandOption::new(CommandOptionType::SubCommand, "join", "Join a course")
                    .add_sub_option(
                        CreateCommandOption::new(CommandOptionType::String, "code", "Course code")
                            .required(true)
                            .set_autocomplete(true),
                    )
                    .add_sub_option(
                        CreateCommandOption::new(CommandOptionType::Integer, "count", "Seats")
                            .min_int_value(1)
                            .max_int_value(5),
                    ),
            ),
        plain("grant", "Give a member a role")
            .default_member_permissions(Permissions::MANAGE_ROLES)
            .add_option(
                CreateCommandOption::new(CommandOptionType::Role, "role", "The role")
                    .required(true),
            )
            .add_option(
                CreateCommandOption::new(CommandOptionType::User, "member", "Who").required(true),
            ),
        plain("dm", "Send a member a DM").add_option(
            CreateCommandOption::new(CommandOptionType::User, "member", "Who").required(true),
        ),
        CreateCommand::new("Quote").kind(CommandType::Message),
        CreateCommand::new("Who is this").kind(CommandType::User),
    ]
}

fn message(content: impl Into<String>) -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new().content(content)
}

fn menu() -> CreateInteractionResponseMessage {
    let options = vec![
        CreateSelectMenuOption::new("Python", "py"),
        CreateSelectMenuOption::new("Rust", "rs"),
    ];
    message("Pick an action")
        .embed(
            CreateEmbed::new()
                .title("Menu")
                .description("Choose below")
                .field("Week", "2", true),
        )
        .components(vec![
            CreateActionRow::Buttons(vec![
                CreateButton::new("next").label("Next"),
                CreateButton::new("locked").label("Locked").disabled(true),
            ]),
            CreateActionRow::SelectMenu(
                CreateSelectMenu::new("track", CreateSelectMenuKind::String { options })
                    .placeholder("Pick a track"),
            ),
        ])
}

async fn answer(
    ctx: &Context,
    command: &CommandInteraction,
    reply: CreateInteractionResponseMessage,
) {
    let result = command
        .create_response(&ctx.http, CreateInteractionResponse::Message(reply))
        .await;
    if let Err(error) = result {
        eprintln!("the fake refused the response: {}", error_code(&error));
    }
}

fn option<'a>(command: &'a CommandInteraction, name: &str) -> Option<&'a CommandDataOptionValue> {
    command
        .data
        .options
        .iter()
        .find(|o| o.name == name)
        .map(|o| &o.value)
}

async fn on_command(ctx: &Context, command: &CommandInteraction) {
    match command.data.name.as_str() {
        "help" => {
            answer(
                ctx,
                command,
                message("Use /course join to start.").ephemeral(true),
            )
            .await
        }
        "menu" => answer(ctx, command, menu()).await,
        "long" => answer(ctx, command, message("x".repeat(2001))).await,
        "wide" => {
            let buttons = (0..6)
                .map(|i| CreateButton::new(format!("b{i}")).label(format!("B{i}")))
                .collect();
            answer(
                ctx,
                command,
                message("Too wide").components(vec![CreateActionRow::Buttons(buttons)]),
            )
            .await;
        }
        "slow" => {
            tokio::time::sleep(Duration::from_millis(3500)).await;
            answer(ctx, command, message("Too late")).await;
        }
        "think" => {
            command.defer_ephemeral(&ctx.http).await.expect("defer");
            tokio::time::sleep(Duration::from_millis(200)).await;
            let followup = CreateInteractionResponseFollowup::new().content("Done thinking");
            command
                .create_followup(&ctx.http, followup)
                .await
                .expect("follow-up");
        }
        "report" => {
            // Without an `attachments` list: serenity's builders number new attachments with
            // integers, which Discord's API description (and so the fake) refuses.
            let files = vec![
                CreateAttachment::bytes(PNG, "chart.png"),
                CreateAttachment::bytes(CSV, "scores.csv"),
            ];
            let body = serde_json::json!({ "type": 4, "data": { "content": "Your report" } });
            ctx.http
                .create_interaction_response(command.id, &command.token, &body, files)
                .await
                .expect("report");
        }
        "reflect" => {
            let input =
                CreateInputText::new(InputTextStyle::Paragraph, "What did you learn?", "learned")
                    .max_length(500);
            let modal = CreateModal::new("reflection", "Weekly reflection")
                .components(vec![CreateActionRow::InputText(input)]);
            command
                .create_response(&ctx.http, CreateInteractionResponse::Modal(modal))
                .await
                .expect("modal");
        }
        "course" => {
            let Some(CommandDataOptionValue::SubCommand(options)) = option(command, "join") else {
                return answer(ctx, command, message("unknown subcommand")).await;
            };
            let code = options
                .iter()
                .find(|o| o.name == "code")
                .and_then(|o| o.value.as_str())
                .unwrap_or("?");
            let count = options
                .iter()
                .find(|o| o.name == "count")
                .and_then(|o| o.value.as_i64())
                .unwrap_or(1);
            answer(
                ctx,
                command,
                message(format!("Joined {code} with {count} seat(s)")),
            )
            .await;
        }
        "grant" => {
            let (Some(role), Some(user)) = (
                option(command, "role").and_then(|o| o.as_role_id()),
                option(command, "member").and_then(|o| o.as_user_id()),
            ) else {
                return answer(ctx, command, message("missing options")).await;
            };
            let guild = command.guild_id.expect("in a guild");
            let outcome = ctx.http.add_member_role(guild, user, role, None).await;
            let text = match outcome {
                Ok(()) => format!("Granted <@&{role}>"),
                Err(error) => format!("Could not grant: {}", error_code(&error)),
            };
            answer(ctx, command, message(text)).await;
        }
        "dm" => {
            let user: UserId = option(command, "member")
                .and_then(|o| o.as_user_id())
                .expect("member");
            let sent = match user.create_dm_channel(&ctx.http).await {
                Ok(channel) => channel
                    .send_message(
                        &ctx.http,
                        CreateMessage::new().content("Hello from the bot"),
                    )
                    .await
                    .map(|_| ()),
                Err(error) => Err(error),
            };
            let text = match sent {
                Ok(()) => "DM sent".to_owned(),
                Err(error) => format!("Could not DM: {}", error_code(&error)),
            };
            answer(ctx, command, message(text).ephemeral(true)).await;
        }
        "Quote" => {
            let quoted = match command.data.target() {
                Some(ResolvedTarget::Message(m)) => {
                    format!("{} said: {}", m.author.name, m.content)
                }
                _ => "no message".to_owned(),
            };
            answer(ctx, command, message(quoted).ephemeral(true)).await;
        }
        "Who is this" => {
            let who = match command.data.target() {
                Some(ResolvedTarget::User(user, member)) => {
                    format!("{} (member: {})", user.name, member.is_some())
                }
                _ => "no user".to_owned(),
            };
            answer(ctx, command, message(who).ephemeral(true)).await;
        }
        _ => answer(ctx, command, message("unknown command")).await,
    }
}

async fn on_component(ctx: &Context, component: &ComponentInteraction) {
    match (&component.data.kind, component.data.custom_id.as_str()) {
        (_, "next") => {
            let update = CreateInteractionResponseMessage::new()
                .content("Page 2")
                .components(vec![]);
            component
                .create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(update))
                .await
                .expect("update");
        }
        (ComponentInteractionDataKind::StringSelect { values }, "track") => {
            component
                .create_response(&ctx.http, CreateInteractionResponse::Acknowledge)
                .await
                .expect("acknowledge");
            let edit = EditInteractionResponse::new()
                .content(format!("Track: {}", values.join(", ")))
                .components(vec![]);
            component
                .edit_response(&ctx.http, edit)
                .await
                .expect("edit");
        }
        _ => {
            let reply = message(format!("clicked {}", component.data.custom_id)).ephemeral(true);
            component
                .create_response(&ctx.http, CreateInteractionResponse::Message(reply))
                .await
                .expect("reply");
        }
    }
}

async fn on_modal(ctx: &Context, modal: &ModalInteraction) {
    let value = modal
        .data
        .components
        .iter()
        .flat_map(|row| &row.components)
        .find_map(|c| match c {
            ActionRowComponent::InputText(input) => input.value.clone(),
            _ => None,
        })
        .unwrap_or_default();
    let reply = message(format!("Thanks for reflecting: {value}")).ephemeral(true);
    modal
        .create_response(&ctx.http, CreateInteractionResponse::Message(reply))
        .await
        .expect("modal reply");
}

async fn on_autocomplete(ctx: &Context, command: &CommandInteraction) {
    let typed = command
        .data
        .autocomplete()
        .map(|AutocompleteOption { value, .. }| value.to_owned())
        .unwrap_or_default();
    let mut choices = CreateAutocompleteResponse::new();
    for code in ["PY-101", "PY-201", "RS-101"]
        .into_iter()
        .filter(|c| c.starts_with(&typed))
    {
        choices = choices.add_string_choice(code, code);
    }
    command
        .create_response(&ctx.http, CreateInteractionResponse::Autocomplete(choices))
        .await
        .expect("choices");
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        self.seen.push(format!("READY {}", ready.user.name));
        Command::set_global_commands(&ctx.http, commands())
            .await
            .expect("register commands");
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        self.seen.push("RESUMED".to_owned());
    }

    async fn guild_create(&self, _ctx: Context, guild: Guild, _is_new: Option<bool>) {
        self.seen.push(format!(
            "GUILD_CREATE {} roles={} members={}",
            guild.name,
            guild.roles.len(),
            guild.members.len()
        ));
    }

    async fn guild_member_addition(&self, _ctx: Context, member: Member) {
        self.seen
            .push(format!("GUILD_MEMBER_ADD {}", member.user.name));
    }

    async fn guild_member_removal(
        &self,
        _ctx: Context,
        _guild: serenity::all::GuildId,
        user: User,
        _member: Option<Member>,
    ) {
        self.seen.push(format!("GUILD_MEMBER_REMOVE {}", user.name));
    }

    async fn guild_member_update(
        &self,
        _ctx: Context,
        _old: Option<Member>,
        _new: Option<Member>,
        event: GuildMemberUpdateEvent,
    ) {
        self.seen.push(format!(
            "GUILD_MEMBER_UPDATE {} roles={}",
            event.user.name,
            event.roles.len()
        ));
    }

    async fn guild_role_create(&self, _ctx: Context, role: Role) {
        self.seen.push(format!("GUILD_ROLE_CREATE {}", role.name));
    }

    async fn guild_role_update(&self, _ctx: Context, _old: Option<Role>, role: Role) {
        self.seen.push(format!(
            "GUILD_ROLE_UPDATE {} position={}",
            role.name, role.position
        ));
    }

    async fn guild_role_delete(
        &self,
        _ctx: Context,
        _guild: serenity::all::GuildId,
        role: RoleId,
        _old: Option<Role>,
    ) {
        self.seen.push(format!("GUILD_ROLE_DELETE {role}"));
    }

    async fn channel_create(&self, _ctx: Context, channel: serenity::all::GuildChannel) {
        self.seen.push(format!("CHANNEL_CREATE {}", channel.name));
    }

    async fn thread_create(&self, _ctx: Context, thread: serenity::all::GuildChannel) {
        self.seen.push(format!("THREAD_CREATE {}", thread.name));
    }

    async fn thread_members_update(
        &self,
        _ctx: Context,
        event: serenity::all::ThreadMembersUpdateEvent,
    ) {
        self.seen
            .push(format!("THREAD_MEMBERS_UPDATE {}", event.member_count));
    }

    async fn guild_scheduled_event_create(&self, _ctx: Context, event: ScheduledEvent) {
        self.seen
            .push(format!("GUILD_SCHEDULED_EVENT_CREATE {}", event.name));
    }

    async fn guild_scheduled_event_update(&self, _ctx: Context, event: ScheduledEvent) {
        self.seen.push(format!(
            "GUILD_SCHEDULED_EVENT_UPDATE {} {:?}",
            event.name, event.status
        ));
    }

    async fn guild_scheduled_event_delete(&self, _ctx: Context, event: ScheduledEvent) {
        self.seen
            .push(format!("GUILD_SCHEDULED_EVENT_DELETE {}", event.name));
    }

    async fn guild_scheduled_event_user_add(
        &self,
        _ctx: Context,
        event: GuildScheduledEventUserAddEvent,
    ) {
        self.seen
            .push(format!("GUILD_SCHEDULED_EVENT_USER_ADD {}", event.user_id));
    }

    async fn guild_scheduled_event_user_remove(
        &self,
        _ctx: Context,
        event: GuildScheduledEventUserRemoveEvent,
    ) {
        self.seen.push(format!(
            "GUILD_SCHEDULED_EVENT_USER_REMOVE {}",
            event.user_id
        ));
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match &interaction {
            Interaction::Command(command) => {
                self.seen
                    .push(format!("INTERACTION_CREATE /{}", command.data.name));
                on_command(&ctx, command).await;
            }
            Interaction::Component(component) => on_component(&ctx, component).await,
            Interaction::Modal(modal) => on_modal(&ctx, modal).await,
            Interaction::Autocomplete(command) => on_autocomplete(&ctx, command).await,
            _ => {}
        }
    }
}
