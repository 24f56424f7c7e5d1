//! Application command registration, global and per guild: bulk overwrite (`PUT`), list
//! (`GET`) and create-or-replace one (`POST`). Ids survive an overwrite that keeps the name.

use serde_json::Value;
use serenity::all::{CommandId, GuildId};

use super::{Answer, Outcome, Request};
use crate::errors::ApiError;
use crate::model::Command;
use crate::payloads;
use crate::state::State;

/// The guild the request is about (`None` for global commands), after checking the application.
fn scope(state: &State, req: &Request) -> Result<Option<GuildId>, ApiError> {
    if req.id("application_id")? != state.bot_id.get() {
        return Err(ApiError::unknown_application());
    }
    if req.params.iter().any(|(name, _)| *name == "guild_id") {
        let guild = GuildId::new(req.id("guild_id")?);
        state.guild(guild)?;
        return Ok(Some(guild));
    }
    Ok(None)
}

fn kind(definition: &Value) -> u64 {
    definition["type"].as_u64().unwrap_or(1)
}

/// The stored command for a definition, keeping the id of an existing one with its name.
fn register(state: &mut State, guild: Option<GuildId>, definition: &Value) -> (Command, bool) {
    let name = definition["name"].as_str().unwrap_or_default().to_owned();
    let existing = state
        .commands
        .iter()
        .find(|c| c.guild_id == guild && c.name == name && kind(&c.definition) == kind(definition))
        .map(|c| c.id);
    let id = existing.unwrap_or_else(|| CommandId::new(state.next_id()));
    let command = Command {
        id,
        guild_id: guild,
        name,
        description: definition["description"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        definition: definition.clone(),
    };
    (command, existing.is_none())
}

fn listing(state: &State, guild: Option<GuildId>) -> Value {
    let found = state
        .commands
        .iter()
        .filter(|c| c.guild_id == guild)
        .map(|c| payloads::command(state, c))
        .collect();
    Value::Array(found)
}

/// `GET /applications/{application_id}[/guilds/{guild_id}]/commands`.
pub(crate) fn list(state: &mut State, req: &Request) -> Outcome {
    let guild = scope(state, req)?;
    Ok(Answer::json(listing(state, guild)))
}

/// `PUT /applications/{application_id}[/guilds/{guild_id}]/commands`: replaces them all.
pub(crate) fn overwrite(state: &mut State, req: &Request) -> Outcome {
    let guild = scope(state, req)?;
    let definitions = req.body.as_array().cloned().unwrap_or_default();
    let commands: Vec<Command> = definitions
        .iter()
        .map(|d| register(state, guild, d).0)
        .collect();
    state.commands.retain(|c| c.guild_id != guild);
    state.commands.extend(commands);
    Ok(Answer::json(listing(state, guild)))
}

/// `POST /applications/{application_id}[/guilds/{guild_id}]/commands`: 201 if new.
pub(crate) fn upsert(state: &mut State, req: &Request) -> Outcome {
    let guild = scope(state, req)?;
    let (command, created) = register(state, guild, &req.body);
    state.commands.retain(|c| c.id != command.id);
    let answer = payloads::command(state, &command);
    state.commands.push(command);
    Ok(if created {
        Answer::created(answer)
    } else {
        Answer::json(answer)
    })
}
