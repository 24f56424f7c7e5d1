//! Cohort reports on both backends: what the report and its CSV say about trainees at
//! different points, who may see them, and `cohortbot export` printing the same CSV.

use crate::autumn::{self, library, manager, person, ADA, BEN, FACILITATOR, GUILD, NOW};
use crate::binary::{cohortbot, text};
use crate::store_backends::TestDb;
use chrono::NaiveDate;
use cohortbot::course::Course;
use cohortbot::domain::access::Caller;
use cohortbot::domain::cohorts::{self};
use cohortbot::domain::exercises::{self, AnswerInput, ExerciseStep};
use cohortbot::domain::learning;
use cohortbot::domain::listening;
use cohortbot::domain::member_facts;
use cohortbot::domain::reports::{self, CohortReport, ModuleResult, TraineeRow};
use cohortbot::domain::snapshots;
use cohortbot::domain::DomainError;
use cohortbot::model::listening::Conversation;
use cohortbot::model::*;
use cohortbot::store::Store;

const HOUR: UnixMillis = 3_600_000;
const CAL: UserId = UserId(12);
const LEFT: UserId = UserId(13);
const MENTOR: UserId = UserId(20);

store_tests!(
    the_report_and_its_csv_match_what_the_database_holds,
    only_the_cohorts_facilitators_get_the_report,
    a_cohort_without_trainees_reports_zeros_and_a_header_only_csv,
);

async fn the_report_and_its_csv_match_what_the_database_holds(db: &TestDb) {
    let cohort = cohort_at_different_points(&db.store).await;
    let report = reports::cohort_report(&db.store, facilitator(), &cohort)
        .await
        .unwrap();

    let ids: Vec<UserId> = report.trainees.iter().map(|t| t.user_id).collect();
    assert_eq!(
        ids,
        [ADA, BEN, CAL],
        "current trainees only, in order of joining"
    );
    let done = |score| ModuleResult {
        done: true,
        best_score: Some(score),
    };
    let ada = &report.trainees[0];
    assert_eq!(results(&report, ada), [done(100), done(100)]);
    assert_eq!(ada.modules_complete(), 2);
    assert_eq!((ada.reflections_written, ada.reflections_reviewed), (1, 1));
    assert_eq!((ada.meetings_attended, ada.sets_attended), (0, 2));
    assert_eq!(ada.badges, ["finisher"]);
    let ben = &report.trainees[1];
    assert_eq!(results(&report, ben), [done(50), ModuleResult::default()]);
    assert_eq!((ben.meetings_attended, ben.sets_attended), (1, 1));
    assert!(ben.badges.is_empty());
    let cal = &report.trainees[2];
    let failed = ModuleResult {
        done: false,
        best_score: Some(0),
    };
    assert_eq!(results(&report, cal), [failed, ModuleResult::default()]);
    assert_eq!((cal.reflections_written, cal.reflections_reviewed), (1, 0));
    assert_eq!((cal.meetings_attended, cal.sets_attended), (0, 0));
    assert!(cal.badges.is_empty(), "a revoked badge is not held");

    let summary = |id: &str| {
        let module = report.modules.iter().find(|m| m.id == id).unwrap();
        (module.completed, module.average_best_score)
    };
    assert_eq!(summary("basics"), (2, Some(50.0)));
    assert_eq!(summary("practice"), (1, Some(100.0)));
    assert_eq!(report.series.len(), 1);
    assert_eq!(
        (report.series[0].id.as_str(), report.series[0].planned),
        ("sets", 3)
    );
    assert_eq!(
        report.series[0].attended, 3,
        "mentors and absences not counted"
    );
    assert_eq!(
        (report.reflections_written(), report.reflections_reviewed()),
        (2, 1)
    );
    assert_eq!((report.meetings_attended(), report.sets_attended()), (1, 3));
    assert_eq!(report.badges_awarded(), 1);

    assert_matches_database(&db.store, &cohort, &report).await;
    assert_eq!(
        csv_columns(&report, &TESTED_COLUMNS),
        [
            ["10", "", "2", "100", "100", "1", "0", "2", "finisher"],
            ["11", "", "1", "50", "", "0", "1", "1", ""],
            ["12", "", "0", "0", "", "1", "0", "0", ""],
        ]
    );
}

