//! What prompt schedules carry: the message, where it would go, and the condition the
//! gate reads at send time to address it.

use serde::{Deserialize, Serialize};

use crate::course::{Audience, Milestone, Prompt};
use crate::domain::outbox::{Addressed, DeliveryPayload, Embed, SchedulePayload, Target};
use crate::i18n::{tr, tr_args, Lang};
use crate::model::listening::ListeningRecordId;
use crate::model::votes::VoteId;
use crate::model::*;

/// The colour of prompt embeds.
pub const PROMPT_COLOUR: u32 = 0x2E86AB;

/// What a conditional delivery asks of [`ProgressGate`]: the JSON in its `condition`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "check", rename_all = "snake_case")]
pub(super) enum Condition {
    /// Post in the cohort channel as it is at send time; without one, to the facilitators.
    CohortChannel { cohort: i64 },
    /// To each current facilitator, by DM, falling back to the cohort channel.
    Facilitators { cohort: i64 },
    /// To the facilitators, with who is ready for the milestone's badge.
    Milestone { cohort: i64, milestone: String },
    /// One nudge per trainee whose learning has stalled.
    Nudges { cohort: i64 },
    /// A nudge to one trainee about one module: sent only if it is still stalled there.
    Nudge {
        cohort: i64,
        user: u64,
        module: String,
    },
    /// A listening follow-up: sent only if the conversation still asks for it that day.
    FollowUp {
        cohort: i64,
        record: i64,
        on: chrono::NaiveDate,
    },
    /// The close of a dot vote: its results, posted in the cohort channel.
    VoteClose { cohort: i64, vote: i64 },
    /// The daily check for trainees silent for too long in a listening stage.
    ListeningNudges { cohort: i64 },
    /// The weekly digest of a listening stage, to the facilitators.
    ListeningDigest { cohort: i64 },
}

impl Condition {
    pub(super) fn cohort(&self) -> CohortId {
        match self {
            Condition::CohortChannel { cohort }
            | Condition::Facilitators { cohort }
            | Condition::Milestone { cohort, .. }
            | Condition::Nudges { cohort }
            | Condition::Nudge { cohort, .. }
            | Condition::FollowUp { cohort, .. }
            | Condition::VoteClose { cohort, .. }
            | Condition::ListeningNudges { cohort }
            | Condition::ListeningDigest { cohort } => CohortId(*cohort),
        }
    }

    pub(super) fn to_json(&self) -> Option<serde_json::Value> {
        serde_json::to_value(self).ok()
    }
}

/// The condition of a listening follow-up reminder, checked when it is due.
pub(in crate::domain) fn follow_up_condition(
    cohort: CohortId,
    record: ListeningRecordId,
    on: chrono::NaiveDate,
) -> Option<serde_json::Value> {
    Condition::FollowUp {
        cohort: cohort.0,
        record: record.0,
        on,
    }
    .to_json()
}

/// The condition of a dot vote's closing, which posts its results when it is due.
pub(in crate::domain) fn vote_close_condition(
    cohort: CohortId,
    vote: VoteId,
) -> Option<serde_json::Value> {
    Condition::VoteClose {
        cohort: cohort.0,
        vote: vote.0,
    }
    .to_json()
}

/// A prompt's title, body, thread setting and audience.
pub(super) struct PromptContent {
    pub(super) title: String,
    pub(super) body: String,
    pub(super) thread: bool,
    pub(super) audience: Audience,
}

impl PromptContent {
    pub(super) fn from_pack(prompt: &Prompt) -> PromptContent {
        PromptContent {
            title: prompt.title.clone(),
            body: prompt.body.clone(),
            thread: prompt.thread,
            audience: prompt.audience,
        }
    }

