//! A member's cohorts, settings and work, which the learning commands and buttons read, are
//! kept in memory on SQLite (`src/store/facts_cache.rs`). Every change to what they are read
//! from shows in the next read, whoever makes it; on PostgreSQL, where nothing is kept, the
//! same tests hold as they always did.

use chrono::NaiveDate;
use cohortbot::model::listening::Conversation;
use cohortbot::model::*;
use cohortbot::store::{FactsWanted, Store, KEPT_READS_SQLITE_SQL};
use sqlx::{AnyConnection, Connection};

use crate::store_backends::TestDb;

store_tests!(
    each_change_to_a_members_work_shows_in_their_next_read,
    a_change_made_by_another_program_shows_in_the_next_read,
    a_turned_page_shows_and_a_member_of_the_same_bucket_changes_nothing_else,
);

const T0: i64 = 1_790_000_000_000;
const GUILD: GuildId = GuildId(20);
const FACILITATOR: UserId = UserId(900);
const ALICE: UserId = UserId(1001);
/// Shares Alice's bucket of stamps (the low 12 bits of the id).
const BUCKET_MATE: UserId = UserId(1001 + 4096);
const MODULE: &str = "m1";

async fn each_change_to_a_members_work_shows_in_their_next_read(db: &TestDb) {
    let store = &db.store;
    let cohort = cohort_with_alice(store).await;
    let id = cohort.id;
    assert_eq!(facts(store, id).await, Some(MemberFacts::default()));

    store.start_module(id, ALICE, MODULE, T0).await.unwrap();
    assert_eq!(progress(store, id).await.page_index, 0, "opened");
    store.set_module_page(id, ALICE, MODULE, 1).await.unwrap();
    assert_eq!(progress(store, id).await.page_index, 1, "page turned");
    let attempt = store.start_attempt(id, ALICE, MODULE, T0).await.unwrap();
    let open = facts(store, id).await.unwrap().open_attempts;
    assert_eq!(open.len(), 1, "attempt started");
    store
        .finish_attempt(attempt.id, 90, true, T0)
        .await
        .unwrap();
    let open = facts(store, id).await.unwrap().open_attempts;
    assert!(open.is_empty(), "attempt finished");
    store.complete_module(id, ALICE, MODULE, T0).await.unwrap();
    assert_eq!(progress(store, id).await.state, ProgressState::Done);

    let award = store.award_badge(&badge(id)).await.unwrap().award;
    assert!(facts(store, id).await.unwrap().holds("listener"), "awarded");
    let reason = "Given by mistake.";
    assert!(store
        .revoke_badge(award.id, FACILITATOR, reason, T0)
        .await
        .unwrap());
    assert!(
        !facts(store, id).await.unwrap().holds("listener"),
        "revoked"
    );

    store
        .set_pathway_choice(id, ALICE, "route", "a", T0)
        .await
        .unwrap();
    let choice = facts(store, id).await.unwrap().choice("route").cloned();
    assert_eq!(choice.map(|c| c.option_id).as_deref(), Some("a"));

    let session = store.create_session(&session(id, "s1")).await.unwrap();
    store
        .record_attendance(session.id, ALICE, true, FACILITATOR, T0)
        .await
        .unwrap();
    assert_eq!(
        facts(store, id).await.unwrap().attended("s1"),
        1,
        "attended"
    );
    store
        .add_listening_record(id, ALICE, &conversation(), T0)
        .await
        .unwrap();
    let heard = facts(store, id).await.unwrap().conversations_by_group;
    assert_eq!(heard.get("known"), Some(&1), "a conversation logged");

    store
        .set_member_language(GUILD, ALICE, Some("fr"))
        .await
        .unwrap();
    assert_eq!(settings(store).await.language.as_deref(), Some("fr"));

    assert!(store.leave(id, ALICE, T0).await.unwrap());
    assert!(cohorts(store).await.is_empty(), "left");
    let of_cohort = store.cohort_with_member(id, ALICE, None).await.unwrap();
    assert!(!of_cohort.unwrap().is_current_member, "left");
    store
        .enroll(id, ALICE, CohortRole::Trainee, T0)
        .await
        .unwrap();
    assert_eq!(cohorts(store).await, [id], "back");
    assert!(store.archive_cohort(id, T0).await.unwrap());
    assert!(cohorts(store).await.is_empty(), "archived");
    let archived = store.cohort_with_member(id, ALICE, None).await.unwrap();
    assert!(archived.unwrap().cohort.archived_at.is_some());
}

