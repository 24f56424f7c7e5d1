//! The store test suite. Every test is written once and runs on SQLite, and on PostgreSQL
//! when `COHORTBOT_TEST_POSTGRES_URL` is set (see `tests/common/store_backends.rs`).

use std::collections::HashSet;

use crate::store_backends::TestDb;
use chrono::NaiveDate;
use cohortbot::model::*;
use cohortbot::store::{AppliedMigration, Backend, FactsWanted, Store, StoreError};

store_tests!(
    migrations_apply_once,
    a_quiz_answer_counts_only_while_its_question_is_open,
    guilds_are_upserted,
    course_versions_are_idempotent_and_cohorts_keep_theirs,
    cohort_names_and_join_codes_conflict,
    cohorts_are_found_listed_and_archived,
    members_enroll_leave_and_rejoin,
    a_cohort_is_read_with_whether_someone_is_a_current_member,
    a_members_cohorts_are_read_with_their_settings,
    member_settings_remember_cohort_and_mute,
    module_progress_starts_pages_and_completes,
    attempts_resume_after_restart,
    one_unfinished_attempt_per_module,
    reflections_are_reviewed,
    badges_are_awarded_once_and_revoked,
    badge_roles_are_remembered,
    pathway_choices_are_replaced,
    groups_and_mentor_pairs,
    sessions_and_attendance,
    schedules_come_due_and_advance_once,
    deliveries_are_enqueued_once,
    concurrent_claims_hand_out_each_delivery_once,
    only_the_lease_holder_marks_sent,
    expired_leases_are_reclaimed,
    renewed_leases_are_not_reclaimed,
    failed_deliveries_retry_then_die,
    stale_deliveries_expire,
    concurrent_writers_all_succeed,
);

/// The full cause chain of an error, as a log line would show it.
fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

