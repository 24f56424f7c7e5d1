//! Articles members propose for the knowledge hub, through the Discord stand-in, on SQLite
//! and on PostgreSQL (when `COHORTBOT_TEST_POSTGRES_URL` is set): `/hub propose` keeps a
//! proposal and asks the facilitators by direct message; **Approve and publish** posts it in
//! the articles forum under its author's name (once, however many click), where `/hub
//! search` finds it; **Return with a comment** sends the author the comment with their text;
//! and each refusal gives back what was typed.

use crate::learning;
use crate::learning::{CohortSpec, World};
use chrono::{Duration, Utc};
use cohortbot::model::hub_proposals::ProposalState;
use cohortbot::model::HubForumKind;
use fake_discord::{FakeUser, Message, Overwrite, Reply};
use serenity::all::{ChannelId, Permissions};

use crate::bot::{Backend, TestClock};

e2e_tests!(
    an_approved_proposal_is_posted_once_under_its_authors_name_and_found_by_search,
    a_returned_proposal_reaches_its_author_with_the_comment_and_their_text,
    a_proposal_refused_gives_back_what_was_typed_and_keeps_nothing,
    only_facilitators_review_and_forged_or_stale_buttons_change_nothing,
    a_post_discord_refuses_leaves_the_proposal_waiting_and_names_the_permission,
    an_approval_whose_answer_was_lost_is_not_posted_twice_when_approved_again,
);

const TITLE: &str = "Door-knocking on a wet evening";
const BODY: &str = "## Before you go\n\nTake a clipboard in a plastic sleeve.\n\n## At the door\n\nAsk what bothers people about the street, then listen.";

struct Hub {
    world: World,
    ann: FakeUser,
}

/// A community-organisers cohort with the hub set up and Ann, a trainee.
async fn hub(backend: Backend, set_up: bool) -> Hub {
    let spec = CohortSpec {
        starts: (Utc::now() + Duration::days(7)).date_naive().to_string(),
        backend,
        ..CohortSpec::new("prompts", "community-organisers")
    };
    let world = learning::world_of(spec, TestClock::at(Utc::now())).await;
    learning::grant_hub_permissions(&world);
    if set_up {
        let reply = world.facilitator.slash("hub setup", []).await;
        assert!(reply.text().contains("is set up"), "{}", reply.text());
    }
    let ann = learning::trainee(&world, "ann").await;
    Hub { world, ann }
}

impl Hub {
    /// Ann proposes an article through the form; returns the reply to it.
    async fn propose(&self, title: &str, body: &str, tags: &str) -> Reply {
        let form = self.ann.slash("hub propose", []).await;
        assert!(form.modal().is_some(), "{}", form.text());
        self.ann
            .forge_submit(&form, [("title", title), ("body", body), ("tags", tags)])
            .await
    }

    /// The review request the facilitator was sent by direct message.
    async fn review_request(&self) -> Message {
        self.world.bot.step().await;
        let dms = self.world.facilitator.dms();
        let found = dms
            .iter()
            .find(|m| m.text().contains("proposed an article"));
        found.expect("the facilitator is asked to review").clone()
    }

    async fn articles_forum(&self) -> ChannelId {
        let guild = learning::guild(&self.world.bot);
        let forum = self
            .world
            .bot
            .store
            .hub_forum(guild, HubForumKind::Articles)
            .await;
        ChannelId::new(forum.unwrap().expect("the articles forum").channel_id.0)
    }

    async fn posts_titled(&self, title: &str) -> Vec<fake_discord::Channel> {
        let posts = self.world.bot.fake.threads(self.articles_forum().await);
        posts.into_iter().filter(|p| p.name == title).collect()
    }
}

fn said(reply: &Reply, phrase: &str) {
    assert!(reply.is_ephemeral());
    assert!(reply.text().contains(phrase), "{}", reply.text());
}

