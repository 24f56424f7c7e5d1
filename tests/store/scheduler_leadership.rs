//! Several instances on one PostgreSQL database: one leads and sends, the others stand by,
//! and one of them takes over as soon as the leader's session ends (it stopped, was killed,
//! or the database cut it). The leadership does not age: a leader keeps it for as long as its
//! session lives, whatever the clock says. PostgreSQL only: an SQLite file belongs to one
//! process.

use std::time::Duration;

use crate::bench::*;
use crate::store_backends::TestDb;
use cohortbot::model::DeliveryState;
use cohortbot::scheduler::*;
use sqlx::{Connection, Executor, PgConnection};
use tokio::sync::watch;

postgres_tests!(
    only_the_leader_sends_and_the_others_stand_by,
    a_follower_takes_over_once_the_leaders_session_ends_and_not_before,
    a_new_leader_sends_at_once_what_the_dead_leader_had_leased,
    a_leader_keeps_its_leadership_however_long_it_leads,
    a_leader_that_stops_hands_over_at_once,
    a_standby_waits_in_the_database_and_sends_once_the_leader_is_gone,
    a_standby_whose_wait_the_server_gives_up_waits_again_on_the_same_session,
    a_standby_whose_session_is_cut_connects_again_and_takes_over,
    instances_asking_at_once_get_one_leader,
);

/// A bound for a wait that only fails the test; nothing here is measured against it.
const FAILURE_BOUND: Duration = Duration::from_secs(30);

fn leading(env: &Env<'_>, owner: &str) -> Scheduler {
    env.scheduler_with(
        SchedulerConfig {
            leadership: true,
            ..env.config(owner)
        },
        Pacer::default(),
    )
}

