//! Listening reminders through the scheduler and the Discord stand-in, to the minute on the
//! test clock: a trainee who has logged nothing for 14 days of a stage is nudged at 10:00
//! (not a minute before, and once), unless they met the stage's target or muted reminders;
//! each Monday at 09:00 of a stage the facilitators get a digest of the week.

use std::sync::Arc;

use crate::bot::{Backend, TestClock};
use crate::learning;
use crate::learning::{london, trainee, World};
use chrono::{Duration, NaiveDate};
use cohortbot::model::listening::Conversation;
use cohortbot::model::{UnixMillis, UserId};
use fake_discord::FakeUser;

e2e_tests!(
    a_trainee_silent_for_fourteen_days_of_a_stage_is_nudged_at_ten_once,
    facilitators_get_a_digest_of_the_week_on_monday_at_nine_during_a_stage,
    the_listening_schedules_are_in_prompt_list_and_the_digest_can_be_cancelled,
);

const NUDGE: &str = "you have not logged a one-to-one";
const DIGEST: &str = "Listening this week";

/// Monday 14 September 2026, 10:00 in London: the cohort's second week, in its first
/// listening stage (which closes on 13 October).
async fn world(backend: Backend) -> (World, Arc<TestClock>) {
    let clock = TestClock::at(london(2026, 9, 14, 10));
    let world = learning::world_on("prompts", "two-day-training", clock.clone(), backend).await;
    (world, clock)
}

fn user_id(user: &FakeUser) -> UserId {
    UserId(user.id().get())
}

fn talk(group: &str, issues: &[&str]) -> Conversation {
    Conversation {
        stage: "core-team".into(),
        group: group.into(),
        heard_on: NaiveDate::from_ymd_opt(2026, 9, 10).unwrap(),
        label: "JB".into(),
        place: "the market".into(),
        issues: issues.iter().map(|i| i.to_string()).collect(),
        energy: "Wants the evening bus back.".into(),
        follow_up_on: None,
    }
}

async fn logs(world: &World, user: &FakeUser, talk: &Conversation, at: UnixMillis) {
    world
        .bot
        .store
        .add_listening_record(world.cohort.id, user_id(user), talk, at)
        .await
        .unwrap();
}

fn received(user: &FakeUser, what: &str) -> Vec<String> {
    user.dms()
        .into_iter()
        .map(|m| m.content)
        .filter(|c| c.contains(what))
        .collect()
}

async fn step_at(world: &World, clock: &TestClock, at: chrono::DateTime<chrono::Utc>) {
    clock.set(at);
    world.bot.step().await;
}

async fn a_trainee_silent_for_fourteen_days_of_a_stage_is_nudged_at_ten_once(backend: Backend) {
    let (world, clock) = world(backend).await;
    let alice = trainee(&world, "alice").await;
    let bob = trainee(&world, "bob").await;
    let carol = trainee(&world, "carol").await;
    let dave = trainee(&world, "dave").await;
    let muted = carol.slash("reminders mute", []).await;
    assert!(muted.is_ephemeral());
    for _ in 0..10 {
        let at = london(2026, 9, 10, 12).timestamp_millis();
        logs(&world, &dave, &talk("neighbours", &["Housing"]), at).await;
    }
    let a_week_on = london(2026, 9, 21, 10).timestamp_millis();
    logs(&world, &bob, &talk("neighbours", &["Housing"]), a_week_on).await;

    let fourteen_days_on = london(2026, 9, 28, 10);
    step_at(&world, &clock, fourteen_days_on - Duration::minutes(1)).await;
    assert!(received(&alice, NUDGE).is_empty(), "not a minute early");
    step_at(&world, &clock, fourteen_days_on).await;
    let nudges = received(&alice, NUDGE);
    assert_eq!(nudges.len(), 1, "{nudges:?}");
    assert!(
        nudges[0].contains("asks for 10 conversations and you have logged 0"),
        "{}",
        nudges[0]
    );
    assert!(nudges[0].contains("/reminders mute"), "{}", nudges[0]);
    assert!(received(&bob, NUDGE).is_empty(), "bob logged a week ago");
    assert!(received(&carol, NUDGE).is_empty(), "carol muted reminders");
    assert!(received(&dave, NUDGE).is_empty(), "dave met the target");

    step_at(&world, &clock, london(2026, 9, 29, 10)).await;
    assert_eq!(received(&alice, NUDGE).len(), 1, "once per fortnight");
    step_at(&world, &clock, london(2026, 10, 5, 10)).await;
    assert_eq!(received(&bob, NUDGE).len(), 1, "bob, 14 days after his log");
    world.bot.fake.assert_no_violations();
}

async fn facilitators_get_a_digest_of_the_week_on_monday_at_nine_during_a_stage(backend: Backend) {
    let (world, clock) = world(backend).await;
    let alice = trainee(&world, "alice").await;
    let earlier = london(2026, 9, 10, 12).timestamp_millis();
    logs(
        &world,
        &alice,
        &talk("institution-members", &["Housing"]),
        earlier,
    )
    .await;
    let this_week = london(2026, 9, 16, 12).timestamp_millis();
    logs(
        &world,
        &alice,
        &talk("neighbours", &["Housing", "Parks"]),
        this_week,
    )
    .await;

    let monday_nine = london(2026, 9, 21, 9);
    step_at(&world, &clock, monday_nine - Duration::minutes(1)).await;
    assert!(received(&world.facilitator, DIGEST).is_empty(), "not early");
    step_at(&world, &clock, monday_nine).await;
    let digests = received(&world.facilitator, DIGEST);
    assert_eq!(digests.len(), 1, "{digests:?}");
    let digest = &digests[0];
    assert!(
        digest.contains("(stage: Core team and first one-to-ones)"),
        "{digest}"
    );
    assert!(
        digest.contains("Conversations logged in the last 7 days: 1"),
        "{digest}"
    );
    assert!(digest.contains("New themes: Parks\n"), "{digest}");
    assert!(
        digest.contains("Groups not yet reached: Leaders and staff of your institution, Partner institutions, People the institution rarely hears from"),
        "{digest}"
    );
    assert!(!digest.contains("Neighbours around"), "{digest}");
    assert!(!digest.contains("JB"), "never a label: {digest}");
    assert!(received(&alice, DIGEST).is_empty(), "facilitators only");

    // The campaign's stages close with the prompt of month 5 (Tuesday 12 January 2027).
    step_at(&world, &clock, london(2027, 2, 15, 9)).await;
    assert_eq!(
        received(&world.facilitator, DIGEST).len(),
        1,
        "no digest after the last stage"
    );
    world.bot.fake.assert_no_violations();
}

async fn the_listening_schedules_are_in_prompt_list_and_the_digest_can_be_cancelled(
    backend: Backend,
) {
    let (world, clock) = world(backend).await;
    let listed = world.facilitator.slash("prompt list", []).await;
    let text = listed.text();
    assert!(text.contains("whose listening has stalled"), "{text}");
    let digest_line = text
        .lines()
        .find(|l| l.contains("listening digest"))
        .unwrap_or_else(|| panic!("the digest is listed: {text}"));
    let id: String = digest_line
        .split('#')
        .nth(1)
        .expect("a number")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let cancelled = world
        .facilitator
        .slash("prompt cancel", [("id", &id)])
        .await;
    assert!(
        cancelled.text().contains("listening digest"),
        "{}",
        cancelled.text()
    );

    step_at(&world, &clock, london(2026, 9, 21, 9)).await;
    assert!(received(&world.facilitator, DIGEST).is_empty(), "cancelled");
    world.bot.fake.assert_no_violations();
}