#[tokio::test]
async fn connect_errors_never_show_the_password() {
    let refused = Store::connect("postgres://bot:hunter2@127.0.0.1:1/cohorts")
        .await
        .expect_err("nothing listens on port 1");
    let text = chain(&refused);
    assert!(matches!(refused, StoreError::Connect { .. }), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
    assert!(
        text.contains("postgres://bot:***@127.0.0.1:1/cohorts"),
        "{text}"
    );

    let unsupported = Store::connect("mysql://bot:hunter2@localhost/cohorts")
        .await
        .expect_err("MySQL is not supported");
    assert!(!chain(&unsupported).contains("hunter2"));
    assert!(matches!(unsupported, StoreError::UnsupportedScheme { scheme } if scheme == "mysql"));
}

/// An in-memory database keeps its data across queries: the pool holds one connection.
#[tokio::test]
async fn in_memory_sqlite_keeps_its_data() {
    let store = Store::connect("sqlite::memory:").await.unwrap();
    assert!(!store.migrate().await.unwrap().is_empty());
    store.upsert_guild(GUILD, "Organisers", T0).await.unwrap();
    let clone = store.clone();
    assert_eq!(
        clone.guild(GUILD).await.unwrap().unwrap().name,
        "Organisers"
    );
    store.close().await;
}

const T0: UnixMillis = 1_760_000_000_000;
const GUILD: GuildId = GuildId(1_100_000_000_000_000_001);
const OTHER_GUILD: GuildId = GuildId(1_100_000_000_000_000_002);
/// Above 2^53 and close to 2^63: snowflakes must survive the BIGINT round trip exactly.
const ALICE: UserId = UserId(9_123_456_789_012_345_678);
const BOB: UserId = UserId(222_222_222_222_222_222);
const CAROL: UserId = UserId(333_333_333_333_333_333);
const FACILITATOR: UserId = UserId(444_444_444_444_444_444);

const SNAPSHOT_A: &str = r#"{"id":"urban-spaces","modules":["m1","m2"]}"#;
const SNAPSHOT_B: &str = r#"{"id":"urban-spaces","modules":["m1","m2","m3"]}"#;

async fn course_version(store: &Store) -> CourseVersionId {
    store
        .save_course_version("urban-spaces", "v1", "hash-a", SNAPSHOT_A, T0)
        .await
        .unwrap()
}

fn new_cohort(guild: GuildId, name: &str, version: CourseVersionId, code: &str) -> NewCohort {
    NewCohort {
        guild_id: guild,
        name: name.to_owned(),
        course_version_id: version,
        time_zone: chrono_tz::Europe::London,
        starts_on: NaiveDate::from_ymd_opt(2025, 3, 3).unwrap(),
        channel_id: Some(ChannelId(555_555_555_555_555_555)),
        join_code: code.to_owned(),
        created_by: FACILITATOR,
        created_at: T0,
    }
}

/// A guild and one cohort in it.
async fn cohort(store: &Store) -> Cohort {
    store.upsert_guild(GUILD, "Organisers", T0).await.unwrap();
    let version = course_version(store).await;
    store
        .create_cohort(&new_cohort(GUILD, "Spring", version, "SPRING1"))
        .await
        .unwrap()
}

/// A second cohort of the server, "Autumn", on `spring`'s course version.
async fn autumn(store: &Store, spring: &Cohort) -> Cohort {
    let autumn = new_cohort(GUILD, "Autumn", spring.course_version_id, "AUTUMN");
    store.create_cohort(&autumn).await.unwrap()
}

fn new_delivery(key: &str, due_at: UnixMillis) -> NewDelivery {
    NewDelivery {
        schedule_id: None,
        dedupe_key: key.to_owned(),
        cohort_id: None,
        target_kind: TargetKind::Channel,
        target_id: 666_666_666_666_666_666,
        fallback_channel_id: None,
        payload: r#"{"text":"hello"}"#.to_owned(),
        due_at,
        expires_at: None,
    }
}

async fn enqueue(store: &Store, key: &str, due_at: UnixMillis) -> DeliveryId {
    store
        .enqueue_delivery(&new_delivery(key, due_at))
        .await
        .unwrap()
        .expect("a new dedupe key is inserted")
}

async fn migrations_apply_once(db: &TestDb) {
    let store = &db.store;
    let versions: Vec<_> = db.applied.iter().map(|m| m.version).collect();
    assert_eq!(versions.first(), Some(&1), "{:?}", db.applied);
    assert!(
        versions.windows(2).all(|w| w[0] < w[1]),
        "applied in order: {versions:?}"
    );
    let names: Vec<&str> = db.applied.iter().map(|m| m.description.as_str()).collect();
    assert!(
        names.contains(&"initial schema") && names.contains(&"live quizzes"),
        "{names:?}"
    );
    assert_eq!(
        store.migrate().await.unwrap(),
        Vec::<AppliedMigration>::new()
    );
    match &db.sqlite_path {
        Some(path) => {
            assert_eq!(store.backend(), Backend::Sqlite);
            assert!(path.exists(), "the SQLite file is created on connect");
        }
        None => assert_eq!(store.backend(), Backend::Postgres),
    }
    let again = db.reopen().await;
    assert_eq!(again.migrate().await.unwrap(), vec![]);
    again.close().await;
}

async fn guilds_are_upserted(db: &TestDb) {
    let store = &db.store;
    assert_eq!(store.guild(GUILD).await.unwrap(), None);
    store.upsert_guild(GUILD, "Old name", T0).await.unwrap();
    let renamed = store.upsert_guild(GUILD, "New name", T0 + 5).await.unwrap();
    let expected = Guild {
        id: GUILD,
        name: "New name".to_owned(),
        created_at: T0,
    };
    assert_eq!(renamed, expected);
    assert_eq!(store.guild(GUILD).await.unwrap(), Some(expected));
}

async fn course_versions_are_idempotent_and_cohorts_keep_theirs(db: &TestDb) {
    let store = &db.store;
    let a = course_version(store).await;
    let a_again = store
        .save_course_version("urban-spaces", "v1 again", "hash-a", SNAPSHOT_A, T0 + 1)
        .await
        .unwrap();
    assert_eq!(a, a_again);
    let stored_a = store.course_version(a).await.unwrap().unwrap();
    assert_eq!(stored_a.version_label, "v1");
    assert_eq!(stored_a.created_at, T0);

    let running = cohort(store).await;
    assert_eq!(running.course_version_id, a);
    assert_eq!(running.course_id, "urban-spaces");

    let b = store
        .save_course_version("urban-spaces", "v2", "hash-b", SNAPSHOT_B, T0 + 2)
        .await
        .unwrap();
    assert_ne!(a, b);
    let same_hash_other_course = store
        .save_course_version("other-course", "v1", "hash-a", SNAPSHOT_A, T0)
        .await
        .unwrap();
    assert_ne!(a, same_hash_other_course);

    let reloaded = store.cohort(running.id).await.unwrap().unwrap();
    assert_eq!(reloaded.course_version_id, a);
    let snapshot = store
        .course_version(reloaded.course_version_id)
        .await
        .unwrap()
        .unwrap()
        .snapshot;
    assert_eq!(snapshot, SNAPSHOT_A);
    assert_eq!(
        store.course_version(b).await.unwrap().unwrap().snapshot,
        SNAPSHOT_B
    );
    assert_eq!(
        store.course_version(CourseVersionId(9999)).await.unwrap(),
        None
    );
}

async fn a_quiz_answer_counts_only_while_its_question_is_open(db: &TestDb) {
    let store = &db.store;
    let c = cohort(store).await.id;
    let run = store
        .start_quiz(&NewQuizRun {
            cohort_id: c,
            channel_id: ChannelId(7),
            module_id: "m1".into(),
            questions: vec!["q1".into(), "q2".into()],
            seconds: 30,
            started_by: ALICE,
            started_at: T0,
        })
        .await
        .unwrap();
    let answer = |user, index, at| QuizAnswer {
        run: run.id,
        index,
        user,
        picks: vec![1],
        correct: true,
        answered_at: at,
    };

    assert!(store
        .answer_quiz(&answer(ALICE, 0, T0 + 1000))
        .await
        .unwrap());
    assert!(
        store
            .answer_quiz(&answer(ALICE, 0, T0 + 2000))
            .await
            .unwrap(),
        "changed while open"
    );
    assert!(store.advance_quiz(run.id, 0, T0 + 60_000).await.unwrap());
    assert!(
        !store.answer_quiz(&answer(BOB, 0, T0 + 3000)).await.unwrap(),
        "a closed question takes no answer, whatever the clock of the one who sent it"
    );
    assert!(
        !store
            .answer_quiz(&answer(BOB, 1, T0 + 60_000))
            .await
            .unwrap(),
        "nor once its time is up"
    );
    let answers = store.quiz_answers(run.id).await.unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!(
        (answers[0].user, answers[0].answered_at),
        (ALICE, T0 + 2000)
    );
}

async fn cohort_names_and_join_codes_conflict(db: &TestDb) {
    let store = &db.store;
    let first = cohort(store).await;
    let version = first.course_version_id;

    let same_name = store
        .create_cohort(&new_cohort(GUILD, "Spring", version, "OTHER"))
        .await;
    assert!(
        matches!(same_name, Err(StoreError::Conflict(m)) if m.contains("name")),
        "{same_name:?}"
    );

    store
        .upsert_guild(OTHER_GUILD, "Elsewhere", T0)
        .await
        .unwrap();
    let elsewhere = store
        .create_cohort(&new_cohort(OTHER_GUILD, "Spring", version, "SPRING2"))
        .await
        .unwrap();
    assert_eq!(elsewhere.guild_id, OTHER_GUILD);

    let same_code = store
        .create_cohort(&new_cohort(GUILD, "Autumn", version, "SPRING1"))
        .await;
    assert!(
        matches!(same_code, Err(StoreError::Conflict(m)) if m.contains("join code")),
        "{same_code:?}"
    );

    let unknown_version = store
        .create_cohort(&new_cohort(
            GUILD,
            "Winter",
            CourseVersionId(9999),
            "WINTER",
        ))
        .await;
    assert!(matches!(unknown_version, Err(StoreError::NotFound(_))));

    let unknown_guild = store
        .create_cohort(&new_cohort(GuildId(42), "Winter", version, "WINTER"))
        .await;
    assert!(matches!(unknown_guild, Err(StoreError::NotFound(_))));

    let in_guild = store.list_cohorts(GUILD, true).await.unwrap();
    assert_eq!(in_guild, vec![first]);
}

async fn cohorts_are_found_listed_and_archived(db: &TestDb) {
    let store = &db.store;
    let spring = cohort(store).await;
    let expected = Cohort {
        id: spring.id,
        guild_id: GUILD,
        name: "Spring".to_owned(),
        course_version_id: spring.course_version_id,
        course_id: "urban-spaces".to_owned(),
        time_zone: chrono_tz::Europe::London,
        starts_on: NaiveDate::from_ymd_opt(2025, 3, 3).unwrap(),
        channel_id: Some(ChannelId(555_555_555_555_555_555)),
        join_code: "SPRING1".to_owned(),
        created_by: FACILITATOR,
        created_at: T0,
        archived_at: None,
    };
    assert_eq!(spring, expected);
    assert_eq!(
        store.cohort(spring.id).await.unwrap(),
        Some(expected.clone())
    );
    assert_eq!(
        store.cohort_by_join_code("SPRING1").await.unwrap(),
        Some(expected)
    );
    assert_eq!(store.cohort_by_join_code("NOPE").await.unwrap(), None);

    let mut autumn_new = new_cohort(GUILD, "Autumn", spring.course_version_id, "AUTUMN");
    autumn_new.created_at = T0 + 10;
    autumn_new.channel_id = None;
    autumn_new.time_zone = chrono_tz::America::Sao_Paulo;
    let autumn = store.create_cohort(&autumn_new).await.unwrap();
    assert_eq!(autumn.channel_id, None);
    assert_eq!(autumn.time_zone, chrono_tz::America::Sao_Paulo);

    let names = |cohorts: Vec<Cohort>| cohorts.into_iter().map(|c| c.name).collect::<Vec<_>>();
    assert_eq!(
        names(store.list_cohorts(GUILD, false).await.unwrap()),
        ["Spring", "Autumn"]
    );

    assert!(store.archive_cohort(spring.id, T0 + 20).await.unwrap());
    assert!(!store.archive_cohort(spring.id, T0 + 30).await.unwrap());
    assert_eq!(
        store.cohort(spring.id).await.unwrap().unwrap().archived_at,
        Some(T0 + 20)
    );
    assert_eq!(
        names(store.list_cohorts(GUILD, false).await.unwrap()),
        ["Autumn"]
    );
    assert_eq!(
        names(store.list_cohorts(GUILD, true).await.unwrap()),
        ["Spring", "Autumn"]
    );
    assert!(store
        .list_cohorts(OTHER_GUILD, true)
        .await
        .unwrap()
        .is_empty());
}

async fn a_cohort_is_read_with_whether_someone_is_a_current_member(db: &TestDb) {
    let store = &db.store;
    let spring = &cohort(store).await;
    let c = spring.id;
    let membership = |user| async move {
        let found = store.cohort_with_member(c, user, None).await.unwrap();
        let found = found.unwrap();
        assert_eq!(&found.cohort, spring);
        let settings = store.member_settings(GUILD, user).await.unwrap();
        assert_eq!(found.settings, settings, "the settings are theirs");
        assert!(found.facts.is_none(), "not asked for");
        let with_facts = store
            .cohort_with_member(c, user, Some(FactsWanted::EVERY))
            .await
            .unwrap();
        let facts = with_facts.unwrap().facts.expect("asked for");
        let alone = store
            .member_facts(c, user, FactsWanted::EVERY)
            .await
            .unwrap();
        assert_eq!(facts, alone, "the same facts as read alone");
        found.is_current_member
    };
    store
        .enroll(c, ALICE, CohortRole::Trainee, T0)
        .await
        .unwrap();
    store.start_module(c, ALICE, "m1", T0).await.unwrap();
    let attempt = store.start_attempt(c, ALICE, "m1", T0).await.unwrap();
    let alices = store
        .cohort_with_member(c, ALICE, Some(FactsWanted::EVERY))
        .await
        .unwrap();
    let facts = alices.unwrap().facts.unwrap();
    assert_eq!(
        (facts.progress.len(), facts.open_attempts),
        (1, vec![attempt])
    );
    store
        .set_member_language(GUILD, ALICE, Some("fr"))
        .await
        .unwrap();
    store.enroll(c, BOB, CohortRole::Trainee, T0).await.unwrap();
    store.leave(c, BOB, T0 + 1).await.unwrap();

    let seen = [
        membership(ALICE).await,
        membership(BOB).await,
        membership(CAROL).await,
    ];
    assert_eq!(
        seen,
        [true, false, false],
        "Alice, Bob who left, Carol never in"
    );
    let gone = store
        .cohort_with_member(CohortId(c.0 + 1), ALICE, Some(FactsWanted::EVERY))
        .await;
    assert!(gone.unwrap().is_none(), "no such cohort");
}

async fn a_members_cohorts_are_read_with_their_settings(db: &TestDb) {
    let store = &db.store;
    let spring = cohort(store).await;
    let read = || async {
        let CohortsOfMember { cohorts, settings } = store
            .cohorts_of_member_with_settings(GUILD, ALICE, None)
            .await
            .unwrap();
        let saved = store.member_settings(GUILD, ALICE).await.unwrap();
        assert_eq!(settings, saved, "the settings are read with the cohorts");
        assert!(
            cohorts.iter().all(|(_, facts)| facts.is_none()),
            "not asked for"
        );
        let names: Vec<String> = cohorts.into_iter().map(|(c, _)| c.name).collect();
        (names, settings)
    };
    let (none, unsaved) = read().await;
    assert!(none.is_empty());
    assert_eq!((unsaved.language, unsaved.reminders_muted), (None, false));

    store.set_reminders_muted(GUILD, ALICE, true).await.unwrap();
    let (none, muted) = read().await;
    assert!(none.is_empty(), "settings saved, still in no cohort");
    assert!(muted.reminders_muted);

    let autumn = autumn(store, &spring).await;
    for joined in [&spring, &autumn] {
        store
            .enroll(joined.id, ALICE, CohortRole::Trainee, T0)
            .await
            .unwrap();
    }
    store
        .set_current_cohort(GUILD, ALICE, Some(autumn.id))
        .await
        .unwrap();
    let (both, settings) = read().await;
    assert_eq!(both, ["Spring", "Autumn"], "oldest first");
    assert_eq!(settings.current_cohort_id, Some(autumn.id));

    store
        .start_module(autumn.id, ALICE, "m1", T0)
        .await
        .unwrap();
    let with_facts = store
        .cohorts_of_member_with_settings(GUILD, ALICE, Some(FactsWanted::EVERY))
        .await
        .unwrap();
    let mut modules_started = Vec::new();
    for (cohort, facts) in with_facts.cohorts {
        let facts = facts.expect("asked for");
        let alone = store.member_facts(cohort.id, ALICE, FactsWanted::EVERY);
        assert_eq!(
            facts,
            alone.await.unwrap(),
            "{}'s, as read alone",
            cohort.name
        );
        modules_started.push(facts.progress.len());
    }
    assert_eq!(modules_started, [0, 1], "each cohort's own facts");
    store.leave(spring.id, ALICE, T0 + 1).await.unwrap();
    assert_eq!(read().await.0, ["Autumn"], "a cohort left is not theirs");
}

async fn members_enroll_leave_and_rejoin(db: &TestDb) {
    let store = &db.store;
    let spring = cohort(store).await;
    let c = spring.id;

    let alice = store
        .enroll(c, ALICE, CohortRole::Trainee, T0)
        .await
        .unwrap();
    assert_eq!(
        alice,
        Member {
            cohort_id: c,
            user_id: ALICE,
            role: CohortRole::Trainee,
            joined_at: T0,
            left_at: None
        }
    );
    let promoted = store
        .enroll(c, ALICE, CohortRole::Mentor, T0 + 1)
        .await
        .unwrap();
    assert_eq!(promoted.role, CohortRole::Mentor);
    assert_eq!(
        promoted.joined_at, T0,
        "a current member keeps their joining time"
    );
    store
        .enroll(c, BOB, CohortRole::Trainee, T0 + 2)
        .await
        .unwrap();
    store
        .enroll(c, CAROL, CohortRole::Trainee, T0 + 3)
        .await
        .unwrap();

    let ids = |members: Vec<Member>| members.into_iter().map(|m| m.user_id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.list_members(c, None).await.unwrap()),
        [ALICE, BOB, CAROL]
    );
    assert_eq!(
        ids(store
            .list_members(c, Some(CohortRole::Trainee))
            .await
            .unwrap()),
        [BOB, CAROL]
    );
    assert_eq!(
        ids(store
            .list_members(c, Some(CohortRole::Mentor))
            .await
            .unwrap()),
        [ALICE]
    );

    assert!(store.leave(c, BOB, T0 + 4).await.unwrap());
    assert!(!store.leave(c, BOB, T0 + 5).await.unwrap());
    assert_eq!(
        store.member(c, BOB).await.unwrap().unwrap().left_at,
        Some(T0 + 4)
    );
    assert_eq!(
        ids(store
            .list_members(c, Some(CohortRole::Trainee))
            .await
            .unwrap()),
        [CAROL]
    );
    assert_eq!(store.cohorts_of_member(GUILD, BOB).await.unwrap(), vec![]);

    let back = store
        .enroll(c, BOB, CohortRole::Trainee, T0 + 6)
        .await
        .unwrap();
    assert_eq!(back.left_at, None);
    assert_eq!(back.joined_at, T0 + 6);
    assert_eq!(store.member(c, BOB).await.unwrap(), Some(back));
    assert_eq!(store.member(c, FACILITATOR).await.unwrap(), None);

    let autumn = autumn(store, &spring).await;
    store
        .enroll(autumn.id, ALICE, CohortRole::Trainee, T0)
        .await
        .unwrap();
    let of_alice = store.cohorts_of_member(GUILD, ALICE).await.unwrap();
    assert_eq!(
        of_alice.iter().map(|c| c.id).collect::<Vec<_>>(),
        [spring.id, autumn.id]
    );
    store
        .enroll(autumn.id, ALICE, CohortRole::Facilitator, T0)
        .await
        .unwrap();
    let roles = store.roles_of_member(GUILD, ALICE).await.unwrap();
    let expected = [
        (spring.id, CohortRole::Mentor),
        (autumn.id, CohortRole::Facilitator),
    ];
    assert_eq!(roles, expected.into_iter().collect());
    store.archive_cohort(autumn.id, T0 + 7).await.unwrap();
    let roles = store.roles_of_member(GUILD, ALICE).await.unwrap();
    assert_eq!(
        roles,
        [(spring.id, CohortRole::Mentor)].into_iter().collect()
    );
    assert_eq!(
        store.cohorts_of_member(GUILD, ALICE).await.unwrap(),
        vec![spring]
    );
    assert_eq!(
        store.cohorts_of_member(OTHER_GUILD, ALICE).await.unwrap(),
        vec![]
    );
}

