//! The audit log in the store, on SQLite and on PostgreSQL (when `COHORTBOT_TEST_POSTGRES_URL`
//! is set, see `tests/common/store_backends.rs`).

use crate::store_backends::{two_day_cohort, TestDb};
use cohortbot::model::*;

store_tests!(the_latest_entries_come_newest_first_and_per_cohort);

const FRAN: UserId = UserId(9_000_000_000_000_000_001);
const ALICE: UserId = UserId(2);
const T0: UnixMillis = 1_790_000_000_000;

fn entry(cohort: &Cohort, action: AuditAction, detail: &str, at: UnixMillis) -> AuditEntry {
    AuditEntry {
        cohort_id: cohort.id,
        actor: FRAN,
        subject: ALICE,
        action,
        detail: detail.to_owned(),
        at,
    }
}

async fn the_latest_entries_come_newest_first_and_per_cohort(db: &TestDb) {
    let store = &db.store;
    let autumn = two_day_cohort(store, GuildId(100), "Autumn").await;
    let spring = two_day_cohort(store, GuildId(100), "Spring").await;
    let written = [
        entry(&autumn, AuditAction::Enrol, "trainee", T0),
        entry(&autumn, AuditAction::Award, "“Certificate”", T0 + 1),
        entry(
            &autumn,
            AuditAction::Revoke,
            "“Certificate” (error)",
            T0 + 1,
        ),
        entry(&spring, AuditAction::Review, "reflection #1", T0 + 2),
    ];
    for e in &written {
        store.record_audit(e).await.unwrap();
    }

    let latest = store.latest_audit_entries(autumn.id, 2).await.unwrap();
    assert_eq!(latest, [written[2].clone(), written[1].clone()]);
    assert_eq!(store.count_audit_entries(autumn.id).await.unwrap(), 3);
    let all = store.latest_audit_entries(spring.id, 15).await.unwrap();
    assert_eq!(all, [written[3].clone()]);
}
