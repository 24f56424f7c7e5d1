//! Profile pages: what a member says about themselves in a server (their institution or
//! area, a short bio, up to three links) and whether other members may see their progress.
//! The checks on what they type live here.

use super::{GuildId, UnixMillis, UserId};
use crate::i18n::Message;

/// The most an institution or area may hold.
pub const MAX_AREA: usize = 100;
/// The most a bio may hold.
pub const MAX_BIO: usize = 500;
/// The most links a profile shows.
pub const MAX_LINKS: usize = 3;
/// The most one link may hold.
pub const MAX_LINK: usize = 200;

/// A member's profile in one server. Without one, a member has empty fields and their
/// progress hidden from other members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub guild_id: GuildId,
    pub user_id: UserId,
    pub area: String,
    pub bio: String,
    pub links: Vec<String>,
    /// Whether other members see the member's progress; facilitators always do.
    pub progress_shown: bool,
    pub updated_at: UnixMillis,
}

/// The profile's form as typed: links one per field, any of them empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedProfile {
    pub area: String,
    pub bio: String,
    pub links: Vec<String>,
}

impl Profile {
    /// The profile of someone who has not written one.
    pub fn empty(guild_id: GuildId, user_id: UserId) -> Profile {
        Profile {
            guild_id,
            user_id,
            area: String::new(),
            bio: String::new(),
            links: Vec::new(),
            progress_shown: false,
            updated_at: 0,
        }
    }
}

impl TypedProfile {
    /// The fields trimmed, empty links dropped, if every field fits and every link is an
    /// https address; otherwise what is wrong, in the member's terms.
    pub fn check(&self) -> Result<TypedProfile, Message> {
        let area = self.area.trim();
        let bio = self.bio.trim();
        if area.chars().count() > MAX_AREA {
            return Err(Message::new("profile-area-too-long").arg("max", MAX_AREA));
        }
        if bio.chars().count() > MAX_BIO {
            return Err(Message::new("profile-bio-too-long").arg("max", MAX_BIO));
        }
        let links: Vec<String> = self
            .links
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if links.len() > MAX_LINKS {
            return Err(Message::new("profile-too-many-links").arg("max", MAX_LINKS));
        }
        for link in &links {
            check_link(link)?;
        }
        Ok(TypedProfile {
            area: area.to_owned(),
            bio: bio.to_owned(),
            links,
        })
    }
}

/// Refuses anything but an https address with a host, of at most [`MAX_LINK`] characters.
fn check_link(link: &str) -> Result<(), Message> {
    let shown: String = link.chars().take(60).collect();
    if link.chars().count() > MAX_LINK {
        return Err(Message::new("profile-link-too-long")
            .arg("link", shown)
            .arg("max", MAX_LINK));
    }
    match url::Url::parse(link) {
        Ok(url) if url.scheme() == "https" && url.host_str().is_some_and(|h| h.contains('.')) => {
            Ok(())
        }
        Ok(url) if url.scheme() == "http" => {
            Err(Message::new("profile-link-not-secure").arg("link", shown))
        }
        _ => Err(Message::new("profile-link-not-web").arg("link", shown)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn typed(links: &[&str]) -> TypedProfile {
        TypedProfile {
            area: " Tenants' union, Leeds ".into(),
            bio: "I organise on the estates.".into(),
            links: links.iter().map(|l| l.to_string()).collect(),
        }
    }

    #[test]
    fn https_links_pass_and_empty_ones_are_dropped() {
        let checked = typed(&["https://example.org/me", " ", ""]).check().unwrap();
        assert_eq!(checked.links, ["https://example.org/me"]);
        assert_eq!(checked.area, "Tenants' union, Leeds");
    }

    #[test]
    fn anything_but_an_https_address_is_refused_with_the_reason() {
        for (link, says) in [
            ("http://example.org", "not secure"),
            ("javascript:alert(1)", "not a web address"),
            ("example.org", "not a web address"),
            ("https://localhost", "not a web address"),
            ("ftp://example.org", "not a web address"),
        ] {
            let refusal = typed(&[link]).check().unwrap_err().render(Lang::En);
            assert!(refusal.contains(says), "{link}: {refusal}");
        }
        let long = format!("https://example.org/{}", "a".repeat(MAX_LINK));
        let refusal = typed(&[&long]).check().unwrap_err().render(Lang::En);
        assert!(refusal.contains("longer than"), "{refusal}");
        let four = typed(&[
            "https://a.org",
            "https://b.org",
            "https://c.org",
            "https://d.org",
        ]);
        let refusal = four.check().unwrap_err().render(Lang::En);
        assert!(refusal.contains("at most 3"), "{refusal}");
    }
}
