//! Badges and pathways: what a badge asks for, that requirements name things that exist and
//! never wait on each other in a circle, and the routes a trainee chooses between.

use std::collections::{HashMap, HashSet};

use crate::course::model::*;
use crate::course::raw::*;

use super::{
    Check, Doc, MAX_CHOICES, MAX_CHOICE_CHARS, MAX_NOTE_CHARS, MAX_ROLE_NAME_CHARS, MAX_TITLE_CHARS,
};

pub(super) fn pathways(
    c: &mut Check,
    doc: &Doc,
    raw: &RawCourse,
    module_ids: &mut HashSet<String>,
) -> Vec<Pathway> {
    let core: HashSet<String> = module_ids.clone();
    let mut ids = HashSet::new();
    raw.pathways
        .iter()
        .map(|p| {
            let p = p.get_ref();
            let options = p.options.get_ref();
            if options.is_empty() || options.len() > MAX_CHOICES {
                c.hint(doc, p.options.span(), format!("{} options: there must be 1 to {MAX_CHOICES}", options.len()), "a Discord select menu holds at most 25 options");
            }
            let mut option_ids = HashSet::new();
            Pathway {
                id: c.unique_id(doc, &mut ids, &p.id, "pathway"),
                title: c.text(doc, &p.title, "pathway title", MAX_TITLE_CHARS),
                prompt: c.text(doc, &p.prompt, "pathway prompt", MAX_NOTE_CHARS),
                choose_by: p.choose_by.as_ref().and_then(|t| c.time(doc, t)),
                options: options
                    .iter()
                    .map(|o| {
                        let o = o.get_ref();
                        PathwayOption {
                            id: c.unique_id(doc, &mut option_ids, &o.id, "pathway option"),
                            label: c.text(doc, &o.label, "option label", MAX_CHOICE_CHARS),
                            description: c.optional_text(doc, &o.description, "option description", MAX_CHOICE_CHARS),
                            modules: o
                                .modules
                                .iter()
                                .map(|m| {
                                    if core.contains(m.get_ref()) {
                                        c.hint(doc, m.span(), format!("module `{}` is already on the learning path", m.get_ref()), "a pathway module opens only on its route; list it in one place");
                                    }
                                    module_ids.insert(m.get_ref().clone());
                                    c.id(doc, m, "module")
                                })
                                .collect(),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

pub(super) fn badges(
    c: &mut Check,
    doc: &Doc,
    raw: &RawCourse,
    module_ids: &HashSet<String>,
    path: &[String],
    series: &[Series],
    pathways: &[Pathway],
) -> Vec<Badge> {
    let badge_ids: HashSet<&String> = raw
        .badges
        .iter()
        .map(|b| b.get_ref().id.get_ref())
        .collect();
    let pathway_ids: HashSet<&String> = pathways.iter().map(|p| &p.id).collect();
    let mut ids = HashSet::new();
    let badges: Vec<Badge> = raw
        .badges
        .iter()
        .map(|b| {
            let b = b.get_ref();
            let id = c.unique_id(doc, &mut ids, &b.id, "badge");
            let award = match &b.award {
                None => AwardMode::Auto,
                Some(a) => c
                    .choice(
                        doc,
                        a,
                        "award",
                        &[("auto", AwardMode::Auto), ("manual", AwardMode::Manual)],
                    )
                    .unwrap_or(AwardMode::Auto),
            };
            let known = Known {
                modules: module_ids,
                path,
                series,
                badges: &badge_ids,
                pathways: &pathway_ids,
            };
            let mut requires = requirements(c, doc, b, &id, &known);
            requires.conversations = super::listening::conversations(c, doc, b, raw);
            if award == AwardMode::Auto && requires.is_empty() {
                c.hint(
                    doc,
                    b.id.span(),
                    format!("badge `{id}` is automatic but requires nothing"),
                    "add [badges.requires] or set award = \"manual\"",
                );
            }
            Badge {
                name: c.text(doc, &b.name, "badge name", MAX_ROLE_NAME_CHARS),
                colour: colour(c, doc, &b.colour),
                emoji: b.emoji.as_ref().map(|e| emoji(c, doc, e)),
                description: c
                    .optional_text(doc, &b.description, "description", MAX_NOTE_CHARS)
                    .unwrap_or_default(),
                id,
                award,
                requires,
            }
        })
        .collect();
    report_badge_cycles(c, doc, raw, &badges);
    badges
}

/// What a badge's requirements may name.
struct Known<'a> {
    modules: &'a HashSet<String>,
    path: &'a [String],
    series: &'a [Series],
    badges: &'a HashSet<&'a String>,
    pathways: &'a HashSet<&'a String>,
}

fn requirements(
    c: &mut Check,
    doc: &Doc,
    badge: &RawBadge,
    badge_id: &str,
    known: &Known,
) -> Requirements {
    let Known {
        modules: module_ids,
        path,
        series,
        badges: badge_ids,
        pathways: pathway_ids,
    } = *known;
    let Some(req) = &badge.requires else {
        return Requirements::default();
    };
    let req = req.get_ref();
    let mut modules: Vec<String> = if req.all_modules.as_ref().is_some_and(|a| *a.get_ref()) {
        path.to_vec()
    } else {
        Vec::new()
    };
    for m in &req.modules {
        if !module_ids.contains(m.get_ref()) {
            c.hint(
                doc,
                m.span(),
                format!(
                    "badge `{badge_id}` requires unknown module `{}`",
                    m.get_ref()
                ),
                "list it in `modules` or a pathway option",
            );
        } else if !modules.contains(m.get_ref()) {
            modules.push(m.get_ref().clone());
        }
    }
    let attended = req
        .attended
        .iter()
        .filter_map(|a| {
            let a = a.get_ref();
            let Some(s) = series.iter().find(|s| &s.id == a.series.get_ref()) else {
                c.hint(
                    doc,
                    a.series.span(),
                    format!(
                        "badge `{badge_id}` requires unknown series `{}`",
                        a.series.get_ref()
                    ),
                    "declare it under [[series]]",
                );
                return None;
            };
            let count = c.number(doc, &a.count, "attended count", 1..i64::from(s.count) + 1);
            Some(AttendanceRequirement {
                series: s.id.clone(),
                count,
            })
        })
        .collect();
    let badges = req
        .badges
        .iter()
        .filter_map(|b| {
            if b.get_ref() == badge_id {
                c.report(doc, b.span(), format!("badge `{badge_id}` requires itself"));
                None
            } else if !badge_ids.contains(b.get_ref()) {
                c.report(
                    doc,
                    b.span(),
                    format!(
                        "badge `{badge_id}` requires unknown badge `{}`",
                        b.get_ref()
                    ),
                );
                None
            } else {
                Some(b.get_ref().clone())
            }
        })
        .collect();
    let pathway_modules = req
        .pathway_modules
        .iter()
        .filter_map(|p| {
            if pathway_ids.contains(p.get_ref()) {
                Some(p.get_ref().clone())
            } else {
                c.hint(
                    doc,
                    p.span(),
                    format!(
                        "badge `{badge_id}` requires the route on unknown pathway `{}`",
                        p.get_ref()
                    ),
                    "declare it under [[pathways]]",
                );
                None
            }
        })
        .collect();
    Requirements {
        modules,
        attended,
        badges,
        pathway_modules,
        conversations: None,
    }
}

/// A badge that needs itself through others could never be awarded.
fn report_badge_cycles(c: &mut Check, doc: &Doc, raw: &RawCourse, badges: &[Badge]) {
    let needs: HashMap<&str, &[String]> = badges
        .iter()
        .map(|b| (b.id.as_str(), b.requires.badges.as_slice()))
        .collect();
    for (badge, raw_badge) in badges.iter().zip(&raw.badges) {
        let mut stack: Vec<&str> = needs
            .get(badge.id.as_str())
            .map(|n| n.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let mut seen = HashSet::new();
        while let Some(next) = stack.pop() {
            if next == badge.id {
                c.report(
                    doc,
                    raw_badge.get_ref().id.span(),
                    format!("badge `{}` requires itself through other badges", badge.id),
                );
                break;
            }
            if seen.insert(next) {
                stack.extend(
                    needs
                        .get(next)
                        .into_iter()
                        .flat_map(|n| n.iter().map(String::as_str)),
                );
            }
        }
    }
}

fn colour(c: &mut Check, doc: &Doc, s: &S<String>) -> u32 {
    let hex = s.get_ref().strip_prefix('#').filter(|h| h.len() == 6);
    match hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
        Some(v) => v,
        None => {
            c.hint(
                doc,
                s.span(),
                format!("colour `{}` is not valid", s.get_ref()),
                "write it as #RRGGBB",
            );
            0
        }
    }
}

/// One Unicode emoji, or a custom one as Discord writes it: `<:name:id>` or `<a:name:id>`.
fn emoji(c: &mut Check, doc: &Doc, s: &S<String>) -> String {
    let value = s.get_ref().trim();
    if emojis::get(value).is_none() && !is_custom_emoji(value) {
        c.hint(
            doc,
            s.span(),
            format!("`{value}` is not an emoji Discord accepts"),
            "one Unicode emoji such as 🌱, or a server's own as <:name:id>",
        );
    }
    value.to_string()
}

fn is_custom_emoji(value: &str) -> bool {
    let Some(inner) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) else {
        return false;
    };
    let inner = inner.strip_prefix('a').unwrap_or(inner);
    let Some((name, id)) = inner.strip_prefix(':').and_then(|v| v.split_once(':')) else {
        return false;
    };
    (2..=32).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && (17..=20).contains(&id.len())
        && id.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn accepted(value: &str) -> bool {
        let doc = Doc {
            path: PathBuf::from("course.toml"),
            source: String::new(),
        };
        let mut c = Check::default();
        emoji(&mut c, &doc, &S::new(0..0, value.into()));
        c.problems.is_empty()
    }

    #[test]
    fn a_badge_emoji_is_one_that_discord_accepts() {
        for ok in [
            "🌱",
            "👍🏽",
            "❤️",
            "🏳️‍🌈",
            "<:seedling:123456789012345678>",
            "<a:wave:123456789012345678>",
        ] {
            assert!(accepted(ok), "{ok} was refused");
        }
        for bad in [
            ":seedling:",
            "🌱🌱",
            "seedling",
            "<:s:123456789012345678>",
            "<:seedling:12>",
            "<b:seedling:123456789012345678>",
        ] {
            assert!(!accepted(bad), "{bad} was accepted");
        }
    }
}
