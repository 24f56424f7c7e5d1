//! The locale files against each other and against the code: every language has every
//! message English has, with the same arguments, and every term English defines, each term
//! used is defined and each defined is used, and every id the code asks for exists.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};
use fluent_syntax::parser;

use super::*;

/// Each file of `lang`, by area, parsed.
fn resources(lang: Lang) -> Vec<(&'static str, ast::Resource<&'static str>)> {
    RESOURCES
        .iter()
        .filter(|(l, ..)| *l == lang)
        .map(|(_, area, source)| {
            let resource = parser::parse(*source).unwrap_or_else(|(_, errors)| {
                panic!(
                    "locales/{}/{area}.ftl does not parse: {errors:?}",
                    lang.code()
                )
            });
            (*area, resource)
        })
        .collect()
}

/// Each message id of `lang`, with the variables its value and attributes use.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut found = BTreeMap::new();
    for (_, resource) in resources(lang) {
        for entry in &resource.body {
            if let Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                for pattern in patterns(entry) {
                    visit_pattern(pattern, &mut |inline| {
                        if let InlineExpression::VariableReference { id } = inline {
                            variables.insert(id.name.to_owned());
                        }
                    });
                }
                let id = message.id.name.to_owned();
                assert!(
                    found.insert(id.clone(), variables).is_none(),
                    "locales/{}: `{id}` is defined twice",
                    lang.code()
                );
            }
        }
    }
    found
}

/// The terms (`-name`, without the dash) `lang` defines, and those its messages and terms
/// use, each with the area of a file using it.
struct Terms {
    defined: BTreeSet<String>,
    used: BTreeMap<String, &'static str>,
}

fn terms(lang: Lang) -> Terms {
    let mut terms = Terms {
        defined: BTreeSet::new(),
        used: BTreeMap::new(),
    };
    for (area, resource) in resources(lang) {
        for entry in &resource.body {
            if let Entry::Term(term) = entry {
                terms.defined.insert(term.id.name.to_owned());
            }
            for pattern in patterns(entry) {
                visit_pattern(pattern, &mut |inline| {
                    if let InlineExpression::TermReference { id, .. } = inline {
                        terms.used.entry(id.name.to_owned()).or_insert(area);
                    }
                });
            }
        }
    }
    terms
}

/// The value and attributes of a message or a term.
fn patterns<'a>(entry: &'a Entry<&'static str>) -> Vec<&'a ast::Pattern<&'static str>> {
    let (value, attributes) = match entry {
        Entry::Message(message) => (message.value.as_ref(), &message.attributes),
        Entry::Term(term) => (Some(&term.value), &term.attributes),
        _ => return Vec::new(),
    };
    value
        .into_iter()
        .chain(attributes.iter().map(|attribute| &attribute.value))
        .collect()
}

type Visit<'v> = dyn FnMut(&InlineExpression<&str>) + 'v;

/// Calls `visit` on each inline expression of `pattern`, nested ones included.
fn visit_pattern(pattern: &ast::Pattern<&str>, visit: &mut Visit) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            visit_expression(expression, visit);
        }
    }
}

fn visit_expression(expression: &Expression<&str>, visit: &mut Visit) {
    match expression {
        Expression::Inline(inline) => visit_inline(inline, visit),
        Expression::Select { selector, variants } => {
            visit_inline(selector, visit);
            for variant in variants {
                visit_pattern(&variant.value, visit);
            }
        }
    }
}

fn visit_inline(inline: &InlineExpression<&str>, visit: &mut Visit) {
    visit(inline);
    match inline {
        InlineExpression::Placeable { expression } => visit_expression(expression, visit),
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                visit_inline(argument, visit);
            }
        }
        _ => {}
    }
}