async fn an_approved_proposal_is_posted_once_under_its_authors_name_and_found_by_search(
    backend: Backend,
) {
    let hub = hub(backend, true).await;

    let proposed = hub.propose(TITLE, BODY, "Listening").await;

    said(&proposed, "is with the facilitators");
    assert!(
        hub.posts_titled(TITLE).await.is_empty(),
        "not before approval"
    );
    let request = hub.review_request().await;
    let text = request.text();
    assert!(text.contains(&hub.ann.mention()), "{text}");
    assert!(text.contains("Ask what bothers people"), "{text}");
    let fran = hub.world.facilitator.in_dm();

    let approved = fran.click(&request, "Approve and publish").await;

    let posts = hub.posts_titled(TITLE).await;
    assert_eq!(posts.len(), 1);
    let post = &posts[0];
    assert!(
        approved.text().contains(&format!("<#{}>", post.id)),
        "{}",
        approved.text()
    );
    assert!(approved.buttons().is_empty(), "the buttons are gone");
    let first = &hub.world.bot.fake.messages(post.id)[0];
    assert!(first
        .content
        .starts_with(&format!("*An article by {}*", hub.ann.mention())));
    assert!(first.content.contains("Take a clipboard"));
    assert!(
        first.pings.users.is_empty(),
        "the author is named, not pinged"
    );
    let forum = hub
        .world
        .bot
        .fake
        .channel(hub.articles_forum().await)
        .unwrap();
    let listening = forum.tags.iter().find(|t| t.name == "listening").unwrap();
    assert_eq!(post.applied_tags, [listening.id]);

    let again = fran.forge_click(&request, &approve_id(1)).await;
    said(&again, "already approved by");
    assert_eq!(hub.posts_titled(TITLE).await.len(), 1, "posted once");

    hub.world.bot.step().await;
    let told = hub.ann.dms();
    let told = told.iter().filter(|m| m.text().contains("is published"));
    assert_eq!(told.count(), 1, "the author is told once");
    let found = hub.ann.slash("hub search", [("query", "clipboard")]).await;
    assert!(found.text().contains(TITLE), "{}", found.text());
    hub.world.bot.fake.assert_no_violations();
}

async fn a_returned_proposal_reaches_its_author_with_the_comment_and_their_text(backend: Backend) {
    let hub = hub(backend, true).await;
    hub.propose(TITLE, BODY, "").await;
    let fran = &hub.world.facilitator;

    let card = fran.slash("hub proposals", []).await;
    said(&card, "The oldest of 1 proposed article waiting");
    assert!(card.text().contains(TITLE), "{}", card.text());
    let form = fran.click(&card, "Return with a comment").await;
    let returned = fran
        .submit(
            &form,
            [("comment", "Say which street, and what people told you.")],
        )
        .await;

    assert!(returned.text().contains("Returned"), "{}", returned.text());
    assert!(
        returned.buttons().is_empty(),
        "the card shows the decision instead"
    );
    hub.world.bot.step().await;
    let dms = hub.ann.dms();
    let told = dms
        .iter()
        .find(|m| m.text().contains("returned your proposed article"))
        .expect("the author is told");
    let text = told.text();
    assert!(text.contains("Say which street"), "{text}");
    assert!(
        text.contains("Take a clipboard in a plastic sleeve."),
        "{text}"
    );
    assert!(hub.posts_titled(TITLE).await.is_empty(), "nothing posted");
    let none = fran.slash("hub proposals", []).await;
    said(&none, "No proposed article is waiting");
    let late = fran.forge_click(&card, &approve_id(1)).await;
    said(&late, "already returned by");
    hub.world.bot.fake.assert_no_violations();
}

async fn a_proposal_refused_gives_back_what_was_typed_and_keeps_nothing(backend: Backend) {
    let hub = hub(backend, false).await;
    let before_setup = hub.propose(TITLE, BODY, "").await;
    said(&before_setup, "not set up");
    let setup = hub.world.facilitator.slash("hub setup", []).await;
    assert!(setup.text().contains("is set up"), "{}", setup.text());

    let unknown_tag = hub.propose(TITLE, BODY, "gardening").await;
    said(&unknown_tag, "The articles forum has no tag “gardening”");
    assert!(
        unknown_tag.text().contains("Take a clipboard"),
        "typed back"
    );
    let blank = hub.propose("   ", BODY, "").await;
    said(&blank, "An article needs a title");
    let long = "word ".repeat(801);
    let too_long = hub.propose(TITLE, &long, "").await;
    said(&too_long, "at most 4000 characters");

    for n in 1..=3 {
        said(
            &hub.propose(&format!("{TITLE} {n}"), BODY, "").await,
            "is with",
        );
    }
    let fourth = hub.propose(TITLE, BODY, "").await;
    said(&fourth, "You have 3 proposals waiting");
    let guild = learning::guild(&hub.world.bot);
    let waiting = hub.world.bot.store.waiting_proposals(guild).await.unwrap();
    assert_eq!(waiting.len(), 3, "only the three accepted are kept");
    hub.world.bot.fake.assert_no_violations();
}

