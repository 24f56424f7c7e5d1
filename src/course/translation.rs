//! A pack's text in other languages, as the course model keeps it. A translation holds
//! only text: ids, answer keys, numbers and times always come from the original, so a
//! translated course grades exactly as the original does (see `localize.rs`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Text fields by name (`title`, `summary`, `body`...).
pub type Texts = BTreeMap<String, String>;

/// One locale's text for a pack: what the translator wrote; the rest shows in the pack's
/// own language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Translation {
    /// The course's own fields: `title`, `summary`.
    #[serde(default)]
    pub fields: Texts,
    /// Entries of the course file by section (`badges`, `prompts`...) then id; a prompt's
    /// or an article's `body` is its translated Markdown.
    #[serde(default)]
    pub entries: BTreeMap<String, BTreeMap<String, Texts>>,
    #[serde(default)]
    pub modules: BTreeMap<String, ModuleTranslation>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModuleTranslation {
    /// `title`, `summary`.
    #[serde(default)]
    pub fields: Texts,
    /// Pages by their position in the module: `title`, and `body` from the translated file.
    #[serde(default)]
    pub pages: BTreeMap<usize, Texts>,
    #[serde(default)]
    pub exercises: BTreeMap<String, ExerciseTranslation>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExerciseTranslation {
    /// What is asked, the explanation and the feedback, by their names in the pack.
    #[serde(default)]
    pub fields: Texts,
    /// `options`, `items`, `categories`: each as long as the original's, in its order.
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
}

/// The language a pack is written in when it does not say.
pub const DEFAULT_LANGUAGE: &str = "en";

pub fn default_language() -> String {
    DEFAULT_LANGUAGE.to_string()
}
