//! Checks raw packs and turns them into the model. Every problem names the file and the
//! line an author must edit; checking carries on after a problem so one run lists them all.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::model::*;
use super::raw::*;
use super::time::{parse_minutes, CronRule, TimeExpr};
use super::Problem;

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

/// A file being checked: its path (as shown to the author) and its text.
pub struct Doc {
    pub path: PathBuf,
    pub source: String,
}

/// Collects problems while checking.
#[derive(Default)]
pub struct Check {
    pub problems: Vec<Problem>,
}

impl Check {
    pub fn report(&mut self, doc: &Doc, span: Range<usize>, message: impl Into<String>) {
        self.problems
            .push(Problem::at(&doc.path, &doc.source, span.start, message));
    }

    pub(super) fn hint(
        &mut self,
        doc: &Doc,
        span: Range<usize>,
        message: impl Into<String>,
        hint: &str,
    ) {
        self.problems
            .push(Problem::at(&doc.path, &doc.source, span.start, message).with_hint(hint));
    }

    /// Non-empty text of at most `max` characters.
    pub(super) fn text(&mut self, doc: &Doc, s: &S<String>, what: &str, max: usize) -> String {
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
        let valid = !value.is_empty()
            && value.len() <= MAX_ID_CHARS
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
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
    pub(super) fn unique_id(
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

    pub(super) fn number(&mut self, doc: &Doc, s: &S<i64>, what: &str, range: Range<i64>) -> u32 {
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
            Ok(text) => Some(text),
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
    let mut seen = HashSet::new();
    module_order.retain(|m| seen.insert(m.clone()));
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
            .map(|(mdoc, m)| module(c, dir, mdoc, m))
            .collect(),
        milestones: milestones(c, doc, raw, &badges),
        events: events(c, doc, raw),
        prompts: prompts(c, dir, doc, raw),
        listening: super::listening::listening(c, doc, raw),
        id,
        path,
        badges,
        pathways,
        series,
    }
}

fn pathways(
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

fn series(c: &mut Check, doc: &Doc, raw: &RawCourse) -> Vec<Series> {
    let mut ids = HashSet::new();
    raw.series
        .iter()
        .map(|s| {
            let s = s.get_ref();
            let kind = c
                .choice(doc, &s.kind, "series kind", &[("mentoring", SeriesKind::Mentoring), ("action_learning_set", SeriesKind::ActionLearningSet)])
                .unwrap_or(SeriesKind::Mentoring);
            let mut reminders: Vec<u32> = match &s.reminders {
                None => vec![24 * 60, 60],
                Some(list) => list.iter().map(|r| c.minutes(doc, &Some(r.clone()), 60)).collect(),
            };
            reminders.sort_unstable_by(|a, b| b.cmp(a));
            reminders.dedup();
            let group_size = s.group_size.as_ref().map(|g| c.number(doc, g, "group_size", 2..26));
            if group_size.is_some() && kind == SeriesKind::Mentoring {
                c.report(doc, s.group_size.as_ref().map_or(0..0, |g| g.span()), "group_size is for action learning sets; mentoring pairs one mentor with one trainee");
            }
            Series {
                id: c.unique_id(doc, &mut ids, &s.id, "series"),
                kind,
                title: c.text(doc, &s.title, "series title", MAX_TITLE_CHARS),
                description: c.optional_text(doc, &s.description, "description", MAX_NOTE_CHARS).unwrap_or_default(),
                count: c.number(doc, &s.count, "count", 1..51),
                first: s.first.as_ref().and_then(|t| c.time(doc, t)),
                every_minutes: s.every.as_ref().map(|e| c.minutes(doc, &Some(e.clone()), 0)),
                duration_minutes: c.minutes(doc, &s.duration, 60),
                reminders_minutes: reminders,
                presentations_in_last: s.presentations_in_last.as_ref().is_some_and(|p| *p.get_ref()),
                group_size,
            }
        })
        .collect()
}

fn badges(
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
                emoji: b.emoji.as_ref().map(|e| c.text(doc, e, "emoji", 32)),
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

fn time_zone(c: &mut Check, doc: &Doc, s: &S<String>) -> String {
    if s.get_ref().parse::<chrono_tz::Tz>().is_err() {
        c.hint(
            doc,
            s.span(),
            format!("unknown time zone `{}`", s.get_ref()),
            "use an IANA name such as Europe/London",
        );
    }
    s.get_ref().clone()
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

fn milestones(c: &mut Check, doc: &Doc, raw: &RawCourse, badges: &[Badge]) -> Vec<Milestone> {
    let mut ids = HashSet::new();
    raw.milestones
        .iter()
        .filter_map(|m| {
            let m = m.get_ref();
            let id = c.unique_id(doc, &mut ids, &m.id, "milestone");
            if let Some(b) = &m.badge {
                if !badges.iter().any(|x| &x.id == b.get_ref()) {
                    c.report(
                        doc,
                        b.span(),
                        format!("milestone `{id}` names unknown badge `{}`", b.get_ref()),
                    );
                }
            }
            Some(Milestone {
                title: c.text(doc, &m.title, "milestone title", MAX_TITLE_CHARS),
                description: c
                    .optional_text(doc, &m.description, "description", MAX_NOTE_CHARS)
                    .unwrap_or_default(),
                at: c.time(doc, &m.at)?,
                badge: m.badge.as_ref().map(|b| b.get_ref().clone()),
                id,
            })
        })
        .collect()
}

fn events(c: &mut Check, doc: &Doc, raw: &RawCourse) -> Vec<Event> {
    let mut ids = HashSet::new();
    raw.events
        .iter()
        .filter_map(|e| {
            let e = e.get_ref();
            Some(Event {
                id: c.unique_id(doc, &mut ids, &e.id, "event"),
                // Discord scheduled events allow 100 characters in a name.
                title: c.text(doc, &e.title, "event title", 100),
                description: c
                    .optional_text(doc, &e.description, "description", 1000)
                    .unwrap_or_default(),
                duration_minutes: c.minutes(doc, &e.duration, 60),
                location: c.optional_text(doc, &e.location, "location", 100),
                at: c.time(doc, &e.at)?,
            })
        })
        .collect()
}

fn prompts(c: &mut Check, dir: &Path, doc: &Doc, raw: &RawCourse) -> Vec<Prompt> {
    let mut ids = HashSet::new();
    raw.prompts
        .iter()
        .filter_map(|p| {
            let span = p.span();
            let p = p.get_ref();
            let id = c.unique_id(doc, &mut ids, &p.id, "prompt");
            let when = match (&p.at, &p.every) {
                (Some(at), None) => c.time(doc, at).map(PromptTiming::At),
                (None, Some(every)) => every
                    .get_ref()
                    .parse::<CronRule>()
                    .map(PromptTiming::Every)
                    .map_err(|e| {
                        c.hint(
                            doc,
                            every.span(),
                            e,
                            "e.g. `0 18 * * TUE` for Tuesdays at 18:00",
                        )
                    })
                    .ok(),
                _ => {
                    c.report(
                        doc,
                        span.clone(),
                        format!("prompt `{id}` needs exactly one of `at` or `every`"),
                    );
                    None
                }
            };
            let body = match (&p.file, &p.body) {
                (Some(file), None) => c.read_file(dir, doc, file),
                (None, Some(body)) => Some(c.text(doc, body, "prompt body", MAX_QUESTION_CHARS)),
                _ => {
                    c.report(
                        doc,
                        span,
                        format!("prompt `{id}` needs exactly one of `file` or `body`"),
                    );
                    None
                }
            };
            if let (Some(body), Some(file)) = (&body, &p.file) {
                if body.chars().count() > MAX_QUESTION_CHARS {
                    c.hint(
                        doc,
                        file.span(),
                        format!("prompt `{id}` has {} characters", body.chars().count()),
                        "a prompt is posted as one message: keep it under 4000",
                    );
                }
            }
            let audience = match &p.audience {
                None => Audience::Cohort,
                Some(a) => c.choice(
                    doc,
                    a,
                    "audience",
                    &[
                        ("cohort", Audience::Cohort),
                        ("facilitators", Audience::Facilitators),
                    ],
                )?,
            };
            Some(Prompt {
                title: c.text(doc, &p.title, "prompt title", MAX_TITLE_CHARS),
                when: when?,
                body: body?,
                thread: p.thread.unwrap_or(true),
                audience,
                id,
            })
        })
        .collect()
}

/// Checks one module file and builds the module.
pub fn module(c: &mut Check, dir: &Path, doc: &Doc, raw: &RawModule) -> Module {
    if raw.pages.is_empty() {
        c.report(
            doc,
            raw.id.span(),
            format!("module `{}` has no pages", raw.id.get_ref()),
        );
    }
    let mut exercise_ids = HashSet::new();
    Module {
        id: raw.id.get_ref().clone(),
        title: c.text(doc, &raw.title, "module title", MAX_TITLE_CHARS),
        summary: c
            .optional_text(doc, &raw.summary, "summary", MAX_NOTE_CHARS)
            .unwrap_or_default(),
        estimated_minutes: raw
            .estimated_minutes
            .as_ref()
            .map(|m| c.number(doc, m, "estimated_minutes", 1..1000)),
        pass_mark: raw
            .pass_mark
            .as_ref()
            .map_or(70, |p| c.number(doc, p, "pass_mark", 0..101) as u8),
        max_attempts: raw
            .max_attempts
            .as_ref()
            .map(|m| c.number(doc, m, "max_attempts", 1..101)),
        pages: raw
            .pages
            .iter()
            .filter_map(|p| page(c, dir, doc, p.get_ref()))
            .collect(),
        exercises: raw
            .exercises
            .iter()
            .filter_map(|e| {
                c.unique_id(doc, &mut exercise_ids, &e.get_ref().id, "exercise");
                exercise(c, doc, e)
            })
            .collect(),
    }
}

fn page(c: &mut Check, dir: &Path, doc: &Doc, raw: &RawPage) -> Option<Page> {
    let kind = c.choice(
        doc,
        &raw.kind,
        "page kind",
        &[
            ("reading", PageKind::Reading),
            ("video", PageKind::Video),
            ("case_study", PageKind::CaseStudy),
        ],
    );
    let url = raw.url.as_ref().map(|u| {
        if !(u.get_ref().starts_with("https://") || u.get_ref().starts_with("http://")) {
            c.report(
                doc,
                u.span(),
                format!("url `{}` must start with https://", u.get_ref()),
            );
        }
        u.get_ref().clone()
    });
    if kind == Some(PageKind::Video) && url.is_none() {
        c.hint(
            doc,
            raw.kind.span(),
            "a video page needs a `url`",
            "trainees open the video from its link",
        );
    }
    Some(Page {
        title: c.text(doc, &raw.title, "page title", MAX_TITLE_CHARS),
        body: c.read_file(dir, doc, &raw.file)?,
        kind: kind?,
        url,
    })
}

/// The fields a kind of exercise uses, beyond those every kind has.
const KIND_FIELDS: [(&str, &[&str]); 6] = [
    ("true_false", &["statement", "answer"]),
    ("single_choice", &["question", "options", "answer"]),
    ("multiple_choice", &["question", "options", "answers"]),
    ("ordering", &["question", "items"]),
    ("matching", &["question", "categories", "items"]),
    (
        "reflection",
        &["prompt", "min_chars", "max_chars", "visibility"],
    ),
];

/// Optional for reflections; every other listed field is required.
const OPTIONAL_FIELDS: [&str; 3] = ["min_chars", "max_chars", "visibility"];

fn exercise(c: &mut Check, doc: &Doc, raw: &S<RawExercise>) -> Option<Exercise> {
    let e = raw.get_ref();
    let id = e.id.get_ref();
    let Some((kind, fields)) = KIND_FIELDS.iter().find(|(k, _)| k == e.kind.get_ref()) else {
        let kinds: Vec<&str> = KIND_FIELDS.iter().map(|(k, _)| *k).collect();
        c.hint(
            doc,
            e.kind.span(),
            format!("unknown exercise kind `{}`", e.kind.get_ref()),
            &format!("one of: {}", kinds.join(", ")),
        );
        return None;
    };
    let mut complete = true;
    for (name, span) in present_fields(e) {
        match span {
            Some(span) if !fields.contains(&name) => {
                c.report(
                    doc,
                    span,
                    format!("`{name}` does not belong in a {kind} exercise"),
                );
            }
            None if fields.contains(&name) && !OPTIONAL_FIELDS.contains(&name) => {
                c.report(
                    doc,
                    raw.span(),
                    format!("{kind} exercise `{id}` needs `{name}`"),
                );
                complete = false;
            }
            _ => {}
        }
    }
    let explanation = c.optional_text(doc, &e.explanation, "explanation", MAX_NOTE_CHARS);
    let feedback_correct =
        c.optional_text(doc, &e.feedback_correct, "feedback_correct", MAX_NOTE_CHARS);
    let feedback_incorrect = c.optional_text(
        doc,
        &e.feedback_incorrect,
        "feedback_incorrect",
        MAX_NOTE_CHARS,
    );
    if !complete {
        return None;
    }
    let kind = exercise_kind(c, doc, e, kind)?;
    let feedback_size = answer_key_chars(&kind)
        + [&explanation, &feedback_correct, &feedback_incorrect]
            .iter()
            .map(|t| t.as_ref().map_or(0, |t| t.chars().count()))
            .sum::<usize>();
    if feedback_size > MAX_FEEDBACK_CHARS {
        c.hint(
            doc,
            raw.span(),
            format!("exercise `{id}`: its answer, explanation and feedback come to {feedback_size} characters"),
            &format!("a Discord message holds {MAX_FEEDBACK_CHARS} in its embeds; shorten the items or the explanation"),
        );
    }
    Some(Exercise {
        id: id.clone(),
        kind,
        explanation,
        feedback_correct,
        feedback_incorrect,
    })
}

/// What feedback shows as the right answer, counted as the renderer writes it.
fn answer_key_chars(kind: &ExerciseKind) -> usize {
    let chars = |s: &String| s.chars().count();
    match kind {
        ExerciseKind::Ordering { items, .. } => items.iter().map(|i| chars(i) + 3).sum(),
        ExerciseKind::Matching {
            categories, items, ..
        } => items
            .iter()
            .map(|i| chars(&i.text) + 4 + chars(&categories[i.category]))
            .sum(),
        ExerciseKind::MultipleChoice {
            options, answers, ..
        } => answers.iter().map(|&a| chars(&options[a]) + 2).sum(),
        ExerciseKind::SingleChoice {
            options, answer, ..
        } => chars(&options[*answer]),
        ExerciseKind::TrueFalse { .. } | ExerciseKind::Reflection { .. } => 5,
    }
}

fn present_fields(e: &RawExercise) -> [(&'static str, Option<Range<usize>>); 11] {
    [
        ("statement", e.statement.as_ref().map(S::span)),
        ("question", e.question.as_ref().map(S::span)),
        ("prompt", e.prompt.as_ref().map(S::span)),
        ("answer", e.answer.as_ref().map(S::span)),
        ("answers", e.answers.as_ref().map(S::span)),
        ("options", e.options.as_ref().map(S::span)),
        ("items", e.items.as_ref().map(S::span)),
        ("categories", e.categories.as_ref().map(S::span)),
        ("min_chars", e.min_chars.as_ref().map(S::span)),
        ("max_chars", e.max_chars.as_ref().map(S::span)),
        ("visibility", e.visibility.as_ref().map(S::span)),
    ]
}

/// Builds the kind once `exercise` has made sure the kind's required fields are present.
fn exercise_kind(c: &mut Check, doc: &Doc, e: &RawExercise, kind: &str) -> Option<ExerciseKind> {
    let question = |c: &mut Check| {
        e.question
            .as_ref()
            .map(|q| c.text(doc, q, "question", MAX_QUESTION_CHARS))
            .unwrap_or_default()
    };
    match kind {
        "true_false" => {
            let answer = e.answer.as_ref()?;
            let RawAnswer::Bool(value) = answer.get_ref() else {
                c.report(
                    doc,
                    answer.span(),
                    "a true_false answer is `true` or `false`, without quotes",
                );
                return None;
            };
            Some(ExerciseKind::TrueFalse {
                statement: c.text(doc, e.statement.as_ref()?, "statement", MAX_QUESTION_CHARS),
                answer: *value,
            })
        }
        "single_choice" => {
            let options = c.choices(doc, e.options.as_ref()?, "options", 2);
            let answer = e.answer.as_ref()?;
            let RawAnswer::Text(text) = answer.get_ref() else {
                c.report(
                    doc,
                    answer.span(),
                    "a single_choice answer is the text of one option",
                );
                return None;
            };
            let answer = key(c, doc, &options, text, answer.span(), "answer")?;
            Some(ExerciseKind::SingleChoice {
                question: question(c),
                options,
                answer,
            })
        }
        "multiple_choice" => {
            let options = c.choices(doc, e.options.as_ref()?, "options", 2);
            let answers = e.answers.as_ref()?;
            if answers.get_ref().is_empty() {
                c.report(
                    doc,
                    answers.span(),
                    "`answers` is empty: list at least one right option",
                );
            }
            let keys: Option<Vec<usize>> = answers
                .get_ref()
                .iter()
                .map(|a| key(c, doc, &options, a.get_ref(), a.span(), "answer"))
                .collect();
            let mut keys = keys?;
            keys.sort_unstable();
            keys.dedup();
            Some(ExerciseKind::MultipleChoice {
                question: question(c),
                options,
                answers: keys,
            })
        }
        "ordering" => {
            let items = texts_only(c, doc, e.items.as_ref()?)?;
            let items = c.choices(doc, &items, "items", 2);
            Some(ExerciseKind::Ordering {
                question: question(c),
                items,
            })
        }
        "matching" => {
            let categories = c.choices(doc, e.categories.as_ref()?, "categories", 2);
            let items = matching_items(c, doc, e.items.as_ref()?, &categories)?;
            Some(ExerciseKind::Matching {
                question: question(c),
                categories,
                items,
            })
        }
        _ => reflection(c, doc, e),
    }
}

fn key(
    c: &mut Check,
    doc: &Doc,
    options: &[String],
    answer: &str,
    span: Range<usize>,
    what: &str,
) -> Option<usize> {
    let found = options.iter().position(|o| o == answer.trim());
    if found.is_none() {
        c.hint(
            doc,
            span,
            format!("{what} `{answer}` is not among the options"),
            "copy the option's text exactly",
        );
    }
    found
}

fn texts_only(c: &mut Check, doc: &Doc, items: &S<Vec<S<RawItem>>>) -> Option<S<Vec<S<String>>>> {
    let mut out = Vec::new();
    for item in items.get_ref() {
        match item.get_ref() {
            RawItem::Text(t) => out.push(S::new(item.span(), t.clone())),
            RawItem::Match { .. } => {
                c.report(
                    doc,
                    item.span(),
                    "ordering items are plain text, in the right order",
                );
                return None;
            }
        }
    }
    Some(S::new(items.span(), out))
}

fn matching_items(
    c: &mut Check,
    doc: &Doc,
    items: &S<Vec<S<RawItem>>>,
    categories: &[String],
) -> Option<Vec<MatchItem>> {
    let list = items.get_ref();
    if list.is_empty() || list.len() > MAX_CHOICES {
        c.report(
            doc,
            items.span(),
            format!("{} items: there must be 1 to {MAX_CHOICES}", list.len()),
        );
    }
    let mut seen = HashSet::new();
    list.iter()
        .map(|item| match item.get_ref() {
            RawItem::Text(_) => {
                c.hint(
                    doc,
                    item.span(),
                    "a matching item needs a category",
                    "write { text = \"…\", category = \"…\" }",
                );
                None
            }
            RawItem::Match { text, category } => {
                let text = c.text(
                    doc,
                    &S::new(item.span(), text.clone()),
                    "item",
                    MAX_CHOICE_CHARS,
                );
                if !seen.insert(text.clone()) {
                    c.report(doc, item.span(), format!("`{text}` is listed twice"));
                }
                let category = key(c, doc, categories, category, item.span(), "category")?;
                Some(MatchItem { text, category })
            }
        })
        .collect()
}

fn reflection(c: &mut Check, doc: &Doc, e: &RawExercise) -> Option<ExerciseKind> {
    let prompt = c.text(doc, e.prompt.as_ref()?, "prompt", MAX_QUESTION_CHARS);
    let max_limit = i64::from(MAX_REFLECTION_CHARS) + 1;
    let min_chars = e
        .min_chars
        .as_ref()
        .map_or(1, |m| c.number(doc, m, "min_chars", 0..max_limit));
    let max_chars = e.max_chars.as_ref().map_or(MAX_REFLECTION_CHARS, |m| {
        c.number(doc, m, "max_chars", 1..max_limit)
    });
    if min_chars > max_chars {
        let span = e.min_chars.as_ref().map_or(0..0, S::span);
        c.report(
            doc,
            span,
            format!("min_chars {min_chars} is more than max_chars {max_chars}"),
        );
    }
    let visibility = match &e.visibility {
        None => Visibility::Facilitators,
        Some(v) => c.choice(
            doc,
            v,
            "visibility",
            &[
                ("facilitators", Visibility::Facilitators),
                ("cohort", Visibility::Cohort),
            ],
        )?,
    };
    Some(ExerciseKind::Reflection {
        prompt,
        min_chars,
        max_chars,
        visibility,
    })
}
