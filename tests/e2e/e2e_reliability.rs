//! What the bot does when things go wrong around it, end to end: an interaction Discord sends
//! twice, two clicks at once, a server error on the answer to a click or a command, an answer
//! Discord is slow to confirm, a database held busy, a message whose answer was lost and is
//! tried again after Discord forgot its nonce.

use std::sync::Arc;
use std::time::Duration;

use crate::bot;
use crate::bot::{Backend, TestClock};
use crate::learning::{trainee, world, world_on, world_on_clock, World};
use chrono::{TimeZone, Utc};
use cohortbot::discord::commands;
use cohortbot::domain::Clock;
use cohortbot::model::{Answer, DeliveryId, MessageId, NewDelivery, TargetKind, UserId};
use cohortbot::scheduler::DeliveryPayload;
use cohortbot::store::FactsWanted;
use fake_discord::{CallbackType, FakeUser, Reply};
use sqlx::{Connection, Executor, SqliteConnection};

e2e_tests!(what_is_read_beside_the_claim_is_answered_once_when_replayed);

const MINI: &str = "tests/fixtures/packs/valid";
const CALLBACK: &str = "/interactions/{interaction_id}/{interaction_token}/callback";
const MESSAGES: &str = "/channels/{channel_id}/messages";
/// Longer than Discord (and the stand-in) remember a nonce.
const PAST_THE_NONCE_WINDOW: chrono::TimeDelta = chrono::TimeDelta::minutes(6);
const REMINDER: &str = "Reminder: the action learning set meets tomorrow at 18:00.";

/// Opens the exercises of the one-page `basics` module at its first question.
async fn first_question(user: &FakeUser) -> Reply {
    let page = user.slash("module", [("module", "basics")]).await;
    user.click(&page, "Start the exercises (2)").await
}

