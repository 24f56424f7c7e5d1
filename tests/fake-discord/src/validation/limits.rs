//! Discord's documented limits that its OpenAPI description does not state (or states more
//! loosely): message content, embeds, components, modals, autocomplete choices, application
//! commands, threads, roles and scheduled events. Lengths count characters, as Discord does.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::errors::Problem;

/// Message flag for Components V2 layouts, which lift the action-row rules.
const IS_COMPONENTS_V2: u64 = 1 << 15;

/// Problems with `body` for the operation `method template`, sent at `now`.
pub(crate) fn check(
    method: &str,
    template: &str,
    body: &Value,
    now: DateTime<Utc>,
) -> Vec<Problem> {
    let mut check = Checker::default();
    match (method, template) {
        ("POST", "/channels/{channel_id}/messages")
        | ("PATCH", "/channels/{channel_id}/messages/{message_id}")
        | ("POST", "/webhooks/{webhook_id}/{webhook_token}")
        | ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
        | ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}") => {
            check.message(&Path::root(), body);
        }
        ("POST", "/interactions/{interaction_id}/{interaction_token}/callback") => {
            check.callback(body)
        }
        ("PUT", "/applications/{application_id}/commands")
        | ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands") => {
            check.commands(body)
        }
        ("POST", "/applications/{application_id}/commands")
        | ("POST", "/applications/{application_id}/guilds/{guild_id}/commands")
        | ("PATCH", "/applications/{application_id}/commands/{command_id}")
        | ("PATCH", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}") => {
            check.command(&Path::root(), body);
        }
        ("POST", "/channels/{channel_id}/threads")
        | ("POST", "/channels/{channel_id}/messages/{message_id}/threads") => {
            check.length(&Path::root().at("name"), &body["name"], 1, 100, true);
            if body["message"].is_object() {
                check.message(&Path::root().at("message"), &body["message"]);
            }
        }
        ("POST", "/guilds/{guild_id}/channels") | ("PATCH", "/channels/{channel_id}") => {
            check.forum_tags(body);
        }
        ("POST", "/guilds/{guild_id}/roles") | ("PATCH", "/guilds/{guild_id}/roles/{role_id}") => {
            check.length(&Path::root().at("name"), &body["name"], 1, 100, false);
        }
        ("POST", "/guilds/{guild_id}/scheduled-events") => {
            check.scheduled_event(body, true, now);
        }
        ("PATCH", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}") => {
            check.scheduled_event(body, false, now);
        }
        _ => {}
    }
    check.problems
}

/// A location in the body, for error reports.
#[derive(Clone, Debug, Default)]
struct Path(Vec<String>);

impl Path {
    fn root() -> Self {
        Self::default()
    }

