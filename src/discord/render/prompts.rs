//! Scheduled prompts: what `/prompt` answers.

use poise::serenity_prelude::CreateEmbed;

use super::BRAND_COLOUR;
use crate::domain::prompts::{PostedPrompt, ScheduledPrompt, MILESTONE_KIND, NUDGE_KIND};
use crate::i18n::{tr, tr_args, Lang};
use crate::model::UnixMillis;

/// Embed descriptions hold at most 4096 characters; the list stops short of that.
const LIST_BUDGET: usize = 3800;

pub fn prompt_posted(posted: &PostedPrompt, lang: Lang) -> String {
    tr_args(
        lang,
        "prompt-posting",
        &[
            ("title", (&posted.title).into()),
            ("channel", posted.channel.to_string().into()),
        ],
    )
}

/// A prompt scheduled or moved (`id` is "prompt-scheduled" or "prompt-moved").
pub fn prompt_scheduled(id: &str, scheduled: &ScheduledPrompt, lang: Lang) -> String {
    tr_args(lang, id, &[("prompt", prompt_line(scheduled, lang).into())])
}

pub fn prompt_cancelled(cancelled: &ScheduledPrompt, lang: Lang) -> String {
    tr_args(
        lang,
        "prompt-cancelled",
        &[
            ("number", cancelled.id.to_string().into()),
            ("title", (&cancelled.title).into()),
        ],
    )
}

pub fn prompt_list(cohort_name: &str, listed: &[ScheduledPrompt], lang: Lang) -> CreateEmbed {
    let mut description = String::new();
    let mut shown = 0;
    for scheduled in listed {
        let line = format!("{}\n", prompt_line(scheduled, lang));
        if description.len() + line.len() > LIST_BUDGET {
            break;
        }
        description.push_str(&line);
        shown += 1;
    }
    if listed.is_empty() {
        description = tr(lang, "prompt-none-scheduled");
    } else if shown < listed.len() {
        let more = listed.len() - shown;
        description.push_str(&tr_args(lang, "prompt-and-more", &[("count", more.into())]));
    }
    CreateEmbed::new()
        .title(tr_args(
            lang,
            "prompt-list-title",
            &[("cohort", cohort_name.into())],
        ))
        .colour(BRAND_COLOUR)
        .description(description)
}

/// `#12 **E1: …** — <t:…:F> (<t:…:R>), repeats `0 18 * * TUE` until <t:…:F>`
fn prompt_line(scheduled: &ScheduledPrompt, lang: Lang) -> String {
    let label = match scheduled.kind.as_str() {
        MILESTONE_KIND => format!(" {}", tr(lang, "prompt-milestone")),
        NUDGE_KIND => format!(" {}", tr(lang, "prompt-nudge")),
        _ => String::new(),
    };
    let when = scheduled
        .next_at
        .map_or_else(|| tr(lang, "prompt-nothing-more"), timestamps);
    let until = scheduled
        .until
        .map(|at| {
            let at = at.div_euclid(1000).to_string();
            format!(" {}", tr_args(lang, "prompt-until", &[("at", at.into())]))
        })
        .unwrap_or_default();
    let repeats = scheduled
        .repeats
        .as_ref()
        .map(|rule| {
            let repeats = tr_args(lang, "prompt-repeats", &[("rule", rule.into())]);
            format!(", {repeats}{until}")
        })
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
            prompt_line(&scheduled, Lang::En)
                .ends_with(", repeats `0 18 * * TUE` until <t:1791910800:F>"),
            "{}",
            prompt_line(&scheduled, Lang::En)
        );
    }
}
