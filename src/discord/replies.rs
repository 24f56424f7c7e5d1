//! What every message the bot sends carries, wherever it is sent from: mentions stated
//! (only the users it names on purpose ever ping, never @everyone, @here or a role) and text
//! that fits Discord's limits (a reply that would not fit is replaced by a short one, never
//! dropped).

use poise::serenity_prelude as serenity;
use serenity::CreateAllowedMentions;

use crate::i18n::{tr, Lang};
use crate::model::UserId;

/// Discord's limit on a message's content.
pub const CONTENT_LIMIT: usize = 2000;

/// What is said instead of a reply that does not fit in a message.
pub fn too_long(lang: Lang) -> String {
    tr(lang, "too-long")
}

/// Mentions for replies and posts that ping nobody.
pub fn no_pings() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
}

/// Mentions that ping exactly `users`, and nobody else.
pub fn pinging(users: impl IntoIterator<Item = UserId>) -> CreateAllowedMentions {
    let users: Vec<serenity::UserId> = users
        .into_iter()
        .map(|u| serenity::UserId::new(u.0))
        .collect();
    no_pings().users(users)
}

/// Mentions that ping the users the bot named in `content`, text it wrote itself (members'
/// own writing goes in embeds, which never ping).
pub fn pinging_named_in(content: &str) -> CreateAllowedMentions {
    pinging(mentioned_users(content))
}

/// The users mentioned in `text` (`<@123>` or `<@!123>`), in order, without repeats.
pub fn mentioned_users(text: &str) -> Vec<UserId> {
    let mut users = Vec::new();
    for part in text.split('<').skip(1) {
        let Some((inside, _)) = part.split_once('>') else {
            continue;
        };
        let id = inside.trim_start_matches('@').trim_start_matches('!');
        if let Ok(id) = id.parse::<u64>() {
            if inside.starts_with('@') && !users.contains(&UserId(id)) {
                users.push(UserId(id));
            }
        }
    }
    users
}

/// `text` if it fits in a message, else the short [`too_long`] notice.
pub fn fitting(text: &str, lang: Lang) -> String {
    if text.chars().count() <= CONTENT_LIMIT {
        text.to_owned()
    } else {
        too_long(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_read_in_order_once() {
        assert_eq!(
            mentioned_users("<@12> and <@!34>, <@12> <#56> <@&78> text"),
            vec![UserId(12), UserId(34)]
        );
        assert!(mentioned_users("nobody").is_empty());
    }

    #[test]
    fn only_what_fits_is_sent() {
        assert_eq!(fitting("short", Lang::En), "short");
        assert_eq!(
            fitting(&"x".repeat(CONTENT_LIMIT + 1), Lang::Fr),
            too_long(Lang::Fr)
        );
        for lang in Lang::ALL {
            assert!(too_long(lang).chars().count() < CONTENT_LIMIT);
        }
    }

    #[test]
    fn nothing_but_the_named_users_pings() {
        let json = serde_json::to_value(pinging_named_in("<@5> said @everyone")).unwrap();
        assert_eq!(json["parse"], serde_json::json!([]));
        assert_eq!(json["users"], serde_json::json!(["5"]));
        assert_eq!(json["roles"], serde_json::json!([]));
    }
}
