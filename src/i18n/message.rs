//! Texts decided below the adapter and shown later in the reader's language: a message id
//! with its arguments, kept as data (in a refusal, or in a scheduled delivery's JSON).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

use super::{list, tr_args, Lang};

/// An argument of a message: a text (a name, a title, an already formatted figure), a
/// whole number, which Fluent can also use to choose a plural form, a list of texts,
/// written "a, b and c" the reader's way, or messages of their own, shown in the same
/// language as the one they are part of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Number(i64),
    Text(String),
    List(Vec<String>),
    Message(Box<Message>),
    Messages(Vec<Message>),
}

impl Arg {
    pub(super) fn to_fluent(&self, lang: Lang) -> FluentValue<'_> {
        match self {
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Text(text) => FluentValue::from(text.as_str()),
            Arg::List(items) => FluentValue::from(list(lang, items)),
            Arg::Message(message) => FluentValue::from(message.render(lang)),
            Arg::Messages(messages) => {
                let items: Vec<String> = messages.iter().map(|m| m.render(lang)).collect();
                FluentValue::from(list(lang, &items))
            }
        }
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Message(Box::new(message))
    }
}

impl From<Vec<Message>> for Arg {
    fn from(messages: Vec<Message>) -> Arg {
        Arg::Messages(messages)
    }
}

/// A text in the reader's language, or one that reads the same in every language.
impl From<Text> for Arg {
    fn from(text: Text) -> Arg {
        match text {
            Text::Message(message) => message.into(),
            Text::Untranslated(text) => Arg::Text(text),
        }
    }
}

impl From<Vec<String>> for Arg {
    fn from(items: Vec<String>) -> Arg {
        Arg::List(items)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(i64, i32, u32, u64, usize);

/// A message id and its arguments, shown in whichever language the reader gets. In JSON:
/// `{"id": "reminder-session", "args": {"title": "Set 1", "start": 1790000000}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, Arg>,
}

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message {
            id: Cow::Borrowed(id),
            args: BTreeMap::new(),
        }
    }

    /// The message with one more named argument.
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Message {
        self.args.insert(name.to_owned(), value.into());
        self
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(name, value)| (name.as_str(), value.clone()))
            .collect();
        tr_args(lang, &self.id, &args)
    }
}

/// What a person reads: a [`Message`] in their language, or a text that has none in the
/// locale files yet and reads the same in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Message(Message),
    Untranslated(String),
}

impl Text {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::Message(message) => message.render(lang),
            Text::Untranslated(text) => text.clone(),
        }
    }
}

/// In English: logs and tests read it so.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl From<Message> for Text {
    fn from(message: Message) -> Text {
        Text::Message(message)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::Untranslated(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::Untranslated(text.to_owned())
    }
}
