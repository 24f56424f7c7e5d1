//! The course's articles in the knowledge hub through the Discord stand-in, on SQLite and
//! on PostgreSQL (when `COHORTBOT_TEST_POSTGRES_URL` is set): `/hub setup` publishes each
//! article of the pack as a post of the articles forum, its body split over messages within
//! Discord's limits; run again, it leaves unchanged articles alone and edits changed ones in
//! place, adding or deleting messages at the end, and never posts an article twice.

use std::path::Path;

use crate::files;
use crate::learning;
use crate::learning::{CohortSpec, World};
use chrono::{Duration, Utc};
use cohortbot::model::HubForumKind;
use fake_discord::Channel;
use serenity::all::ChannelId;

use crate::bot::{Backend, TestClock};

e2e_tests!(
    setup_publishes_each_article_once_and_leaves_unchanged_ones_alone,
    a_changed_pack_is_edited_in_place_with_messages_added_and_deleted,
    articles_are_published_again_in_a_forum_created_after_the_old_one_was_deleted,
    hub_search_finds_published_articles_with_links_to_their_posts,
    a_changed_article_whose_post_was_deleted_is_posted_anew,
    an_unchanged_article_whose_post_was_deleted_is_posted_anew,
    a_post_whose_answer_was_lost_is_adopted_by_the_next_setup_not_posted_twice,
);

const COURSE: &str = "community-organisers";

/// A community-organisers cohort on the packs in `prompts`, whose bot may manage channels
/// and messages.
async fn world(prompts: &str, backend: Backend) -> World {
    let spec = CohortSpec {
        starts: (Utc::now() + Duration::days(7)).date_naive().to_string(),
        backend,
        ..CohortSpec::new(prompts, COURSE)
    };
    let world = learning::world_of(spec, TestClock::at(Utc::now())).await;
    learning::grant_hub_permissions(&world);
    world
}

async fn set_up(world: &World) -> String {
    let reply = world.facilitator.slash("hub setup", []).await;
    assert!(reply.is_ephemeral());
    let text = reply.text();
    assert!(text.contains("is set up"), "{text}");
    text
}

async fn articles_forum(world: &World) -> ChannelId {
    let guild = learning::guild(&world.bot);
    let store = &world.bot.store;
    let forum = store.hub_forum(guild, HubForumKind::Articles).await;
    ChannelId::new(forum.unwrap().expect("the articles forum").channel_id.0)
}

async fn posts(world: &World) -> Vec<Channel> {
    world.bot.fake.threads(articles_forum(world).await)
}

async fn post_titled(world: &World, title: &str) -> Channel {
    let posts = posts(world).await;
    let found = posts.iter().find(|p| p.name == title);
    found.unwrap_or_else(|| panic!("no post {title}")).clone()
}

/// The post's messages as a reader sees them, in order; each within Discord's limit.
fn contents(world: &World, post: &Channel) -> Vec<String> {
    let messages = world.bot.fake.messages(post.id);
    for message in &messages {
        assert_eq!(message.author_id, world.bot.fake.bot_id());
        assert!(message.content.chars().count() <= 2000);
    }
    messages.into_iter().map(|m| m.content).collect()
}

fn tag_names(world: &World, forum: ChannelId, post: &Channel) -> Vec<String> {
    let forum = world.bot.fake.channel(forum).expect("the forum");
    let tags = post.applied_tags.iter();
    let name = |id: &serenity::all::ForumTagId| {
        forum
            .tags
            .iter()
            .find(|t| t.id == *id)
            .map(|t| t.name.clone())
    };
    tags.filter_map(name).collect()
}

/// Words of `text`, so that a comparison ignores the whitespace at split points.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

async fn setup_publishes_each_article_once_and_leaves_unchanged_ones_alone(backend: Backend) {
    let world = world("prompts", backend).await;

    let text = set_up(&world).await;

    assert!(
        text.contains("articles: 3 published, 0 updated, 0 unchanged"),
        "{text}"
    );
    let forum = articles_forum(&world).await;
    let power = post_titled(&world, "Power analysis: mapping who can decide").await;
    assert_eq!(
        tag_names(&world, forum, &power),
        ["power", "action planning"]
    );
    let body = std::fs::read_to_string("prompts/community-organisers/articles/power-analysis.md");
    let body = body.unwrap();
    assert_eq!(words(&contents(&world, &power).join("\n")), words(&body));
    let one_to_ones = post_titled(&world, "One-to-ones: what they are and how to hold one").await;
    let parts = contents(&world, &one_to_ones);
    assert_eq!(parts.len(), 2, "over 2,000 characters: {parts:?}");
    assert!(
        parts[1].starts_with("## "),
        "split between blocks, a heading with its text: {parts:?}"
    );

    let again = set_up(&world).await;

    assert!(
        again.contains("articles: 0 published, 0 updated, 3 unchanged"),
        "{again}"
    );
    let after = posts(&world).await;
    assert_eq!(after.len(), 3, "nothing posted twice");
    for post in &after {
        let messages = world.bot.fake.messages(post.id);
        assert!(messages.iter().all(|m| m.edited_at.is_none()), "untouched");
    }
    world.bot.fake.assert_no_violations();
}

