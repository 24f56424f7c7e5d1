//! Slash command options typed by the bot's own registration: a test writes every value as
//! text, as a user types it, and the registered option type decides what Discord sends
//! (integer, boolean, user with its resolved data, …). What the Discord client would not let a
//! user send (an unknown option, a missing required one, a value outside the choices or
//! bounds) is a mistake in the test and is reported as one.

use serde_json::{json, Value};
use serenity::all::{ChannelId, GuildId, RoleId, UserId};

use crate::model::Command;
use crate::payloads;
use crate::state::State;

/// The command called `name` of `kind` (1 slash, 2 user menu, 3 message menu) the user can
/// invoke: the guild's own first, then the global one.
pub(crate) fn find_command(
    state: &State,
    guild: Option<GuildId>,
    name: &str,
    kind: u64,
) -> Option<Command> {
    let of_kind =
        |c: &&Command| c.name == name && c.definition["type"].as_u64().unwrap_or(1) == kind;
    let in_guild = guild.and_then(|g| {
        state
            .commands
            .iter()
            .filter(|c| c.guild_id == Some(g))
            .find(of_kind)
    });
    in_guild
        .or_else(|| {
            state
                .commands
                .iter()
                .filter(|c| c.guild_id.is_none())
                .find(of_kind)
        })
        .cloned()
}

/// What the user types and where.
pub(crate) struct Typed<'a> {
    pub user: UserId,
    pub guild: Option<GuildId>,
    /// The command and subcommand words, e.g. `course join`.
    pub path: &'a str,
    pub given: &'a [(&'a str, &'a str)],
    /// The last given option is being typed (autocomplete).
    pub autocomplete: bool,
}

/// The interaction `data` for `command` invoked as `typed`, or why a user could not send it.
pub(crate) fn command_data(
    state: &State,
    command: &Command,
    typed: &Typed<'_>,
) -> Result<Value, String> {
    let mut level: Vec<Value> = command.options().to_vec();
    let mut chain = vec![];
    for word in typed.path.split_whitespace().skip(1) {
        let sub = level
            .iter()
            .find(|o| o["name"] == word && matches!(o["type"].as_u64(), Some(1 | 2)))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "/{} has no subcommand `{word}`; it has: {}",
                    command.name,
                    names(&level)
                )
            })?;
        chain.push((sub["type"].clone(), word.to_owned()));
        level = sub["options"].as_array().cloned().unwrap_or_default();
    }
    if level
        .iter()
        .any(|o| matches!(o["type"].as_u64(), Some(1 | 2)))
    {
        return Err(format!(
            "/{} needs a subcommand: {}",
            typed.path,
            names(&level)
        ));
    }
    let mut resolved = json!({});
    let mut options = values(state, &level, typed, &mut resolved)?;
    for (kind, name) in chain.into_iter().rev() {
        options = vec![json!({ "type": kind, "name": name, "options": options })];
    }
    let mut data = json!({
        "id": command.id.to_string(),
        "name": command.name,
        "type": 1,
        "options": options,
    });
    if resolved.as_object().is_some_and(|r| !r.is_empty()) {
        data["resolved"] = resolved;
    }
    if let Some(guild) = command.guild_id {
        data["guild_id"] = json!(guild.to_string());
    }
    Ok(data)
}

fn names(options: &[Value]) -> String {
    let list: Vec<&str> = options.iter().filter_map(|o| o["name"].as_str()).collect();
    if list.is_empty() {
        "(none)".to_owned()
    } else {
        list.join(", ")
    }
}

/// The option values at the innermost level.
fn values(
    state: &State,
    level: &[Value],
    typed: &Typed<'_>,
    resolved: &mut Value,
) -> Result<Vec<Value>, String> {
    let mut built = vec![];
    for (i, (name, raw)) in typed.given.iter().enumerate() {
        let definition = level.iter().find(|o| o["name"] == *name).ok_or_else(|| {
            format!(
                "/{} has no option `{name}`; it has: {}",
                typed.path,
                names(level)
            )
        })?;
        let focused = typed.autocomplete && i + 1 == typed.given.len();
        let value = if focused {
            if definition["autocomplete"] != true {
                return Err(format!(
                    "option `{name}` of /{} has no autocomplete",
                    typed.path
                ));
            }
            json!(raw)
        } else {
            convert(state, definition, raw, typed, resolved)?
        };
        let mut option = json!({ "type": definition["type"], "name": name, "value": value });
        if focused {
            option["focused"] = json!(true);
        }
        built.push(option);
    }
    if !typed.autocomplete {
        let missing = level
            .iter()
            .filter(|o| o["required"] == true)
            .filter_map(|o| o["name"].as_str())
            .find(|n| typed.given.iter().all(|(given, _)| given != n));
        if let Some(missing) = missing {
            return Err(format!("/{} needs option `{missing}`", typed.path));
        }
    }
    Ok(built)
}

