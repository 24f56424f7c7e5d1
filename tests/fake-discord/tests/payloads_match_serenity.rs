//! The self-test: every payload the fake sends deserializes into serenity's typed model.
//! serenity drops a dispatch it cannot parse as `Event::Unknown` without running a handler, so
//! a payload that does not fit would silently break every end-to-end test that relies on it.
//!
//! One scenario makes the fake send each kind of dispatch and answer each REST route it
//! serves; then every recorded dispatch and response is parsed with the matching serenity type.

mod common;

use chrono::Utc;
use fake_discord::{
    ChannelSpec, FakeDiscord, MemberSpec, RecordedRequest, RoleSpec, ScheduledEventSpec,
};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use serenity::all::{
    BotGateway, Channel, Command, CreateAttachment, CreateScheduledEvent, CreateThread,
    CurrentApplicationInfo, CurrentUser, EditMessage, EditRole, EditScheduledEvent, Event,
    GatewayEvent, GuildChannel, Member, Message, PartialGuild, Permissions, PrivateChannel, Role,
    ScheduledEvent, ScheduledEventStatus, ScheduledEventType, ScheduledEventUser,
};
use serenity::model::event::{
    ChannelCreateEvent, GuildCreateEvent, GuildMemberAddEvent, GuildMemberRemoveEvent,
    GuildMemberUpdateEvent, GuildRoleCreateEvent, GuildRoleDeleteEvent, GuildRoleUpdateEvent,
    GuildScheduledEventCreateEvent, GuildScheduledEventDeleteEvent, GuildScheduledEventUpdateEvent,
    GuildScheduledEventUserAddEvent, GuildScheduledEventUserRemoveEvent, InteractionCreateEvent,
    ReadyEvent, ResumedEvent, ThreadCreateEvent, ThreadMembersUpdateEvent,
};

fn parse<T: DeserializeOwned>(what: &str, value: &Value) -> Result<(), String> {
    serde_json::from_value::<T>(value.clone())
        .map(|_| ())
        .map_err(|error| format!("{what}: {error}\n  {value}"))
}

/// Parses a dispatch with the serenity type for its event name, and as a whole gateway frame
/// (which must not come out as `Event::Unknown`).
fn check_dispatch(event: &str, data: &Value) -> Result<(), String> {
    let typed = match event {
        "READY" => parse::<ReadyEvent>(event, data),
        "RESUMED" => parse::<ResumedEvent>(event, data),
        "GUILD_CREATE" => parse::<GuildCreateEvent>(event, data),
        "GUILD_MEMBER_ADD" => parse::<GuildMemberAddEvent>(event, data),
        "GUILD_MEMBER_REMOVE" => parse::<GuildMemberRemoveEvent>(event, data),
        "GUILD_MEMBER_UPDATE" => parse::<GuildMemberUpdateEvent>(event, data),
        "GUILD_ROLE_CREATE" => parse::<GuildRoleCreateEvent>(event, data),
        "GUILD_ROLE_UPDATE" => parse::<GuildRoleUpdateEvent>(event, data),
        "GUILD_ROLE_DELETE" => parse::<GuildRoleDeleteEvent>(event, data),
        "CHANNEL_CREATE" => parse::<ChannelCreateEvent>(event, data),
        "THREAD_CREATE" => parse::<ThreadCreateEvent>(event, data),
        "THREAD_MEMBERS_UPDATE" => parse::<ThreadMembersUpdateEvent>(event, data),
        "GUILD_SCHEDULED_EVENT_CREATE" => parse::<GuildScheduledEventCreateEvent>(event, data),
        "GUILD_SCHEDULED_EVENT_UPDATE" => parse::<GuildScheduledEventUpdateEvent>(event, data),
        "GUILD_SCHEDULED_EVENT_DELETE" => parse::<GuildScheduledEventDeleteEvent>(event, data),
        "GUILD_SCHEDULED_EVENT_USER_ADD" => parse::<GuildScheduledEventUserAddEvent>(event, data),
        "GUILD_SCHEDULED_EVENT_USER_REMOVE" => {
            parse::<GuildScheduledEventUserRemoveEvent>(event, data)
        }
        "INTERACTION_CREATE" => {
            parse::<InteractionCreateEvent>(&format!("{event} type {}", data["type"]), data)
        }
        other => Err(format!("the self-test does not know the dispatch {other}")),
    };
    typed?;
    let frame = json!({ "op": 0, "s": 1, "t": event, "d": data });
    match serde_json::from_value::<GatewayEvent>(frame) {
        Ok(GatewayEvent::Dispatch(_, Event::Unknown(_))) => {
            Err(format!("{event} parses as Event::Unknown"))
        }
        Ok(_) => Ok(()),
        Err(error) => Err(format!("{event} frame: {error}")),
    }
}

