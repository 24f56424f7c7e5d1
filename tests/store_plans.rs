//! The scheduler's per-step queries use their indexes, on SQLite and on PostgreSQL (when
//! `COHORTBOT_TEST_POSTGRES_URL` is set, see `common/store_backends.rs`): the query plan
//! names the index. PostgreSQL is told not to scan sequentially, as it would on a table
//! this small whatever the indexes: the question is whether the index can serve the query.

#[macro_use]
#[path = "common/store_backends.rs"]
mod store_backends;

use cohortbot::store::EXPIRE_DELIVERIES_SQL;
use sqlx::{Connection, Executor, PgConnection, Row, SqliteConnection};
use store_backends::TestDb;

store_tests!(expiring_deliveries_reads_the_expiry_index);

async fn expiring_deliveries_reads_the_expiry_index(db: &TestDb) {
    let plan = plan_of(db, EXPIRE_DELIVERIES_SQL).await;
    assert!(plan.contains("deliveries_expiry"), "{plan}");
}

/// The plan of `sql`, one line a step; `$1` stands for a time.
async fn plan_of(db: &TestDb, sql: &str) -> String {
    let sql = sql.replace("$1", "1790000000000");
    if db.sqlite_path.is_some() {
        let mut connection = SqliteConnection::connect(db.url()).await.unwrap();
        let rows = connection
            .fetch_all(format!("EXPLAIN QUERY PLAN {sql}").as_str())
            .await
            .unwrap();
        rows.iter()
            .map(|row| row.get::<String, _>("detail"))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        let mut connection = PgConnection::connect(db.url()).await.unwrap();
        connection
            .execute("SET enable_seqscan = off")
            .await
            .unwrap();
        let rows = connection
            .fetch_all(format!("EXPLAIN {sql}").as_str())
            .await
            .unwrap();
        rows.iter()
            .map(|row| row.get::<String, _>(0))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
