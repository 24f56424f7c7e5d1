//! Badges members can take with them: each award exported as an Open Badges 3.0
//! `OpenBadgeCredential`, signed by the issuer's key as a compact JWS, and checked again by
//! `verify` (signature, issuer, dates, revocation). The key is made on first use and kept in
//! the database, or in the file `badge_key_file` names.

mod document;
mod signing;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::Value;

pub use signing::{open, IssuerKey, Opened, Unopened};

use document::{award_of_urn, IssuerProfile};

use super::snapshots::course_of;
use super::{DomainError, DomainResult};
use crate::config::{Config, Secret};
use crate::model::{BadgeAward, Cohort, UnixMillis, UserId};
use crate::store::Store;

/// The file extension of an exported credential: a compact JWS, as a `.jwt` file.
pub const FILE_EXTENSION: &str = "jwt";

/// How credentials are issued, from the configuration.
#[derive(Debug, Clone)]
pub struct IssuerSettings {
    pub name: String,
    pub url: Option<String>,
    pub key_file: Option<PathBuf>,
    pub valid_months: Option<u32>,
}

impl IssuerSettings {
    pub fn from_config(config: &Config) -> IssuerSettings {
        IssuerSettings {
            name: config.badge_issuer_name.clone(),
            url: config.badge_issuer_url.as_ref().map(ToString::to_string),
            key_file: config.badge_key_file.clone(),
            valid_months: config.badge_valid_months,
        }
    }
}

/// One exported credential.
#[derive(Debug, Clone)]
pub struct CredentialFile {
    pub file_name: String,
    pub badge_name: String,
    /// The signed credential, a compact JWS.
    pub jws: String,
}

/// The member's credentials in `cohort`: one per badge they hold now; revoked ones are not.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id, user = %user))]
pub async fn export_own(
    store: &Store,
    settings: &IssuerSettings,
    cohort: &Cohort,
    user: UserId,
    now: UnixMillis,
) -> DomainResult<Vec<CredentialFile>> {
    let awards = store.badge_awards_of_member(cohort.id, user).await?;
    export(store, settings, cohort, awards, now, |a| a.badge_id.clone()).await
}

/// Every credential a cohort's members hold now, for the operator's command line.
#[tracing::instrument(skip_all, fields(cohort = %cohort.id))]
pub async fn export_cohort(
    store: &Store,
    settings: &IssuerSettings,
    cohort: &Cohort,
    now: UnixMillis,
) -> DomainResult<Vec<CredentialFile>> {
    let awards = store.badge_awards_of_cohort(cohort.id).await?;
    let name = |a: &BadgeAward| format!("{}-{}", a.user_id, a.badge_id);
    export(store, settings, cohort, awards, now, name).await
}

async fn export(
    store: &Store,
    settings: &IssuerSettings,
    cohort: &Cohort,
    awards: Vec<BadgeAward>,
    now: UnixMillis,
    file_stem: impl Fn(&BadgeAward) -> String,
) -> DomainResult<Vec<CredentialFile>> {
    let held: Vec<BadgeAward> = awards
        .into_iter()
        .filter(|a| a.revoked_at.is_none())
        .collect();
    if held.is_empty() {
        return Ok(Vec::new());
    }
    let course = course_of(store, cohort).await?;
    let key = issuer_key(store, settings, now).await?;
    let thumbprint = key.thumbprint();
    let issuer = profile(settings, &thumbprint);
    let mut files = Vec::with_capacity(held.len());
    for award in &held {
        let Some(badge) = course.badge(&award.badge_id) else {
            continue;
        };
        let claims = document::credential(&document::Facts {
            issuer: &issuer,
            thumbprint: &thumbprint,
            course: &course,
            badge,
            award,
            valid_months: settings.valid_months,
        });
        files.push(CredentialFile {
            file_name: format!("{}.{FILE_EXTENSION}", file_stem(award)),
            badge_name: badge.name.clone(),
            jws: key.sign(&claims)?,
        });
    }
    Ok(files)
}

