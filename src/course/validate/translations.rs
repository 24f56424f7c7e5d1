//! A pack's translations: `X.fr.toml` overlays beside each TOML file, holding only text
//! keyed by id (see the format in `course.toml`'s `translations`), and `page.fr.md` beside
//! each Markdown file. What a declared translation lacks is a warning at the original's
//! place; overlay text that matches nothing in the original is an error at its own.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::course::raw::*;
use crate::course::translation::*;

use super::overlay::*;
use super::{Check, Doc, MAX_CHOICE_CHARS, MAX_NOTE_CHARS, MAX_QUESTION_CHARS, MAX_TITLE_CHARS};

/// A Discord locale as packs name them: `fr`, `pt-BR`, `es-ES`.
fn is_valid_locale(locale: &str) -> bool {
    let mut parts = locale.split('-');
    let language = parts.next().unwrap_or_default();
    let region = parts.next();
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase()))
        && parts.next().is_none()
}

/// The pack's language, checked.
pub(super) fn language(c: &mut Check, doc: &Doc, raw: &RawCourse) -> String {
    let Some(language) = &raw.language else {
        return default_language();
    };
    if !is_valid_locale(language.get_ref()) {
        c.hint(
            doc,
            language.span(),
            format!("`{}` is not a locale", language.get_ref()),
            "a Discord locale such as `en`, `fr` or `pt-BR`",
        );
    }
    language.get_ref().clone()
}

/// Reads every declared translation of the pack.
pub(super) fn translations(
    c: &mut Check,
    dir: &Path,
    doc: &Doc,
    raw: &RawCourse,
    modules: &HashMap<String, (Doc, RawModule)>,
    language: &str,
) -> BTreeMap<String, Translation> {
    let mut declared = HashSet::new();
    let mut found = BTreeMap::new();
    for locale in &raw.translations {
        let name = locale.get_ref();
        if !is_valid_locale(name) {
            let message = format!("`{name}` is not a locale");
            c.hint(doc, locale.span(), message, "e.g. `fr`, `pt-BR`, `es-ES`");
        } else if name == language {
            let message = format!("`{name}` is the pack's own language");
            c.report(doc, locale.span(), message);
        } else if !declared.insert(name.clone()) {
            c.report(doc, locale.span(), format!("`{name}` is listed twice"));
        } else {
            let mut sorted: Vec<_> = modules.iter().collect();
            sorted.sort_by_key(|(id, _)| *id);
            let mut t = Translator {
                c: &mut *c,
                dir,
                locale: name,
            };
            let mut translation = t.course(doc, raw);
            for (id, (mdoc, module)) in sorted {
                let m = t.module(mdoc, module);
                translation.modules.insert(id.clone(), m);
            }
            found.insert(name.clone(), translation);
        }
    }
    undeclared_overlays(c, dir, &declared);
    found
}

/// `badge` for `badges`.
fn singular(section: &str) -> &str {
    match section {
        "series" => section,
        _ => section.strip_suffix('s').unwrap_or(section),
    }
}

/// The file's name, as messages name an overlay beside the file they are about.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// `X.LOCALE.toml` or `X.LOCALE.md`: the translation of `X.toml` or `X.md`.
fn translated_path(original: &str, locale: &str) -> String {
    match original.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') => format!("{stem}.{locale}.{ext}"),
        _ => format!("{original}.{locale}"),
    }
}

/// Overlays for a locale `translations` does not list are never read: say so.
fn undeclared_overlays(c: &mut Check, dir: &Path, declared: &HashSet<String>) {
    let mut files: Vec<PathBuf> = [dir.to_path_buf(), dir.join("modules")]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let Some(locale) = name
            .strip_suffix(".toml")
            .and_then(|stem| stem.rsplit_once('.'))
            .map(|(_, locale)| locale)
        else {
            continue;
        };
        if !declared.contains(locale) {
            let message = format!("translation `{locale}` is not listed in course.toml's `translations`, so this file is not read");
            let doc = Doc {
                path,
                source: String::new(),
            };
            c.warn(&doc, 0..0, message);
        }
    }
}

struct Translator<'a> {
    c: &'a mut Check,
    dir: &'a Path,
    locale: &'a str,
}

