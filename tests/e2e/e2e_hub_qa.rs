//! Questions and answers in the knowledge hub through the Discord stand-in, on SQLite and on
//! PostgreSQL (when `COHORTBOT_TEST_POSTGRES_URL` is set): `/ask` posts in the questions
//! forum, after showing similar answered questions; **Accept answer** tags the post and pins
//! the answer; **Rate answer** keeps one changeable rating per member; `/hub reputation`
//! adds them up as eBay does; a facilitator removes an abusive rating; `/hub search` finds
//! answered questions; and each refusal.

use crate::learning;
use crate::learning::{CohortSpec, World};
use chrono::{Duration, Utc};
use cohortbot::model::hub_qa::{Question, QuestionId, RatingValue};
use cohortbot::model::{ChannelId as PostId, HubForumKind, MessageId, UserId};
use fake_discord::{FakeUser, Message, Overwrite, Reply};
use serenity::all::{ChannelId, Permissions};

use crate::bot::{Backend, TestClock};

e2e_tests!(
    a_question_with_nothing_similar_is_posted_at_once_with_its_tags,
    similar_answered_questions_come_first_and_the_asker_posts_or_cancels,
    the_asker_accepts_an_answer_which_tags_the_post_and_pins_it,
    accepting_is_refused_to_others_on_the_question_and_outside_the_hub,
    a_rating_is_one_per_member_changeable_and_never_ones_own_or_too_soon,
    reputation_counts_raters_and_a_facilitator_removes_an_abusive_rating,
    ask_refuses_an_empty_title_long_details_and_unknown_tags,
    ask_refuses_before_setup_and_after_the_forum_is_deleted,
    search_finds_answered_questions_with_links_and_completes_titles,
    a_post_discord_refuses_names_the_permission_and_keeps_nothing,
);

struct Hub {
    world: World,
    clock: std::sync::Arc<TestClock>,
    ann: FakeUser,
    ben: FakeUser,
    cat: FakeUser,
}

/// A community-organisers cohort whose bot may manage channels and messages, with the hub
/// set up (unless `set_up` is false) and three members: Ann asks, Ben answers, Cat rates.
async fn hub(backend: Backend, set_up: bool) -> Hub {
    let clock = TestClock::at(Utc::now());
    let spec = CohortSpec {
        starts: (Utc::now() + Duration::days(7)).date_naive().to_string(),
        backend,
        ..CohortSpec::new("prompts", "community-organisers")
    };
    let world = learning::world_of(spec, clock.clone()).await;
    learning::grant_hub_permissions(&world);
    if set_up {
        let reply = world.facilitator.slash("hub setup", []).await;
        assert!(reply.text().contains("is set up"), "{}", reply.text());
    }
    let ann = learning::trainee(&world, "ann").await;
    let ben = learning::trainee(&world, "ben").await;
    let cat = learning::trainee(&world, "cat").await;
    Hub {
        world,
        clock,
        ann,
        ben,
        cat,
    }
}

impl Hub {
    async fn forum(&self) -> ChannelId {
        let guild = learning::guild(&self.world.bot);
        let store = &self.world.bot.store;
        let forum = store
            .hub_forum(guild, HubForumKind::Questions)
            .await
            .unwrap();
        ChannelId::new(forum.expect("the questions forum").channel_id.0)
    }

    async fn posts(&self) -> Vec<fake_discord::Channel> {
        self.world.bot.fake.threads(self.forum().await)
    }

    async fn question_of(&self, post: ChannelId) -> Question {
        let store = &self.world.bot.store;
        let question = store.question_of_post(PostId(post.get())).await.unwrap();
        question.expect("the post's question is recorded")
    }

    /// Ann asks a question no earlier one is like; returns its post.
    async fn asked(&self, title: &str, details: &str) -> ChannelId {
        let reply = self
            .ann
            .slash("ask", [("title", title), ("details", details)])
            .await;
        assert!(reply.text().contains("is posted"), "{}", reply.text());
        let posts = self.posts().await;
        posts.iter().find(|p| p.name == title).expect("the post").id
    }

