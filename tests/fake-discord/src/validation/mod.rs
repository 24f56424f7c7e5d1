//! Request validation: every body the bot sends is checked against Discord's OpenAPI
//! description and against the documented limits the description lacks. Any problem makes the
//! fake answer 400 (code 50035, Invalid Form Body) and records a violation.

mod limits;
mod openapi;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::errors::Problem;

/// Every problem with a request to the operation `method template`, sent at `now`.
pub(crate) fn check(
    method: &str,
    template: &str,
    body: Option<&Value>,
    query: &[(String, String)],
    now: DateTime<Utc>,
) -> Vec<Problem> {
    let mut problems = openapi::check_body(method, template, body);
    problems.extend(openapi::check_query(method, template, query));
    if let Some(body) = body {
        for problem in limits::check(method, template, body, now) {
            if !problems.iter().any(|p| p.path == problem.path) {
                problems.push(problem);
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::{check, openapi};

    const CALLBACK: &str = "/interactions/{interaction_id}/{interaction_token}/callback";
    const MESSAGES: &str = "/channels/{channel_id}/messages";
    const WEBHOOK: &str = "/webhooks/{webhook_id}/{webhook_token}";
    const ROLES: &str = "/guilds/{guild_id}/roles";
    const EVENTS: &str = "/guilds/{guild_id}/scheduled-events";
    const COMMANDS: &str = "/applications/{application_id}/commands";

    fn problems(method: &str, template: &str, body: Value) -> Vec<String> {
        check(method, template, Some(&body), &[], chrono::Utc::now())
            .iter()
            .map(|p| p.describe())
            .collect()
    }

    fn future() -> String {
        (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339()
    }

    #[test]
    fn the_schemas_of_the_endpoints_a_bot_uses_resolve_and_accept_valid_bodies() {
        let valid = [
            (
                "POST",
                CALLBACK,
                json!({ "type": 4, "data": { "content": "hi", "flags": 64 } }),
            ),
            (
                "POST",
                MESSAGES,
                json!({ "content": "hi", "nonce": "d-1", "enforce_nonce": true }),
            ),
            (
                "POST",
                WEBHOOK,
                json!({ "content": "hi", "flags": 64, "attachments": [{ "id": "0", "filename": "a.csv" }] }),
            ),
            (
                "POST",
                ROLES,
                json!({ "name": "Badge", "permissions": "0", "color": 0 }),
            ),
            (
                "POST",
                EVENTS,
                json!({
                    "name": "Set", "privacy_level": 2, "entity_type": 3, "scheduled_start_time": future(),
                    "scheduled_end_time": (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339(),
                    "entity_metadata": { "location": "Room 4" }
                }),
            ),
            (
                "PUT",
                COMMANDS,
                json!([{ "name": "help", "description": "Help", "type": 1 }]),
            ),
        ];
        for (method, template, body) in valid {
            assert_eq!(
                problems(method, template, body),
                Vec::<String>::new(),
                "{method} {template}"
            );
        }
    }

    #[test]
    fn the_openapi_description_itself_catches_bad_bodies() {
        let invalid = [
            (
                "POST",
                CALLBACK,
                json!({ "type": 4, "data": { "content": 5 } }),
                "data.content",
            ),
            (
                "POST",
                MESSAGES,
                json!({ "content": "x", "embeds": [{ "color": -1 }] }),
                "embeds.0.color",
            ),
            ("POST", WEBHOOK, json!({ "content": 5 }), "content"),
            (
                "POST",
                WEBHOOK,
                json!({ "content": "hi", "attachments": [{ "id": 0, "filename": "a.csv" }] }),
                "attachments.0.id",
            ),
            ("POST", ROLES, json!({ "name": 5 }), "name"),
            (
                "POST",
                EVENTS,
                json!({ "name": "x", "privacy_level": 2, "entity_type": 3, "scheduled_start_time": "soon" }),
                "scheduled_start_time",
            ),
            (
                "PUT",
                COMMANDS,
                json!([{ "name": "help", "description": "x", "options": [{ "type": 99, "name": "a", "description": "b" }] }]),
                "0.options.0",
            ),
        ];
        for (method, template, body, at) in invalid {
            let found: Vec<String> = openapi::check_body(method, template, Some(&body))
                .iter()
                .map(|p| p.describe())
                .collect();
            assert!(
                found.iter().any(|p| p.starts_with(at)),
                "{method} {template}: {found:?}"
            );
        }
    }

    #[test]
    fn documented_limits_the_description_lacks_are_enforced() {
        let button = |id: &str| json!({ "type": 2, "style": 1, "label": "Go", "custom_id": id });
        let options: Vec<Value> = (0..26)
            .map(|i| json!({ "label": format!("o{i}"), "value": format!("{i}") }))
            .collect();
        let input = |id: &str| json!({ "type": 1, "components": [{ "type": 4, "custom_id": id, "style": 1, "label": "Answer" }] });
        let six_inputs: Vec<Value> = ["a", "b", "c", "d", "e", "f"].map(input).to_vec();
        let choices: Vec<Value> = (0..26)
            .map(|i| json!({ "name": i.to_string(), "value": i.to_string() }))
            .collect();
        let cases = [
            (
                "POST",
                MESSAGES,
                json!({ "content": "é".repeat(2001) }),
                "content: Must be 2000 or fewer",
            ),
            (
                "POST",
                MESSAGES,
                json!({ "embeds": [{ "description": "x".repeat(4000) }, { "description": "x".repeat(2001) }] }),
                "embeds: Embed size exceeds",
            ),
            (
                "POST",
                MESSAGES,
                json!({ "components": [{ "type": 1, "components": [button("a"), button("a")] }] }),
                "components.0.components.1.custom_id",
            ),
            (
                "POST",
                MESSAGES,
                json!({ "components": [{ "type": 1, "components": [{ "type": 3, "custom_id": "s", "options": options }] }] }),
                "components.0.components.0.options",
            ),
            (
                "POST",
                MESSAGES,
                json!({ "components": [{ "type": 1, "components": [{ "type": 2, "style": 5, "label": "Docs", "url": "https://example.com", "custom_id": "x" }] }] }),
                "components.0.components.0.custom_id",
            ),
            (
                "POST",
                CALLBACK,
                json!({ "type": 9, "data": { "custom_id": "m", "title": "t".repeat(46), "components": [input("a")] } }),
                "data.title",
            ),
            (
                "POST",
                CALLBACK,
                json!({ "type": 9, "data": { "custom_id": "m", "title": "Six", "components": six_inputs } }),
                "data.components",
            ),
            (
                "POST",
                CALLBACK,
                json!({ "type": 8, "data": { "choices": choices } }),
                "data.choices",
            ),
            (
                "PUT",
                COMMANDS,
                json!([{ "name": "Help", "description": "Help" }]),
                "0.name",
            ),
            (
                "PUT",
                COMMANDS,
                json!([{ "name": "join", "description": "Join", "options": [
                { "type": 3, "name": "note", "description": "Note" },
                { "type": 3, "name": "code", "description": "Code", "required": true }
            ] }]),
                "0.options.1.required",
            ),
            (
                "POST",
                EVENTS,
                json!({ "name": "Set", "privacy_level": 2, "entity_type": 3, "scheduled_start_time": "2020-01-01T00:00:00Z", "entity_metadata": { "location": "Room" } }),
                "scheduled_start_time: Cannot schedule event in the past",
            ),
        ];
        for (method, template, body, expected) in cases {
            let found = problems(method, template, body);
            assert!(
                found.iter().any(|p| p.starts_with(expected)),
                "expected `{expected}` in {found:?}"
            );
        }
    }
}
