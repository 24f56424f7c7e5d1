//! Turns the domain's views into Discord embeds and components, within Discord's limits.
//! One file per area; what they share is here.

pub mod campaigns;
pub mod credentials;
mod facilitation;
mod hub;
pub mod hub_proposals;
pub mod hub_qa;
mod learning;
pub mod listening;
pub mod member_data;
pub mod profiles;
mod prompts;
mod questions;
mod quiz;
mod reports;
mod sessions;
pub mod votes;

pub use facilitation::*;
pub use hub::*;
pub use learning::*;
pub use prompts::*;
pub use questions::*;
pub use quiz::*;

pub use reports::*;
pub use sessions::*;

use poise::serenity_prelude as serenity;
use serenity::{CreateActionRow, CreateEmbed};

use crate::course::text::{split_for_embeds, EMBED_DESCRIPTION_LIMIT};
use crate::course::Badge;
use crate::domain::access::Access;
use crate::domain::cohorts::CohortView;
use crate::i18n::{tr, tr_args, Lang};

pub const BRAND_COLOUR: u32 = 0x2E86AB;
pub const RIGHT_COLOUR: u32 = 0x2E7D32;
pub const PARTLY_COLOUR: u32 = 0xF9A825;
pub const WRONG_COLOUR: u32 = 0xC62828;
/// Discord's limit on an embed field's value.
pub const FIELD_LIMIT: usize = 1024;

/// A message's embeds and components, sent as a new reply or as an update in place.
#[derive(Default)]
pub struct View {
    pub content: Option<String>,
    pub embeds: Vec<CreateEmbed>,
    pub components: Vec<CreateActionRow>,
}

impl View {
    /// A view of text alone.
    pub fn text(content: impl Into<String>) -> View {
        View {
            content: Some(content.into()),
            ..View::default()
        }
    }

    pub fn reply(self) -> poise::CreateReply {
        let mut reply = poise::CreateReply::default()
            .ephemeral(true)
            .components(self.components);
        for embed in self.embeds {
            reply = reply.embed(embed);
        }
        match self.content {
            Some(content) => reply.content(content),
            None => reply,
        }
    }

    /// The view as an edit of a deferred answer's message.
    pub fn edit(self) -> serenity::EditInteractionResponse {
        serenity::EditInteractionResponse::new()
            .content(self.content.unwrap_or_default())
            .embeds(self.embeds)
            .components(self.components)
    }

    /// The view as an ephemeral follow-up to an acknowledged interaction.
    pub fn followup(self) -> serenity::CreateInteractionResponseFollowup {
        let followup = serenity::CreateInteractionResponseFollowup::new()
            .embeds(self.embeds)
            .components(self.components)
            .ephemeral(true);
        match self.content {
            Some(content) => followup.content(content),
            None => followup,
        }
    }

    pub fn message(self) -> serenity::CreateInteractionResponseMessage {
        let message = serenity::CreateInteractionResponseMessage::new()
            .embeds(self.embeds)
            .components(self.components)
            .ephemeral(true);
        match self.content {
            Some(content) => message.content(content),
            None => message.content(""),
        }
    }
}

/// The help text; split over several embeds rather than cut if it outgrows one.
pub fn help(access: Access, commands: &[(String, String)], lang: Lang) -> Vec<CreateEmbed> {
    let role = tr(
        lang,
        match access {
            Access::Everyone => "help-role-everyone",
            Access::Trainee => "help-role-trainee",
            Access::Mentor => "help-role-mentor",
            Access::Facilitator => "help-role-facilitator",
        },
    );
    let list: Vec<String> = commands
        .iter()
        .map(|(name, description)| format!("**{name}** — {description}"))
        .collect();
    let text = format!(
        "{}\n\n{role}\n\n{}",
        tr(lang, "help-about"),
        list.join("\n\n")
    );
    split_for_embeds(&text, EMBED_DESCRIPTION_LIMIT)
        .into_iter()
        .enumerate()
        .map(|(n, part)| {
            let embed = CreateEmbed::new().colour(BRAND_COLOUR).description(part);
            if n == 0 {
                embed.title("cohortbot")
            } else {
                embed
            }
        })
        .collect()
}

pub fn cohort(view: &CohortView, lang: Lang) -> CreateEmbed {
    let cohort = &view.cohort;
    let t = |id| tr(lang, id);
    // chrono names months in English only: French reads the date in figures.
    let starts = match lang {
        Lang::En => cohort.starts_on.format("%-d %B %Y"),
        Lang::Fr => cohort.starts_on.format("%d/%m/%Y"),
    };
    let people = tr_args(
        lang,
        "cohort-people-count",
        &[
            ("trainees", view.trainees.into()),
            ("mentors", view.mentors.into()),
            ("facilitators", view.facilitators.into()),
        ],
    );
    let version = tr_args(
        lang,
        "cohort-course-version",
        &[
            ("course", (&view.course_title).into()),
            ("version", (&view.course_version).into()),
        ],
    );
    let mut embed = CreateEmbed::new()
        .title(&cohort.name)
        .colour(BRAND_COLOUR)
        .description(version)
        .field(t("cohort-starts"), starts.to_string(), true)
        .field(t("cohort-time-zone"), cohort.time_zone.name(), true)
        .field(t("cohort-people"), people, false);
    if let Some(channel) = cohort.channel_id {
        embed = embed.field(t("cohort-channel"), format!("<#{channel}>"), true);
    }
    if let Some(role) = view.your_role {
        let role = tr_args(lang, "cohort-role", &[("role", role.as_str().into())]);
        embed = embed.field(t("cohort-you-are"), role, true);
    }
    if let Some(code) = &view.join_code {
        let how = tr_args(lang, "cohort-join-code-how", &[("code", code.into())]);
        embed = embed.field(t("cohort-join-code"), how, false);
    }
    embed
}

pub fn badge_name(badge: &Badge) -> String {
    match &badge.emoji {
        Some(emoji) => format!("{emoji} **{}**", badge.name),
        None => format!("**{}**", badge.name),
    }
}

/// A string select's options: each entry's text, with its index as the value.
fn string_options<'a>(
    entries: impl Iterator<Item = (usize, &'a String)>,
) -> serenity::CreateSelectMenuKind {
    serenity::CreateSelectMenuKind::String {
        options: entries
            .map(|(i, text)| serenity::CreateSelectMenuOption::new(text.as_str(), i.to_string()))
            .collect(),
    }
}

/// A text field of a form, at most `max` characters, filled in with `value` when there is one.
pub(crate) fn form_input(
    style: serenity::InputTextStyle,
    label: &str,
    id: &str,
    value: &str,
    max: usize,
    required: bool,
) -> serenity::CreateInputText {
    let input = serenity::CreateInputText::new(style, label, id)
        .max_length(u16::try_from(max).unwrap_or(4000))
        .required(required);
    if value.is_empty() {
        input
    } else {
        input.value(value)
    }
}