impl Translator<'_> {
    /// Parses `X.LOCALE.toml` beside `original`; none (and a warning) when there is none.
    fn overlay<T: for<'de> Deserialize<'de>>(&mut self, original: &Doc) -> Option<(Doc, T)> {
        let original_name = original.path.to_string_lossy();
        let path = PathBuf::from(translated_path(&original_name, self.locale));
        let Ok(source) = std::fs::read_to_string(&path) else {
            let message = format!(
                "no `{}` translation: {} is missing, so this file's text shows untranslated",
                self.locale,
                file_name(&path)
            );
            self.c.warn(original, 0..0, message);
            return None;
        };
        let doc = Doc {
            path,
            source: super::without_bom(source),
        };
        match toml::from_str::<T>(&doc.source) {
            Ok(raw) => Some((doc, raw)),
            Err(e) => {
                let message = e.message().to_string();
                self.c.report(&doc, e.span().unwrap_or(0..0), message);
                None
            }
        }
    }

    fn course(&mut self, doc: &Doc, raw: &RawCourse) -> Translation {
        let mut t = Translation::default();
        let (odoc, overlay) = match self.overlay::<CourseOverlay>(doc) {
            Some((odoc, overlay)) => (Some(odoc), overlay),
            None => (None, CourseOverlay::default()),
        };
        if let Some(odoc) = &odoc {
            let fields = [
                ("title", Some(&raw.title), &overlay.title, MAX_TITLE_CHARS),
                (
                    "summary",
                    raw.summary.as_ref(),
                    &overlay.summary,
                    MAX_QUESTION_CHARS,
                ),
            ];
            for (name, original, translated, max) in fields {
                let pair = Pair::new(doc, odoc);
                self.field(
                    pair,
                    name,
                    original,
                    translated.as_ref(),
                    max,
                    &mut t.fields,
                );
            }
        }
        let sections: [(&str, Vec<Entry>, &Entries); 7] = [
            (
                "badges",
                raw.badges.iter().map(badge).collect(),
                &overlay.badges,
            ),
            (
                "milestones",
                raw.milestones.iter().map(milestone).collect(),
                &overlay.milestones,
            ),
            (
                "pathways",
                raw.pathways.iter().map(pathway).collect(),
                &overlay.pathways,
            ),
            (
                "series",
                raw.series.iter().map(series).collect(),
                &overlay.series,
            ),
            (
                "events",
                raw.events.iter().map(event).collect(),
                &overlay.events,
            ),
            (
                "prompts",
                raw.prompts.iter().map(prompt).collect(),
                &overlay.prompts,
            ),
            (
                "articles",
                raw.articles.iter().map(article).collect(),
                &overlay.articles,
            ),
        ];
        for (section, originals, translated) in sections {
            let texts = self.section(doc, odoc.as_ref(), section, &originals, translated);
            if !texts.is_empty() {
                t.entries.insert(section.to_string(), texts);
            }
        }
        t
    }

    /// One `[section.<id>]` group of the course overlay against the original's entries.
    fn section(
        &mut self,
        doc: &Doc,
        odoc: Option<&Doc>,
        section: &str,
        originals: &[Entry],
        translated: &Entries,
    ) -> BTreeMap<String, Texts> {
        let mut found = BTreeMap::new();
        for original in originals {
            let mut texts = Texts::new();
            if let Some(file) = original.file {
                if let Some(body) = self.markdown(doc, file) {
                    texts.insert("body".into(), body);
                }
            }
            let entry = translated.get_key_value(original.id.get_ref().as_str());
            match (odoc, entry) {
                (Some(odoc), Some((_, fields))) => {
                    let pair = Pair::new(doc, odoc);
                    for key in fields.get_ref().keys() {
                        if !original.fields.iter().any(|(n, _, _)| n == key.get_ref()) {
                            let message = format!(
                                "`{}` is not a text of {} `{}` that a translation can give",
                                key.get_ref(),
                                singular(section),
                                original.id.get_ref()
                            );
                            self.c.report(odoc, key.span(), message);
                        }
                    }
                    for (name, span_text, max) in &original.fields {
                        let translated = fields.get_ref().get(*name);
                        self.field(pair, name, span_text.as_ref(), translated, *max, &mut texts);
                    }
                }
                (Some(odoc), None) => {
                    let message = format!(
                        "{} `{}` has no `{}` text in {}",
                        singular(section),
                        original.id.get_ref(),
                        self.locale,
                        file_name(&odoc.path)
                    );
                    self.c.warn(doc, original.id.span(), message);
                }
                (None, _) => {}
            }
            if !texts.is_empty() {
                found.insert(original.id.get_ref().clone(), texts);
            }
        }
        if let Some(odoc) = odoc {
            for key in translated.keys() {
                if !originals.iter().any(|o| o.id.get_ref() == key.get_ref()) {
                    let message = format!(
                        "the pack has no {} with id `{}`",
                        singular(section),
                        key.get_ref()
                    );
                    self.c.report(odoc, key.span(), message);
                }
            }
        }
        found
    }

    fn module(&mut self, doc: &Doc, raw: &RawModule) -> ModuleTranslation {
        let mut t = ModuleTranslation::default();
        let overlay = self.overlay::<ModuleOverlay>(doc);
        let (odoc, overlay) = match &overlay {
            Some((odoc, overlay)) => (Some(odoc), overlay),
            None => (None, &ModuleOverlay::default()),
        };
        if let Some(odoc) = odoc {
            let pair = Pair::new(doc, odoc);
            self.field(
                pair,
                "title",
                Some(&raw.title),
                overlay.title.as_ref(),
                MAX_TITLE_CHARS,
                &mut t.fields,
            );
            self.field(
                pair,
                "summary",
                raw.summary.as_ref(),
                overlay.summary.as_ref(),
                MAX_NOTE_CHARS,
                &mut t.fields,
            );
        }
        for (n, page) in raw.pages.iter().enumerate() {
            let page = page.get_ref();
            let mut texts = Texts::new();
            if let Some(body) = self.markdown(doc, &page.file) {
                texts.insert("body".into(), body);
            }
            if let Some(odoc) = odoc {
                let pair = Pair::new(doc, odoc);
                let title = overlay
                    .pages
                    .get(page.file.get_ref().as_str())
                    .and_then(|p| p.get_ref().title.as_ref());
                self.field(
                    pair,
                    "title",
                    Some(&page.title),
                    title,
                    MAX_TITLE_CHARS,
                    &mut texts,
                );
            }
            if !texts.is_empty() {
                t.pages.insert(n, texts);
            }
        }
        if let Some(odoc) = odoc {
            for key in overlay.pages.keys() {
                if !raw
                    .pages
                    .iter()
                    .any(|p| p.get_ref().file.get_ref() == key.get_ref())
                {
                    let message =
                        format!("no page of this module has the file `{}`", key.get_ref());
                    self.c.report(odoc, key.span(), message);
                }
            }
            for e in &raw.exercises {
                let id = &e.get_ref().id;
                match overlay.exercises.get(id.get_ref().as_str()) {
                    Some(translated) => {
                        let found =
                            self.exercise(Pair::new(doc, odoc), e.get_ref(), translated.get_ref());
                        t.exercises.insert(id.get_ref().clone(), found);
                    }
                    None => {
                        let message = format!(
                            "exercise `{}` has no `{}` text in {}",
                            id.get_ref(),
                            self.locale,
                            file_name(&odoc.path)
                        );
                        self.c.warn(doc, id.span(), message);
                    }
                }
            }
            for key in overlay.exercises.keys() {
                if !raw
                    .exercises
                    .iter()
                    .any(|e| e.get_ref().id.get_ref() == key.get_ref())
                {
                    let message =
                        format!("this module has no exercise with id `{}`", key.get_ref());
                    self.c.report(odoc, key.span(), message);
                }
            }
        }
        t
    }

    fn exercise(
        &mut self,
        pair: Pair,
        raw: &RawExercise,
        o: &ExerciseOverlay,
    ) -> ExerciseTranslation {
        let mut t = ExerciseTranslation::default();
        let texts = [
            (
                "statement",
                &raw.statement,
                &o.statement,
                MAX_QUESTION_CHARS,
            ),
            ("question", &raw.question, &o.question, MAX_QUESTION_CHARS),
            ("prompt", &raw.prompt, &o.prompt, MAX_QUESTION_CHARS),
            (
                "explanation",
                &raw.explanation,
                &o.explanation,
                MAX_NOTE_CHARS,
            ),
            (
                "feedback_correct",
                &raw.feedback_correct,
                &o.feedback_correct,
                MAX_NOTE_CHARS,
            ),
            (
                "feedback_incorrect",
                &raw.feedback_incorrect,
                &o.feedback_incorrect,
                MAX_NOTE_CHARS,
            ),
        ];
        for (name, original, translated, max) in texts {
            self.field(
                pair,
                name,
                original.as_ref(),
                translated.as_ref(),
                max,
                &mut t.fields,
            );
        }
        let lists = [
            (
                "options",
                raw.options.as_ref().map(|l| (l.span(), l.get_ref().len())),
                &o.options,
            ),
            (
                "items",
                raw.items.as_ref().map(|l| (l.span(), l.get_ref().len())),
                &o.items,
            ),
            (
                "categories",
                raw.categories
                    .as_ref()
                    .map(|l| (l.span(), l.get_ref().len())),
                &o.categories,
            ),
        ];
        for (name, original, translated) in lists {
            if let Some(list) = self.list(pair, name, original, translated.as_ref()) {
                t.lists.insert(name.to_string(), list);
            }
        }
        t
    }

    /// A translated list: as long as the original, else a warning and the original shows.
    fn list(
        &mut self,
        pair: Pair,
        name: &str,
        original: Option<(Range<usize>, usize)>,
        translated: Option<&S<Vec<S<String>>>>,
    ) -> Option<Vec<String>> {
        match (original, translated) {
            (Some((span, _)), None) => {
                let message = format!(
                    "`{name}` has no `{}` translation in {}",
                    self.locale,
                    file_name(&pair.overlay.path)
                );
                self.c.warn(pair.original, span, message);
                None
            }
            (None, Some(t)) => {
                let message = format!("the original has no `{name}` to translate");
                self.c.report(pair.overlay, t.span(), message);
                None
            }
            (Some((_, len)), Some(t)) if t.get_ref().len() != len => {
                let message = format!(
                    "`{name}` has {} entries where the original has {len}: answers are positions in this list, so the original shows",
                    t.get_ref().len()
                );
                self.c.warn(pair.overlay, t.span(), message);
                None
            }
            (Some(_), Some(t)) => Some(
                t.get_ref()
                    .iter()
                    .map(|s| self.c.text(pair.overlay, s, name, MAX_CHOICE_CHARS))
                    .collect(),
            ),
            (None, None) => None,
        }
    }

    /// One text field: kept when both have it; a warning when only the original has it,
    /// an error when only the translation does.
    fn field(
        &mut self,
        pair: Pair,
        name: &str,
        original: Option<&S<String>>,
        translated: Option<&S<String>>,
        max: usize,
        out: &mut Texts,
    ) {
        match (original, translated) {
            (Some(_), Some(t)) => {
                let text = self.c.text(pair.overlay, t, &format!("`{name}`"), max);
                out.insert(name.to_string(), text);
            }
            (Some(o), None) => {
                let message = format!(
                    "`{name}` has no `{}` translation in {}",
                    self.locale,
                    file_name(&pair.overlay.path)
                );
                self.c.warn(pair.original, o.span(), message);
            }
            (None, Some(t)) => {
                let message = format!("the original has no `{name}` to translate");
                self.c.report(pair.overlay, t.span(), message);
            }
            (None, None) => {}
        }
    }

    /// The translated Markdown beside a file the pack names; a warning when there is none.
    fn markdown(&mut self, doc: &Doc, file: &S<String>) -> Option<String> {
        let translated = translated_path(file.get_ref(), self.locale);
        if !self.dir.join(&translated).is_file() {
            let message = format!(
                "`{}` has no `{}` translation: {translated} is missing",
                file.get_ref(),
                self.locale
            );
            self.c.warn(doc, file.span(), message);
            return None;
        }
        self.c
            .read_file(self.dir, doc, &S::new(file.span(), translated))
            .map(|body| body.trim().to_string())
    }
}