/// Parses a REST answer with the serenity type the bot's call expects.
fn check_response(request: &RecordedRequest) -> Result<(), String> {
    let Some(body) = &request.response else {
        return Ok(());
    };
    let what = format!("{} {} → {}", request.method, request.path, request.status);
    if request.status >= 400 {
        return if request.status == 429 {
            Ok(())
        } else {
            parse::<serenity::http::DiscordJsonError>(&what, body)
        };
    }
    let route = request.route.unwrap_or_default();
    match (request.method.as_str(), route) {
        ("GET", "/gateway") => parse::<serenity::all::Gateway>(&what, body),
        ("GET", "/gateway/bot") => parse::<BotGateway>(&what, body),
        ("GET", "/users/@me") => parse::<CurrentUser>(&what, body),
        ("GET", "/users/{user_id}") => parse::<serenity::all::User>(&what, body),
        ("GET", "/oauth2/applications/@me") => parse::<CurrentApplicationInfo>(&what, body),
        ("POST", "/users/@me/channels") => parse::<PrivateChannel>(&what, body),
        (_, r) if r.ends_with("/commands") && body.is_array() => parse::<Vec<Command>>(&what, body),
        (_, r) if r.ends_with("/commands") => parse::<Command>(&what, body),
        ("GET", "/channels/{channel_id}/messages") => parse::<Vec<Message>>(&what, body),
        (_, r) if r.contains("/messages") && !r.ends_with("/threads") => {
            parse::<Message>(&what, body)
        }
        ("POST", "/webhooks/{webhook_id}/{webhook_token}") => parse::<Message>(&what, body),
        ("GET", "/channels/{channel_id}") => parse::<Channel>(&what, body),
        (_, r) if r.ends_with("/threads") => parse::<GuildChannel>(&what, body),
        ("GET", "/guilds/{guild_id}") => parse::<PartialGuild>(&what, body),
        ("GET", "/guilds/{guild_id}/channels") => parse::<Vec<GuildChannel>>(&what, body),
        ("GET", "/guilds/{guild_id}/roles") => parse::<Vec<Role>>(&what, body),
        (_, "/guilds/{guild_id}/roles" | "/guilds/{guild_id}/roles/{role_id}") => {
            parse::<Role>(&what, body)
        }
        ("GET", "/guilds/{guild_id}/members") => parse::<Vec<Member>>(&what, body),
        ("GET", "/guilds/{guild_id}/members/{user_id}") => parse::<Member>(&what, body),
        ("GET", "/guilds/{guild_id}/scheduled-events") => parse::<Vec<ScheduledEvent>>(&what, body),
        (_, r) if r.ends_with("/users") => parse::<Vec<ScheduledEventUser>>(&what, body),
        (_, r) if r.contains("/scheduled-events") => parse::<ScheduledEvent>(&what, body),
        _ => Err(format!("the self-test does not know the route of {what}")),
    }
}

