//! The scheduler's per-step queries, and the read of a member's work that every learning
//! command and button makes, use their indexes, on SQLite and on PostgreSQL (when
//! `COHORTBOT_TEST_POSTGRES_URL` is set, see `tests/common/store_backends.rs`): the query plan
//! names the index, or reads no table through. PostgreSQL is told not to scan sequentially, as it would on a table
//! this small whatever the indexes: the question is whether an index can serve the query.

use crate::store_backends::TestDb;
use cohortbot::store::{
    CLAIM_DUE_POSTGRES_SQL, CLAIM_DUE_SQLITE_SQL, DUE_SCHEDULES_SQL, EXPIRE_DELIVERIES_SQL,
    MEMBER_FACTS_POSTGRES_SQL, MEMBER_FACTS_SQLITE_SQL,
};
use sqlx::{Connection, Executor, PgConnection, Row, SqliteConnection};

store_tests!(
    expiring_deliveries_reads_the_expiry_index,
    claiming_deliveries_reads_the_claim_index,
    due_schedules_are_read_by_their_index,
    a_members_work_is_read_by_index_whatever_the_tables_hold,
);

async fn expiring_deliveries_reads_the_expiry_index(db: &TestDb) {
    let plan = plan_of(db, EXPIRE_DELIVERIES_SQL).await;
    assert!(plan.contains("deliveries_expiry"), "{plan}");
}

async fn claiming_deliveries_reads_the_claim_index(db: &TestDb) {
    let sql = match db.sqlite_path {
        Some(_) => CLAIM_DUE_SQLITE_SQL,
        None => CLAIM_DUE_POSTGRES_SQL,
    };
    let sql = sql.replace("$1", "'worker'").replace("$2", "$1");
    assert_index(db, &sql, "deliveries_claim").await;
}

async fn due_schedules_are_read_by_their_index(db: &TestDb) {
    assert_index(db, DUE_SCHEDULES_SQL, "schedules_due").await;
}

async fn a_members_work_is_read_by_index_whatever_the_tables_hold(db: &TestDb) {
    let sql = match db.sqlite_path {
        Some(_) => MEMBER_FACTS_SQLITE_SQL,
        None => MEMBER_FACTS_POSTGRES_SQL,
    };
    // Every kind of fact and count asked for: `$3` to `$5` are 1.
    let sql = sql.replace("$3", "1").replace("$4", "1").replace("$5", "1");
    let plan = plan_of(db, &sql).await;
    // SQLite also "scans" the one row of a `SELECT` without `FROM`, and its subqueries' results.
    let table_scan = |l: &&str| {
        l.starts_with("SCAN ") && !l.starts_with("SCAN CONSTANT ROW") && !l.starts_with("SCAN (")
    };
    let scans: Vec<&str> = match db.sqlite_path {
        Some(_) => plan.lines().filter(table_scan).collect(),
        None => plan.lines().filter(|l| l.contains("Seq Scan")).collect(),
    };
    assert!(scans.is_empty(), "tables read through: {scans:?}\n{plan}");
}

/// SQLite must search `index`; PostgreSQL, on a table too empty for its costs to tell two
/// indexes on `state` apart, must use an index and not read the table through.
async fn assert_index(db: &TestDb, sql: &str, index: &str) {
    let plan = plan_of(db, sql).await;
    match db.sqlite_path {
        Some(_) => assert!(plan.contains(&format!("USING INDEX {index}")), "{plan}"),
        None => assert!(
            plan.contains("Index") && !plan.contains("Seq Scan"),
            "{plan}"
        ),
    }
}

/// The plan of `sql`, one line a step; `$1` stands for a time, `$2` to `$4` for a lease of a
/// minute and a limit of 100.
async fn plan_of(db: &TestDb, sql: &str) -> String {
    let sql = sql
        .replace("$1", "1790000000000")
        .replace("$3", "60000")
        .replace("$2", "100")
        .replace("$4", "100");
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
