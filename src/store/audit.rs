use super::{convert_all, from_db, parse, to_db, to_u64, Store, StoreError};
use crate::model::{AuditEntry, CohortId, UserId};

impl Store {
    /// Adds one entry to a cohort's audit log.
    pub async fn record_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        const SQL: &str =
            "INSERT INTO audit_log (cohort_id, actor_id, subject_id, action, detail, at)
            VALUES ($1, $2, $3, $4, $5, $6)";
        sqlx::query(SQL)
            .bind(entry.cohort_id.0)
            .bind(to_db(entry.actor.0))
            .bind(to_db(entry.subject.0))
            .bind(entry.action.as_str())
            .bind(&entry.detail)
            .bind(entry.at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The cohort's latest `limit` audit entries, newest first.
    pub async fn latest_audit_entries(
        &self,
        cohort: CohortId,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        const SQL: &str = "SELECT cohort_id, actor_id, subject_id, action, detail, at
            FROM audit_log WHERE cohort_id = $1 ORDER BY id DESC LIMIT $2";
        let rows: Vec<AuditRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    /// How many entries the cohort's audit log holds.
    pub async fn count_audit_entries(&self, cohort: CohortId) -> Result<u64, StoreError> {
        const SQL: &str = "SELECT COUNT(*) FROM audit_log WHERE cohort_id = $1";
        let count: i64 = sqlx::query_scalar(SQL)
            .bind(cohort.0)
            .fetch_one(&self.pool)
            .await?;
        to_u64("COUNT(audit_log)", count)
    }
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    cohort_id: i64,
    actor_id: i64,
    subject_id: i64,
    action: String,
    detail: String,
    at: i64,
}

impl TryFrom<AuditRow> for AuditEntry {
    type Error = StoreError;

    fn try_from(row: AuditRow) -> Result<Self, StoreError> {
        Ok(AuditEntry {
            cohort_id: CohortId(row.cohort_id),
            actor: UserId(from_db(row.actor_id)),
            subject: UserId(from_db(row.subject_id)),
            action: parse("audit_log.action", &row.action)?,
            detail: row.detail,
            at: row.at,
        })
    }
}
