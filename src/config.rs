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
    /// The longest the scheduler sleeps when nothing is due: it reads the next due time once
    /// per this (new work wakes it at once, on PostgreSQL whichever instance queued it).
    pub scheduler_idle_seconds: u64,
    /// The organisation named as the issuer of the badges' Open Badges credentials.
    pub badge_issuer_name: String,
    /// The issuer's web page; it also identifies the issuer when set (otherwise its key does).
    pub badge_issuer_url: Option<url::Url>,
    /// A PEM file holding the key credentials are signed with, created on first use; unset,
    /// the key is kept in the database.
    pub badge_key_file: Option<PathBuf>,
    /// Credentials expire this many months after the award; unset, they do not expire.
    pub badge_valid_months: Option<u32>,
    /// The gateway shards this process runs (`"0-3"`, or one shard: `"2"`), of `shard_total`;
    /// unset, it runs them all.
    pub shards: Option<ShardRange>,
    /// How many shards the bot has in all, across its processes; unset, as many as Discord
    /// recommends.
    pub shard_total: Option<u32>,
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
            scheduler_idle_seconds: 60,
            badge_issuer_name: "cohortbot".into(),
            badge_issuer_url: None,
            badge_key_file: None,
            badge_valid_months: None,
            shards: None,
            shard_total: None,
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
                "SCHEDULER_IDLE_SECONDS",
                "BADGE_ISSUER_NAME",
                "BADGE_ISSUER_URL",
                "BADGE_KEY_FILE",
                "BADGE_VALID_MONTHS",
                "SHARDS",
                "SHARD_TOTAL",
            ]))
            .extract::<Config>()
            .map_err(|e| ConfigError::Invalid(one_line(&e)))
            .and_then(|config| config.sharding().map(|_| config))
    }

    /// Which gateway shards this process runs, or the error that says what is wrong with
    /// `shards` and `shard_total`.
    pub fn sharding(&self) -> Result<Sharding, ConfigError> {
        let invalid = |why: String| Err(ConfigError::Invalid(why));
        match (self.shards, self.shard_total) {
            (_, Some(0)) => invalid("shard_total must be at least 1".into()),
            (None, None) => Ok(Sharding::Recommended),
            (None, Some(total)) => Ok(Sharding::Range {
                shards: ShardRange {
                    first: 0,
                    last: total - 1,
                },
                total,
            }),
            (Some(shards), None) => invalid(format!(
                "shards = \"{shards}\" needs shard_total, the number of shards across every process"
            )),
            (Some(shards), Some(total)) if shards.last >= total => invalid(format!(
                "shards = \"{shards}\" is not within shard_total = {total} (shards are numbered 0 to {})",
                total - 1
            )),
            (Some(shards), Some(total)) => Ok(Sharding::Range { shards, total }),
        }
    }

    /// The token, or the error that says how to provide it.
    pub fn token(&self) -> Result<&str, ConfigError> {
        match &self.discord_token {
            Some(token) if !token.0.trim().is_empty() => Ok(token.0.trim()),
            _ => Err(ConfigError::MissingToken),
        }
    }
}

/// The gateway shards one process runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharding {
    /// All of them, as many as Discord recommends.
    Recommended,
    /// `shards` of `total`.
    Range { shards: ShardRange, total: u32 },
}

impl Sharding {
    /// Whether this process runs shard 0, the one that gets direct messages' events.
    pub fn includes_first(&self) -> bool {
        match self {
            Sharding::Recommended => true,
            Sharding::Range { shards, .. } => shards.first == 0,
        }
    }
}

/// Gateway shards `first` to `last`, both included: `"0-3"`, or `"2"` for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardRange {
    pub first: u32,
    pub last: u32,
}

impl fmt::Display for ShardRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.first, self.last)
    }
}

