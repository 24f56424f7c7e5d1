//! Statements per command: how many SQL statements each command and button runs, counted from
//! sqlx's own per-statement tracing event, for a trainee of a small course with a short
//! history and of a large one with a long history (the course is generated; see
//! `tests/common/query_counts.rs`). The two columns should be equal: `tests/query_counts.rs`
//! asserts it. On SQLite, and on PostgreSQL too when `COHORTBOT_TEST_POSTGRES_URL` names a
//! server (a database of its own is created for each course).
//!
//! Run: `cargo bench --bench queries --profile dev`

#[path = "../tests/common/bot.rs"]
mod bot;
#[path = "../tests/common/learning.rs"]
mod learning;
#[path = "../tests/common/query_counts.rs"]
mod query_counts;
#[path = "../tests/common/statements.rs"]
mod statements;

use bot::Backend;
use query_counts::{count_statements, describe, table, LARGE, SMALL};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let _alone = statements::alone().await;
    let mut backends = vec![Backend::Sqlite];
    if std::env::var("COHORTBOT_TEST_POSTGRES_URL").is_ok() {
        backends.push(Backend::Postgres);
    }
    println!("small: {}", describe(SMALL));
    println!("large: {}", describe(LARGE));
    for backend in backends {
        let small = count_statements(backend, SMALL).await;
        let large = count_statements(backend, LARGE).await;
        println!(
            "\n{backend:?}: statements per command\n{:<24} {:>6} {:>6}",
            "", "small", "large"
        );
        for line in table(&small, &large) {
            println!("{line}");
        }
    }
}
