//! Taking interactions on: each is handled once. On PostgreSQL the claim is shared by every
//! instance of the database; on SQLite, whose file belongs to one process, it is kept in
//! memory and needs no write.

use crate::store_backends::TestDb;
use sqlx::{Connection, Executor};

store_tests!(an_interaction_is_taken_on_once_until_forgotten);

const AT: i64 = 1_790_000_000_000;

async fn an_interaction_is_taken_on_once_until_forgotten(db: &TestDb) {
    let store = &db.store;
    let taken = |id, at| async move { store.claim_interaction(id, at).await.unwrap() };
    let first = [
        taken(7, AT).await,
        taken(7, AT + 1).await,
        taken(8, AT + 10).await,
    ];
    assert_eq!(first, [true, false, true], "7, 7 again, 8");

    assert_eq!(store.forget_interactions(AT).await.unwrap(), 0);
    assert!(!taken(7, AT + 20).await, "7 is still held");
    assert_eq!(store.forget_interactions(AT + 10).await.unwrap(), 1);
    let after = [taken(8, AT + 30).await, taken(7, AT + 30).await];
    assert_eq!(after, [false, true], "8 is kept, 7 was forgotten");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_an_interaction_is_taken_on_while_another_writer_holds_the_database() {
    let db = TestDb::sqlite().await;
    let mut writer = sqlx::AnyConnection::connect(db.url()).await.unwrap();
    writer.execute("BEGIN IMMEDIATE").await.unwrap();

    let taken = db.store.claim_interaction(7, AT).await;

    writer.execute("COMMIT").await.unwrap();
    assert!(
        taken.expect("no write, so no wait for the writer"),
        "first time"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_an_interaction_one_instance_took_on_is_a_repeat_for_the_others() {
    let Some(db) = TestDb::postgres().await else {
        eprintln!(
            "skipped: {} is not set",
            crate::store_backends::POSTGRES_URL_VAR
        );
        return;
    };
    let other = db.reopen().await;
    assert!(db.store.claim_interaction(7, AT).await.unwrap());
    assert!(!other.claim_interaction(7, AT).await.unwrap());
    assert!(other.claim_interaction(8, AT).await.unwrap());
    assert!(!db.store.claim_interaction(8, AT).await.unwrap());
}
