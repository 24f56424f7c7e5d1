pub use crate::course::text::{echo, ECHO_LIMIT};
use crate::i18n::Text;
use crate::store::StoreError;

/// What a domain service can fail with: a refusal the person should read, or a fault.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// Shown to the person in their language: what is wrong and what to do about it.
    #[error("{0}")]
    Refused(Text),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("a course snapshot cannot be written or read")]
    Snapshot(#[from] serde_json::Error),
    /// The key that signs badge credentials cannot be made, read or used; the text never
    /// holds the key.
    #[error("the badge issuer's key: {0}")]
    IssuerKey(String),
}

pub type DomainResult<T> = Result<T, DomainError>;

/// Refuses with a message for the person who asked: an [`i18n::Message`](crate::i18n::Message),
/// or a text not yet in the locale files.
pub fn refuse<T>(message: impl Into<Text>) -> DomainResult<T> {
    Err(DomainError::Refused(message.into()))
}