/// The answers recorded in `user`'s open attempt at `basics`.
async fn answers(world: &World, user: &FakeUser) -> Vec<Answer> {
    let store = &world.bot.store;
    let facts = store
        .member_facts(
            world.cohort.id,
            UserId(user.id().get()),
            FactsWanted::default(),
        )
        .await
        .unwrap();
    let attempt = facts.open_attempt("basics").expect("an open attempt");
    store.answers(attempt.id).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_command_is_left_alone() {
    let world = world(MINI, "mini-course").await;
    let alice = world
        .bot
        .fake
        .add_member(fake_discord::MemberSpec::new("alice"));
    let joined = alice
        .slash("cohort join", [("code", &world.join_code)])
        .await;

    let replayed = world.bot.fake.replay_interaction(&joined).await;

    assert_eq!(replayed.messages().len(), joined.messages().len());
    assert_eq!(replayed.text(), joined.text());
    assert_eq!(memberships(&world, &alice).await, 1);
}

/// The commands and clicks that read beside taking their interaction on (see
/// `discord::once`), each sent again as a gateway replay: the repeat is left alone, as the
/// stand-in fails the test on a second answer to one interaction. The commands are every one
/// that declares so: one declared later fails this test until it is replayed here too.
async fn what_is_read_beside_the_claim_is_answered_once_when_replayed(backend: Backend) {
    let clock = Arc::new(cohortbot::domain::SystemClock);
    let world = world_on(MINI, "mini-course", clock, backend).await;
    let alice = trainee(&world, "alice").await;
    let commands: [(&str, &[(&str, &str)]); 5] = [
        ("help", &[]),
        ("course", &[]),
        ("progress", &[]),
        ("badges show", &[]),
        ("module", &[("module", "basics")]),
    ];
    let mut replayed: Vec<&str> = commands.iter().map(|(name, _)| *name).collect();
    replayed.sort_unstable();
    assert_eq!(replayed, claiming_beside_their_read());
    for (command, options) in commands {
        let reply = alice.slash_with(command, options).await;
        assert!(!reply.text().is_empty(), "/{command} was answered");

        let replayed = world.bot.fake.replay_interaction(&reply).await;

        assert_eq!(replayed.messages().len(), 1, "/{command}");
        assert_eq!(replayed.text(), reply.text(), "/{command}");
    }
    let question = first_question(&alice).await;
    assert!(question.text().contains("True"), "{}", question.text());
    let replayed = world.bot.fake.replay_interaction(&question).await;
    assert_eq!(replayed.text(), question.text());
    assert!(replayed.followups().is_empty(), "{}", replayed.text());
    let pages = alice.click(&question, "Read the pages again").await;
    let replayed = world.bot.fake.replay_interaction(&pages).await;
    assert_eq!(replayed.text(), pages.text());
    assert!(replayed.followups().is_empty(), "{}", replayed.text());
}

/// The commands that declare they take their interaction on beside their read, subcommands
/// by their full name, sorted.
fn claiming_beside_their_read() -> Vec<String> {
    fn walk(command: &Command, parent: &str, found: &mut Vec<String>) {
        let name = format!("{parent}{}", command.name);
        if commands::claims_beside_its_read(command) {
            found.push(name.clone());
        }
        let parent = format!("{name} ");
        command
            .subcommands
            .iter()
            .for_each(|sub| walk(sub, &parent, found));
    }
    let mut found = Vec::new();
    commands::all()
        .iter()
        .for_each(|command| walk(command, "", &mut found));
    found.sort_unstable();
    found
}

type Command = poise::Command<cohortbot::discord::Data, cohortbot::discord::Error>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_answer_is_recorded_and_answered_once() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;
    let question = first_question(&alice).await;
    let answered = alice.click(&question, "True").await;

    let replayed = world.bot.fake.replay_interaction(&answered).await;

    assert_eq!(replayed.callback(), Some(CallbackType::UpdateMessage));
    assert!(replayed.followups().is_empty(), "{}", replayed.text());
    assert_eq!(answers(&world, &alice).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_two_clicks_at_once_one_answer_counts_and_the_other_is_told() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;
    let question = first_question(&alice).await;

    let (first, second) = tokio::join!(
        alice.click(&question, "True"),
        alice.click(&question, "False")
    );

    let (counted, told) = if first.callback() == Some(CallbackType::UpdateMessage) {
        (first, second)
    } else {
        (second, first)
    };
    assert_eq!(counted.callback(), Some(CallbackType::UpdateMessage));
    assert_eq!(told.callback(), Some(CallbackType::Message));
    assert!(told.is_ephemeral());
    assert!(
        told.text().contains("already been answered"),
        "{}",
        told.text()
    );
    let recorded = answers(&world, &alice).await;
    assert_eq!(recorded.len(), 1);
    let kept = if counted.text().contains("Right!") {
        "true"
    } else {
        "false"
    };
    assert!(
        recorded[0].answer.contains(kept),
        "what the clicker was told counted is what was kept: {} / {}",
        recorded[0].answer,
        counted.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_error_on_the_answer_is_tried_again_at_once() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;
    let question = first_question(&alice).await;
    world.bot.fake.fail_next("POST", CALLBACK, 500);

    let answered = alice.click(&question, "True").await;

    assert_eq!(answered.callback(), Some(CallbackType::UpdateMessage));
    assert!(answered.text().contains("Right!"), "{}", answered.text());
    assert!(answered.button("Next question (2 of 2)").is_some());
    assert_eq!(last_two_callbacks(&world), [500, 204]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_error_on_a_commands_answer_is_tried_again_at_once() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;
    world.bot.fake.fail_next("POST", CALLBACK, 500);

    let help = alice.slash("help", []).await;

    assert_eq!(help.callback(), Some(CallbackType::Message));
    assert!(help.text().contains("/course"), "{}", help.text());
    assert_eq!(last_two_callbacks(&world), [500, 204]);
}

/// The statuses Discord gave the bot's last two interaction callbacks.
fn last_two_callbacks(world: &World) -> [u16; 2] {
    let callbacks: Vec<u16> = world
        .bot
        .fake
        .requests()
        .iter()
        .filter(|r| r.route == Some(CALLBACK))
        .map(|r| r.status)
        .collect();
    [
        callbacks[callbacks.len() - 2],
        callbacks[callbacks.len() - 1],
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_held_busy_gets_an_acknowledgement_then_the_truth() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;
    let question = first_question(&alice).await;
    let mut other_writer = SqliteConnection::connect(world.bot.database_url())
        .await
        .unwrap();
    other_writer.execute("BEGIN IMMEDIATE").await.unwrap();

    let while_busy = alice.click(&question, "True").await;

    other_writer.execute("ROLLBACK").await.unwrap();
    assert_eq!(while_busy.callback(), Some(CallbackType::DeferredUpdate));
    let told = while_busy.followups();
    assert_eq!(told.len(), 1);
    assert!(
        told[0].content.contains("nothing was changed"),
        "{}",
        told[0].content
    );
    assert!(answers(&world, &alice).await.is_empty());

    let again = alice.click(&question, "True").await;
    assert_eq!(again.callback(), Some(CallbackType::UpdateMessage));
    assert_eq!(answers(&world, &alice).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_while_the_database_is_held_busy_is_acknowledged_then_told() {
    let world = world(MINI, "mini-course").await;
    let alice = world
        .bot
        .fake
        .add_member(fake_discord::MemberSpec::new("alice"));
    let mut other_writer = SqliteConnection::connect(world.bot.database_url())
        .await
        .unwrap();
    other_writer.execute("BEGIN IMMEDIATE").await.unwrap();

    let while_busy = alice
        .slash("cohort join", [("code", &world.join_code)])
        .await;

    other_writer.execute("ROLLBACK").await.unwrap();
    assert_eq!(while_busy.callback(), Some(CallbackType::DeferredMessage));
    assert!(while_busy.is_ephemeral());
    assert!(
        while_busy.text().contains("nothing was changed"),
        "{}",
        while_busy.text()
    );
    assert_eq!(memberships(&world, &alice).await, 0);

    let again = alice
        .slash("cohort join", [("code", &world.join_code)])
        .await;
    assert_eq!(again.callback(), Some(CallbackType::Message));
    assert_eq!(memberships(&world, &alice).await, 1);
}

/// A reply Discord is slow to confirm is left to arrive: the watchdog acknowledges only a
/// command that has not begun to answer, so the command is answered once, never refused as
/// acknowledged already.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_discord_is_slow_to_confirm_is_not_acknowledged_over() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;
    let fake = &world.bot.fake;
    fake.answer_next_late("POST", CALLBACK, Duration::from_secs(2));

    let help = alice.slash("help", []).await;

    assert_eq!(help.callback(), Some(CallbackType::Message));
    assert!(help.text().contains("/course"), "{}", help.text());
    fake.assert_no_violations();
}

/// On PostgreSQL a writer holding the members' table makes `/cohort join` wait for its lock in
/// the command's own code, after the interaction was taken on: the command is acknowledged in
/// time, and when the lock is never let go the member is told nothing was changed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_waiting_on_a_postgresql_lock_is_acknowledged_then_told_nothing_changed() {
    let test = "a_command_waiting_on_a_postgresql_lock_is_acknowledged_then_told_nothing_changed";
    let Some(Locked {
        world,
        mut other_writer,
        alice,
    }) = members_locked_on_postgres(test).await
    else {
        return;
    };

    let while_busy = alice
        .slash("cohort join", [("code", &world.join_code)])
        .await;

    other_writer.execute("ROLLBACK").await.unwrap();
    assert_eq!(while_busy.callback(), Some(CallbackType::DeferredMessage));
    assert!(
        while_busy.text().contains("nothing was changed"),
        "{}",
        while_busy.text()
    );
    assert!(while_busy.is_ephemeral());
    assert_eq!(memberships(&world, &alice).await, 0);
}

/// The same wait, with the lock let go once the command was acknowledged: the member is
/// enrolled and told so in the acknowledgement's place.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_acknowledged_while_waiting_on_a_postgresql_lock_then_gives_its_answer() {
    let test = "a_command_acknowledged_while_waiting_on_a_postgresql_lock_then_gives_its_answer";
    let Some(Locked {
        world,
        mut other_writer,
        alice,
    }) = members_locked_on_postgres(test).await
    else {
        return;
    };
    let let_go_once_acknowledged = async {
        assert!(alice.wait_for_deferred_reply().await);
        other_writer.execute("ROLLBACK").await.unwrap();
    };

    let (joined, ()) = tokio::join!(
        alice.slash("cohort join", [("code", &world.join_code)]),
        let_go_once_acknowledged
    );

    assert_eq!(joined.callback(), Some(CallbackType::DeferredMessage));
    assert!(joined.text().contains("Welcome to"), "{}", joined.text());
    assert!(joined.is_ephemeral());
    assert_eq!(memberships(&world, &alice).await, 1);
}

/// The mini course's world on PostgreSQL, with another connection holding the members' table
/// in a transaction, and alice about to join.
struct Locked {
    world: World,
    other_writer: sqlx::PgConnection,
    alice: FakeUser,
}

/// `None` when PostgreSQL is not configured (outside CI).
async fn members_locked_on_postgres(test: &str) -> Option<Locked> {
    if !bot::Backend::postgres_configured(test) {
        return None;
    }
    let clock = Arc::new(cohortbot::domain::SystemClock);
    let world = world_on(MINI, "mini-course", clock, bot::Backend::Postgres).await;
    let mut other_writer = sqlx::PgConnection::connect(world.bot.database_url())
        .await
        .unwrap();
    other_writer
        .execute("BEGIN; LOCK TABLE members IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let alice = world
        .bot
        .fake
        .add_member(fake_discord::MemberSpec::new("alice"));
    Some(Locked {
        world,
        other_writer,
        alice,
    })
}

/// How many times `user` is a member of the world's cohort.
async fn memberships(world: &World, user: &FakeUser) -> usize {
    let members = world.bot.store.list_members(world.cohort.id, None).await;
    let id = UserId(user.id().get());
    members.unwrap().iter().filter(|m| m.user_id == id).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_whose_answer_was_lost_is_found_not_posted_again() {
    let (world, clock) = world_on_test_clock().await;
    world.bot.fake.lose_next_answer("POST", MESSAGES, 502);
    let id = queue_reminder(&world, clock.as_ref()).await;

    let lost = world.bot.step().await;
    assert_eq!((lost.sent, lost.retrying), (0, 1));
    let arrived = reminders(&world);
    assert_eq!(arrived.len(), 1, "Discord made the message all the same");

    clock.advance(PAST_THE_NONCE_WINDOW);
    let found = world.bot.step().await;

    assert_eq!(found.sent, 1);
    assert_eq!(reminders(&world).len(), 1, "not posted a second time");
    let delivery = world.bot.store.delivery(id).await.unwrap().unwrap();
    assert_eq!(delivery.message_id, Some(MessageId(arrived[0].id.get())));
    let looked = world.bot.fake.requests();
    assert!(
        looked
            .iter()
            .any(|r| r.method == "GET" && r.route == Some(MESSAGES)),
        "the bot read the channel before deciding"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_that_never_arrived_is_posted_once_after_the_nonce_window() {
    let (world, clock) = world_on_test_clock().await;
    world.bot.fake.fail_next("POST", MESSAGES, 500);
    let id = queue_reminder(&world, clock.as_ref()).await;

    let failed = world.bot.step().await;
    assert_eq!((failed.sent, failed.retrying), (0, 1));
    assert!(reminders(&world).is_empty());

    clock.advance(PAST_THE_NONCE_WINDOW);
    assert_eq!(world.bot.step().await.sent, 1);

    let arrived = reminders(&world);
    assert_eq!(arrived.len(), 1);
    let delivery = world.bot.store.delivery(id).await.unwrap().unwrap();
    assert_eq!(delivery.message_id, Some(MessageId(arrived[0].id.get())));
}

/// The mini course's world on a clock the test moves (and the stand-in reads), with what
/// was due at the start already sent.
async fn world_on_test_clock() -> (World, Arc<TestClock>) {
    let clock = TestClock::at(Utc.with_ymd_and_hms(2026, 9, 6, 11, 0, 0).unwrap());
    let world = world_on_clock(MINI, "mini-course", clock.clone()).await;
    world.bot.step().await;
    (world, clock)
}

async fn queue_reminder(world: &World, clock: &TestClock) -> DeliveryId {
    let payload = DeliveryPayload {
        content: REMINDER.into(),
        ..DeliveryPayload::default()
    };
    let reminder = NewDelivery {
        schedule_id: None,
        dedupe_key: "test:reminder".into(),
        cohort_id: Some(world.cohort.id),
        target_kind: TargetKind::Channel,
        target_id: world.channel.get(),
        fallback_channel_id: None,
        payload: payload.to_json(),
        due_at: clock.now_ms(),
        expires_at: None,
    };
    let queued = world.bot.store.enqueue_delivery(&reminder).await.unwrap();
    queued.expect("a new delivery")
}

fn reminders(world: &World) -> Vec<fake_discord::Message> {
    let messages = world.bot.fake.messages(world.channel);
    messages
        .into_iter()
        .filter(|m| m.content == REMINDER)
        .collect()
}
