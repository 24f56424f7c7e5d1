//! A pack's text in other languages, and the course as a member reads it in theirs. A
//! translation holds only text: ids, answer keys, numbers and times always come from the
//! original, so a translated course grades exactly as the original does.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::*;

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

/// The language part of a locale: `pt` of `pt-BR`.
fn language_of(locale: &str) -> &str {
    locale.split('-').next().unwrap_or(locale)
}

impl Course {
    /// The translation that serves `locale`: the same locale, else the same language
    /// (`fr` serves `fr-CA`); none when the pack is written in that language.
    pub fn translation(&self, locale: &str) -> Option<(&str, &Translation)> {
        if locale == self.language || language_of(locale) == self.language {
            return None;
        }
        self.translations
            .get_key_value(locale)
            .or_else(|| {
                self.translations
                    .iter()
                    .find(|(l, _)| language_of(l) == language_of(locale))
            })
            .map(|(l, t)| (l.as_str(), t))
    }

    /// The course with its text in `locale` where the pack has it, else its own.
    pub fn localized(&self, locale: &str) -> Course {
        let mut course = self.clone();
        if let Some((_, t)) = self.translation(locale) {
            t.apply(&mut course);
        }
        course
    }
}

impl Translation {
    fn apply(&self, course: &mut Course) {
        set(&mut course.title, &self.fields, "title");
        set(&mut course.summary, &self.fields, "summary");
        for badge in &mut course.badges {
            let texts = self.entry("badges", &badge.id);
            set(&mut badge.name, texts, "name");
            set(&mut badge.description, texts, "description");
        }
        for m in &mut course.milestones {
            let texts = self.entry("milestones", &m.id);
            set(&mut m.title, texts, "title");
            set(&mut m.description, texts, "description");
        }
        for p in &mut course.pathways {
            let texts = self.entry("pathways", &p.id);
            set(&mut p.title, texts, "title");
            set(&mut p.prompt, texts, "prompt");
        }
        for s in &mut course.series {
            let texts = self.entry("series", &s.id);
            set(&mut s.title, texts, "title");
            set(&mut s.description, texts, "description");
        }
        for e in &mut course.events {
            let texts = self.entry("events", &e.id);
            set(&mut e.title, texts, "title");
            set(&mut e.description, texts, "description");
        }
        for p in &mut course.prompts {
            let texts = self.entry("prompts", &p.id);
            set(&mut p.title, texts, "title");
            set(&mut p.body, texts, "body");
        }
        for a in &mut course.articles {
            let texts = self.entry("articles", &a.id);
            set(&mut a.title, texts, "title");
            set(&mut a.body, texts, "body");
        }
        for module in &mut course.modules {
            if let Some(t) = self.modules.get(&module.id) {
                t.apply(module);
            }
        }
    }

    fn entry(&self, section: &str, id: &str) -> &Texts {
        static NONE: Texts = Texts::new();
        self.entries
            .get(section)
            .and_then(|s| s.get(id))
            .unwrap_or(&NONE)
    }
}

impl ModuleTranslation {
    fn apply(&self, module: &mut Module) {
        set(&mut module.title, &self.fields, "title");
        set(&mut module.summary, &self.fields, "summary");
        for (n, page) in module.pages.iter_mut().enumerate() {
            if let Some(texts) = self.pages.get(&n) {
                set(&mut page.title, texts, "title");
                set(&mut page.body, texts, "body");
            }
        }
        for exercise in &mut module.exercises {
            if let Some(t) = self.exercises.get(&exercise.id) {
                t.apply(exercise);
            }
        }
    }
}

impl ExerciseTranslation {
    fn apply(&self, exercise: &mut Exercise) {
        let f = &self.fields;
        set_some(&mut exercise.explanation, f, "explanation");
        set_some(&mut exercise.feedback_correct, f, "feedback_correct");
        set_some(&mut exercise.feedback_incorrect, f, "feedback_incorrect");
        match &mut exercise.kind {
            ExerciseKind::TrueFalse { statement, .. } => set(statement, f, "statement"),
            ExerciseKind::SingleChoice {
                question, options, ..
            }
            | ExerciseKind::MultipleChoice {
                question, options, ..
            } => {
                set(question, f, "question");
                self.relabel(options.iter_mut(), "options");
            }
            ExerciseKind::Ordering { question, items } => {
                set(question, f, "question");
                self.relabel(items.iter_mut(), "items");
            }
            ExerciseKind::Matching {
                question,
                categories,
                items,
            } => {
                set(question, f, "question");
                self.relabel(categories.iter_mut(), "categories");
                self.relabel(items.iter_mut().map(|i| &mut i.text), "items");
            }
            ExerciseKind::Reflection { prompt, .. } => set(prompt, f, "prompt"),
        }
    }

    /// Replaces labels in place, only when the translation has one for each: answers are
    /// positions in these lists, so the list keeps its length and order.
    fn relabel<'a>(&self, labels: impl ExactSizeIterator<Item = &'a mut String>, name: &str) {
        match self.lists.get(name) {
            Some(texts) if texts.len() == labels.len() => {
                for (label, text) in labels.zip(texts) {
                    label.clone_from(text);
                }
            }
            _ => {}
        }
    }
}

fn set(target: &mut String, texts: &Texts, name: &str) {
    if let Some(text) = texts.get(name) {
        target.clone_from(text);
    }
}

/// Translates an optional field only where the original has it.
fn set_some(target: &mut Option<String>, texts: &Texts, name: &str) {
    if let (Some(target), Some(text)) = (target, texts.get(name)) {
        target.clone_from(text);
    }
}
