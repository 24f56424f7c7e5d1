//! Articles members propose: the form, the card facilitators review with its buttons, the
//! post it becomes, and the replies to each step.

use poise::serenity_prelude as serenity;
use serenity::InputTextStyle;
use serenity::{ButtonStyle, CreateActionRow, CreateButton, CreateEmbed, CreateModal};

use super::{form_input, View, BRAND_COLOUR};
use crate::course::text::{echo, shorten, EMBED_DESCRIPTION_LIMIT, EMBED_TITLE_LIMIT};
use crate::discord::custom_id::Action;
use crate::domain::hub_proposals::{Typed, MAX_BODY, MAX_COMMENT};
use crate::domain::hub_qa::MAX_TITLE;
use crate::i18n::{number, tr, tr_args, Lang};
use crate::model::hub_proposals::{Proposal, ProposalId};

pub const TITLE_INPUT: &str = "title";
pub const BODY_INPUT: &str = "body";
pub const TAGS_INPUT: &str = "tags";
pub const COMMENT_INPUT: &str = "comment";

/// The form of `/hub propose`, filled with what was typed before, if anything.
pub fn propose_modal(typed: &Typed, lang: Lang) -> CreateModal {
    let rows = [
        form_input(
            InputTextStyle::Short,
            &tr(lang, "hub-propose-title"),
            TITLE_INPUT,
            &typed.title,
            MAX_TITLE,
            true,
        ),
        form_input(
            InputTextStyle::Paragraph,
            &tr(lang, "hub-propose-body"),
            BODY_INPUT,
            &typed.body,
            MAX_BODY,
            true,
        ),
        form_input(
            InputTextStyle::Short,
            &tr(lang, "hub-propose-tags"),
            TAGS_INPUT,
            &typed.tags,
            200,
            false,
        ),
    ];
    CreateModal::new(
        Action::ProposeSave.to_custom_id(),
        tr(lang, "hub-propose-form"),
    )
    .components(rows.into_iter().map(CreateActionRow::InputText).collect())
}

/// A proposal refused: why, and what was typed, so nothing is lost.
pub fn typed_back(message: &str, typed: &Typed, lang: Lang) -> View {
    let tags = if typed.tags.trim().is_empty() {
        String::new()
    } else {
        let tags = [("tags", echo(&typed.tags).into())];
        format!("\n{}", tr_args(lang, "hub-propose-tags-typed", &tags))
    };
    let args = [("message", message.into()), ("tags", tags.into())];
    View {
        content: Some(tr_args(lang, "hub-propose-typed-back", &args)),
        embeds: vec![CreateEmbed::new()
            .title(shorten(&typed.title, EMBED_TITLE_LIMIT))
            .description(shorten(&typed.body, EMBED_DESCRIPTION_LIMIT))],
        ..View::default()
    }
}

/// What the author reads once the proposal is kept.
pub fn proposed(proposal: &Proposal, lang: Lang) -> String {
    let title = [("title", echo(&proposal.title).into())];
    tr_args(lang, "hub-proposed", &title)
}

/// The oldest waiting proposal, with the buttons to decide on it.
pub fn review_card(proposal: &Proposal, waiting: usize, lang: Lang) -> View {
    let tags = if proposal.tags.is_empty() {
        tr(lang, "hub-review-no-tags")
    } else {
        proposal.tags.join(", ")
    };
    let embed = CreateEmbed::new()
        .title(shorten(&proposal.title, EMBED_TITLE_LIMIT))
        .description(shorten(&proposal.body, EMBED_DESCRIPTION_LIMIT))
        .field(
            tr(lang, "hub-review-by"),
            format!("<@{}>", proposal.author_id),
            true,
        )
        .field(tr(lang, "hub-review-tags"), tags, true)
        .field(
            tr(lang, "hub-review-proposed"),
            format!("<t:{}:R>", proposal.proposed_at / 1000),
            true,
        )
        .colour(BRAND_COLOUR);
    let count = [
        ("count", waiting.into()),
        (
            "n",
            number(lang, i64::try_from(waiting).unwrap_or(i64::MAX)).into(),
        ),
    ];
    View {
        content: Some(tr_args(lang, "hub-review-waiting", &count)),
        embeds: vec![embed],
        components: vec![review_buttons(proposal.id, lang)],
    }
}

/// **Approve and publish** and **Return with a comment**.
pub fn review_buttons(proposal: ProposalId, lang: Lang) -> CreateActionRow {
    CreateActionRow::Buttons(vec![
        CreateButton::new(Action::ProposalApprove { proposal }.to_custom_id())
            .label(tr(lang, "hub-review-approve"))
            .style(ButtonStyle::Success),
        CreateButton::new(Action::ProposalReturn { proposal }.to_custom_id())
            .label(tr(lang, "hub-review-return"))
            .style(ButtonStyle::Secondary),
    ])
}

/// The form for the comment a returned proposal goes back with.
pub fn return_modal(proposal: &Proposal, lang: Lang) -> CreateModal {
    let comment = form_input(
        InputTextStyle::Paragraph,
        &tr(lang, "hub-return-comment"),
        COMMENT_INPUT,
        "",
        MAX_COMMENT,
        true,
    );
    let title = [("title", proposal.title.as_str().into())];
    let title = shorten(&tr_args(lang, "hub-return-title", &title), 45);
    let id = Action::ProposalReturnSave {
        proposal: proposal.id,
    };
    CreateModal::new(id.to_custom_id(), title).components(vec![CreateActionRow::InputText(comment)])
}

/// The article as its post shows it: under its author's name.
pub fn post_text(proposal: &Proposal, lang: Lang) -> String {
    let author = [("author", proposal.author_id.to_string().into())];
    format!(
        "{}\n\n{}",
        tr_args(lang, "hub-article-by", &author),
        proposal.body
    )
}

/// What the approving facilitator reads, in place of the buttons.
pub fn approved(proposal: &Proposal, lang: Lang) -> String {
    let post = proposal.post_id.map_or(String::new(), |p| {
        tr_args(lang, "hub-approved-post", &[("post", p.to_string().into())])
    });
    let args = [
        ("title", echo(&proposal.title).into()),
        ("author", proposal.author_id.to_string().into()),
        ("post", post.into()),
    ];
    tr_args(lang, "hub-approved", &args)
}

/// What the returning facilitator reads.
pub fn returned(proposal: &Proposal, lang: Lang) -> String {
    let args = [
        ("title", echo(&proposal.title).into()),
        ("author", proposal.author_id.to_string().into()),
    ];
    tr_args(lang, "hub-returned", &args)
}
