//! The knowledge hub in the store, on SQLite and on PostgreSQL (when
//! `COHORTBOT_TEST_POSTGRES_URL` is set, see `tests/common/store_backends.rs`).

use crate::store_backends::TestDb;
use cohortbot::domain::access::Caller;
use cohortbot::domain::reputation::{reputation, PERCENT_WINDOW_MS};
use cohortbot::model::hub::{HubForum, PublishedArticle};
use cohortbot::model::hub_proposals::{NewProposal, ProposalState};
use cohortbot::model::hub_qa::{
    Answer, NewQuestion, Question, QuestionState, RaterCounts, Rating, RatingValue, Removal,
};
use cohortbot::model::*;
use cohortbot::store::{RatingSaved, Store};

store_tests!(
    a_servers_hub_forum_is_recorded_and_replaced_per_kind,
    reputation_counts_distinct_raters_keeps_twelve_months_and_leaves_removed_ratings_out,
    a_rating_is_changed_in_place_and_a_removed_one_stays_removed,
    a_question_is_posted_once_and_accepts_one_answer,
    search_finds_answered_questions_of_the_server_best_first,
    a_published_article_is_recorded_per_course_and_replaced_when_edited,
    a_proposal_is_claimed_once_and_published_with_its_article_in_one_step,
);

const GUILD: GuildId = GuildId(9_000_000_000_000_000_100);
const FRAN: UserId = UserId(9_000_000_000_000_000_001);
const T0: UnixMillis = 1_790_000_000_000;

fn forum(kind: HubForumKind, channel: u64, at: UnixMillis) -> HubForum {
    HubForum {
        guild_id: GUILD,
        kind,
        channel_id: ChannelId(channel),
        set_up_by: FRAN,
        set_up_at: at,
    }
}

async fn a_servers_hub_forum_is_recorded_and_replaced_per_kind(db: &TestDb) {
    let store = &db.store;
    assert_eq!(
        store
            .hub_forum(GUILD, HubForumKind::Questions)
            .await
            .unwrap(),
        None
    );
    let articles = forum(HubForumKind::Articles, 9_000_000_000_000_000_200, T0);
    let questions = forum(HubForumKind::Questions, 201, T0);
    store.set_hub_forum(&articles).await.unwrap();
    store.set_hub_forum(&questions).await.unwrap();

    let again = forum(HubForumKind::Questions, 202, T0 + 1);
    store.set_hub_forum(&again).await.unwrap();

    assert_eq!(
        store
            .hub_forum(GUILD, HubForumKind::Articles)
            .await
            .unwrap(),
        Some(articles)
    );
    assert_eq!(
        store
            .hub_forum(GUILD, HubForumKind::Questions)
            .await
            .unwrap(),
        Some(again)
    );
    assert_eq!(
        store
            .hub_forum(GuildId(1), HubForumKind::Articles)
            .await
            .unwrap(),
        None
    );
}

const BEN: UserId = UserId(9_000_000_000_000_000_002);

/// A posted question in `guild`, asked by Fran.
async fn posted_question(store: &Store, guild: GuildId, post: u64) -> Question {
    let new = NewQuestion {
        guild_id: guild,
        asker_id: FRAN,
        title: format!("Question {post}"),
        details: "Details".into(),
        tags: vec!["listening".into()],
    };
    let question = store.create_question(&new, T0).await.unwrap();
    assert!(store
        .move_question(question.id, QuestionState::Draft, QuestionState::Posting)
        .await
        .unwrap());
    store
        .question_posted(question.id, ChannelId(post))
        .await
        .unwrap();
    store.hub_question(question.id).await.unwrap().unwrap()
}

async fn answer(store: &Store, question: &Question, message: u64, author: UserId) -> MessageId {
    let answer = Answer {
        message_id: MessageId(message),
        question_id: question.id,
        guild_id: question.guild_id,
        author_id: author,
        posted_at: T0,
        accepted_at: None,
        accepted_by: None,
    };
    store.record_hub_answer(&answer).await.unwrap().message_id
}