    /// Ann's question, answered by Ben a while ago by the clock.
    async fn answered_by_ben(&self, title: &str) -> (ChannelId, Message) {
        let post = self
            .asked(title, "We have a street of forty homes and no contacts.")
            .await;
        let answer = self
            .ben
            .post(post, "Knock on doors and ask what bothers people.");
        self.clock.advance(Duration::minutes(2));
        (post, answer)
    }
}

fn link(world: &World, post: ChannelId, message: Option<&Message>) -> String {
    let guild = world.bot.fake.guild_id();
    match message {
        Some(m) => format!("https://discord.com/channels/{guild}/{post}/{}", m.id),
        None => format!("https://discord.com/channels/{guild}/{post}"),
    }
}

fn refused(reply: &Reply, phrase: &str) {
    assert!(reply.is_ephemeral());
    assert!(reply.text().contains(phrase), "{}", reply.text());
}

async fn a_question_with_nothing_similar_is_posted_at_once_with_its_tags(backend: Backend) {
    let hub = hub(backend, true).await;

    let reply = hub
        .ann
        .slash(
            "ask",
            [
                ("title", "How do I start a listening campaign?"),
                ("details", "Our tenants' group has never done one."),
                ("tags", "Listening, power"),
            ],
        )
        .await;

    assert!(reply.is_ephemeral());
    let posts = hub.posts().await;
    assert_eq!(posts.len(), 1);
    let post = &posts[0];
    assert!(
        reply.text().contains(&format!("<#{}>", post.id)),
        "{}",
        reply.text()
    );
    assert_eq!(post.name, "How do I start a listening campaign?");
    let forum = hub.world.bot.fake.channel(hub.forum().await).unwrap();
    let tag = |name: &str| forum.tags.iter().find(|t| t.name == name).unwrap().id;
    assert_eq!(post.applied_tags, [tag("listening"), tag("power")]);
    let first = &hub.world.bot.fake.messages(post.id)[0];
    assert!(first
        .content
        .starts_with("Our tenants' group has never done one."));
    assert!(first
        .content
        .contains(&format!("asked by <@{}>", hub.ann.id())));
    assert!(
        first.pings.users.is_empty(),
        "the asker is named, not pinged"
    );
    let question = hub.question_of(post.id).await;
    assert_eq!(question.asker_id, UserId(hub.ann.id().get()));
    assert_eq!(question.tags, ["listening", "power"]);
    hub.world.bot.fake.assert_no_violations();
}

async fn similar_answered_questions_come_first_and_the_asker_posts_or_cancels(backend: Backend) {
    let hub = hub(backend, true).await;
    let (first, answer) = hub
        .answered_by_ben("How do I start a listening campaign on my street?")
        .await;
    let accepted = hub.ann.message_command("Accept answer", &answer).await;
    assert!(accepted.text().contains("Accepted"), "{}", accepted.text());

    let similar = hub
        .cat
        .slash(
            "ask",
            [
                ("title", "Starting a listening campaign"),
                (
                    "details",
                    "Where do I begin on a street where I know nobody?",
                ),
            ],
        )
        .await;

    let text = similar.text();
    assert!(text.contains("look alike"), "{text}");
    assert!(
        text.contains(&format!(
            "[How do I start a listening campaign on my street?]({})",
            link(&hub.world, first, None)
        )),
        "{text}"
    );
    assert_eq!(
        hub.posts().await.len(),
        1,
        "nothing posted before confirming"
    );
    let post_button = similar.button("Post my question").expect("the button");
    let post_button = post_button.custom_id.clone().expect("a custom_id");
    let posted = hub.cat.click(&similar, "Post my question").await;
    assert!(posted.text().contains("is posted"), "{}", posted.text());
    assert_eq!(hub.posts().await.len(), 2);
    let again = hub.cat.forge_click(&similar, &post_button).await;
    refused(&again, "already posted");
    assert_eq!(hub.posts().await.len(), 2, "a second click posts nothing");

    let other = hub
        .cat
        .slash(
            "ask",
            [
                ("title", "Listening campaign on a street"),
                ("details", "Same again"),
            ],
        )
        .await;
    let ann_clicks = hub.ann.click(&other, "Post my question").await;
    refused(&ann_clicks, "Only the member who asked");
    let cancelled = hub.cat.click(&other, "Cancel").await;
    assert!(
        cancelled.text().contains("Cancelled"),
        "{}",
        cancelled.text()
    );
    assert_eq!(hub.posts().await.len(), 2);
    hub.world.bot.fake.assert_no_violations();
}

