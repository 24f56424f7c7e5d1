//! The credential itself: an Open Badges 3.0 `OpenBadgeCredential` for one award, with the
//! JWT claims the JSON Web Token proof format adds (`iss`, `jti`, `sub`, `nbf`, `exp`), and
//! the identifiers that let the issuer find the award again.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chrono::{DateTime, Months, SecondsFormat, Utc};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::course::{AwardMode, Badge, Course};
use crate::model::{BadgeAward, BadgeAwardId};

/// The two contexts every Open Badges 3.0 credential names, in this order.
const CONTEXTS: [&str; 2] = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

/// Who issues the credentials, as the credential's `issuer` profile shows them.
#[derive(Debug, Clone)]
pub struct IssuerProfile {
    /// A URI: the configured web page, or a URN naming the issuer's key.
    pub id: String,
    pub name: String,
    pub url: Option<String>,
}

/// What one credential says.
pub struct Facts<'a> {
    pub issuer: &'a IssuerProfile,
    /// The issuer key's thumbprint, from which the credential's and achievement's ids derive.
    pub thumbprint: &'a str,
    pub course: &'a Course,
    pub badge: &'a Badge,
    pub award: &'a BadgeAward,
    /// Months after the award that the credential stays valid; `None` for ever.
    pub valid_months: Option<u32>,
}

/// The credential for `facts`, with its JWT claims, ready to be signed.
pub fn credential(facts: &Facts) -> Value {
    let Facts {
        issuer,
        thumbprint,
        course,
        badge,
        award,
        valid_months,
    } = facts;
    let id = award_urn(thumbprint, award.id);
    let subject = member_uri(award.user_id.0);
    // JWT dates are whole seconds; `validFrom` must equal `nbf`, so it drops the milliseconds.
    let awarded =
        DateTime::from_timestamp(award.awarded_at.div_euclid(1000), 0).unwrap_or_default();
    let mut profile = json!({ "id": issuer.id, "type": ["Profile"], "name": issuer.name });
    if let Some(url) = &issuer.url {
        profile["url"] = json!(url);
    }
    let mut document = json!({
        "@context": CONTEXTS,
        "id": id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": badge.name,
        "description": badge.description,
        "issuer": profile,
        "validFrom": timestamp(awarded),
        "awardedDate": timestamp(awarded),
        "credentialSubject": {
            "id": subject,
            "type": ["AchievementSubject"],
            "achievement": {
                "id": achievement_urn(thumbprint, &course.id, &badge.id),
                "type": ["Achievement"],
                "achievementType": "Badge",
                "name": badge.name,
                "description": badge.description,
                "criteria": { "narrative": criteria(course, badge) },
                "image": { "id": picture(badge), "type": "Image", "caption": badge.name },
                "tag": [course.title],
            },
        },
        "iss": issuer.id,
        "jti": id,
        "sub": subject,
        "nbf": awarded.timestamp(),
    });
    let until = valid_months.and_then(|months| awarded.checked_add_months(Months::new(months)));
    if let Some(until) = until {
        document["validUntil"] = json!(timestamp(until));
        document["exp"] = json!(until.timestamp());
    }
    document
}

/// A member as a URI: their Discord profile.
fn member_uri(user: u64) -> String {
    format!("https://discord.com/users/{user}")
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The credential's id: a version 8 UUID (RFC 9562) whose first half comes from the issuer's
/// key and whose second half is the award's number, so the issuer finds the award again.
fn award_urn(thumbprint: &str, award: BadgeAwardId) -> String {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&digest(&["award", thumbprint])[..8]);
    // Award numbers are positive and far below 2^62, so the variant bits are free.
    bytes[8..].copy_from_slice(&award.0.to_be_bytes());
    urn(bytes)
}

/// The award a credential id of this issuer's names, if it is one.
pub fn award_of_urn(thumbprint: &str, id: &str) -> Option<BadgeAwardId> {
    let hex: String = id.strip_prefix("urn:uuid:")?.split('-').collect();
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    let bytes: [u8; 16] = bytes.try_into().ok()?;
    let mut number: [u8; 8] = bytes[8..].try_into().ok()?;
    number[0] &= 0x3f;
    let award = BadgeAwardId(i64::from_be_bytes(number));
    (award_urn(thumbprint, award) == id).then_some(award)
}

