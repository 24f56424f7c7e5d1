//! Turns the domain's views into Discord embeds and components, within Discord's limits.

use poise::serenity_prelude as serenity;

use crate::domain::cohorts::{Access, CohortView};

const BRAND_COLOUR: u32 = 0x2E86AB;

pub fn help(access: Access, commands: &[(String, String)]) -> serenity::CreateEmbed {
    let role = match access {
        Access::Everyone => "You are not in a cohort here yet: ask a facilitator for a join code.",
        Access::Trainee => "You are a trainee here.",
        Access::Mentor => "You are a mentor here.",
        Access::Facilitator => "You facilitate here.",
    };
    let list: Vec<String> = commands
        .iter()
        .map(|(name, description)| format!("**/{name}** — {description}"))
        .collect();
    serenity::CreateEmbed::new()
        .title("cohortbot")
        .colour(BRAND_COLOUR)
        .description(format!(
            "Cohort-based training for community organisers: work through your course's modules \
             in order, answer the exercises, write reflections, meet your mentor and your action \
             learning set, and earn badges along the way.\n\n{role}\n\n{}",
            list.join("\n")
        ))
}

pub fn cohort(view: &CohortView) -> serenity::CreateEmbed {
    let cohort = &view.cohort;
    let start = cohort.starts_on.format("%-d %B %Y");
    let mut embed = serenity::CreateEmbed::new()
        .title(&cohort.name)
        .colour(BRAND_COLOUR)
        .description(format!(
            "{} (version {})",
            view.course_title, view.course_version
        ))
        .field("Starts", start.to_string(), true)
        .field("Time zone", cohort.time_zone.name(), true)
        .field(
            "People",
            format!(
                "{} trainees, {} mentors, {} facilitators",
                view.trainees, view.mentors, view.facilitators
            ),
            false,
        );
    if let Some(channel) = cohort.channel_id {
        embed = embed.field("Channel", format!("<#{channel}>"), true);
    }
    if let Some(role) = view.your_role {
        embed = embed.field("You are", role.as_str(), true);
    }
    if let Some(code) = &view.join_code {
        embed = embed.field(
            "Join code",
            format!("`{code}` — trainees use `/cohort join {code}`"),
            false,
        );
    }
    embed
}
