//! `cohortbot export COHORT --listening`: the listening campaign's themes as CSV, counted by
//! stage, group and week, the same as the `listening.csv` of `/cohort report`, and never the
//! label of anyone listened to.

// Only SQLite here, as the command line is run against a file: no `store_tests!`.
#[allow(unused_macros)]
#[path = "common/store_backends.rs"]
mod store_backends;

use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use cohortbot::course::load_library;
use cohortbot::domain::access::Caller;
use cohortbot::domain::cohorts::{self, CohortRequest};
use cohortbot::domain::listening;
use cohortbot::model::listening::Conversation;
use cohortbot::model::*;
use store_backends::TestDb;

const NOW: UnixMillis = 1_790_000_000_000;
const ALICE: UserId = UserId(10);

fn talk(day: u32, label: &str, issues: &[&str]) -> Conversation {
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

fn cohortbot(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cohortbot"))
        .args(args)
        .env_remove("DISCORD_TOKEN")
        .env("DATABASE_URL", database_url)
        .env(
            "COHORTBOT_PROMPTS_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/prompts"),
        )
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_prints_the_themes_by_stage_group_and_week_without_labels() {
    let db = TestDb::sqlite().await;
    let store = &db.store;
    let (library, problems) = load_library(Path::new("prompts"));
    assert!(problems.is_empty(), "{problems:?}");
    let manager = Caller {
        guild: GuildId(1000),
        user: UserId(1),
        manages_server: true,
    };
    let request = CohortRequest {
        course_id: "two-day-training".into(),
        name: "Autumn".into(),
        starts_on: NaiveDate::from_ymd_opt(2026, 9, 7).unwrap(),
        time_zone: chrono_tz::Europe::London,
        channel: None,
    };
    let cohort = cohorts::create_cohort(store, &library, NOW, manager, "Server", request)
        .await
        .unwrap();
    for conversation in [
        talk(8, "JB", &["Housing", "Transport"]),
        talk(16, "MK", &["Housing"]),
        talk(17, "RT", &["Housing"]),
    ] {
        store
            .add_listening_record(cohort.id, ALICE, &conversation, NOW)
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
