//! Dot votes end to end, through the Discord stand-in: a facilitator opens a vote over the
//! themes the cohort heard; the scheduler posts it in the cohort channel; members spend
//! their dots with a select and take them back with a button; a non-member is refused; the
//! close, stepped by the test clock, posts the results as text and a chart, ties as ties,
//! and votes after it are refused.

use std::sync::Arc;

use crate::bot::{Backend, TestClock};
use crate::learning;
use crate::learning::{trainee, World};
use chrono::{TimeZone, Utc};
use cohortbot::model::votes::VoteId;
use cohortbot::model::UserId;
use fake_discord::{FakeUser, MemberSpec, Message, Reply};

e2e_tests!(
    members_spend_dots_change_their_mind_and_the_close_posts_results_with_ties,
    a_vote_needs_two_themes_a_future_close_and_a_facilitator,
);

const VOTE_BUTTON: &str = "Spend your dots";
const DOT_MENU: &str = "Put a dot on…";
const CLEAR_BUTTON: &str = "Take my dots back";

/// Monday 5 October 2026, 10:00 in London.
fn monday() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 5, 9, 0, 0).unwrap()
}

/// 18:00 in London on Monday 12 October (BST), when the votes of these tests close.
const CLOSES: &str = "2026-10-12 18:00";
fn closing() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 12, 17, 0, 0).unwrap()
}

fn user_id(user: &FakeUser) -> UserId {
    UserId(user.id().get())
}

/// A cohort whose trainees heard Housing three times, Bins twice and Transport once.
async fn world(backend: Backend) -> (World, Arc<TestClock>) {
    let clock = TestClock::at(monday());
    let world = learning::world_on("prompts", "two-day-training", clock.clone(), backend).await;
    learning::heard(
        &world,
        &[
            &["Housing", "Bins"],
            &["Housing", "Transport"],
            &["Housing", "Bins"],
        ],
    )
    .await;
    (world, clock)
}

fn channel_messages(world: &World) -> Vec<Message> {
    world.bot.fake.messages(world.channel)
}

/// The vote's post in the cohort channel, once the scheduler has sent it.
async fn posted_vote(world: &World) -> Message {
    world.bot.step().await;
    channel_messages(world)
        .into_iter()
        .find(|m| m.content.contains("Dot vote"))
        .expect("the vote is posted in the cohort channel")
}

async fn dots_of(world: &World, user: &FakeUser) -> Option<Vec<u32>> {
    let ballot = world.bot.store.ballot(VoteId(1), user_id(user)).await;
    ballot.unwrap().map(|b| b.counts)
}

/// Puts one dot on each of `themes` in turn, from the ballot `reply`.
async fn spend(user: &FakeUser, mut reply: Reply, themes: &[&str]) -> Reply {
    for theme in themes {
        reply = user.select(&reply, DOT_MENU, [theme]).await;
    }
    reply
}

