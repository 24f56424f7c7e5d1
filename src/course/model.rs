//! The validated course model. Cohorts store it as JSON, so a running cohort keeps the
//! version it started with whatever happens to the files on disk.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::screens::{LaidOut, Screen};
use super::time::{CronRule, TimeExpr};

/// The tag the knowledge hub puts on a question once an answer is accepted.
pub const ANSWERED_TAG: &str = "answered";
/// Discord's longest forum tag name.
pub const MAX_TAG_CHARS: usize = 20;
/// A forum holds 20 tags; one is [`ANSWERED_TAG`].
pub const MAX_HUB_TOPICS: usize = 19;
/// Discord's longest thread name, so an article's title.
pub const MAX_ARTICLE_TITLE: usize = 100;
/// Discord's most tags on one forum post.
pub const MAX_ARTICLE_TAGS: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Course {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The author's label, e.g. "1.0".
    pub version: String,
    /// SHA-256 of every file in the pack, hex: tells two versions with the same label apart.
    pub content_hash: String,
    /// The IANA time zone offered first when a cohort is created.
    pub time_zone: Option<String>,
    /// Ids of the modules on the learning path, in the order they open.
    pub path: Vec<String>,
    /// Every module: the path's first, in order, then those that only a pathway opens.
    pub modules: Vec<Module>,
    pub badges: Vec<Badge>,
    pub milestones: Vec<Milestone>,
    pub pathways: Vec<Pathway>,
    pub series: Vec<Series>,
    pub events: Vec<Event>,
    pub prompts: Vec<Prompt>,
    /// Snapshots taken before listening campaigns existed have none.
    #[serde(default)]
    pub listening: Option<super::Listening>,
    /// The knowledge hub's topics, each a tag on its forums. Older snapshots have none.
    #[serde(default)]
    pub hub_topics: Vec<String>,
    /// Articles the hub publishes in its articles forum. Older snapshots have none.
    #[serde(default)]
    pub articles: Vec<Article>,
    /// The locale the pack is written in (`en` unless it says).
    #[serde(default = "super::translation::default_language")]
    pub language: String,
    /// Its text in other locales, by locale. Older snapshots have none.
    #[serde(default)]
    pub translations: BTreeMap<String, super::Translation>,
}

impl Course {
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }

    pub fn badge(&self, id: &str) -> Option<&Badge> {
        self.badges.iter().find(|b| b.id == id)
    }

    pub fn series(&self, id: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.id == id)
    }
}

/// An article of the pack, published as a post in the hub's articles forum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    /// The post's title: at most [`MAX_ARTICLE_TITLE`] characters.
    pub title: String,
    /// Among the course's hub topics; at most [`MAX_ARTICLE_TAGS`].
    pub tags: Vec<String>,
    /// Markdown, whole; split over messages when published.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Module {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub estimated_minutes: Option<u32>,
    /// Percent of the scored exercises' points needed to complete the module.
    pub pass_mark: u8,
    /// `None`: unlimited attempts.
    pub max_attempts: Option<u32>,
    pub pages: Vec<Page>,
    pub exercises: Vec<Exercise>,
    /// Its pages cut into screens (see [`Module::screens`]), once asked for.
    #[serde(skip)]
    pub laid_out: LaidOut,
}

