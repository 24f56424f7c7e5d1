//! A claim of due deliveries reads about as many rows as it claims, however many are due,
//! checked on PostgreSQL, whose `EXPLAIN ANALYZE` counts the rows each step of a plan reads
//! (SQLite's plans give no counts; it runs the same statement shape, `benches/expiry.rs`
//! times both). A claim that read every due row took 0.4-0.5 s for 100 of a million.

use crate::store_backends::TestDb;
use cohortbot::store::CLAIM_DUE_POSTGRES_SQL;
use sqlx::{Connection, Executor, PgConnection, Row};

postgres_tests!(a_claim_reads_about_its_limit_however_many_are_due);

const DUE: u32 = 1_000;
const LIMIT: u32 = 10;

async fn a_claim_reads_about_its_limit_however_many_are_due(db: &TestDb) {
    db.execute_outside(&format!(
        "INSERT INTO deliveries (dedupe_key, target_kind, target_id, payload, due_at, expires_at)
         SELECT 'due:' || i, 'channel', 1, '{{}}', i, NULL FROM generate_series(1, {DUE}) AS i"
    ))
    .await;
    db.execute_outside("ANALYZE deliveries").await;
    let claim = CLAIM_DUE_POSTGRES_SQL
        .replace("$1", "'worker'")
        .replace("$2", "1790000000000")
        .replace("$3", "60000")
        .replace("$4", &LIMIT.to_string());
    let mut connection = PgConnection::connect(db.url()).await.unwrap();
    let plan: Vec<String> = connection
        .fetch_all(format!("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {claim}").as_str())
        .await
        .unwrap()
        .iter()
        .map(|row| row.get::<String, _>(0))
        .collect();
    let plan = plan.join("\n");
    let read: Vec<u64> = plan
        .lines()
        .filter(|line| line.contains(" on deliveries"))
        .map(rows_read)
        .collect();
    assert!(!read.is_empty(), "no step reads deliveries:\n{plan}");
    assert!(
        read.iter().all(|&rows| rows <= u64::from(2 * LIMIT)),
        "a step read more than twice the limit of {LIMIT} with {DUE} due:\n{plan}"
    );
    let claimed = db
        .store
        .claim_due_deliveries("worker", 1_790_000_000_000, 60_000, LIMIT)
        .await
        .unwrap();
    let due: Vec<i64> = claimed.iter().map(|d| d.due_at).collect();
    let earliest: Vec<i64> = (i64::from(LIMIT) + 1..=i64::from(2 * LIMIT)).collect();
    assert_eq!(due, earliest, "the next claim takes the next earliest");
}

/// The rows a plan step read in all: `rows=N loops=M` gives N × M.
fn rows_read(line: &str) -> u64 {
    let number_after = |key: &str| -> u64 {
        let start = line
            .find(key)
            .unwrap_or_else(|| panic!("no {key} in {line}"))
            + key.len();
        let digits: String = line[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().unwrap()
    };
    number_after("rows=") * number_after("loops=")
}
