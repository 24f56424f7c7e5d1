//! The `custom_id` of every button, select and modal: versioned, compact, and never
//! trusted. It says what was clicked; the domain layer decides whether that person may do
//! it now.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::model::campaigns::{CampaignActionId, CampaignId};
use crate::model::hub_proposals::ProposalId;
use crate::model::hub_qa::{QuestionId, RatingValue};
use crate::model::listening::ListeningRecordId;
use crate::model::votes::VoteId;
use crate::model::{AttemptId, CohortId, MessageId, Rsvp, SessionId, UserId};

/// Bumped when the format changes, so buttons on old messages fail with a clear message.
const VERSION: &str = "v1";

/// What a component asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Show a screen of a module.
    Page {
        cohort: CohortId,
        module: String,
        screen: u32,
    },
    StartExercises {
        cohort: CohortId,
        module: String,
    },
    /// Show the attempt's current question.
    Question {
        attempt: AttemptId,
    },
    TrueFalse {
        attempt: AttemptId,
        index: u32,
        value: bool,
    },
    /// A single or multiple choice select; the picks come with the interaction.
    Choice {
        attempt: AttemptId,
        index: u32,
    },
    /// One step of an ordering or matching question; `so_far` holds the earlier picks.
    Step {
        attempt: AttemptId,
        index: u32,
        so_far: Vec<usize>,
    },
    WriteReflection {
        attempt: AttemptId,
        index: u32,
    },
    SubmitReflection {
        attempt: AttemptId,
        index: u32,
    },
    /// Answer the invitation to a set session or mentoring meeting.
    Rsvp {
        session: SessionId,
        answer: Rsvp,
    },
    /// The other side of a mentoring pair confirms a proposed meeting.
    ConfirmMeeting {
        session: SessionId,
    },
    /// A true/false answer to question `index` of a live quiz.
    LiveTrueFalse {
        run: i64,
        index: u32,
        value: bool,
    },
    /// A choice answer to a live quiz's question; the picks come with the interaction.
    LiveChoice {
        run: i64,
        index: u32,
    },
    /// A route chosen on a pathway; the option comes with the interaction.
    PathwayPick {
        cohort: CohortId,
        pathway: String,
    },
    /// The form of `/listen log`, with what was chosen first (stage and group as indexes).
    ListenLog {
        cohort: CohortId,
        stage: u32,
        group: u32,
        heard_on: NaiveDate,
        follow_up: Option<NaiveDate>,
    },
    /// Open the form to change one's own conversation record.
    ListenEdit {
        record: ListeningRecordId,
    },
    /// The submitted form of [`Action::ListenEdit`].
    ListenSave {
        record: ListeningRecordId,
    },
    ListenDelete {
        record: ListeningRecordId,
    },
    /// Confirms deleting every conversation the clicker logged.
    ListenErase,
    /// Opens the clicker's ballot in a dot vote.
    VoteOpen {
        vote: VoteId,
    },
    /// One more dot on an option of a dot vote; the option comes with the interaction.
    VoteDot {
        vote: VoteId,
    },
    /// Takes back every dot of the clicker's ballot.
    VoteClear {
        vote: VoteId,
    },
    /// Opens the form of a campaign's SMART goal.
    CampaignGoal {
        campaign: CampaignId,
    },
    /// The submitted form of [`Action::CampaignGoal`].
    CampaignGoalSave {
        campaign: CampaignId,
    },
    /// Opens the evaluation form of a campaign's action.
    Evaluate {
        action: CampaignActionId,
    },
    /// The submitted form of [`Action::Evaluate`].
    EvaluateSave {
        action: CampaignActionId,
    },
    /// The submitted form of `/profile edit`.
    ProfileSave,
    /// Posts the clicker's question after they saw the similar ones.
    AskPost {
        question: QuestionId,
    },
    /// Drops the clicker's question instead.
    AskCancel {
        question: QuestionId,
    },
    /// A rating chosen for a hub answer: opens the form for a comment.
    RateChoose {
        answer: MessageId,
        value: RatingValue,
    },
    /// The submitted form of [`Action::RateChoose`].
    RateSubmit {
        answer: MessageId,
        value: RatingValue,
    },
    /// The submitted form of `/hub propose`.
    ProposeSave,
    /// A facilitator approves a proposed article: it is posted.
    ProposalApprove {
        proposal: ProposalId,
    },
    /// A facilitator returns a proposed article: opens the form for a comment.
    ProposalReturn {
        proposal: ProposalId,
    },
    /// The submitted form of [`Action::ProposalReturn`].
    ProposalReturnSave {
        proposal: ProposalId,
    },
    /// A facilitator confirms erasing a member's data.
    ForgetMember {
        member: UserId,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomIdError {
    /// Made by an earlier version of the bot.
    OldVersion,
    /// Not made by this bot, or tampered with.
    Malformed,
}

impl Action {
    pub fn to_custom_id(&self) -> String {
        let body = match self {
            Action::Page {
                cohort,
                module,
                screen,
            } => format!("pg:{cohort}:{module}:{screen}"),
            Action::StartExercises { cohort, module } => format!("ex:{cohort}:{module}"),
            Action::Question { attempt } => format!("q:{attempt}"),
            Action::TrueFalse {
                attempt,
                index,
                value,
            } => format!("tf:{attempt}:{index}:{}", u8::from(*value)),
            Action::Choice { attempt, index } => format!("ch:{attempt}:{index}"),
            Action::Step {
                attempt,
                index,
                so_far,
            } => format!("st:{attempt}:{index}:{}", encode_picks(so_far)),
            Action::WriteReflection { attempt, index } => format!("rf:{attempt}:{index}"),
            Action::SubmitReflection { attempt, index } => format!("rm:{attempt}:{index}"),
            Action::LiveTrueFalse { run, index, value } => {
                format!("lt:{run}:{index}:{}", u8::from(*value))
            }
            Action::LiveChoice { run, index } => format!("lc:{run}:{index}"),
            Action::PathwayPick { cohort, pathway } => format!("pw:{cohort}:{pathway}"),
            Action::Rsvp { session, answer } => format!("rv:{session}:{}", rsvp_code(*answer)),
            Action::ConfirmMeeting { session } => format!("mc:{session}"),
            Action::ListenLog {
                cohort,
                stage,
                group,
                heard_on,
                follow_up,
            } => format!(
                "ll:{cohort}:{stage}:{group}:{}:{}",
                heard_on.format(DATE),
                follow_up.map_or("-".into(), |d| d.format(DATE).to_string())
            ),
            Action::ListenEdit { record } => format!("le:{record}"),
            Action::ListenSave { record } => format!("ls:{record}"),
            Action::ListenDelete { record } => format!("ld:{record}"),
            Action::ListenErase => "lx".into(),
            Action::VoteOpen { vote } => format!("vo:{vote}"),
            Action::VoteDot { vote } => format!("vd:{vote}"),
            Action::VoteClear { vote } => format!("vc:{vote}"),
            Action::CampaignGoal { campaign } => format!("cg:{campaign}"),
            Action::CampaignGoalSave { campaign } => format!("cs:{campaign}"),
            Action::Evaluate { action } => format!("ev:{action}"),
            Action::EvaluateSave { action } => format!("es:{action}"),
            Action::ProfileSave => "pf".into(),
            Action::AskPost { question } => format!("qp:{question}"),
            Action::AskCancel { question } => format!("qx:{question}"),
            Action::RateChoose { answer, value } => format!("rc:{answer}:{}", rating_code(*value)),
            Action::RateSubmit { answer, value } => format!("rs:{answer}:{}", rating_code(*value)),
            Action::ProposeSave => "hp".into(),
            Action::ProposalApprove { proposal } => format!("pa:{proposal}"),
            Action::ProposalReturn { proposal } => format!("pr:{proposal}"),
            Action::ProposalReturnSave { proposal } => format!("ps:{proposal}"),
            Action::ForgetMember { member } => format!("fg:{member}"),
        };
        format!("{VERSION}:{body}")
    }

    pub fn parse(custom_id: &str) -> Result<Action, CustomIdError> {
        let mut parts = custom_id.split(':');
        match parts.next() {
            Some(VERSION) => {}
            Some(v) if v.starts_with('v') && v[1..].parse::<u32>().is_ok() => {
                return Err(CustomIdError::OldVersion)
            }
            _ => return Err(CustomIdError::Malformed),
        }
        let kind = parts.next().ok_or(CustomIdError::Malformed)?;
        let fields: Vec<&str> = parts.collect();
        let action = match (kind, fields.as_slice()) {
            ("pg", [cohort, module, screen]) => Action::Page {
                cohort: CohortId(number(cohort)?),
                module: module_id(module)?,
                screen: number(screen)?,
            },
            ("ex", [cohort, module]) => Action::StartExercises {
                cohort: CohortId(number(cohort)?),
                module: module_id(module)?,
            },
            ("q", [attempt]) => Action::Question {
                attempt: AttemptId(number(attempt)?),
            },
            ("tf", [attempt, index, value]) => Action::TrueFalse {
                attempt: AttemptId(number(attempt)?),
                index: number(index)?,
                value: flag(value)?,
            },
            ("ch", [attempt, index]) => Action::Choice {
                attempt: AttemptId(number(attempt)?),
                index: number(index)?,
            },
            ("st", [attempt, index, picks]) => Action::Step {
                attempt: AttemptId(number(attempt)?),
                index: number(index)?,
                so_far: decode_picks(picks)?,
            },
            ("rf", [attempt, index]) => Action::WriteReflection {
                attempt: AttemptId(number(attempt)?),
                index: number(index)?,
            },
            ("rm", [attempt, index]) => Action::SubmitReflection {
                attempt: AttemptId(number(attempt)?),
                index: number(index)?,
            },
            ("rv", [session, answer]) => Action::Rsvp {
                session: SessionId(number(session)?),
                answer: rsvp_from_code(answer)?,
            },
            ("mc", [session]) => Action::ConfirmMeeting {
                session: SessionId(number(session)?),
            },
            ("lt", [run, index, value]) => Action::LiveTrueFalse {
                run: number(run)?,
                index: number(index)?,
                value: flag(value)?,
            },
            ("lc", [run, index]) => Action::LiveChoice {
                run: number(run)?,
                index: number(index)?,
            },
            ("pw", [cohort, pathway]) => Action::PathwayPick {
                cohort: CohortId(number(cohort)?),
                pathway: module_id(pathway)?,
            },
            ("ll", [cohort, stage, group, heard_on, follow_up]) => Action::ListenLog {
                cohort: CohortId(number(cohort)?),
                stage: number(stage)?,
                group: number(group)?,
                heard_on: date(heard_on)?,
                follow_up: match *follow_up {
                    "-" => None,
                    day => Some(date(day)?),
                },
            },
            ("le", [record]) => Action::ListenEdit {
                record: ListeningRecordId(number(record)?),
            },
            ("ls", [record]) => Action::ListenSave {
                record: ListeningRecordId(number(record)?),
            },
            ("ld", [record]) => Action::ListenDelete {
                record: ListeningRecordId(number(record)?),
            },
            ("lx", []) => Action::ListenErase,
            ("vo", [vote]) => Action::VoteOpen {
                vote: VoteId(number(vote)?),
            },
            ("vd", [vote]) => Action::VoteDot {
                vote: VoteId(number(vote)?),
            },
            ("vc", [vote]) => Action::VoteClear {
                vote: VoteId(number(vote)?),
            },
            ("cg", [campaign]) => Action::CampaignGoal {
                campaign: CampaignId(number(campaign)?),
            },
            ("cs", [campaign]) => Action::CampaignGoalSave {
                campaign: CampaignId(number(campaign)?),
            },
            ("ev", [action]) => Action::Evaluate {
                action: CampaignActionId(number(action)?),
            },
            ("es", [action]) => Action::EvaluateSave {
                action: CampaignActionId(number(action)?),
            },
            ("pf", []) => Action::ProfileSave,
            ("qp", [question]) => Action::AskPost {
                question: QuestionId(number(question)?),
            },
            ("qx", [question]) => Action::AskCancel {
                question: QuestionId(number(question)?),
            },
            ("rc", [answer, value]) => Action::RateChoose {
                answer: MessageId(number(answer)?),
                value: rating_from_code(value)?,
            },
            ("rs", [answer, value]) => Action::RateSubmit {
                answer: MessageId(number(answer)?),
                value: rating_from_code(value)?,
            },
            ("hp", []) => Action::ProposeSave,
            ("pa", [proposal]) => Action::ProposalApprove {
                proposal: ProposalId(number(proposal)?),
            },
            ("pr", [proposal]) => Action::ProposalReturn {
                proposal: ProposalId(number(proposal)?),
            },
            ("ps", [proposal]) => Action::ProposalReturnSave {
                proposal: ProposalId(number(proposal)?),
            },
            ("fg", [member]) => Action::ForgetMember {
                member: UserId(number(member)?),
            },
            _ => return Err(CustomIdError::Malformed),
        };
        Ok(action)
    }
}

/// Dates as eight digits, `YYYYMMDD`.
const DATE: &str = "%Y%m%d";

fn date(text: &str) -> Result<NaiveDate, CustomIdError> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CustomIdError::Malformed);
    }
    NaiveDate::parse_from_str(text, DATE).map_err(|_| CustomIdError::Malformed)
}

