//! Campaigns: a theme the cohort chose becomes a campaign with a SMART goal, a power
//! analysis (who can give what the campaign wants, how much they care and how much they
//! can do), and actions, each a cohort event with a turnout target. The checks on what a
//! facilitator types live here, as plain functions.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::{CohortId, Session, UnixMillis, UnknownVariant, UserId};
use crate::i18n::Message;

/// The most a field of the goal's form may hold, as the form allows.
pub const MAX_GOAL_FIELD: usize = 300;
/// The most power holders a campaign lists, so its card fits in one embed.
pub const MAX_POWER_HOLDERS: usize = 12;
/// The most a power holder's name may hold.
pub const MAX_HOLDER_NAME: usize = 80;
/// The most a note on a power holder may hold.
pub const MAX_HOLDER_NOTE: usize = 200;

id_type! {
    CampaignId(i64);
    CampaignActionId(i64);
}

text_enum! {
    /// How much a power holder cares about the issue, or can do about it.
    Level {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
}

/// A goal that is specific, measurable, achievable, relevant and time-bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmartGoal {
    pub specific: String,
    pub measurable: String,
    pub achievable: String,
    pub relevant: String,
    pub deadline: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    pub id: CampaignId,
    pub cohort_id: CohortId,
    pub theme: String,
    /// `None` until a facilitator sets it.
    pub goal: Option<SmartGoal>,
    pub created_by: UserId,
    pub created_at: UnixMillis,
}

/// Someone who holds power over what the campaign wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PowerHolder {
    pub name: String,
    pub interest: Level,
    pub influence: Level,
    pub note: String,
}

/// An action of a campaign: the event it is, the turnout it aims at and, once recorded,
/// the turnout it had.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignAction {
    pub id: CampaignActionId,
    pub campaign_id: CampaignId,
    pub session: Session,
    pub turnout_target: u32,
    pub turnout: Option<Turnout>,
}

/// How many said they were interested in the Discord event, and how many came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turnout {
    pub interested: u32,
    pub attended: u32,
    pub recorded_at: UnixMillis,
}

/// The goal's form as typed, every field still text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedGoal {
    pub specific: String,
    pub measurable: String,
    pub achievable: String,
    pub relevant: String,
    pub deadline: String,
}

impl TypedGoal {
    /// The goal, if every field passes: all filled in, the measure holds a number, the
    /// deadline is a date after `today`. Otherwise what is wrong, in the facilitator's terms.
    pub fn check(&self, today: NaiveDate) -> Result<SmartGoal, Message> {
        let fields = [
            ("specific", &self.specific),
            ("measurable", &self.measurable),
            ("achievable", &self.achievable),
            ("relevant", &self.relevant),
        ];
        for (name, text) in fields {
            let length = text.trim().chars().count();
            if length == 0 {
                return Err(Message::new("campaign-goal-field-empty").arg("field", name));
            }
            if length > MAX_GOAL_FIELD {
                return Err(Message::new("campaign-goal-field-too-long")
                    .arg("field", name)
                    .arg("max", MAX_GOAL_FIELD)
                    .arg("length", length));
            }
        }
        if !self.measurable.chars().any(|c| c.is_ascii_digit()) {
            return Err(Message::new("campaign-goal-no-number"));
        }
        Ok(SmartGoal {
            specific: self.specific.trim().to_owned(),
            measurable: self.measurable.trim().to_owned(),
            achievable: self.achievable.trim().to_owned(),
            relevant: self.relevant.trim().to_owned(),
            deadline: deadline(&self.deadline, today)?,
        })
    }
}

impl From<&SmartGoal> for TypedGoal {
    fn from(goal: &SmartGoal) -> Self {
        TypedGoal {
            specific: goal.specific.clone(),
            measurable: goal.measurable.clone(),
            achievable: goal.achievable.clone(),
            relevant: goal.relevant.clone(),
            deadline: goal.deadline.to_string(),
        }
    }
}

impl PowerHolder {
    /// A holder as typed, if the name and note fit.
    pub fn checked(
        name: &str,
        interest: Level,
        influence: Level,
        note: Option<&str>,
    ) -> Result<PowerHolder, Message> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_HOLDER_NAME {
            return Err(Message::new("campaign-holder-name-length").arg("max", MAX_HOLDER_NAME));
        }
        let note = note.unwrap_or_default().trim();
        if note.chars().count() > MAX_HOLDER_NOTE {
            return Err(Message::new("campaign-holder-note-too-long")
                .arg("max", MAX_HOLDER_NOTE)
                .arg("length", note.chars().count()));
        }
        Ok(PowerHolder {
            name: name.to_owned(),
            interest,
            influence,
            note: note.to_owned(),
        })
    }

    /// The key a name is found by: the same name in any case is the same holder.
    pub fn key_of(name: &str) -> String {
        name.trim().to_lowercase()
    }
}

fn deadline(typed: &str, today: NaiveDate) -> Result<NaiveDate, Message> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(Message::new("campaign-deadline-missing"));
    }
    let Ok(date) = NaiveDate::parse_from_str(typed, "%Y-%m-%d") else {
        return Err(Message::new("campaign-deadline-unreadable").arg("text", typed));
    };
    if date <= today {
        return Err(Message::new("campaign-deadline-passed").arg("date", date.to_string()));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed() -> TypedGoal {
        TypedGoal {
            specific: "The council reopens the Elm Street library on Saturdays".into(),
            measurable: "300 signatures and a meeting with 2 councillors".into(),
            achievable: "Forty parents already asked for it".into(),
            relevant: "Families with no quiet place to study".into(),
            deadline: "2027-03-31".into(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn a_goal_with_a_number_and_a_future_date_passes() {
        let goal = typed().check(today()).unwrap();
        assert_eq!(goal.deadline, NaiveDate::from_ymd_opt(2027, 3, 31).unwrap());
    }

    #[test]
    fn a_goal_without_a_number_date_or_field_is_refused_with_the_reason() {
        let cases = [
            (
                TypedGoal {
                    measurable: "lots".into(),
                    ..typed()
                },
                "measurable with a number",
            ),
            (
                TypedGoal {
                    deadline: " ".into(),
                    ..typed()
                },
                "needs a date",
            ),
            (
                TypedGoal {
                    deadline: "next spring".into(),
                    ..typed()
                },
                "is not a date",
            ),
            (
                TypedGoal {
                    deadline: "2026-12-01".into(),
                    ..typed()
                },
                "has passed",
            ),
            (
                TypedGoal {
                    relevant: String::new(),
                    ..typed()
                },
                "relevant: that field is empty",
            ),
        ];
        for (goal, says) in cases {
            let refusal = goal
                .check(today())
                .unwrap_err()
                .render(crate::i18n::Lang::En);
            assert!(refusal.contains(says), "{refusal}");
        }
    }

    #[test]
    fn holders_are_one_whatever_the_case_and_their_names_fit() {
        assert_eq!(
            PowerHolder::key_of(" The Mayor "),
            PowerHolder::key_of("the mayor")
        );
        assert!(PowerHolder::checked("", Level::Low, Level::High, None).is_err());
        let long = "x".repeat(MAX_HOLDER_NOTE + 1);
        assert!(PowerHolder::checked("Mayor", Level::Low, Level::High, Some(&long)).is_err());
    }
}