/// The achievement's id: stable for one issuer, course and badge.
fn achievement_urn(thumbprint: &str, course: &str, badge: &str) -> String {
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest(&["achievement", thumbprint, course, badge])[..16]);
    urn(bytes)
}

fn digest(parts: &[&str]) -> [u8; 32] {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.finalize().into()
}

/// `urn:uuid:…` with the version (8) and variant (RFC) bits set.
fn urn(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// What earns the badge, in words, from the pack's requirements.
fn criteria(course: &Course, badge: &Badge) -> String {
    let needs = &badge.requires;
    let quoted = |titles: Vec<&str>| {
        let titles: Vec<String> = titles.iter().map(|t| format!("“{t}”")).collect();
        titles.join(", ")
    };
    let mut parts = Vec::new();
    if !needs.modules.is_empty() {
        let titles = needs
            .modules
            .iter()
            .map(|m| course.module(m).map_or(m.as_str(), |m| m.title.as_str()))
            .collect();
        let noun = if needs.modules.len() == 1 {
            "module"
        } else {
            "modules"
        };
        parts.push(format!("Complete the {noun} {}.", quoted(titles)));
    }
    for pathway in course
        .pathways
        .iter()
        .filter(|p| needs.pathway_modules.contains(&p.id))
    {
        parts.push(format!(
            "Choose a route of “{}” and complete its modules.",
            pathway.title
        ));
    }
    for need in &needs.attended {
        let series = course
            .series(&need.series)
            .map_or(need.series.as_str(), |s| s.title.as_str());
        parts.push(format!("Attend {} sessions of “{series}”.", need.count));
    }
    if let Some(need) = &needs.conversations {
        let rarely_heard = match need.excluded {
            0 => String::new(),
            n => format!(", {n} of them with people from groups rarely heard"),
        };
        parts.push(format!(
            "Hold {} one-to-one conversations in the listening campaign{rarely_heard}.",
            need.count
        ));
    }
    if !needs.badges.is_empty() {
        let names = needs
            .badges
            .iter()
            .map(|b| course.badge(b).map_or(b.as_str(), |b| b.name.as_str()))
            .collect();
        parts.push(format!("Hold first: {}.", quoted(names)));
    }
    parts.push(
        match (badge.award, needs.is_empty()) {
            (AwardMode::Auto, _) => "Given as soon as all of this is done.",
            (AwardMode::Manual, false) => "A facilitator gives it once all of this is done.",
            (AwardMode::Manual, true) => "Given by a facilitator of the course.",
        }
        .to_string(),
    );
    parts.join(" ")
}

/// The badge's picture as an SVG data URI: its emoji (or initial) on a disc of its colour.
fn picture(badge: &Badge) -> String {
    let symbol = badge.emoji.clone().unwrap_or_else(|| {
        badge
            .name
            .chars()
            .next()
            .map_or_else(String::new, |c| c.to_uppercase().collect())
    });
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256"><circle cx="128" cy="128" r="124" fill="#{:06X}"/><text x="128" y="162" font-size="104" text-anchor="middle">{}</text></svg>"##,
        badge.colour & 0xff_ffff,
        xml_text(&symbol)
    );
    format!("data:image/svg+xml;base64,{}", STANDARD.encode(svg))
}

fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_award_is_found_again_from_its_credential_id_and_only_by_its_issuer() {
        let id = award_urn("key-a", BadgeAwardId(4711));
        assert!(id.starts_with("urn:uuid:"), "{id}");
        assert_eq!(&id[23..24], "8", "version 8: {id}");
        assert!("89ab".contains(&id[28..29]), "RFC variant: {id}");
        assert_eq!(award_of_urn("key-a", &id), Some(BadgeAwardId(4711)));
        assert_eq!(award_of_urn("key-b", &id), None);
        assert_eq!(award_of_urn("key-a", "urn:uuid:zz"), None);
    }
}
