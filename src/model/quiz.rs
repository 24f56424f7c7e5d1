//! A live quiz as the store keeps it: the run, its state and the answers given.

use std::fmt;
use std::str::FromStr;

use super::{ChannelId, CohortId, MessageId, UnixMillis, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QuizRunId(pub i64);

impl fmt::Display for QuizRunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizState {
    Running,
    Paused,
    Ended,
}

impl FromStr for QuizState {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "running" => Ok(QuizState::Running),
            "paused" => Ok(QuizState::Paused),
            "ended" => Ok(QuizState::Ended),
            other => Err(format!("{other:?} is not a quiz state")),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewQuizRun {
    pub cohort_id: CohortId,
    pub channel_id: ChannelId,
    pub module_id: String,
    pub questions: Vec<String>,
    pub seconds: u32,
    pub started_by: UserId,
    pub started_at: UnixMillis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuizRun {
    pub id: QuizRunId,
    pub cohort_id: CohortId,
    pub channel_id: ChannelId,
    pub module_id: String,
    /// Exercise ids, in the order asked.
    pub questions: Vec<String>,
    pub current_index: u32,
    pub message_id: Option<MessageId>,
    pub state: QuizState,
    pub seconds: u32,
    pub deadline_at: Option<UnixMillis>,
    pub remaining_ms: Option<UnixMillis>,
    pub started_by: UserId,
    pub started_at: UnixMillis,
    pub ended_at: Option<UnixMillis>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuizAnswer {
    pub run: QuizRunId,
    pub index: u32,
    pub user: UserId,
    /// Option indexes picked; for true/false, `[1]` is true.
    pub picks: Vec<usize>,
    pub correct: bool,
    pub answered_at: UnixMillis,
}
