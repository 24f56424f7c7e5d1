//! Who a message notifies, worked out as Discord does from its content and
//! `allowed_mentions`.

use serde_json::Value;
use serenity::all::{RoleId, UserId};

/// Who a new message notifies. Without `allowed_mentions` Discord notifies every mention
/// in the content; with it, only what it allows (`parse` kinds, listed users and roles).
/// Embeds never notify anyone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pings {
    /// `@everyone` or `@here`.
    pub everyone: bool,
    pub users: Vec<UserId>,
    pub roles: Vec<RoleId>,
}

impl Pings {
    /// Whether the message notified nobody.
    pub fn is_empty(&self) -> bool {
        !self.everyone && self.users.is_empty() && self.roles.is_empty()
    }

    /// Who `content` notifies under `allowed` (the request's `allowed_mentions`, or `None`).
    pub fn of(content: &str, allowed: Option<&Value>) -> Pings {
        let parses = |kind: &str| {
            allowed.is_none_or(|a| {
                a["parse"]
                    .as_array()
                    .is_some_and(|p| p.iter().any(|v| v == kind))
            })
        };
        let listed = |field: &str, id: u64| {
            allowed.is_some_and(|a| {
                a[field].as_array().is_some_and(|ids| {
                    ids.iter()
                        .any(|v| v.as_str().and_then(|s| s.parse().ok()).or(v.as_u64()) == Some(id))
                })
            })
        };
        let mut pings = Pings {
            everyone: (content.contains("@everyone") || content.contains("@here"))
                && parses("everyone"),
            ..Pings::default()
        };
        for part in content.split('<').skip(1) {
            let Some((inside, _)) = part.split_once('>') else {
                continue;
            };
            if let Some(role) = inside.strip_prefix("@&") {
                if let Ok(id) = role.parse::<u64>() {
                    let role = RoleId::new(id.max(1));
                    if (parses("roles") || listed("roles", id)) && !pings.roles.contains(&role) {
                        pings.roles.push(role);
                    }
                }
            } else if let Some(user) = inside.strip_prefix('@') {
                if let Ok(id) = user.trim_start_matches('!').parse::<u64>() {
                    let user = UserId::new(id.max(1));
                    if (parses("users") || listed("users", id)) && !pings.users.contains(&user) {
                        pings.users.push(user);
                    }
                }
            }
        }
        pings
    }
}
