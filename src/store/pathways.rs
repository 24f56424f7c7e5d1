use super::{from_db, to_db, Store, StoreError};
use crate::model::{CohortId, PathwayChoice, UnixMillis, UserId};

impl Store {
    /// Records which option of a pathway a member chose; choosing again replaces it.
    pub async fn set_pathway_choice(
        &self,
        cohort: CohortId,
        user: UserId,
        pathway_id: &str,
        option_id: &str,
        now: UnixMillis,
    ) -> Result<PathwayChoice, StoreError> {
        const SQL: &str = "INSERT INTO pathway_choices
                (cohort_id, user_id, pathway_id, option_id, chosen_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (cohort_id, user_id, pathway_id) DO UPDATE SET
                option_id = excluded.option_id, chosen_at = excluded.chosen_at
            RETURNING *";
        let row: PathwayChoiceRow = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(pathway_id)
            .bind(option_id)
            .bind(now)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.into())
    }

    pub async fn pathway_choice(
        &self,
        cohort: CohortId,
        user: UserId,
        pathway_id: &str,
    ) -> Result<Option<PathwayChoice>, StoreError> {
        const SQL: &str = "SELECT * FROM pathway_choices
            WHERE cohort_id = $1 AND user_id = $2 AND pathway_id = $3";
        let row: Option<PathwayChoiceRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(to_db(user.0))
            .bind(pathway_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(PathwayChoice::from))
    }

    /// Every choice made in a cohort, by pathway then member.
    pub async fn pathway_choices(
        &self,
        cohort: CohortId,
    ) -> Result<Vec<PathwayChoice>, StoreError> {
        const SQL: &str = "SELECT * FROM pathway_choices WHERE cohort_id = $1
            ORDER BY pathway_id, user_id";
        let rows: Vec<PathwayChoiceRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(PathwayChoice::from).collect())
    }
}

/// Also read from JSON (see `member_facts.rs`), with the same names.
#[derive(sqlx::FromRow, serde::Deserialize)]
pub(super) struct PathwayChoiceRow {
    cohort_id: i64,
    user_id: i64,
    pathway_id: String,
    option_id: String,
    chosen_at: i64,
}

impl From<PathwayChoiceRow> for PathwayChoice {
    fn from(row: PathwayChoiceRow) -> Self {
        PathwayChoice {
            cohort_id: CohortId(row.cohort_id),
            user_id: UserId(from_db(row.user_id)),
            pathway_id: row.pathway_id,
            option_id: row.option_id,
            chosen_at: row.chosen_at,
        }
    }
}