/// The issuer as credentials name it: the configured page, or else a URN of its key
/// (RFC 9278), so that the key identifies the issuer either way.
fn profile(settings: &IssuerSettings, thumbprint: &str) -> IssuerProfile {
    IssuerProfile {
        id: settings.url.clone().unwrap_or_else(|| {
            format!("urn:ietf:params:oauth:jwk-thumbprint:sha-256:{thumbprint}")
        }),
        name: settings.name.clone(),
        url: settings.url.clone(),
    }
}

/// A credential that passed every check.
#[derive(Debug, Clone)]
pub struct Verified {
    pub badge: String,
    pub issuer: String,
    pub subject: String,
    pub valid_from: DateTime<Utc>,
    pub valid_until: Option<DateTime<Utc>>,
}

/// Why a credential is not valid, each in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("not an Open Badges credential: {0}")]
    NotACredential(String),
    #[error("tampered with: the signature does not match what the credential says")]
    Tampered,
    #[error("unknown issuer: {0}")]
    UnknownIssuer(String),
    #[error("not valid yet: it is valid from {0}")]
    NotYetValid(String),
    #[error("expired on {0}")]
    Expired(String),
    #[error("revoked on {at}: {reason}")]
    Revoked { at: String, reason: String },
    #[error("unknown award: the issuer holds no record of it")]
    UnknownAward,
}

/// Checks a credential as a file holds it (a compact JWS): its signature, that this bot's
/// key made it, its dates against `now`, and that its award stands.
pub async fn verify(
    store: &Store,
    settings: &IssuerSettings,
    text: &str,
    now: UnixMillis,
) -> DomainResult<Result<Verified, Rejection>> {
    let opened = match open(text.trim()) {
        Ok(opened) => opened,
        Err(Unopened::NotAJws) => {
            let why = "the file is not a signed credential (a compact JWS)";
            return Ok(Err(Rejection::NotACredential(why.into())));
        }
        Err(Unopened::OtherProof(how)) => {
            let why = format!("its proof is not one this issuer makes ({how})");
            return Ok(Err(Rejection::NotACredential(why)));
        }
        Err(Unopened::BadSignature) => return Ok(Err(Rejection::Tampered)),
    };
    let claims = match read_claims(&opened.claims) {
        Ok(claims) => claims,
        Err(why) => return Ok(Err(Rejection::NotACredential(why))),
    };
    let Some(key) = stored_key(store, settings).await? else {
        let why = "this bot has not issued any credential yet";
        return Ok(Err(Rejection::UnknownIssuer(why.into())));
    };
    let key = IssuerKey::from_pem(&key)?;
    if !key.is(&opened.key) {
        let why = format!(
            "“{}” signed it with a key this bot does not hold",
            claims.issuer
        );
        return Ok(Err(Rejection::UnknownIssuer(why)));
    }
    let now = DateTime::from_timestamp_millis(now).unwrap_or_default();
    if now < claims.valid_from {
        return Ok(Err(Rejection::NotYetValid(day(claims.valid_from))));
    }
    if let Some(until) = claims.valid_until.filter(|until| *until <= now) {
        return Ok(Err(Rejection::Expired(day(until))));
    }
    let award = match award_of_urn(&key.thumbprint(), &claims.id) {
        Some(id) => store.badge_award(id).await?,
        None => None,
    };
    let Some(award) = award else {
        return Ok(Err(Rejection::UnknownAward));
    };
    if let Some(at) = award.revoked_at {
        return Ok(Err(Rejection::Revoked {
            at: day(DateTime::from_timestamp_millis(at).unwrap_or_default()),
            reason: award.revoke_reason.unwrap_or_default(),
        }));
    }
    Ok(Ok(Verified {
        badge: claims.badge,
        issuer: claims.issuer,
        subject: claims.subject,
        valid_from: claims.valid_from,
        valid_until: claims.valid_until,
    }))
}

/// What `verify` reads from a credential's payload.
struct Claims {
    id: String,
    badge: String,
    issuer: String,
    subject: String,
    valid_from: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
}

