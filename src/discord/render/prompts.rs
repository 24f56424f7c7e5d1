//! Scheduled prompts: what `/prompt` answers.

use poise::serenity_prelude::CreateEmbed;

use super::BRAND_COLOUR;
use crate::domain::prompts::{PostedPrompt, ScheduledPrompt, MILESTONE_KIND, NUDGE_KIND};
use crate::model::UnixMillis;

/// Embed descriptions hold at most 4096 characters; the list stops short of that.
const LIST_BUDGET: usize = 3800;

pub fn prompt_posted(posted: &PostedPrompt) -> String {
    format!("Posting “{}” in <#{}> now.", posted.title, posted.channel)
}

pub fn prompt_scheduled(verb: &str, scheduled: &ScheduledPrompt) -> String {
    format!(
        "{verb}: {}. Use `/prompt list` to see everything scheduled.",
        prompt_line(scheduled)
    )
}

pub fn prompt_cancelled(cancelled: &ScheduledPrompt) -> String {
    format!(
        "Cancelled #{} “{}”: nothing more of it will be sent.",
        cancelled.id, cancelled.title
    )
}

pub fn prompt_list(cohort_name: &str, listed: &[ScheduledPrompt]) -> CreateEmbed {
    let mut description = String::new();
    let mut shown = 0;
    for scheduled in listed {
        let line = format!("{}\n", prompt_line(scheduled));
        if description.len() + line.len() > LIST_BUDGET {
            break;
        }
        description.push_str(&line);
        shown += 1;
    }
    if listed.is_empty() {
        description = "Nothing is scheduled. Add a prompt with `/prompt schedule`.".into();
    } else if shown < listed.len() {
        description.push_str(&format!("…and {} more.", listed.len() - shown));
    }
    CreateEmbed::new()
        .title(format!("Scheduled for “{cohort_name}”"))
        .colour(BRAND_COLOUR)
        .description(description)
}

/// `#12 **E1: …** — <t:…:F> (<t:…:R>), repeats `0 18 * * TUE` until <t:…:F>`
fn prompt_line(scheduled: &ScheduledPrompt) -> String {
    let label = match scheduled.kind.as_str() {
        MILESTONE_KIND => " (milestone reminder)",
        NUDGE_KIND => " (nudge)",
        _ => "",
    };
    let when = scheduled
        .next_at
        .map_or_else(|| "nothing more to send".to_string(), timestamps);
    let until = scheduled
        .until
        .map(|at| format!(" until <t:{}:F>", at.div_euclid(1000)))
        .unwrap_or_default();
    let repeats = scheduled
        .repeats
        .as_ref()
        .map(|rule| format!(", repeats `{rule}`{until}"))
        .unwrap_or_default();
    format!(
        "`#{}` **{}**{label} — {when}{repeats}",
        scheduled.id, scheduled.title
    )
}

fn timestamps(at: UnixMillis) -> String {
    let seconds = at.div_euclid(1000);
    format!("<t:{seconds}:F> (<t:{seconds}:R>)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ScheduleId;

    #[test]
    fn a_repeating_prompt_that_ends_says_until_when() {
        let scheduled = ScheduledPrompt {
            id: ScheduleId(12),
            kind: "prompt".into(),
            title: "Check-in".into(),
            next_at: Some(1_790_000_000_000),
            repeats: Some("0 18 * * TUE".into()),
            until: Some(1_791_910_800_000),
            active: true,
        };
        assert!(
            prompt_line(&scheduled).ends_with(", repeats `0 18 * * TUE` until <t:1791910800:F>"),
            "{}",
            prompt_line(&scheduled)
        );
    }
}