async fn members_spend_dots_change_their_mind_and_the_close_posts_results_with_ties(
    backend: Backend,
) {
    let (world, clock) = world(backend).await;
    let alice = trainee(&world, "alice").await;
    let bob = trainee(&world, "bob").await;

    let opened = world
        .facilitator
        .slash("listen vote", [("closes", CLOSES)])
        .await;
    assert!(opened.is_ephemeral());
    assert!(
        opened
            .text()
            .contains("Dot vote opened over 3 themes, 3 dots each"),
        "{}",
        opened.text()
    );
    let post = posted_vote(&world).await;
    for theme in ["Housing", "Bins", "Transport"] {
        assert!(post.content.contains(theme), "{}", post.content);
    }

    let ballot = alice.click(&post, VOTE_BUTTON).await;
    assert!(ballot.is_ephemeral());
    assert!(ballot.text().contains("3 of 3 left"), "{}", ballot.text());
    let ballot = spend(&alice, ballot, &["Housing", "Housing", "Bins"]).await;
    assert!(ballot.text().contains("0 of 3 left"), "{}", ballot.text());
    assert!(ballot.text().contains("●● Housing"), "{}", ballot.text());
    assert_eq!(dots_of(&world, &alice).await, Some(vec![2, 1, 0]));
    let ballot = alice.click(&ballot, CLEAR_BUTTON).await;
    assert!(ballot.text().contains("3 of 3 left"), "{}", ballot.text());
    assert_eq!(dots_of(&world, &alice).await, Some(vec![0, 0, 0]));
    let alices = spend(&alice, ballot, &["Housing", "Housing", "Housing"]).await;
    assert_eq!(dots_of(&world, &alice).await, Some(vec![3, 0, 0]));

    let ballot = bob.click(&post, VOTE_BUTTON).await;
    spend(&bob, ballot, &["Bins", "Bins", "Bins"]).await;

    let carol = world.bot.fake.add_member(MemberSpec::new("carol"));
    let refused = carol.click(&post, VOTE_BUTTON).await;
    assert!(refused.is_ephemeral());
    assert!(
        refused.text().contains("Only members of the cohort vote"),
        "{}",
        refused.text()
    );
    assert_eq!(dots_of(&world, &carol).await, None);

    clock.set(closing() - chrono::Duration::minutes(1));
    world.bot.step().await;
    assert!(
        !channel_messages(&world)
            .iter()
            .any(|m| m.content.contains("has closed")),
        "no results a minute early"
    );
    clock.set(closing());
    world.bot.step().await;
    let results = channel_messages(&world)
        .into_iter()
        .find(|m| m.content.contains("The dot vote has closed"))
        .expect("the results are posted when the vote closes");
    let text = &results.content;
    assert!(text.contains("2 members spent 6 dots"), "{text}");
    assert!(text.contains("=1. **Housing** — 3 dots (tie)"), "{text}");
    assert!(text.contains("=1. **Bins** — 3 dots (tie)"), "{text}");
    assert!(text.contains("3. **Transport** — 0 dots"), "{text}");
    let chart = results.attachments.first().expect("a chart");
    assert_eq!(chart.filename, "chart.png");
    assert!(chart.data.starts_with(b"\x89PNG"));

    let late = alice.click(&alices, CLEAR_BUTTON).await;
    assert!(late.text().contains("has closed"), "{}", late.text());
    assert_eq!(dots_of(&world, &alice).await, Some(vec![3, 0, 0]));
    world.bot.fake.assert_no_violations();
}

async fn a_vote_needs_two_themes_a_future_close_and_a_facilitator(backend: Backend) {
    let (world, _) = world(backend).await;
    let alice = trainee(&world, "alice").await;
    let fran = &world.facilitator;

    let one = fran
        .slash("listen vote", [("closes", CLOSES), ("themes", "housing")])
        .await;
    assert!(one.is_ephemeral());
    assert!(
        one.text().contains("at least 2 themes to choose between"),
        "{}",
        one.text()
    );
    let unknown = fran
        .slash(
            "listen vote",
            [("closes", CLOSES), ("themes", "Housing, Zoos")],
        )
        .await;
    assert!(
        unknown
            .text()
            .contains("“Zoos” is not one of the cohort's themes"),
        "{}",
        unknown.text()
    );
    let past = fran
        .slash("listen vote", [("closes", "2026-10-01 18:00")])
        .await;
    assert!(past.text().contains("has passed"), "{}", past.text());
    let garbled = fran.slash("listen vote", [("closes", "Friday")]).await;
    assert!(
        garbled.text().contains("YYYY-MM-DD HH:MM"),
        "{}",
        garbled.text()
    );
    let trainee_try = alice.slash("listen vote", [("closes", CLOSES)]).await;
    assert!(trainee_try.is_ephemeral());
    assert!(
        trainee_try.text().contains("facilitators"),
        "{}",
        trainee_try.text()
    );

    world.bot.step().await;
    assert_eq!(world.bot.store.vote(VoteId(1)).await.unwrap(), None);
    assert!(
        !channel_messages(&world)
            .iter()
            .any(|m| m.content.contains("Dot vote")),
        "nothing was posted"
    );

    let picked = fran
        .slash(
            "listen vote",
            [
                ("closes", CLOSES),
                ("themes", "transport, Bins"),
                ("dots", "1"),
            ],
        )
        .await;
    assert!(
        picked
            .text()
            .contains("Dot vote opened over 2 themes, 1 dot each"),
        "{}",
        picked.text()
    );
    let vote = world.bot.store.vote(VoteId(1)).await.unwrap().unwrap();
    assert_eq!(vote.options, ["Transport", "Bins"]);
    world.bot.fake.assert_no_violations();
}
