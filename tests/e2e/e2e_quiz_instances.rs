//! Live quizzes with several instances on one PostgreSQL database: an instance that starts
//! ends the quizzes nobody runs any more, with the results so far, and leaves alone those
//! another live instance is running. Needs PostgreSQL (`COHORTBOT_TEST_POSTGRES_URL`);
//! skipped without it, failed without it in CI.

use std::time::Duration;

use crate::bot::{Backend, TestClock};
use crate::learning;
use crate::learning::world_on;
use chrono::Utc;
use cohortbot::app::Application;
use cohortbot::domain::quiz::ABANDONED_AFTER_MS;
use cohortbot::model::{ChannelId, QuizState};

const MINI: &str = "tests/fixtures/packs/valid";

/// A bound for a wait that only fails the test.
const FAILURE_BOUND: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_starting_instance_ends_only_the_quizzes_nobody_runs() {
    if !Backend::postgres_configured("a_starting_instance_ends_only_the_quizzes_nobody_runs") {
        return;
    }
    let clock = TestClock::at(Utc::now());
    let world = world_on(MINI, "mini-course", clock.clone(), Backend::Postgres).await;
    let fake = &world.bot.fake;
    let store = &world.bot.store;
    let general = world.facilitator.channel_id();
    let room = world.channel;

    // A quiz whose question nobody closed long after its time was up: its instance is gone.
    world
        .facilitator
        .slash("quiz start", [("module", "basics")])
        .await;
    let abandoned = live_quiz_in(&world, general).await;
    clock.advance(chrono::Duration::milliseconds(
        i64::from(abandoned.seconds) * 1000 + ABANDONED_AFTER_MS + 1000,
    ));
    // A quiz the first instance is running: its question is open.
    world
        .facilitator
        .in_channel(room)
        .slash("quiz start", [("module", "basics")])
        .await;
    let running = live_quiz_in(&world, room).await;

    let second = Application::build_with_clock(world.bot.config(), clock.clone())
        .await
        .expect("a second instance on the same database")
        .without_worker_loops();
    let stop = second.bot.stop_handle();
    let activity = second.bot.activity();
    let second = tokio::spawn(second.run_until_stopped());
    tokio::time::timeout(FAILURE_BOUND, activity.set_up())
        .await
        .expect("the second instance sets itself up");
    stop.stop().await;
    second
        .await
        .expect("the second instance's task ends")
        .expect("the second instance stops cleanly");

    let ended = store.quiz(abandoned.id).await.unwrap().expect("the quiz");
    assert_eq!(ended.state, QuizState::Ended, "nobody ran it: ended");
    assert!(
        fake.messages(general)
            .iter()
            .any(|m| m.text().contains("because the bot restarted")),
        "its channel is told why"
    );
    let still = store.quiz(running.id).await.unwrap().expect("the quiz");
    assert_eq!(
        still.state,
        QuizState::Running,
        "the live instance's quiz runs on"
    );
    assert_eq!(still.current_index, 0);
    assert!(
        !fake
            .messages(room)
            .iter()
            .any(|m| m.text().contains("Live quiz · ended")),
        "its question stays open"
    );
    fake.assert_no_violations();
}

async fn live_quiz_in(
    world: &learning::World,
    channel: serenity::all::ChannelId,
) -> cohortbot::model::QuizRun {
    world
        .bot
        .store
        .live_quiz_in(ChannelId(channel.get()))
        .await
        .unwrap()
        .expect("a live quiz in the channel")
}
