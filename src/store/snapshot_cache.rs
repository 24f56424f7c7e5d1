//! Parsed course snapshots, kept so that an interaction does not parse the course's JSON
//! (about 135 KB for a full pack) again, nor apply a translation to it again (a copy of the
//! whole course). A version's row never changes, so its id, with the translation applied if
//! any, is the key; a cohort moved to another version reads another key. Bounded: the entry
//! used least recently goes first.

use std::fmt;
use std::sync::{Arc, Mutex};

use super::lru::Lru;
use crate::course::Course;
use crate::model::CourseVersionId;

/// How many parsed versions, as written or translated, one process keeps.
pub const SNAPSHOT_CACHE_CAPACITY: usize = 32;

#[derive(Clone)]
pub(super) struct SnapshotCache {
    inner: Arc<Mutex<Lru<Key, Arc<Course>>>>,
}

/// A version, and the key of the translation applied to it (`None`: as written).
pub(super) type Key = (CourseVersionId, Option<String>);

impl Default for SnapshotCache {
    fn default() -> SnapshotCache {
        SnapshotCache {
            inner: Arc::new(Mutex::new(Lru::new(SNAPSHOT_CACHE_CAPACITY))),
        }
    }
}

impl SnapshotCache {
    pub(super) fn get(&self, key: &Key) -> Option<Arc<Course>> {
        self.lock().get_mut(key).map(|course| course.clone())
    }

    pub(super) fn insert(&self, key: Key, course: Arc<Course>) {
        self.lock().insert(key, course);
    }

    /// A poisoned lock only means another thread panicked mid-update of a plain map: the
    /// map is still whole, so it is used as it is.
    fn lock(&self) -> std::sync::MutexGuard<'_, Lru<Key, Arc<Course>>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl fmt::Debug for SnapshotCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SnapshotCache({} versions)", self.lock().len())
    }
}