async fn rate(
    store: &Store,
    answer: MessageId,
    rater: u64,
    value: RatingValue,
    at: UnixMillis,
) -> RatingSaved {
    let rating = Rating {
        answer_id: answer,
        rater_id: UserId(rater),
        value,
        comment: None,
        rated_at: at,
        removal: None,
    };
    store.save_rating(&rating).await.unwrap()
}

fn removal(reason: &str) -> Removal {
    Removal {
        removed_by: FRAN,
        removed_at: T0,
        reason: reason.into(),
    }
}

async fn reputation_counts_distinct_raters_keeps_twelve_months_and_leaves_removed_ratings_out(
    db: &TestDb,
) {
    use RatingValue::*;
    let store = &db.store;
    let now = T0 + 2 * PERCENT_WINDOW_MS;
    let recent = now - 1000;
    let old = now - PERCENT_WINDOW_MS - 1000;
    let question = posted_question(store, GUILD, 301).await;
    let a1 = answer(store, &question, 401, BEN).await;
    let a2 = answer(store, &question, 402, BEN).await;
    let by_fran = answer(store, &question, 403, FRAN).await;
    let elsewhere = posted_question(store, GuildId(1), 302).await;
    let a_elsewhere = answer(store, &elsewhere, 404, BEN).await;
    rate(store, a1, 11, Positive, recent).await;
    rate(store, a2, 11, Positive, recent).await; // the same rater counts once
    rate(store, a1, 12, Negative, recent).await;
    rate(store, a1, 13, Positive, old).await; // in the score, not the percentage
    rate(store, a2, 14, Negative, recent).await; // removed below
    rate(store, a2, 15, Neutral, recent).await;
    rate(store, by_fran, 12, Positive, recent).await; // someone else's answer
    rate(store, a_elsewhere, 16, Negative, recent).await; // another server
    assert!(store
        .remove_rating(a2, UserId(14), &removal("abusive"))
        .await
        .unwrap());

    let ever = store.rater_counts(GUILD, BEN, 0).await.unwrap();
    let ben = Caller {
        guild: GUILD,
        user: BEN,
        manages_server: false,
    };
    let rep = reputation(store, ben, BEN, now).await.unwrap();

    let counts = |positive, neutral, negative| RaterCounts {
        positive,
        neutral,
        negative,
    };
    assert_eq!(ever, counts(2, 1, 1));
    assert_eq!(rep.last_year, counts(1, 1, 1));
    assert_eq!(rep.score, 1, "two distinct positive raters, one negative");
    assert_eq!(rep.percent_positive, Some(50.0));
    assert_eq!(rep.answers.given, 2);
    assert_eq!(rep.answers.accepted, 0);
    let nobody = reputation(store, ben, UserId(99), now).await.unwrap();
    assert_eq!((nobody.score, nobody.percent_positive), (0, None));
}

async fn a_rating_is_changed_in_place_and_a_removed_one_stays_removed(db: &TestDb) {
    let store = &db.store;
    let question = posted_question(store, GUILD, 311).await;
    let a1 = answer(store, &question, 411, BEN).await;

    assert_eq!(
        rate(store, a1, 21, RatingValue::Positive, T0).await,
        RatingSaved::New
    );
    assert_eq!(
        rate(store, a1, 21, RatingValue::Negative, T0 + 1).await,
        RatingSaved::Changed
    );
    let rating = store.rating(a1, UserId(21)).await.unwrap().unwrap();
    assert_eq!(
        (rating.value, rating.rated_at),
        (RatingValue::Negative, T0 + 1)
    );

    assert!(store
        .remove_rating(a1, UserId(21), &removal("spite"))
        .await
        .unwrap());
    assert!(!store
        .remove_rating(a1, UserId(21), &removal("again"))
        .await
        .unwrap());
    assert_eq!(
        rate(store, a1, 21, RatingValue::Positive, T0 + 2).await,
        RatingSaved::WasRemoved
    );
    let rating = store.rating(a1, UserId(21)).await.unwrap().unwrap();
    assert_eq!(rating.value, RatingValue::Negative);
    assert_eq!(rating.removal, Some(removal("spite")));
    assert_eq!(
        store.rater_counts(GUILD, BEN, 0).await.unwrap(),
        RaterCounts::default()
    );
}

