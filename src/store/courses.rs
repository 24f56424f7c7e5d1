use std::sync::Arc;

use super::{Store, StoreError};
use crate::course::Course;
use crate::model::{CourseVersion, CourseVersionId, UnixMillis};

impl Store {
    /// Stores a snapshot of a validated course pack. Saving the same content again
    /// (same course and hash) stores nothing and returns the existing version's id.
    pub async fn save_course_version(
        &self,
        course_id: &str,
        version_label: &str,
        content_hash: &str,
        snapshot_json: &str,
        now: UnixMillis,
    ) -> Result<CourseVersionId, StoreError> {
        const INSERT: &str = "INSERT INTO course_versions
                (course_id, version_label, content_hash, snapshot, created_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (course_id, content_hash) DO NOTHING
            RETURNING id";
        const EXISTING: &str =
            "SELECT id FROM course_versions WHERE course_id = $1 AND content_hash = $2";
        let inserted: Option<i64> = sqlx::query_scalar(INSERT)
            .bind(course_id)
            .bind(version_label)
            .bind(content_hash)
            .bind(snapshot_json)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        let id = match inserted {
            Some(id) => id,
            None => {
                sqlx::query_scalar(EXISTING)
                    .bind(course_id)
                    .bind(content_hash)
                    .fetch_one(&self.pool)
                    .await?
            }
        };
        Ok(CourseVersionId(id))
    }

    pub async fn course_version(
        &self,
        id: CourseVersionId,
    ) -> Result<Option<CourseVersion>, StoreError> {
        const SQL: &str = "SELECT * FROM course_versions WHERE id = $1";
        let row: Option<CourseVersionRow> = sqlx::query_as(SQL)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(CourseVersion::from))
    }

    /// The course of version `id`, parsed the first time and shared after (see
    /// `snapshot_cache.rs`).
    pub async fn course_snapshot(
        &self,
        id: CourseVersionId,
    ) -> Result<Option<Arc<Course>>, StoreError> {
        if let Some(course) = self.snapshots.get(&(id, None)) {
            return Ok(Some(course));
        }
        let Some(version) = self.course_version(id).await? else {
            return Ok(None);
        };
        let course: Course = serde_json::from_str(&version.snapshot)
            .map_err(|e| StoreError::corrupt("course_versions.snapshot", id, e))?;
        let course = Arc::new(course);
        self.snapshots.insert((id, None), course.clone());
        Ok(Some(course))
    }

    /// As [`Store::course_snapshot`], in the language of `locale` where the course has a
    /// translation for it: translated once, then shared like the snapshot itself.
    pub async fn course_snapshot_in(
        &self,
        id: CourseVersionId,
        locale: Option<&str>,
    ) -> Result<Option<Arc<Course>>, StoreError> {
        let Some(course) = self.course_snapshot(id).await? else {
            return Ok(None);
        };
        let Some((translation, _)) = locale.and_then(|l| course.translation(l)) else {
            return Ok(Some(course));
        };
        let key = (id, Some(translation.to_owned()));
        if let Some(translated) = self.snapshots.get(&key) {
            return Ok(Some(translated));
        }
        let translated = Arc::new(course.localized(translation));
        self.snapshots.insert(key, translated.clone());
        Ok(Some(translated))
    }
}

#[derive(sqlx::FromRow)]
struct CourseVersionRow {
    id: i64,
    course_id: String,
    version_label: String,
    content_hash: String,
    snapshot: String,
    created_at: i64,
}

impl From<CourseVersionRow> for CourseVersion {
    fn from(row: CourseVersionRow) -> Self {
        CourseVersion {
            id: CourseVersionId(row.id),
            course_id: row.course_id,
            version_label: row.version_label,
            content_hash: row.content_hash,
            snapshot: row.snapshot,
            created_at: row.created_at,
        }
    }
}
