//! One Discord request body drawn as Discord shows it: a message with its content, embeds,
//! buttons and select menus (options listed), or a modal with its fields. Reads the JSON
//! the bot sends, so the drawing shows what Discord gets.

use maud::{html, Markup, PreEscaped};
use serde_json::Value;

use super::markdown::{to_html, Clock};

/// Discord's flag on a message only its recipient sees.
const EPHEMERAL: u64 = 1 << 6;

/// The bot's name as the preview shows it on each message.
const BOT_NAME: &str = "cohortbot";

pub fn message(payload: &Value, clock: Clock) -> Markup {
    let ephemeral = payload["flags"]
        .as_u64()
        .is_some_and(|f| f & EPHEMERAL != 0);
    let content = payload["content"].as_str().unwrap_or_default();
    html! {
        div.message {
            div.avatar aria-hidden="true" { "c" }
            div.body {
                div.byline {
                    span.name { (BOT_NAME) }
                    span.bot { "APP" }
                }
                @if !content.is_empty() {
                    div.content { (markdown(content, clock)) }
                }
                @for embed in items(&payload["embeds"]) {
                    (self::embed(embed, clock))
                }
                @for row in items(&payload["components"]) {
                    (action_row(row))
                }
                @if ephemeral {
                    div.ephemeral { "Only you can see this" }
                }
            }
        }
    }
}

/// The messages one scheduled post makes (long content goes out in parts).
pub fn messages(payload: &Value, clock: Clock) -> Markup {
    html! {
        @if let Some(refused) = payload["refused"].as_str() {
            p.refused { "The bot would not post this: " (refused) }
        }
        @for part in items(payload) {
            (message(part, clock))
        }
    }
}

pub fn modal(payload: &Value) -> Markup {
    html! {
        div.modal role="dialog" {
            div.modal-title { (text(&payload["title"])) }
            @for row in items(&payload["components"]) {
                @for input in items(&row["components"]) {
                    (text_input(input))
                }
            }
            div.modal-buttons {
                span.modal-cancel { "Cancel" }
                span.button.style-1 { "Submit" }
            }
        }
    }
}

fn text_input(input: &Value) -> Markup {
    let paragraph = input["style"].as_u64() == Some(2);
    let limits = match (input["min_length"].as_u64(), input["max_length"].as_u64()) {
        (Some(min), Some(max)) => format!("{min} to {max} characters"),
        (None, Some(max)) => format!("at most {max} characters"),
        (Some(min), None) => format!("at least {min} characters"),
        (None, None) => String::new(),
    };
    html! {
        div.input {
            div.input-label {
                (text(&input["label"]))
                @if input["required"].as_bool() != Some(false) { span.required { " *" } }
            }
            div class=(if paragraph { "input-box paragraph" } else { "input-box" }) {
                @if let Some(value) = input["value"].as_str() {
                    (value)
                } @else {
                    span.placeholder { (text(&input["placeholder"])) }
                }
            }
            @if !limits.is_empty() { div.input-limits { (limits) } }
        }
    }
}

fn embed(embed: &Value, clock: Clock) -> Markup {
    let colour = embed["color"]
        .as_u64()
        .map(|c| format!("border-left-color: #{c:06X}"))
        .unwrap_or_default();
    let title = embed["title"].as_str();
    let url = embed["url"].as_str().filter(|u| u.starts_with("http"));
    html! {
        div.embed style=(colour) {
            @if let Some(name) = embed["author"]["name"].as_str() {
                div.embed-author { (name) }
            }
            @if let Some(title) = title {
                div.embed-title {
                    @if let Some(url) = url {
                        a href=(url) { (title) }
                    } @else {
                        (title)
                    }
                }
            }
            @if let Some(description) = embed["description"].as_str() {
                div.embed-description { (markdown(description, clock)) }
            }
            @let fields = items(&embed["fields"]);
            @if !fields.is_empty() {
                div.embed-fields {
                    @for field in fields {
                        div class=(if field["inline"].as_bool() == Some(true) { "field inline" } else { "field" }) {
                            div.field-name { (markdown_inline(field["name"].as_str().unwrap_or_default(), clock)) }
                            div.field-value { (markdown(field["value"].as_str().unwrap_or_default(), clock)) }
                        }
                    }
                }
            }
            @if let Some(image) = embed["image"]["url"].as_str() {
                div.embed-image { "Image: " (image) }
            }
            @if let Some(footer) = embed["footer"]["text"].as_str() {
                div.embed-footer { (footer) }
            }
        }
    }
}

fn action_row(row: &Value) -> Markup {
    html! {
        div.row {
            @for component in items(&row["components"]) {
                @match component["type"].as_u64() {
                    Some(2) => (button(component)),
                    Some(3..=8) => (select(component)),
                    _ => {}
                }
            }
        }
    }
}

fn button(button: &Value) -> Markup {
    let style = button["style"].as_u64().unwrap_or(2);
    let disabled = button["disabled"].as_bool() == Some(true);
    let class = format!(
        "button style-{style}{}",
        if disabled { " disabled" } else { "" }
    );
    let emoji = button["emoji"]["name"].as_str();
    html! {
        span class=(class) title=[button["url"].as_str()] {
            @if let Some(emoji) = emoji { (emoji) " " }
            (text(&button["label"]))
            @if style == 5 { span.external { " ↗" } }
        }
    }
}

/// A select menu, drawn open so its options show.
fn select(menu: &Value) -> Markup {
    let min = menu["min_values"].as_u64().unwrap_or(1);
    let max = menu["max_values"].as_u64().unwrap_or(1);
    let picks = match (min, max) {
        (1, 1) => "pick one".to_string(),
        (min, max) if min == max => format!("pick {min}"),
        (min, max) => format!("pick {min} to {max}"),
    };
    html! {
        div.select {
            div.select-closed {
                span.placeholder { (text(&menu["placeholder"])) }
                span.chevron aria-hidden="true" { "⌄" }
            }
            ul.select-options aria-label=(picks) {
                @for option in items(&menu["options"]) {
                    li {
                        div.option-label { (text(&option["label"])) }
                        @if let Some(description) = option["description"].as_str() {
                            div.option-description { (description) }
                        }
                    }
                }
            }
            div.select-picks { (picks) }
        }
    }
}

fn markdown(text: &str, clock: Clock) -> Markup {
    PreEscaped(to_html(text, clock))
}

/// Markdown where Discord allows only inline marks (a field's name): no paragraph around it.
fn markdown_inline(text: &str, clock: Clock) -> Markup {
    let html = to_html(text, clock);
    let inner = html
        .trim_end()
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        .map(str::to_string);
    PreEscaped(inner.unwrap_or(html))
}

pub(super) fn items(value: &Value) -> &[Value] {
    value.as_array().map(Vec::as_slice).unwrap_or_default()
}

pub(super) fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}
