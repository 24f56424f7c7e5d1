//! The course file as a whole: its id, title and module path, built from the parts the
//! other checks return.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::course::model::*;
use crate::course::raw::*;

use super::badges::{badges, pathways};
use super::modules::module;
use super::schedules::{events, milestones, prompts, prompts_after_milestones, series, time_zone};
use super::{Check, Doc, MAX_QUESTION_CHARS, MAX_TITLE_CHARS};

/// Checks the course file against its modules (already parsed) and builds the model.
pub fn course(
    c: &mut Check,
    dir: &Path,
    doc: &Doc,
    raw: &RawCourse,
    modules: &HashMap<String, (Doc, RawModule)>,
    content_hash: String,
) -> Course {
    let folder = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let id = c.id(doc, &raw.id, "course");
    if id != folder {
        c.hint(
            doc,
            raw.id.span(),
            format!("course id `{id}` differs from its folder `{folder}`"),
            "rename one of them",
        );
    }
    let mut module_ids = HashSet::new();
    if raw.modules.get_ref().is_empty() {
        c.report(
            doc,
            raw.modules.span(),
            "`modules` is empty: a course needs at least one module",
        );
    }
    let path: Vec<String> = raw
        .modules
        .get_ref()
        .iter()
        .map(|m| c.unique_id(doc, &mut module_ids, m, "module"))
        .collect();
    let pathways = pathways(c, doc, raw, &mut module_ids);
    let series = series(c, doc, raw);
    let badges = badges(c, doc, raw, &module_ids, &path, &series, &pathways);
    let mut module_order = path.clone();
    module_order.extend(
        pathways
            .iter()
            .flat_map(|p| p.options.iter().flat_map(|o| o.modules.clone())),
    );
    let hub_topics = super::hub::topics(c, doc, raw);
    let milestones = milestones(c, doc, raw, &badges);
    prompts_after_milestones(c, doc, raw, &milestones);
    let mut seen = HashSet::new();
    module_order.retain(|m| seen.insert(m.clone()));
    let mut exercise_ids = HashSet::new();
    let language = super::translations::language(c, doc, raw);
    let translations = super::translations::translations(c, dir, doc, raw, modules, &language);
    Course {
        title: c.text(doc, &raw.title, "course title", MAX_TITLE_CHARS),
        summary: c
            .optional_text(doc, &raw.summary, "summary", MAX_QUESTION_CHARS)
            .unwrap_or_default(),
        version: c
            .optional_text(doc, &raw.version, "version", 40)
            .unwrap_or_else(|| "1".into()),
        content_hash,
        time_zone: raw.time_zone.as_ref().map(|tz| time_zone(c, doc, tz)),
        modules: module_order
            .iter()
            .filter_map(|id| modules.get(id))
            .map(|(mdoc, m)| module(c, dir, mdoc, m, &mut exercise_ids))
            .collect(),
        milestones,
        events: events(c, doc, raw),
        prompts: prompts(c, dir, doc, raw),
        listening: super::listening::listening(c, doc, raw),
        articles: super::hub::articles(c, dir, doc, raw, &hub_topics),
        hub_topics,
        id,
        path,
        badges,
        pathways,
        series,
        language,
        translations,
    }
}