async fn the_asker_accepts_an_answer_which_tags_the_post_and_pins_it(backend: Backend) {
    let hub = hub(backend, true).await;
    let (post, answer) = hub.answered_by_ben("Who should we talk to first?").await;

    let reply = hub.ann.message_command("Accept answer", &answer).await;

    assert!(reply.is_ephemeral());
    assert!(
        reply
            .text()
            .contains(&link(&hub.world, post, Some(&answer))),
        "{}",
        reply.text()
    );
    let fake = &hub.world.bot.fake;
    let forum = fake.channel(hub.forum().await).unwrap();
    let answered = forum.tags.iter().find(|t| t.name == "answered").unwrap().id;
    assert!(fake.channel(post).unwrap().applied_tags.contains(&answered));
    assert!(fake.message(answer.id).is_some_and(|m| m.pinned));
    let question = hub.question_of(post).await;
    assert_eq!(question.accepted_answer, Some(MessageId(answer.id.get())));
    let store = &hub.world.bot.store;
    let recorded = store.hub_answer(MessageId(answer.id.get())).await.unwrap();
    let recorded = recorded.expect("the answer is recorded");
    assert_eq!(recorded.author_id, UserId(hub.ben.id().get()));
    assert_eq!(recorded.accepted_by, Some(UserId(hub.ann.id().get())));

    let again = hub.ann.message_command("Accept answer", &answer).await;
    refused(&again, "has this answer already accepted");
    fake.assert_no_violations();
}

async fn accepting_is_refused_to_others_on_the_question_and_outside_the_hub(backend: Backend) {
    let hub = hub(backend, true).await;
    let (post, answer) = hub.answered_by_ben("Who should we talk to first?").await;
    let starter = hub.world.bot.fake.messages(post)[0].clone();
    let elsewhere = hub.ben.post(hub.world.channel, "Talk to the caretaker.");

    refused(
        &hub.cat.message_command("Accept answer", &answer).await,
        "Only the member who asked this question, or a facilitator",
    );
    refused(
        &hub.ann.message_command("Accept answer", &starter).await,
        "That is the question itself",
    );
    refused(
        &hub.ann.message_command("Accept answer", &elsewhere).await,
        "not an answer in the knowledge hub",
    );
    assert_eq!(hub.question_of(post).await.accepted_answer, None);
    assert!(hub
        .world
        .bot
        .fake
        .message(answer.id)
        .is_some_and(|m| !m.pinned));

    let by_facilitator = hub
        .world
        .facilitator
        .message_command("Accept answer", &answer)
        .await;
    assert!(
        by_facilitator.text().contains("Accepted"),
        "{}",
        by_facilitator.text()
    );
}

async fn rate(user: &FakeUser, answer: &Message, button: &str, comment: &str) -> Reply {
    let choice = user.message_command("Rate answer", answer).await;
    let form = user.click(&choice, button).await;
    assert!(form.modal().is_some(), "{}", form.text());
    user.submit(&form, [("comment", comment)]).await
}