async fn member_settings_remember_cohort_and_mute(db: &TestDb) {
    let store = &db.store;
    let spring = cohort(store).await;
    let defaults = MemberSettings {
        guild_id: GUILD,
        user_id: ALICE,
        current_cohort_id: None,
        reminders_muted: false,
        language: None,
        last_locale: None,
    };
    assert_eq!(store.member_settings(GUILD, ALICE).await.unwrap(), defaults);

    let chosen = store
        .set_current_cohort(GUILD, ALICE, Some(spring.id))
        .await
        .unwrap();
    assert_eq!(chosen.current_cohort_id, Some(spring.id));
    let muted = store.set_reminders_muted(GUILD, ALICE, true).await.unwrap();
    assert_eq!(
        muted.current_cohort_id,
        Some(spring.id),
        "muting keeps the cohort"
    );
    assert!(muted.reminders_muted);
    assert_eq!(store.member_settings(GUILD, ALICE).await.unwrap(), muted);

    let cleared = store.set_current_cohort(GUILD, ALICE, None).await.unwrap();
    assert_eq!(cleared.current_cohort_id, None);
    assert!(
        cleared.reminders_muted,
        "clearing the cohort keeps the mute"
    );
    assert_eq!(
        store.member_settings(GUILD, BOB).await.unwrap().user_id,
        BOB
    );

    let unknown = store
        .set_current_cohort(GUILD, BOB, Some(CohortId(9999)))
        .await;
    assert!(
        matches!(unknown, Err(StoreError::NotFound(_))),
        "{unknown:?}"
    );
}