    fn at(&self, segment: impl ToString) -> Self {
        let mut next = self.0.clone();
        next.push(segment.to_string());
        Self(next)
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

fn chars(value: &Value) -> usize {
    value.as_str().map_or(0, |s| s.chars().count())
}

fn items(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

impl Checker {
    fn report(&mut self, path: &Path, code: &'static str, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.0.clone(),
            code,
            message: message.into(),
        });
    }

    /// A string between `min` and `max` characters; absent or null only if not `required`.
    fn length(&mut self, path: &Path, value: &Value, min: usize, max: usize, required: bool) {
        match value {
            Value::Null if required => {
                self.report(path, "BASE_TYPE_REQUIRED", "This field is required")
            }
            Value::String(_) => {
                let n = chars(value);
                if n > max || n < min {
                    self.report(path, length_code(min), length_message(min, max));
                }
            }
            _ => {}
        }
    }

    /// Between `min` and `max` items, if it is an array.
    fn count(&mut self, path: &Path, value: &Value, min: usize, max: usize) {
        let n = items(value).len();
        if value.is_array() && (n < min || n > max) {
            self.report(path, length_code(min), length_message(min, max));
        }
    }

    /// Content, embeds and components of a message, follow-up or interaction response.
    fn message(&mut self, path: &Path, body: &Value) {
        self.length(&path.at("content"), &body["content"], 0, 2000, false);
        self.embeds(&path.at("embeds"), &body["embeds"]);
        let flags = body["flags"].as_u64().unwrap_or(0);
        if flags & IS_COMPONENTS_V2 == 0 {
            self.message_components(&path.at("components"), &body["components"]);
        }
    }

    fn embeds(&mut self, path: &Path, embeds: &Value) {
        self.count(path, embeds, 0, 10);
        let mut total = 0;
        for (i, embed) in items(embeds).iter().enumerate() {
            let at = path.at(i);
            self.length(&at.at("title"), &embed["title"], 0, 256, false);
            self.length(&at.at("description"), &embed["description"], 0, 4096, false);
            self.count(&at.at("fields"), &embed["fields"], 0, 25);
            for (j, field) in items(&embed["fields"]).iter().enumerate() {
                self.length(
                    &at.at("fields").at(j).at("name"),
                    &field["name"],
                    1,
                    256,
                    true,
                );
                self.length(
                    &at.at("fields").at(j).at("value"),
                    &field["value"],
                    1,
                    1024,
                    true,
                );
                total += chars(&field["name"]) + chars(&field["value"]);
            }
            if !embed["footer"].is_null() {
                self.length(
                    &at.at("footer").at("text"),
                    &embed["footer"]["text"],
                    1,
                    2048,
                    true,
                );
            }
            if !embed["author"].is_null() {
                self.length(
                    &at.at("author").at("name"),
                    &embed["author"]["name"],
                    1,
                    256,
                    true,
                );
            }
            total += chars(&embed["title"])
                + chars(&embed["description"])
                + chars(&embed["footer"]["text"])
                + chars(&embed["author"]["name"]);
        }
        if total > 6000 {
            self.report(
                path,
                "MAX_EMBED_SIZE_EXCEEDED",
                format!("Embed size exceeds maximum size of 6000 ({total})."),
            );
        }
    }

    /// Up to 5 action rows, each with 1–5 buttons or exactly one select menu.
    fn message_components(&mut self, path: &Path, rows: &Value) {
        self.count(path, rows, 0, 5);
        let mut custom_ids = HashSet::new();
        for (i, row) in items(rows).iter().enumerate() {
            let at = path.at(i);
            if row["type"] != 1 {
                self.report(
                    &at.at("type"),
                    "COMPONENT_LAYOUT_INVALID",
                    "Top-level components must be action rows.",
                );
                continue;
            }
            let children = items(&row["components"]);
            let selects = children.iter().filter(|c| is_select(c)).count();
            let buttons = children.iter().filter(|c| c["type"] == 2).count();
            if selects > 0 && children.len() > 1 {
                self.report(
                    &at.at("components"),
                    "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                    "A select menu must be alone in its row.",
                );
            } else if children.is_empty() || buttons > 5 {
                self.report(
                    &at.at("components"),
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 5 in length.",
                );
            }
            for (j, child) in children.iter().enumerate() {
                let at = at.at("components").at(j);
                match child["type"].as_u64() {
                    Some(2) => self.button(&at, child),
                    Some(3 | 5..=8) => self.select(&at, child),
                    _ => self.report(
                        &at.at("type"),
                        "COMPONENT_TYPE_INVALID",
                        "Only buttons and select menus go in a message's action rows.",
                    ),
                }
                if let Some(id) = child["custom_id"].as_str() {
                    if !custom_ids.insert(id.to_owned()) {
                        self.report(
                            &at.at("custom_id"),
                            "COMPONENT_CUSTOM_ID_DUPLICATED",
                            format!("Component custom id \"{id}\" cannot be duplicated."),
                        );
                    }
                }
            }
        }
    }

    fn button(&mut self, path: &Path, button: &Value) {
        self.length(&path.at("label"), &button["label"], 0, 80, false);
        match button["style"].as_u64() {
            Some(5) => {
                self.length(&path.at("url"), &button["url"], 1, 512, true);
                if !button["custom_id"].is_null() {
                    self.report(
                        &path.at("custom_id"),
                        "BUTTON_COMPONENT_INVALID",
                        "A link button cannot have a custom_id.",
                    );
                }
            }
            Some(6) => {}
            _ => {
                self.length(&path.at("custom_id"), &button["custom_id"], 1, 100, true);
                if !button["url"].is_null() {
                    self.report(
                        &path.at("url"),
                        "BUTTON_COMPONENT_INVALID",
                        "Only link buttons have a url.",
                    );
                }
            }
        }
        if button["label"].is_null() && button["emoji"].is_null() && button["style"] != 6 {
            self.report(
                &path.at("label"),
                "BUTTON_COMPONENT_INVALID",
                "A button needs a label or an emoji.",
            );
        }
    }

    fn select(&mut self, path: &Path, select: &Value) {
        self.length(&path.at("custom_id"), &select["custom_id"], 1, 100, true);
        self.length(
            &path.at("placeholder"),
            &select["placeholder"],
            0,
            150,
            false,
        );
        let min = select["min_values"].as_u64().unwrap_or(1);
        let max = select["max_values"].as_u64().unwrap_or(1);
        if min > 25 || !(1..=25).contains(&max) || min > max {
            self.report(&path.at("max_values"), "SELECT_COMPONENT_INVALID", format!("min_values {min} and max_values {max} must satisfy 0 <= min <= max <= 25, max >= 1."));
        }
        if select["type"] != 3 {
            return;
        }
        let options = items(&select["options"]);
        self.count(&path.at("options"), &select["options"], 1, 25);
        if usize::try_from(max).is_ok_and(|max| max > options.len()) && !options.is_empty() {
            self.report(
                &path.at("max_values"),
                "SELECT_COMPONENT_INVALID",
                format!("max_values {max} exceeds the {} options.", options.len()),
            );
        }
        let mut values = HashSet::new();
        for (i, option) in options.iter().enumerate() {
            let at = path.at("options").at(i);
            self.length(&at.at("label"), &option["label"], 1, 100, true);
            self.length(&at.at("value"), &option["value"], 1, 100, true);
            self.length(&at.at("description"), &option["description"], 0, 100, false);
            if let Some(value) = option["value"].as_str() {
                if !values.insert(value) {
                    self.report(
                        &at.at("value"),
                        "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED",
                        format!("Option value \"{value}\" is duplicated."),
                    );
                }
            }
        }
    }

    /// An interaction callback: message data, autocomplete choices or a modal by type.
    fn callback(&mut self, body: &Value) {
        let data = &body["data"];
        let at = Path::root().at("data");
        match body["type"].as_u64() {
            Some(4 | 7) => self.message(&at, data),
            Some(8) => {
                self.count(&at.at("choices"), &data["choices"], 0, 25);
                for (i, choice) in items(&data["choices"]).iter().enumerate() {
                    self.length(
                        &at.at("choices").at(i).at("name"),
                        &choice["name"],
                        1,
                        100,
                        true,
                    );
                    self.length(
                        &at.at("choices").at(i).at("value"),
                        &choice["value"],
                        1,
                        100,
                        false,
                    );
                }
            }
            Some(9) => self.modal(&at, data),
            _ => {}
        }
    }

    /// A modal: a title of 1–45 characters and 1–5 text inputs.
    fn modal(&mut self, path: &Path, modal: &Value) {
        self.length(&path.at("title"), &modal["title"], 1, 45, true);
        self.length(&path.at("custom_id"), &modal["custom_id"], 1, 100, true);
        let rows = items(&modal["components"]);
        self.count(&path.at("components"), &modal["components"], 1, 5);
        let mut inputs = 0;
        let mut custom_ids = HashSet::new();
        for (i, row) in rows.iter().enumerate() {
            let at = path.at("components").at(i);
            let (input, input_path, label_outside) = match row["type"].as_u64() {
                Some(1) => {
                    let children = items(&row["components"]);
                    if children.len() != 1 || children[0]["type"] != 4 {
                        self.report(
                            &at.at("components"),
                            "COMPONENT_LAYOUT_INVALID",
                            "Each modal row holds exactly one text input.",
                        );
                    }
                    (children.first(), at.at("components").at(0), false)
                }
                Some(18) => {
                    self.length(&at.at("label"), &row["label"], 1, 45, true);
                    (Some(&row["component"]), at.at("component"), true)
                }
                _ => (None, at.clone(), false),
            };
            if let Some(input) = input.filter(|c| c["type"] == 4) {
                inputs += 1;
                self.text_input(&input_path, input, label_outside);
                if let Some(id) = input["custom_id"].as_str() {
                    if !custom_ids.insert(id.to_owned()) {
                        self.report(
                            &input_path.at("custom_id"),
                            "COMPONENT_CUSTOM_ID_DUPLICATED",
                            format!("Component custom id \"{id}\" cannot be duplicated."),
                        );
                    }
                }
            }
        }
        if !(1..=5).contains(&inputs) {
            self.report(
                &path.at("components"),
                "BASE_TYPE_BAD_LENGTH",
                format!("A modal needs 1 to 5 text inputs, not {inputs}."),
            );
        }
    }

    fn text_input(&mut self, path: &Path, input: &Value, label_outside: bool) {
        self.length(&path.at("custom_id"), &input["custom_id"], 1, 100, true);
        if !label_outside {
            self.length(&path.at("label"), &input["label"], 1, 45, true);
        }
        self.length(
            &path.at("placeholder"),
            &input["placeholder"],
            0,
            100,
            false,
        );
        self.length(&path.at("value"), &input["value"], 0, 4000, false);
        let min = input["min_length"].as_u64();
        let max = input["max_length"].as_u64();
        if min.is_some_and(|n| n > 4000) {
            self.report(
                &path.at("min_length"),
                "NUMBER_TYPE_MAX",
                "Must be less than or equal to 4000.",
            );
        }
        if max.is_some_and(|n| !(1..=4000).contains(&n)) {
            self.report(
                &path.at("max_length"),
                "NUMBER_TYPE_MAX",
                "Must be between 1 and 4000.",
            );
        }
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                self.report(
                    &path.at("min_length"),
                    "BASE_TYPE_INVALID",
                    "min_length cannot exceed max_length.",
                );
            }
        }
    }

    /// A bulk overwrite: every command valid, names unique per type, at most 100 slash commands.
    fn commands(&mut self, body: &Value) {
        let mut names = HashSet::new();
        let mut slash = 0;
        for (i, command) in items(body).iter().enumerate() {
            let at = Path::root().at(i);
            self.command(&at, command);
            let kind = command["type"].as_u64().unwrap_or(1);
            slash += usize::from(kind == 1);
            let name = command["name"].as_str().unwrap_or_default();
            if !names.insert((kind, name)) {
                self.report(
                    &at.at("name"),
                    "APPLICATION_COMMAND_NAME_ALREADY_EXISTS",
                    format!("Application command \"{name}\" is registered twice."),
                );
            }
        }
        if slash > 100 {
            self.report(
                &Path::root(),
                "BASE_TYPE_MAX_LENGTH",
                "Must be 100 or fewer chat input commands.",
            );
        }
    }

    /// One command: name and description rules, options, and 4000 characters in total.
    /// A forum's `available_tags`: at most 20, names of 1–20 characters.
    fn forum_tags(&mut self, body: &Value) {
        let path = Path::root().at("available_tags");
        let tags = items(&body["available_tags"]);
        if tags.len() > 20 {
            self.report(
                &path,
                "BASE_TYPE_MAX_LENGTH",
                "Must be 20 or fewer in length.",
            );
        }
        for (at, tag) in tags.iter().enumerate() {
            self.length(&path.at(at).at("name"), &tag["name"], 1, 20, true);
        }
    }

    fn command(&mut self, path: &Path, command: &Value) {
        let slash = command["type"].as_u64().unwrap_or(1) == 1;
        self.command_name(&path.at("name"), &command["name"], slash);
        self.localisations(path, command, slash);
        if slash {
            self.length(
                &path.at("description"),
                &command["description"],
                1,
                100,
                true,
            );
        }
        self.options(path, &command["options"], 0);
        let total = chars(&command["name"])
            + chars(&command["description"])
            + option_chars(&command["options"]);
        if total > 4000 {
            self.report(
                path,
                "APPLICATION_COMMAND_TOO_LARGE",
                format!("Command exceeds maximum size of 4000 ({total})."),
            );
        }
    }

    /// A command's or option's names and descriptions in other locales, under the same rules
    /// as its own.
    fn localisations(&mut self, path: &Path, item: &Value, slash: bool) {
        let localised = |field: &str| match &item[field] {
            Value::Object(by_locale) => by_locale.clone().into_iter().collect(),
            _ => Vec::new(),
        };
        for (locale, name) in localised("name_localizations") {
            self.command_name(&path.at("name_localizations").at(&locale), &name, slash);
        }
        for (locale, text) in localised("description_localizations") {
            let at = path.at("description_localizations").at(&locale);
            self.length(&at, &text, 1, 100, true);
        }
    }

    /// Names of slash commands and options: 1–32 lowercase letters, digits, `-` or `_`.
    fn command_name(&mut self, path: &Path, name: &Value, slash: bool) {
        self.length(path, name, 1, 32, true);
        if let (true, Some(name)) = (slash, name.as_str()) {
            let allowed = name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
            let lowercase = name
                .chars()
                .all(|c| c.to_lowercase().eq(std::iter::once(c)));
            if !allowed || !lowercase {
                self.report(
                    path,
                    "APPLICATION_COMMAND_INVALID_NAME",
                    format!("Command name \"{name}\" must be lowercase letters, digits, - or _."),
                );
            }
        }
    }

    /// Options at one level: at most 25, unique names, required before optional, subcommands
    /// not mixed with values, choices and autocomplete not together.
    fn options(&mut self, path: &Path, options: &Value, depth: usize) {
        let at = path.at("options");
        self.count(&at, options, 0, 25);
        let list = items(options);
        let nested = list
            .iter()
            .filter(|o| matches!(o["type"].as_u64(), Some(1 | 2)))
            .count();
        if nested > 0 && nested < list.len() {
            self.report(
                &at,
                "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                "Subcommands cannot be mixed with other options.",
            );
        }
        let mut names = HashSet::new();
        let mut seen_optional = false;
        for (i, option) in list.iter().enumerate() {
            let here = at.at(i);
            let kind = option["type"].as_u64().unwrap_or(0);
            self.command_name(&here.at("name"), &option["name"], true);
            self.localisations(&here, option, true);
            self.length(
                &here.at("description"),
                &option["description"],
                1,
                100,
                true,
            );
            if let Some(name) = option["name"].as_str() {
                if !names.insert(name) {
                    self.report(
                        &here.at("name"),
                        "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS",
                        format!("Option \"{name}\" appears twice."),
                    );
                }
            }
            match kind {
                1 | 2 => {
                    let allowed_depth = if kind == 2 { 0 } else { 1 };
                    if depth > allowed_depth {
                        self.report(
                            &here.at("type"),
                            "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                            "Subcommands nest at most group → subcommand.",
                        );
                    }
                    let children = items(&option["options"]);
                    if kind == 2 && children.iter().any(|c| c["type"] != 1) {
                        self.report(
                            &here.at("options"),
                            "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                            "A subcommand group holds only subcommands.",
                        );
                    }
                    self.options(&here, &option["options"], depth + 1);
                }
                _ => {
                    let required = option["required"].as_bool().unwrap_or(false);
                    if required && seen_optional {
                        self.report(
                            &here.at("required"),
                            "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                            "Required options must be placed before non-required options.",
                        );
                    }
                    seen_optional |= !required;
                    self.count(&here.at("choices"), &option["choices"], 0, 25);
                    for (j, choice) in items(&option["choices"]).iter().enumerate() {
                        self.length(
                            &here.at("choices").at(j).at("name"),
                            &choice["name"],
                            1,
                            100,
                            true,
                        );
                        self.length(
                            &here.at("choices").at(j).at("value"),
                            &choice["value"],
                            1,
                            100,
                            false,
                        );
                    }
                    if option["autocomplete"] == true && !items(&option["choices"]).is_empty() {
                        self.report(
                            &here.at("autocomplete"),
                            "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID",
                            "Autocomplete cannot be used with choices.",
                        );
                    }
                }
            }
        }
    }

    /// A scheduled event: name, description, a start after `now`, and the fields its
    /// entity type needs.
    fn scheduled_event(&mut self, body: &Value, creating: bool, now: DateTime<Utc>) {
        let root = Path::root();
        self.length(&root.at("name"), &body["name"], 1, 100, creating);
        self.length(
            &root.at("description"),
            &body["description"],
            0,
            1000,
            false,
        );
        let start = parse_time(&body["scheduled_start_time"]);
        let end = parse_time(&body["scheduled_end_time"]);
        if start.is_some_and(|start| start <= now) && (creating || body["status"].is_null()) {
            self.report(
                &root.at("scheduled_start_time"),
                "GUILD_SCHEDULED_EVENT_SCHEDULE_PAST",
                "Cannot schedule event in the past.",
            );
        }
        if let (Some(start), Some(end)) = (start, end) {
            if end <= start {
                self.report(
                    &root.at("scheduled_end_time"),
                    "GUILD_SCHEDULED_EVENT_END_BEFORE_START",
                    "Cannot schedule event to end before starting.",
                );
            }
        }
        match body["entity_type"].as_u64() {
            Some(3) => {
                self.length(
                    &root.at("entity_metadata").at("location"),
                    &body["entity_metadata"]["location"],
                    1,
                    100,
                    creating,
                );
                if creating && end.is_none() {
                    self.report(
                        &root.at("scheduled_end_time"),
                        "BASE_TYPE_REQUIRED",
                        "External events need an end time.",
                    );
                }
                if !body["channel_id"].is_null() {
                    self.report(
                        &root.at("channel_id"),
                        "BASE_TYPE_INVALID",
                        "External events have no channel.",
                    );
                }
            }
            Some(1 | 2) if creating && body["channel_id"].is_null() => {
                self.report(
                    &root.at("channel_id"),
                    "BASE_TYPE_REQUIRED",
                    "Stage and voice events need a channel.",
                );
            }
            _ => {}
        }
    }
}

fn length_code(min: usize) -> &'static str {
    if min == 0 {
        "BASE_TYPE_MAX_LENGTH"
    } else {
        "BASE_TYPE_BAD_LENGTH"
    }
}

fn length_message(min: usize, max: usize) -> String {
    if min == 0 {
        format!("Must be {max} or fewer in length.")
    } else {
        format!("Must be between {min} and {max} in length.")
    }
}

fn is_select(component: &Value) -> bool {
    matches!(component["type"].as_u64(), Some(3 | 5..=8))
}

/// Characters counted toward a command's 4000: option names, descriptions, choice names and
/// string values, recursively.
fn option_chars(options: &Value) -> usize {
    items(options)
        .iter()
        .map(|o| {
            let choices: usize = items(&o["choices"])
                .iter()
                .map(|c| chars(&c["name"]) + chars(&c["value"]))
                .sum();
            chars(&o["name"]) + chars(&o["description"]) + choices + option_chars(&o["options"])
        })
        .sum()
}

fn parse_time(value: &Value) -> Option<DateTime<Utc>> {
    value
        .as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}