#[test]
fn every_locale_has_every_message_with_the_same_variables() {
    let english = messages(Lang::En);
    let mut failures = Vec::new();
    for lang in Lang::ALL.into_iter().skip(1) {
        let other = messages(lang);
        for (id, variables) in &english {
            match other.get(id) {
                None => failures.push(format!("locales/{}: `{id}` is missing", lang.code())),
                Some(theirs) if theirs != variables => failures.push(format!(
                    "locales/{}: `{id}` uses {theirs:?}, English uses {variables:?}",
                    lang.code()
                )),
                Some(_) => {}
            }
        }
        for id in other.keys().filter(|id| !english.contains_key(*id)) {
            failures.push(format!(
                "locales/{}: `{id}` is not in English (locales/en), the fallback",
                lang.code()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn every_term_used_is_defined_and_every_locale_has_the_english_terms() {
    let english = terms(Lang::En).defined;
    assert!(!english.is_empty(), "no terms found in locales/en");
    let mut failures = Vec::new();
    for lang in Lang::ALL {
        let code = lang.code();
        let terms = terms(lang);
        for (term, area) in &terms.used {
            if !terms.defined.contains(term) {
                failures.push(format!(
                    "locales/{code}/{area}.ftl: `-{term}` is used but not defined in locales/{code}"
                ));
            }
        }
        for term in english.difference(&terms.defined) {
            failures.push(format!("locales/{code}: the term `-{term}` is missing"));
        }
        // A language may need terms of its own (French's plural of `-ask-a-manager`).
        for term in terms
            .defined
            .iter()
            .filter(|t| !terms.used.contains_key(*t))
        {
            failures.push(format!("locales/{code}: the term `-{term}` is never used"));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn every_locale_file_is_embedded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut on_disk = BTreeSet::new();
    for folder in fs::read_dir(&root).unwrap() {
        let folder = folder.unwrap().path();
        let code = folder.file_name().unwrap().to_string_lossy().into_owned();
        for file in fs::read_dir(&folder).unwrap() {
            let name = file.unwrap().file_name().to_string_lossy().into_owned();
            on_disk.insert(format!("{code}/{name}"));
        }
    }
    let embedded: BTreeSet<String> = RESOURCES
        .iter()
        .map(|(lang, area, _)| format!("{}/{area}.ftl", lang.code()))
        .collect();
    assert_eq!(
        on_disk, embedded,
        "list each locales/ file in i18n::RESOURCES"
    );
}

/// The ids the code names: a string literal straight after `tr(lang, `, `tr_args(lang, `
/// or `Message::new(`.
fn ids_in_source() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.clone()];
    let mut ids = BTreeMap::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("i18n/tests.rs") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let rel = path.strip_prefix(&root).unwrap().display().to_string();
        for call in ["tr(", "tr_args(", "Message::new("] {
            for (at, _) in text.match_indices(call) {
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let after = &text[at + call.len()..];
                let after = match call {
                    "Message::new(" => after,
                    _ => after.split_once(',').map_or("", |(_, rest)| rest),
                };
                let after = after.trim_start();
                if let Some(literal) = after.strip_prefix('"') {
                    let id = literal.split('"').next().unwrap_or_default();
                    let line = text[..at].lines().count();
                    ids.insert(id.to_owned(), format!("src/{rel}:{line}"));
                }
            }
        }
    }
    ids
}

#[test]
fn every_id_the_code_asks_for_is_in_english() {
    let english = messages(Lang::En);
    let ids = ids_in_source();
    assert!(ids.len() > 20, "the source scan found only {ids:?}");
    let missing: Vec<String> = ids
        .iter()
        .filter(|(id, _)| !english.contains_key(*id))
        .map(|(id, place)| format!("{place}: `{id}` is not in locales/en"))
        .collect();
    assert!(missing.is_empty(), "\n{}\n", missing.join("\n"));
}

#[test]
fn a_discord_locale_picks_its_language_then_english() {
    assert_eq!(Lang::from_locale("fr"), Some(Lang::Fr));
    assert_eq!(Lang::from_locale("en-GB"), Some(Lang::En));
    assert_eq!(Lang::from_locale("en-US"), Some(Lang::En));
    assert_eq!(Lang::from_locale("pt-BR"), None);
    assert_eq!(for_interaction(Some("fr"), Some("en-US")), Lang::Fr);
    assert_eq!(for_interaction(Some("pt-BR"), Some("fr")), Lang::Fr);
    assert_eq!(for_interaction(Some("pt-BR"), None), Lang::En);
    assert_eq!(for_interaction(None, None), Lang::En);
    assert_eq!(for_member(None, Some(Lang::Fr)), Lang::Fr);
    assert_eq!(for_member(Some(Lang::En), Some(Lang::Fr)), Lang::En);
    assert_eq!(for_member(None, None), Lang::En);
}

#[test]
fn a_missing_message_falls_back_to_english_then_to_its_id() {
    assert_eq!(tr(Lang::Fr, "no-such-message"), "no-such-message");
    let message = Message::new("list-and").arg("rest", "a").arg("last", "b");
    assert_eq!(message.render(Lang::Fr), "a et b");
    assert_eq!(Text::from(message).to_string(), "a and b");
}
