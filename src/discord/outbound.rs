//! A scheduler message as Discord takes it: content over the limit in parts, each part with
//! a nonce of its own, the embed on the last, and what cannot be posted refused before any
//! request is made.

use serenity::builder::{CreateActionRow, CreateAttachment, CreateEmbed, CreateMessage};
use serenity::model::channel::{Message, Nonce};

use super::render;
use super::replies::pinging_named_in;
use crate::course::text::{EMBED_DESCRIPTION_LIMIT, EMBED_TITLE_LIMIT};
use crate::domain::outbox::Extra;
use crate::i18n::Lang;
use crate::model::campaigns::CampaignActionId;
use crate::model::hub_proposals::ProposalId;
use crate::model::votes::VoteId;
use crate::scheduler::{Embed, OutboundMessage, SendError};

/// Discord's limits on what one message may carry.
const CONTENT_LIMIT: usize = 2000;
/// Content longer than one message is posted in parts, up to this many.
const MAX_PARTS: usize = 10;

/// One message of those that make up an outbound message.
pub(super) struct Part {
    pub(super) builder: CreateMessage,
    /// A file posted with the part (the last one), such as a chart.
    pub(super) file: Option<CreateAttachment>,
    text: String,
    embed: Option<Embed>,
}

impl Part {
    /// Whether `posted` is this part, as an earlier attempt would have posted it.
    pub(super) fn is(&self, posted: &Message) -> bool {
        let embed_matches = match (&self.embed, posted.embeds.first()) {
            (None, None) => true,
            (Some(mine), Some(theirs)) => {
                mine.title == theirs.title && mine.description == theirs.description
            }
            _ => false,
        };
        posted.content == self.text && embed_matches
    }
}

/// The message as Discord takes it: content over the limit in parts (the embed, components
/// and file on the last), each part with its own nonce derived from the message's. Refuses
/// what cannot be posted.
pub(super) fn message_parts(message: &OutboundMessage) -> Result<Vec<Part>, SendError> {
    let embed = message.embed.as_ref().map(embed).transpose()?;
    let extra = message
        .extra
        .as_ref()
        .map(|drawn| extra(drawn, message.lang))
        .transpose()?;
    let mut texts = split_content(&message.content, CONTENT_LIMIT);
    if texts.len() > MAX_PARTS {
        return Err(SendError::Permanent(format!(
            "the message is too long: {} characters",
            message.content.chars().count()
        )));
    }
    if texts.is_empty() {
        if embed.is_none() && extra.is_none() {
            return Err(empty_message());
        }
        texts.push(String::new());
    }
    let (rows, mut file) = match extra {
        Some(Drawn::Components(rows)) => (rows, None),
        Some(Drawn::File(file)) => (Vec::new(), Some(file)),
        None => (Vec::new(), None),
    };
    let last = texts.len().saturating_sub(1);
    Ok(texts
        .into_iter()
        .enumerate()
        .map(|(index, text)| {
            let builder = part(&message.nonce, index, &text);
            if index != last {
                return Part {
                    builder,
                    file: None,
                    text,
                    embed: None,
                };
            }
            Part {
                builder: last_part(builder, embed.as_ref(), &rows),
                file: file.take(),
                text,
                embed: message.embed.clone(),
            }
        })
        .collect())
}

/// Part `index` of a message: its text, and its own nonce derived from the message's.
fn part(nonce: &str, index: usize, text: &str) -> CreateMessage {
    let nonce = match index {
        0 => nonce.to_owned(),
        n => format!("{nonce}-{n}"),
    };
    let builder = CreateMessage::new()
        .nonce(Nonce::String(nonce))
        .enforce_nonce(true)
        .allowed_mentions(pinging_named_in(text));
    if text.is_empty() {
        builder
    } else {
        builder.content(text)
    }
}

/// The last part carries the embed and the components.
fn last_part(
    builder: CreateMessage,
    embed: Option<&CreateEmbed>,
    rows: &[CreateActionRow],
) -> CreateMessage {
    let builder = match embed {
        Some(embed) => builder.embed(embed.clone()),
        None => builder,
    };
    if rows.is_empty() {
        builder
    } else {
        builder.components(rows.to_vec())
    }
}

/// What a message's extra becomes on Discord.
enum Drawn {
    Components(Vec<CreateActionRow>),
    File(CreateAttachment),
}

/// The chart's file name, as posted.
const CHART_FILE: &str = "chart.png";

/// The extra, its labels in `lang`, the language of the message it is under.
fn extra(extra: &Extra, lang: Lang) -> Result<Drawn, SendError> {
    match extra {
        Extra::VoteButton { vote } => Ok(Drawn::Components(vec![render::votes::vote_button(
            VoteId(*vote),
            lang,
        )])),
        Extra::ProposalReview { proposal } => Ok(Drawn::Components(vec![
            render::hub_proposals::review_buttons(ProposalId(*proposal), lang),
        ])),
        Extra::EvaluateButton { action } => {
            Ok(Drawn::Components(vec![render::campaigns::evaluate_button(
                CampaignActionId(*action),
                lang,
            )]))
        }
        Extra::Chart(chart) => {
            let bars = chart.bars.iter().map(|bar| {
                let share = f64::from(bar.value) * 100.0 / f64::from(bar.out_of.max(1));
                (bar.label.clone(), share, bar.figures.clone())
            });
            let png = render::bars_chart(&chart.title, &chart.caption, bars)
                .map_err(|e| SendError::Permanent(format!("the chart cannot be drawn: {e}")))?;
            Ok(Drawn::File(CreateAttachment::bytes(png, CHART_FILE)))
        }
    }
}

