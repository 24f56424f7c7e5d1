//! The store's pooled connections to PostgreSQL. A connection is not checked with a round
//! trip before each statement (sqlx checks it as it comes back to the pool), only after it
//! has sat idle: one whose session ended meanwhile (a server restart, a network cut) is
//! replaced before a statement uses it.

use std::time::Duration;

use crate::store_backends::TestDb;
use cohortbot::store::Store;

postgres_tests!(a_connection_whose_session_ended_while_idle_is_replaced_before_use);

const AT: i64 = 1_790_000_000_000;

async fn a_connection_whose_session_ended_while_idle_is_replaced_before_use(db: &TestDb) {
    // Every connection counts as idle long enough to be checked, so no time need pass.
    let store = Store::connect_checking_idle_after(db.url(), Duration::ZERO)
        .await
        .expect("connect");
    assert!(store.claim_interaction(7, AT).await.unwrap());

    // As a restart of the server would: every session of the database ends, and the server
    // has ended them when this returns.
    db.execute_outside(
        "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .await;

    let taken = store.claim_interaction(8, AT).await;
    assert!(
        taken.expect("answered on a new connection, not the ended one"),
        "8 is new"
    );
}
