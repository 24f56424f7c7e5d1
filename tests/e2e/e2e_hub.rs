//! The knowledge hub through the Discord stand-in: `/hub setup` creates or adopts the two
//! forums with the course's topics as tags, names the permission it lacks, and creates a
//! forum again when the recorded one was deleted.

use crate::learning;
use crate::learning::{CohortSpec, World};
use chrono::{Duration, Utc};
use cohortbot::model::HubForumKind;
use fake_discord::{ChannelKind, ChannelSpec};
use serenity::all::ChannelId;

use crate::bot::{Backend, TestClock};

e2e_tests!(
    setup_creates_two_forums_tagged_with_the_topics_and_adopts_them_the_next_time,
    an_existing_forum_is_adopted_and_given_the_missing_tags_only,
    without_manage_channels_setup_names_the_permission_and_records_nothing,
    a_forum_deleted_behind_the_bots_back_is_created_again,
    a_trainee_cannot_set_the_hub_up,
);

const TOPICS: [&str; 6] = [
    "listening",
    "relationships",
    "power",
    "taking action",
    "action planning",
    "reflection",
];

/// A `community-organisers` cohort; `with_hub_permissions` gives the bot's role Manage
/// Channels and Manage Messages, as the README's invite asks.
async fn world(backend: Backend, with_hub_permissions: bool) -> World {
    let spec = CohortSpec {
        starts: (Utc::now() + Duration::days(7)).date_naive().to_string(),
        backend,
        ..CohortSpec::new("prompts", "community-organisers")
    };
    let world = learning::world_of(spec, TestClock::at(Utc::now())).await;
    if with_hub_permissions {
        learning::grant_hub_permissions(&world);
    }
    world
}

async fn recorded(world: &World, kind: HubForumKind) -> Option<ChannelId> {
    let guild = learning::guild(&world.bot);
    let forum = world.bot.store.hub_forum(guild, kind).await.unwrap();
    forum.map(|f| ChannelId::new(f.channel_id.0))
}

fn tag_names(world: &World, forum: ChannelId) -> Vec<String> {
    let channel = world.bot.fake.channel(forum).expect("the forum exists");
    assert_eq!(channel.kind, ChannelKind::Forum);
    channel.tags.into_iter().map(|t| t.name).collect()
}

fn forums(world: &World) -> Vec<String> {
    let fake = &world.bot.fake;
    fake.channels(fake.guild_id())
        .into_iter()
        .filter(|c| c.kind == ChannelKind::Forum)
        .map(|c| c.name)
        .collect()
}

async fn setup_creates_two_forums_tagged_with_the_topics_and_adopts_them_the_next_time(
    backend: Backend,
) {
    let world = world(backend, true).await;

    let reply = world.facilitator.slash("hub setup", []).await;

    assert!(reply.is_ephemeral());
    let text = reply.text();
    assert!(text.contains("The knowledge hub is set up"), "{text}");
    let articles = recorded(&world, HubForumKind::Articles)
        .await
        .expect("articles");
    let questions = recorded(&world, HubForumKind::Questions)
        .await
        .expect("questions");
    assert!(text.contains(&format!("<#{articles}>, created")), "{text}");
    assert!(text.contains(&format!("<#{questions}>, created")), "{text}");
    assert_eq!(tag_names(&world, articles), TOPICS);
    let mut with_answered = TOPICS.to_vec();
    with_answered.push("answered");
    assert_eq!(tag_names(&world, questions), with_answered);

    let again = world.facilitator.slash("hub setup", []).await;

    assert!(
        again.text().contains(&format!("<#{questions}>, adopted")),
        "{}",
        again.text()
    );
    assert_eq!(
        recorded(&world, HubForumKind::Questions).await,
        Some(questions)
    );
    assert_eq!(
        forums(&world),
        ["hub-articles", "hub-questions"],
        "nothing duplicated"
    );
    world.bot.fake.assert_no_violations();
}

async fn an_existing_forum_is_adopted_and_given_the_missing_tags_only(backend: Backend) {
    let world = world(backend, true).await;
    let fake = &world.bot.fake;
    let existing = fake.add_channel(ChannelSpec::forum("hub-questions", ["local", "listening"]));
    let listening = fake.channel(existing).expect("forum").tags[1].id;

    let reply = world.facilitator.slash("hub setup", []).await;

    assert!(
        reply.text().contains(&format!("<#{existing}>, adopted")),
        "{}",
        reply.text()
    );
    assert!(
        reply.text().contains("(added: relationships, power"),
        "{}",
        reply.text()
    );
    assert_eq!(
        recorded(&world, HubForumKind::Questions).await,
        Some(existing)
    );
    let tags = fake.channel(existing).expect("forum").tags;
    assert_eq!(tags[1].id, listening, "a tag the forum had keeps its id");
    assert_eq!(tags.len(), 2 + 5 + 1);
    assert!(tags.iter().any(|t| t.name == "answered"));
}

async fn without_manage_channels_setup_names_the_permission_and_records_nothing(backend: Backend) {
    let world = world(backend, false).await;

    let reply = world.facilitator.slash("hub setup", []).await;

    assert!(reply.is_ephemeral());
    assert!(reply.text().contains("Manage Channels"), "{}", reply.text());
    assert!(forums(&world).is_empty());
    assert_eq!(recorded(&world, HubForumKind::Articles).await, None);
}

async fn a_forum_deleted_behind_the_bots_back_is_created_again(backend: Backend) {
    let world = world(backend, true).await;
    world.facilitator.slash("hub setup", []).await;
    let gone = recorded(&world, HubForumKind::Questions)
        .await
        .expect("questions");
    world.bot.fake.delete_channel(gone);

    let reply = world.facilitator.slash("hub setup", []).await;

    let questions = recorded(&world, HubForumKind::Questions)
        .await
        .expect("questions");
    assert_ne!(questions, gone);
    assert!(
        reply
            .text()
            .contains(&format!("<#{questions}>, created again")),
        "{}",
        reply.text()
    );
    assert_eq!(forums(&world), ["hub-articles", "hub-questions"]);
}

async fn a_trainee_cannot_set_the_hub_up(backend: Backend) {
    let world = world(backend, true).await;
    let ann = learning::trainee(&world, "ann").await;

    let reply = ann.slash("hub setup", []).await;

    assert!(reply.is_ephemeral());
    assert!(
        reply.text().contains("Only the facilitators"),
        "{}",
        reply.text()
    );
    assert!(forums(&world).is_empty());
    assert_eq!(recorded(&world, HubForumKind::Questions).await, None);
}
