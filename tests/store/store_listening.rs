//! The listening records in the store, on SQLite and on PostgreSQL (when
//! `COHORTBOT_TEST_POSTGRES_URL` is set, see `tests/common/store_backends.rs`).

use crate::store_backends::{two_day_cohort, TestDb};
use chrono::NaiveDate;
use cohortbot::domain::member_data::apply_retention;
use cohortbot::model::listening::{Conversation, ListeningRecordId};
use cohortbot::model::votes::NewVote;
use cohortbot::model::*;
use cohortbot::store::FactsWanted;

store_tests!(
    records_keep_their_issues_in_order_and_are_updated,
    records_are_listed_by_author_and_deleted,
    erasing_removes_every_record_of_one_member_in_the_server,
    merging_files_conversations_under_one_theme_once,
    the_retention_setting_deletes_reflections_and_records_older_than_it,
);

const GUILD: GuildId = GuildId(100);
const ALICE: UserId = UserId(9_000_000_000_000_000_001);
const BOB: UserId = UserId(2);
const T0: UnixMillis = 1_790_000_000_000;

fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, n).unwrap()
}

fn talk(label: &str, issues: &[&str]) -> Conversation {
    Conversation {
        stage: "core-team".into(),
        group: "neighbours".into(),
        heard_on: day(3),
        label: label.into(),
        place: "the market".into(),
        issues: issues.iter().map(|s| s.to_string()).collect(),
        energy: "wants the bus back".into(),
        follow_up_on: Some(day(10)),
    }
}

async fn records_keep_their_issues_in_order_and_are_updated(db: &TestDb) {
    let store = &db.store;
    let cohort = two_day_cohort(store, GUILD, "Autumn").await;
    let saved = store
        .add_listening_record(cohort.id, ALICE, &talk("JB", &["Transport", "Housing"]), T0)
        .await
        .unwrap();
    let read = store.listening_record(saved.id).await.unwrap().unwrap();
    assert_eq!(read, saved);
    assert_eq!(read.conversation.issues, ["Transport", "Housing"]);
    assert_eq!(read.author_id, ALICE, "a snowflake above 2^62 survives");

    let mut changed = talk("J.B.", &["Schools"]);
    changed.follow_up_on = None;
    let updated = store
        .update_listening_record(saved.id, &changed, T0 + 5)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(updated.conversation, changed);
    assert_eq!((updated.created_at, updated.updated_at), (T0, T0 + 5));
    let missing = store
        .update_listening_record(ListeningRecordId(999), &changed, T0)
        .await
        .unwrap();
    assert_eq!(missing, None);
}

async fn records_are_listed_by_author_and_deleted(db: &TestDb) {
    let store = &db.store;
    let cohort = two_day_cohort(store, GUILD, "Autumn").await;
    let mut later = talk("B", &["Housing"]);
    later.heard_on = day(5);
    let b = store
        .add_listening_record(cohort.id, ALICE, &later, T0)
        .await
        .unwrap();
    let a = store
        .add_listening_record(cohort.id, ALICE, &talk("A", &["Housing"]), T0)
        .await
        .unwrap();
    store
        .add_listening_record(cohort.id, BOB, &talk("C", &["Jobs"]), T0)
        .await
        .unwrap();

    let alices = store
        .listening_records(cohort.id, Some(ALICE))
        .await
        .unwrap();
    let ids: Vec<_> = alices.iter().map(|r| r.id).collect();
    assert_eq!(ids, [a.id, b.id], "oldest conversation first");
    let wanted = FactsWanted {
        sessions: false,
        conversations: true,
    };
    let by_group = store
        .member_facts(cohort.id, ALICE, wanted)
        .await
        .unwrap()
        .conversations_by_group;
    let group = alices[0].conversation.group.clone();
    assert_eq!(by_group, [(group, 2)].into_iter().collect());
    assert_eq!(
        store
            .listening_records(cohort.id, None)
            .await
            .unwrap()
            .len(),
        3
    );

    assert!(store.delete_listening_record(a.id).await.unwrap());
    assert!(!store.delete_listening_record(a.id).await.unwrap());
    assert_eq!(store.listening_record(a.id).await.unwrap(), None);
    assert_eq!(
        store
            .listening_records(cohort.id, None)
            .await
            .unwrap()
            .len(),
        2
    );
}

