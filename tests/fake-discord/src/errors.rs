//! Discord's JSON error answers (`{"message": …, "code": …}`), with the codes the fake uses.

use serde_json::{json, Map, Value};

use crate::violations::ViolationKind;

/// One problem found in a request body, located by its path in the body.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Problem {
    /// Path segments into the body (`["embeds", "0", "description"]`); empty for the body itself.
    pub path: Vec<String>,
    /// Discord's error code string, such as `BASE_TYPE_MAX_LENGTH`.
    pub code: &'static str,
    pub message: String,
}

impl Problem {
    pub fn new(path: &[&str], code: &'static str, message: impl Into<String>) -> Self {
        Self {
            path: path.iter().map(|s| (*s).to_owned()).collect(),
            code,
            message: message.into(),
        }
    }

    /// `embeds.0.description: Must be 4096 or fewer in length.`
    pub fn describe(&self) -> String {
        let at = if self.path.is_empty() {
            "(body)".to_owned()
        } else {
            self.path.join(".")
        };
        format!("{at}: {}", self.message)
    }
}

/// An error answer: HTTP status, Discord error code and message, and whether it reveals a bug in
/// the bot (then it is also recorded as a violation).
#[derive(Clone, Debug)]
pub(crate) struct ApiError {
    pub status: u16,
    pub code: u32,
    pub message: String,
    pub problems: Vec<Problem>,
    pub violation: Option<ViolationKind>,
}

impl ApiError {
    pub fn new(status: u16, code: u32, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            problems: vec![],
            violation: None,
        }
    }

    /// Marks this answer as a bug in the bot, to be recorded as a violation.
    pub fn violation(mut self, kind: ViolationKind) -> Self {
        self.violation = Some(kind);
        self
    }

    pub fn invalid_form_body(problems: Vec<Problem>) -> Self {
        Self {
            problems,
            ..Self::new(400, 50035, "Invalid Form Body")
        }
        .violation(ViolationKind::InvalidBody)
    }

    pub fn invalid_json() -> Self {
        Self::new(400, 50109, "The request body contains invalid JSON.")
            .violation(ViolationKind::InvalidBody)
    }

    pub fn unauthorized() -> Self {
        Self::new(401, 0, "401: Unauthorized")
    }

    pub fn unknown_route(method: &str) -> Self {
        let (status, message) = if method.is_empty() {
            (404, "404: Not Found")
        } else {
            (405, "405: Method Not Allowed")
        };
        Self::new(status, 0, message).violation(ViolationKind::UnknownRoute)
    }

    pub fn unknown_application() -> Self {
        Self::new(404, 10002, "Unknown Application")
    }

    pub fn unknown_channel() -> Self {
        Self::new(404, 10003, "Unknown Channel")
    }

    pub fn unknown_guild() -> Self {
        Self::new(404, 10004, "Unknown Guild")
    }

    pub fn unknown_member() -> Self {
        Self::new(404, 10007, "Unknown Member")
    }

    pub fn unknown_message() -> Self {
        Self::new(404, 10008, "Unknown Message")
    }

    pub fn unknown_role() -> Self {
        Self::new(404, 10011, "Unknown Role")
    }

    pub fn unknown_user() -> Self {
        Self::new(404, 10013, "Unknown User")
    }

    pub fn unknown_webhook() -> Self {
        Self::new(404, 10015, "Unknown Webhook")
    }

    pub fn unknown_interaction() -> Self {
        Self::new(404, 10062, "Unknown interaction")
    }

    pub fn unknown_scheduled_event() -> Self {
        Self::new(404, 10070, "Unknown Guild Scheduled Event")
    }

    pub fn already_acknowledged() -> Self {
        Self::new(400, 40060, "Interaction has already been acknowledged.")
            .violation(ViolationKind::AlreadyAcknowledged)
    }

    pub fn missing_access() -> Self {
        Self::new(403, 50001, "Missing Access")
    }

    pub fn cannot_edit_others_message() -> Self {
        Self::new(403, 50005, "Cannot edit a message authored by another user")
    }

    pub fn empty_message() -> Self {
        Self::new(400, 50006, "Cannot send an empty message").violation(ViolationKind::EmptyMessage)
    }

    pub fn cannot_dm() -> Self {
        Self::new(400, 50007, "Cannot send messages to this user")
    }

    pub fn missing_permissions() -> Self {
        Self::new(403, 50013, "Missing Permissions")
    }

    pub fn invalid_recipient() -> Self {
        Self::new(400, 50033, "Invalid Recipient(s)")
    }

    /// The JSON body Discord sends with this error. Problems are nested by path under `errors`,
    /// each level's own errors under `_errors`.
    pub fn body(&self) -> Value {
        let mut body = json!({ "message": self.message, "code": self.code });
        if !self.problems.is_empty() {
            let mut errors = Map::new();
            for problem in &self.problems {
                let error = json!({ "code": problem.code, "message": problem.message });
                insert_error(&mut errors, &problem.path, error);
            }
            body["errors"] = Value::Object(errors);
        }
        body
    }
}

/// Files `error` under `path` in Discord's nested error object.
fn insert_error(level: &mut Map<String, Value>, path: &[String], error: Value) {
    match path.split_first() {
        None => {
            if let Value::Array(list) = level.entry("_errors").or_insert_with(|| json!([])) {
                list.push(error);
            }
        }
        Some((head, rest)) => {
            if let Value::Object(inner) = level.entry(head.clone()).or_insert_with(|| json!({})) {
                insert_error(inner, rest, error);
            }
        }
    }
}
