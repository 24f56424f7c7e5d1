//! Guilds: the guild and its channels, roles (list, create, edit, delete) and members (list,
//! get, add and remove a role). Role changes follow Discord's hierarchy: the bot needs Manage
//! Roles and may only touch roles below its own highest role (else 403, code 50013).

use serde_json::{json, Value};
use serenity::all::{GuildId, Permissions, RoleId, UserId};

use super::messages::snowflake;
use super::{Answer, Outcome, Request};
use crate::errors::{ApiError, Problem};
use crate::model::Role;
use crate::payloads;
use crate::state::{make_room, State};

fn guild_of(state: &State, req: &Request) -> Result<GuildId, ApiError> {
    let guild = GuildId::new(req.id("guild_id")?);
    state.guild(guild)?;
    Ok(guild)
}

/// `GET /guilds/{guild_id}`.
pub(crate) fn get(state: &mut State, req: &Request) -> Outcome {
    let guild = guild_of(state, req)?;
    Ok(Answer::json(payloads::guild(state, state.guild(guild)?)))
}

/// `GET /guilds/{guild_id}/channels`: channels without threads.
pub(crate) fn channels(state: &mut State, req: &Request) -> Outcome {
    let guild = guild_of(state, req)?;
    let found = state
        .channels
        .values()
        .filter(|c| c.guild_id == Some(guild) && !c.kind.is_thread())
        .map(|c| payloads::channel(state, c))
        .collect();
    Ok(Answer::json(Value::Array(found)))
}

/// `GET /guilds/{guild_id}/threads/active`: the guild's threads the bot can see (the fake
/// archives none), without thread members.
pub(crate) fn active_threads(state: &mut State, req: &Request) -> Outcome {
    let guild = guild_of(state, req)?;
    let bot = state.bot_id;
    let threads: Vec<Value> = state
        .channels
        .values()
        .filter(|c| c.guild_id == Some(guild) && c.kind.is_thread())
        .filter(|c| crate::permissions::can_view(state, c, bot))
        .map(|c| payloads::channel(state, c))
        .collect();
    Ok(Answer::json(json!({ "threads": threads, "members": [] })))
}

/// `GET /guilds/{guild_id}/roles`.
pub(crate) fn roles(state: &mut State, req: &Request) -> Outcome {
    let guild = guild_of(state, req)?;
    let mut roles: Vec<&Role> = state.guild(guild)?.roles.values().collect();
    roles.sort_by_key(|r| (r.position, r.id));
    Ok(Answer::json(Value::Array(
        roles
            .into_iter()
            .map(|r| payloads::role(state, r))
            .collect(),
    )))
}

/// The permissions a role body asks for; the bot cannot grant what it lacks unless it is an
/// administrator.
fn requested_permissions(
    state: &State,
    guild: GuildId,
    body: &Value,
) -> Result<Option<Permissions>, ApiError> {
    let Some(bits) = snowflake(&body["permissions"]) else {
        return Ok(None);
    };
    let requested = Permissions::from_bits_truncate(bits);
    let own = state.permissions(guild, state.bot_id);
    if own.contains(requested) {
        Ok(Some(requested))
    } else {
        Err(ApiError::missing_permissions())
    }
}

fn apply_role(role: &mut Role, body: &Value, permissions: Option<Permissions>) {
    if let Some(name) = body["name"].as_str() {
        name.clone_into(&mut role.name);
    }
    if let Some(permissions) = permissions {
        role.permissions = permissions;
    }
    if let Some(color) = body["color"].as_u64().and_then(|c| u32::try_from(c).ok()) {
        role.color = color;
    }
    if let Some(hoist) = body["hoist"].as_bool() {
        role.hoist = hoist;
    }
    if let Some(mentionable) = body["mentionable"].as_bool() {
        role.mentionable = mentionable;
    }
}

/// `POST /guilds/{guild_id}/roles`: a new role at position 1, just above `@everyone`.
pub(crate) fn create_role(state: &mut State, req: &Request) -> Outcome {
    let guild = guild_of(state, req)?;
    state.require(guild, Permissions::MANAGE_ROLES)?;
    let permissions = requested_permissions(state, guild, &req.body)?;
    let id = RoleId::new(state.next_id());
    let mut role = Role {
        id,
        guild_id: guild,
        name: "new role".into(),
        position: 1,
        permissions: Permissions::empty(),
        color: 0,
        hoist: false,
        mentionable: false,
        managed: false,
    };
    apply_role(&mut role, &req.body, permissions);
    let record = state.guild_mut(guild)?;
    make_room(record, 1);
    record.roles.insert(id, role.clone());
    let payload = payloads::role_event(state, &role);
    state.dispatch("GUILD_ROLE_CREATE", payload);
    Ok(Answer::json(payloads::role(state, &role)))
}

