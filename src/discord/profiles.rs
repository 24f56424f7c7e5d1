//! The submitted form of `/profile edit`.

use std::collections::HashMap;

use super::answer::Answer;
use super::render::{self, profiles as view};
use super::{Data, Error};
use crate::domain::access::Caller;
use crate::domain::profiles;
use crate::domain::DomainError;
use crate::i18n::{tr, Lang};
use crate::model::profiles::{TypedProfile, MAX_LINKS};

/// Saves the profile typed in the form; a refusal gives back what was typed. Answered in
/// the member's `lang`.
pub async fn on_submit(
    data: &Data,
    caller: Caller,
    fields: &HashMap<String, String>,
    lang: Lang,
) -> Result<Answer, Error> {
    let field = |id: &str| fields.get(id).cloned().unwrap_or_default();
    let typed = TypedProfile {
        area: field(view::AREA_INPUT),
        bio: field(view::BIO_INPUT),
        links: (1..=MAX_LINKS)
            .map(|n| field(&format!("{}{n}", view::LINK_INPUT)))
            .collect(),
    };
    let now = data.clock.now_ms();
    match profiles::save(&data.store, caller, &typed, now).await {
        Ok(_) => {
            let card = profiles::view(&data.store, caller, caller.user, now).await?;
            Ok(Answer::Ephemeral(render::View {
                content: Some(tr(lang, "profile-saved")),
                embeds: vec![view::card(&card, lang)],
                ..render::View::default()
            }))
        }
        Err(DomainError::Refused(message)) => Ok(Answer::Ephemeral(view::typed_back(
            &message.render(lang),
            &typed,
            lang,
        ))),
        Err(other) => Err(other.into()),
    }
}
