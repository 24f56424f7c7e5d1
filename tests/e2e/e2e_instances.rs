//! Two `cohortbot` processes on one PostgreSQL database and one Discord, as a deployment with
//! several instances runs: one of them sends the scheduled deliveries, both see every
//! interaction and one answers it, and when the sender is killed the other takes over. Needs
//! PostgreSQL (`COHORTBOT_TEST_POSTGRES_URL`); skipped without it, failed without it in CI.
//! `COHORTBOT_FAILOVER_MESSAGES` sets the size of the fan-out (300 by default).

use std::collections::HashMap;
use std::process::Child;
use std::time::Duration;

use crate::binary::{spawn_run, Processes};
use crate::deliveries::enqueue_message;

use crate::bot::store_backends::TestDb;
use cohortbot::scheduler::{current_leader, DISCORD_REQUESTS_PER_SECOND};
use fake_discord::{ChannelSpec, FakeDiscord, MemberSpec};
use serenity::all::ChannelId;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_send_each_message_once_and_the_survivor_takes_over_when_the_sender_is_killed(
) {
    let Some(db) = TestDb::postgres().await else {
        eprintln!("skipped: no PostgreSQL (set COHORTBOT_TEST_POSTGRES_URL)");
        return;
    };
    let count: usize = std::env::var("COHORTBOT_FAILOVER_MESSAGES").map_or(300, |n| {
        n.parse().expect("COHORTBOT_FAILOVER_MESSAGES is a number")
    });
    let fake = FakeDiscord::builder()
        .rate_limit(DISCORD_REQUESTS_PER_SECOND.get())
        .start()
        .await;
    // Five messages a channel: Discord lets a bot post five per five seconds in each.
    let channels: Vec<ChannelId> = (0..count.div_ceil(5))
        .map(|n| fake.add_channel(ChannelSpec::text(format!("cohort-{n}"))))
        .collect();
    for n in 0..count {
        enqueue_message(&db.store, "failover", n, channels[n % channels.len()])
            .await
            .unwrap();
    }

    let started = std::time::Instant::now();
    let mut bots = Processes(vec![spawn_bot(&fake, &db), spawn_bot(&fake, &db)]);
    assert!(fake.wait_for_sessions(2).await, "both processes connect");
    let half = fake
        .wait_for_all_messages(Duration::from_secs(120), |m| m.len() >= count / 2)
        .await;
    assert!(half.is_some(), "half the messages within two minutes");
    let sender = leader_pid(&db).await.expect("one process leads");
    let killed = bots.0.iter().position(|bot| bot.id() == sender);
    let killed = killed.expect("the leader is one of the two");
    bots.0[killed].kill().expect("kill -9 the sender");
    bots.0[killed].wait().unwrap();
    let sent_by_then = fake
        .wait_for_all_messages(Duration::ZERO, |_| true)
        .await
        .map_or(0, |m| m.len());

    let all = fake
        .wait_for_all_messages(Duration::from_secs(180), |m| m.len() >= count)
        .await;
    let survivor = bots.0[1 - killed].id();
    let finished = leader_pid(&db).await;
    bots.stop();

    let all = all.expect("every message within three minutes of the kill");
    let per_nonce = all.iter().fold(HashMap::new(), |mut n, m| {
        *n.entry(m.nonce.clone()).or_insert(0) += 1;
        n
    });
    assert_eq!(per_nonce.len(), count, "one message per delivery");
    assert!(per_nonce.values().all(|&n| n == 1), "none sent twice");
    assert!(
        sent_by_then < count,
        "the kill came before the end, so the survivor sent the rest"
    );
    assert_eq!(finished, Some(survivor), "the survivor leads");
    let global_429s: Vec<_> = fake
        .global_429s()
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    assert_eq!(global_429s, [], "one sender keeps Discord's global limit");
    fake.assert_no_violations();
    eprintln!(
        "failover: {count} messages, {} sent when the sender was killed, 0 lost, 0 twice, 0 global 429s, {:.1} s in all",
        sent_by_then,
        started.elapsed().as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interaction_both_processes_see_is_answered_once() {
    let Some(db) = TestDb::postgres().await else {
        eprintln!("skipped: no PostgreSQL (set COHORTBOT_TEST_POSTGRES_URL)");
        return;
    };
    let fake = FakeDiscord::start().await;
    let alice = fake.add_member(MemberSpec::new("alice"));
    let mut bots = Processes(vec![spawn_bot(&fake, &db), spawn_bot(&fake, &db)]);
    assert!(fake.wait_for_sessions(2).await, "both processes connect");

    let reply = alice.slash("help", []).await;

    bots.stop();
    assert!(reply.text().contains("/cohort join"), "{}", reply.text());
    let callbacks = fake
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/callback"))
        .count();
    assert_eq!(
        callbacks, 1,
        "one process answered, the other left it alone"
    );
    fake.assert_no_violations();
}

/// The process id of the instance that holds the leadership.
async fn leader_pid(db: &TestDb) -> Option<u32> {
    let holder = current_leader(&db.store).await.unwrap()?;
    holder.split('-').nth(1)?.parse().ok()
}

fn spawn_bot(fake: &FakeDiscord, db: &TestDb) -> Child {
    spawn_run(fake, db.url(), &std::env::temp_dir(), &[])
}