async fn leader(env: &Env<'_>) -> Option<String> {
    current_leader(env.store()).await.unwrap()
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

async fn a_follower_takes_over_once_the_leaders_session_ends_and_not_before(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let (a, b) = (leading(&env, "a"), leading(&env, "b"));
    a.run_due_once().await.unwrap();
    env.enqueue("prompt:after-a-died", T0, None, None).await;
    assert!(b.run_due_once().await.unwrap().following, "a still leads");

    end_session(db, "a").await;
    let report = b.run_due_once().await.unwrap();

    assert_eq!((report.following, report.sent), (false, 1));
    assert_eq!(leader(&env).await.as_deref(), Some("b"));
    assert!(
        a.run_due_once().await.is_err(),
        "a finds its session gone, and says so"
    );
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

    end_session(db, "a").await;
    let report = b.run_due_once().await.unwrap();

    assert_eq!(
        report.sent, 1,
        "b sent it at once, thirty seconds before a's lease would have run out"
    );
    assert_eq!(env.delivery(id).await.state, DeliveryState::Sent);
    assert_all_once(&env.discord, 1);
}

async fn a_leader_keeps_its_leadership_however_long_it_leads(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let (a, b) = (leading(&env, "a"), leading(&env, "b"));
    for day in 0..12 {
        env.clock.set(T0 + day * DAY);
        assert!(!a.run_due_once().await.unwrap().following, "day {day}");
        assert!(b.run_due_once().await.unwrap().following, "day {day}");
    }
    assert_eq!(leader(&env).await.as_deref(), Some("a"));
}

async fn a_leader_that_stops_hands_over_at_once(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let config = SchedulerConfig {
        leadership: true,
        idle: Duration::from_secs(3600),
        ..env.config("a")
    };
    let (shutdown, stop) = watch::channel(false);
    // Kept, so that what ends a's session is a's stepping down, not its end.
    let a = env.scheduler_with(config, Pacer::default());
    let running = tokio::spawn(a.clone().run(stop));
    env.enqueue("prompt:sent-by-a", T0, None, None).await;
    env.discord.wait_for_messages(1).await;
    assert_eq!(leader(&env).await.as_deref(), Some("a"));

    shutdown.send(true).unwrap();
    tokio::time::timeout(FAILURE_BOUND, running)
        .await
        .expect("the loop stops when asked")
        .unwrap();

    assert_eq!(leader(&env).await, None, "a gave the leadership up");
    env.enqueue("prompt:sent-by-b", T0, None, None).await;
    let report = leading(&env, "b").run_due_once().await.unwrap();
    assert_eq!(
        (report.following, report.sent),
        (false, 1),
        "b took over at once"
    );
    assert_all_once(&env.discord, 2);
}

async fn a_standby_waits_in_the_database_and_sends_once_the_leader_is_gone(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let standby = a_leads_and_b_stands_by(&env, Duration::from_secs(3600)).await;
    wait_for_the_lock(db, "b", None).await;
    env.enqueue("prompt:while-b-waits", T0, None, None).await;

    assert_eq!(
        standby.rest.borrow().rounds,
        0,
        "b has not looked at what is due while it waits"
    );
    assert_eq!(env.discord.messages().len(), 0, "nothing sent by b");
    standby.b_takes_over(db, &env).await;
}

async fn a_standby_whose_wait_the_server_gives_up_waits_again_on_the_same_session(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let standby = a_leads_and_b_stands_by(&env, Duration::from_secs(1)).await;
    let first = wait_for_the_lock(db, "b", None).await;
    let again = wait_for_the_lock(db, "b", Some(&first)).await;
    env.enqueue("prompt:after-waiting-twice", T0, None, None)
        .await;

    assert_eq!(
        again.pid, first.pid,
        "the wait was asked again on the same session"
    );
    standby.b_takes_over(db, &env).await;
}

async fn a_standby_whose_session_is_cut_connects_again_and_takes_over(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let standby = a_leads_and_b_stands_by(&env, Duration::from_secs(3600)).await;
    let first = wait_for_the_lock(db, "b", None).await;

    end_session(db, "b").await;
    let again = wait_for_the_lock(db, "b", Some(&first)).await;
    env.enqueue("prompt:after-b-was-cut", T0, None, None).await;

    assert_ne!(again.pid, first.pid, "b waits on a new session");
    standby.b_takes_over(db, &env).await;
}

/// "a", led by hand, and "b", running its loop with the idle time `idle`.
struct Standby {
    _a: Scheduler,
    rest: watch::Receiver<Rest>,
    shutdown: watch::Sender<bool>,
    running: tokio::task::JoinHandle<()>,
}

/// Starts b's loop once a leads; b's first step is to stand by.
async fn a_leads_and_b_stands_by(env: &Env<'_>, idle: Duration) -> Standby {
    let a = leading(env, "a");
    a.run_due_once().await.unwrap();
    let (shutdown, stop) = watch::channel(false);
    let config = SchedulerConfig {
        leadership: true,
        idle,
        ..env.config("b")
    };
    let b = env.scheduler_with(config, Pacer::default());
    Standby {
        _a: a,
        rest: b.rest(),
        shutdown,
        running: tokio::spawn(b.run(stop)),
    }
}

impl Standby {
    /// Ends a's session; b takes over and sends the one delivery queued, then stops.
    async fn b_takes_over(self, db: &TestDb, env: &Env<'_>) {
        end_session(db, "a").await;
        env.discord.wait_for_messages(1).await;

        assert_eq!(leader(env).await.as_deref(), Some("b"));
        self.shutdown.send(true).unwrap();
        tokio::time::timeout(FAILURE_BOUND, self.running)
            .await
            .expect("the loop stops when asked")
            .unwrap();
        assert_all_once(&env.discord, 1);
    }
}

async fn instances_asking_at_once_get_one_leader(db: &TestDb) {
    let env = Env::new(db, T0).await;
    for round in 0..20 {
        let owners: Vec<String> = (0..4).map(|n| format!("r{round}-{n}")).collect();
        let steps: Vec<_> = owners
            .iter()
            .map(|owner| {
                let scheduler = leading(&env, owner);
                tokio::spawn(async move { (scheduler.run_due_once().await, scheduler) })
            })
            .collect();
        let mut leaders = Vec::new();
        for (owner, step) in owners.iter().zip(steps) {
            let (report, scheduler) = step.await.unwrap();
            if !report.unwrap().following {
                leaders.push((owner, scheduler));
            }
        }
        let names: Vec<&String> = leaders.iter().map(|(owner, _)| *owner).collect();
        assert_eq!(names.len(), 1, "round {round}: {names:?}");
        assert_eq!(leader(&env).await.as_ref(), Some(names[0]));
        leaders[0].1.step_down().await;
    }
}

/// Ends the database session of the instance named `owner`, as a kill or a network cut
/// would, and waits until the server has ended it.
async fn end_session(db: &TestDb, owner: &str) {
    let ended: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = $1",
    )
    .bind(owner)
    .fetch_all(&mut outside(db).await)
    .await
    .expect("end the session");
    assert_eq!(ended, [true], "{owner} had one session, now ended");
}

/// A wait for the leadership's lock, as the database shows it: the waiting session, and when
/// its wait began.
#[derive(Debug, PartialEq, sqlx::FromRow)]
struct Wait {
    pid: i32,
    since: String,
}

/// Waits until the instance named `owner` waits for the leadership's lock in the database,
/// in a wait other than `other`.
async fn wait_for_the_lock(db: &TestDb, owner: &str, other: Option<&Wait>) -> Wait {
    let mut connection = outside(db).await;
    let waiting = async {
        loop {
            let wait: Option<Wait> = sqlx::query_as(
                "SELECT a.pid, a.query_start::text AS since
                 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.locktype = 'advisory' AND NOT l.granted AND a.application_name = $1
                   AND a.datname = current_database()",
            )
            .bind(owner)
            .fetch_optional(&mut connection)
            .await
            .expect("read the locks");
            match wait {
                Some(wait) if other != Some(&wait) => return wait,
                _ => tokio::task::yield_now().await,
            }
        }
    };
    tokio::time::timeout(FAILURE_BOUND, waiting)
        .await
        .expect("the standby waits for the lock")
}

async fn outside(db: &TestDb) -> PgConnection {
    let mut connection = PgConnection::connect(db.url())
        .await
        .expect("a connection of the test's own");
    connection.execute("SELECT 1").await.expect("it answers");
    connection
}