async fn a_question_is_posted_once_and_accepts_one_answer(db: &TestDb) {
    let store = &db.store;
    let question = posted_question(store, GUILD, 321).await;
    assert_eq!(question.state, QuestionState::Open);
    assert_eq!(question.tags, ["listening"]);
    assert!(!store
        .move_question(question.id, QuestionState::Draft, QuestionState::Posting)
        .await
        .unwrap());
    assert!(!store.delete_draft(question.id).await.unwrap());
    assert_eq!(
        store.question_of_post(ChannelId(321)).await.unwrap(),
        Some(question.clone())
    );
    let a1 = answer(store, &question, 421, BEN).await;
    let a2 = answer(store, &question, 422, FRAN).await;
    assert!(store.answered_questions(GUILD).await.unwrap().is_empty());

    assert!(store.accept_hub_answer(a1, FRAN, T0 + 5).await.unwrap());
    assert!(!store.accept_hub_answer(a2, FRAN, T0 + 6).await.unwrap());

    let answered = store.answered_questions(GUILD).await.unwrap();
    assert_eq!(answered.len(), 1);
    assert_eq!(answered[0].accepted_answer, Some(a1));
    assert_eq!(answered[0].answered_at, Some(T0 + 5));
    let counts = store.answer_counts(GUILD, BEN).await.unwrap();
    assert_eq!((counts.given, counts.accepted), (1, 1));
    let a2 = store.hub_answer(a2).await.unwrap().unwrap();
    assert_eq!(a2.accepted_at, None);
}

async fn search_finds_answered_questions_of_the_server_best_first(db: &TestDb) {
    let store = &db.store;
    let ask = |title: &str, details: &str, guild: GuildId| NewQuestion {
        guild_id: guild,
        asker_id: FRAN,
        title: title.into(),
        details: details.into(),
        tags: vec![],
    };
    let questions = [
        ask(
            "Where do we hold the meeting?",
            "After the listening we need a room for twenty.",
            GUILD,
        ),
        ask(
            "How do I run a listening campaign?",
            "Listening to neighbours is the first step of a listening campaign.",
            GUILD,
        ),
        ask(
            "Listening campaign, unanswered",
            "Listening campaign.",
            GUILD,
        ),
        ask(
            "Listening campaign elsewhere",
            "Listening campaign.",
            GuildId(1),
        ),
    ];
    let mut ids = vec![];
    for (n, new) in (0_u64..).zip(&questions) {
        let question = store.create_question(new, T0).await.unwrap();
        store
            .question_posted(question.id, ChannelId(500 + n))
            .await
            .unwrap();
        let reply = answer(store, &question, 600 + n, BEN).await;
        if n != 2 {
            assert!(store.accept_hub_answer(reply, FRAN, T0).await.unwrap());
        }
        ids.push(question.id);
    }
    let words = |text: &str| -> Vec<String> { text.split(' ').map(str::to_owned).collect() };

    let found = store
        .search_answered(GUILD, &words("listening"), 10)
        .await
        .unwrap();
    let found: Vec<_> = found.iter().map(|q| q.id).collect();
    assert_eq!(found, [ids[1], ids[0]], "the campaign question ranks first");

    let both = store
        .search_answered(GUILD, &words("listening room"), 10)
        .await
        .unwrap();
    assert_eq!(both.iter().map(|q| q.id).collect::<Vec<_>>(), [ids[0]]);
    let odd = store
        .search_answered(GUILD, &words("\"listening\" AND ( OR"), 10)
        .await;
    assert!(odd.is_ok(), "search syntax in the words is taken as words");
    let none = store
        .search_answered(GUILD, &words("gardening"), 10)
        .await
        .unwrap();
    assert!(none.is_empty());
}

fn published(course: &str, article: &str, messages: &[u64], hash: &str) -> PublishedArticle {
    PublishedArticle {
        guild_id: GUILD,
        course_id: course.into(),
        article_id: article.into(),
        forum_id: ChannelId(9_000_000_000_000_000_300),
        post_id: ChannelId(messages[0]),
        message_ids: messages.iter().copied().map(MessageId).collect(),
        title: format!("About {article}"),
        body: "Organisers listen first.".into(),
        content_hash: hash.into(),
        published_at: T0,
    }
}