impl std::str::FromStr for ShardRange {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let number = |n: &str| n.trim().parse::<u32>().ok();
        let (first, last) = match s.split_once('-') {
            Some((first, last)) => (number(first), number(last)),
            None => (number(s), number(s)),
        };
        match (first, last) {
            (Some(first), Some(last)) if first <= last => Ok(ShardRange { first, last }),
            _ => Err(format!(
                "{s:?} is not a shard range: give the first and last shard, \"0-3\", or one shard, \"2\""
            )),
        }
    }
}

impl Serialize for ShardRange {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// From a string, or from a number for one shard (`COHORTBOT_SHARDS=2` reads as a number).
impl<'de> Deserialize<'de> for ShardRange {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ShardRange;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a shard range such as \"0-3\"")
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<ShardRange, E> {
                s.parse().map_err(E::custom)
            }

            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<ShardRange, E> {
                self.visit_str(&n.to_string())
            }

            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<ShardRange, E> {
                self.visit_str(&n.to_string())
            }
        }
        deserializer.deserialize_any(Visitor)
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
    fn without_shard_keys_the_bot_runs_as_many_shards_as_discord_recommends() {
        Jail::expect_with(|_| {
            let config = Config::load(None).unwrap();
            assert_eq!(config.sharding().unwrap(), Sharding::Recommended);
            Ok(())
        });
    }

    #[test]
    fn a_shard_range_and_total_come_from_the_file_or_the_environment() {
        Jail::expect_with(|jail| {
            jail.create_file("cohortbot.toml", "shards = \"0-3\"\nshard_total = 8")?;
            let config = Config::load(None).unwrap();
            let first_four = ShardRange { first: 0, last: 3 };
            let sharding = Sharding::Range {
                shards: first_four,
                total: 8,
            };
            assert_eq!(config.sharding().unwrap(), sharding);
            jail.set_env("COHORTBOT_SHARDS", "4-7");
            let config = Config::load(None).unwrap();
            assert_eq!(config.shards, Some(ShardRange { first: 4, last: 7 }));
            assert!(!config.sharding().unwrap().includes_first());
            jail.set_env("COHORTBOT_SHARDS", "5");
            let one = Config::load(None).unwrap().shards;
            assert_eq!(one, Some(ShardRange { first: 5, last: 5 }));
            Ok(())
        });
    }

    #[test]
    fn a_total_alone_runs_every_shard_of_it() {
        Jail::expect_with(|jail| {
            jail.set_env("COHORTBOT_SHARD_TOTAL", "3");
            let sharding = Config::load(None).unwrap().sharding().unwrap();
            let all = ShardRange { first: 0, last: 2 };
            assert_eq!(
                sharding,
                Sharding::Range {
                    shards: all,
                    total: 3
                }
            );
            assert!(sharding.includes_first());
            Ok(())
        });
    }

    #[test]
    fn bad_shard_keys_fail_with_one_line_saying_what_is_wrong() {
        let cases = [
            (Some("2-5"), Some("4"), "not within shard_total = 4"),
            (Some("0-1"), Some("0"), "shard_total must be at least 1"),
            (None, Some("0"), "shard_total must be at least 1"),
            (Some("0-1"), None, "needs shard_total"),
            (Some("3-1"), Some("4"), "is not a shard range"),
            (Some("a-b"), Some("4"), "is not a shard range"),
            (Some("0-1"), Some("-2"), "shard_total"),
        ];
        for (shards, total, expected) in cases {
            Jail::expect_with(|jail| {
                if let Some(shards) = shards {
                    jail.set_env("COHORTBOT_SHARDS", shards);
                }
                if let Some(total) = total {
                    jail.set_env("COHORTBOT_SHARD_TOTAL", total);
                }
                let err = Config::load(None).unwrap_err().to_string();
                let named = err.to_lowercase().contains(expected);
                assert!(named, "{shards:?} of {total:?}: {err}");
                assert!(!err.contains('\n'), "{err}");
                Ok(())
            });
        }
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
