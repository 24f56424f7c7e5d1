//! Campaigns: the theme, the SMART goal, the power holders, and the actions with their
//! turnout.

use chrono::NaiveDate;

use super::error::conflict_on_unique;
use super::{convert_all, from_db, parse, to_db, to_u32, Store, StoreError};
use crate::model::campaigns::{
    Campaign, CampaignAction, CampaignActionId, CampaignId, PowerHolder, SmartGoal, Turnout,
};
use crate::model::{CohortId, SessionId, UnixMillis, UserId};

const TAKEN: &str = "there is already a campaign on that theme";

impl Store {
    pub async fn create_campaign(
        &self,
        cohort: CohortId,
        theme: &str,
        by: UserId,
        now: UnixMillis,
    ) -> Result<Campaign, StoreError> {
        const SQL: &str =
            "INSERT INTO campaigns (cohort_id, theme, created_by, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $4)
            RETURNING *";
        let row: CampaignRow = sqlx::query_as(SQL)
            .bind(cohort.0)
            .bind(theme)
            .bind(to_db(by.0))
            .bind(now)
            .fetch_one(&self.pool)
            .await
            .map_err(|e| conflict_on_unique(e, TAKEN))?;
        row.try_into()
    }

    pub async fn campaign(&self, id: CampaignId) -> Result<Option<Campaign>, StoreError> {
        const SQL: &str = "SELECT * FROM campaigns WHERE id = $1";
        let row: Option<CampaignRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(Campaign::try_from).transpose()
    }

    /// A cohort's campaigns, oldest first.
    pub async fn campaigns_of(&self, cohort: CohortId) -> Result<Vec<Campaign>, StoreError> {
        const SQL: &str = "SELECT * FROM campaigns WHERE cohort_id = $1 ORDER BY id";
        let rows: Vec<CampaignRow> = sqlx::query_as(SQL)
            .bind(cohort.0)
            .fetch_all(&self.pool)
            .await?;
        convert_all(rows)
    }

    pub async fn set_campaign_goal(
        &self,
        id: CampaignId,
        goal: &SmartGoal,
        now: UnixMillis,
    ) -> Result<Campaign, StoreError> {
        const SQL: &str = "UPDATE campaigns
            SET specific = $2, measurable = $3, achievable = $4, relevant = $5, deadline = $6,
                updated_at = $7
            WHERE id = $1
            RETURNING *";
        let row: Option<CampaignRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .bind(&goal.specific)
            .bind(&goal.measurable)
            .bind(&goal.achievable)
            .bind(&goal.relevant)
            .bind(goal.deadline.to_string())
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        row.ok_or(StoreError::NotFound("campaign"))?.try_into()
    }

    /// Adds a power holder, or changes the one of the same name (in any case).
    pub async fn save_power_holder(
        &self,
        campaign: CampaignId,
        holder: &PowerHolder,
        now: UnixMillis,
    ) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO campaign_power_holders
                (campaign_id, name_key, name, interest, influence, note, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (campaign_id, name_key) DO UPDATE SET name = excluded.name,
                interest = excluded.interest, influence = excluded.influence,
                note = excluded.note, updated_at = excluded.updated_at";
        sqlx::query(SQL)
            .bind(campaign.0)
            .bind(PowerHolder::key_of(&holder.name))
            .bind(&holder.name)
            .bind(holder.interest.as_str())
            .bind(holder.influence.as_str())
            .bind(&holder.note)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes the power holder of that name (in any case); whether there was one.
    pub async fn remove_power_holder(
        &self,
        campaign: CampaignId,
        name: &str,
    ) -> Result<bool, StoreError> {
        const SQL: &str =
            "DELETE FROM campaign_power_holders WHERE campaign_id = $1 AND name_key = $2";
        let done = sqlx::query(SQL)
            .bind(campaign.0)
            .bind(PowerHolder::key_of(name))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// A campaign's power holders by name.
    pub async fn power_holders(
        &self,
        campaign: CampaignId,
    ) -> Result<Vec<PowerHolder>, StoreError> {
        const SQL: &str = "SELECT name, interest, influence, note FROM campaign_power_holders
            WHERE campaign_id = $1 ORDER BY name_key";
        let rows: Vec<(String, String, String, String)> = sqlx::query_as(SQL)
            .bind(campaign.0)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|(name, interest, influence, note)| {
                Ok(PowerHolder {
                    name,
                    interest: parse("campaign_power_holders.interest", &interest)?,
                    influence: parse("campaign_power_holders.influence", &influence)?,
                    note,
                })
            })
            .collect()
    }

    pub async fn add_campaign_action(
        &self,
        campaign: CampaignId,
        session: SessionId,
        turnout_target: u32,
    ) -> Result<CampaignAction, StoreError> {
        const SQL: &str = "INSERT INTO campaign_actions (campaign_id, session_id, turnout_target)
            VALUES ($1, $2, $3)
            RETURNING *";
        let row: ActionRow = sqlx::query_as(SQL)
            .bind(campaign.0)
            .bind(session.0)
            .bind(i64::from(turnout_target))
            .fetch_one(&self.pool)
            .await?;
        self.action_of(row).await
    }

    pub async fn campaign_action(
        &self,
        id: CampaignActionId,
    ) -> Result<Option<CampaignAction>, StoreError> {
        const SQL: &str = "SELECT * FROM campaign_actions WHERE id = $1";
        let row: Option<ActionRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => Ok(Some(self.action_of(row).await?)),
            None => Ok(None),
        }
    }