/// The payload as an Open Badges credential, its JWT claims matching what it says (§8.2.4.1
/// "Verify a Credential VC-JWT Signature" of the specification).
fn read_claims(payload: &Value) -> Result<Claims, String> {
    let text = |pointer: &str| payload.pointer(pointer).and_then(Value::as_str);
    let types = payload["type"].as_array().cloned().unwrap_or_default();
    let is = |name: &str| types.iter().any(|t| t == name);
    if !is("VerifiableCredential") || !(is("OpenBadgeCredential") || is("AchievementCredential")) {
        return Err("its type is not OpenBadgeCredential".into());
    }
    let date = |pointer: &str| text(pointer).and_then(|t| DateTime::parse_from_rfc3339(t).ok());
    let seconds = |claim: &str| payload[claim].as_i64();
    let matches = [
        ("iss", text("/iss") == text("/issuer/id")),
        ("jti", text("/jti") == text("/id")),
        ("sub", text("/sub") == text("/credentialSubject/id")),
        (
            "nbf",
            date("/validFrom").map(|d| d.timestamp()) == seconds("nbf"),
        ),
        (
            "exp",
            date("/validUntil").map(|d| d.timestamp()) == seconds("exp"),
        ),
    ];
    if let Some((claim, _)) = matches.iter().find(|(_, same)| !same) {
        return Err(format!("its `{claim}` claim does not match the credential"));
    }
    let required = |pointer: &str| {
        text(pointer)
            .map(str::to_owned)
            .ok_or_else(|| format!("it has no `{}`", pointer.trim_start_matches('/')))
    };
    Ok(Claims {
        id: required("/id")?,
        badge: required("/credentialSubject/achievement/name")?,
        issuer: required("/issuer/name").or_else(|_| required("/issuer/id"))?,
        subject: required("/credentialSubject/id")?,
        valid_from: date("/validFrom")
            .ok_or("it has no `validFrom`")?
            .with_timezone(&Utc),
        valid_until: date("/validUntil").map(|d| d.with_timezone(&Utc)),
    })
}

fn day(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The issuer's key, made and kept the first time it is needed.
async fn issuer_key(
    store: &Store,
    settings: &IssuerSettings,
    now: UnixMillis,
) -> DomainResult<IssuerKey> {
    if let Some(pem) = stored_key(store, settings).await? {
        return IssuerKey::from_pem(&pem);
    }
    let made = tokio::task::spawn_blocking(IssuerKey::generate)
        .await
        .map_err(|e| DomainError::IssuerKey(e.to_string()))??;
    let kept = match &settings.key_file {
        Some(path) => keep_in_file(path, made)?,
        None => store.keep_badge_issuer_key(&made, now).await?,
    };
    let key = IssuerKey::from_pem(&kept)?;
    tracing::info!(thumbprint = %key.thumbprint(), "made the key that signs badge credentials");
    Ok(key)
}

async fn stored_key(store: &Store, settings: &IssuerSettings) -> DomainResult<Option<Secret>> {
    match &settings.key_file {
        Some(path) => read_key_file(path),
        None => Ok(store.badge_issuer_key().await?),
    }
}

fn read_key_file(path: &Path) -> DomainResult<Option<Secret>> {
    match std::fs::read_to_string(path) {
        Ok(pem) => Ok(Some(Secret::new(pem))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(file_fault(path, e)),
    }
}

/// Writes a new key file readable by its owner only; when another process wrote one first,
/// that one is kept.
fn keep_in_file(path: &Path, key: Secret) -> DomainResult<Secret> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(key.expose().as_bytes())
                .map_err(|e| file_fault(path, e))?;
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_key_file(path)?
            .ok_or_else(|| DomainError::IssuerKey(format!("{} vanished", path.display()))),
        Err(e) => Err(file_fault(path, e)),
    }
}

fn file_fault(path: &Path, error: std::io::Error) -> DomainError {
    DomainError::IssuerKey(format!("{}: {error}", path.display()))
}
