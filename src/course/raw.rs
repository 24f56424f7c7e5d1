//! The TOML as authors write it, with spans kept so problems point at the right line.
//! Everything optional here that the format requires is checked in `validate`, where a
//! missing field gets a message in the author's terms.

use serde::Deserialize;
use serde_spanned::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCourse {
    pub id: S<String>,
    pub title: S<String>,
    #[serde(default)]
    pub summary: Option<S<String>>,
    #[serde(default)]
    pub version: Option<S<String>>,
    #[serde(default)]
    pub time_zone: Option<S<String>>,
    /// The locale the pack is written in.
    #[serde(default)]
    pub language: Option<S<String>>,
    /// Locales with overlay files (`X.fr.toml`, `page.fr.md`) beside the originals.
    #[serde(default)]
    pub translations: Vec<S<String>>,
    pub modules: S<Vec<S<String>>>,
    #[serde(default)]
    pub badges: Vec<S<RawBadge>>,
    #[serde(default)]
    pub milestones: Vec<S<RawMilestone>>,
    #[serde(default)]
    pub pathways: Vec<S<RawPathway>>,
    #[serde(default)]
    pub series: Vec<S<RawSeries>>,
    #[serde(default)]
    pub events: Vec<S<RawEvent>>,
    #[serde(default)]
    pub prompts: Vec<S<RawPrompt>>,
    #[serde(default)]
    pub listening: Option<S<RawListening>>,
    /// Tags for the knowledge hub's forums, one per topic.
    #[serde(default)]
    pub hub_topics: Vec<S<String>>,
    /// Articles the knowledge hub publishes, each in a Markdown file of the pack.
    #[serde(default)]
    pub articles: Vec<S<RawArticle>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArticle {
    pub id: S<String>,
    pub title: S<String>,
    #[serde(default)]
    pub tags: Vec<S<String>>,
    pub file: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBadge {
    pub id: S<String>,
    pub name: S<String>,
    pub colour: S<String>,
    #[serde(default)]
    pub emoji: Option<S<String>>,
    #[serde(default)]
    pub description: Option<S<String>>,
    #[serde(default)]
    pub award: Option<S<String>>,
    #[serde(default)]
    pub requires: Option<S<RawRequires>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRequires {
    #[serde(default)]
    pub all_modules: Option<S<bool>>,
    #[serde(default)]
    pub modules: Vec<S<String>>,
    #[serde(default)]
    pub attended: Vec<S<RawAttended>>,
    #[serde(default)]
    pub badges: Vec<S<String>>,
    #[serde(default)]
    pub pathway_modules: Vec<S<String>>,
    #[serde(default)]
    pub conversations: Option<S<i64>>,
    #[serde(default)]
    pub excluded_conversations: Option<S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttended {
    pub series: S<String>,
    pub count: S<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMilestone {
    pub id: S<String>,
    pub title: S<String>,
    pub at: S<String>,
    #[serde(default)]
    pub description: Option<S<String>>,
    #[serde(default)]
    pub badge: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPathway {
    pub id: S<String>,
    pub title: S<String>,
    pub prompt: S<String>,
    #[serde(default)]
    pub choose_by: Option<S<String>>,
    pub options: S<Vec<S<RawPathwayOption>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPathwayOption {
    pub id: S<String>,
    pub label: S<String>,
    #[serde(default)]
    pub description: Option<S<String>>,
    #[serde(default)]
    pub modules: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    pub id: S<String>,
    pub kind: S<String>,
    pub title: S<String>,
    #[serde(default)]
    pub description: Option<S<String>>,
    pub count: S<i64>,
    #[serde(default)]
    pub first: Option<S<String>>,
    #[serde(default)]
    pub every: Option<S<String>>,
    #[serde(default)]
    pub duration: Option<S<String>>,
    #[serde(default)]
    pub reminders: Option<Vec<S<String>>>,
    #[serde(default)]
    pub presentations_in_last: Option<S<bool>>,
    #[serde(default)]
    pub group_size: Option<S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: S<String>,
    pub title: S<String>,
    #[serde(default)]
    pub description: Option<S<String>>,
    pub at: S<String>,
    #[serde(default)]
    pub duration: Option<S<String>>,
    #[serde(default)]
    pub location: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrompt {
    pub id: S<String>,
    pub title: S<String>,
    #[serde(default)]
    pub at: Option<S<String>>,
    #[serde(default)]
    pub every: Option<S<String>>,
    #[serde(default)]
    pub until: Option<S<String>>,
    #[serde(default)]
    pub count: Option<S<i64>>,
    #[serde(default)]
    pub file: Option<S<String>>,
    #[serde(default)]
    pub body: Option<S<String>>,
    #[serde(default)]
    pub thread: Option<bool>,
    #[serde(default)]
    pub audience: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModule {
    pub id: S<String>,
    pub title: S<String>,
    #[serde(default)]
    pub summary: Option<S<String>>,
    #[serde(default)]
    pub estimated_minutes: Option<S<i64>>,
    #[serde(default)]
    pub pass_mark: Option<S<i64>>,
    #[serde(default)]
    pub max_attempts: Option<S<i64>>,
    #[serde(default)]
    pub pages: Vec<S<RawPage>>,
    #[serde(default)]
    pub exercises: Vec<S<RawExercise>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: S<String>,
    pub kind: S<String>,
    pub file: S<String>,
    #[serde(default)]
    pub url: Option<S<String>>,
}

/// One table for every kind of exercise, so each field keeps its span; `validate` checks
/// that a kind has the fields it needs and none it would ignore.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExercise {
    pub id: S<String>,
    pub kind: S<String>,
    #[serde(default)]
    pub statement: Option<S<String>>,
    #[serde(default)]
    pub question: Option<S<String>>,
    #[serde(default)]
    pub prompt: Option<S<String>>,
    #[serde(default)]
    pub answer: Option<S<RawAnswer>>,
    #[serde(default)]
    pub answers: Option<S<Vec<S<String>>>>,
    #[serde(default)]
    pub options: Option<S<Vec<S<String>>>>,
    #[serde(default)]
    pub items: Option<S<Vec<S<RawItem>>>>,
    #[serde(default)]
    pub categories: Option<S<Vec<S<String>>>>,
    #[serde(default)]
    pub min_chars: Option<S<i64>>,
    #[serde(default)]
    pub max_chars: Option<S<i64>>,
    #[serde(default)]
    pub visibility: Option<S<String>>,
    #[serde(default)]
    pub explanation: Option<S<String>>,
    #[serde(default)]
    pub feedback_correct: Option<S<String>>,
    #[serde(default)]
    pub feedback_incorrect: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawAnswer {
    Bool(bool),
    Text(String),
}

/// An ordering item is text; a matching item says which category it belongs to.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawItem {
    Text(String),
    Match { text: String, category: String },
}

/// `[listening]`: the campaign's stages, the groups it wants reached and its first themes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawListening {
    pub stages: S<Vec<S<RawStage>>>,
    pub groups: S<Vec<S<RawGroup>>>,
    #[serde(default)]
    pub themes: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    pub id: S<String>,
    pub name: S<String>,
    #[serde(default)]
    pub target: Option<S<i64>>,
    #[serde(default)]
    pub link: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub id: S<String>,
    pub name: S<String>,
    #[serde(default)]
    pub excluded: bool,
}