async fn erasing_removes_every_record_of_one_member_in_the_server(db: &TestDb) {
    let store = &db.store;
    let autumn = two_day_cohort(store, GUILD, "Autumn").await;
    let spring = two_day_cohort(store, GUILD, "Spring").await;
    let elsewhere = two_day_cohort(store, GuildId(200), "Other").await;
    for cohort in [&autumn, &spring, &elsewhere] {
        store
            .add_listening_record(cohort.id, ALICE, &talk("A", &["Housing"]), T0)
            .await
            .unwrap();
    }
    store
        .add_listening_record(autumn.id, BOB, &talk("B", &["Housing"]), T0)
        .await
        .unwrap();
    assert_eq!(
        store.count_listening_records(GUILD, ALICE).await.unwrap(),
        2
    );
    let vote = NewVote {
        cohort_id: autumn.id,
        options: vec!["Housing".into(), "Transport".into()],
        dots: 3,
        closes_at: T0 + 60_000,
        created_by: BOB,
    };
    let vote = store.create_vote(&vote, T0).await.unwrap();
    for member in [ALICE, BOB] {
        store
            .save_ballot(vote.id, member, &[2, 1], T0)
            .await
            .unwrap();
    }

    assert_eq!(
        store.erase_listening_records(GUILD, ALICE).await.unwrap(),
        2
    );
    assert_eq!(
        store.ballot(vote.id, ALICE).await.unwrap(),
        None,
        "her ballot goes too"
    );
    assert!(store.ballot(vote.id, BOB).await.unwrap().is_some());
    assert_eq!(
        store.count_listening_records(GUILD, ALICE).await.unwrap(),
        0
    );
    let left: Vec<UserId> = store
        .listening_records(autumn.id, None)
        .await
        .unwrap()
        .iter()
        .map(|r| r.author_id)
        .collect();
    assert_eq!(left, [BOB], "other members' records stay");
    let other_server = store
        .listening_records(elsewhere.id, Some(ALICE))
        .await
        .unwrap();
    assert_eq!(other_server.len(), 1, "another server's records stay");
}

async fn merging_files_conversations_under_one_theme_once(db: &TestDb) {
    let store = &db.store;
    let autumn = two_day_cohort(store, GUILD, "Autumn").await;
    let spring = two_day_cohort(store, GUILD, "Spring").await;
    let both = store
        .add_listening_record(autumn.id, ALICE, &talk("A", &["Rent", "Housing"]), T0)
        .await
        .unwrap();
    let only = store
        .add_listening_record(autumn.id, BOB, &talk("B", &["Rent"]), T0)
        .await
        .unwrap();
    let other = store
        .add_listening_record(spring.id, BOB, &talk("C", &["Rent"]), T0)
        .await
        .unwrap();

    let moved = store
        .merge_listening_theme(autumn.id, "Rent", "Housing")
        .await
        .unwrap();
    assert_eq!(moved, 2);
    let issues = |id| async move {
        store
            .listening_record(id)
            .await
            .unwrap()
            .unwrap()
            .conversation
            .issues
    };
    assert_eq!(issues(both.id).await, ["Housing"]);
    assert_eq!(issues(only.id).await, ["Housing"]);
    assert_eq!(
        issues(other.id).await,
        ["Rent"],
        "another cohort's themes stay"
    );
}

async fn the_retention_setting_deletes_reflections_and_records_older_than_it(db: &TestDb) {
    let store = &db.store;
    let cohort = two_day_cohort(store, GUILD, "Autumn").await;
    const DAY: UnixMillis = 24 * 60 * 60 * 1000;
    let now = T0 + 400 * DAY;
    let old = store
        .add_listening_record(cohort.id, ALICE, &talk("old", &["Buses"]), T0)
        .await
        .unwrap();
    let recent = store
        .add_listening_record(cohort.id, ALICE, &talk("new", &["Buses"]), now - 30 * DAY)
        .await
        .unwrap();
    let reflection = |at: UnixMillis, body: &str| NewReflection {
        cohort_id: cohort.id,
        user_id: BOB,
        module_id: "listening".into(),
        exercise_id: "why".into(),
        body: body.into(),
        visibility: ReflectionVisibility::Facilitators,
        submitted_at: at,
    };
    let kept = store
        .save_reflection(&reflection(now - DAY, "kept"))
        .await
        .unwrap();
    let gone = store
        .save_reflection(&reflection(T0, "gone"))
        .await
        .unwrap();

    let deleted = apply_retention(store, 12, now).await.unwrap();

    assert_eq!(
        deleted,
        (1, 1),
        "one reflection and one record older than a year"
    );
    assert!(store.listening_record(old.id).await.unwrap().is_none());
    assert!(store.listening_record(recent.id).await.unwrap().is_some());
    assert!(store.reflection(gone.id).await.unwrap().is_none());
    assert!(store.reflection(kept.id).await.unwrap().is_some());
    assert_eq!(apply_retention(store, 12, now).await.unwrap(), (0, 0));
}
