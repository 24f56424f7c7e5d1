//! What several domain suites start from: a server with its facilitator and two trainees, and
//! the Autumn cohort of a fixture course.

use std::path::Path;

use chrono::NaiveDate;
use cohortbot::course::{load_library, Library};
use cohortbot::domain::access::Caller;
use cohortbot::domain::cohorts::{self, CohortRequest};
use cohortbot::model::*;
use cohortbot::store::Store;

pub const GUILD: GuildId = GuildId(1000);
/// 2026-09-21 14:13:20 UTC.
pub const NOW: UnixMillis = 1_790_000_000_000;
pub const FACILITATOR: UserId = UserId(1);
pub const ADA: UserId = UserId(10);
pub const BEN: UserId = UserId(11);

/// The course packs in the fixture folder `dir`, which all load without a problem.
pub fn library(dir: &str) -> Library {
    let (library, problems) = load_library(Path::new(dir));
    assert!(problems.is_empty(), "{problems:?}");
    library
}

/// The facilitator, who manages the server.
pub fn manager() -> Caller {
    Caller {
        guild: GUILD,
        user: FACILITATOR,
        manages_server: true,
    }
}

/// `user` in the server, without the right to manage it.
pub fn person(user: UserId) -> Caller {
    Caller {
        guild: GUILD,
        user,
        manages_server: false,
    }
}

/// The Autumn cohort of `course_id` from `library`, starting on 7 September 2026 in London,
/// created by the [`manager`] at [`NOW`], with nobody enrolled yet.
pub async fn cohort(store: &Store, library: &Library, course_id: &str) -> Cohort {
    let request = CohortRequest {
        course_id: course_id.into(),
        name: "Autumn".into(),
        starts_on: NaiveDate::from_ymd_opt(2026, 9, 7).unwrap(),
        time_zone: chrono_tz::Europe::London,
        channel: None,
    };
    cohorts::create_cohort(store, library, NOW, manager(), "Server", request)
        .await
        .unwrap()
}

/// As [`cohort`], with Ada and Ben enrolled as trainees.
pub async fn with_ada_and_ben(store: &Store, library: &Library, course_id: &str) -> Cohort {
    let cohort = cohort(store, library, course_id).await;
    let trainees = [ADA, BEN];
    cohorts::enroll(
        store,
        NOW,
        manager(),
        &cohort,
        &trainees,
        CohortRole::Trainee,
    )
    .await
    .unwrap();
    cohort
}