async fn a_changed_pack_is_edited_in_place_with_messages_added_and_deleted(backend: Backend) {
    let work = tempfile::tempdir().unwrap();
    let pack = work.path().join(COURSE);
    files::copy_dir(&Path::new("prompts").join(COURSE), &pack);
    let long_body = long_article("Listening first", 3);
    write(&pack, "articles/power-analysis.md", &long_body);
    let mut world = world(work.path().to_str().unwrap(), backend).await;
    set_up(&world).await;
    let forum = articles_forum(&world).await;
    let power = post_titled(&world, "Power analysis: mapping who can decide").await;
    assert_eq!(contents(&world, &power).len(), 3);
    let one_to_ones = post_titled(&world, "One-to-ones: what they are and how to hold one").await;
    let campaign = post_titled(&world, "The stages of a listening campaign").await;
    let campaign_before = contents(&world, &campaign);

    write(
        &pack,
        "articles/power-analysis.md",
        "Power is the ability to act.",
    );
    let longer = long_article("Relationships first", 4);
    write(&pack, "articles/one-to-ones.md", &longer);
    let course_file = std::fs::read_to_string(pack.join("course.toml")).unwrap();
    let course_file = course_file
        .replace("Power analysis: mapping who can decide", "Mapping power")
        .replace(
            "tags = [\"power\", \"action planning\"]",
            "tags = [\"power\"]",
        );
    std::fs::write(pack.join("course.toml"), course_file).unwrap();
    world.bot = world.bot.restart().await;

    let text = set_up(&world).await;

    assert!(
        text.contains("articles: 0 published, 2 updated, 1 unchanged"),
        "{text}"
    );
    assert_eq!(posts(&world).await.len(), 3, "nothing posted twice");
    let mapped = post_titled(&world, "Mapping power").await;
    assert_eq!(mapped.id, power.id, "the same post, renamed");
    assert_eq!(tag_names(&world, forum, &mapped), ["power"]);
    assert_eq!(
        contents(&world, &mapped),
        ["Power is the ability to act."],
        "the messages past the first are deleted"
    );
    let grown = contents(&world, &one_to_ones);
    assert_eq!(grown.len(), 4, "messages added at the end");
    assert_eq!(words(&grown.join("\n")), words(&longer));
    let first = world
        .bot
        .fake
        .message(serenity::all::MessageId::new(one_to_ones.id.get()));
    assert!(
        first.expect("the first message").edited_at.is_some(),
        "edited in place"
    );
    assert_eq!(contents(&world, &campaign), campaign_before);
    world.bot.fake.assert_no_violations();
}

async fn articles_are_published_again_in_a_forum_created_after_the_old_one_was_deleted(
    backend: Backend,
) {
    let world = world("prompts", backend).await;
    set_up(&world).await;
    let gone = articles_forum(&world).await;
    world.bot.fake.delete_channel(gone);

    let text = set_up(&world).await;

    assert!(
        text.contains("articles: 3 published, 0 updated, 0 unchanged"),
        "{text}"
    );
    let forum = articles_forum(&world).await;
    assert_ne!(forum, gone);
    let titles: Vec<String> = posts(&world).await.into_iter().map(|p| p.name).collect();
    assert_eq!(
        titles,
        [
            "One-to-ones: what they are and how to hold one",
            "Power analysis: mapping who can decide",
            "The stages of a listening campaign",
        ]
    );
    world.bot.fake.assert_no_violations();
}

