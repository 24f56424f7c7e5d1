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
use crate::model::hub_proposals::{Proposal, ProposalId};

pub const TITLE_INPUT: &str = "title";
pub const BODY_INPUT: &str = "body";
pub const TAGS_INPUT: &str = "tags";
pub const COMMENT_INPUT: &str = "comment";

/// The form of `/hub propose`, filled with what was typed before, if anything.
pub fn propose_modal(typed: &Typed) -> CreateModal {
    let rows = [
        form_input(
            InputTextStyle::Short,
            "Title",
            TITLE_INPUT,
            &typed.title,
            MAX_TITLE,
            true,
        ),
        form_input(
            InputTextStyle::Paragraph,
            "The article (Markdown)",
            BODY_INPUT,
            &typed.body,
            MAX_BODY,
            true,
        ),
        form_input(
            InputTextStyle::Short,
            "Tags of the articles forum, commas between",
            TAGS_INPUT,
            &typed.tags,
            200,
            false,
        ),
    ];
    CreateModal::new(Action::ProposeSave.to_custom_id(), "Propose an article")
        .components(rows.into_iter().map(CreateActionRow::InputText).collect())
}

/// A proposal refused: why, and what was typed, so nothing is lost.
pub fn typed_back(message: &str, typed: &Typed) -> View {
    let tags = if typed.tags.trim().is_empty() {
        String::new()
    } else {
        format!("\nTags: {}", echo(&typed.tags))
    };
    View {
        content: Some(format!(
            "{message}\nNothing was sent. What you typed is below: copy it, then run `/hub propose` again.{tags}"
        )),
        embeds: vec![CreateEmbed::new()
            .title(shorten(&typed.title, EMBED_TITLE_LIMIT))
            .description(shorten(&typed.body, EMBED_DESCRIPTION_LIMIT))],
        ..View::default()
    }
}

/// What the author reads once the proposal is kept.
pub fn proposed(proposal: &Proposal) -> String {
    format!(
        "Thank you: “{}” is with the facilitators. I will tell you by direct message when one of them approves it (it is then posted in the articles forum under your name) or returns it with a comment.",
        echo(&proposal.title)
    )
}

/// The oldest waiting proposal, with the buttons to decide on it.
pub fn review_card(proposal: &Proposal, waiting: usize) -> View {
    let tags = if proposal.tags.is_empty() {
        "none".to_owned()
    } else {
        proposal.tags.join(", ")
    };
    let embed = CreateEmbed::new()
        .title(shorten(&proposal.title, EMBED_TITLE_LIMIT))
        .description(shorten(&proposal.body, EMBED_DESCRIPTION_LIMIT))
        .field("By", format!("<@{}>", proposal.author_id), true)
        .field("Tags", tags, true)
        .field(
            "Proposed",
            format!("<t:{}:R>", proposal.proposed_at / 1000),
            true,
        )
        .colour(BRAND_COLOUR);
    View {
        content: Some(format!(
            "The oldest of {waiting} proposed article{} waiting:",
            if waiting == 1 { "" } else { "s" }
        )),
        embeds: vec![embed],
        components: vec![review_buttons(proposal.id)],
    }
}

/// **Approve and publish** and **Return with a comment**.
pub fn review_buttons(proposal: ProposalId) -> CreateActionRow {
    CreateActionRow::Buttons(vec![
        CreateButton::new(Action::ProposalApprove { proposal }.to_custom_id())
            .label("Approve and publish")
            .style(ButtonStyle::Success),
        CreateButton::new(Action::ProposalReturn { proposal }.to_custom_id())
            .label("Return with a comment")
            .style(ButtonStyle::Secondary),
    ])
}

/// The form for the comment a returned proposal goes back with.
pub fn return_modal(proposal: &Proposal) -> CreateModal {
    let comment = form_input(
        InputTextStyle::Paragraph,
        "What should the author change?",
        COMMENT_INPUT,
        "",
        MAX_COMMENT,
        true,
    );
    let title = shorten(&format!("Return “{}”", proposal.title), 45);
    let id = Action::ProposalReturnSave {
        proposal: proposal.id,
    };
    CreateModal::new(id.to_custom_id(), title).components(vec![CreateActionRow::InputText(comment)])
}

/// The article as its post shows it: under its author's name.
pub fn post_text(proposal: &Proposal) -> String {
    format!(
        "*An article by <@{}>*\n\n{}",
        proposal.author_id, proposal.body
    )
}

/// What the approving facilitator reads, in place of the buttons.
pub fn approved(proposal: &Proposal) -> String {
    let post = proposal
        .post_id
        .map_or(String::new(), |p| format!(": <#{p}>"));
    format!(
        "Approved and published “{}” under <@{}>'s name{post}. They are being told.",
        echo(&proposal.title),
        proposal.author_id
    )
}

/// What the returning facilitator reads.
pub fn returned(proposal: &Proposal) -> String {
    format!(
        "Returned “{}” to <@{}> with your comment; they are being sent it with their text.",
        echo(&proposal.title),
        proposal.author_id
    )
}
