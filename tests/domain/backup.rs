//! `cohortbot backup` and `cohortbot restore`, run as the binary, on SQLite files.

use std::path::Path;
use std::process::Output;

use crate::binary::{cohortbot, text};
use crate::store_backends::two_day_cohort;
use cohortbot::model::*;
use cohortbot::store::Store;
use sqlx::{AnyConnection, Connection};

const GUILD: GuildId = GuildId(111_111_111_111_111_111);
const ALICE: UserId = UserId(222_222_222_222_222_222);
const FACILITATOR: UserId = UserId(444_444_444_444_444_444);
const T0: UnixMillis = 1_790_000_000_000;

fn stderr(out: &Output) -> String {
    text(&out.stderr)
}

fn url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// A database with rows in several tables: a guild, a course version, a cohort with members,
/// and a delivery waiting to be sent.
async fn seed(store: &Store) {
    store.migrate().await.unwrap();
    let cohort = two_day_cohort(store, GUILD, "Spring").await;
    for (user, role) in [
        (ALICE, CohortRole::Trainee),
        (FACILITATOR, CohortRole::Facilitator),
    ] {
        store.enroll(cohort.id, user, role, T0).await.unwrap();
    }
    store
        .enqueue_delivery(&NewDelivery {
            schedule_id: None,
            dedupe_key: "welcome".to_owned(),
            cohort_id: Some(cohort.id),
            target_kind: TargetKind::Channel,
            target_id: 666_666_666_666_666_666,
            fallback_channel_id: None,
            payload: r#"{"text":"hello"}"#.to_owned(),
            due_at: T0,
            expires_at: None,
        })
        .await
        .unwrap();
}

/// Every table of the database at `url` with all its rows, each row as SQLite quotes its
/// values, sorted.
async fn tables(url: &str) -> Vec<(String, Vec<String>)> {
    sqlx::any::install_default_drivers();
    let mut db = AnyConnection::connect(url).await.unwrap();
    let names: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(&mut db)
            .await
            .unwrap();
    let mut tables = Vec::new();
    for name in names {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                .bind(&name)
                .fetch_all(&mut db)
                .await
                .unwrap();
        let row = columns
            .iter()
            .map(|c| format!("quote(\"{c}\")"))
            .collect::<Vec<_>>()
            .join(" || ',' || ");
        let mut rows: Vec<String> = sqlx::query_scalar(&format!("SELECT {row} FROM \"{name}\""))
            .fetch_all(&mut db)
            .await
            .unwrap();
        rows.sort();
        tables.push((name, rows));
    }
    db.close().await.unwrap();
    tables
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restored_onto_a_new_database_holds_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let source = url(&dir.path().join("live.db"));
    let store = Store::connect(&source).await.unwrap();
    seed(&store).await;
    let file = dir.path().join("backup.db");

    // The bot keeps its database open while the backup runs.
    let backed_up = cohortbot(&source, &["backup", file.to_str().unwrap()]);
    assert!(backed_up.status.success(), "{}", stderr(&backed_up));
    let restored = url(&dir.path().join("restored.db"));
    let out = cohortbot(&restored, &["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    store.close().await;

    let before = tables(&source).await;
    let with_rows = before.iter().filter(|(_, rows)| !rows.is_empty()).count();
    assert!(with_rows >= 6, "the seed fills several tables: {before:?}");
    assert_eq!(tables(&restored).await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_refuses_a_database_that_exists_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = url(&dir.path().join("live.db"));
    let store = Store::connect(&source).await.unwrap();
    seed(&store).await;
    store.close().await;
    let file = dir.path().join("backup.db");
    assert!(cohortbot(&source, &["backup", file.to_str().unwrap()])
        .status
        .success());
    let other = dir.path().join("other.db");
    let other_store = Store::connect(&url(&other)).await.unwrap();
    other_store.migrate().await.unwrap();
    other_store.close().await;
    let before = tables(&url(&other)).await;

    let out = cohortbot(&url(&other), &["restore", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already holds a database; restore only onto an empty one"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tables(&url(&other)).await, before);
}

#[test]
fn backup_refuses_to_overwrite_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.db");
    std::fs::write(&file, "yesterday's").unwrap();
    let source = url(&dir.path().join("live.db"));
    assert!(cohortbot(&source, &["migrate"]).status.success());

    let out = cohortbot(&source, &["backup", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "yesterday's");
}

#[test]
fn restore_refuses_a_file_that_is_not_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "not a database").unwrap();
    let target = dir.path().join("restored.db");

    let out = cohortbot(&url(&target), &["restore", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not a cohortbot database"),
        "{}",
        stderr(&out)
    );
    assert!(!target.exists(), "nothing was created");
}

#[test]
fn on_postgresql_both_commands_point_to_pg_dump_and_pg_restore() {
    let postgres = "postgres://bot@127.0.0.1:1/cohortbot";
    let backup = cohortbot(postgres, &["backup", "b.dump"]);
    assert_eq!(backup.status.code(), Some(1));
    assert!(stderr(&backup).contains("pg_dump --format=custom"));
    let restore = cohortbot(postgres, &["restore", "b.dump"]);
    assert_eq!(restore.status.code(), Some(1));
    assert!(stderr(&restore).contains("pg_restore --no-owner"));
}
