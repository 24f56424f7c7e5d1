//! Live quizzes in a channel, end to end: three trainees answer, the room sees the count,
//! the reveal and the leaderboard; facilitators alone run it; two channels at once; a
//! restart ends a quiz cleanly with the results so far.

use std::path::Path;

use crate::bot::TestClock;
use crate::files;
use crate::learning;
use crate::learning::{trainee, world_on_clock, World};
use chrono::Utc;
use cohortbot::domain::SystemClock;
use fake_discord::{FakeDiscord, Message};
use serenity::all::ChannelId;

const MINI: &str = "tests/fixtures/packs/valid";

/// The channel's messages, which must satisfy `check`.
fn messages_where(
    fake: &FakeDiscord,
    channel: ChannelId,
    what: &str,
    check: impl Fn(&[Message]) -> bool,
) -> Vec<Message> {
    let messages = fake.messages(channel);
    if check(&messages) {
        return messages;
    }
    panic!(
        "{what}: {:#?}",
        fake.messages(channel)
            .iter()
            .map(Message::text)
            .collect::<Vec<_>>()
    );
}

fn open_question(messages: &[Message], number: usize) -> Option<Message> {
    messages
        .iter()
        .find(|m| {
            m.text().contains(&format!("question {number} of 2")) && !m.text().contains("closed")
        })
        .cloned()
}