async fn module_progress_starts_pages_and_completes(db: &TestDb) {
    let store = &db.store;
    let c = cohort(store).await.id;
    assert!(store.progress_of_member(c, ALICE).await.unwrap().is_empty());

    let started = store.start_module(c, ALICE, "m1", T0).await.unwrap();
    assert_eq!(
        started,
        ModuleProgress {
            cohort_id: c,
            user_id: ALICE,
            module_id: "m1".to_owned(),
            state: ProgressState::InProgress,
            page_index: 0,
            started_at: T0,
            completed_at: None,
            best_score: None,
            attempts_used: 0,
        }
    );
    let paged = store.set_module_page(c, ALICE, "m1", 3).await.unwrap();
    assert_eq!(paged.page_index, 3);
    let reopened = store.start_module(c, ALICE, "m1", T0 + 9).await.unwrap();
    assert_eq!(reopened, paged, "starting again keeps where the member was");

    let done = store
        .complete_module(c, ALICE, "m1", T0 + 10)
        .await
        .unwrap();
    assert_eq!(done.state, ProgressState::Done);
    assert_eq!(done.completed_at, Some(T0 + 10));
    let done_again = store
        .complete_module(c, ALICE, "m1", T0 + 20)
        .await
        .unwrap();
    assert_eq!(done_again.completed_at, Some(T0 + 10));

    store.start_module(c, ALICE, "m2", T0 + 30).await.unwrap();
    let all = store.progress_of_member(c, ALICE).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0], done_again);
    assert_eq!(all[1].module_id, "m2");
    assert!(store.progress_of_member(c, BOB).await.unwrap().is_empty());

    let missing = store.set_module_page(c, BOB, "m1", 1).await;
    assert!(matches!(missing, Err(StoreError::NotFound(_))));
    let missing = store.complete_module(c, BOB, "m1", T0).await;
    assert!(matches!(missing, Err(StoreError::NotFound(_))));
}

async fn attempts_resume_after_restart(db: &TestDb) {
    let store = &db.store;
    let c = cohort(store).await.id;
    let attempt = store.start_attempt(c, ALICE, "m1", T0).await.unwrap();
    assert_eq!(attempt.attempt_no, 1);
    assert_eq!(attempt.current_index, 0);
    store
        .record_answer(attempt.id, "q1", "true", 1000, 0, T0 + 1)
        .await
        .unwrap();
    let after_two = store
        .record_answer(attempt.id, "q2", r#"["b","a"]"#, 500, 1, T0 + 2)
        .await
        .unwrap();
    assert_eq!(after_two.current_index, 2);

    let restarted = db.reopen().await;
    let facts = restarted
        .member_facts(c, ALICE, FactsWanted::EVERY)
        .await
        .unwrap();
    assert_eq!(facts.open_attempts, [after_two]);
    assert_eq!(
        restarted.answers(attempt.id).await.unwrap(),
        vec![
            Answer {
                attempt_id: attempt.id,
                exercise_id: "q1".to_owned(),
                answer: "true".to_owned(),
                points_permille: 1000,
                answered_at: T0 + 1
            },
            Answer {
                attempt_id: attempt.id,
                exercise_id: "q2".to_owned(),
                answer: r#"["b","a"]"#.to_owned(),
                points_permille: 500,
                answered_at: T0 + 2
            },
        ]
    );

    let again = restarted
        .record_answer(attempt.id, "q1", "false", 0, 0, T0 + 3)
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let answers = restarted.answers(attempt.id).await.unwrap();
    assert_eq!(answers.len(), 2);
    let q1 = answers.iter().find(|a| a.exercise_id == "q1").unwrap();
    assert_eq!(
        (q1.answer.as_str(), q1.points_permille),
        ("true", 1000),
        "an answered question keeps its first answer"
    );
    assert_eq!(
        restarted
            .attempt(attempt.id)
            .await
            .unwrap()
            .unwrap()
            .current_index,
        2
    );
    restarted.close().await;
}

async fn one_unfinished_attempt_per_module(db: &TestDb) {
    let store = &db.store;
    let c = cohort(store).await.id;
    let first = store.start_attempt(c, ALICE, "m1", T0).await.unwrap();
    let second = store.start_attempt(c, ALICE, "m1", T0 + 1).await;
    assert!(matches!(second, Err(StoreError::Conflict(_))), "{second:?}");
    let other_module = store.start_attempt(c, ALICE, "m2", T0 + 1).await.unwrap();
    assert_eq!(other_module.attempt_no, 1);
    assert_eq!(
        store
            .start_attempt(c, BOB, "m1", T0)
            .await
            .unwrap()
            .attempt_no,
        1
    );

    let finished = store
        .finish_attempt(first.id, 40, false, T0 + 5)
        .await
        .unwrap();
    assert_eq!(finished.finished_at, Some(T0 + 5));
    assert_eq!((finished.score, finished.passed), (Some(40), Some(false)));
    let facts = store
        .member_facts(c, ALICE, FactsWanted::EVERY)
        .await
        .unwrap();
    assert_eq!(
        facts.open_attempts,
        [other_module],
        "a finished attempt is not open"
    );

    let again = store.finish_attempt(first.id, 90, true, T0 + 6).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let late = store.record_answer(first.id, "q1", "1", 0, 0, T0 + 6).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
    let unknown = store.finish_attempt(AttemptId(9999), 90, true, T0).await;
    assert!(
        matches!(unknown, Err(StoreError::NotFound(_))),
        "{unknown:?}"
    );

    let retry = store.start_attempt(c, ALICE, "m1", T0 + 7).await.unwrap();
    assert_eq!(retry.attempt_no, 2);
    store
        .finish_attempt(retry.id, 85, true, T0 + 8)
        .await
        .unwrap();
    let third = store.start_attempt(c, ALICE, "m1", T0 + 9).await.unwrap();
    store
        .finish_attempt(third.id, 60, true, T0 + 10)
        .await
        .unwrap();

    let progress = store.progress_of_member(c, ALICE).await.unwrap();
    let m1 = progress.iter().find(|p| p.module_id == "m1").unwrap();
    assert_eq!(m1.best_score, Some(85), "the best score is kept");
    assert_eq!(m1.attempts_used, 3);
    let facts = store
        .member_facts(c, ALICE, FactsWanted::EVERY)
        .await
        .unwrap();
    assert_eq!(
        facts.progress, progress,
        "the same progress, in the same order"
    );
    assert_eq!(
        store.attempt(third.id).await.unwrap().unwrap().attempt_no,
        3
    );
}

async fn reflections_are_reviewed(db: &TestDb) {
    let store = &db.store;
    let c = cohort(store).await.id;
    let new = |user: UserId, at: UnixMillis, visibility| NewReflection {
        cohort_id: c,
        user_id: user,
        module_id: "m1".to_owned(),
        exercise_id: "reflect".to_owned(),
        body: format!("What I learnt, by {user}"),
        visibility,
        submitted_at: at,
    };
    let first = store
        .save_reflection(&new(ALICE, T0, ReflectionVisibility::Facilitators))
        .await
        .unwrap();
    let second = store
        .save_reflection(&new(BOB, T0 + 1, ReflectionVisibility::Cohort))
        .await
        .unwrap();
    assert_eq!(second.visibility, ReflectionVisibility::Cohort);
    assert_eq!(
        store.list_reflections(c, true).await.unwrap(),
        vec![first.clone(), second.clone()]
    );

    let reviewed = store
        .mark_reflection_reviewed(first.id, FACILITATOR, Some("Well observed."), T0 + 2)
        .await
        .unwrap();
    assert_eq!(reviewed.reviewed_at, Some(T0 + 2));
    assert_eq!(reviewed.reviewed_by, Some(FACILITATOR));
    assert_eq!(reviewed.reply.as_deref(), Some("Well observed."));
    assert_eq!(reviewed.body, first.body);
    assert_eq!(
        store.reflection(first.id).await.unwrap(),
        Some(reviewed.clone())
    );
    assert_eq!(
        store.list_reflections(c, true).await.unwrap(),
        vec![second.clone()]
    );
    assert_eq!(
        store.list_reflections(c, false).await.unwrap(),
        vec![reviewed, second]
    );

    let unknown = store
        .mark_reflection_reviewed(ReflectionId(9999), FACILITATOR, None, T0)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound(_))));
}