async fn a_rating_is_one_per_member_changeable_and_never_ones_own_or_too_soon(backend: Backend) {
    let hub = hub(backend, true).await;
    let post = hub
        .asked("Who should we talk to first?", "New to this.")
        .await;
    let answer = hub.ben.post(post, "Start with the neighbours you know.");
    let answer_id = MessageId(answer.id.get());
    let cat_id = UserId(hub.cat.id().get());
    let store = &hub.world.bot.store;

    refused(
        &hub.cat.message_command("Rate answer", &answer).await,
        "give it a minute",
    );
    hub.clock.advance(Duration::minutes(2));
    refused(
        &hub.ben.message_command("Rate answer", &answer).await,
        "You cannot rate your own answer",
    );
    let starter = hub.world.bot.fake.messages(post)[0].clone();
    refused(
        &hub.cat.message_command("Rate answer", &starter).await,
        "That is the question itself",
    );
    let elsewhere = hub.ben.post(hub.world.channel, "Talk to the caretaker.");
    refused(
        &hub.cat.message_command("Rate answer", &elsewhere).await,
        "not an answer in the knowledge hub",
    );

    let rated = rate(&hub.cat, &answer, "👍 Positive", "Clear and kind").await;
    assert!(
        rated.text().contains("you rated this answer positive"),
        "{}",
        rated.text()
    );
    let rating = store.rating(answer_id, cat_id).await.unwrap().unwrap();
    assert_eq!(rating.value, RatingValue::Positive);
    assert_eq!(rating.comment.as_deref(), Some("Clear and kind"));

    let choice = hub.cat.message_command("Rate answer", &answer).await;
    assert!(
        choice.text().contains("You rated it positive before"),
        "{}",
        choice.text()
    );
    let changed = rate(&hub.cat, &answer, "👎 Negative", "").await;
    assert!(
        changed.text().contains("changed your rating to negative"),
        "{}",
        changed.text()
    );
    let rating = store.rating(answer_id, cat_id).await.unwrap().unwrap();
    assert_eq!(rating.value, RatingValue::Negative);
    assert_eq!(rating.comment, None);
    hub.world.bot.fake.assert_no_violations();
}

async fn reputation_counts_raters_and_a_facilitator_removes_an_abusive_rating(backend: Backend) {
    let hub = hub(backend, true).await;
    let (post, answer) = hub.answered_by_ben("Who should we talk to first?").await;
    hub.ann.message_command("Accept answer", &answer).await;
    rate(&hub.ann, &answer, "👍 Positive", "").await;
    rate(&hub.cat, &answer, "👎 Negative", "rubbish").await;
    let ben = format!("<@{}>", hub.ben.id());

    let before = hub.cat.slash("hub reputation", [("member", &ben)]).await;

    let text = before.text();
    assert!(text.contains("Feedback score: **0**"), "{text}");
    assert!(
        text.contains("**50.0%** positive (1 positive, 0 neutral, 1 negative)"),
        "{text}"
    );
    assert!(text.contains("Answers: 1 given, 1 accepted"), "{text}");

    let choice = hub.cat.message_command("Rate answer", &answer).await;
    let form_opened_before = hub.cat.click(&choice, "👎 Negative").await;
    let answer_link = link(&hub.world, post, Some(&answer));
    let cat = format!("<@{}>", hub.cat.id());
    let options = [
        ("rater", cat.as_str()),
        ("answer", answer_link.as_str()),
        ("reason", "Abusive comment"),
    ];
    refused(
        &hub.cat.slash("hub remove-rating", options).await,
        "Only facilitators",
    );
    let removed = hub
        .world
        .facilitator
        .slash("hub remove-rating", options)
        .await;
    assert!(
        removed.text().contains("no longer counts"),
        "{}",
        removed.text()
    );
    let store = &hub.world.bot.store;
    let rating = store
        .rating(MessageId(answer.id.get()), UserId(hub.cat.id().get()))
        .await
        .unwrap()
        .unwrap();
    let removal = rating.removal.expect("the removal is kept");
    assert_eq!(removal.reason, "Abusive comment");
    assert_eq!(removal.removed_by, UserId(hub.world.facilitator.id().get()));

    let after = hub.ben.slash("hub reputation", []).await;
    let text = after.text();
    assert!(text.contains("Feedback score: **1**"), "{text}");
    assert!(
        text.contains("**100.0%** positive (1 positive, 0 neutral, 0 negative)"),
        "{text}"
    );
    refused(
        &hub.cat.message_command("Rate answer", &answer).await,
        "A facilitator removed your rating",
    );
    let late = hub.cat.submit(&form_opened_before, [("comment", "")]).await;
    refused(&late, "A facilitator removed your rating");
    let twice = hub
        .world
        .facilitator
        .slash("hub remove-rating", options)
        .await;
    refused(&twice, "no rating of that answer to remove");
    hub.world.bot.fake.assert_no_violations();
}

