//! The course as a member reads it: the pack's translation for their locale applied over
//! the original, field by field, leaving ids and answer keys as they are.

use super::model::*;
use super::translation::*;

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
