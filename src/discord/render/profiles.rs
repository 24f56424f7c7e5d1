//! Profile cards and the form to write one's own.

use poise::serenity_prelude as serenity;
use serenity::{CreateActionRow, CreateEmbed, CreateInputText, CreateModal, InputTextStyle};

use super::{View, BRAND_COLOUR};
use crate::course::text::shorten;
use crate::discord::custom_id::Action;
use crate::domain::profiles::{CohortProgress, ProfileView};
use crate::model::profiles::{Profile, TypedProfile, MAX_AREA, MAX_BIO, MAX_LINK, MAX_LINKS};

pub const AREA_INPUT: &str = "area";
pub const BIO_INPUT: &str = "bio";
/// The link fields are `link1` to `link3`.
pub const LINK_INPUT: &str = "link";

/// A member's card.
pub fn card(view: &ProfileView) -> CreateEmbed {
    let profile = &view.profile;
    let mut about = vec![format!("<@{}>", profile.user_id)];
    if !profile.area.is_empty() {
        about.push(format!("**{}**", profile.area));
    }
    if !profile.bio.is_empty() {
        about.push(profile.bio.clone());
    } else if view.own {
        about.push("You have not written about yourself yet: `/profile edit`.".into());
    }
    let cohorts: Vec<String> = view
        .cohorts
        .iter()
        .map(|(name, role)| format!("{name} ({role})"))
        .collect();
    let mut embed = CreateEmbed::new()
        .title("Profile")
        .description(about.join("\n"))
        .colour(BRAND_COLOUR)
        .field("Cohorts", cohorts.join(", "), false);
    if !profile.links.is_empty() {
        embed = embed.field("Links", profile.links.join("\n"), false);
    }
    embed = embed.field(
        "In the knowledge hub",
        super::hub_qa::reputation_line(&view.reputation),
        false,
    );
    match &view.progress {
        Some(progress) => {
            for cohort in progress {
                embed = embed.field(
                    format!("Progress in {}", cohort.cohort),
                    shorten(&progress_line(cohort), super::FIELD_LIMIT),
                    false,
                );
            }
        }
        None => {
            embed = embed.field(
                "Progress",
                "Kept between them and their facilitators.",
                false,
            );
        }
    }
    if view.own {
        let who = if profile.progress_shown {
            "Members of your cohorts see your progress; `/profile progress` hides it."
        } else {
            "Only you and your facilitators see your progress; `/profile progress` shows it to members."
        };
        embed = embed.footer(serenity::CreateEmbedFooter::new(who));
    }
    embed
}

/// The form to write one's profile, filled in with what it says.
pub fn edit_modal(profile: &Profile) -> CreateModal {
    let mut rows = vec![
        input(
            InputTextStyle::Short,
            "Institution or area",
            AREA_INPUT,
            &profile.area,
            MAX_AREA,
        ),
        input(
            InputTextStyle::Paragraph,
            "A short bio",
            BIO_INPUT,
            &profile.bio,
            MAX_BIO,
        ),
    ];
    for n in 0..MAX_LINKS {
        let value = profile.links.get(n).map_or("", String::as_str);
        rows.push(input(
            InputTextStyle::Short,
            &format!("Link {} (https://…)", n + 1),
            &format!("{LINK_INPUT}{}", n + 1),
            value,
            MAX_LINK,
        ));
    }
    CreateModal::new(Action::ProfileSave.to_custom_id(), "Your profile")
        .components(rows.into_iter().map(CreateActionRow::InputText).collect())
}

/// A profile refused: why, and what was typed, so nothing is lost.
pub fn typed_back(message: &str, typed: &TypedProfile) -> View {
    let text = format!(
        "{message}\nNothing was saved. What you typed:\n> Institution or area: {}\n> Bio: {}\n> Links: {}",
        typed.area,
        typed.bio,
        typed.links.join(" ")
    );
    View {
        content: Some(shorten(&text, crate::discord::replies::CONTENT_LIMIT)),
        ..View::default()
    }
}

fn progress_line(cohort: &CohortProgress) -> String {
    let mut parts = vec![format!(
        "Modules done: {} of {}",
        cohort.modules_done, cohort.modules
    )];
    if !cohort.badges.is_empty() {
        parts.push(format!("Badges: {}", cohort.badges.join(", ")));
    }
    if !cohort.routes.is_empty() {
        parts.push(format!("Pathway: {}", cohort.routes.join("; ")));
    }
    if let Some(conversations) = cohort.conversations {
        parts.push(format!("One-to-ones logged: {conversations}"));
    }
    parts.join(" · ")
}

fn input(style: InputTextStyle, label: &str, id: &str, value: &str, max: usize) -> CreateInputText {
    super::form_input(style, label, id, value, max, false)
}
