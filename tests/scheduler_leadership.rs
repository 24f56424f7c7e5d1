//! Several instances on one database: one leads and sends, the others stand by, and one of
//! them takes over when the leader's term runs out or it steps down. Time is the test clock's.

#[macro_use]
#[path = "common/store_backends.rs"]
mod store_backends;
#[path = "common/scheduler_bench.rs"]
mod bench;

use std::time::Duration;

use bench::*;
use cohortbot::domain::Clock;
use cohortbot::model::DeliveryState;
use cohortbot::scheduler::*;
use store_backends::TestDb;
use tokio::sync::watch;

store_tests!(
    only_the_leader_sends_and_the_others_stand_by,
    a_follower_takes_over_when_the_leaders_term_runs_out_and_not_before,
    a_new_leader_sends_at_once_what_the_dead_leader_had_leased,
    a_leader_that_renews_keeps_its_leadership,
    a_leader_that_stops_hands_over_at_once,
    two_instances_asking_at_once_get_one_leader,
);

const TERM: Duration = Duration::from_secs(20);

fn leading(env: &Env<'_>, owner: &str) -> Scheduler {
    env.scheduler_with(
        SchedulerConfig {
            leadership: Some(TERM),
            ..env.config(owner)
        },
        Pacer::default(),
    )
}

async fn leader(env: &Env<'_>) -> Option<String> {
    current_leader(env.store(), env.clock.now_ms())
        .await
        .unwrap()
}

async fn only_the_leader_sends_and_the_others_stand_by(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let (a, b) = (leading(&env, "a"), leading(&env, "b"));
    env.enqueue("prompt:one", T0, None, None).await;

    let first = a.run_due_once().await.unwrap();
    env.enqueue("prompt:two", T0, None, None).await;
    let second = b.run_due_once().await.unwrap();

    assert_eq!((first.sent, first.following), (1, false));
    assert_eq!(
        second,
        RunReport {
            following: true,
            ..RunReport::default()
        },
        "b stands by while a leads"
    );
    assert_eq!(leader(&env).await.as_deref(), Some("a"));
    assert_eq!(env.discord.messages().len(), 1, "prompt:two waits for a");
    assert_eq!(a.run_due_once().await.unwrap().sent, 1);
    assert_all_once(&env.discord, 2);
}

async fn a_follower_takes_over_when_the_leaders_term_runs_out_and_not_before(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let (a, b) = (leading(&env, "a"), leading(&env, "b"));
    a.run_due_once().await.unwrap();
    env.enqueue("prompt:after-a-died", T0, None, None).await;

    env.clock.set(T0 + 20 * SECOND - 1);
    assert!(
        b.run_due_once().await.unwrap().following,
        "a's term has a millisecond to run"
    );
    env.clock.set(T0 + 20 * SECOND);
    let report = b.run_due_once().await.unwrap();

    assert_eq!((report.following, report.sent), (false, 1));
    assert_eq!(leader(&env).await.as_deref(), Some("b"));
    assert!(
        a.run_due_once().await.unwrap().following,
        "a, back, finds b leading"
    );
    assert_all_once(&env.discord, 1);
}

async fn a_new_leader_sends_at_once_what_the_dead_leader_had_leased(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let (a, b) = (leading(&env, "a"), leading(&env, "b"));
    a.run_due_once().await.unwrap();
    let id = env.enqueue("prompt:mid-batch", T0, None, None).await;
    let leased = env
        .store()
        .claim_due_deliveries("a", T0, 30 * SECOND, 10)
        .await
        .unwrap();
    assert_eq!(leased.len(), 1, "a was sending it when it died");

    env.clock.set(T0 + 20 * SECOND);
    let report = b.run_due_once().await.unwrap();

    assert_eq!(
        report.sent, 1,
        "b sent it at once, ten seconds before a's lease would have run out"
    );
    assert_eq!(env.delivery(id).await.state, DeliveryState::Sent);
    assert_all_once(&env.discord, 1);
}

async fn a_leader_that_renews_keeps_its_leadership(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let (a, b) = (leading(&env, "a"), leading(&env, "b"));
    for quarter in 0..12 {
        env.clock.set(T0 + quarter * 5 * SECOND);
        assert!(!a.run_due_once().await.unwrap().following);
        assert!(
            b.run_due_once().await.unwrap().following,
            "quarter {quarter}"
        );
    }
    assert_eq!(leader(&env).await.as_deref(), Some("a"));
}

async fn a_leader_that_stops_hands_over_at_once(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let config = SchedulerConfig {
        leadership: Some(TERM),
        idle: Duration::from_secs(3600),
        ..env.config("a")
    };
    let (shutdown, stop) = watch::channel(false);
    let running = tokio::spawn(env.scheduler_with(config, Pacer::default()).run(stop));
    env.enqueue("prompt:sent-by-a", T0, None, None).await;
    env.discord.wait_for_messages(1).await;
    assert_eq!(leader(&env).await.as_deref(), Some("a"));

    shutdown.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("the loop stops when asked")
        .unwrap();

    assert_eq!(leader(&env).await, None, "a gave the leadership up");
    env.enqueue("prompt:sent-by-b", T0, None, None).await;
    let report = leading(&env, "b").run_due_once().await.unwrap();
    assert_eq!(
        (report.following, report.sent),
        (false, 1),
        "b took over at once, with a's term still running by the clock"
    );
    assert_all_once(&env.discord, 2);
}

async fn two_instances_asking_at_once_get_one_leader(db: &TestDb) {
    let env = Env::new(db, T0).await;
    for round in 0..20 {
        env.clock.set(T0 + round * 60 * SECOND);
        let owners: Vec<String> = (0..4).map(|n| format!("r{round}-{n}")).collect();
        let steps: Vec<_> = owners
            .iter()
            .map(|owner| {
                let scheduler = leading(&env, owner);
                tokio::spawn(async move { scheduler.run_due_once().await })
            })
            .collect();
        let mut reports = Vec::new();
        for step in steps {
            reports.push(step.await.unwrap());
        }
        let leaders: Vec<&String> = owners
            .iter()
            .zip(&reports)
            .filter(|(_, report)| !report.as_ref().unwrap().following)
            .map(|(owner, _)| owner)
            .collect();
        assert_eq!(leaders.len(), 1, "round {round}: {leaders:?}");
        assert_eq!(leader(&env).await.as_ref(), Some(leaders[0]));
    }
}