async fn quiz_world() -> (World, std::sync::Arc<TestClock>) {
    let clock = TestClock::at(Utc::now());
    let world = world_on_clock(MINI, "mini-course", clock.clone()).await;
    (world, clock)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_trainees_answer_a_live_quiz_and_the_leaderboard_is_right() {
    let (world, clock) = quiz_world().await;
    let fake = &world.bot.fake;
    let room = world.channel;
    let [alice, bob, cat] = [
        trainee(&world, "alice").await,
        trainee(&world, "bob").await,
        trainee(&world, "cat").await,
    ];
    let fran = world.facilitator.in_channel(room);

    let started = fran
        .slash("quiz start", [("module", "basics"), ("seconds", "30")])
        .await;
    assert!(
        started.is_ephemeral() && started.text().contains("The quiz is on"),
        "{}",
        started.text()
    );
    let first = messages_where(fake, room, "question 1 posted", |m| {
        open_question(m, 1).is_some()
    });
    let question = open_question(&first, 1).unwrap();
    assert!(
        question.text().contains("Listening comes before action")
            && question.text().contains("Closes <t:"),
        "{}",
        question.text()
    );

    for (user, label) in [(&alice, "True"), (&bob, "True"), (&cat, "True")] {
        let ack = user.click(&question, label).await;
        assert!(
            ack.is_ephemeral() && ack.text().contains("Your answer is in: **True**"),
            "{}",
            ack.text()
        );
    }
    let changed = cat.click(&question, "False").await;
    assert!(
        changed.text().contains("**False**"),
        "cat changes her mind: {}",
        changed.text()
    );
    messages_where(fake, room, "the live count", |m| {
        m.iter().any(|x| x.text().contains("3 answered"))
    });

    clock.advance(chrono::Duration::seconds(31));
    world.bot.step().await;
    let second = messages_where(fake, room, "question 2 posted", |m| {
        open_question(m, 2).is_some()
    });
    let revealed = second
        .iter()
        .find(|m| m.text().contains("question 1 of 2 · closed"))
        .expect("question 1 revealed in place");
    assert!(
        revealed.text().contains("**Answer:** True")
            && revealed.text().contains("2 · True")
            && revealed.text().contains("1 · False"),
        "{}",
        revealed.text()
    );
    assert!(revealed.buttons().is_empty(), "no dead buttons are left");
    let late = bob.forge_click(revealed, "v1:lt:1:0:1").await;
    assert!(late.text().contains("Time is up"), "{}", late.text());

    let question = open_question(&second, 2).unwrap();
    for (user, pick) in [(&alice, "Listening"), (&bob, "Action"), (&cat, "Listening")] {
        let ack = user.select(&question, "Choose one", [pick]).await;
        assert!(
            ack.text().contains(&format!("**{pick}**")),
            "{}",
            ack.text()
        );
    }
    clock.advance(chrono::Duration::seconds(31));
    world.bot.step().await;
    let end = messages_where(fake, room, "the leaderboard", |m| {
        m.iter().any(|x| x.text().contains("Leaderboard"))
    });
    let board = end
        .iter()
        .find(|m| m.text().contains("Leaderboard"))
        .unwrap()
        .text();
    let (a, b, c) = (
        board.find(&alice.mention()).unwrap(),
        board.find(&bob.mention()).unwrap(),
        board.find(&cat.mention()).unwrap(),
    );
    assert!(
        board.contains(&format!("🥇 {} — 2 of 2", alice.mention())),
        "{board}"
    );
    assert!(
        a < b && b < c,
        "alice 2, then bob (1, answered first) and cat (1): {board}"
    );
    assert!(
        board.contains(&format!("{} — 1 of 2", cat.mention())),
        "{board}"
    );
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_facilitators_run_quizzes_two_run_at_once_and_a_restart_ends_them_cleanly() {
    let (world, _clock) = quiz_world().await;
    let fake = &world.bot.fake;
    let room = world.channel;
    let alice = trainee(&world, "alice").await;
    let refused = alice
        .in_channel(room)
        .slash("quiz start", [("module", "basics")])
        .await;
    assert!(
        refused.text().contains("Only the facilitators"),
        "{}",
        refused.text()
    );

    let in_room = world.facilitator.in_channel(room);
    in_room.slash("quiz start", [("module", "basics")]).await;
    let general = world.facilitator.channel_id();
    world
        .facilitator
        .slash("quiz start", [("module", "basics")])
        .await;
    messages_where(fake, general, "a second quiz in another channel", |m| {
        open_question(m, 1).is_some()
    });
    let again = in_room.slash("quiz start", [("module", "basics")]).await;
    assert!(
        again.text().contains("already running in this channel"),
        "{}",
        again.text()
    );

    world.facilitator.slash("quiz stop", []).await;
    let stopped = messages_where(fake, general, "stopped with results", |m| {
        m.iter().any(|x| x.text().contains("Leaderboard"))
    });
    assert!(stopped
        .iter()
        .any(|m| m.text().contains("The facilitator stopped the quiz")));

    let bot = world.bot.restart().await;
    let after = messages_where(&bot.fake, room, "ended by the restart", |m| {
        m.iter().any(|x| x.text().contains("Leaderboard"))
    });
    assert!(
        after
            .iter()
            .any(|m| m.text().contains("because the bot restarted")),
        "the room is told why"
    );
    let question = after
        .iter()
        .find(|m| m.text().contains("Live quiz · ended"))
        .expect("the question message is closed");
    assert!(
        question.buttons().is_empty(),
        "no dead buttons after a restart"
    );
    assert!(bot.store.live_quizzes().await.unwrap().is_empty());
    bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_question_waits_and_skip_moves_on_at_once() {
    let (world, clock) = quiz_world().await;
    let fake = &world.bot.fake;
    let room = world.channel;
    let alice = trainee(&world, "alice").await;
    let fran = world.facilitator.in_channel(room);
    fran.slash("quiz start", [("module", "basics"), ("seconds", "30")])
        .await;
    let first = messages_where(fake, room, "question 1", |m| open_question(m, 1).is_some());
    let question = open_question(&first, 1).unwrap();

    let paused = fran.slash("quiz pause", []).await;
    assert!(paused.text().contains("Paused"), "{}", paused.text());
    messages_where(fake, room, "the question shows it is paused", |m| {
        m.iter().any(|x| x.text().contains("⏸ Paused"))
    });
    let refused = alice.click(&question, "True").await;
    assert!(
        refused.text().contains("The quiz is paused"),
        "{}",
        refused.text()
    );
    clock.advance(chrono::Duration::seconds(120));
    world.bot.step().await;
    assert!(
        open_question(&fake.messages(room), 1).is_some(),
        "a paused question does not close"
    );
    let again = fran.slash("quiz pause", []).await;
    assert!(
        again.text().contains("The quiz is not running"),
        "{}",
        again.text()
    );

    let resumed = fran.slash("quiz resume", []).await;
    assert!(resumed.text().contains("carries on"), "{}", resumed.text());
    let answered = alice.click(&question, "True").await;
    assert!(
        answered.text().contains("Your answer is in"),
        "{}",
        answered.text()
    );
    let skipped = fran.slash("quiz skip", []).await;
    assert!(
        skipped.text().contains("Closing this question"),
        "{}",
        skipped.text()
    );
    let next = messages_where(fake, room, "question 2 after the skip", |m| {
        open_question(m, 2).is_some()
    });
    assert!(next
        .iter()
        .any(|m| m.text().contains("question 1 of 2 · closed") && m.text().contains("1 · True")));
    let by_trainee = alice.in_channel(room).slash("quiz skip", []).await;
    assert!(
        by_trainee.text().contains("Only the facilitators"),
        "{}",
        by_trainee.text()
    );
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reveal_of_a_25_option_question_shows_the_answer_and_the_most_picked() {
    let work = tempfile::tempdir().unwrap();
    files::copy_dir(Path::new(MINI), work.path());
    let basics = work.path().join("mini-course/modules/basics.toml");
    let options: Vec<String> = (1..=25).map(|i| format!("\"Option {i}\"")).collect();
    let module = std::fs::read_to_string(&basics).unwrap().replace(
        "options = [\"Listening\", \"Action\"]\nanswer = \"Listening\"",
        &format!("options = [{}]\nanswer = \"Option 25\"", options.join(", ")),
    );
    assert!(
        module.contains("Option 25"),
        "the fixture changed: {module}"
    );
    std::fs::write(&basics, module).unwrap();
    let clock = TestClock::at(Utc::now());
    let world = world_on_clock(work.path().to_str().unwrap(), "mini-course", clock).await;
    let fake = &world.bot.fake;
    let room = world.channel;
    let people = [
        trainee(&world, "alice").await,
        trainee(&world, "bob").await,
        trainee(&world, "cat").await,
        trainee(&world, "dan").await,
    ];
    let fran = world.facilitator.in_channel(room);
    fran.slash("quiz start", [("module", "basics")]).await;
    messages_where(fake, room, "question 1", |m| open_question(m, 1).is_some());
    fran.slash("quiz skip", []).await;
    let posted = messages_where(fake, room, "question 2", |m| open_question(m, 2).is_some());
    let question = open_question(&posted, 2).unwrap();
    for (user, pick) in people
        .iter()
        .zip(["Option 25", "Option 3", "Option 3", "Option 7"])
    {
        let ack = user.select(&question, "Choose one", [pick]).await;
        assert!(ack.text().contains(pick), "{}", ack.text());
    }
    fran.slash("quiz skip", []).await;
    let closed = messages_where(fake, room, "question 2 revealed", |m| {
        m.iter()
            .any(|x| x.text().contains("question 2 of 2 · closed"))
    });
    let reveal = closed
        .iter()
        .find(|m| m.text().contains("question 2 of 2 · closed"))
        .unwrap()
        .text();
    for part in [
        "**Answer:** Option 25",
        "1 · Option 25 ✅",
        "2 · Option 3\n",
        "1 · Option 7\n",
        "0 · 19 other options",
    ] {
        assert!(reveal.contains(part), "{part:?} in {reveal}");
    }
    let bars = reveal.lines().filter(|l| l.starts_with('`')).count();
    assert_eq!(
        bars, 7,
        "the right one, the five most picked, and the others: {reveal}"
    );
    assert!(!reveal.contains("Option 24"), "{reveal}");
    fake.assert_no_violations();
}

/// The live-quiz worker on its own timer, as in production: it sleeps until the question's
/// deadline (woken when the quiz starts) and moves on without a step from the test.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_its_own_timer_the_bot_moves_on_when_a_questions_time_is_up() {
    let spec = learning::CohortSpec {
        worker_loops: true,
        ..learning::CohortSpec::new(MINI, "mini-course")
    };
    let world = learning::world_of(spec, std::sync::Arc::new(SystemClock)).await;
    let room = world.channel;
    let fran = world.facilitator.in_channel(room);

    let started = fran
        .slash("quiz start", [("module", "basics"), ("seconds", "10")])
        .await;

    assert!(
        started.text().contains("The quiz is on"),
        "{}",
        started.text()
    );
    let fake = &world.bot.fake;
    let second = fake
        .wait_for_messages(room, std::time::Duration::from_secs(60), |m| {
            open_question(m, 2).is_some()
        })
        .await;
    assert!(
        second.is_some(),
        "question 2 follows question 1's 10 seconds"
    );
}