    /// What each occurrence posts: an embed, and a thread named after the title (and dated
    /// at send time). Cohort prompts find the cohort channel at send time.
    pub(super) fn payload(&self, cohort: &Cohort) -> SchedulePayload {
        let message = DeliveryPayload {
            embed: Some(Embed {
                title: Some(self.title.clone()),
                description: Some(self.body.clone()),
                colour: Some(PROMPT_COLOUR),
            }),
            thread_name: self.thread.then(|| self.title.clone()),
            ..DeliveryPayload::default()
        };
        let id = cohort.id.0;
        let condition = match self.audience {
            Audience::Cohort => Condition::CohortChannel { cohort: id },
            Audience::Facilitators => Condition::Facilitators { cohort: id },
        };
        conditional(cohort, message, condition)
    }
}

/// A schedule whose recipients the gate works out at send time; its own target (the
/// cohort channel, or the creator) is where it would go without a gate.
fn conditional(cohort: &Cohort, message: DeliveryPayload, condition: Condition) -> SchedulePayload {
    let target = cohort.channel_id.map_or(
        Target {
            kind: TargetKind::Dm,
            id: cohort.created_by.0,
        },
        channel_target,
    );
    SchedulePayload {
        target,
        fallback_channel_id: None,
        expires_after_ms: None,
        message: DeliveryPayload {
            condition: condition.to_json(),
            ..message
        },
    }
}

/// `message` to `user` by direct message, posted in the cohort channel if that is refused.
pub(super) fn dm_with_fallback(
    cohort: &Cohort,
    user: UserId,
    message: DeliveryPayload,
) -> Addressed {
    Addressed {
        target: Target {
            kind: TargetKind::Dm,
            id: user.0,
        },
        fallback_channel_id: cohort.channel_id,
        message,
    }
}

pub(super) fn channel_target(channel: ChannelId) -> Target {
    Target {
        kind: TargetKind::Channel,
        id: channel.0,
    }
}

/// A milestone's reminder, titled in `lang` (the server's, for `/prompt list`); the gate
/// titles it again in each facilitator's language when it is sent.
pub(super) fn milestone_payload(
    cohort: &Cohort,
    milestone: &Milestone,
    lang: Lang,
) -> SchedulePayload {
    let title = tr_args(
        lang,
        "milestone-title",
        &[("title", (&milestone.title).into())],
    );
    let message = DeliveryPayload {
        embed: Some(Embed {
            title: Some(title),
            description: Some(milestone.description.clone()),
            colour: Some(PROMPT_COLOUR),
        }),
        ..DeliveryPayload::default()
    };
    let condition = Condition::Milestone {
        cohort: cohort.id.0,
        milestone: milestone.id.clone(),
    };
    conditional(cohort, message, condition)
}

/// The weekly nudge, titled in `lang` for `/prompt list`: what is sent is written for each
/// trainee when it is due.
pub(super) fn nudge_payload(cohort: &Cohort, lang: Lang) -> SchedulePayload {
    let message = DeliveryPayload {
        embed: Some(Embed {
            title: Some(tr(lang, "prompt-title-nudge")),
            description: None,
            colour: Some(PROMPT_COLOUR),
        }),
        ..DeliveryPayload::default()
    };
    conditional(
        cohort,
        message,
        Condition::Nudges {
            cohort: cohort.id.0,
        },
    )
}

/// The daily listening check or the weekly digest: what it is about (in `lang`, for
/// `/prompt list`), and its condition.
pub(super) fn listening_payload(cohort: &Cohort, digest: bool, lang: Lang) -> SchedulePayload {
    let id = cohort.id.0;
    let (title, condition) = match digest {
        true => (
            "prompt-title-listening-digest",
            Condition::ListeningDigest { cohort: id },
        ),
        false => (
            "prompt-title-listening-nudge",
            Condition::ListeningNudges { cohort: id },
        ),
    };
    let message = DeliveryPayload {
        embed: Some(Embed {
            title: Some(tr(lang, title)),
            description: None,
            colour: Some(PROMPT_COLOUR),
        }),
        ..DeliveryPayload::default()
    };
    conditional(cohort, message, condition)
}
