use crate::store::StoreError;

/// What a domain service can fail with: a refusal the person should read, or a fault.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// Shown to the person as it is: what is wrong and what to do about it.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("a course snapshot cannot be written or read")]
    Snapshot(#[from] serde_json::Error),
}

pub type DomainResult<T> = Result<T, DomainError>;

/// Refuses with a message for the person who asked.
pub fn refuse<T>(message: impl Into<String>) -> DomainResult<T> {
    Err(DomainError::Refused(message.into()))
}

/// The most characters of someone's input a message quotes back to them.
pub const ECHO_LIMIT: usize = 100;

/// Someone's input as a message quotes it back: on one line, at most [`ECHO_LIMIT`]
/// characters, so that a refusal stays short however long the input was.
pub fn echo(input: &str) -> String {
    let one_line: String = input
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    crate::course::text::shorten(&one_line, ECHO_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_echo_is_one_short_line() {
        assert_eq!(echo("  Autumn \n"), "Autumn");
        let long = echo(&"x".repeat(3000));
        assert_eq!(long.chars().count(), ECHO_LIMIT);
        assert!(long.ends_with('…'));
        assert_eq!(echo("a\nb"), "a b");
    }
}
