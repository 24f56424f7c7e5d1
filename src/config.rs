//! Layered configuration: built-in defaults, then a TOML file, then environment variables,
//! parsed once into [`Config`]. A bad value fails with one line naming it.

use std::fmt;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

/// The file read when `--config` is not given, if it exists.
pub const DEFAULT_CONFIG_FILE: &str = "cohortbot.toml";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// Required only to connect to Discord.
    pub discord_token: Option<Secret>,
    pub database_url: String,
    pub prompts_dir: PathBuf,
    /// Base URL of Discord's API, or of a Discord-compatible server.
    pub discord_api_url: String,
    /// An HTTP proxy to reach Discord's API through (`http://host:port`), for a network that
    /// requires one; Discord's rate limits are still honoured by the bot itself.
    pub discord_proxy: Option<String>,
    /// A PEM certificate authority to trust besides the usual ones, for a proxy that
    /// inspects TLS (and the test stand-in, which plays discord.com this way).
    pub discord_ca_certificate: Option<PathBuf>,
    /// Register slash commands in this guild only, instead of globally.
    pub dev_guild: Option<u64>,
    /// How often badge roles that Discord refused are tried again.
    pub role_retry_seconds: u64,
    /// Where to serve `/healthz`, `/readyz` and `/metrics` (`127.0.0.1:9090`, say); no
    /// listener when unset.
    pub http_address: Option<std::net::SocketAddr>,
    /// Reflections and one-to-one records older than this many months are deleted (hourly);
    /// unset, they are kept until a member or facilitator deletes them.
    pub retention_months: Option<u32>,
    /// On PostgreSQL, one instance at a time sends scheduled deliveries; it renews its
    /// leadership every quarter of this term, and when it dies another takes over within a
    /// term and a quarter.
    pub leadership_seconds: u64,
    /// The organisation named as the issuer of the badges' Open Badges credentials.
    pub badge_issuer_name: String,
    /// The issuer's web page; it also identifies the issuer when set (otherwise its key does).
    pub badge_issuer_url: Option<url::Url>,
    /// A PEM file holding the key credentials are signed with, created on first use; unset,
    /// the key is kept in the database.
    pub badge_key_file: Option<PathBuf>,
    /// Credentials expire this many months after the award; unset, they do not expire.
    pub badge_valid_months: Option<u32>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            discord_token: None,
            database_url: "sqlite://cohortbot.db".into(),
            prompts_dir: PathBuf::from("prompts"),
            discord_api_url: "https://discord.com".into(),
            discord_proxy: None,
            discord_ca_certificate: None,
            dev_guild: None,
            role_retry_seconds: 60,
            http_address: None,
            retention_months: None,
            leadership_seconds: 20,
            badge_issuer_name: "cohortbot".into(),
            badge_issuer_url: None,
            badge_key_file: None,
            badge_valid_months: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file {0} does not exist")]
    MissingFile(PathBuf),
    #[error("invalid configuration: {0}")]
    Invalid(String),
    #[error("DISCORD_TOKEN is not set: the bot needs its token to connect to Discord (see the README, \"Discord application set-up\")")]
    MissingToken,
}

impl Config {
    /// Reads defaults, then `file` (or `cohortbot.toml` when present), then the environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(path) if !path.is_file() => return Err(ConfigError::MissingFile(path.into())),
            Some(path) => figment = figment.merge(Toml::file(path)),
            None => figment = figment.merge(Toml::file(DEFAULT_CONFIG_FILE)),
        }
        figment
            .merge(Env::raw().only(&["DISCORD_TOKEN", "DATABASE_URL", "DISCORD_API_URL"]))
            .merge(Env::prefixed("COHORTBOT_").only(&[
                "DISCORD_PROXY",
                "DISCORD_CA_CERTIFICATE",
                "PROMPTS_DIR",
                "DEV_GUILD",
                "ROLE_RETRY_SECONDS",
                "HTTP_ADDRESS",
                "RETENTION_MONTHS",
                "LEADERSHIP_SECONDS",
                "BADGE_ISSUER_NAME",
                "BADGE_ISSUER_URL",
                "BADGE_KEY_FILE",
                "BADGE_VALID_MONTHS",
            ]))
            .extract()
            .map_err(|e| ConfigError::Invalid(one_line(&e)))
    }

    /// The token, or the error that says how to provide it.
    pub fn token(&self) -> Result<&str, ConfigError> {
        match &self.discord_token {
            Some(token) if !token.0.trim().is_empty() => Ok(token.0.trim()),
            _ => Err(ConfigError::MissingToken),
        }
    }
}

/// figment lists every error; the first names the key and where its value came from.
fn one_line(error: &figment::Error) -> String {
    error
        .clone()
        .into_iter()
        .next()
        .map(|e| e.to_string())
        .unwrap_or_else(|| error.to_string())
}

/// A value that must never reach a log or an error message.
#[derive(Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself, for the one place that uses it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

// `Jail::expect_with` takes closures returning figment's own (large) error type.
#[cfg(test)]
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    fn defaults_work_without_file_or_environment() {
        Jail::expect_with(|_| {
            let config = Config::load(None).unwrap();
            assert_eq!(config.database_url, "sqlite://cohortbot.db");
            assert_eq!(config.prompts_dir, PathBuf::from("prompts"));
            assert!(matches!(config.token(), Err(ConfigError::MissingToken)));
            Ok(())
        });
    }

    #[test]
    fn environment_overrides_file_overrides_defaults() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "cohortbot.toml",
                "database_url = \"sqlite://from-file.db\"\nprompts_dir = \"packs\"\ndev_guild = 42",
            )?;
            jail.set_env("DATABASE_URL", "postgres://from-env/db");
            jail.set_env("DISCORD_TOKEN", "abc.def");
            let config = Config::load(None).unwrap();
            assert_eq!(config.database_url, "postgres://from-env/db");
            assert_eq!(config.prompts_dir, PathBuf::from("packs"));
            assert_eq!(config.dev_guild, Some(42));
            assert_eq!(config.token().unwrap(), "abc.def");
            Ok(())
        });
    }

    #[test]
    fn a_bad_value_fails_with_one_line_naming_it() {
        Jail::expect_with(|jail| {
            jail.set_env("COHORTBOT_DEV_GUILD", "not-a-number");
            let err = Config::load(None).unwrap_err().to_string();
            assert!(err.to_lowercase().contains("dev_guild"), "{err}");
            assert!(!err.contains('\n'), "{err}");
            Ok(())
        });
    }

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let config = Config {
            discord_token: Some(Secret::new("super-secret-token")),
            ..Config::default()
        };
        assert!(!format!("{config:?}").contains("super-secret-token"));
    }

    #[test]
    fn a_named_config_file_must_exist() {
        let err = Config::load(Some(Path::new("/nonexistent/cohortbot.toml"))).unwrap_err();
        assert!(matches!(err, ConfigError::MissingFile(_)));
    }
}
