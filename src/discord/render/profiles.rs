//! Profile cards and the form to write one's own.

use poise::serenity_prelude as serenity;
use serenity::{CreateActionRow, CreateEmbed, CreateInputText, CreateModal, InputTextStyle};

use super::{View, BRAND_COLOUR};
use crate::course::text::shorten;
use crate::discord::custom_id::Action;
use crate::domain::profiles::{CohortProgress, ProfileView};
use crate::i18n::{tr, tr_args, Lang, Message};
use crate::model::profiles::{Profile, TypedProfile, MAX_AREA, MAX_BIO, MAX_LINK, MAX_LINKS};

pub const AREA_INPUT: &str = "area";
pub const BIO_INPUT: &str = "bio";
/// The link fields are `link1` to `link3`.
pub const LINK_INPUT: &str = "link";

/// A member's card.
pub fn card(view: &ProfileView, lang: Lang) -> CreateEmbed {
    let profile = &view.profile;
    let mut about = vec![format!("<@{}>", profile.user_id)];
    if !profile.area.is_empty() {
        about.push(format!("**{}**", profile.area));
    }
    if !profile.bio.is_empty() {
        about.push(profile.bio.clone());
    } else if view.own {
        about.push(tr(lang, "profile-no-bio"));
    }
    let cohorts: Vec<String> = view
        .cohorts
        .iter()
        .map(|(name, role)| {
            let role = [("role", role.to_string().into())];
            let args = [
                ("cohort", name.into()),
                ("role", tr_args(lang, "profile-role", &role).into()),
            ];
            tr_args(lang, "profile-cohort", &args)
        })
        .collect();
    let mut embed = CreateEmbed::new()
        .title(tr(lang, "profile-title"))
        .description(about.join("\n"))
        .colour(BRAND_COLOUR)
        .field(tr(lang, "profile-cohorts"), cohorts.join(", "), false);
    if !profile.links.is_empty() {
        embed = embed.field(tr(lang, "profile-links"), profile.links.join("\n"), false);
    }
    embed = embed.field(
        tr(lang, "profile-hub"),
        super::hub_qa::reputation_line(&view.reputation, lang),
        false,
    );
    match &view.progress {
        Some(progress) => {
            for cohort in progress {
                let name = [("cohort", cohort.cohort.as_str().into())];
                embed = embed.field(
                    tr_args(lang, "profile-progress-in", &name),
                    shorten(&progress_line(cohort, lang), super::FIELD_LIMIT),
                    false,
                );
            }
        }
        None => {
            embed = embed.field(
                tr(lang, "profile-progress"),
                tr(lang, "profile-progress-private"),
                false,
            );
        }
    }
    if view.own {
        let who = if profile.progress_shown {
            "profile-footer-shown"
        } else {
            "profile-footer-hidden"
        };
        embed = embed.footer(serenity::CreateEmbedFooter::new(tr(lang, who)));
    }
    embed
}

/// The form to write one's profile, filled in with what it says.
pub fn edit_modal(profile: &Profile, lang: Lang) -> CreateModal {
    let mut rows = vec![
        input(
            InputTextStyle::Short,
            &tr(lang, "profile-form-area"),
            AREA_INPUT,
            &profile.area,
            MAX_AREA,
        ),
        input(
            InputTextStyle::Paragraph,
            &tr(lang, "profile-form-bio"),
            BIO_INPUT,
            &profile.bio,
            MAX_BIO,
        ),
    ];
    for n in 0..MAX_LINKS {
        let value = profile.links.get(n).map_or("", String::as_str);
        rows.push(input(
            InputTextStyle::Short,
            &Message::new("profile-form-link")
                .arg("n", n + 1)
                .render(lang),
            &format!("{LINK_INPUT}{}", n + 1),
            value,
            MAX_LINK,
        ));
    }
    CreateModal::new(Action::ProfileSave.to_custom_id(), tr(lang, "profile-form"))
        .components(rows.into_iter().map(CreateActionRow::InputText).collect())
}

/// A profile refused: why, and what was typed, so nothing is lost.
pub fn typed_back(message: &str, typed: &TypedProfile, lang: Lang) -> View {
    let args = [
        ("message", message.into()),
        ("area", (&typed.area).into()),
        ("bio", (&typed.bio).into()),
        ("links", typed.links.join(" ").into()),
    ];
    let text = tr_args(lang, "profile-typed-back", &args);
    View {
        content: Some(shorten(&text, crate::discord::replies::CONTENT_LIMIT)),
        ..View::default()
    }
}

fn progress_line(cohort: &CohortProgress, lang: Lang) -> String {
    let done = [
        ("done", cohort.modules_done.into()),
        ("total", cohort.modules.into()),
    ];
    let mut parts = vec![tr_args(lang, "profile-modules-done", &done)];
    if !cohort.badges.is_empty() {
        let badges = [("badges", cohort.badges.join(", ").into())];
        parts.push(tr_args(lang, "profile-badges", &badges));
    }
    if !cohort.routes.is_empty() {
        let routes = [("routes", cohort.routes.join("; ").into())];
        parts.push(tr_args(lang, "profile-pathway", &routes));
    }
    if let Some(conversations) = cohort.conversations {
        let n = [("n", conversations.into())];
        parts.push(tr_args(lang, "profile-one-to-ones", &n));
    }
    parts.join(" · ")
}

fn input(style: InputTextStyle, label: &str, id: &str, value: &str, max: usize) -> CreateInputText {
    super::form_input(style, label, id, value, max, false)
}
