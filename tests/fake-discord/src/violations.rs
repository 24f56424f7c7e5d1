//! Violations: things the bot did that Discord rejects or forbids, and that point to a bug in
//! the bot rather than to a situation it must handle (such as closed DMs). The fake records each
//! one with the offending request so that the test fails with the evidence in hand.

use std::fmt;

use serde_json::Value;

/// What kind of rule the bot broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViolationKind {
    /// The body breaks Discord's API description or one of its documented limits
    /// (answered 400, code 50035 or 50109).
    InvalidBody,
    /// A message with no content, embeds, components, attachments or stickers (code 50006).
    EmptyMessage,
    /// An interaction got no callback within the deadline (3 s on Discord).
    InteractionNotAnswered,
    /// A second callback for the same interaction (code 40060).
    AlreadyAcknowledged,
    /// A callback type that is not allowed for this kind of interaction.
    WrongCallbackType,
    /// A follow-up or `@original` request before the interaction was answered.
    NotYetAcknowledged,
    /// A request to an endpoint the fake does not implement, or with the wrong method.
    UnknownRoute,
    /// A message created without `allowed_mentions`, so Discord would ping every mention in
    /// its content, @everyone and roles included (Discord accepts it; the fake does not).
    MentionsNotStated,
}

impl fmt::Display for ViolationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::InvalidBody => "invalid request body",
            Self::EmptyMessage => "empty message",
            Self::InteractionNotAnswered => "interaction not answered in time",
            Self::AlreadyAcknowledged => "interaction answered twice",
            Self::WrongCallbackType => "callback type not allowed for this interaction",
            Self::NotYetAcknowledged => "interaction used before it was answered",
            Self::UnknownRoute => "endpoint not implemented by fake-discord",
            Self::MentionsNotStated => "message created without allowed_mentions",
        })
    }
}

/// One recorded violation, with the request that caused it.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub kind: ViolationKind,
    pub method: String,
    /// The path after `/api/v10`.
    pub path: String,
    /// The offending body, if the request had one.
    pub body: Option<Value>,
    /// Each problem found, as `path.in.body: message`.
    pub problems: Vec<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {} {}", self.kind, self.method, self.path)?;
        for problem in &self.problems {
            writeln!(f, "  - {problem}")?;
        }
        if let Some(body) = &self.body {
            let shown = serde_json::to_string_pretty(&shorten(body)).unwrap_or_default();
            writeln!(f, "  body: {}", shown.replace('\n', "\n  "))?;
        }
        Ok(())
    }
}

/// Formats a list of violations for a panic message.
pub(crate) fn report(violations: &[Violation]) -> String {
    let mut text = format!("fake-discord recorded {} violation(s):\n", violations.len());
    for violation in violations {
        text.push_str(&violation.to_string());
    }
    text
}

/// The body with long strings cut, so that a 2001-character message stays readable.
fn shorten(value: &Value) -> Value {
    const KEEP: usize = 80;
    match value {
        Value::String(s) if s.chars().count() > KEEP + 20 => {
            let head: String = s.chars().take(KEEP).collect();
            Value::String(format!("{head}… ({} chars)", s.chars().count()))
        }
        Value::Array(items) => Value::Array(items.iter().map(shorten).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), shorten(v))).collect())
        }
        other => other.clone(),
    }
}