async fn ask_refuses_an_empty_title_long_details_and_unknown_tags(backend: Backend) {
    let hub = hub(backend, true).await;

    let empty = hub
        .ann
        .slash("ask", [("title", "   "), ("details", "Anything")])
        .await;
    refused(&empty, "A question needs a title");
    let long_details = "word ".repeat(800);
    let long = hub
        .ann
        .slash("ask", [("title", "A long one"), ("details", &long_details)])
        .await;
    refused(&long, "at most 1900 characters");
    let unknown = hub
        .ann
        .slash(
            "ask",
            [
                ("title", "Tagged"),
                ("details", "Anything"),
                ("tags", "gardening"),
            ],
        )
        .await;
    refused(&unknown, "no tag “gardening”");
    let answered = hub
        .ann
        .slash(
            "ask",
            [
                ("title", "Tagged"),
                ("details", "Anything"),
                ("tags", "answered"),
            ],
        )
        .await;
    refused(&answered, "no tag “answered”");

    assert!(hub.posts().await.is_empty());
    let guild = learning::guild(&hub.world.bot);
    let stored = hub.world.bot.store.answered_questions(guild).await.unwrap();
    assert!(stored.is_empty());
    hub.world.bot.fake.assert_no_violations();
}

async fn ask_refuses_before_setup_and_after_the_forum_is_deleted(backend: Backend) {
    let hub = hub(backend, false).await;
    let ask = [
        ("title", "Where do we meet?"),
        ("details", "Looking for a room."),
    ];

    refused(
        &hub.ann.slash("ask", ask).await,
        "not set up in this server",
    );

    hub.world.facilitator.slash("hub setup", []).await;
    let forum = hub.forum().await;
    hub.world.bot.fake.delete_channel(forum);
    refused(&hub.ann.slash("ask", ask).await, "run `/hub setup` again");

    hub.world.facilitator.slash("hub setup", []).await;
    let reply = hub.ann.slash("ask", ask).await;
    assert!(reply.text().contains("is posted"), "{}", reply.text());
}

async fn search_finds_answered_questions_with_links_and_completes_titles(backend: Backend) {
    let hub = hub(backend, true).await;
    hub.asked("Listening campaign without an answer", "Nobody answered.")
        .await;
    let (post, answer) = hub
        .answered_by_ben("How do I run a listening campaign?")
        .await;
    hub.ann.message_command("Accept answer", &answer).await;

    let found = hub.cat.slash("hub search", [("query", "Listening")]).await;

    let text = found.text();
    assert!(found.is_ephemeral());
    assert!(
        text.contains(&format!(
            "1. [How do I run a listening campaign?]({})",
            link(&hub.world, post, Some(&answer))
        )),
        "{text}"
    );
    assert!(!text.contains("without an answer"), "{text}");
    let nothing = hub.cat.slash("hub search", [("query", "gardening")]).await;
    assert!(
        nothing.text().contains("Nothing answered"),
        "{}",
        nothing.text()
    );
    refused(
        &hub.cat.slash("hub search", [("query", "?!")]).await,
        "at least one word",
    );
    let completed = hub
        .cat
        .autocomplete("hub search", [("query", "CAMP")])
        .await;
    let offered: Vec<&str> = completed
        .choices()
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        offered,
        [
            "How do I run a listening campaign?",
            "The stages of a listening campaign"
        ],
        "answered questions, then the pack's articles"
    );
    hub.world.bot.fake.assert_no_violations();
}

async fn a_post_discord_refuses_names_the_permission_and_keeps_nothing(backend: Backend) {
    let hub = hub(backend, true).await;
    let fake = &hub.world.bot.fake;
    let bot_role = fake.bot_role(fake.guild_id());
    let forum = hub.forum().await;
    fake.set_overwrite(
        forum,
        Overwrite::role(bot_role).deny(Permissions::SEND_MESSAGES),
    );

    let reply = hub
        .ann
        .slash(
            "ask",
            [("title", "Where do we meet?"), ("details", "A room.")],
        )
        .await;

    refused(&reply, "View Channel and Send Messages");
    assert!(hub.posts().await.is_empty());
    let store = &hub.world.bot.store;
    assert_eq!(store.hub_question(QuestionId(1)).await.unwrap(), None);
}
