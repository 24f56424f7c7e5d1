//! What the bot knows of one member's work in a cohort, read in one statement whatever the
//! size of the course or of the member's history.

use crate::course::Course;
use crate::model::*;
use crate::store::{FactsWanted, Store};

use super::DomainResult;

/// Reads everything the course's rules look at; the sessions attended and the conversations
/// logged only when a badge of the course asks for them.
pub async fn read(
    store: &Store,
    course: &Course,
    cohort: CohortId,
    user: UserId,
) -> DomainResult<MemberFacts> {
    let wanted = FactsWanted {
        sessions: course
            .badges
            .iter()
            .any(|b| !b.requires.attended.is_empty()),
        conversations: course
            .badges
            .iter()
            .any(|b| b.requires.conversations.is_some()),
    };
    Ok(store.member_facts(cohort, user, wanted).await?)
}