impl Module {
    /// Every page cut for display ([`split_for_embeds`](super::text::split_for_embeds)), in
    /// reading order; cut once, the first time they are asked for.
    pub fn screens(&self) -> &[Screen] {
        self.laid_out
            .screens(self.pages.iter().map(|page| page.body.as_str()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub title: String,
    pub kind: PageKind,
    pub url: Option<String>,
    /// Markdown, whole; [`super::text::split_for_embeds`] splits it for display.
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Reading,
    Video,
    CaseStudy,
}

impl PageKind {
    pub fn label(self) -> &'static str {
        match self {
            PageKind::Reading => "Reading",
            PageKind::Video => "Video",
            PageKind::CaseStudy => "Case study",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exercise {
    pub id: String,
    pub kind: ExerciseKind,
    pub explanation: Option<String>,
    pub feedback_correct: Option<String>,
    pub feedback_incorrect: Option<String>,
}

/// What a trainee is asked. Answer keys are indexes into the lists shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExerciseKind {
    TrueFalse {
        statement: String,
        answer: bool,
    },
    SingleChoice {
        question: String,
        options: Vec<String>,
        answer: usize,
    },
    MultipleChoice {
        question: String,
        options: Vec<String>,
        answers: Vec<usize>,
    },
    /// `items` in the right order.
    Ordering {
        question: String,
        items: Vec<String>,
    },
    Matching {
        question: String,
        categories: Vec<String>,
        items: Vec<MatchItem>,
    },
    Reflection {
        prompt: String,
        min_chars: u32,
        max_chars: u32,
        visibility: Visibility,
    },
}

impl ExerciseKind {
    pub fn name(&self) -> &'static str {
        match self {
            ExerciseKind::TrueFalse { .. } => "true/false",
            ExerciseKind::SingleChoice { .. } => "single choice",
            ExerciseKind::MultipleChoice { .. } => "multiple choice",
            ExerciseKind::Ordering { .. } => "ordering",
            ExerciseKind::Matching { .. } => "matching",
            ExerciseKind::Reflection { .. } => "reflection",
        }
    }

    /// What the exercise asks: the statement, the question or the reflection prompt.
    pub fn asked(&self) -> &str {
        match self {
            ExerciseKind::TrueFalse { statement, .. } => statement,
            ExerciseKind::SingleChoice { question, .. }
            | ExerciseKind::MultipleChoice { question, .. }
            | ExerciseKind::Ordering { question, .. }
            | ExerciseKind::Matching { question, .. } => question,
            ExerciseKind::Reflection { prompt, .. } => prompt,
        }
    }

    /// Reflections are complete once written; everything else earns points.
    pub fn is_scored(&self) -> bool {
        !matches!(self, ExerciseKind::Reflection { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchItem {
    pub text: String,
    /// Index into the exercise's categories.
    pub category: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Facilitators,
    Cohort,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Badge {
    pub id: String,
    /// The Discord role's name.
    pub name: String,
    /// 0xRRGGBB.
    pub colour: u32,
    pub emoji: Option<String>,
    pub description: String,
    pub award: AwardMode,
    pub requires: Requirements,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardMode {
    /// Given as soon as the requirements are met.
    Auto,
    /// Given by a facilitator; the requirements say what must be done first.
    Manual,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Requirements {
    /// Module ids, with `all_modules` already expanded to the learning path.
    pub modules: Vec<String>,
    pub attended: Vec<AttendanceRequirement>,
    pub badges: Vec<String>,
    /// Pathway ids: a route chosen on each, and every module of that route complete.
    #[serde(default)]
    pub pathway_modules: Vec<String>,
    /// One-to-ones of the listening campaign logged.
    #[serde(default)]
    pub conversations: Option<super::ConversationRequirement>,
}

impl Requirements {
    pub fn is_empty(&self) -> bool {
        self.modules.is_empty()
            && self.attended.is_empty()
            && self.badges.is_empty()
            && self.pathway_modules.is_empty()
            && self.conversations.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceRequirement {
    pub series: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: String,
    pub title: String,
    pub description: String,
    pub at: TimeExpr,
    /// A badge facilitators are reminded to award at this point.
    pub badge: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pathway {
    pub id: String,
    pub title: String,
    pub prompt: String,
    pub choose_by: Option<TimeExpr>,
    pub options: Vec<PathwayOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathwayOption {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
    /// Modules that open only for trainees who chose this option.
    pub modules: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub id: String,
    pub kind: SeriesKind,
    pub title: String,
    pub description: String,
    pub count: u32,
    pub first: Option<TimeExpr>,
    pub every_minutes: Option<u32>,
    pub duration_minutes: u32,
    /// Minutes before each session, largest first.
    pub reminders_minutes: Vec<u32>,
    pub presentations_in_last: bool,
    pub group_size: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesKind {
    Mentoring,
    ActionLearningSet,
}

impl SeriesKind {
    pub fn label(self) -> &'static str {
        match self {
            SeriesKind::Mentoring => "mentoring meetings",
            SeriesKind::ActionLearningSet => "action learning sets",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub description: String,
    pub at: TimeExpr,
    pub duration_minutes: u32,
    pub location: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prompt {
    pub id: String,
    pub title: String,
    pub when: PromptTiming,
    /// A repeating prompt posts nothing after this time (packs written before it existed
    /// have none, hence the default).
    #[serde(default)]
    pub until: Option<TimeExpr>,
    /// A repeating prompt posts at most this many times, counted from the cohort's start.
    #[serde(default)]
    pub count: Option<u32>,
    /// Markdown.
    pub body: String,
    pub thread: bool,
    pub audience: Audience,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromptTiming {
    At(TimeExpr),
    Every(CronRule),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Cohort,
    Facilitators,
}