async fn a_change_made_by_another_program_shows_in_the_next_read(db: &TestDb) {
    let store = &db.store;
    let cohort = cohort_with_alice(store).await;
    store
        .start_module(cohort.id, ALICE, MODULE, T0)
        .await
        .unwrap();
    assert_eq!(progress(store, cohort.id).await.page_index, 0);

    db.execute_outside(&format!(
        "UPDATE module_progress SET page_index = 3 WHERE user_id = {}",
        ALICE.0
    ))
    .await;
    assert_eq!(progress(store, cohort.id).await.page_index, 3);

    // As `cohortbot forget` run beside the bot does.
    let other = db.reopen().await;
    other.forget_member(ALICE, -1, T0).await.unwrap();
    other.close().await;
    assert!(cohorts(store).await.is_empty(), "forgotten");
    assert_eq!(facts(store, cohort.id).await, Some(MemberFacts::default()));
}

async fn a_turned_page_shows_and_a_member_of_the_same_bucket_changes_nothing_else(db: &TestDb) {
    let store = &db.store;
    let cohort = cohort_with_alice(store).await;
    let id = cohort.id;
    store
        .enroll(id, BUCKET_MATE, CohortRole::Trainee, T0)
        .await
        .unwrap();
    store.start_module(id, ALICE, MODULE, T0).await.unwrap();
    let before = facts(store, id).await.unwrap();

    store
        .start_module(id, BUCKET_MATE, MODULE, T0)
        .await
        .unwrap();
    assert_eq!(
        facts(store, id).await.unwrap(),
        before,
        "someone else's module"
    );

    for page in [1, 2, 1] {
        store
            .set_module_page(id, ALICE, MODULE, page)
            .await
            .unwrap();
        assert_eq!(progress(store, id).await.page_index, page);
    }
    store
        .set_module_page(id, BUCKET_MATE, MODULE, 4)
        .await
        .unwrap();
    store.set_module_page(id, ALICE, MODULE, 2).await.unwrap();
    assert_eq!(progress(store, id).await.page_index, 2);
    store.complete_module(id, ALICE, MODULE, T0).await.unwrap();
    store.set_module_page(id, ALICE, MODULE, 0).await.unwrap();
    let done = progress(store, id).await;
    assert_eq!((done.state, done.page_index), (ProgressState::Done, 0));
}

/// Every table the kept reads come from has triggers that move a stamp on every insert,
/// update and delete: a table added to those reads without them would let a change go
/// unseen.
#[tokio::test]
async fn every_table_a_kept_read_comes_from_moves_a_stamp() {
    let db = TestDb::sqlite().await;
    let mut tables: Vec<&str> = KEPT_READS_SQLITE_SQL
        .iter()
        .flat_map(|sql| tables_read_by(sql))
        .collect();
    tables.sort_unstable();
    tables.dedup();
    assert!(tables.len() >= 10, "{tables:?}");
    let mut schema = AnyConnection::connect(db.url()).await.unwrap();
    for table in tables {
        let triggers: Vec<String> = sqlx::query_scalar(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1",
        )
        .bind(table)
        .fetch_all(&mut schema)
        .await
        .unwrap();
        for event in ["INSERT", "UPDATE", "DELETE"] {
            let moves = triggers.iter().any(|sql| {
                sql.contains(&format!("AFTER {event}")) && sql.contains("UPDATE fact_stamps")
            });
            assert!(moves, "no stamp moves on {event} in {table}: {triggers:?}");
        }
    }
}