async fn only_facilitators_review_and_forged_or_stale_buttons_change_nothing(backend: Backend) {
    let hub = hub(backend, true).await;
    hub.propose(TITLE, BODY, "").await;
    let request = hub.review_request().await;

    let by_trainee = hub.ann.in_dm().forge_click(&request, &approve_id(1)).await;
    said(&by_trainee, "Only the facilitators");
    let unknown = hub
        .world
        .facilitator
        .in_dm()
        .forge_click(&request, &approve_id(99))
        .await;
    said(&unknown, "no longer exists");
    let listed = hub.ann.slash("hub proposals", []).await;
    said(&listed, "Only the facilitators");

    assert!(hub.posts_titled(TITLE).await.is_empty());
    let guild = learning::guild(&hub.world.bot);
    let waiting = hub.world.bot.store.waiting_proposals(guild).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].state, ProposalState::Pending);
}

async fn a_post_discord_refuses_leaves_the_proposal_waiting_and_names_the_permission(
    backend: Backend,
) {
    let hub = hub(backend, true).await;
    hub.propose(TITLE, BODY, "").await;
    let request = hub.review_request().await;
    let fake = &hub.world.bot.fake;
    let bot_role = fake.bot_role(fake.guild_id());
    let forum = hub.articles_forum().await;
    fake.set_overwrite(
        forum,
        Overwrite::role(bot_role).deny(Permissions::SEND_MESSAGES),
    );
    let fran = hub.world.facilitator.in_dm();

    let refused = fran.click(&request, "Approve and publish").await;

    said(&refused, "Send Messages");
    assert!(hub.posts_titled(TITLE).await.is_empty());
    let guild = learning::guild(&hub.world.bot);
    let waiting = hub.world.bot.store.waiting_proposals(guild).await.unwrap();
    assert_eq!(waiting.len(), 1, "it waits to be approved again");
    fake.set_overwrite(forum, Overwrite::role(bot_role));
    let approved = fran.click(&request, "Approve and publish").await;
    assert!(approved.text().contains("published"), "{}", approved.text());
    assert_eq!(hub.posts_titled(TITLE).await.len(), 1);
}

async fn an_approval_whose_answer_was_lost_is_not_posted_twice_when_approved_again(
    backend: Backend,
) {
    let hub = hub(backend, true).await;
    hub.propose(TITLE, BODY, "").await;
    let request = hub.review_request().await;
    let fake = &hub.world.bot.fake;
    fake.lose_next_answer("POST", "/channels/{channel_id}/threads", 500);
    let fran = hub.world.facilitator.in_dm();

    let failed = fran.click(&request, "Approve and publish").await;

    assert!(!failed.text().contains("published"), "{}", failed.text());
    assert_eq!(hub.posts_titled(TITLE).await.len(), 1, "Discord posted it");
    let approved = fran.click(&request, "Approve and publish").await;
    assert!(approved.text().contains("published"), "{}", approved.text());
    let posts = hub.posts_titled(TITLE).await;
    assert_eq!(posts.len(), 1, "adopted, not posted twice");
    assert!(approved.text().contains(&format!("<#{}>", posts[0].id)));
    hub.world.bot.step().await;
    let told = hub.ann.dms();
    assert_eq!(
        told.iter()
            .filter(|m| m.text().contains("is published"))
            .count(),
        1
    );
    fake.assert_no_violations();
}

fn approve_id(proposal: i64) -> String {
    format!("v1:pa:{proposal}")
}
