//! The private threads the bot opens for action learning sets and mentoring pairs, through the
//! Discord stand-in with channel permission overwrites enforced: what is said in them stays
//! hidden from members outside them, and a channel overwrite that takes a permission from the
//! bot is reported to the facilitator in words, not as an error code.

use crate::learning;
use crate::learning::{CohortSpec, World};
use chrono::{Duration, Utc};
use cohortbot::model::UserId;
use fake_discord::{FakeUser, MemberSpec, Overwrite};
use serenity::all::{ChannelId, Permissions};

use crate::bot::TestClock;

/// A `two-day-training` cohort with a `#cohort` channel, starting a week from today.
async fn world() -> World {
    let spec = CohortSpec {
        starts: (Utc::now() + Duration::days(7)).date_naive().to_string(),
        ..CohortSpec::new("prompts", "two-day-training")
    };
    learning::world_of(spec, TestClock::at(Utc::now())).await
}

fn user_id(user: &FakeUser) -> UserId {
    UserId(user.id().get())
}

/// Forms one set of `members`; the facilitator's reply.
async fn form_set(world: &World, members: &[&FakeUser]) -> String {
    let mentions: Vec<String> = members.iter().map(|m| m.mention()).collect();
    world
        .facilitator
        .slash("set form", [("members", &mentions.join(" "))])
        .await
        .text()
}

async fn set_thread(world: &World) -> ChannelId {
    let groups = world.bot.store.list_groups(world.cohort.id).await.unwrap();
    ChannelId::new(groups[0].thread_id.expect("the set has a thread").0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sets_thread_is_seen_by_its_members_only() {
    let world = world().await;
    let fake = &world.bot.fake;
    let ann = learning::trainee(&world, "ann").await;
    let ben = learning::trainee(&world, "ben").await;
    let cat = learning::trainee(&world, "cat").await;
    let outsider = fake.add_member("olga");

    let formed = form_set(&world, &[&ann, &ben]).await;
    assert!(formed.contains("Formed 1 set:"), "{formed}");
    let thread = set_thread(&world).await;

    for member in [&ann, &ben, &world.facilitator] {
        let seen = member.visible_messages(thread);
        assert!(
            seen.iter()
                .any(|m| m.content.contains("Welcome to **Set 1**")),
            "{} sees the welcome: {seen:?}",
            member.name()
        );
    }
    for stranger in [&cat, &outsider] {
        assert!(
            stranger.can_see(world.channel),
            "the cohort channel is open"
        );
        assert!(!stranger.can_see(thread), "{}", stranger.name());
        assert!(stranger.visible_messages(thread).is_empty());
    }
    assert!(!fake.messages(thread).is_empty(), "the thread has messages");
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentoring_thread_is_seen_by_the_pair_only() {
    let world = world().await;
    let fake = &world.bot.fake;
    let ann = learning::trainee(&world, "ann").await;
    let ben = learning::trainee(&world, "ben").await;
    let mo = fake.add_member(MemberSpec::new("mo"));
    let enrolled = world
        .facilitator
        .slash(
            "cohort enroll",
            [("as", "Mentor"), ("member", &mo.mention())],
        )
        .await;
    assert!(
        enrolled.text().contains("Enrolled 1"),
        "{}",
        enrolled.text()
    );

    let paired = world
        .facilitator
        .slash(
            "mentor pair",
            [("mentor", &mo.mention()), ("trainee", &ann.mention())],
        )
        .await;
    assert!(paired.text().contains("Paired"), "{}", paired.text());
    let pair = world
        .bot
        .store
        .pairs_of_mentor(world.cohort.id, user_id(&mo))
        .await
        .unwrap()
        .remove(0);
    let thread = ChannelId::new(pair.thread_id.expect("the pair has a thread").0);

    for member in [&mo, &ann] {
        assert_eq!(
            member.visible_messages(thread).len(),
            1,
            "{}",
            member.name()
        );
    }
    assert!(!ben.can_see(thread));
    assert!(ben.visible_messages(thread).is_empty());
    assert_eq!(fake.messages(thread).len(), 1);
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cohort_channel_hidden_from_the_bot_is_reported_to_the_facilitator() {
    let world = world().await;
    let fake = &world.bot.fake;
    let ann = learning::trainee(&world, "ann").await;
    let bot_role = fake.bot_role(fake.guild_id());
    fake.set_overwrite(
        world.channel,
        Overwrite::role(bot_role).deny(Permissions::VIEW_CHANNEL),
    );

    let formed = form_set(&world, &[&ann]).await;

    assert!(
        formed.contains("Formed 1 set, 0 with its thread so far.")
            && formed
                .contains("Discord did not let me open a private thread in the cohort channel")
            && formed.contains("Create Private Threads"),
        "{formed}"
    );
    assert!(!formed.contains("50001"), "{formed}");
    assert!(fake.threads(world.channel).is_empty());
    fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_overwrite_denying_the_bot_thread_messages_is_reported_to_the_facilitator() {
    let world = world().await;
    let fake = &world.bot.fake;
    let ann = learning::trainee(&world, "ann").await;
    fake.set_overwrite(
        world.channel,
        Overwrite::member(fake.bot_id()).deny(Permissions::SEND_MESSAGES_IN_THREADS),
    );

    let formed = form_set(&world, &[&ann]).await;

    assert!(
        formed.contains("Formed 1 set, 0 with its thread so far.")
            && formed.contains("Discord did not let me add people to the thread")
            && formed.contains("Send Messages in Threads"),
        "{formed}"
    );
    assert!(!formed.contains("50013"), "{formed}");
    let thread = fake
        .threads(world.channel)
        .pop()
        .expect("the thread opened");
    assert!(!ann.can_see(thread.id), "ann was not added");
    assert!(fake.messages(thread.id).is_empty());
    fake.assert_no_violations();
}
