//! The scheduler when its surroundings fail, on both backends: a store that goes away while a
//! send is under way, or refuses one outcome while it takes the rest, a send slower than its
//! lease (which holds up no other send), sends slower than a batch (never more under way than
//! a batch), a send that panics, resends after Discord has forgotten the first attempt's
//! nonce, a refused channel that is its own fallback, and a stop that comes in the middle of
//! a step. Discord is in memory;
//! `e2e_reliability` does the same against the Discord stand-in.

use std::future::Future;
use std::time::Duration;

use crate::bench::*;
use crate::store_backends::TestDb;
use cohortbot::domain::Clock;
use cohortbot::model::*;
use cohortbot::scheduler::*;
use cohortbot::store::{Backend, StoreError};
use tokio::sync::watch;
use tokio::task::JoinHandle;

store_tests!(
    outcomes_the_store_could_not_take_are_written_first_and_nothing_is_sent_again,
    a_lease_renewed_while_a_send_is_slow_is_not_taken_over,
    resends_rely_on_the_nonce_only_within_its_window,
    a_slow_send_holds_up_only_itself,
    no_more_than_a_batch_is_under_way_at_once,
    a_send_that_panics_is_counted_and_sent_once_when_its_lease_runs_out,
    a_refused_channel_that_is_its_own_fallback_is_not_posted_to_again,
    while_the_store_refuses_an_outcome_nothing_more_is_claimed,
    a_kept_outcome_is_written_once_the_store_takes_it_though_nothing_else_is_due,
    a_stop_during_a_step_lets_the_send_under_way_end_and_claims_no_more,
);

async fn outcomes_the_store_could_not_take_are_written_first_and_nothing_is_sent_again(
    db: &TestDb,
) {
    let env = Env::new(db, T0).await;
    let first = env.enqueue("outage:first", T0, None, None).await;
    let (scheduler, step) = send_held(&env, "a").await;

    take_deliveries_away(db).await;
    env.discord.release();
    let during = step.await.unwrap().unwrap();
    assert_eq!((during.sent, during.unrecorded), (0, 1));
    assert_eq!(scheduler.unwritten(), 1, "the outcome is kept");
    assert!(
        scheduler.run_due_once().await.is_err(),
        "nothing is claimed while the store is away"
    );

    bring_deliveries_back(db).await;
    env.clock.advance(LEASE * 2);
    let later = env
        .enqueue("outage:later", env.clock.now_ms(), None, None)
        .await;
    let after = scheduler.run_due_once().await.unwrap();

    assert_eq!(after.sent, 1, "only the new work is sent");
    assert_eq!(scheduler.unwritten(), 0);
    let posted = env.discord.messages();
    let first_sent = env.delivery(first).await;
    assert_eq!(first_sent.state, DeliveryState::Sent);
    assert_eq!(first_sent.message_id, Some(MessageId(posted[0].id)));
    assert_eq!(env.delivery(later).await.state, DeliveryState::Sent);
    assert_eq!(
        env.discord.requests_per_nonce()[&nonce_for("outage:first")],
        1,
        "the first message was not sent again"
    );
    assert_all_once(&env.discord, 2);
}

async fn a_lease_renewed_while_a_send_is_slow_is_not_taken_over(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let id = env.enqueue("slow:1", T0, None, None).await;
    let (slow, step) = send_held(&env, "slow").await;

    env.clock.advance(LEASE * 2 / 3);
    assert_eq!(slow.renew_leases().await.unwrap(), 1);
    env.clock.advance(LEASE * 2 / 3);
    let other = env.scheduler("other").run_due_once().await.unwrap();
    assert_eq!(
        other.sent, 0,
        "the renewed lease holds past the first one's end"
    );

    env.discord.release();
    assert_eq!(step.await.unwrap().unwrap().sent, 1);
    let sent = env.delivery(id).await;
    assert_eq!(sent.state, DeliveryState::Sent);
    assert_eq!(sent.locked_by.as_deref(), Some("slow"));
    assert_eq!(env.discord.requests_per_nonce()[&nonce_for("slow:1")], 1);
}

async fn resends_rely_on_the_nonce_only_within_its_window(db: &TestDb) {
    let env = Env::new(db, T0).await;
    env.discord.refuse_for_now(CHANNEL, "502 Bad Gateway");
    let id = env.enqueue("flaky:1", T0, None, None).await;
    let config = env.config("a");
    let window = config.nonce_window;
    let config = SchedulerConfig {
        // The second try comes exactly at the end of the window, still within it.
        retry_base: window,
        ..config
    };
    let scheduler = env.scheduler_with(config, Pacer::default());

    scheduler.run_due_once().await.unwrap();
    env.clock.set(env.delivery(id).await.retry_at.unwrap());
    scheduler.run_due_once().await.unwrap();
    let third_try = env.delivery(id).await.retry_at.unwrap();
    assert!(
        third_try - T0 > window.as_millis() as i64,
        "the test must pass the window"
    );
    env.discord.accept_again(CHANNEL);
    env.clock.set(third_try);
    assert_eq!(scheduler.run_due_once().await.unwrap().sent, 1);

    assert_eq!(
        env.discord.tried_since(),
        [None, None, Some(T0)],
        "within the window the nonce suffices; past it, Discord is asked what arrived since the first try"
    );
}

