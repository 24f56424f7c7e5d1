//! Dot votes in the store, on SQLite and on PostgreSQL (when `COHORTBOT_TEST_POSTGRES_URL`
//! is set, see `tests/common/store_backends.rs`).

use crate::store_backends::{two_day_cohort, TestDb};
use cohortbot::model::votes::{NewVote, VoteId};
use cohortbot::model::*;

store_tests!(
    a_vote_keeps_its_options_in_order,
    each_member_holds_one_ballot_per_vote,
);

const ALICE: UserId = UserId(9_000_000_000_000_000_001);
const BOB: UserId = UserId(2);
const T0: UnixMillis = 1_790_000_000_000;

fn new_vote(cohort: &Cohort, options: &[&str]) -> NewVote {
    NewVote {
        cohort_id: cohort.id,
        options: options.iter().map(|o| o.to_string()).collect(),
        dots: 3,
        closes_at: T0 + 86_400_000,
        created_by: ALICE,
    }
}

async fn a_vote_keeps_its_options_in_order(db: &TestDb) {
    let store = &db.store;
    let cohort = two_day_cohort(store, GuildId(100), "Autumn").await;
    let options = ["Transport", "Housing", "Bins"];
    let created = store
        .create_vote(&new_vote(&cohort, &options), T0)
        .await
        .unwrap();
    let read = store.vote(created.id).await.unwrap().unwrap();
    assert_eq!(read, created);
    assert_eq!(read.options, options);
    assert_eq!(read.created_by, ALICE, "a snowflake above 2^62 survives");
    assert_eq!(store.vote(VoteId(999)).await.unwrap(), None);
}

async fn each_member_holds_one_ballot_per_vote(db: &TestDb) {
    let store = &db.store;
    let cohort = two_day_cohort(store, GuildId(100), "Autumn").await;
    let vote = store
        .create_vote(&new_vote(&cohort, &["Housing", "Bins"]), T0)
        .await
        .unwrap();
    let other = store
        .create_vote(&new_vote(&cohort, &["Parks", "Jobs"]), T0)
        .await
        .unwrap();
    assert_eq!(store.ballot(vote.id, ALICE).await.unwrap(), None);

    store
        .save_ballot(vote.id, ALICE, &[1, 0], T0)
        .await
        .unwrap();
    store
        .save_ballot(vote.id, ALICE, &[1, 2], T0 + 5)
        .await
        .unwrap();
    store.save_ballot(vote.id, BOB, &[0, 3], T0).await.unwrap();
    store
        .save_ballot(other.id, ALICE, &[3, 0], T0)
        .await
        .unwrap();

    let alices = store.ballot(vote.id, ALICE).await.unwrap().unwrap();
    assert_eq!((alices.counts, alices.updated_at), (vec![1, 2], T0 + 5));
    let ballots = store.ballots(vote.id).await.unwrap();
    let held: Vec<(UserId, Vec<u32>)> = ballots
        .into_iter()
        .map(|b| (b.member_id, b.counts))
        .collect();
    assert_eq!(held, [(BOB, vec![0, 3]), (ALICE, vec![1, 2])]);
}
