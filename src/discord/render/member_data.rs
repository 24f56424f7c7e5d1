//! A member's data: what `/mydata` says with the file, and the confirmation of erasing
//! someone's.

use poise::serenity_prelude as serenity;
use serenity::{ButtonStyle, CreateActionRow, CreateButton, CreateEmbed};

use super::{View, BRAND_COLOUR};
use crate::discord::custom_id::Action;
use crate::i18n::{tr, tr_args, Lang};
use crate::model::UserId;

/// Said with the file of `/mydata`.
pub fn summary_embed(lang: Lang) -> CreateEmbed {
    CreateEmbed::new()
        .title(tr(lang, "data-yours"))
        .description(tr(lang, "data-file-holds"))
        .colour(BRAND_COLOUR)
}

/// What erasing `member`'s data does, with the button that does it.
pub fn forget_confirmation(member: UserId, lang: Lang) -> View {
    let button = CreateButton::new(Action::ForgetMember { member }.to_custom_id())
        .label(tr(lang, "data-erase-button"))
        .style(ButtonStyle::Danger);
    View {
        content: Some(tr_args(
            lang,
            "data-erase-confirm",
            &[("user", member.to_string().into())],
        )),

        components: vec![CreateActionRow::Buttons(vec![button])],
        ..View::default()
    }
}