/// `PATCH /guilds/{guild_id}/roles/{role_id}`.
pub(crate) fn edit_role(state: &mut State, req: &Request) -> Outcome {
    let guild = guild_of(state, req)?;
    let id = RoleId::new(req.id("role_id")?);
    state.role(guild, id)?;
    state.require_manageable(guild, id)?;
    let permissions = requested_permissions(state, guild, &req.body)?;
    let mut role = state.role(guild, id)?.clone();
    apply_role(&mut role, &req.body, permissions);
    state.guild_mut(guild)?.roles.insert(id, role.clone());
    let payload = payloads::role_event(state, &role);
    state.dispatch("GUILD_ROLE_UPDATE", payload);
    Ok(Answer::json(payloads::role(state, &role)))
}

/// `DELETE /guilds/{guild_id}/roles/{role_id}`: also removes it from every member.
pub(crate) fn delete_role(state: &mut State, req: &Request) -> Outcome {
    let guild = guild_of(state, req)?;
    let id = RoleId::new(req.id("role_id")?);
    state.role(guild, id)?;
    if id.get() == guild.get() {
        let problem = Problem::new(
            &["role_id"],
            "BASE_TYPE_INVALID",
            "@everyone cannot be deleted.",
        );
        return Err(ApiError::invalid_form_body(vec![problem]));
    }
    state.require_manageable(guild, id)?;
    let record = state.guild_mut(guild)?;
    record.roles.remove(&id);
    for member in record.members.values_mut() {
        member.roles.retain(|r| *r != id);
    }
    state.dispatch(
        "GUILD_ROLE_DELETE",
        json!({ "guild_id": guild.to_string(), "role_id": id.to_string() }),
    );
    Ok(Answer::no_content())
}

/// `GET /guilds/{guild_id}/members`: by user id, `limit` (default 1) `after` an id. Needs the
/// Server Members privileged intent to be enabled for the application (else 403, 50001).
pub(crate) fn members(state: &mut State, req: &Request) -> Outcome {
    let guild = guild_of(state, req)?;
    if !state
        .config
        .privileged_intents
        .contains(serenity::all::GatewayIntents::GUILD_MEMBERS)
    {
        return Err(ApiError::missing_access());
    }
    let limit = req
        .query("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(1);
    let after = req
        .query("after")
        .and_then(|a| a.parse::<u64>().ok())
        .unwrap_or(0);
    let found = state
        .guild(guild)?
        .members
        .values()
        .filter(|m| m.user_id.get() > after)
        .take(limit)
        .map(|m| payloads::member(state, m))
        .collect();
    Ok(Answer::json(Value::Array(found)))
}

/// `GET /guilds/{guild_id}/members/{user_id}`.
pub(crate) fn member(state: &mut State, req: &Request) -> Outcome {
    let guild = guild_of(state, req)?;
    let member = state.member(guild, UserId::new(req.id("user_id")?))?;
    Ok(Answer::json(payloads::member(state, member)))
}

/// Adds or removes a member's role, checking member, role and hierarchy in Discord's order.
fn change_member_role(state: &mut State, req: &Request, add: bool) -> Outcome {
    let guild = guild_of(state, req)?;
    let user = UserId::new(req.id("user_id")?);
    let role = RoleId::new(req.id("role_id")?);
    state.member(guild, user)?;
    state.role(guild, role)?;
    state.require_manageable(guild, role)?;
    let record = state.guild_mut(guild)?;
    let Some(member) = record.members.get_mut(&user) else {
        return Err(ApiError::unknown_member());
    };
    let had = member.roles.contains(&role);
    if add && !had {
        member.roles.push(role);
    } else if !add && had {
        member.roles.retain(|r| *r != role);
    }
    if add != had {
        state.member_updated(guild, user);
    }
    Ok(Answer::no_content())
}

/// `PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}`.
pub(crate) fn add_member_role(state: &mut State, req: &Request) -> Outcome {
    change_member_role(state, req, true)
}

/// `DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}`.
pub(crate) fn remove_member_role(state: &mut State, req: &Request) -> Outcome {
    change_member_role(state, req, false)
}
