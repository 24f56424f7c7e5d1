//! A member's data: what `/mydata` says with the file, and the confirmation of erasing
//! someone's.

use poise::serenity_prelude as serenity;
use serenity::{ButtonStyle, CreateActionRow, CreateButton, CreateEmbed};

use super::{View, BRAND_COLOUR};
use crate::discord::custom_id::Action;
use crate::model::UserId;

/// Said with the file of `/mydata`.
pub fn summary_embed() -> CreateEmbed {
    CreateEmbed::new()
        .title("Your data")
        .description(
            "The file holds every row of the bot's database that names you, table by table: your profile, your progress and answers, your reflections, the conversations you logged, your ratings and proposals, and messages waiting to be sent to you. Only you see this reply.\n\nTo erase your profile run `/profile erase`; to erase the conversations you logged, `/listen erase`. A facilitator of your cohort can erase everything with `/cohort forget`.",
        )
        .colour(BRAND_COLOUR)
}

/// What erasing `member`'s data does, with the button that does it.
pub fn forget_confirmation(member: UserId) -> View {
    let button = CreateButton::new(Action::ForgetMember { member }.to_custom_id())
        .label("Erase their data")
        .style(ButtonStyle::Danger);
    View {
        content: Some(format!(
            "Erase the data of <@{member}>? Their profile, reflections, logged conversations, ratings given, proposals and settings are deleted, and messages not yet sent to them dropped. Their progress, attendance and votes stay in the cohorts' figures without their name. This cannot be undone."
        )),
        components: vec![CreateActionRow::Buttons(vec![button])],
        ..View::default()
    }
}
