//! Cohorts in the domain layer, on both backends: who may create and enrol, join codes,
//! which cohort a person means, and the pack version a running cohort keeps.

use std::path::Path;

use crate::autumn::{library, manager, person, GUILD, NOW};
use crate::store_backends::TestDb;
use chrono::NaiveDate;
use cohortbot::course::{load_library, Library};
use cohortbot::domain::access::{self, Access, Caller};
use cohortbot::domain::cohorts::{self, CohortRequest};
use cohortbot::domain::snapshots;
use cohortbot::domain::{DomainError, DomainResult};
use cohortbot::model::*;

fn request(course: &str, name: &str) -> CohortRequest {
    CohortRequest {
        course_id: course.into(),
        name: name.into(),
        starts_on: NaiveDate::from_ymd_opt(2026, 9, 7).unwrap(),
        time_zone: chrono_tz::Europe::London,
        channel: Some(ChannelId(77)),
    }
}

/// `caller` asks for a cohort `name` of `course` in the server "S".
async fn create(
    db: &TestDb,
    library: &Library,
    caller: Caller,
    course: &str,
    name: &str,
) -> DomainResult<Cohort> {
    cohorts::create_cohort(&db.store, library, NOW, caller, "S", request(course, name)).await
}

fn refusal(result: Result<impl std::fmt::Debug, DomainError>) -> String {
    match result {
        Err(DomainError::Refused(message)) => message.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

store_tests!(
    a_running_cohort_keeps_its_pack_version_when_the_pack_changes,
    only_managers_and_facilitators_create_cohorts,
    a_trainee_joins_with_the_code_and_cannot_join_twice,
    only_the_cohorts_facilitators_enrol_people,
    several_cohorts_ask_which_one_then_remember,
    cohort_names_are_unique_in_a_server,
    a_facilitator_is_one_only_in_the_cohorts_own_server,
    a_server_manager_sets_a_cohort_up_but_is_not_its_facilitator,
);

async fn a_running_cohort_keeps_its_pack_version_when_the_pack_changes(db: &TestDb) {
    let work = tempfile::tempdir().unwrap();
    let pack = work.path().join("mini-course");
    crate::files::copy_dir(Path::new("tests/fixtures/packs/valid/mini-course"), &pack);
    let (before, _) = load_library(work.path());
    let old = create(db, &before, manager(), "mini-course", "Autumn")
        .await
        .unwrap();

    let module = pack.join("modules/basics.toml");
    let edited = std::fs::read_to_string(&module)
        .unwrap()
        .replace("title = \"Basics\"", "title = \"Basics, revised\"");
    std::fs::write(&module, edited).unwrap();
    let (after, problems) = load_library(work.path());
    assert!(problems.is_empty());
    let new = create(db, &after, manager(), "mini-course", "Spring")
        .await
        .unwrap();

    let old_course = snapshots::course_of(&db.store, &old).await.unwrap();
    let new_course = snapshots::course_of(&db.store, &new).await.unwrap();
    assert_eq!(old_course.module("basics").unwrap().title, "Basics");
    assert_eq!(
        new_course.module("basics").unwrap().title,
        "Basics, revised"
    );
    assert_ne!(old.course_version_id, new.course_version_id);
    let reread = db.store.cohort(old.id).await.unwrap().unwrap();
    assert_eq!(reread.course_version_id, old.course_version_id);
}

async fn only_managers_and_facilitators_create_cohorts(db: &TestDb) {
    let library = library("tests/fixtures/packs/valid");
    let message = refusal(create(db, &library, person(UserId(5)), "mini-course", "A").await);
    assert!(message.contains("Only facilitators"), "{message}");
    assert!(
        db.store.list_cohorts(GUILD, true).await.unwrap().is_empty(),
        "nothing was created"
    );

    let cohort = create(db, &library, manager(), "mini-course", "A")
        .await
        .unwrap();
    assert_eq!(cohort.course_id, "mini-course");
    let creator = db
        .store
        .member(cohort.id, UserId(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(creator.role, CohortRole::Facilitator);
    assert_eq!(cohort.join_code.len(), 8);

    let as_facilitator = Caller {
        manages_server: false,
        ..manager()
    };
    assert_eq!(
        access::access_of(&db.store, as_facilitator).await.unwrap(),
        Access::Facilitator
    );
    create(db, &library, as_facilitator, "mini-course", "B")
        .await
        .unwrap();

    let message = refusal(create(db, &library, manager(), "nope", "C").await);
    assert!(
        message.contains("no course `nope`") && message.contains("mini-course"),
        "{message}"
    );
}

async fn a_trainee_joins_with_the_code_and_cannot_join_twice(db: &TestDb) {
    let cohort = cohort_a(db).await;
    let trainee = person(UserId(7));
    assert_eq!(
        access::access_of(&db.store, trainee).await.unwrap(),
        Access::Everyone
    );
    let message = refusal(cohorts::join(&db.store, NOW, trainee, "wrongcode").await);
    assert!(message.contains("does not match"), "{message}");

    let joined = cohorts::join(&db.store, NOW, trainee, &cohort.join_code.to_uppercase())
        .await
        .unwrap();
    assert_eq!(joined.id, cohort.id);
    assert_eq!(
        access::access_of(&db.store, trainee).await.unwrap(),
        Access::Trainee
    );
    let message = refusal(cohorts::join(&db.store, NOW, trainee, &cohort.join_code).await);
    assert!(message.contains("already in “A” as a trainee"), "{message}");

    cohorts::leave(&db.store, NOW, trainee, &cohort)
        .await
        .unwrap();
    assert_eq!(
        access::access_of(&db.store, trainee).await.unwrap(),
        Access::Everyone
    );
    let other_server = Caller {
        guild: GuildId(2000),
        ..trainee
    };
    let message = refusal(cohorts::join(&db.store, NOW, other_server, &cohort.join_code).await);
    assert!(
        message.contains("does not match"),
        "a code works only in its own server: {message}"
    );
}

async fn only_the_cohorts_facilitators_enrol_people(db: &TestDb) {
    let cohort = cohort_a(db).await;
    let trainee = person(UserId(7));
    cohorts::join(&db.store, NOW, trainee, &cohort.join_code)
        .await
        .unwrap();
    let message = refusal(
        cohorts::enroll(
            &db.store,
            NOW,
            trainee,
            &cohort,
            &[UserId(8)],
            CohortRole::Mentor,
        )
        .await,
    );
    assert!(
        message.contains("Only the facilitators of “A”"),
        "{message}"
    );
    assert!(db
        .store
        .member(cohort.id, UserId(8))
        .await
        .unwrap()
        .is_none());

    let facilitator = Caller {
        manages_server: false,
        ..manager()
    };
    let added = cohorts::enroll(
        &db.store,
        NOW,
        facilitator,
        &cohort,
        &[UserId(8), UserId(9)],
        CohortRole::Mentor,
    )
    .await
    .unwrap();
    assert_eq!(added, 2);
    let mentors = db
        .store
        .list_members(cohort.id, Some(CohortRole::Mentor))
        .await
        .unwrap();
    assert_eq!(
        mentors.iter().map(|m| m.user_id).collect::<Vec<_>>(),
        [UserId(8), UserId(9)]
    );
}

async fn several_cohorts_ask_which_one_then_remember(db: &TestDb) {
    let library = library("tests/fixtures/packs/valid");
    let a = create(db, &library, manager(), "mini-course", "Autumn")
        .await
        .unwrap();
    let b = create(db, &library, manager(), "mini-course", "Spring")
        .await
        .unwrap();
    let trainee = person(UserId(7));
    let message = refusal(cohorts::choose_cohort(&db.store, trainee, None).await);
    assert!(message.contains("not in a cohort"), "{message}");
    cohorts::join(&db.store, NOW, trainee, &a.join_code)
        .await
        .unwrap();
    assert_eq!(
        cohorts::choose_cohort(&db.store, trainee, None)
            .await
            .unwrap()
            .id,
        a.id
    );
    cohorts::join(&db.store, NOW, trainee, &b.join_code)
        .await
        .unwrap();
    // Joining made Spring the current one.
    assert_eq!(
        cohorts::choose_cohort(&db.store, trainee, None)
            .await
            .unwrap()
            .id,
        b.id
    );
    db.store
        .set_current_cohort(GUILD, trainee.user, None)
        .await
        .unwrap();
    let message = refusal(cohorts::choose_cohort(&db.store, trainee, None).await);
    assert!(
        message.contains("several cohorts (“Autumn”, “Spring”)"),
        "{message}"
    );
    assert_eq!(
        cohorts::choose_cohort(&db.store, trainee, Some("autumn"))
            .await
            .unwrap()
            .id,
        a.id
    );
    assert_eq!(
        cohorts::choose_cohort(&db.store, trainee, None)
            .await
            .unwrap()
            .id,
        a.id,
        "the choice is remembered"
    );
    let message = refusal(cohorts::choose_cohort(&db.store, trainee, Some("Winter")).await);
    assert!(
        message.contains("not in a cohort called “Winter”"),
        "{message}"
    );
}

async fn cohort_names_are_unique_in_a_server(db: &TestDb) {
    let library = library("tests/fixtures/packs/valid");
    create(db, &library, manager(), "mini-course", "Autumn")
        .await
        .unwrap();
    let message = refusal(create(db, &library, manager(), "mini-course", "autumn").await);
    assert!(message.contains("already has a cohort called"), "{message}");
    let message = refusal(create(db, &library, manager(), "mini-course", &"x".repeat(81)).await);
    assert!(message.contains("1 to 80 characters"), "{message}");
    assert_eq!(db.store.list_cohorts(GUILD, true).await.unwrap().len(), 1);
}

async fn a_facilitator_is_one_only_in_the_cohorts_own_server(db: &TestDb) {
    let cohort = cohort_a(db).await;
    let here = Caller {
        manages_server: false,
        ..manager()
    };
    let elsewhere = Caller {
        guild: GuildId(2000),
        ..here
    };
    assert!(access::is_facilitator(&db.store, here, &cohort)
        .await
        .unwrap());
    assert!(!access::is_facilitator(&db.store, elsewhere, &cohort)
        .await
        .unwrap());
    let message = refusal(access::require_facilitator(&db.store, elsewhere, &cohort).await);
    assert!(
        message.contains("Only the facilitators of “A”"),
        "{message}"
    );
    let other_manager = Caller {
        guild: GuildId(2000),
        user: UserId(50),
        manages_server: true,
    };
    refusal(access::require_facilitator_or_manager(&db.store, other_manager, &cohort).await);
}

async fn a_server_manager_sets_a_cohort_up_but_is_not_its_facilitator(db: &TestDb) {
    let cohort = cohort_a(db).await;
    let sam = Caller {
        guild: GUILD,
        user: UserId(50),
        manages_server: true,
    };
    assert!(!access::is_facilitator(&db.store, sam, &cohort)
        .await
        .unwrap());
    refusal(access::require_facilitator(&db.store, sam, &cohort).await);
    cohorts::set_channel(&db.store, sam, &cohort, ChannelId(78))
        .await
        .unwrap();
    let message = refusal(
        cohorts::enroll(
            &db.store,
            NOW,
            sam,
            &cohort,
            &[UserId(8)],
            CohortRole::Trainee,
        )
        .await,
    );
    assert!(message.contains("you may enrol facilitators"), "{message}");
    cohorts::enroll(
        &db.store,
        NOW,
        sam,
        &cohort,
        &[UserId(9)],
        CohortRole::Facilitator,
    )
    .await
    .unwrap();
    let facilitators = db
        .store
        .list_members(cohort.id, Some(CohortRole::Facilitator))
        .await
        .unwrap();
    assert!(facilitators.iter().any(|m| m.user_id == UserId(9)));
    assert_eq!(
        access::access_of(&db.store, sam).await.unwrap(),
        Access::Everyone,
        "managing the server adds no role in a cohort"
    );
}

/// The mini-course cohort “A”, created by the server's manager.
async fn cohort_a(db: &TestDb) -> Cohort {
    let library = library("tests/fixtures/packs/valid");
    create(db, &library, manager(), "mini-course", "A")
        .await
        .unwrap()
}