/// The tables named after `FROM` or `JOIN` in `sql`.
fn tables_read_by(sql: &str) -> impl Iterator<Item = &str> {
    let words: Vec<&str> = sql.split_whitespace().collect();
    let named: Vec<&str> = words
        .windows(2)
        .filter(|pair| ["FROM", "JOIN"].contains(&pair[0]))
        .map(|pair| pair[1].trim_end_matches(')'))
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect();
    named.into_iter()
}

/// A server with a cohort Alice is a trainee of.
async fn cohort_with_alice(store: &Store) -> Cohort {
    store.upsert_guild(GUILD, "Organisers", T0).await.unwrap();
    let version = store
        .save_course_version("kept", "v1", "hash", r#"{"id":"kept"}"#, T0)
        .await
        .unwrap();
    let cohort = store
        .create_cohort(&NewCohort {
            guild_id: GUILD,
            name: "Spring".to_owned(),
            course_version_id: version,
            time_zone: chrono_tz::Europe::London,
            starts_on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            channel_id: None,
            join_code: "SPRING".to_owned(),
            created_by: FACILITATOR,
            created_at: T0,
        })
        .await
        .unwrap();
    store
        .enroll(cohort.id, ALICE, CohortRole::Trainee, T0)
        .await
        .unwrap();
    cohort
}

/// Alice's work in `cohort`, as a learning button reads it; when she is a current member,
/// the read of her cohorts in the server (`/course`, `/progress`) must give the same.
async fn facts(store: &Store, cohort: CohortId) -> Option<MemberFacts> {
    let every = Some(FactsWanted::EVERY);
    let of_cohort = store
        .cohort_with_member(cohort, ALICE, every)
        .await
        .unwrap();
    let of_cohort = of_cohort.expect("the cohort");
    let in_server = store
        .cohorts_of_member_with_settings(GUILD, ALICE, every)
        .await
        .unwrap();
    let by_server = in_server.cohorts.into_iter().find(|(c, _)| c.id == cohort);
    if of_cohort.is_current_member && of_cohort.cohort.archived_at.is_none() {
        let by_server = by_server.expect("a current cohort").1;
        assert_eq!(by_server, of_cohort.facts, "the two reads agree");
    }
    of_cohort.facts
}

async fn progress(store: &Store, cohort: CohortId) -> ModuleProgress {
    let facts = facts(store, cohort).await.expect("facts asked for");
    facts.progress_in(MODULE).expect("opened").clone()
}

async fn cohorts(store: &Store) -> Vec<CohortId> {
    let read = store
        .cohorts_of_member_with_settings(GUILD, ALICE, Some(FactsWanted::EVERY))
        .await
        .unwrap();
    read.cohorts.iter().map(|(cohort, _)| cohort.id).collect()
}

async fn settings(store: &Store) -> MemberSettings {
    let read = store
        .cohorts_of_member_with_settings(GUILD, ALICE, None)
        .await
        .unwrap();
    read.settings
}

fn badge(cohort: CohortId) -> NewBadgeAward {
    NewBadgeAward {
        cohort_id: cohort,
        user_id: ALICE,
        badge_id: "listener".to_owned(),
        awarded_by: Some(FACILITATOR),
        reason: None,
        awarded_at: T0,
    }
}

fn session(cohort: CohortId, series: &str) -> NewSession {
    NewSession {
        cohort_id: cohort,
        kind: SessionKind::Set,
        series_id: Some(series.to_owned()),
        seq: Some(1),
        group_id: None,
        pair_id: None,
        title: "Set 1".to_owned(),
        starts_at: T0,
        ends_at: T0 + 3_600_000,
        status: SessionStatus::Held,
        proposed_by: None,
        presentations: false,
        created_at: T0,
    }
}

fn conversation() -> Conversation {
    Conversation {
        stage: "first".to_owned(),
        group: "known".to_owned(),
        heard_on: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
        label: "N".to_owned(),
        place: "the market".to_owned(),
        issues: vec!["Housing".to_owned()],
        energy: "Wants the evening bus back.".to_owned(),
        follow_up_on: None,
    }
}
