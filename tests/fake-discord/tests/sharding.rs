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
    let on_zero = fake.add_guild_on_shard("On shard zero", 0);
    let on_one = fake.add_guild_on_shard("On shard one", 1);
    let gateway = fake.http().get_bot_gateway().await.unwrap();
    assert_eq!(gateway.shards, 2);
    assert_eq!(gateway.session_start_limit.remaining, 1000);

    let bot = common::spawn_shards(&fake, Shards::Recommended).await;
    assert!(fake.wait_for_sessions(2).await, "two shards connect");
    bot.seen.wait_for("GUILD_CREATE On shard one").await;
    fake.add_channel(ChannelSpec::text("first-channel").in_guild(on_zero));
    fake.add_channel(ChannelSpec::text("second-channel").in_guild(on_one));
    fake.dispatch("USER_UPDATE", json!({ "id": "1", "username": "someone" }));
    bot.seen.wait_for("CHANNEL_CREATE second-channel").await;

    let sessions = fake.sessions();
    let shards: Vec<[u32; 2]> = sessions.iter().map(|s| s.shard).collect();
    assert_eq!(shards, [[0, 2], [1, 2]]);
    // The default guild is on whichever shard its id puts it.
    let mut guilds = [vec![], vec![]];
    let default = fake.guild_id();
    guilds[usize::try_from((default.get() >> 22) % 2).unwrap()].push(default);
    guilds[0].push(on_zero);
    guilds[1].push(on_one);
    for (session, guilds) in sessions.iter().zip(guilds) {
        let ids: Vec<String> = guilds.iter().map(ToString::to_string).collect();
        let ready = &session.dispatches[0];
        assert_eq!(ready.event, "READY");
        let listed = ready.data["guilds"].as_array().unwrap().iter();
        let listed: Vec<&str> = listed.map(|g| g["id"].as_str().unwrap()).collect();
        assert_eq!(listed, ids, "READY lists the shard's guilds");
        let created: Vec<&str> = session.dispatches[1..]
            .iter()
            .filter(|d| d.event == "GUILD_CREATE")
            .map(|d| d.data["id"].as_str().unwrap())
            .collect();
        assert_eq!(created, ids, "a GUILD_CREATE for each guild of the shard");
    }
    let events = |session: &GatewaySession| -> Vec<String> {
        let after = session
            .dispatches
            .iter()
            .filter(|d| d.event != "GUILD_CREATE");
        after
            .skip(1)
            .map(|d| format!("{} {}", d.event, d.data["name"].as_str().unwrap_or("-")))
            .collect()
    };
    assert_eq!(
        events(&sessions[0]),
        ["CHANNEL_CREATE first-channel", "USER_UPDATE -"]
    );
    assert_eq!(events(&sessions[1]), ["CHANNEL_CREATE second-channel"]);
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