fn flag(text: &str) -> Result<bool, CustomIdError> {
    match text {
        "1" => Ok(true),
        "0" => Ok(false),
        _ => Err(CustomIdError::Malformed),
    }
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T, CustomIdError> {
    text.parse().map_err(|_| CustomIdError::Malformed)
}

fn module_id(text: &str) -> Result<String, CustomIdError> {
    let valid = !text.is_empty()
        && text.len() <= 40
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(text.to_string())
    } else {
        Err(CustomIdError::Malformed)
    }
}

fn rsvp_code(answer: Rsvp) -> char {
    match answer {
        Rsvp::Yes => 'y',
        Rsvp::No => 'n',
        Rsvp::Maybe => 'm',
    }
}

fn rsvp_from_code(code: &str) -> Result<Rsvp, CustomIdError> {
    match code {
        "y" => Ok(Rsvp::Yes),
        "n" => Ok(Rsvp::No),
        "m" => Ok(Rsvp::Maybe),
        _ => Err(CustomIdError::Malformed),
    }
}

fn rating_code(value: RatingValue) -> char {
    match value {
        RatingValue::Positive => 'p',
        RatingValue::Neutral => 'o',
        RatingValue::Negative => 'n',
    }
}

fn rating_from_code(code: &str) -> Result<RatingValue, CustomIdError> {
    match code {
        "p" => Ok(RatingValue::Positive),
        "o" => Ok(RatingValue::Neutral),
        "n" => Ok(RatingValue::Negative),
        _ => Err(CustomIdError::Malformed),
    }
}

/// One base-36 digit per pick: lists hold at most 25 entries.
fn encode_picks(picks: &[usize]) -> String {
    let mut out = String::with_capacity(picks.len() + 1);
    out.push('_');
    for &pick in picks {
        let _ = write!(out, "{}", char::from_digit(pick as u32, 36).unwrap_or('z'));
    }
    out
}

fn decode_picks(text: &str) -> Result<Vec<usize>, CustomIdError> {
    let digits = text.strip_prefix('_').ok_or(CustomIdError::Malformed)?;
    digits
        .chars()
        .map(|c| {
            c.to_digit(36)
                .map(|d| d as usize)
                .ok_or(CustomIdError::Malformed)
        })
        .collect()
}

#[cfg(test)]
mod tests;