async fn a_slow_send_holds_up_only_itself(db: &TestDb) {
    let env = Env::new(db, T0).await;
    for n in 0..5 {
        env.enqueue(&format!("queue:{n}"), T0, None, None).await;
    }
    env.discord.hold_next();
    let config = SchedulerConfig {
        batch_size: 2,
        ..env.config("a")
    };
    let scheduler = env.scheduler_with(config, Pacer::default());
    let step = tokio::spawn({
        let scheduler = scheduler.clone();
        async move { scheduler.run_due_once().await }
    });
    env.discord.stalled().await;

    env.discord.wait_for_messages(5).await;
    assert!(!step.is_finished(), "the slow send is still under way");
    env.discord.release();
    let report = step.await.unwrap().unwrap();

    assert_eq!(report.sent, 5);
    assert_all_once(&env.discord, 5);
}

async fn no_more_than_a_batch_is_under_way_at_once(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let ids = env.enqueue_many(8).await;
    env.discord.hold_every_send();
    let config = SchedulerConfig {
        batch_size: 4,
        ..env.config("a")
    };
    let scheduler = env.scheduler_with(config, Pacer::default());
    let step = tokio::spawn(async move { scheduler.run_due_once().await });
    env.discord.wait_for_messages(4).await;

    env.discord.let_through(2);
    env.discord.wait_for_messages(6).await;
    assert_eq!(
        states(&env, &ids).await,
        [
            [DeliveryState::Pending; 2].as_slice(),
            &[DeliveryState::Running; 4],
            &[DeliveryState::Sent; 2],
        ]
        .concat(),
        "half a batch ended, so as many were claimed"
    );

    env.discord.let_through(6);
    assert_eq!(step.await.unwrap().unwrap().sent, 8);
    assert_all_once(&env.discord, 8);
}

async fn a_send_that_panics_is_counted_and_sent_once_when_its_lease_runs_out(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let id = env.enqueue("panics:1", T0, None, None).await;
    env.discord.stall_next(Stall::Panics);
    let scheduler = env.scheduler("a");

    let report = scheduler.run_due_once().await.unwrap();
    assert_eq!((report.sent, report.unrecorded), (0, 1));
    assert_eq!(env.delivery(id).await.state, DeliveryState::Running);

    env.clock.advance(LEASE);
    assert_eq!(scheduler.run_due_once().await.unwrap().sent, 1);
    assert_eq!(env.delivery(id).await.state, DeliveryState::Sent);
    assert_all_once(&env.discord, 1);
}

async fn a_refused_channel_that_is_its_own_fallback_is_not_posted_to_again(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let reason = "403 Forbidden (50013: Missing Permissions)";
    env.discord.refuse(CHANNEL, reason);
    let id = env
        .enqueue("prompt:own", T0, None, Some(ChannelId(CHANNEL)))
        .await;

    let report = env.scheduler("a").run_due_once().await.unwrap();

    assert_eq!((report.dead, report.fell_back, report.sent), (1, 0, 0));
    assert_eq!(env.delivery(id).await.last_error.as_deref(), Some(reason));
    assert_eq!(
        env.discord.requests_per_nonce().len(),
        1,
        "one request only"
    );
}

async fn while_the_store_refuses_an_outcome_nothing_more_is_claimed(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let ids = env.enqueue_many(2).await;
    let config = SchedulerConfig {
        batch_size: 1,
        ..env.config("a")
    };
    let scheduler = env.scheduler_with(config, Pacer::default());
    refuse_to_record_sends(db).await;

    let during = scheduler.run_due_once().await.unwrap();
    assert_eq!((during.sent, during.unrecorded), (0, 1));
    assert_eq!(scheduler.unwritten(), 1, "the outcome is kept");
    assert_eq!(env.discord.messages().len(), 1, "the second was not sent");
    assert_eq!(
        states(&env, &ids).await,
        [DeliveryState::Pending, DeliveryState::Running],
        "one sent, its outcome not yet written; one never claimed"
    );

    record_sends_again(db).await;
    let after = scheduler.run_due_once().await.unwrap();
    assert_eq!(after.sent, 1);
    assert_eq!(scheduler.unwritten(), 0);
    assert_eq!(states(&env, &ids).await, [DeliveryState::Sent; 2]);
    assert_all_once(&env.discord, 2);
}

