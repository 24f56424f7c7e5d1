//! Modules and their exercises: pages read from files, and each exercise kind with the
//! fields it needs, its answer key and the limits Discord sets.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use crate::course::model::*;
use crate::course::raw::*;
use crate::course::text::{long_paragraphs, EMBED_DESCRIPTION_LIMIT};
use crate::course::LaidOut;

use super::{
    Check, Doc, MAX_CHOICES, MAX_CHOICE_CHARS, MAX_FEEDBACK_CHARS, MAX_NOTE_CHARS,
    MAX_QUESTION_CHARS, MAX_REFLECTION_CHARS, MAX_TITLE_CHARS,
};

/// Checks one module file and builds the module. `exercise_ids` collects the exercise ids
/// of the modules checked so far: an id names one exercise in the whole pack.
pub fn module(
    c: &mut Check,
    dir: &Path,
    doc: &Doc,
    raw: &RawModule,
    exercise_ids: &mut HashSet<String>,
) -> Module {
    if raw.pages.is_empty() {
        c.report(
            doc,
            raw.id.span(),
            format!("module `{}` has no pages", raw.id.get_ref()),
        );
    }
    if raw.exercises.is_empty() {
        let message = format!("module `{}` has no exercise", raw.id.get_ref());
        c.warn(doc, raw.id.span(), message);
    }
    if let Some(zero) = raw.pass_mark.as_ref().filter(|p| *p.get_ref() == 0) {
        c.warn(
            doc,
            zero.span(),
            "pass_mark 0 passes every attempt, however it is answered",
        );
    }
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
                c.unique_id(doc, exercise_ids, &e.get_ref().id, "exercise");
                exercise(c, doc, e)
            })
            .collect(),
        laid_out: LaidOut::default(),
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
        if !u.get_ref().starts_with("https://") {
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
    let body = c.read_file(dir, doc, &raw.file)?;
    whole_paragraphs(c, dir, &raw.file, &body);
    Some(Page {
        title: c.text(doc, &raw.title, "page title", MAX_TITLE_CHARS),
        body,
        kind: kind?,
        url,
    })
}

/// Pages are split between paragraphs, so a paragraph must fit on one screen.
fn whole_paragraphs(c: &mut Check, dir: &Path, file: &S<String>, body: &str) {
    let markdown = Doc {
        path: dir.join(file.get_ref()),
        source: body.to_string(),
    };
    for range in long_paragraphs(body, EMBED_DESCRIPTION_LIMIT) {
        let chars = body[range.clone()].chars().count();
        c.hint(
            &markdown,
            range,
            format!("this paragraph has {chars} characters, more than a screen holds"),
            &format!("a screen holds {EMBED_DESCRIPTION_LIMIT}: split it with a blank line"),
        );
    }
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
