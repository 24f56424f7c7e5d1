//! Validation against Discord's own OpenAPI description of its HTTP API
//! (`fixtures/discord-api-spec/openapi.json`, MIT, from discord/discord-api-spec).
//!
//! The description is parsed once per process. For each operation the request body schema is
//! compiled once (JSON Schema 2020-12, with `#/components/schemas/...` references resolved
//! against the whole document) and kept. Query parameters are checked against their declared
//! type and bounds.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, ValidationError, Validator};
use serde_json::{json, Value};

use crate::errors::Problem;

/// The bundled description.
const SPEC: &str = include_str!("../../fixtures/discord-api-spec/openapi.json");

struct Spec {
    doc: Value,
    /// Compiled body validators by `METHOD /template`; `None` where the operation has no JSON body.
    validators: Mutex<HashMap<String, Option<Arc<Validator>>>>,
}

fn spec() -> &'static Spec {
    static SPEC_CELL: OnceLock<Spec> = OnceLock::new();
    SPEC_CELL.get_or_init(|| {
        let mut doc: Value =
            serde_json::from_str(SPEC).expect("the bundled OpenAPI description is JSON");
        // Permission bitsets are strings in Discord's documentation and in what serenity sends;
        // the description only allows integers.
        accept_string_bitsets(&mut doc);
        Spec {
            doc,
            validators: Mutex::new(HashMap::new()),
        }
    })
}

/// Lets every integer `permissions`, `default_member_permissions`, `allow` and `deny`
/// property also be a string of digits.
fn accept_string_bitsets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for name in ["permissions", "default_member_permissions", "allow", "deny"] {
                    if let Some(property) = properties.get_mut(name) {
                        let integer = match &property["type"] {
                            Value::String(t) => t == "integer",
                            Value::Array(ts) => ts.iter().any(|t| t == "integer"),
                            _ => false,
                        };
                        if integer {
                            let digits = json!({ "type": "string", "pattern": "^[0-9]+$" });
                            *property = json!({ "anyOf": [property.take(), digits] });
                        }
                    }
                }
            }
            map.values_mut().for_each(accept_string_bitsets);
        }
        Value::Array(items) => items.iter_mut().for_each(accept_string_bitsets),
        _ => {}
    }
}

fn operation(method: &str, template: &str) -> Option<&'static Value> {
    spec().doc["paths"][template].get(method.to_lowercase())
}

/// Problems with `body` for the operation `method template`.
pub(crate) fn check_body(method: &str, template: &str, body: Option<&Value>) -> Vec<Problem> {
    let Some(operation) = operation(method, template) else {
        return vec![];
    };
    let Some(body) = body else {
        let required = operation["requestBody"]["required"]
            .as_bool()
            .unwrap_or(false);
        return if required {
            vec![Problem::new(
                &[],
                "BASE_TYPE_REQUIRED",
                "This request needs a body.",
            )]
        } else {
            vec![]
        };
    };
    let Some(validator) = validator(method, template, operation) else {
        return vec![];
    };
    let mut problems = vec![];
    for error in validator.iter_errors(body) {
        flatten(&error, &mut problems);
    }
    problems
}

/// Problems with the query string: unknown parameters are ignored, as Discord does.
pub(crate) fn check_query(
    method: &str,
    template: &str,
    query: &[(String, String)],
) -> Vec<Problem> {
    let Some(parameters) = operation(method, template).and_then(|op| op["parameters"].as_array())
    else {
        return vec![];
    };
    let mut problems = vec![];
    for (name, value) in query {
        let declared = parameters
            .iter()
            .find(|p| p["in"] == "query" && p["name"] == name.as_str());
        if let Some(schema) = declared.map(|p| resolve(&p["schema"])) {
            if let Some(message) = query_problem(schema, value) {
                problems.push(Problem::new(&[name.as_str()], "BASE_TYPE_INVALID", message));
            }
        }
    }
    problems
}

/// Follows one `$ref` into the components.
fn resolve(schema: &Value) -> &Value {
    let reference = schema["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/components/schemas/"));
    reference.map_or(schema, |name| &spec().doc["components"]["schemas"][name])
}