async fn badges_are_awarded_once_and_revoked(db: &TestDb) {
    let store = &db.store;
    let c = cohort(store).await.id;
    let new = |at: UnixMillis| NewBadgeAward {
        cohort_id: c,
        user_id: ALICE,
        badge_id: "completed".to_owned(),
        awarded_by: None,
        reason: Some("all four modules".to_owned()),
        awarded_at: at,
    };
    let first = store.award_badge(&new(T0)).await.unwrap();
    assert!(first.newly_awarded);
    assert_eq!(first.award.awarded_by, None);
    assert_eq!(first.award.reason.as_deref(), Some("all four modules"));
    let again = store.award_badge(&new(T0 + 1)).await.unwrap();
    assert!(!again.newly_awarded);
    assert_eq!(
        again.award, first.award,
        "the existing award is returned unchanged"
    );

    assert!(store
        .mark_badge_role_synced(first.award.id, T0 + 2)
        .await
        .unwrap());
    assert!(store.unsynced_badge_awards(10).await.unwrap().is_empty());

    assert!(store
        .revoke_badge(first.award.id, FACILITATOR, "awarded by mistake", T0 + 3)
        .await
        .unwrap());
    assert!(!store
        .revoke_badge(first.award.id, FACILITATOR, "twice", T0 + 4)
        .await
        .unwrap());
    let unsynced = store.unsynced_badge_awards(10).await.unwrap();
    assert_eq!(unsynced.len(), 1, "a revoked award needs its role removed");
    assert_eq!(unsynced[0].revoked_at, Some(T0 + 3));
    assert_eq!(unsynced[0].revoked_by, Some(FACILITATOR));
    assert_eq!(
        unsynced[0].revoke_reason.as_deref(),
        Some("awarded by mistake")
    );

    let mut manual = new(T0 + 5);
    manual.awarded_by = Some(FACILITATOR);
    manual.reason = None;
    let second = store.award_badge(&manual).await.unwrap();
    assert!(second.newly_awarded);
    assert_ne!(second.award.id, first.award.id);
    assert_eq!(second.award.awarded_by, Some(FACILITATOR));

    assert!(store
        .record_badge_role_error(second.award.id, "Missing Permissions")
        .await
        .unwrap());
    assert!(
        !store
            .record_badge_role_error(second.award.id, "Missing Permissions")
            .await
            .unwrap(),
        "the same reason again is no news"
    );
    let history = store.badge_awards_of_member(c, ALICE).await.unwrap();
    assert_eq!(history.len(), 2);
    let facts = store
        .member_facts(c, ALICE, FactsWanted::EVERY)
        .await
        .unwrap();
    assert_eq!(facts.awards, history, "the same awards, in the same order");
    assert_eq!(history[0].id, first.award.id);
    assert!(history[0].revoked_at.is_some());
    assert_eq!(history[1].revoked_at, None);
    assert_eq!(
        history[1].role_error.as_deref(),
        Some("Missing Permissions")
    );
    assert_eq!(store.unsynced_badge_awards(10).await.unwrap().len(), 2);
    assert_eq!(store.unsynced_badge_awards(1).await.unwrap().len(), 1);

    store
        .mark_badge_role_synced(second.award.id, T0 + 6)
        .await
        .unwrap();
    let synced = &store.badge_awards_of_member(c, ALICE).await.unwrap()[1];
    assert_eq!(
        (synced.role_synced_at, synced.role_error.as_deref()),
        (Some(T0 + 6), None)
    );
    assert!(store
        .badge_awards_of_member(c, BOB)
        .await
        .unwrap()
        .is_empty());
}

async fn badge_roles_are_remembered(db: &TestDb) {
    let store = &db.store;
    store.upsert_guild(GUILD, "Organisers", T0).await.unwrap();
    assert_eq!(
        store
            .badge_role(GUILD, "urban-spaces/completed")
            .await
            .unwrap(),
        None
    );
    store
        .set_badge_role(GUILD, "urban-spaces/completed", RoleId(777))
        .await
        .unwrap();
    store
        .set_badge_role(
            GUILD,
            "urban-spaces/completed",
            RoleId(778_888_888_888_888_888),
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .badge_role(GUILD, "urban-spaces/completed")
            .await
            .unwrap(),
        Some(RoleId(778_888_888_888_888_888))
    );
    assert_eq!(
        store
            .badge_role(OTHER_GUILD, "urban-spaces/completed")
            .await
            .unwrap(),
        None
    );
}

async fn pathway_choices_are_replaced(db: &TestDb) {
    let store = &db.store;
    let c = cohort(store).await.id;
    assert_eq!(
        store.pathway_choice(c, ALICE, "go-deeper").await.unwrap(),
        None
    );
    store
        .set_pathway_choice(c, ALICE, "go-deeper", "listening", T0)
        .await
        .unwrap();
    let changed = store
        .set_pathway_choice(c, ALICE, "go-deeper", "research", T0 + 1)
        .await
        .unwrap();
    let expected = PathwayChoice {
        cohort_id: c,
        user_id: ALICE,
        pathway_id: "go-deeper".to_owned(),
        option_id: "research".to_owned(),
        chosen_at: T0 + 1,
    };
    assert_eq!(changed, expected);
    assert_eq!(
        store.pathway_choice(c, ALICE, "go-deeper").await.unwrap(),
        Some(expected)
    );
    store
        .set_pathway_choice(c, BOB, "go-deeper", "listening", T0 + 2)
        .await
        .unwrap();
    let all = store.pathway_choices(c).await.unwrap();
    let pairs: Vec<_> = all
        .iter()
        .map(|p| (p.user_id, p.option_id.as_str()))
        .collect();
    assert_eq!(pairs, [(BOB, "listening"), (ALICE, "research")]);
    store
        .set_pathway_choice(c, ALICE, "a-route", "wide", T0 + 3)
        .await
        .unwrap();
    let alices: Vec<_> = store
        .member_facts(c, ALICE, FactsWanted::EVERY)
        .await
        .unwrap()
        .choices
        .into_iter()
        .map(|p| (p.pathway_id, p.option_id))
        .collect();
    assert_eq!(
        alices,
        [
            ("a-route".to_owned(), "wide".to_owned()),
            ("go-deeper".to_owned(), "research".to_owned())
        ]
    );
}

