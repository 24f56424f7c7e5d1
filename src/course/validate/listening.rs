//! Checks a course's `[listening]` table: stages in order with their targets and links,
//! the groups to reach, the starting themes; and badges' needs for conversations.

use std::collections::HashSet;

use super::{Check, Doc, MAX_CHOICES, MAX_CHOICE_CHARS};
use crate::course::listening::{
    ConversationRequirement, Listening, ListeningGroup, ListeningStage, MAX_THEME_CHARS,
};
use crate::course::raw::{RawBadge, RawCourse, RawGroup, RawStage, S};

/// The most conversations a stage may ask of one trainee.
const MAX_TARGET: i64 = 1000;

/// Checks the course's `[listening]` table, if any, against its prompts and milestones.
pub fn listening(c: &mut Check, doc: &Doc, raw: &RawCourse) -> Option<Listening> {
    let listening = raw.listening.as_ref()?;
    let links: HashSet<&String> = raw
        .prompts
        .iter()
        .map(|p| p.get_ref().id.get_ref())
        .chain(raw.milestones.iter().map(|m| m.get_ref().id.get_ref()))
        .collect();
    let l = listening.get_ref();
    Some(Listening {
        stages: stages(c, doc, &l.stages, &links),
        groups: groups(c, doc, &l.groups),
        themes: themes(c, doc, &l.themes),
    })
}

/// A badge's `conversations` and `excluded_conversations`, which need a campaign to count.
pub fn conversations(
    c: &mut Check,
    doc: &Doc,
    badge: &RawBadge,
    raw: &RawCourse,
) -> Option<ConversationRequirement> {
    let req = badge.requires.as_ref()?.get_ref();
    let first = req
        .conversations
        .as_ref()
        .or(req.excluded_conversations.as_ref())?;
    if raw.listening.is_none() {
        c.hint(
            doc,
            first.span(),
            format!(
                "badge `{}` counts conversations but the course has no listening campaign",
                badge.id.get_ref()
            ),
            "add a [listening] table",
        );
        return None;
    }
    let mut number = |n: &Option<S<i64>>, what: &str| {
        n.as_ref()
            .map_or(0, |n| c.number(doc, n, what, 0..MAX_TARGET * 25 + 1))
    };
    let count = number(&req.conversations, "conversations");
    let excluded = number(&req.excluded_conversations, "excluded conversations");
    Some(ConversationRequirement {
        count: count.max(excluded).max(1),
        excluded,
    })
}

fn stages(
    c: &mut Check,
    doc: &Doc,
    raw: &S<Vec<S<RawStage>>>,
    links: &HashSet<&String>,
) -> Vec<ListeningStage> {
    within_a_menu(c, doc, raw, "listening stages");
    let mut ids = HashSet::new();
    raw.get_ref()
        .iter()
        .map(|s| {
            let s = s.get_ref();
            let id = c.unique_id(doc, &mut ids, &s.id, "listening stage");
            if let Some(link) = s.link.as_ref().filter(|l| !links.contains(l.get_ref())) {
                c.hint(
                    doc,
                    link.span(),
                    format!(
                        "listening stage `{id}` links to unknown prompt or milestone `{}`",
                        link.get_ref()
                    ),
                    "name the id of a [[prompts]] or [[milestones]] entry",
                );
            }
            ListeningStage {
                name: c.text(doc, &s.name, "stage name", MAX_CHOICE_CHARS),
                target: s
                    .target
                    .as_ref()
                    .map(|t| c.number(doc, t, "stage target", 1..MAX_TARGET + 1)),
                link: s.link.as_ref().map(|l| l.get_ref().clone()),
                id,
            }
        })
        .collect()
}

fn groups(c: &mut Check, doc: &Doc, raw: &S<Vec<S<RawGroup>>>) -> Vec<ListeningGroup> {
    within_a_menu(c, doc, raw, "listening groups");
    let mut ids = HashSet::new();
    raw.get_ref()
        .iter()
        .map(|g| {
            let g = g.get_ref();
            ListeningGroup {
                id: c.unique_id(doc, &mut ids, &g.id, "listening group"),
                name: c.text(doc, &g.name, "group name", MAX_CHOICE_CHARS),
                excluded: g.excluded,
            }
        })
        .collect()
}

fn themes(c: &mut Check, doc: &Doc, raw: &[S<String>]) -> Vec<String> {
    let mut seen = HashSet::new();
    raw.iter()
        .map(|t| {
            let theme = c.text(doc, t, "theme", MAX_THEME_CHARS);
            if !seen.insert(theme.to_lowercase()) {
                c.report(doc, t.span(), format!("theme `{theme}` is listed twice"));
            }
            theme
        })
        .collect()
}

/// Stages and groups are picked from select menus: one to 25 of them.
fn within_a_menu<T>(c: &mut Check, doc: &Doc, list: &S<Vec<T>>, what: &str) {
    let n = list.get_ref().len();
    if !(1..=MAX_CHOICES).contains(&n) {
        c.hint(
            doc,
            list.span(),
            format!("{n} {what}: there must be 1 to {MAX_CHOICES}"),
            "a Discord select menu holds at most 25 options",
        );
    }
}
