//! What `/badges export` says beside the credential files it attaches.

use poise::serenity_prelude::CreateEmbed;

use super::BRAND_COLOUR;
use crate::course::words::count;
use crate::domain::credentials::CredentialFile;

/// Sent when the member holds no badge in the cohort.
pub const NO_CREDENTIALS: &str = "You hold no badges in this cohort yet, so there is nothing \
    to export. `/badges show` says what is still to do for each.";

pub fn credentials_exported(files: &[CredentialFile]) -> CreateEmbed {
    let names: Vec<String> = files
        .iter()
        .map(|f| format!("🏅 {}", f.badge_name))
        .collect();
    CreateEmbed::new()
        .colour(BRAND_COLOUR)
        .title(format!(
            "Your {}",
            count(files.len(), "badge credential", "badge credentials")
        ))
        .description(format!(
            "{}\n\nEach file is an Open Badges 3.0 credential signed by this server's bot: \
             keep it, add it to a digital wallet or a profile that takes Open Badges, or send \
             it to whoever asks. Badges revoked by a facilitator are not included.",
            names.join("\n")
        ))
}