/// A typed value for one option, filling `resolved` for users, roles and channels.
fn convert(
    state: &State,
    definition: &Value,
    raw: &str,
    typed: &Typed<'_>,
    resolved: &mut Value,
) -> Result<Value, String> {
    let name = definition["name"].as_str().unwrap_or_default();
    let bad = |what: &str| {
        format!(
            "option `{name}` of /{} wants {what}, not `{raw}`",
            typed.path
        )
    };
    if let Some(choices) = definition["choices"].as_array().filter(|c| !c.is_empty()) {
        let chosen = choices.iter().find(|c| {
            let value = &c["value"];
            c["name"] == raw
                || value.as_str() == Some(raw)
                || (value.is_number() && raw.parse::<f64>().ok() == value.as_f64())
        });
        return chosen
            .map(|c| c["value"].clone())
            .ok_or_else(|| bad("one of its choices"));
    }
    let value = match definition["type"].as_u64() {
        Some(3) => {
            let length = raw.chars().count() as u64;
            let too_short = definition["min_length"]
                .as_u64()
                .is_some_and(|min| length < min);
            let too_long = definition["max_length"]
                .as_u64()
                .is_some_and(|max| length > max);
            if too_short || too_long {
                return Err(bad("a text within its length bounds"));
            }
            json!(raw)
        }
        Some(4) => {
            let number = raw.parse::<i64>().map_err(|_| bad("an integer"))?;
            in_bounds(definition, number as f64)
                .then_some(json!(number))
                .ok_or_else(|| bad("a number within its bounds"))?
        }
        Some(10) => {
            let number = raw.parse::<f64>().map_err(|_| bad("a number"))?;
            in_bounds(definition, number)
                .then_some(json!(number))
                .ok_or_else(|| bad("a number within its bounds"))?
        }
        Some(5) => match raw {
            "true" | "True" | "yes" => json!(true),
            "false" | "False" | "no" => json!(false),
            _ => return Err(bad("true or false")),
        },
        Some(6) => json!(user(state, raw, typed, resolved)
            .ok_or_else(|| bad("a known user"))?
            .to_string()),
        Some(7) => {
            let allowed: Vec<u64> = definition["channel_types"]
                .as_array()
                .map_or(vec![], |t| t.iter().filter_map(Value::as_u64).collect());
            json!(channel(state, raw, typed, &allowed, resolved)
                .ok_or_else(|| bad("a channel of an allowed type"))?
                .to_string())
        }
        Some(8) => json!(role(state, raw, typed, resolved)
            .ok_or_else(|| bad("a role of this guild"))?
            .to_string()),
        Some(9) => {
            let found = user(state, raw, typed, resolved)
                .map(|u| u.get())
                .or_else(|| role(state, raw, typed, resolved).map(|r| r.get()));
            json!(found.ok_or_else(|| bad("a user or a role"))?.to_string())
        }
        _ => {
            return Err(format!(
                "option `{name}` of /{} has a type fake-discord cannot fill (attachment)",
                typed.path
            ))
        }
    };
    Ok(value)
}

fn in_bounds(definition: &Value, number: f64) -> bool {
    let above = definition["min_value"]
        .as_f64()
        .is_none_or(|min| number >= min);
    let below = definition["max_value"]
        .as_f64()
        .is_none_or(|max| number <= max);
    above && below
}

/// The id in `123`, `<@123>`, `<@!123>`, `<@&123>` or `<#123>`.
fn mentioned_id(raw: &str) -> Option<u64> {
    let inner = raw.trim().trim_start_matches('<').trim_end_matches('>');
    let digits = inner.trim_start_matches(['@', '!', '&', '#']);
    digits.parse::<u64>().ok().filter(|id| *id != 0)
}

fn user(state: &State, raw: &str, typed: &Typed<'_>, resolved: &mut Value) -> Option<UserId> {
    let id = mentioned_id(raw)
        .map(UserId::new)
        .filter(|id| state.users.contains_key(id))?;
    payloads::resolve_user(state, typed.guild, id, resolved);
    Some(id)
}

fn role(state: &State, raw: &str, typed: &Typed<'_>, resolved: &mut Value) -> Option<RoleId> {
    let guild = typed.guild?;
    let role = state
        .role(guild, mentioned_id(raw).map(RoleId::new)?)
        .ok()?;
    resolved["roles"][role.id.to_string()] = payloads::role(state, role);
    Some(role.id)
}

fn channel(
    state: &State,
    raw: &str,
    typed: &Typed<'_>,
    allowed: &[u64],
    resolved: &mut Value,
) -> Option<ChannelId> {
    let channel = state.channel(mentioned_id(raw).map(ChannelId::new)?).ok()?;
    let kind = u64::from(channel.kind.number());
    if channel.guild_id != typed.guild || !(allowed.is_empty() || allowed.contains(&kind)) {
        return None;
    }
    resolved["channels"][channel.id.to_string()] =
        payloads::partial_channel(state, channel, typed.user);
    Some(channel.id)
}
