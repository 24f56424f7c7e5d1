//! `/cohort report` end to end: a facilitator gets a private summary with a PNG chart and a
//! CSV that agrees with the database; a trainee is refused and gets no file.

use std::io::Cursor;

use crate::learning::{guild, trainee, world, World};
use cohortbot::domain::snapshots;
use cohortbot::model::*;
use cohortbot::store::Store;
use fake_discord::{CallbackType, FakeUser, Reply};

const MINI: &str = "tests/fixtures/packs/valid";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facilitator_gets_a_summary_a_chart_and_a_csv_that_match_the_database() {
    let world = world(MINI, "mini-course").await;
    let cohort = cohort(&world).await;
    let alice = trainee(&world, "alice").await;
    let bob = trainee(&world, "bob").await;
    pass_basics(&alice).await;
    let opened = bob.slash("module", [("module", "basics")]).await;
    assert!(opened.text().contains("Start here"), "{}", opened.text());
    attend_a_set(
        &world.bot.store,
        cohort.id,
        user_id(&alice),
        user_id(&world.facilitator),
    )
    .await;

    let reply = world.facilitator.slash("cohort report", []).await;
    assert!(reply.is_ephemeral());
    assert_eq!(
        reply.callback(),
        Some(CallbackType::DeferredMessage),
        "deferred before the work"
    );
    let text = reply.text();
    assert!(text.contains("Report: Autumn"), "{text}");
    assert!(text.contains("**Basics** — 1 of 2 done (50%)"), "{text}");
    assert!(text.contains("**2 trainees**"), "{text}");
    assert!(
        text.contains(
            "Action learning sets attended: 1 (the course asks for 3 per trainee, 6 in all)"
        ),
        "{text}"
    );
    assert!(!text.contains("planned"), "{text}");
    assert_chart_is_800_by_500(&reply);

    let csv = reply.attachment("report.csv").expect("a CSV attachment");
    let rows = parse_csv(&csv.text());
    assert_eq!(
        rows[0][..4],
        [
            "user_id",
            "display_name",
            "modules_complete",
            "best_score_basics"
        ]
    );
    let expected = [
        expected_row(&world.bot.store, &cohort, &alice, "alice").await,
        expected_row(&world.bot.store, &cohort, &bob, "bob").await,
    ];
    assert_eq!(rows[1..], expected);
    assert_eq!(
        rows[1][2..4],
        ["1", "100"],
        "alice passed basics with full marks"
    );
    let sets = rows[0].iter().position(|h| h == "sets_attended").unwrap();
    assert_eq!(rows[1][sets], "1", "alice attended one set");
    world.bot.fake.assert_no_violations();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trainee_asking_for_the_report_is_refused_and_gets_no_file() {
    let world = world(MINI, "mini-course").await;
    let alice = trainee(&world, "alice").await;

    let reply = alice.slash("cohort report", []).await;
    assert!(reply.is_ephemeral());
    assert!(
        reply
            .text()
            .contains("Only the facilitators of “Autumn” can do that."),
        "{}",
        reply.text()
    );
    assert!(reply.attachments().is_empty(), "{:?}", reply.attachments());
    assert!(reply.embeds().is_empty());
    world.bot.fake.assert_no_violations();
}

/// Decodes the chart: a PNG of the promised size with more than one colour in it.
fn assert_chart_is_800_by_500(reply: &Reply) {
    let chart = reply.attachment("report.png").expect("a PNG attachment");
    let mut reader = png::Decoder::new(Cursor::new(chart.data.as_slice()))
        .read_info()
        .expect("a valid PNG");
    let (width, height) = (reader.info().width, reader.info().height);
    assert_eq!((width, height), (800, 500));
    let mut pixels = vec![0; reader.output_buffer_size().expect("a buffer size")];
    reader.next_frame(&mut pixels).expect("the image decodes");
    let first = &pixels[..3];
    assert!(
        pixels.chunks(3).any(|pixel| pixel != first),
        "the chart is not blank"
    );
}

/// The CSV row the database calls for: id, name, modules done, best score per module of the
/// course, reflections, meetings, sets, badges held.
async fn expected_row(store: &Store, cohort: &Cohort, user: &FakeUser, name: &str) -> Vec<String> {
    let id = user_id(user);
    let progress = store.progress_of_member(cohort.id, id).await.unwrap();
    let score = |module: &str| {
        progress
            .iter()
            .find(|p| p.module_id == module)
            .and_then(|p| p.best_score)
            .map(|s| s.to_string())
            .unwrap_or_default()
    };
    let done = progress
        .iter()
        .filter(|p| p.state == ProgressState::Done)
        .count();
    let reflections = store.list_reflections(cohort.id, false).await.unwrap();
    let written = reflections.iter().filter(|r| r.user_id == id).count();
    let sets = store.count_attended(cohort.id, id, "sets").await.unwrap();
    let badges: Vec<String> = store
        .badge_awards_of_member(cohort.id, id)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.revoked_at.is_none())
        .map(|a| a.badge_id)
        .collect();
    let course = snapshots::course_of(store, cohort).await.unwrap();
    let mut row = vec![id.to_string(), name.to_string(), done.to_string()];
    row.extend(course.modules.iter().map(|m| score(&m.id)));
    row.extend([
        written.to_string(),
        "0".to_string(),
        sets.to_string(),
        badges.join(";"),
    ]);
    row
}

/// Passes `basics` with both answers right, through the buttons.
async fn pass_basics(user: &FakeUser) {
    let page = user.slash("module", [("module", "basics")]).await;
    let question = user.click(&page, "Start the exercises (2)").await;
    let feedback = user.click(&question, "True").await;
    let question = user.click(&feedback, "Next question (2 of 2)").await;
    let result = user.select(&question, "Choose one", ["Listening"]).await;
    assert!(result.text().contains("100%"), "{}", result.text());
}

async fn attend_a_set(store: &Store, cohort: CohortId, user: UserId, recorder: UserId) {
    let now = chrono::Utc::now().timestamp_millis();
    let session = store
        .create_session(&NewSession {
            cohort_id: cohort,
            kind: SessionKind::Set,
            series_id: Some("sets".into()),
            seq: Some(1),
            group_id: None,
            pair_id: None,
            title: "Set 1".into(),
            starts_at: now,
            ends_at: now + 3_600_000,
            status: SessionStatus::Held,
            proposed_by: None,
            presentations: false,
            created_at: now,
        })
        .await
        .unwrap();
    store
        .record_attendance(session.id, user, true, recorder, now)
        .await
        .unwrap();
}

async fn cohort(world: &World) -> Cohort {
    world
        .bot
        .store
        .list_cohorts(guild(&world.bot), false)
        .await
        .unwrap()
        .remove(0)
}

fn user_id(user: &FakeUser) -> UserId {
    UserId(user.id().get())
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(String::from).collect())
        .collect()
}