/// The columns the CSV test reads: the fixed ones and the scores of the two modules taken.
const TESTED_COLUMNS: [&str; 9] = [
    "user_id",
    "display_name",
    "modules_complete",
    "best_score_basics",
    "best_score_practice",
    "reflections_written",
    "meetings_attended",
    "sets_attended",
    "badges_held",
];

/// A trainee's results with the two modules the setup takes, `basics` and `practice`.
fn results(report: &CohortReport, row: &TraineeRow) -> Vec<ModuleResult> {
    ["basics", "practice"]
        .iter()
        .map(|id| {
            let index = report.modules.iter().position(|m| m.id == *id).unwrap();
            row.modules[index]
        })
        .collect()
}

/// The report's CSV, checked for its header and for empty scores in modules nobody took,
/// with the named columns of each trainee's row picked out.
fn csv_columns(report: &CohortReport, names: &[&str]) -> Vec<Vec<String>> {
    let rows = parse_csv(&reports::report_csv(report).unwrap());
    let header = &rows[0];
    let scores: Vec<String> = report
        .modules
        .iter()
        .map(|m| format!("best_score_{}", m.id))
        .collect();
    let fixed = header.len() - 4;
    assert_eq!(header[..3], ["user_id", "display_name", "modules_complete"]);
    assert_eq!(header[3..fixed], scores[..]);
    assert_eq!(
        header[fixed..],
        [
            "reflections_written",
            "meetings_attended",
            "sets_attended",
            "badges_held"
        ]
    );
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    rows[1..]
        .iter()
        .map(|row| {
            assert_eq!(row.len(), header.len());
            for untaken in scores.iter().filter(|s| !names.contains(&s.as_str())) {
                assert_eq!(row[column(untaken)], "", "{untaken}");
            }
            names.iter().map(|name| row[column(name)].clone()).collect()
        })
        .collect()
}

async fn only_the_cohorts_facilitators_get_the_report(db: &TestDb) {
    let cohort = cohort_at_different_points(&db.store).await;
    for (who, why) in [
        (person(ADA), "a trainee"),
        (person(MENTOR), "a mentor"),
        (person(LEFT), "a former trainee"),
        (
            Caller {
                guild: GuildId(2000),
                user: UserId(99),
                manages_server: true,
            },
            "another server's manager",
        ),
        (
            Caller {
                guild: GUILD,
                user: UserId(98),
                manages_server: true,
            },
            "this server's manager outside the cohort",
        ),
    ] {
        match reports::cohort_report(&db.store, who, &cohort).await {
            Err(DomainError::Refused(message)) => assert_eq!(
                message.to_string(),
                "Only the facilitators of “Autumn” can do that.",
                "{why}"
            ),
            other => panic!("{why} got {other:?}"),
        }
    }
    // A facilitator who also manages the server.
    for who in [facilitator(), manager()] {
        let report = reports::cohort_report(&db.store, who, &cohort)
            .await
            .unwrap();
        assert_eq!(report.trainees.len(), 3);
    }
}

