//! Forum channels through serenity: tags offered and applied, posts opened with their first
//! message, pins, and context-menu commands on a message or a member.

mod common;

use fake_discord::{ChannelKind, ChannelSpec, FakeDiscord, ViolationKind};
use serde_json::json;
use serenity::all::{ForumTagId, Permissions};

/// A fake whose bot may also manage channels and messages, as the hub needs.
async fn fake_for_hub() -> FakeDiscord {
    let usual = Permissions::VIEW_CHANNEL
        | Permissions::SEND_MESSAGES
        | Permissions::SEND_MESSAGES_IN_THREADS
        | Permissions::CREATE_PUBLIC_THREADS
        | Permissions::READ_MESSAGE_HISTORY;
    FakeDiscord::builder()
        .bot_permissions(usual | Permissions::MANAGE_CHANNELS | Permissions::MANAGE_MESSAGES)
        .start()
        .await
}

fn post(name: &str, content: &str, tags: &[ForumTagId]) -> serde_json::Value {
    let tags: Vec<String> = tags.iter().map(ToString::to_string).collect();
    json!({
        "name": name,
        "applied_tags": tags,
        "message": { "content": content, "allowed_mentions": { "parse": [] } },
    })
}

#[tokio::test]
async fn a_forum_is_created_with_tags_and_a_post_opens_with_its_message() {
    let fake = fake_for_hub().await;
    let http = fake.http();
    let body = json!({ "name": "questions", "type": 15, "available_tags": [{ "name": "listening" }, { "name": "answered" }] });

    let forum = http
        .create_channel(fake.guild_id(), &body, None)
        .await
        .expect("forum");

    assert_eq!(forum.kind, serenity::all::ChannelType::Forum);
    let names: Vec<&str> = forum
        .available_tags
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names, ["listening", "answered"]);
    let listening = forum.available_tags[0].id;
    let answered = forum.available_tags[1].id;

    let thread = http
        .create_forum_post(
            forum.id,
            &post("How do I start?", "Where to begin", &[listening]),
            None,
        )
        .await
        .expect("post");
    assert_eq!(thread.parent_id, Some(forum.id));
    assert_eq!(thread.applied_tags, [listening]);
    let first = fake.messages(thread.id);
    assert_eq!(first.len(), 1);
    assert_eq!(
        first[0].id.get(),
        thread.id.get(),
        "the first message has the post's id"
    );
    assert_eq!(first[0].content, "Where to begin");

    let tags = json!({ "applied_tags": [listening.to_string(), answered.to_string()] });
    let edited = http
        .edit_thread(thread.id, &tags, None)
        .await
        .expect("tags");
    assert_eq!(edited.applied_tags, [listening, answered]);
    assert_eq!(
        fake.channel(thread.id).map(|c| c.applied_tags.len()),
        Some(2)
    );

    let ann = fake.add_member("ann");
    let answer = ann.post(thread.id, "Start by listening");
    thread.id.pin(&http, answer.id).await.expect("pin");
    assert!(fake.message(answer.id).is_some_and(|m| m.pinned));
    fake.assert_no_violations();
}

#[tokio::test]
async fn a_forum_refuses_a_plain_message_unknown_tags_and_long_posts() {
    let fake = FakeDiscord::builder().expect_violations().start().await;
    let forum = fake.add_channel(ChannelSpec::forum("articles", ["guides"]));
    let http = fake.http();
    assert_eq!(
        fake.channel(forum).map(|c| c.kind),
        Some(ChannelKind::Forum)
    );

    let plain = json!({ "content": "hello", "allowed_mentions": { "parse": [] } });
    let error = http
        .send_message(forum, vec![], &plain)
        .await
        .expect_err("no messages");
    assert_eq!(common::error_code(&error), "400 50008");

    let unknown = post("Guide", "text", &[ForumTagId::new(42)]);
    let error = http
        .create_forum_post(forum, &unknown, None)
        .await
        .expect_err("tag");
    assert_eq!(
        common::json_errors(&error),
        [("applied_tags.0".into(), "FORUM_TAG_UNKNOWN".into())]
    );

    let long = post("Guide", &"x".repeat(2001), &[]);
    let error = http
        .create_forum_post(forum, &long, None)
        .await
        .expect_err("long");
    assert_eq!(
        common::json_errors(&error),
        [("message.content".into(), "BASE_TYPE_MAX_LENGTH".into())]
    );
    let tag = json!({ "available_tags": [{ "name": "a tag name far too long" }] });
    let error = http
        .edit_channel(forum, &tag, None)
        .await
        .expect_err("tag name");
    assert_eq!(
        common::json_errors(&error),
        [(
            "available_tags.0.name".into(),
            "BASE_TYPE_BAD_LENGTH".into()
        )]
    );
    let kinds: Vec<ViolationKind> = fake.take_violations().iter().map(|v| v.kind).collect();
    assert_eq!(kinds, [ViolationKind::InvalidBody; 3]);
    assert!(fake.threads(forum).is_empty(), "no post was opened");
}

#[tokio::test]
async fn adding_a_forum_tag_keeps_the_ids_of_those_listed() {
    let fake = fake_for_hub().await;
    let forum = fake.add_channel(ChannelSpec::forum("articles", ["guides"]));
    let guides = fake.channel(forum).expect("forum").tags[0].id;
    let body = json!({ "available_tags": [
        { "id": guides.to_string(), "name": "guides" },
        { "name": "answered" },
    ] });

    let edited = fake
        .http()
        .edit_channel(forum, &body, None)
        .await
        .expect("tags");

    let tags: Vec<(ForumTagId, &str)> = edited
        .available_tags
        .iter()
        .map(|t| (t.id, t.name.as_str()))
        .collect();
    assert_eq!(tags[0], (guides, "guides"));
    assert_eq!(tags[1].1, "answered");
    assert_ne!(tags[1].0, guides);
}

#[tokio::test]
async fn pinning_needs_manage_messages() {
    let fake = FakeDiscord::builder()
        .bot_permissions(Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES)
        .start()
        .await;
    let ann = fake.add_member("ann");
    let said = ann.post(fake.general_channel(), "a good answer");

    let error = fake
        .http()
        .pin_message(fake.general_channel(), said.id, None)
        .await
        .expect_err("no permission");

    assert_eq!(common::error_code(&error), "403 50013");
    assert!(fake.message(said.id).is_some_and(|m| !m.pinned));
}

#[tokio::test]
async fn context_menus_carry_their_target() {
    let (fake, _bot) = common::start().await;
    let ann = fake.add_member("ann");
    let ben = fake.add_member("ben");
    let said = ann.post(fake.general_channel(), "Listen first");

    let quoted = ben.message_command("Quote", &said).await;
    assert_eq!(quoted.text(), "ann said: Listen first");
    assert!(quoted.is_ephemeral());

    let who = ben.user_command("Who is this", &ann).await;
    assert_eq!(who.text(), "ann (member: true)");
}