fn query_problem(schema: &Value, value: &str) -> Option<String> {
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if types.contains(&"integer") {
        let Ok(number) = value.parse::<i64>() else {
            return Some(format!("Value \"{value}\" is not int."));
        };
        if schema["minimum"].as_i64().is_some_and(|min| number < min) {
            return Some(format!(
                "int value should be greater than or equal to {}.",
                schema["minimum"]
            ));
        }
        if schema["maximum"].as_i64().is_some_and(|max| number > max) {
            return Some(format!(
                "int value should be less than or equal to {}.",
                schema["maximum"]
            ));
        }
    } else if types.contains(&"boolean") && !matches!(value, "true" | "false" | "True" | "False") {
        return Some(format!("Value \"{value}\" is not bool."));
    } else if schema["format"] == "snowflake"
        && (value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(format!("Value \"{value}\" is not snowflake."));
    }
    None
}

/// The compiled validator for an operation's JSON body, built on first use.
fn validator(method: &str, template: &str, operation: &Value) -> Option<Arc<Validator>> {
    let key = format!("{method} {template}");
    let mut cache = spec()
        .validators
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = cache.get(&key) {
        return found.clone();
    }
    let schema = &operation["requestBody"]["content"]["application/json"]["schema"];
    let compiled = schema.is_object().then(|| {
        let mut root = schema.clone();
        root["components"] = spec().doc["components"].clone();
        let built = jsonschema::options()
            .with_draft(Draft::Draft202012)
            .should_validate_formats(true)
            .build(&root);
        match built {
            Ok(validator) => Some(Arc::new(validator)),
            Err(error) => {
                tracing::warn!(%key, %error, "cannot compile the request schema; body not validated");
                None
            }
        }
    });
    let compiled = compiled.flatten();
    cache.insert(key, compiled.clone());
    compiled
}

/// Turns a schema error into problems. For `anyOf`/`oneOf`, the problems of the branch the bot
/// meant: branches for another JSON type (such as the `null` of a nullable field) and, since
/// Discord's unions are told apart by their `type` field, branches whose `type` does not match
/// are dropped; of the rest, the one with the fewest errors.
fn flatten(error: &ValidationError<'_>, problems: &mut Vec<Problem>) {
    let branches = match error.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            context
        }
        _ => {
            problems.push(problem(error));
            return;
        }
    };
    let here = error.instance_path().as_str();
    let discriminator = format!("{here}/type");
    let mismatch = |e: &ValidationError<'_>| {
        let at = e.instance_path().as_str();
        at == discriminator || (at == here && matches!(e.kind(), ValidationErrorKind::Type { .. }))
    };
    let candidates: Vec<_> = branches
        .iter()
        .filter(|branch| !branch.is_empty() && !branch.iter().any(mismatch))
        .collect();
    let candidates = if candidates.is_empty() {
        branches.iter().filter(|b| !b.is_empty()).collect()
    } else {
        candidates
    };
    match candidates.into_iter().min_by_key(|branch| branch.len()) {
        Some(branch) => branch.iter().for_each(|e| flatten(e, problems)),
        None => problems.push(problem(error)),
    }
}

fn problem(error: &ValidationError<'_>) -> Problem {
    let path: Vec<String> = error
        .instance_path()
        .segments()
        .map(|s| s.to_string())
        .collect();
    let (code, message) = match error.kind() {
        ValidationErrorKind::MaxLength { limit } | ValidationErrorKind::MaxItems { limit } => (
            "BASE_TYPE_MAX_LENGTH",
            format!("Must be {limit} or fewer in length."),
        ),
        ValidationErrorKind::MinLength { limit } | ValidationErrorKind::MinItems { limit } => (
            "BASE_TYPE_MIN_LENGTH",
            format!("Must be {limit} or more in length."),
        ),
        ValidationErrorKind::Required { property } => (
            "BASE_TYPE_REQUIRED",
            format!("This field is required ({property})."),
        ),
        ValidationErrorKind::Maximum { limit } => (
            "NUMBER_TYPE_MAX",
            format!("Must be less than or equal to {limit}."),
        ),
        ValidationErrorKind::Minimum { limit } => (
            "NUMBER_TYPE_MIN",
            format!("Must be greater than or equal to {limit}."),
        ),
        ValidationErrorKind::OneOfMultipleValid { .. } => (
            "BASE_TYPE_INVALID",
            "Matches more than one of the allowed shapes.".to_owned(),
        ),
        _ => ("BASE_TYPE_INVALID", shorten(&error.to_string())),
    };
    Problem {
        path,
        code,
        message,
    }
}

fn shorten(message: &str) -> String {
    const KEEP: usize = 200;
    if message.chars().count() <= KEEP {
        message.to_owned()
    } else {
        format!("{}…", message.chars().take(KEEP).collect::<String>())
    }
}