async fn a_kept_outcome_is_written_once_the_store_takes_it_though_nothing_else_is_due(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let id = env.enqueue("kept:1", T0, None, None).await;
    let config = SchedulerConfig {
        tick: Duration::from_millis(50),
        idle: Duration::from_secs(3600),
        ..env.config("a")
    };
    let scheduler = env.scheduler_with(config, Pacer::default());
    refuse_to_record_sends(db).await;
    let mut rounds = scheduler.rest();
    let (stop, shutdown) = watch::channel(false);
    let running = tokio::spawn(scheduler.clone().run(shutdown));

    env.discord.wait_for_messages(1).await;
    after_rounds_until(&mut rounds, || async { scheduler.unwritten() == 1 }).await;
    record_sends_again(db).await;
    after_rounds_until(&mut rounds, || async {
        env.delivery(id).await.state == DeliveryState::Sent
    })
    .await;

    stop.send(true).unwrap();
    running.await.unwrap();
    assert_eq!(scheduler.unwritten(), 0);
    assert_all_once(&env.discord, 1);
}

/// Returns once `holds` is true, asked again after each round of the scheduler's loop.
async fn after_rounds_until<F: Future<Output = bool>>(
    rounds: &mut watch::Receiver<Rest>,
    holds: impl Fn() -> F,
) {
    let wait = async {
        while !holds().await {
            rounds.changed().await.expect("the scheduler runs");
        }
    };
    tokio::time::timeout(Duration::from_secs(10), wait)
        .await
        .expect("it comes to hold within a few rounds");
}

async fn a_stop_during_a_step_lets_the_send_under_way_end_and_claims_no_more(db: &TestDb) {
    let env = Env::new(db, T0).await;
    let ids = env.enqueue_many(3).await;
    let config = SchedulerConfig {
        batch_size: 1,
        ..env.config("a")
    };
    let scheduler = env.scheduler_with(config, Pacer::default());
    env.discord.hold_next();
    let (stop, shutdown) = watch::channel(false);
    let running = tokio::spawn(scheduler.clone().run(shutdown));
    env.discord.stalled().await;

    stop.send(true).unwrap();
    env.discord.release();
    running.await.unwrap();

    assert_all_once(&env.discord, 1);
    assert_eq!(
        states(&env, &ids).await,
        [
            DeliveryState::Pending,
            DeliveryState::Pending,
            DeliveryState::Sent
        ],
        "the send under way ended and was recorded; the rest wait for the next start"
    );
}

/// The states of deliveries `ids`, in alphabetical order: which of them a step took is not
/// the test's concern.
async fn states(env: &Env<'_>, ids: &[DeliveryId]) -> Vec<DeliveryState> {
    let mut states = Vec::new();
    for id in ids {
        states.push(env.delivery(*id).await.state);
    }
    states.sort_by_key(|state| state.as_str());
    states
}

/// Makes the store refuse to record a send while it still takes every other write, as a
/// database does that fails one statement (a constraint, a lock timeout).
async fn refuse_to_record_sends(db: &TestDb) {
    let sql = match db.store.backend() {
        Backend::Sqlite => {
            "CREATE TRIGGER refuse_sent BEFORE UPDATE ON deliveries WHEN NEW.state = 'sent'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
        }
        Backend::Postgres => {
            "CREATE FUNCTION refuse_sent() RETURNS trigger LANGUAGE plpgsql
                 AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
             CREATE TRIGGER refuse_sent BEFORE UPDATE ON deliveries
                 FOR EACH ROW WHEN (NEW.state = 'sent') EXECUTE FUNCTION refuse_sent()"
        }
    };
    db.execute_outside(sql).await;
}

async fn record_sends_again(db: &TestDb) {
    let sql = match db.store.backend() {
        Backend::Sqlite => "DROP TRIGGER refuse_sent",
        Backend::Postgres => "DROP TRIGGER refuse_sent ON deliveries",
    };
    db.execute_outside(sql).await;
}

/// Starts a step of a scheduler named `owner` whose send posts and then is held: the step's
/// send is under way when this returns.
async fn send_held(
    env: &Env<'_>,
    owner: &str,
) -> (Scheduler, JoinHandle<Result<RunReport, StoreError>>) {
    env.discord.hold_next();
    let scheduler = env.scheduler(owner);
    let step = tokio::spawn({
        let scheduler = scheduler.clone();
        async move { scheduler.run_due_once().await }
    });
    env.discord.stalled().await;
    (scheduler, step)
}

async fn take_deliveries_away(db: &TestDb) {
    db.execute_outside("ALTER TABLE deliveries RENAME TO deliveries_away")
        .await;
}

async fn bring_deliveries_back(db: &TestDb) {
    db.execute_outside("ALTER TABLE deliveries_away RENAME TO deliveries")
        .await;
}
