//! Profile pages: what a member says about themselves in a server (their institution or
//! area, a short bio, up to three links) and whether other members may see their progress.
//! The checks on what they type live here.

use super::{GuildId, UnixMillis, UserId};

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
    pub fn check(&self) -> Result<TypedProfile, String> {
        let area = self.area.trim();
        let bio = self.bio.trim();
        if area.chars().count() > MAX_AREA {
            return Err(format!(
                "Keep your institution or area to {MAX_AREA} characters."
            ));
        }
        if bio.chars().count() > MAX_BIO {
            return Err(format!("Keep your bio to {MAX_BIO} characters."));
        }
        let links: Vec<String> = self
            .links
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if links.len() > MAX_LINKS {
            return Err(format!("A profile shows at most {MAX_LINKS} links."));
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
fn check_link(link: &str) -> Result<(), String> {
    let shown: String = link.chars().take(60).collect();
    if link.chars().count() > MAX_LINK {
        return Err(format!("“{shown}…” is longer than {MAX_LINK} characters."));
    }
    match url::Url::parse(link) {
        Ok(url) if url.scheme() == "https" && url.host_str().is_some_and(|h| h.contains('.')) => {
            Ok(())
        }
        Ok(url) if url.scheme() == "http" => Err(format!(
            "“{shown}” is not secure: use its https:// address."
        )),
        _ => Err(format!(
            "“{shown}” is not a web address: links start with https://."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let refusal = typed(&[link]).check().unwrap_err();
            assert!(refusal.contains(says), "{link}: {refusal}");
        }
        let long = format!("https://example.org/{}", "a".repeat(MAX_LINK));
        assert!(typed(&[&long]).check().unwrap_err().contains("longer than"));
        let four = typed(&[
            "https://a.org",
            "https://b.org",
            "https://c.org",
            "https://d.org",
        ]);
        assert!(four.check().unwrap_err().contains("at most 3"));
    }
}
