//! Gateway sharding: the bot starts as many shards as Discord recommends, and several
//! processes split the shards between them by configuration. Each guild's interactions reach
//! only the session of its shard (the fake routes them as Discord does), so each is answered
//! once, by the process that runs that shard. The two-process test needs PostgreSQL
//! (`COHORTBOT_TEST_POSTGRES_URL`); it is skipped without it, and fails without it in CI.

use std::collections::HashMap;
use std::time::Duration;

use crate::binary::{spawn_run, Processes};
use crate::bot::store_backends::TestDb;
use crate::bot::{Backend, TestBot};
use crate::deliveries::enqueue_message;
use cohortbot::scheduler::current_leader;
use fake_discord::{FakeDiscord, FakeUser, GatewaySession, MemberSpec, Reply};
use serenity::all::{ChannelId, GuildId};

/// The shards the session that was sent `reply`'s interaction runs, `[id, total]` each.
fn shards_sent(sessions: &[GatewaySession], reply: &Reply) -> Vec<[u32; 2]> {
    let id = reply.interaction_id().to_string();
    sessions
        .iter()
        .filter(|session| {
            session
                .dispatches
                .iter()
                .any(|d| d.event == "INTERACTION_CREATE" && d.data["id"] == id.as_str())
        })
        .map(|session| session.shard)
        .collect()
}

/// A guild on each shard of the fake's recommended count, with a member in it.
fn guild_per_shard(fake: &FakeDiscord, shards: u32) -> Vec<(GuildId, FakeUser)> {
    (0..shards)
        .map(|shard| {
            let guild = fake.add_guild_on_shard(&format!("Server {shard}"), shard);
            let member = MemberSpec::new(format!("member-{shard}")).in_guild(guild);
            (guild, fake.add_member(member))
        })
        .collect()
}

fn callbacks(fake: &FakeDiscord) -> usize {
    let requests = fake.requests();
    requests
        .iter()
        .filter(|r| r.path.ends_with("/callback"))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_starts_the_shards_discord_recommends_and_answers_on_each() {
    let fake = FakeDiscord::builder().shards(2).start().await;
    let members = guild_per_shard(&fake, 2);
    let bot = TestBot::start(fake, "tests/fixtures/packs/valid").await;
    assert!(bot.fake.wait_for_sessions(2).await, "two shards connect");

    let mut replies = vec![];
    for (_, member) in &members {
        replies.push(member.slash("help", []).await);
    }
    replies.push(members[1].1.in_dm().slash("help", []).await);

    let sessions = bot.fake.sessions();
    let shards: Vec<[u32; 2]> = sessions.iter().map(|s| s.shard).collect();
    assert_eq!(shards, [[0, 2], [1, 2]], "one session a shard");
    for reply in &replies {
        assert!(reply.text().contains("/cohort join"), "{}", reply.text());
    }
    let routed: Vec<Vec<[u32; 2]>> = replies.iter().map(|r| shards_sent(&sessions, r)).collect();
    assert_eq!(
        routed,
        [vec![[0, 2]], vec![[1, 2]], vec![[0, 2]]],
        "each guild's interaction on its shard, a DM's on shard 0"
    );
    assert_eq!(callbacks(&bot.fake), 3, "each answered once");
    bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_split_four_shards_and_each_answers_its_own_guilds() {
    if !Backend::postgres_configured("two_processes_split_four_shards") {
        return;
    }
    let db = TestDb::postgres().await.expect("a PostgreSQL server");
    // Two shards a process start five seconds apart, as serenity keeps Discord's IDENTIFY pace.
    let fake = FakeDiscord::builder()
        .shards(4)
        .reply_timeout(Duration::from_secs(30))
        .start()
        .await;
    let members = guild_per_shard(&fake, 4);
    let channels: Vec<ChannelId> = members
        .iter()
        .map(|(g, _)| fake.system_channel(*g))
        .collect();
    for (n, channel) in channels.iter().enumerate() {
        enqueue_message(&db.store, "shards", n, *channel)
            .await
            .unwrap();
    }
    let dir = std::env::temp_dir();
    let run = |shards: &str| {
        let env = [("COHORTBOT_SHARDS", shards), ("COHORTBOT_SHARD_TOTAL", "4")];
        spawn_run(&fake, db.url(), &dir, &env)
    };

    let mut processes = Processes(vec![run("0-1")]);
    assert!(
        fake.wait_for_sessions(2).await,
        "the first process connects"
    );
    let first: Vec<[u32; 2]> = fake.sessions().iter().map(|s| s.shard).collect();
    assert_eq!(
        first,
        [[0, 4], [1, 4]],
        "the first process runs shards 0 and 1"
    );
    processes.0.push(run("2-3"));
    assert!(
        fake.wait_for_sessions(4).await,
        "the second process connects"
    );
    let mut replies = vec![];
    for (_, member) in &members {
        replies.push(member.slash("help", []).await);
    }
    let sent = fake
        .wait_for_all_messages(Duration::from_secs(30), |m| {
            m.iter().filter(|m| m.nonce.is_some()).count() >= channels.len()
        })
        .await;
    fake.settle().await;
    let leader = current_leader(&db.store).await.unwrap();
    let pids: Vec<String> = processes.0.iter().map(|p| p.id().to_string()).collect();
    processes.stop();

    let sessions = fake.sessions();
    let shards: Vec<[u32; 2]> = sessions.iter().map(|s| s.shard).collect();
    assert_eq!(shards, [[0, 4], [1, 4], [2, 4], [3, 4]]);
    for (shard, reply) in (0..4).zip(&replies) {
        assert!(reply.text().contains("/cohort join"), "{}", reply.text());
        assert_eq!(shards_sent(&sessions, reply), [[shard, 4]]);
    }
    assert_eq!(callbacks(&fake), 4, "each interaction answered once");
    let registrations = fake.requests().into_iter().filter(|r| {
        r.method == "PUT" && r.route == Some("/applications/{application_id}/commands")
    });
    assert_eq!(
        registrations.count(),
        1,
        "the process running shard 0 registers the commands"
    );
    let leader = leader.expect("one process leads");
    let leader_pid = leader.split('-').nth(1).unwrap_or_default();
    assert!(
        pids.iter().any(|pid| pid == leader_pid),
        "{leader} is one of {pids:?}"
    );
    let sent = sent.expect("every scheduled delivery within 30 s");
    let per_nonce =
        sent.iter()
            .filter_map(|m| m.nonce.clone())
            .fold(HashMap::new(), |mut n, nonce| {
                *n.entry(nonce).or_insert(0) += 1;
                n
            });
    assert_eq!(per_nonce.len(), channels.len(), "one message per delivery");
    assert!(per_nonce.values().all(|&n| n == 1), "none sent twice");
    fake.assert_no_violations();
}
