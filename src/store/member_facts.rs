//! What one member has done in a cohort, read in one statement: each kind of row comes back
//! as a JSON array in a column of its own, so the same columns can also ride on another
//! statement (a learning button's cohort, `members.rs`). The learning path and the badge
//! rules read all of it on every command and button, and on SQLite each statement is a round
//! trip to sqlx's worker thread (on PostgreSQL, to the server), which costs more than the
//! rows themselves.

use std::collections::HashMap;

use serde::de::DeserializeOwned;

use super::attempts::AttemptRow;
use super::badges::BadgeAwardRow;
use super::pathways::PathwayChoiceRow;
use super::progress::ProgressRow;
use super::{convert_all, to_db, to_u32, Backend, Store, StoreError};
use crate::model::{BadgeAward, CohortId, MemberFacts, PathwayChoice, UserId};

impl Store {
    /// The member's progress, badge awards, pathway choices and unfinished attempts in the
    /// cohort, and, when asked for, the sessions they attended by series and the
    /// conversations they logged by group.
    pub async fn member_facts(
        &self,
        cohort: CohortId,
        user: UserId,
        wanted: FactsWanted,
    ) -> Result<MemberFacts, StoreError> {
        let sql = match self.backend {
            Backend::Sqlite => MEMBER_FACTS_SQLITE_SQL,
            Backend::Postgres => MEMBER_FACTS_POSTGRES_SQL,
        };
        let row: FactsRow = sqlx::query_as(sql)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(1_i64)
            .bind(i64::from(wanted.sessions))
            .bind(i64::from(wanted.conversations))
            .fetch_one(&self.pool)
            .await?;
        row.try_into()
    }
}

/// Which counts [`Store::member_facts`] reads; left out, they come back empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FactsWanted {
    pub sessions: bool,
    pub conversations: bool,
}

impl FactsWanted {
    /// Every count, for when the course that says which it needs is known only after.
    pub const EVERY: FactsWanted = FactsWanted {
        sessions: true,
        conversations: true,
    };
}