async fn groups_and_mentor_pairs(db: &TestDb) {
    let store = &db.store;
    let c = cohort(store).await.id;
    let red = store.create_group(c, "sets", "Red").await.unwrap();
    let blue = store.create_group(c, "sets", "Blue").await.unwrap();
    assert!(red.members.is_empty());
    let duplicate = store.create_group(c, "sets", "Red").await;
    assert!(
        matches!(duplicate, Err(StoreError::Conflict(_))),
        "{duplicate:?}"
    );
    store.create_group(c, "camp", "Red").await.unwrap();

    assert!(store.add_group_member(red.id, ALICE).await.unwrap());
    assert!(store.add_group_member(red.id, BOB).await.unwrap());
    assert!(!store.add_group_member(red.id, BOB).await.unwrap());
    assert!(store.add_group_member(blue.id, CAROL).await.unwrap());
    assert!(store
        .set_group_thread(red.id, ChannelId(888))
        .await
        .unwrap());

    let groups = store.list_groups(c).await.unwrap();
    let summary: Vec<_> = groups
        .iter()
        .map(|g| (g.series_id.as_str(), g.name.as_str(), g.members.clone()))
        .collect();
    assert_eq!(
        summary,
        [
            ("camp", "Red", vec![]),
            ("sets", "Blue", vec![CAROL]),
            ("sets", "Red", vec![BOB, ALICE]),
        ]
    );
    assert_eq!(groups[2].thread_id, Some(ChannelId(888)));

    let pair = store.create_mentor_pair(c, CAROL, ALICE, T0).await.unwrap();
    let same = store
        .create_mentor_pair(c, CAROL, ALICE, T0 + 5)
        .await
        .unwrap();
    assert_eq!(same, pair);
    assert_eq!(pair.created_at, T0);
    store
        .create_mentor_pair(c, CAROL, BOB, T0 + 1)
        .await
        .unwrap();
    assert!(store
        .set_pair_thread(pair.id, ChannelId(999))
        .await
        .unwrap());

    let of_carol = store.pairs_of_mentor(c, CAROL).await.unwrap();
    assert_eq!(
        of_carol.iter().map(|p| p.trainee_id).collect::<Vec<_>>(),
        [ALICE, BOB]
    );
    assert_eq!(of_carol[0].thread_id, Some(ChannelId(999)));
    let of_alice = store.pairs_of_trainee(c, ALICE).await.unwrap();
    assert_eq!(of_alice.len(), 1);
    assert_eq!(of_alice[0].mentor_id, CAROL);
    assert!(store.pairs_of_mentor(c, ALICE).await.unwrap().is_empty());
}

async fn sessions_and_attendance(db: &TestDb) {
    let store = &db.store;
    let c = cohort(store).await.id;
    let group = store.create_group(c, "sets", "Red").await.unwrap();
    let set = |seq: u32, starts_at: UnixMillis| NewSession {
        cohort_id: c,
        kind: SessionKind::Set,
        series_id: Some("sets".to_owned()),
        seq: Some(seq),
        group_id: Some(group.id),
        pair_id: None,
        title: format!("Action learning set {seq}"),
        starts_at,
        ends_at: starts_at + 3_600_000,
        status: SessionStatus::Scheduled,
        proposed_by: None,
        presentations: seq == 3,
        created_at: T0,
    };
    let hour = 3_600_000;
    let third = store.create_session(&set(3, T0 + 30 * hour)).await.unwrap();
    let first = store.create_session(&set(1, T0 + 10 * hour)).await.unwrap();
    let second = store.create_session(&set(2, T0 + 20 * hour)).await.unwrap();
    assert!(third.presentations && !first.presentations);
    assert_eq!(third.seq, Some(3));
    assert_eq!(third.group_id, Some(group.id));
    assert_eq!(store.session(first.id).await.unwrap(), Some(first.clone()));

    let pair = store.create_mentor_pair(c, CAROL, ALICE, T0).await.unwrap();
    let meeting = store
        .create_session(&NewSession {
            kind: SessionKind::Meeting,
            series_id: Some("mentoring".to_owned()),
            seq: Some(1),
            group_id: None,
            pair_id: Some(pair.id),
            status: SessionStatus::Proposed,
            proposed_by: Some(ALICE),
            ..set(1, T0 + 5 * hour)
        })
        .await
        .unwrap();
    assert_eq!(meeting.pair_id, Some(pair.id));
    assert_eq!(meeting.proposed_by, Some(ALICE));

    let order: Vec<_> = store
        .list_sessions(c)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(order, [meeting.id, first.id, second.id, third.id]);

    let confirmed = store
        .set_session_status(meeting.id, SessionStatus::Scheduled)
        .await
        .unwrap();
    assert_eq!(confirmed.status, SessionStatus::Scheduled);
    let linked = store
        .set_session_event(first.id, Some(ScheduledEventId(1_234_567_890_123_456_789)))
        .await
        .unwrap();
    assert_eq!(
        linked.discord_event_id,
        Some(ScheduledEventId(1_234_567_890_123_456_789))
    );
    let missing = store
        .set_session_status(SessionId(9999), SessionStatus::Held)
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound(_))));

    let rsvp = store.set_rsvp(first.id, ALICE, Rsvp::Maybe).await.unwrap();
    assert_eq!(rsvp.attended, None);
    store.set_rsvp(first.id, ALICE, Rsvp::Yes).await.unwrap();
    let came = store
        .record_attendance(first.id, ALICE, true, FACILITATOR, T0 + 11 * hour)
        .await
        .unwrap();
    assert_eq!(
        came,
        Attendance {
            session_id: first.id,
            user_id: ALICE,
            rsvp: Some(Rsvp::Yes),
            attended: Some(true),
            recorded_by: Some(FACILITATOR),
            recorded_at: Some(T0 + 11 * hour),
        }
    );
    store
        .record_attendance(second.id, ALICE, true, FACILITATOR, T0)
        .await
        .unwrap();
    store
        .record_attendance(third.id, ALICE, false, FACILITATOR, T0)
        .await
        .unwrap();
    store
        .record_attendance(meeting.id, ALICE, true, CAROL, T0)
        .await
        .unwrap();
    store
        .record_attendance(first.id, BOB, true, FACILITATOR, T0)
        .await
        .unwrap();

    assert_eq!(store.count_attended(c, ALICE, "sets").await.unwrap(), 2);
    assert_eq!(
        store.count_attended(c, ALICE, "mentoring").await.unwrap(),
        1
    );
    assert_eq!(store.count_attended(c, BOB, "sets").await.unwrap(), 1);
    assert_eq!(store.count_attended(c, CAROL, "sets").await.unwrap(), 0);
    let alice = store
        .member_facts(c, ALICE, FactsWanted::EVERY)
        .await
        .unwrap();
    let expected = [("mentoring".to_owned(), 1), ("sets".to_owned(), 2)];
    assert_eq!(alice.attended_by_series, expected.into_iter().collect());
    let unasked = store.member_facts(c, ALICE, FactsWanted::default()).await;
    assert!(
        unasked.unwrap().attended_by_series.is_empty(),
        "read only when asked"
    );
    let carol = store
        .member_facts(c, CAROL, FactsWanted::EVERY)
        .await
        .unwrap();
    assert!(carol.attended_by_series.is_empty());
    let at_first = store.session_attendance(first.id).await.unwrap();
    assert_eq!(
        at_first.iter().map(|a| a.user_id).collect::<Vec<_>>(),
        [BOB, ALICE]
    );
}