async fn a_cohort_without_trainees_reports_zeros_and_a_header_only_csv(db: &TestDb) {
    let library = library("tests/fixtures/packs/valid");
    let cohort = autumn::cohort(&db.store, &library, "mini-course").await;
    let report = reports::cohort_report(&db.store, manager(), &cohort)
        .await
        .unwrap();
    assert!(report.trainees.is_empty());
    assert!(report
        .modules
        .iter()
        .all(|m| m.completed == 0 && m.average_best_score.is_none()));
    let rows = parse_csv(&reports::report_csv(&report).unwrap());
    assert_eq!(rows.len(), 1, "only the header: {rows:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_prints_the_csv_of_the_report_and_writes_it_with_out() {
    let db = TestDb::sqlite().await;
    let cohort = cohort_at_different_points(&db.store).await;
    let mut report = reports::report_for_export(&db.store, &cohort)
        .await
        .unwrap();
    assert_matches_database(&db.store, &cohort, &report).await;
    let expected = reports::report_csv(&report).unwrap();
    let url = format!("sqlite://{}", db.sqlite_path.as_ref().unwrap().display());

    let printed = cohortbot(&url, &["export", &cohort.id.to_string()]);
    assert!(printed.status.success(), "{}", text(&printed.stderr));
    assert_eq!(text(&printed.stdout), text(&expected));
    assert_eq!(parse_csv(&printed.stdout).len(), 4);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("autumn.csv");
    let id = cohort.id.to_string();
    let written = cohortbot(&url, &["export", &id, "--out", file.to_str().unwrap()]);
    assert!(written.status.success(), "{}", text(&written.stderr));
    assert!(written.stdout.is_empty());
    assert_eq!(std::fs::read(&file).unwrap(), expected);

    report.name_trainees(|user| (user == ADA).then(|| "=Ada".to_string()));
    let named = parse_csv(&reports::report_csv(&report).unwrap());
    assert_eq!(named[1][1], "'=Ada", "a name is never run as a formula");

    let missing = cohortbot(&url, &["export", "9999"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing.stderr).contains("there is no cohort 9999"),
        "{}",
        text(&missing.stderr)
    );
}

/// `cohortbot export COHORT --listening`: the listening campaign's themes by stage, group and
/// week, the same as the `listening.csv` of `/cohort report`, never the label of anyone
/// listened to.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_prints_the_themes_by_stage_group_and_week_without_labels() {
    let db = TestDb::sqlite().await;
    let store = &db.store;
    let library = library("prompts");
    let cohort = autumn::cohort(store, &library, "two-day-training").await;
    for conversation in [
        heard(8, "JB", &["Housing", "Transport"]),
        heard(16, "MK", &["Housing"]),
        heard(17, "RT", &["Housing"]),
    ] {
        store
            .add_listening_record(cohort.id, ADA, &conversation, NOW)
            .await
            .unwrap();
    }
    let url = format!("sqlite://{}", db.sqlite_path.as_ref().unwrap().display());
    let id = cohort.id.to_string();

    let printed = cohortbot(&url, &["export", &id, "--listening"]);
    assert!(
        printed.status.success(),
        "{}",
        String::from_utf8_lossy(&printed.stderr)
    );
    let csv = String::from_utf8(printed.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(
        rows[0].starts_with("theme,added_by_trainee,conversations,stage:core-team,"),
        "{csv}"
    );
    assert!(
        rows[0].ends_with(",week:2026-09-07,week:2026-09-14"),
        "{csv}"
    );
    assert!(rows[1].starts_with("Housing,false,3,3,"), "{csv}");
    assert!(
        rows[1].ends_with(",1,2"),
        "one the first week, two the next: {csv}"
    );
    assert!(rows[2].starts_with("Transport,false,1,1,"), "{csv}");
    assert!(rows[2].ends_with(",1,0"), "{csv}");
    for label in ["JB", "MK", "RT"] {
        assert!(!csv.contains(label), "no label: {csv}");
    }
    let view = listening::issues_for_export(store, cohort).await.unwrap();
    assert_eq!(csv.as_bytes(), listening::themes_csv(&view).unwrap());
}

fn heard(day: u32, label: &str, issues: &[&str]) -> Conversation {
    Conversation {
        stage: "core-team".into(),
        group: "neighbours".into(),
        heard_on: NaiveDate::from_ymd_opt(2026, 9, day).unwrap(),
        label: label.into(),
        place: "the market".into(),
        issues: issues.iter().map(|i| i.to_string()).collect(),
        energy: "Wants the evening bus back.".into(),
        follow_up_on: None,
    }
}

/// A cohort of three current trainees and one who left. Ada passed both modules (her
/// reflection reviewed), holds the badge and attended two sets; Ben passed the first
/// module, started the second, attended one set (missed the other) and a mentoring
/// meeting; Cal failed the first module, wrote a reflection by hand and had a badge
/// revoked. A mentor attended the meeting too.
async fn cohort_at_different_points(store: &Store) -> Cohort {
    let library = library("tests/fixtures/packs/valid");
    let cohort = autumn::cohort(store, &library, "mini-course").await;
    enrol(store, &cohort, &[ADA, BEN, CAL, LEFT], CohortRole::Trainee).await;
    enrol(store, &cohort, &[MENTOR], CohortRole::Mentor).await;
    cohorts::leave(store, NOW, person(LEFT), &cohort)
        .await
        .unwrap();
    let course = snapshots::course_of(store, &cohort).await.unwrap();

    take_basics(store, &course, cohort.id, ADA, [true, true]).await;
    take_practice(store, &course, cohort.id, ADA).await;
    let reflection = store.list_reflections(cohort.id, false).await.unwrap()[0].id;
    store
        .mark_reflection_reviewed(reflection, FACILITATOR, Some("Good start"), NOW)
        .await
        .unwrap();
    take_basics(store, &course, cohort.id, BEN, [true, false]).await;
    let facts = member_facts::read(store, &course, cohort.id, BEN)
        .await
        .unwrap();
    learning::open_module(
        store,
        &course,
        cohort.id,
        BEN,
        &facts,
        Some("practice"),
        NOW,
    )
    .await
    .unwrap();
    take_basics(store, &course, cohort.id, CAL, [false, false]).await;
    cal_writes_and_loses_a_badge(store, cohort.id).await;
    hold_sessions(store, cohort.id).await;
    cohort
}

async fn cal_writes_and_loses_a_badge(store: &Store, cohort: CohortId) {
    store
        .save_reflection(&NewReflection {
            cohort_id: cohort,
            user_id: CAL,
            module_id: "basics".into(),
            exercise_id: "tf-1".into(),
            body: "Next time I will listen first.".into(),
            visibility: ReflectionVisibility::Facilitators,
            submitted_at: NOW,
        })
        .await
        .unwrap();
    let outcome = store
        .award_badge(&NewBadgeAward {
            cohort_id: cohort,
            user_id: CAL,
            badge_id: "finisher".into(),
            awarded_by: Some(FACILITATOR),
            reason: Some("by mistake".into()),
            awarded_at: NOW,
        })
        .await
        .unwrap();
    assert!(store
        .revoke_badge(outcome.award.id, FACILITATOR, "given by mistake", NOW)
        .await
        .unwrap());
}

async fn hold_sessions(store: &Store, cohort: CohortId) {
    let first = session(store, cohort, SessionKind::Set, Some("sets"), 1).await;
    let second = session(store, cohort, SessionKind::Set, Some("sets"), 2).await;
    let meeting = session(store, cohort, SessionKind::Meeting, None, 3).await;
    for (session, user, attended) in [
        (first, ADA, true),
        (second, ADA, true),
        (first, BEN, true),
        (second, BEN, false),
        (meeting, BEN, true),
        (meeting, MENTOR, true),
    ] {
        store
            .record_attendance(session, user, attended, FACILITATOR, NOW)
            .await
            .unwrap();
    }
    store.set_rsvp(first, CAL, Rsvp::Yes).await.unwrap();
}

async fn session(
    store: &Store,
    cohort: CohortId,
    kind: SessionKind,
    series: Option<&str>,
    seq: u32,
) -> SessionId {
    let starts_at = NOW + i64::from(seq) * 24 * HOUR;
    store
        .create_session(&NewSession {
            cohort_id: cohort,
            kind,
            series_id: series.map(String::from),
            seq: Some(seq),
            group_id: None,
            pair_id: None,
            title: format!("Session {seq}"),
            starts_at,
            ends_at: starts_at + HOUR,
            status: SessionStatus::Held,
            proposed_by: None,
            presentations: false,
            created_at: NOW,
        })
        .await
        .unwrap()
        .id
}

/// Answers the two questions of `basics`, rightly or wrongly.
async fn take_basics(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
    right: [bool; 2],
) {
    let attempt = first_question(store, course, cohort, user, "basics").await;
    let choice = if right[1] { 0 } else { 1 };
    let answers = [
        AnswerInput::TrueFalse(right[0]),
        AnswerInput::Choice(vec![choice]),
    ];
    for (index, input) in (0..).zip(answers) {
        exercises::answer(store, course, user, attempt, index, input, NOW)
            .await
            .unwrap();
    }
}

/// Writes the reflection of `practice`, its only exercise.
async fn take_practice(store: &Store, course: &Course, cohort: CohortId, user: UserId) {
    let attempt = first_question(store, course, cohort, user, "practice").await;
    let input = AnswerInput::Reflection("I will start by listening to my neighbours.".into());
    exercises::answer(store, course, user, attempt, 0, input, NOW)
        .await
        .unwrap();
}

async fn first_question(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
    module: &str,
) -> AttemptId {
    let unopened = member_facts::read(store, course, cohort, user)
        .await
        .unwrap();
    learning::open_module(store, course, cohort, user, &unopened, Some(module), NOW)
        .await
        .unwrap();
    let facts = member_facts::read(store, course, cohort, user)
        .await
        .unwrap();
    match exercises::start_exercises(store, course, cohort, user, &facts, module, NOW)
        .await
        .unwrap()
    {
        ExerciseStep::Question(question) => question.attempt,
        ExerciseStep::Finished(result) => panic!("{module} has questions: {result:?}"),
    }
}

/// Checks every trainee row against the store's own records, read independently.
async fn assert_matches_database(store: &Store, cohort: &Cohort, report: &CohortReport) {
    let trainees = store
        .list_members(cohort.id, Some(CohortRole::Trainee))
        .await
        .unwrap();
    let ids: Vec<UserId> = trainees.iter().map(|m| m.user_id).collect();
    let listed: Vec<UserId> = report.trainees.iter().map(|t| t.user_id).collect();
    assert_eq!(listed, ids);
    let reflections = store.list_reflections(cohort.id, false).await.unwrap();
    for row in &report.trainees {
        let progress = store
            .progress_of_member(cohort.id, row.user_id)
            .await
            .unwrap();
        for (module, result) in report.modules.iter().zip(&row.modules) {
            let stored = progress.iter().find(|p| p.module_id == module.id);
            assert_eq!(result.best_score, stored.and_then(|p| p.best_score));
            assert_eq!(
                result.done,
                stored.is_some_and(|p| p.state == ProgressState::Done)
            );
        }
        let written = reflections
            .iter()
            .filter(|r| r.user_id == row.user_id)
            .count();
        assert_eq!(row.reflections_written, written);
        let sets = store
            .count_attended(cohort.id, row.user_id, "sets")
            .await
            .unwrap();
        assert_eq!(row.sets_attended, sets as usize);
        let held: Vec<String> = store
            .badge_awards_of_member(cohort.id, row.user_id)
            .await
            .unwrap()
            .into_iter()
            .filter(|a| a.revoked_at.is_none())
            .map(|a| a.badge_id)
            .collect();
        assert_eq!(row.badges, held);
    }
}

async fn enrol(store: &Store, cohort: &Cohort, people: &[UserId], role: CohortRole) {
    cohorts::enroll(store, NOW, manager(), cohort, people, role)
        .await
        .unwrap();
}

fn parse_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|record| record.unwrap().iter().map(String::from).collect())
        .collect()
}

fn facilitator() -> Caller {
    person(FACILITATOR)
}