async fn a_published_article_is_recorded_per_course_and_replaced_when_edited(db: &TestDb) {
    let store = &db.store;
    let power = published(
        "organisers",
        "power",
        &[9_000_000_000_000_000_401, 402],
        "a",
    );
    let listening = published("organisers", "listening", &[403], "b");
    let other = PublishedArticle {
        guild_id: GuildId(1),
        ..published("two-day", "power", &[404], "c")
    };
    for article in [&power, &listening, &other] {
        store.set_published_article(article).await.unwrap();
    }

    let words = |w: &[&str]| w.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    let hits = store.search_articles(GUILD, &words(&["listen"]), 10).await;
    assert_eq!(hits.unwrap().len(), 2, "both articles of the server");
    let edited = PublishedArticle {
        message_ids: vec![MessageId(9_000_000_000_000_000_401)],
        body: "Map who decides.".into(),
        content_hash: "d".into(),
        published_at: T0 + 1,
        ..power.clone()
    };
    store.set_published_article(&edited).await.unwrap();

    let found = store.published_articles(GUILD, "organisers").await.unwrap();
    assert_eq!(
        found,
        [listening, edited.clone()],
        "in id order, replaced in place"
    );
    let found = store
        .published_articles(GuildId(1), "two-day")
        .await
        .unwrap();
    assert_eq!(found, [other], "another server's");
    let elsewhere = store.published_articles(GuildId(1), "organisers").await;
    assert!(elsewhere.unwrap().is_empty());
    let hits = store.search_articles(GUILD, &words(&["listen"]), 10).await;
    let ids: Vec<String> = hits.unwrap().into_iter().map(|a| a.article_id).collect();
    assert_eq!(ids, ["listening"], "the edited body replaced the old one");
    let hits = store.search_articles(GUILD, &words(&["decides"]), 10).await;
    assert_eq!(hits.unwrap(), [edited]);
}

async fn a_proposal_is_claimed_once_and_published_with_its_article_in_one_step(db: &TestDb) {
    let store = &db.store;
    let ann = UserId(9_000_000_000_000_000_002);
    let new = NewProposal {
        guild_id: GUILD,
        author_id: ann,
        title: "Knocking on doors".into(),
        body: "Listen before you talk.".into(),
        tags: vec!["listening".into(), "power".into()],
    };
    let proposal = store.create_proposal(&new, T0).await.unwrap();
    assert_eq!(store.count_waiting_proposals(GUILD, ann).await.unwrap(), 1);
    let article = PublishedArticle {
        article_id: format!("proposal-{}", proposal.id),
        course_id: String::new(),
        title: new.title.clone(),
        body: new.body.clone(),
        ..published("", "x", &[9_000_000_000_000_000_501], "h")
    };
    assert!(
        !store.publish_proposal(proposal.id, &article).await.unwrap(),
        "not before a facilitator claimed it"
    );

    assert!(store.claim_proposal(proposal.id, FRAN).await.unwrap());
    assert!(
        !store.claim_proposal(proposal.id, ann).await.unwrap(),
        "once"
    );
    assert!(store.publish_proposal(proposal.id, &article).await.unwrap());

    let stored = store.hub_proposal(proposal.id).await.unwrap().unwrap();
    assert_eq!(stored.state, ProposalState::Published);
    assert_eq!(stored.reviewer_id, Some(FRAN));
    assert_eq!(stored.post_id, Some(article.post_id));
    assert_eq!(stored.tags, new.tags);
    assert!(store.waiting_proposals(GUILD).await.unwrap().is_empty());
    let words = vec!["listen".to_string()];
    let hits = store.search_articles(GUILD, &words, 10).await.unwrap();
    assert_eq!(hits, [article], "searchable as an article");
    let late = store.return_proposal(proposal.id, FRAN, "no", T0).await;
    assert!(!late.unwrap(), "a published proposal is not returned");
}