async fn schedules_come_due_and_advance_once(db: &TestDb) {
    let store = &db.store;
    let c = cohort(store).await.id;
    let new = |kind: &str, next: Option<UnixMillis>| NewSchedule {
        cohort_id: c,
        kind: kind.to_owned(),
        rule: "0 0 18 * * Tue".to_owned(),
        time_zone: chrono_tz::Europe::London,
        next_fire_at: next,
        payload: r#"{"prompt":"weekly"}"#.to_owned(),
        created_at: T0,
    };
    let weekly = store
        .create_schedule(&new("prompt", Some(T0 + 100)))
        .await
        .unwrap();
    let later = store
        .create_schedule(&new("reminder", Some(T0 + 500)))
        .await
        .unwrap();
    store.create_schedule(&new("finished", None)).await.unwrap();
    assert!(weekly.active);
    assert_eq!(weekly.rule, "0 0 18 * * Tue");
    assert_eq!(
        store.schedule(weekly.id).await.unwrap(),
        Some(weekly.clone())
    );

    assert!(store.due_schedules(T0 + 99, 10).await.unwrap().is_empty());
    assert_eq!(
        store.due_schedules(T0 + 100, 10).await.unwrap(),
        vec![weekly.clone()]
    );
    let both: Vec<_> = store
        .due_schedules(T0 + 1000, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(both, [weekly.id, later.id]);

    assert!(store
        .advance_schedule(weekly.id, T0 + 100, Some(T0 + 700))
        .await
        .unwrap());
    assert!(
        !store
            .advance_schedule(weekly.id, T0 + 100, Some(T0 + 700))
            .await
            .unwrap(),
        "a second worker loses the compare-and-set"
    );
    assert_eq!(
        store
            .schedule(weekly.id)
            .await
            .unwrap()
            .unwrap()
            .next_fire_at,
        Some(T0 + 700)
    );

    assert!(store.set_schedule_active(later.id, false).await.unwrap());
    let due: Vec<_> = store
        .due_schedules(T0 + 1000, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(due, [weekly.id]);
    let listed: Vec<_> = store
        .schedules_of_cohort(c)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(listed, [weekly.id], "active, still to fire, this cohort's");
    assert!(store
        .schedules_of_cohort(CohortId(c.0 + 1))
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .advance_schedule(weekly.id, T0 + 700, None)
        .await
        .unwrap());
    assert!(store
        .due_schedules(T0 + 10_000, 10)
        .await
        .unwrap()
        .is_empty());
}

async fn deliveries_are_enqueued_once(db: &TestDb) {
    let store = &db.store;
    let c = cohort(store).await.id;
    let new = NewDelivery {
        cohort_id: Some(c),
        target_kind: TargetKind::Dm,
        target_id: ALICE.0,
        fallback_channel_id: Some(ChannelId(555_555_555_555_555_555)),
        expires_at: Some(T0 + 1000),
        ..new_delivery("reminder:session:1:alice", T0 + 10)
    };
    let id = store
        .enqueue_delivery(&new)
        .await
        .unwrap()
        .expect("inserted");
    let mut changed = new.clone();
    changed.payload = r#"{"text":"changed"}"#.to_owned();
    assert_eq!(store.enqueue_delivery(&changed).await.unwrap(), None);

    let stored = store.delivery(id).await.unwrap().unwrap();
    assert_eq!(stored, Delivery::queued(id, new));
    assert_eq!(store.delivery(DeliveryId(9999)).await.unwrap(), None);
}

async fn concurrent_claims_hand_out_each_delivery_once(db: &TestDb) {
    let store = &db.store;
    let mut expected = HashSet::new();
    for i in 0..200 {
        expected.insert(enqueue(store, &format!("due:{i}"), T0 - i).await);
    }
    let not_due = enqueue(store, "later", T0 + 60_000).await;

    let claimer = |owner: &'static str| {
        let store = store.clone();
        tokio::spawn(async move {
            let mut got = Vec::new();
            loop {
                let batch = store
                    .claim_due_deliveries(owner, T0, 60_000, 7)
                    .await
                    .unwrap();
                if batch.is_empty() {
                    return got;
                }
                assert!(batch.len() <= 7, "a claim takes at most `limit` rows");
                for d in batch {
                    assert_eq!(d.state, DeliveryState::Running);
                    assert_eq!(d.locked_by.as_deref(), Some(owner));
                    assert_eq!(d.lease_expires_at, Some(T0 + 60_000));
                    got.push(d.id);
                }
            }
        })
    };
    let (a, b) = tokio::join!(claimer("worker-a"), claimer("worker-b"));
    let (a, b) = (a.unwrap(), b.unwrap());
    let all: Vec<_> = a.iter().chain(&b).copied().collect();
    let unique: HashSet<_> = all.iter().copied().collect();
    assert_eq!(all.len(), unique.len(), "no delivery was claimed twice");
    assert_eq!(unique, expected, "every due delivery was claimed");
    assert!(!unique.contains(&not_due));
    assert_eq!(
        store.delivery(not_due).await.unwrap().unwrap().state,
        DeliveryState::Pending
    );

    let late = enqueue(store, "extra-late", T0 + 2).await;
    let early = enqueue(store, "extra-early", T0 + 1).await;
    let batch = store
        .claim_due_deliveries("w", T0 + 5, 1000, 10)
        .await
        .unwrap();
    let ids: Vec<_> = batch.iter().map(|d| d.id).collect();
    assert_eq!(ids, [early, late], "earliest due first");
}

async fn only_the_lease_holder_marks_sent(db: &TestDb) {
    let store = &db.store;
    let id = enqueue(store, "k", T0).await;
    let claimed = store
        .claim_due_deliveries("a", T0, 30_000, 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert!(store
        .claim_due_deliveries("b", T0 + 1, 30_000, 10)
        .await
        .unwrap()
        .is_empty());

    assert!(!store
        .mark_delivery_sent(id, "b", MessageId(1), T0 + 2)
        .await
        .unwrap());
    let untouched = store.delivery(id).await.unwrap().unwrap();
    assert_eq!(untouched.state, DeliveryState::Running);
    assert_eq!(untouched.message_id, None);

    assert!(store
        .mark_delivery_sent(id, "a", MessageId(1_300_000_000_000_000_000), T0 + 3)
        .await
        .unwrap());
    let sent = store.delivery(id).await.unwrap().unwrap();
    assert_eq!(sent.state, DeliveryState::Sent);
    assert_eq!(sent.sent_at, Some(T0 + 3));
    assert_eq!(sent.message_id, Some(MessageId(1_300_000_000_000_000_000)));
    assert_eq!(sent.locked_by.as_deref(), Some("a"));
    assert!(!store
        .mark_delivery_sent(id, "a", MessageId(2), T0 + 4)
        .await
        .unwrap());
    assert!(store
        .claim_due_deliveries("b", T0 + 100_000, 1000, 10)
        .await
        .unwrap()
        .is_empty());
}

async fn renewed_leases_are_not_reclaimed(db: &TestDb) {
    let store = &db.store;
    let held = enqueue(store, "held", T0).await;
    let other = enqueue(store, "other", T0).await;
    store.claim_due_deliveries("a", T0, 1000, 1).await.unwrap();
    store.claim_due_deliveries("c", T0, 1000, 1).await.unwrap();
    assert_eq!(store.renew_leases("a", T0 + 1900).await.unwrap(), 1);

    let taken = store
        .claim_due_deliveries("b", T0 + 1500, 1000, 10)
        .await
        .unwrap();
    let taken: Vec<DeliveryId> = taken.iter().map(|d| d.id).collect();
    assert_eq!(
        taken,
        [other],
        "only the lease that was not renewed ran out"
    );
    let renewed = store.delivery(held).await.unwrap().unwrap();
    assert_eq!(renewed.locked_by.as_deref(), Some("a"));
    assert_eq!(renewed.lease_expires_at, Some(T0 + 1900));
}

async fn expired_leases_are_reclaimed(db: &TestDb) {
    let store = &db.store;
    let id = enqueue(store, "k", T0).await;
    assert_eq!(
        store
            .claim_due_deliveries("a", T0, 1000, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(store
        .claim_due_deliveries("b", T0 + 999, 1000, 10)
        .await
        .unwrap()
        .is_empty());

    let reclaimed = store
        .claim_due_deliveries("b", T0 + 1000, 1000, 10)
        .await
        .unwrap();
    assert_eq!(reclaimed.len(), 1);
    assert_eq!(reclaimed[0].id, id);
    assert_eq!(reclaimed[0].locked_by.as_deref(), Some("b"));
    assert_eq!(reclaimed[0].lease_expires_at, Some(T0 + 2000));
    assert_eq!(
        reclaimed[0].first_attempt_at,
        Some(T0),
        "the first attempt's time is kept"
    );

    assert!(!store
        .mark_delivery_sent(id, "a", MessageId(1), T0 + 1001)
        .await
        .unwrap());
    assert!(!store
        .mark_delivery_failed(id, "a", "late", None)
        .await
        .unwrap());
    assert!(store
        .mark_delivery_sent(id, "b", MessageId(2), T0 + 1002)
        .await
        .unwrap());
}

async fn failed_deliveries_retry_then_die(db: &TestDb) {
    let store = &db.store;
    let id = enqueue(store, "k", T0).await;
    store.claim_due_deliveries("a", T0, 1000, 10).await.unwrap();
    assert!(store
        .mark_delivery_failed(id, "a", "429 Too Many Requests", Some(T0 + 5000))
        .await
        .unwrap());
    let retrying = store.delivery(id).await.unwrap().unwrap();
    assert_eq!(retrying.state, DeliveryState::Pending);
    assert_eq!(
        (retrying.due_at, retrying.retry_at),
        (T0, Some(T0 + 5000)),
        "a retry keeps when it was first due"
    );
    assert_eq!(retrying.attempts, 1);
    assert_eq!(
        retrying.last_error.as_deref(),
        Some("429 Too Many Requests")
    );
    assert_eq!(
        (retrying.locked_by, retrying.lease_expires_at),
        (None, None)
    );

    assert!(store
        .claim_due_deliveries("a", T0 + 4999, 1000, 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .claim_due_deliveries("a", T0 + 5000, 1000, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(store
        .mark_delivery_failed(id, "a", "50007 Cannot send messages to this user", None)
        .await
        .unwrap());
    let dead = store.delivery(id).await.unwrap().unwrap();
    assert_eq!(dead.state, DeliveryState::Dead);
    assert_eq!(dead.attempts, 2);
    assert_eq!(
        dead.last_error.as_deref(),
        Some("50007 Cannot send messages to this user")
    );
    assert!(!store
        .mark_delivery_failed(id, "a", "again", None)
        .await
        .unwrap());
    assert!(store
        .claim_due_deliveries("a", T0 + 100_000, 1000, 10)
        .await
        .unwrap()
        .is_empty());
}

async fn stale_deliveries_expire(db: &TestDb) {
    let store = &db.store;
    let expiring = |key: &str, expires_at| NewDelivery {
        expires_at: Some(expires_at),
        ..new_delivery(key, T0)
    };
    let stale = store
        .enqueue_delivery(&expiring("stale", T0 + 100))
        .await
        .unwrap()
        .unwrap();
    let sending = store
        .enqueue_delivery(&expiring("sending", T0 + 100))
        .await
        .unwrap()
        .unwrap();
    let fresh = store
        .enqueue_delivery(&expiring("fresh", T0 + 10_000))
        .await
        .unwrap()
        .unwrap();
    let claimed = store
        .claim_due_deliveries("a", T0, 60_000, 1)
        .await
        .unwrap();
    assert_eq!(claimed[0].id, stale);
    store
        .mark_delivery_failed(stale, "a", "timeout", Some(T0 + 50))
        .await
        .unwrap();
    let claimed = store
        .claim_due_deliveries("a", T0 + 10, 60_000, 1)
        .await
        .unwrap();
    assert_eq!(claimed[0].id, sending);

    let claimed = store
        .claim_due_deliveries("b", T0 + 100, 60_000, 10)
        .await
        .unwrap();
    assert_eq!(
        claimed.iter().map(|d| d.id).collect::<Vec<_>>(),
        [fresh],
        "a delivery past its expiry is never claimed"
    );
    assert_eq!(store.expire_deliveries(T0 + 100).await.unwrap(), 1);
    let state = |id| async move { store.delivery(id).await.unwrap().unwrap().state };
    assert_eq!(state(stale).await, DeliveryState::Expired);
    assert_eq!(
        state(sending).await,
        DeliveryState::Running,
        "its sender still holds the lease"
    );
    assert_eq!(state(fresh).await, DeliveryState::Running);
    assert_eq!(store.expire_deliveries(T0 + 100).await.unwrap(), 0);
    assert_eq!(store.expire_deliveries(T0 + 60_010).await.unwrap(), 1);
    assert_eq!(state(sending).await, DeliveryState::Expired);
}

/// Many tasks writing at once (single statements and multi-statement transactions) all
/// succeed: on SQLite this is what WAL, the busy timeout and `BEGIN IMMEDIATE` are for.
async fn concurrent_writers_all_succeed(db: &TestDb) {
    let store = &db.store;
    let c = cohort(store).await.id;
    let writers = (0..32u64).map(|n| {
        let store = store.clone();
        tokio::spawn(async move {
            let user = UserId(1_000 + n);
            let at = T0 + n as i64;
            store.enroll(c, user, CohortRole::Trainee, at).await?;
            store.start_module(c, user, "m1", at).await?;
            let attempt = store.start_attempt(c, user, "m1", at).await?;
            for q in 0..3u32 {
                let exercise = format!("q{q}");
                store
                    .record_answer(attempt.id, &exercise, "1", 1000, q, at)
                    .await?;
            }
            store.finish_attempt(attempt.id, 100, true, at).await?;
            store.complete_module(c, user, "m1", at).await?;
            let award = NewBadgeAward {
                cohort_id: c,
                user_id: user,
                badge_id: "completed".to_owned(),
                awarded_by: None,
                reason: None,
                awarded_at: at,
            };
            store.award_badge(&award).await?;
            store
                .enqueue_delivery(&new_delivery(&format!("congrats:{n}"), at))
                .await?;
            Ok::<_, StoreError>(())
        })
    });
    let writers: Vec<_> = writers.collect();
    for writer in writers {
        writer.await.unwrap().expect("no writer fails");
    }

    let members = store
        .list_members(c, Some(CohortRole::Trainee))
        .await
        .unwrap();
    assert_eq!(members.len(), 32);
    for member in members {
        let progress = store.progress_of_member(c, member.user_id).await.unwrap();
        assert_eq!(progress.len(), 1);
        assert_eq!(progress[0].state, ProgressState::Done);
        assert_eq!(
            (progress[0].best_score, progress[0].attempts_used),
            (Some(100), 1)
        );
    }
    assert_eq!(store.unsynced_badge_awards(100).await.unwrap().len(), 32);
    assert_eq!(
        store
            .claim_due_deliveries("w", T0 + 100, 1000, 100)
            .await
            .unwrap()
            .len(),
        32
    );
}
