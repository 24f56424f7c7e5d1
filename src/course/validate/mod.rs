//! Checks raw packs and turns them into the model. Every problem names the file and the
//! line an author must edit; checking carries on after a problem so one run lists them all.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::raw::*;
use super::time::{parse_minutes, TimeExpr};
use super::Problem;

mod badges;
mod course;
mod hub;
mod links;
mod listening;
mod modules;
mod overlay;
mod schedules;
mod translations;

pub use course::course;

/// Discord's limits that pack content must respect.
pub const MAX_CHOICES: usize = 25;
pub const MAX_CHOICE_CHARS: usize = 100;
pub const MAX_QUESTION_CHARS: usize = 4000;
pub const MAX_NOTE_CHARS: usize = 1024;
pub const MAX_TITLE_CHARS: usize = 256;
pub const MAX_ROLE_NAME_CHARS: usize = 100;
pub const MAX_REFLECTION_CHARS: u32 = 4000;
/// Feedback embeds hold the answer, explanation and feedback; Discord allows 6,000
/// characters over a message's embeds, and titles and field names take some.
pub const MAX_FEEDBACK_CHARS: usize = 5000;
const MAX_ID_CHARS: usize = 40;

/// An id as packs write them: lowercase letters, digits and `-`, at most 40 characters.
pub fn is_valid_id(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= MAX_ID_CHARS
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The text without a leading UTF-8 byte order mark, which some editors write: spans and
/// columns then count from the first character an author sees.
pub fn without_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// A file being checked: its path (as shown to the author) and its text.
pub struct Doc {
    pub path: PathBuf,
    pub source: String,
}

/// Collects problems, and warnings about what is legal but likely a mistake, while checking.
#[derive(Default)]
pub struct Check {
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl Check {
    pub fn report(&mut self, doc: &Doc, span: Range<usize>, message: impl Into<String>) {
        self.push(Problem::at(&doc.path, &doc.source, span.start, message));
    }

    fn hint(&mut self, doc: &Doc, span: Range<usize>, message: impl Into<String>, hint: &str) {
        self.push(Problem::at(&doc.path, &doc.source, span.start, message).with_hint(hint));
    }

    fn warn(&mut self, doc: &Doc, span: Range<usize>, message: impl Into<String>) {
        self.push(Problem::at(&doc.path, &doc.source, span.start, message).as_warning());
    }

    /// Records a finding once: a Markdown file two pages share is checked twice.
    fn push(&mut self, found: Problem) {
        let list = if found.warning {
            &mut self.warnings
        } else {
            &mut self.problems
        };
        if !list.contains(&found) {
            list.push(found);
        }
    }

    /// Non-empty text of at most `max` characters.
    fn text(&mut self, doc: &Doc, s: &S<String>, what: &str, max: usize) -> String {
        let value = s.get_ref().trim();
        if value.is_empty() {
            self.report(doc, s.span(), format!("{what} is empty"));
        } else if value.chars().count() > max {
            self.hint(
                doc,
                s.span(),
                format!("{what} has {} characters", value.chars().count()),
                &format!("Discord allows at most {max}"),
            );
        }
        value.to_string()
    }

    fn optional_text(
        &mut self,
        doc: &Doc,
        s: &Option<S<String>>,
        what: &str,
        max: usize,
    ) -> Option<String> {
        s.as_ref().map(|s| self.text(doc, s, what, max))
    }

    fn id(&mut self, doc: &Doc, s: &S<String>, what: &str) -> String {
        let value = s.get_ref();
        if !is_valid_id(value) {
            self.hint(
                doc,
                s.span(),
                format!("{what} id `{value}` is not valid"),
                "use lowercase letters, digits and `-`, at most 40 characters",
            );
        }
        value.clone()
    }

    /// Checks `s` as an id and that it was not used before in `seen`.
    fn unique_id(
        &mut self,
        doc: &Doc,
        seen: &mut HashSet<String>,
        s: &S<String>,
        what: &str,
    ) -> String {
        let id = self.id(doc, s, what);
        if !seen.insert(id.clone()) {
            self.report(doc, s.span(), format!("duplicate {what} id `{id}`"));
        }
        id
    }

    fn time(&mut self, doc: &Doc, s: &S<String>) -> Option<TimeExpr> {
        s.get_ref()
            .parse()
            .map_err(|e| {
                self.hint(
                    doc,
                    s.span(),
                    format!("`{}` is not a time: {e}", s.get_ref()),
                    "e.g. `week 2, Tuesday 18:00`, `month 6`, `after 6 months`",
                )
            })
            .ok()
    }

    fn minutes(&mut self, doc: &Doc, s: &Option<S<String>>, default: u32) -> u32 {
        match s {
            None => default,
            Some(s) => parse_minutes(s.get_ref()).unwrap_or_else(|e| {
                self.report(doc, s.span(), e);
                default
            }),
        }
    }

    fn number(&mut self, doc: &Doc, s: &S<i64>, what: &str, range: Range<i64>) -> u32 {
        let n = *s.get_ref();
        if !range.contains(&n) {
            self.report(
                doc,
                s.span(),
                format!(
                    "{what} must be from {} to {}, not {n}",
                    range.start,
                    range.end - 1
                ),
            );
        }
        u32::try_from(n.clamp(range.start, range.end - 1)).unwrap_or(0)
    }

    fn choice<T: Copy>(
        &mut self,
        doc: &Doc,
        s: &S<String>,
        what: &str,
        choices: &[(&str, T)],
    ) -> Option<T> {
        let found = choices
            .iter()
            .find(|(name, _)| name == s.get_ref())
            .map(|(_, v)| *v);
        if found.is_none() {
            let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
            self.hint(
                doc,
                s.span(),
                format!("unknown {what} `{}`", s.get_ref()),
                &format!("one of: {}", names.join(", ")),
            );
        }
        found
    }

    /// A list a trainee picks from: 1..=25 distinct entries of at most 100 characters.
    fn choices(
        &mut self,
        doc: &Doc,
        list: &S<Vec<S<String>>>,
        what: &str,
        min: usize,
    ) -> Vec<String> {
        let entries = list.get_ref();
        if entries.len() < min || entries.len() > MAX_CHOICES {
            self.hint(
                doc,
                list.span(),
                format!(
                    "{} {what}: there must be {min} to {MAX_CHOICES}",
                    entries.len()
                ),
                "a Discord select menu holds at most 25 options",
            );
        }
        let mut seen = HashSet::new();
        entries
            .iter()
            .map(|e| {
                let text = self.text(doc, e, what, MAX_CHOICE_CHARS);
                if !seen.insert(text.clone()) {
                    self.report(doc, e.span(), format!("`{text}` is listed twice"));
                }
                text
            })
            .collect()
    }

    /// Reads a pack file named in TOML, reporting at the reference when it cannot.
    pub fn read_file(&mut self, dir: &Path, doc: &Doc, file: &S<String>) -> Option<String> {
        let name = file.get_ref();
        let relative = Path::new(name);
        if relative.is_absolute()
            || relative
                .components()
                .any(|c| c == std::path::Component::ParentDir)
        {
            self.report(
                doc,
                file.span(),
                format!("file `{name}` must be inside the pack"),
            );
            return None;
        }
        match std::fs::read_to_string(dir.join(relative)) {
            Ok(text) if text.trim().is_empty() => {
                self.report(doc, file.span(), format!("file `{name}` is empty"));
                None
            }
            Ok(text) => {
                let markdown = Doc {
                    path: dir.join(relative),
                    source: without_bom(text),
                };
                links::markdown(self, &markdown);
                Some(markdown.source)
            }
            Err(e) => {
                self.hint(
                    doc,
                    file.span(),
                    format!("cannot read `{name}`: {e}"),
                    "paths are relative to the pack's folder",
                );
                None
            }
        }
    }
}
