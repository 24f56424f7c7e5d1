//! The overlay files as translators write them (`X.fr.toml`: only text, keyed by id), and
//! the original's text fields each overlay entry answers to.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::course::model::MAX_ARTICLE_TITLE;
use crate::course::raw::*;

use super::{Doc, MAX_NOTE_CHARS, MAX_QUESTION_CHARS, MAX_ROLE_NAME_CHARS, MAX_TITLE_CHARS};

/// Entries by id, each with its text fields by name.
pub(super) type Entries = BTreeMap<S<String>, S<BTreeMap<S<String>, S<String>>>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CourseOverlay {
    pub(super) title: Option<S<String>>,
    pub(super) summary: Option<S<String>>,
    #[serde(default)]
    pub(super) badges: Entries,
    #[serde(default)]
    pub(super) milestones: Entries,
    #[serde(default)]
    pub(super) pathways: Entries,
    #[serde(default)]
    pub(super) series: Entries,
    #[serde(default)]
    pub(super) events: Entries,
    #[serde(default)]
    pub(super) prompts: Entries,
    #[serde(default)]
    pub(super) articles: Entries,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ModuleOverlay {
    pub(super) title: Option<S<String>>,
    pub(super) summary: Option<S<String>>,
    #[serde(default)]
    pub(super) pages: BTreeMap<S<String>, S<PageOverlay>>,
    #[serde(default)]
    pub(super) exercises: BTreeMap<S<String>, S<ExerciseOverlay>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PageOverlay {
    pub(super) title: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExerciseOverlay {
    pub(super) statement: Option<S<String>>,
    pub(super) question: Option<S<String>>,
    pub(super) prompt: Option<S<String>>,
    pub(super) options: Option<S<Vec<S<String>>>>,
    pub(super) items: Option<S<Vec<S<String>>>>,
    pub(super) categories: Option<S<Vec<S<String>>>>,
    pub(super) explanation: Option<S<String>>,
    pub(super) feedback_correct: Option<S<String>>,
    pub(super) feedback_incorrect: Option<S<String>>,
}

/// The original file and its overlay.
#[derive(Clone, Copy)]
pub(super) struct Pair<'a> {
    pub(super) original: &'a Doc,
    pub(super) overlay: &'a Doc,
}

impl<'a> Pair<'a> {
    pub(super) fn new(original: &'a Doc, overlay: &'a Doc) -> Self {
        Pair { original, overlay }
    }
}

/// An entry of the course file: its id, its text fields (name, the original, the most
/// characters allowed) and the Markdown file that holds its body, if any.
pub(super) struct Entry<'a> {
    pub(super) id: &'a S<String>,
    pub(super) fields: Vec<(&'static str, Option<S<String>>, usize)>,
    pub(super) file: Option<&'a S<String>>,
}

fn entry<'a>(
    id: &'a S<String>,
    fields: Vec<(&'static str, Option<&S<String>>, usize)>,
    file: Option<&'a S<String>>,
) -> Entry<'a> {
    Entry {
        id,
        fields: fields
            .into_iter()
            .map(|(n, s, max)| (n, s.cloned(), max))
            .collect(),
        file,
    }
}

pub(super) fn badge(b: &S<RawBadge>) -> Entry<'_> {
    let b = b.get_ref();
    entry(
        &b.id,
        vec![
            ("name", Some(&b.name), MAX_ROLE_NAME_CHARS),
            ("description", b.description.as_ref(), MAX_NOTE_CHARS),
        ],
        None,
    )
}

pub(super) fn milestone(m: &S<RawMilestone>) -> Entry<'_> {
    let m = m.get_ref();
    entry(
        &m.id,
        vec![
            ("title", Some(&m.title), MAX_TITLE_CHARS),
            ("description", m.description.as_ref(), MAX_NOTE_CHARS),
        ],
        None,
    )
}

pub(super) fn pathway(p: &S<RawPathway>) -> Entry<'_> {
    let p = p.get_ref();
    entry(
        &p.id,
        vec![
            ("title", Some(&p.title), MAX_TITLE_CHARS),
            ("prompt", Some(&p.prompt), MAX_NOTE_CHARS),
        ],
        None,
    )
}

pub(super) fn series(s: &S<RawSeries>) -> Entry<'_> {
    let s = s.get_ref();
    entry(
        &s.id,
        vec![
            ("title", Some(&s.title), MAX_TITLE_CHARS),
            ("description", s.description.as_ref(), MAX_NOTE_CHARS),
        ],
        None,
    )
}

pub(super) fn event(e: &S<RawEvent>) -> Entry<'_> {
    let e = e.get_ref();
    entry(
        &e.id,
        vec![
            ("title", Some(&e.title), MAX_TITLE_CHARS),
            ("description", e.description.as_ref(), MAX_NOTE_CHARS),
        ],
        None,
    )
}

pub(super) fn prompt(p: &S<RawPrompt>) -> Entry<'_> {
    let p = p.get_ref();
    entry(
        &p.id,
        vec![
            ("title", Some(&p.title), MAX_TITLE_CHARS),
            ("body", p.body.as_ref(), MAX_QUESTION_CHARS),
        ],
        p.file.as_ref(),
    )
}

pub(super) fn article(a: &S<RawArticle>) -> Entry<'_> {
    let a = a.get_ref();
    entry(
        &a.id,
        vec![("title", Some(&a.title), MAX_ARTICLE_TITLE)],
        Some(&a.file),
    )
}
