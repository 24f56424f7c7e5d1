use std::fmt::Display;

/// What can go wrong in the store. `NotFound` and `Conflict` carry text a user may read;
/// the rest are for logs (print the whole `source()` chain).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database URL scheme {scheme:?}: use sqlite:, postgres: or postgresql:")]
    UnsupportedScheme { scheme: String },
    /// `url` has any password replaced by `***`.
    #[error("could not open the database at {url}")]
    Connect {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("could not migrate the database")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(&'static str),
    /// A stored value the domain types cannot represent.
    #[error("unexpected value {value:?} in {column}: {reason}")]
    Corrupt {
        column: &'static str,
        value: String,
        reason: String,
    },
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// A connection that gave no answer in time, and was given up.
    #[error("no answer from the database within {0:?}")]
    TimedOut(std::time::Duration),
}

impl StoreError {
    /// Builds `Corrupt` for `value` found in `column`.
    pub(crate) fn corrupt(column: &'static str, value: impl Display, reason: impl Display) -> Self {
        StoreError::Corrupt {
            column,
            value: value.to_string(),
            reason: reason.to_string(),
        }
    }
}

/// Which constraint a unique violation broke: PostgreSQL names it, SQLite lists the columns
/// in its message. `None` when `err` is not a unique violation.
pub(crate) fn unique_violation(err: &sqlx::Error) -> Option<String> {
    let db = err.as_database_error()?;
    db.is_unique_violation()
        .then(|| db.constraint().unwrap_or(db.message()).to_owned())
}

/// Turns a unique violation into `Conflict(message)`; other errors pass through.
pub(crate) fn conflict_on_unique(err: sqlx::Error, message: &'static str) -> StoreError {
    match unique_violation(&err) {
        Some(_) => StoreError::Conflict(message),
        None => StoreError::Database(err),
    }
}

/// Turns a foreign-key violation into `NotFound(what)`; other errors pass through.
pub(crate) fn not_found_on_foreign_key(err: sqlx::Error, what: &'static str) -> StoreError {
    match err.as_database_error() {
        Some(db) if db.is_foreign_key_violation() => StoreError::NotFound(what),
        _ => StoreError::Database(err),
    }
}