/// Makes the fake send every kind of dispatch and serve every REST route. It waits on the
/// fake, never on the bot, so that a payload the bot cannot parse shows up in the checks.
async fn scenario(fake: &FakeDiscord) {
    let http = fake.http();
    let guild = fake.guild_id();
    let general = fake.general_channel();

    // Gateway dispatches a test can cause.
    let badge = fake.add_role(RoleSpec::new("Badge").position(2));
    fake.set_role_position(badge, 3);
    let alice = fake.join(MemberSpec::new("alice").nick("Al")).await;
    alice.add_role(badge).await;
    let bob = fake.add_member(MemberSpec::new("bob").dms_closed());
    let voice = fake.add_channel(ChannelSpec::voice("Meeting room"));
    let thread = fake.add_channel(ChannelSpec::thread(general, "Week 1"));
    fake.add_channel(ChannelSpec::private_thread(general, "Mentoring"));
    let start = Utc::now() + chrono::Duration::days(7);
    let kickoff = fake.add_scheduled_event(
        ScheduledEventSpec::external("Kickoff", "Zoom", start, start + chrono::Duration::hours(1))
            .description("Hello"),
    );
    let standup = fake.add_scheduled_event(ScheduledEventSpec::voice("Stand-up", voice, start));
    alice.subscribe(kickoff).await;
    alice.unsubscribe(kickoff).await;
    alice.subscribe(kickoff).await;
    fake.set_scheduled_event_status(standup, ScheduledEventStatus::Active);
    fake.delete_scheduled_event(standup);
    fake.add_guild("Second Server");

    // Every kind of interaction.
    alice.slash("help", []).await;
    let menu = alice.slash("menu", []).await;
    alice.select(&menu, "Pick a track", ["Rust"]).await;
    alice.click(&alice.slash("menu", []).await, "Next").await;
    alice.autocomplete("course join", [("code", "PY")]).await;
    alice
        .slash("course join", [("code", "PY-101"), ("count", "2")])
        .await;
    alice
        .slash(
            "grant",
            [("role", &badge.to_string()), ("member", &bob.mention())],
        )
        .await;
    alice.slash("dm", [("member", &bob.mention())]).await;
    alice.slash("dm", [("member", &alice.mention())]).await;
    alice.slash("think", []).await;
    alice.slash("report", []).await;
    let modal = alice.slash("reflect", []).await;
    alice.submit(&modal, [("learned", "ownership")]).await;
    alice.in_dm().slash("help", []).await;
    alice.in_channel(thread).slash("help", []).await;

    // Every REST route, through serenity's own calls.
    http.get_gateway().await.expect("gateway");
    http.get_bot_gateway().await.expect("bot gateway");
    http.get_current_user().await.expect("current user");
    http.get_user(alice.id()).await.expect("user");
    http.get_current_application_info()
        .await
        .expect("application");
    http.get_guild(guild).await.expect("guild");
    http.get_channels(guild).await.expect("channels");
    http.get_channel(general).await.expect("channel");
    http.get_channel(thread).await.expect("thread");
    http.get_guild_roles(guild).await.expect("roles");
    let role = guild
        .create_role(
            &http,
            EditRole::new()
                .name("Mentor")
                .colour(0x00ff00)
                .permissions(Permissions::SEND_MESSAGES),
        )
        .await
        .expect("create role");
    guild
        .edit_role(&http, role.id, EditRole::new().hoist(true))
        .await
        .expect("edit role");
    guild
        .delete_role(&http, role.id)
        .await
        .expect("delete role");
    http.get_guild_members(guild, Some(10), None)
        .await
        .expect("members");
    http.get_member(guild, alice.id()).await.expect("member");
    http.remove_member_role(guild, alice.id(), badge, None)
        .await
        .expect("remove role");
    let files = vec![CreateAttachment::bytes(common::CSV, "export.csv")];
    // Without an `attachments` list: serenity's builders number new attachments with
    // integers, which Discord's API description (and so the fake) refuses.
    let posted = http
        .send_message(general, files, &json!({ "content": "Export" }))
        .await
        .expect("post");
    general
        .edit_message(&http, posted.id, EditMessage::new().content("Export (v2)"))
        .await
        .expect("edit");
    http.get_messages(general, None, Some(10))
        .await
        .expect("messages");
    http.get_message(general, posted.id).await.expect("message");
    let from_message = general
        .create_thread_from_message(&http, posted.id, CreateThread::new("Discussion"))
        .await
        .expect("thread");
    let private = general
        .create_thread(
            &http,
            CreateThread::new("Private").kind(serenity::all::ChannelType::PrivateThread),
        )
        .await
        .expect("private thread");
    http.add_thread_channel_member(private.id, alice.id())
        .await
        .expect("thread member");
    from_message
        .id
        .say(&http, "In the thread")
        .await
        .expect("thread message");
    http.delete_message(general, posted.id, None)
        .await
        .expect("delete");
    let dm = alice
        .id()
        .create_dm_channel(&http)
        .await
        .expect("dm channel");
    dm.say(&http, "Hello").await.expect("dm");
    let event = guild
        .create_scheduled_event(
            &http,
            CreateScheduledEvent::new(ScheduledEventType::External, "Action learning set", start)
                .end_time(start + chrono::Duration::hours(2))
                .location("Online"),
        )
        .await
        .expect("create event");
    guild
        .edit_scheduled_event(
            &http,
            event.id,
            EditScheduledEvent::new().description("Bring notes"),
        )
        .await
        .expect("edit event");
    http.get_scheduled_events(guild, true)
        .await
        .expect("events");
    http.get_scheduled_event(guild, kickoff, true)
        .await
        .expect("event");
    http.get_scheduled_event_users(guild, kickoff, Some(10), None, Some(true))
        .await
        .expect("event users");
    guild
        .delete_scheduled_event(&http, event.id)
        .await
        .expect("delete event");
    serenity::all::Command::get_global_commands(&http)
        .await
        .expect("commands");

    // Error answers.
    let errors = [
        http.get_channel(serenity::all::ChannelId::new(1))
            .await
            .map(|_| ()),
        http.get_member(guild, serenity::all::UserId::new(1))
            .await
            .map(|_| ()),
    ];
    assert!(errors.iter().all(Result::is_err));

    fake.drop_gateway_connection();
    assert!(fake.wait_for_resumes(1).await, "the client did not resume");
    assert_eq!(fake.resume_count(), 1, "the client resumed more than once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_payload_the_fake_sends_fits_serenitys_model() {
    // Violations are checked last, so that a payload serenity cannot parse is reported as such.
    let (fake, _bot) = common::start_with(FakeDiscord::builder().expect_violations()).await;
    scenario(&fake).await;

    let dispatches = fake.dispatches();
    let mut kinds: Vec<String> = dispatches.iter().map(|d| d.event.clone()).collect();
    kinds.sort();
    kinds.dedup();
    assert!(
        kinds.len() >= 17,
        "the scenario covers too few dispatches: {kinds:?}"
    );
    let interaction_types: std::collections::BTreeSet<u64> = dispatches
        .iter()
        .filter(|d| d.event == "INTERACTION_CREATE")
        .filter_map(|d| d.data["type"].as_u64())
        .collect();
    assert_eq!(
        interaction_types.into_iter().collect::<Vec<_>>(),
        [2, 3, 4, 5]
    );

    let mut failures: Vec<String> = dispatches
        .iter()
        .filter_map(|d| check_dispatch(&d.event, &d.data).err())
        .collect();
    let requests = fake.requests();
    failures.extend(requests.iter().filter_map(|r| check_response(r).err()));
    assert!(
        failures.is_empty(),
        "{} payload(s) do not fit serenity:\n{}",
        failures.len(),
        failures.join("\n")
    );

    let routes: std::collections::BTreeSet<(&str, &str)> = requests
        .iter()
        .filter_map(|r| Some((r.method.as_str(), r.route?)))
        .collect();
    assert!(
        routes.len() >= 35,
        "the scenario covers too few routes ({}): {routes:?}",
        routes.len()
    );
    fake.assert_no_violations();
}
