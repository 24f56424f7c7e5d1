//! The course a cohort runs on: the pack as it was when the cohort was created, saved with
//! it, so editing the files never changes a running cohort.

use std::sync::Arc;

use crate::course::Course;
use crate::model::*;
use crate::store::{Store, StoreError};

use super::DomainResult;

/// Saves the pack as it is now, as the course version a new cohort runs on.
pub(super) async fn snapshot(
    store: &Store,
    course: &Course,
    now: UnixMillis,
) -> DomainResult<CourseVersionId> {
    let json = serde_json::to_string(course)?;
    Ok(store
        .save_course_version(
            &course.id,
            &course.version,
            &course.content_hash,
            &json,
            now,
        )
        .await?)
}

/// The course a cohort runs: the snapshot taken when it was created, never the files.
pub async fn course_of(store: &Store, cohort: &Cohort) -> DomainResult<Arc<Course>> {
    course_in(store, cohort, None).await
}

/// As [`course_of`], in the language of `locale` where the course has a translation for it.
pub async fn course_in(
    store: &Store,
    cohort: &Cohort,
    locale: Option<&str>,
) -> DomainResult<Arc<Course>> {
    Ok(store
        .course_snapshot_in(cohort.course_version_id, locale)
        .await?
        .ok_or(StoreError::NotFound("course version"))?)
}