async fn hub_search_finds_published_articles_with_links_to_their_posts(backend: Backend) {
    let world = world("prompts", backend).await;
    set_up(&world).await;
    let ann = learning::trainee(&world, "ann").await;
    let power = post_titled(&world, "Power analysis: mapping who can decide").await;

    let found = ann
        .slash("hub search", [("query", "organised money")])
        .await;

    assert!(found.is_ephemeral());
    let text = found.text();
    let guild = world.bot.fake.guild_id();
    assert!(text.contains("Articles matching"), "{text}");
    assert!(
        text.contains(&format!(
            "• [Power analysis: mapping who can decide](https://discord.com/channels/{guild}/{})",
            power.id
        )),
        "{text}"
    );
    assert!(!text.contains("stages of a listening campaign"), "{text}");

    let offered = ann.autocomplete("hub search", [("query", "power")]).await;
    let names: Vec<&str> = offered.choices().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Power analysis: mapping who can decide"]);
    world.bot.fake.assert_no_violations();
}

async fn a_changed_article_whose_post_was_deleted_is_posted_anew(backend: Backend) {
    let work = tempfile::tempdir().unwrap();
    let pack = work.path().join(COURSE);
    files::copy_dir(&Path::new("prompts").join(COURSE), &pack);
    let mut world = world(work.path().to_str().unwrap(), backend).await;
    set_up(&world).await;
    let title = "Power analysis: mapping who can decide";
    let deleted = post_titled(&world, title).await;
    world.bot.fake.delete_channel(deleted.id);
    write(
        &pack,
        "articles/power-analysis.md",
        "Power is the ability to act.",
    );
    world.bot = world.bot.restart().await;

    let text = set_up(&world).await;

    assert!(text.contains("1 updated, 2 unchanged"), "{text}");
    let posted = post_titled(&world, title).await;
    assert_ne!(posted.id, deleted.id);
    assert_eq!(contents(&world, &posted), ["Power is the ability to act."]);
    assert_eq!(posts(&world).await.len(), 3);
    world.bot.fake.assert_no_violations();
}

async fn an_unchanged_article_whose_post_was_deleted_is_posted_anew(backend: Backend) {
    let world = world("prompts", backend).await;
    set_up(&world).await;
    let title = "Power analysis: mapping who can decide";
    let deleted = post_titled(&world, title).await;
    let before = contents(&world, &deleted);
    world.bot.fake.delete_channel(deleted.id);

    let text = set_up(&world).await;

    assert!(
        text.contains("1 published, 0 updated, 2 unchanged"),
        "{text}"
    );
    let posted = post_titled(&world, title).await;
    assert_ne!(posted.id, deleted.id);
    assert_eq!(contents(&world, &posted), before);
    assert_eq!(posts(&world).await.len(), 3);
    let again = set_up(&world).await;
    assert!(
        again.contains("0 published, 0 updated, 3 unchanged"),
        "{again}"
    );
    world.bot.fake.assert_no_violations();
}

async fn a_post_whose_answer_was_lost_is_adopted_by_the_next_setup_not_posted_twice(
    backend: Backend,
) {
    let world = world("prompts", backend).await;
    let fake = &world.bot.fake;
    fake.lose_next_answer("POST", "/channels/{channel_id}/threads", 500);

    let failed = world.facilitator.slash("hub setup", []).await;

    assert!(failed.is_ephemeral());
    assert_eq!(
        posts(&world).await.len(),
        1,
        "Discord made the post all the same"
    );
    let text = set_up(&world).await;

    assert!(
        text.contains("articles: 3 published, 0 updated, 0 unchanged"),
        "{text}"
    );
    let posts = posts(&world).await;
    let mut titles: Vec<&str> = posts.iter().map(|p| p.name.as_str()).collect();
    titles.sort_unstable();
    titles.dedup();
    assert_eq!(titles.len(), 3, "each article posted once: {titles:?}");
    assert_eq!(posts.len(), 3);
    let again = set_up(&world).await;
    assert!(
        again.contains("0 published, 0 updated, 3 unchanged"),
        "{again}"
    );
    fake.assert_no_violations();
}

/// An article of `sections` sections, each a heading and about 1,500 characters, so that
/// each takes a message of its own.
fn long_article(heading: &str, sections: usize) -> String {
    let paragraph = "Organisers listen before they act, and act with the people they heard. ";
    let sections: Vec<String> = (1..=sections)
        .map(|n| format!("## {heading}, part {n}\n\n{}", paragraph.repeat(20).trim()))
        .collect();
    sections.join("\n\n")
}

fn write(pack: &Path, file: &str, text: &str) {
    std::fs::write(pack.join(file), text).unwrap();
}
