//! What the bot does when things go wrong around it, end to end: an interaction Discord sends
//! twice, two clicks at once, a server error on the answer, a database held busy.

#[path = "common/bot.rs"]
mod bot;
#[path = "common/learning.rs"]
mod learning;

use cohortbot::model::{Answer, UserId};
use fake_discord::{CallbackType, FakeUser, Reply};
use learning::{trainee, world, World};
use sqlx::{Connection, Executor, SqliteConnection};

const MINI: &str = "tests/fixtures/packs/valid";
const CALLBACK: &str = "/interactions/{interaction_id}/{interaction_token}/callback";

/// Opens the exercises of the one-page `basics` module at its first question.
async fn first_question(user: &FakeUser) -> Reply {
    let page = user.slash("module", [("module", "basics")]).await;
    user.click(&page, "Start the exercises (2)").await
}

/// The answers recorded in `user`'s open attempt at `basics`.
async fn answers(world: &World, user: &FakeUser) -> Vec<Answer> {
    let store = &world.bot.store;
    let attempt = store
        .open_attempt(world.cohort.id, UserId(user.id().get()), "basics")
        .await
        .unwrap()
        .expect("an open attempt");
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
    let members = world
        .bot
        .store
        .list_members(world.cohort.id, None)
        .await
        .unwrap();
    let alices = members
        .iter()
        .filter(|m| m.user_id == UserId(alice.id().get()))
        .count();
    assert_eq!(alices, 1);
}

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
    let callbacks: Vec<u16> = world
        .bot
        .fake
        .requests()
        .iter()
        .filter(|r| r.route == Some(CALLBACK))
        .map(|r| r.status)
        .collect();
    assert_eq!(&callbacks[callbacks.len() - 2..], &[500, 204]);
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
