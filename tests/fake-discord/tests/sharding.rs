//! Sharding with the real serenity client: `GET /gateway/bot` recommends a shard count, each
//! guild's events go to the session of its shard and events of no guild to shard 0, and an
//! IDENTIFY on too few shards or on a shard beyond the total is refused as Discord does, and
//! more shards than recommended are fine.

mod common;

use common::Shards;
use fake_discord::{ChannelSpec, FakeDiscord, GatewaySession};
use serde_json::json;

#[tokio::test]
async fn the_recommended_shards_each_get_the_events_of_their_own_guilds() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .shards(2)
        .start()
        .await;
    let on_one = fake.add_guild_on_shard("On shard one", 1);
    let gateway = fake.http().get_bot_gateway().await.unwrap();
    assert_eq!(gateway.shards, 2);
    assert_eq!(gateway.session_start_limit.remaining, 1000);

    let bot = common::spawn_shards(&fake, Shards::Recommended).await;
    assert!(fake.wait_for_sessions(2).await, "two shards connect");
    bot.seen.wait_for("GUILD_CREATE On shard one").await;
    fake.add_channel(ChannelSpec::text("first-channel"));
    fake.add_channel(ChannelSpec::text("second-channel").in_guild(on_one));
    fake.dispatch("USER_UPDATE", json!({ "id": "1", "username": "someone" }));
    bot.seen.wait_for("CHANNEL_CREATE second-channel").await;

    let sessions = fake.sessions();
    let shards: Vec<[u32; 2]> = sessions.iter().map(|s| s.shard).collect();
    assert_eq!(shards, [[0, 2], [1, 2]]);
    let default = fake.guild_id().to_string();
    let ready_guilds = |session: &GatewaySession| -> Vec<String> {
        let ready = &session.dispatches[0];
        assert_eq!(ready.event, "READY");
        let guilds = ready.data["guilds"].as_array().unwrap();
        guilds
            .iter()
            .map(|g| g["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ready_guilds(&sessions[0]), [default]);
    assert_eq!(ready_guilds(&sessions[1]), [on_one.to_string()]);
    let events = |session: &GatewaySession| -> Vec<String> {
        let names = session.dispatches.iter().skip(1);
        names
            .map(|d| format!("{} {}", d.event, d.data["name"].as_str().unwrap_or("-")))
            .collect()
    };
    assert_eq!(
        events(&sessions[0]),
        [
            "GUILD_CREATE Test Guild",
            "CHANNEL_CREATE first-channel",
            "USER_UPDATE -"
        ]
    );
    assert_eq!(
        events(&sessions[1]),
        ["GUILD_CREATE On shard one", "CHANNEL_CREATE second-channel"]
    );
    let gateway = fake.http().get_bot_gateway().await.unwrap();
    assert_eq!(gateway.session_start_limit.remaining, 998);
}

#[tokio::test]
async fn too_few_shards_are_refused_with_4011() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .shards(2)
        .start()
        .await;
    let _bot = common::spawn_shards(&fake, Shards::Only([0, 1])).await;
    assert!(fake.wait_for_refused_identify(4011).await);
    assert_eq!(fake.sessions(), []);
}

#[tokio::test]
async fn a_shard_beyond_the_total_is_refused_with_4010() {
    let fake = FakeDiscord::builder().mentions_optional().start().await;
    let _bot = common::spawn_shards(&fake, Shards::Only([1, 1])).await;
    assert!(fake.wait_for_refused_identify(4010).await);
    assert_eq!(fake.sessions(), []);
}

#[tokio::test]
async fn more_shards_than_recommended_are_accepted() {
    let fake = FakeDiscord::builder()
        .mentions_optional()
        .shards(2)
        .start()
        .await;
    let bot = common::spawn_shards(&fake, Shards::Only([2, 3])).await;
    assert!(
        fake.wait_for_sessions(1).await,
        "more shards than needed is fine"
    );
    bot.seen.wait_for("READY").await;
}
