//! Parsed course snapshots, kept so that an interaction does not parse the course's JSON
//! (about 135 KB for a full pack) again, nor apply a translation to it again (a copy of the
//! whole course). A version's row never changes, so its id, with the translation applied if
//! any, is the key; a cohort moved to another version reads another key. Bounded: the entry
//! used least recently goes first.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use crate::course::Course;
use crate::model::CourseVersionId;

/// How many parsed versions, as written or translated, one process keeps.
pub const SNAPSHOT_CACHE_CAPACITY: usize = 32;

#[derive(Clone, Default)]
pub(super) struct SnapshotCache {
    inner: Arc<Mutex<Entries>>,
}

/// A version, and the key of the translation applied to it (`None`: as written).
pub(super) type Key = (CourseVersionId, Option<String>);

#[derive(Default)]
struct Entries {
    by_version: HashMap<Key, (Arc<Course>, u64)>,
    /// Counts uses, so the least recently used entry has the smallest stamp.
    clock: u64,
}

impl SnapshotCache {
    pub(super) fn get(&self, key: &Key) -> Option<Arc<Course>> {
        let mut entries = self.lock();
        entries.clock += 1;
        let now = entries.clock;
        let (course, used) = entries.by_version.get_mut(key)?;
        *used = now;
        Some(course.clone())
    }

    pub(super) fn insert(&self, key: Key, course: Arc<Course>) {
        let mut entries = self.lock();
        if entries.by_version.len() >= SNAPSHOT_CACHE_CAPACITY
            && !entries.by_version.contains_key(&key)
        {
            let oldest = entries
                .by_version
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(key, _)| key.clone());
            if let Some(oldest) = oldest {
                entries.by_version.remove(&oldest);
            }
        }
        entries.clock += 1;
        let now = entries.clock;
        entries.by_version.insert(key, (course, now));
    }

    /// A poisoned lock only means another thread panicked mid-update of a plain map: the
    /// map is still whole, so it is used as it is.
    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl fmt::Debug for SnapshotCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SnapshotCache({} versions)",
            self.lock().by_version.len()
        )
    }
}
