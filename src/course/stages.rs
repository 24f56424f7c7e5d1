//! When each stage of a listening campaign runs for a cohort: the stages follow one another
//! from the cohort's first day, each until the prompt or milestone it links to. A stage whose
//! link has no fixed time (none, or a repeating prompt) runs on with no end.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::model::{Course, PromptTiming};
use super::time::local_to_utc;

/// The listening stage in progress at a moment, and when it began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageInProgress {
    /// Index into the campaign's stages.
    pub index: usize,
    pub began: DateTime<Utc>,
}

impl Course {
    /// The stage in progress at `at` for a cohort starting on `starts_on` in `tz`; `None`
    /// without a campaign, before the first day or once the last stage has closed.
    pub fn listening_stage_at(
        &self,
        starts_on: NaiveDate,
        tz: Tz,
        at: DateTime<Utc>,
    ) -> Option<StageInProgress> {
        let listening = self.listening.as_ref()?;
        let mut began = local_to_utc(starts_on.and_hms_opt(0, 0, 0)?, tz);
        if at < began {
            return None;
        }
        for (index, stage) in listening.stages.iter().enumerate() {
            let closes = stage
                .link
                .as_deref()
                .and_then(|link| self.link_time(link, starts_on, tz));
            match closes {
                Some(closes) if closes <= at => began = began.max(closes),
                _ => return Some(StageInProgress { index, began }),
            }
        }
        None
    }

    /// When the one-off prompt or milestone `id` comes for the cohort.
    fn link_time(&self, id: &str, starts_on: NaiveDate, tz: Tz) -> Option<DateTime<Utc>> {
        let prompt = self.prompts.iter().find(|p| p.id == id);
        if let Some(PromptTiming::At(at)) = prompt.map(|p| &p.when) {
            return at.resolve(starts_on, tz);
        }
        let milestone = self.milestones.iter().find(|m| m.id == id)?;
        milestone.at.resolve(starts_on, tz)
    }
}
