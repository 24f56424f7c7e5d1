//! The gateway with the real serenity client: READY and GUILD_CREATE, live changes as
//! dispatches, RESUME after a dropped connection, and the two start-up failures.

mod common;

use std::time::Duration;

use fake_discord::{ChannelSpec, FakeDiscord, MemberSpec, RoleSpec};
use serenity::all::{GatewayError, GatewayIntents};

#[tokio::test]
async fn the_bot_receives_ready_then_its_guild_with_roles_and_members() {
    let bot_id = serenity::all::UserId::new(1_100_000_000_000_000_001);
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .bot_id(bot_id)
        .bot_name("cohortbot")
        .start()
        .await;
    let mentor = fake.add_role(RoleSpec::new("Mentor").position(3));
    fake.add_member(MemberSpec::new("alice").roles([mentor]));
    let bot = common::spawn_bot(&fake, common::intents()).await;
    fake.wait_until_ready().await;

    bot.seen.wait_for("READY cohortbot").await;
    assert_eq!(fake.bot_id(), bot_id);
    assert_eq!(
        fake.dispatches()[0].data["application"]["id"],
        bot_id.to_string()
    );
    // @everyone, the bot's role and Mentor; the owner, the bot and alice.
    assert_eq!(
        bot.seen.wait_for("GUILD_CREATE").await,
        "GUILD_CREATE Test Guild roles=3 members=3"
    );
    let dispatches = fake.dispatches();
    let events: Vec<&str> = dispatches.iter().map(|d| d.event.as_str()).collect();
    assert_eq!(events[..2], ["READY", "GUILD_CREATE"]);
    let sequence: Vec<u64> = dispatches.iter().map(|d| d.seq).collect();
    assert_eq!(sequence, (1..=dispatches.len() as u64).collect::<Vec<_>>());
}

#[tokio::test]
async fn changes_after_connecting_reach_the_bot_as_dispatches() {
    let (fake, bot) = common::start().await;

    let alice = fake.add_member("alice");
    bot.seen.wait_for("GUILD_MEMBER_ADD alice").await;
    let badge = fake.add_role("Badge: Finisher");
    bot.seen.wait_for("GUILD_ROLE_CREATE Badge: Finisher").await;
    alice.add_role(badge).await;
    assert_eq!(
        bot.seen.wait_for("GUILD_MEMBER_UPDATE alice").await,
        "GUILD_MEMBER_UPDATE alice roles=1"
    );
    fake.add_channel("cohort-spring");
    bot.seen.wait_for("CHANNEL_CREATE cohort-spring").await;
    fake.add_guild("Second Server");
    bot.seen.wait_for("GUILD_CREATE Second Server").await;
    alice.leave().await;
    bot.seen.wait_for("GUILD_MEMBER_REMOVE alice").await;
    assert!(!alice.is_member());
}

#[tokio::test]
async fn events_outside_the_intents_are_not_sent() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let bot = common::spawn_bot(&fake, GatewayIntents::GUILDS).await;
    fake.wait_until_ready().await;

    fake.add_member("alice");
    fake.add_channel(ChannelSpec::text("announcements"));
    bot.seen.wait_for("CHANNEL_CREATE announcements").await;
    let events: Vec<String> = fake.dispatches().into_iter().map(|d| d.event).collect();
    assert!(
        !events.contains(&"GUILD_MEMBER_ADD".to_owned()),
        "{events:?}"
    );
    assert!(!bot
        .seen
        .lines()
        .iter()
        .any(|l| l.starts_with("GUILD_MEMBER_ADD")));
}

#[tokio::test]
async fn a_dropped_connection_resumes_and_replays_missed_events() {
    let (fake, bot) = common::start().await;
    let session = fake.session_id();
    let alice = fake.add_member("alice");

    assert!(fake.drop_gateway_connection());
    fake.add_member("bob");
    assert!(fake.wait_for_resumes(1).await, "the client did not resume");
    assert_eq!(fake.resume_count(), 1, "the client resumed more than once");
    bot.seen.wait_for("RESUMED").await;
    bot.seen.wait_for("GUILD_MEMBER_ADD bob").await;
    assert_eq!(fake.session_id(), session);

    let reply = alice.slash("help", []).await;
    assert!(reply.text().contains("/course"));
}

#[tokio::test]
async fn an_invalid_token_stops_the_client_with_authentication_failed() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .invalid_token()
        .start()
        .await;
    let bot = common::spawn_bot(&fake, common::intents()).await;

    let outcome = tokio::time::timeout(Duration::from_secs(10), bot.task).await;
    let result = outcome
        .expect("the client gives up")
        .expect("the client task does not panic");
    assert!(
        matches!(
            result,
            Err(serenity::Error::Gateway(
                GatewayError::InvalidAuthentication
            ))
        ),
        "{result:?}"
    );
    let error = fake
        .http()
        .get_current_user()
        .await
        .expect_err("the token is refused");
    assert_eq!(common::error_code(&error), "401 0");
}

#[tokio::test]
async fn a_missing_privileged_intent_closes_the_gateway_with_4014() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .missing_privileged_intents()
        .start()
        .await;
    let bot = common::spawn_bot(&fake, common::intents()).await;

    let outcome = tokio::time::timeout(Duration::from_secs(10), bot.task).await;
    let result = outcome
        .expect("the client gives up")
        .expect("the client task does not panic");
    assert!(
        matches!(
            result,
            Err(serenity::Error::Gateway(
                GatewayError::DisallowedGatewayIntents
            ))
        ),
        "{result:?}"
    );

    let without_members = common::spawn_bot(&fake, GatewayIntents::GUILDS).await;
    fake.wait_until_ready().await;
    without_members.seen.wait_for("READY").await;
}
