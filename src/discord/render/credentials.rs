//! What `/badges export` says beside the credential files it attaches.

use poise::serenity_prelude::CreateEmbed;

use super::BRAND_COLOUR;
use crate::domain::credentials::CredentialFile;
use crate::i18n::{tr, tr_args, Lang};

/// Sent when the member holds no badge in the cohort.
pub fn no_credentials(lang: Lang) -> String {
    tr(lang, "credentials-none")
}

pub fn credentials_exported(files: &[CredentialFile], lang: Lang) -> CreateEmbed {
    let names: Vec<String> = files
        .iter()
        .map(|f| format!("🏅 {}", f.badge_name))
        .collect();
    CreateEmbed::new()
        .colour(BRAND_COLOUR)
        .title(tr_args(
            lang,
            "credentials-title",
            &[("count", files.len().into())],
        ))
        .description(tr_args(
            lang,
            "credentials-exported",
            &[("badges", names.join("\n").into())],
        ))
}