    /// A campaign's actions in order of start.
    pub async fn campaign_actions(
        &self,
        campaign: CampaignId,
    ) -> Result<Vec<CampaignAction>, StoreError> {
        const SQL: &str = "SELECT a.* FROM campaign_actions a
            JOIN sessions s ON s.id = a.session_id
            WHERE a.campaign_id = $1 ORDER BY s.starts_at, a.id";
        let rows: Vec<ActionRow> = sqlx::query_as(SQL)
            .bind(campaign.0)
            .fetch_all(&self.pool)
            .await?;
        let mut actions = Vec::with_capacity(rows.len());
        for row in rows {
            actions.push(self.action_of(row).await?);
        }
        Ok(actions)
    }

    /// Records an action's turnout, replacing what was recorded before.
    pub async fn record_turnout(
        &self,
        id: CampaignActionId,
        interested: u32,
        attended: u32,
        now: UnixMillis,
    ) -> Result<CampaignAction, StoreError> {
        const SQL: &str = "UPDATE campaign_actions
            SET interested = $2, attended = $3, turnout_recorded_at = $4
            WHERE id = $1
            RETURNING *";
        let row: Option<ActionRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .bind(i64::from(interested))
            .bind(i64::from(attended))
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        self.action_of(row.ok_or(StoreError::NotFound("campaign action"))?)
            .await
    }

    async fn action_of(&self, row: ActionRow) -> Result<CampaignAction, StoreError> {
        let session = self
            .session(SessionId(row.session_id))
            .await?
            .ok_or(StoreError::NotFound("session"))?;
        let turnout = match (row.interested, row.attended, row.turnout_recorded_at) {
            (Some(interested), Some(attended), Some(recorded_at)) => Some(Turnout {
                interested: to_u32("campaign_actions.interested", interested)?,
                attended: to_u32("campaign_actions.attended", attended)?,
                recorded_at,
            }),
            _ => None,
        };
        Ok(CampaignAction {
            id: CampaignActionId(row.id),
            campaign_id: CampaignId(row.campaign_id),
            session,
            turnout_target: to_u32("campaign_actions.turnout_target", row.turnout_target)?,
            turnout,
        })
    }
}

#[derive(sqlx::FromRow)]
struct CampaignRow {
    id: i64,
    cohort_id: i64,
    theme: String,
    specific: Option<String>,
    measurable: Option<String>,
    achievable: Option<String>,
    relevant: Option<String>,
    deadline: Option<String>,
    created_by: i64,
    created_at: i64,
}

impl TryFrom<CampaignRow> for Campaign {
    type Error = StoreError;

    fn try_from(row: CampaignRow) -> Result<Self, Self::Error> {
        let goal = match (
            row.specific,
            row.measurable,
            row.achievable,
            row.relevant,
            row.deadline,
        ) {
            (Some(specific), Some(measurable), Some(achievable), Some(relevant), Some(date)) => {
                Some(SmartGoal {
                    specific,
                    measurable,
                    achievable,
                    relevant,
                    deadline: parse::<NaiveDate>("campaigns.deadline", &date)?,
                })
            }
            _ => None,
        };
        Ok(Campaign {
            id: CampaignId(row.id),
            cohort_id: CohortId(row.cohort_id),
            theme: row.theme,
            goal,
            created_by: UserId(from_db(row.created_by)),
            created_at: row.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    id: i64,
    campaign_id: i64,
    session_id: i64,
    turnout_target: i64,
    interested: Option<i64>,
    attended: Option<i64>,
    turnout_recorded_at: Option<i64>,
}