/// A member's facts as columns of a `SELECT` on SQLite, each kind of row a JSON array, in the
/// order the single-kind reads give it (progress as started, awards as given, choices by
/// pathway). `$cohort` is what names the cohort (a parameter, or a column of the enclosing
/// statement), `$2` the member; `$3` is 1 to read them at all (0 gives every array empty),
/// `$4` 1 to count the sessions attended, `$5` the conversations.
macro_rules! member_facts_sqlite {
    ($cohort:literal) => {
        concat!(
            "    (SELECT json_group_array(json_object('cohort_id', cohort_id, 'user_id', user_id,
            'module_id', module_id, 'state', state, 'page_index', page_index,
            'started_at', started_at, 'completed_at', completed_at, 'best_score', best_score,
            'attempts_used', attempts_used) ORDER BY started_at, module_id)
        FROM module_progress WHERE $3 = 1 AND cohort_id = ",
            $cohort,
            " AND user_id = $2) AS progress,
    (SELECT json_group_array(json_object('id', id, 'cohort_id', cohort_id, 'user_id', user_id,
            'badge_id', badge_id, 'awarded_at', awarded_at, 'awarded_by', awarded_by,
            'reason', reason, 'revoked_at', revoked_at, 'revoked_by', revoked_by,
            'revoke_reason', revoke_reason, 'role_synced_at', role_synced_at,
            'role_error', role_error) ORDER BY awarded_at, id)
        FROM badge_awards WHERE $3 = 1 AND cohort_id = ",
            $cohort,
            " AND user_id = $2) AS awards,
    (SELECT json_group_array(json_object('cohort_id', cohort_id, 'user_id', user_id,
            'pathway_id', pathway_id, 'option_id', option_id, 'chosen_at', chosen_at)
            ORDER BY pathway_id)
        FROM pathway_choices WHERE $3 = 1 AND cohort_id = ",
            $cohort,
            " AND user_id = $2) AS choices,
    (SELECT json_group_array(json_object('id', id, 'cohort_id', cohort_id, 'user_id', user_id,
            'module_id', module_id, 'attempt_no', attempt_no, 'current_index', current_index,
            'started_at', started_at, 'finished_at', finished_at, 'score', score,
            'passed', passed) ORDER BY module_id)
        FROM exercise_attempts
        WHERE $3 = 1 AND cohort_id = ",
            $cohort,
            " AND user_id = $2 AND finished_at IS NULL) AS open_attempts,
    (SELECT json_group_array(json_array(series_id, attended)) FROM (
        SELECT s.series_id, COUNT(*) AS attended FROM attendance a
        JOIN sessions s ON s.id = a.session_id
        WHERE $4 = 1 AND s.cohort_id = ",
            $cohort,
            " AND a.user_id = $2 AND a.attended = 1
          AND s.series_id IS NOT NULL
        GROUP BY s.series_id)) AS attended,
    (SELECT json_group_array(json_array(group_id, logged)) FROM (
        SELECT group_id, COUNT(*) AS logged FROM listening_records
        WHERE $5 = 1 AND cohort_id = ",
            $cohort,
            " AND author_id = $2
        GROUP BY group_id)) AS conversations"
        )
    };
}

/// As [`member_facts_sqlite`], on PostgreSQL: `json_agg` names each row's fields after its
/// columns, and gives NULL for no rows.
macro_rules! member_facts_postgres {
    ($cohort:literal) => {
        concat!(
            "    (SELECT COALESCE(json_agg(p ORDER BY p.started_at, p.module_id), '[]')::text
        FROM module_progress p WHERE $3 = 1 AND p.cohort_id = ",
            $cohort,
            " AND p.user_id = $2) AS progress,
    (SELECT COALESCE(json_agg(b ORDER BY b.awarded_at, b.id), '[]')::text
        FROM badge_awards b WHERE $3 = 1 AND b.cohort_id = ",
            $cohort,
            " AND b.user_id = $2) AS awards,
    (SELECT COALESCE(json_agg(pc ORDER BY pc.pathway_id), '[]')::text
        FROM pathway_choices pc WHERE $3 = 1 AND pc.cohort_id = ",
            $cohort,
            " AND pc.user_id = $2) AS choices,
    (SELECT COALESCE(json_agg(e ORDER BY e.module_id), '[]')::text
        FROM exercise_attempts e
        WHERE $3 = 1 AND e.cohort_id = ",
            $cohort,
            " AND e.user_id = $2 AND e.finished_at IS NULL) AS open_attempts,
    (SELECT COALESCE(json_agg(json_build_array(series_id, attended)), '[]')::text FROM (
        SELECT s.series_id, COUNT(*) AS attended FROM attendance a
        JOIN sessions s ON s.id = a.session_id
        WHERE $4 = 1 AND s.cohort_id = ",
            $cohort,
            " AND a.user_id = $2 AND a.attended = 1
          AND s.series_id IS NOT NULL
        GROUP BY s.series_id) counted) AS attended,
    (SELECT COALESCE(json_agg(json_build_array(group_id, logged)), '[]')::text FROM (
        SELECT group_id, COUNT(*) AS logged FROM listening_records
        WHERE $5 = 1 AND cohort_id = ",
            $cohort,
            " AND author_id = $2
        GROUP BY group_id) counted) AS conversations"
        )
    };
}

/// [`Store::member_facts`]'s statement on SQLite; its columns ride on the statements that
/// read a member's cohorts, so every learning command and button runs them.
pub const MEMBER_FACTS_SQLITE_SQL: &str = concat!("SELECT ", member_facts_sqlite!("$1"));
/// As [`MEMBER_FACTS_SQLITE_SQL`], on PostgreSQL.
pub const MEMBER_FACTS_POSTGRES_SQL: &str = concat!("SELECT ", member_facts_postgres!("$1"));

/// A member's facts as [`member_facts_sqlite`] and [`member_facts_postgres`] give them.
#[derive(sqlx::FromRow)]
pub(super) struct FactsRow {
    progress: String,
    awards: String,
    choices: String,
    open_attempts: String,
    attended: String,
    conversations: String,
}

impl TryFrom<FactsRow> for MemberFacts {
    type Error = StoreError;

    fn try_from(row: FactsRow) -> Result<Self, StoreError> {
        let progress: Vec<ProgressRow> = from_json("module_progress", &row.progress)?;
        let awards: Vec<BadgeAwardRow> = from_json("badge_awards", &row.awards)?;
        let choices: Vec<PathwayChoiceRow> = from_json("pathway_choices", &row.choices)?;
        let open_attempts: Vec<AttemptRow> = from_json("exercise_attempts", &row.open_attempts)?;
        Ok(MemberFacts {
            progress: convert_all(progress)?,
            awards: awards.into_iter().map(BadgeAward::from).collect(),
            choices: choices.into_iter().map(PathwayChoice::from).collect(),
            open_attempts: convert_all(open_attempts)?,
            attended_by_series: counts_of("COUNT(attendance)", &row.attended)?,
            conversations_by_group: counts_of("COUNT(listening_records)", &row.conversations)?,
        })
    }
}

/// Decodes one column; what cannot be read is reported with the start of the text only (the
/// error says where it failed), since the whole may be long and hold what members wrote.
fn from_json<T: DeserializeOwned>(column: &'static str, json: &str) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|e| {
        let start: String = json.chars().take(80).collect();
        StoreError::corrupt(column, start, e)
    })
}

fn counts_of(column: &'static str, json: &str) -> Result<HashMap<String, u32>, StoreError> {
    let pairs: Vec<(String, i64)> = from_json(column, json)?;
    pairs
        .into_iter()
        .map(|(key, count)| Ok((key, to_u32(column, count)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_that_is_not_the_json_expected_is_reported_by_its_start() {
        let long = format!("[{{\"module_id\": \"{}", "x".repeat(500));
        let read = from_json::<Vec<ProgressRow>>("module_progress", &long);
        let Err(StoreError::Corrupt { column, value, .. }) = read else {
            panic!("not reported as corrupt");
        };
        assert_eq!(column, "module_progress");
        assert_eq!(value.chars().count(), 80, "{value}");
    }

    #[test]
    fn counts_are_read_by_key_and_a_negative_one_is_refused() {
        let counts = counts_of("COUNT(attendance)", r#"[["sets", 2], ["mentoring", 1]]"#);
        let expected = [("sets".to_owned(), 2), ("mentoring".to_owned(), 1)];
        assert_eq!(counts.unwrap(), expected.into_iter().collect());
        let negative = counts_of("COUNT(attendance)", r#"[["sets", -1]]"#);
        assert!(
            matches!(negative, Err(StoreError::Corrupt { .. })),
            "{negative:?}"
        );
    }
}
