//! Scheduled prompts, milestone reminders and nudges, and muting them.
//!
//! When a cohort is created, its pack's prompts and milestones, and a weekly nudge, become
//! schedules. Who receives a message is often known only when it is sent (the cohort's
//! facilitators then, the trainees whose work has stalled then), so such schedules carry a
//! `condition` that [`ProgressGate`] reads at send time: it addresses the message to the
//! people it concerns, or skips it (the reason recorded) when the work is done or the member
//! muted reminders.
//!
//! - A cohort prompt posts in the channel the cohort has when it is due (so `/cohort
//!   channel` moves prompts already queued) as an embed (title and body) and, when the
//!   pack says `thread = true`, opens a thread for replies named after it and the day it
//!   was due ("Weekly check-in — 12 March", in the language of the post).
//! - A cohort without a channel: its cohort prompts go to its facilitators by direct
//!   message, saying so, and are posted in the cohort channel instead if one is set by
//!   the time they are due. The creator is told at creation.
//! - A one-off pack prompt whose time passed before the cohort was created: the latest
//!   such is posted at once, marked late (one only, as after downtime); the others are
//!   skipped, and [`missed_prompts`] names them for the creator.
//! - A facilitator prompt goes to each current facilitator by direct message, falling back
//!   to the cohort channel when a DM is refused.
//! - A milestone reminds the facilitators, at its time, to award its badge, listing who
//!   meets the badge's requirements and what the others still lack.
//! - The weekly nudge ([`NUDGE_RULE`], Mondays 10:00 in the cohort's time zone) reaches each
//!   trainee whose learning has not moved (no module started or completed) for
//!   [`NUDGE_AFTER_DAYS`] days, naming the module to pick up; never one who has finished
//!   every open module or muted reminders (`/reminders`).
//! - With a listening campaign, a daily check at 10:00 nudges each trainee who has logged no
//!   conversation for 14 days of the stage in progress (again after each further 14 days),
//!   unless they met the stage's target or muted reminders; and each Monday at 09:00 of a
//!   stage the facilitators get a digest: conversations of the week, new themes, groups not
//!   yet reached. A stage runs until the prompt or milestone it links to.

mod calendar;
mod commands;
mod gate;
mod listening;
mod missed;
mod nudges;
mod payloads;
mod planning;
#[cfg(test)]
mod tests;
mod vote_results;

pub use calendar::{calendar, Occurrence};
pub use commands::{
    cancel_prompt, list_prompts, move_prompt, pack_prompts, post_now, schedule_prompt,
    PostedPrompt, PromptRequest, ScheduledPrompt,
};
pub use gate::ProgressGate;
pub use missed::{missed_prompts, MissedPrompts};
pub use nudges::{set_reminders_muted, NUDGE_AFTER_DAYS};
pub use payloads::PROMPT_COLOUR;
pub(super) use payloads::{follow_up_condition, vote_close_condition};
pub use planning::{schedule_course, MILESTONE_KIND, NUDGE_KIND, NUDGE_RULE, PROMPT_KIND};