pub(super) fn empty_message() -> SendError {
    SendError::Permanent("the message has neither text nor an embed".into())
}

fn embed(embed: &Embed) -> Result<CreateEmbed, SendError> {
    let too_long = |what: &str, text: &str, limit: usize| {
        (text.chars().count() > limit).then(|| {
            SendError::Permanent(format!(
                "the embed {what} is longer than {limit} characters"
            ))
        })
    };
    let mut built = CreateEmbed::new();
    if let Some(title) = &embed.title {
        if let Some(refusal) = too_long("title", title, EMBED_TITLE_LIMIT) {
            return Err(refusal);
        }
        built = built.title(title);
    }
    if let Some(description) = &embed.description {
        if let Some(refusal) = too_long("description", description, EMBED_DESCRIPTION_LIMIT) {
            return Err(refusal);
        }
        built = built.description(description);
    }
    if let Some(colour) = embed.colour {
        built = built.colour(colour);
    }
    Ok(built)
}

/// Splits `text` into pieces of at most `limit` characters, at a line break or else a space
/// where there is one. Blank pieces are left out.
fn split_content(text: &str, limit: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while rest.chars().count() > limit {
        let hard_cut = rest
            .char_indices()
            .nth(limit)
            .map_or(rest.len(), |(i, _)| i);
        let head = &rest[..hard_cut];
        let cut = head
            .rfind('\n')
            .or_else(|| head.rfind(' '))
            .filter(|&i| i > 0)
            .unwrap_or(hard_cut);
        parts.push(rest[..cut].trim_end().to_owned());
        rest = rest[cut..].trim_start();
    }
    parts.push(rest.to_owned());
    parts.retain(|part| !part.is_empty());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TargetKind;
    use crate::scheduler::Target;

    fn message(content: &str, embed: Option<Embed>) -> OutboundMessage {
        OutboundMessage {
            target: Target {
                kind: TargetKind::Channel,
                id: 1,
            },
            content: content.to_owned(),
            embed,
            thread_name: None,
            nonce: "0123456789abcdef0123".to_owned(),
            tried_since: None,
            extra: None,
            lang: Lang::En,
        }
    }

    fn body(builder: &CreateMessage) -> serde_json::Value {
        serde_json::to_value(builder).unwrap()
    }

    #[test]
    fn short_content_is_one_message_with_the_nonce_enforced() {
        let parts = message_parts(&message("hello", None)).unwrap();
        assert_eq!(parts.len(), 1);
        let json = body(&parts[0].builder);
        assert_eq!(json["content"], "hello");
        assert_eq!(json["nonce"], "0123456789abcdef0123");
        assert_eq!(json["enforce_nonce"], true);
    }

    #[test]
    fn long_content_is_split_at_line_breaks_within_the_limit() {
        let paragraph = "word ".repeat(150);
        let paragraph = paragraph.trim();
        let text = format!("{paragraph}\n{paragraph}\n{paragraph}");
        let embed = Embed {
            title: Some("t".into()),
            ..Embed::default()
        };
        let parts = message_parts(&message(&text, Some(embed))).unwrap();
        assert_eq!(parts.len(), 2);
        let (first, second) = (body(&parts[0].builder), body(&parts[1].builder));
        for part in [&first, &second] {
            let content = part["content"].as_str().unwrap();
            assert!(content.chars().count() <= CONTENT_LIMIT);
            assert!(part["nonce"].as_str().unwrap().len() <= 25);
        }
        assert_eq!(first["content"], format!("{paragraph}\n{paragraph}"));
        assert_eq!(second["content"], paragraph);
        assert_eq!(second["nonce"], "0123456789abcdef0123-1");
        assert!(first
            .get("embeds")
            .is_none_or(|e| e.as_array().is_some_and(|a| a.is_empty())));
        assert_eq!(second["embeds"][0]["title"], "t");
    }

    #[test]
    fn unbroken_text_is_cut_at_the_limit() {
        let parts = split_content(&"x".repeat(4500), CONTENT_LIMIT);
        let lengths: Vec<usize> = parts.iter().map(|p| p.chars().count()).collect();
        assert_eq!(lengths, [2000, 2000, 500]);
    }

    #[test]
    fn what_cannot_be_posted_is_refused() {
        let too_long = "x".repeat(CONTENT_LIMIT * MAX_PARTS + 1);
        assert!(matches!(
            message_parts(&message(&too_long, None)),
            Err(SendError::Permanent(_))
        ));
        let title = Embed {
            title: Some("t".repeat(EMBED_TITLE_LIMIT + 1)),
            ..Embed::default()
        };
        assert!(matches!(
            message_parts(&message("", Some(title))),
            Err(SendError::Permanent(_))
        ));
        let description = Embed {
            description: Some("d".repeat(EMBED_DESCRIPTION_LIMIT + 1)),
            ..Embed::default()
        };
        assert!(matches!(
            message_parts(&message("", Some(description))),
            Err(SendError::Permanent(_))
        ));
        assert!(matches!(
            message_parts(&message("  ", None)),
            Err(SendError::Permanent(_))
        ));
    }
}
