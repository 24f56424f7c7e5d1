//! A member's cohorts, settings and work, kept in memory on SQLite once read, for the
//! learning commands and buttons: reading them is one wide statement through sqlx, which
//! costs an interaction more than everything else the bot does for it (see the README's
//! benchmarks).
//!
//! Whether a kept read still holds is asked of the database, not worked out from what this
//! process wrote: triggers move a stamp with every change to a row those reads come from, in
//! the change's own transaction, whoever makes it (this process, `cohortbot forget` run
//! beside it, a later migration). A member's rows move the stamp of their bucket, a
//! cohort's or a session's the stamp every member shares (`migrations/sqlite/0025`). A read
//! is labelled with the stamps seen *before* it, so a change made while it runs leaves it
//! labelled older than the change, and it is read again next time. Checking the stamps is
//! one small read made without sqlx (`native_reads.rs`).
//!
//! On PostgreSQL nothing is kept: several instances write there, and the stamps would be
//! rows that unrelated writers lock, one more wait and a new way to deadlock.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};

use super::lru::Lru;
use super::member_facts::FactsWanted;
use super::{to_db, Store, StoreError};
use crate::model::{CohortId, CohortOfMember, CohortsOfMember, GuildId, ModuleProgress, UserId};

/// How many members' reads one process keeps; the member who acted least recently goes
/// first.
const FACTS_CACHE_CAPACITY: usize = 1024;

impl Store {
    /// What `read` gives, or the same kept from an earlier call if none of the rows it comes
    /// from has changed since.
    pub(super) async fn kept_or_read<T: Kept>(
        &self,
        user: UserId,
        key: T::Key,
        read: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        let Some(cache) = &self.facts else {
            return read.await;
        };
        let stamps = self.fact_stamps(user).await?;
        if let Some(kept) = cache.get::<T>(user, stamps, &key) {
            return Ok(kept);
        }
        let fresh = read.await?;
        cache.keep(user, stamps, key, fresh.clone());
        Ok(fresh)
    }

    /// Makes `write`, which turns `user`'s page, and puts the progress it returns into their
    /// kept reads when the stamps read before and after it show that it alone moved them: so
    /// turning pages keeps those reads instead of making them read again.
    pub(super) async fn page_turned(
        &self,
        user: UserId,
        write: impl Future<Output = Result<ModuleProgress, StoreError>>,
    ) -> Result<ModuleProgress, StoreError> {
        let Some(cache) = &self.facts else {
            return write.await;
        };
        let before = self.fact_stamps(user).await;
        let progress = write.await?;
        if let (Ok(before), Ok(after)) = (before, self.fact_stamps(user).await) {
            cache.page_written(user, before, after, &progress);
        }
        Ok(progress)
    }

    async fn fact_stamps(&self, user: UserId) -> Result<Stamps, StoreError> {
        const SQL: &str = "SELECT (SELECT stamp FROM fact_stamps WHERE bucket = $1),
            (SELECT stamp FROM fact_stamps WHERE bucket = -1)";
        let bucket = bucket_of(user);
        let read_here = self.native.as_ref().and_then(|native| {
            native.read(SQL, |statement| {
                let params = rusqlite::named_params! { "$1": bucket };
                statement.query_row(params, |row| Ok((row.get(0)?, row.get(1)?)))
            })
        });
        let (member, everyone) = match read_here {
            Some(stamps) => stamps,
            None => {
                sqlx::query_as(SQL)
                    .bind(bucket)
                    .fetch_one(&self.pool)
                    .await?
            }
        };
        Ok(Stamps { member, everyone })
    }
}

/// The bucket whose stamp `user`'s rows move: the low 12 bits of their id, as the triggers
/// take them.
fn bucket_of(user: UserId) -> i64 {
    to_db(user.0) & 4095
}

/// Where the stamps of a member's bucket and of every member stood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamps {
    member: i64,
    everyone: i64,
}

impl Stamps {
    /// Whether these stamps are from later than `other`: stamps only rise.
    fn later_than(self, other: Stamps) -> bool {
        self != other && self.member >= other.member && self.everyone >= other.everyone
    }
}

/// A read that is kept, and what it is kept under beside the member.
pub(super) trait Kept: Clone {
    type Key: Hash + Eq;

    fn kept(reads: &mut MemberReads) -> &mut HashMap<Self::Key, Self>;
}

/// [`Store::cohorts_of_member_with_settings`], by server and the facts asked for.
impl Kept for CohortsOfMember {
    type Key = (GuildId, Option<FactsWanted>);

    fn kept(reads: &mut MemberReads) -> &mut HashMap<Self::Key, Self> {
        &mut reads.in_server
    }
}

/// [`Store::cohort_with_member`], by cohort and the facts asked for.
impl Kept for Option<CohortOfMember> {
    type Key = (CohortId, Option<FactsWanted>);

    fn kept(reads: &mut MemberReads) -> &mut HashMap<Self::Key, Self> {
        &mut reads.of_cohort
    }
}

/// One member's kept reads, all read at or after `stamps`.
#[derive(Default)]
pub(super) struct MemberReads {
    stamps: Option<Stamps>,
    in_server: HashMap<(GuildId, Option<FactsWanted>), CohortsOfMember>,
    of_cohort: HashMap<(CohortId, Option<FactsWanted>), Option<CohortOfMember>>,
}

impl MemberReads {
    /// Puts `progress` in place of the same module's in every read of its cohort's work;
    /// false if one of them lacks it.
    fn patch(&mut self, progress: &ModuleProgress) -> bool {
        let in_server = self.in_server.values_mut().flat_map(|read| {
            read.cohorts
                .iter_mut()
                .filter(|(cohort, _)| cohort.id == progress.cohort_id)
                .filter_map(|(_, facts)| facts.as_mut())
        });
        let of_cohort = self
            .of_cohort
            .values_mut()
            .flatten()
            .filter(|read| read.cohort.id == progress.cohort_id)
            .filter_map(|read| read.facts.as_mut());
        in_server.chain(of_cohort).all(|facts| {
            let module = facts
                .progress
                .iter_mut()
                .find(|p| p.module_id == progress.module_id);
            module.map(|kept| *kept = progress.clone()).is_some()
        })
    }
}

#[derive(Clone)]
pub(super) struct FactsCache {
    inner: Arc<Mutex<Lru<UserId, MemberReads>>>,
}

impl Default for FactsCache {
    fn default() -> FactsCache {
        FactsCache {
            inner: Arc::new(Mutex::new(Lru::new(FACTS_CACHE_CAPACITY))),
        }
    }
}

impl FactsCache {
    fn get<T: Kept>(&self, user: UserId, stamps: Stamps, key: &T::Key) -> Option<T> {
        let mut members = self.lock();
        let reads = members.get_mut(&user)?;
        if reads.stamps != Some(stamps) {
            return None;
        }
        T::kept(reads).get(key).cloned()
    }

    fn keep<T: Kept>(&self, user: UserId, stamps: Stamps, key: T::Key, read: T) {
        let mut members = self.lock();
        let reads = members.get_or_insert_with(user, MemberReads::default);
        if reads.stamps.is_some_and(|kept| kept.later_than(stamps)) {
            return;
        }
        if reads.stamps != Some(stamps) {
            *reads = MemberReads {
                stamps: Some(stamps),
                ..MemberReads::default()
            };
        }
        T::kept(reads).insert(key, read);
    }

    /// `before` was read before the write and `after` after it. When the member's stamp rose
    /// by one between them and nothing else moved, that one step is this write: reads kept
    /// under `before` hold what the database held then, or already this write, so with
    /// `progress` put in they hold what it holds at `after`.
    fn page_written(&self, user: UserId, before: Stamps, after: Stamps, progress: &ModuleProgress) {
        let only_this_write = Stamps {
            member: before.member + 1,
            ..before
        };
        if after != only_this_write {
            return;
        }
        let mut members = self.lock();
        let Some(reads) = members.get_mut(&user) else {
            return;
        };
        if reads.stamps != Some(before) {
            return;
        }
        if reads.patch(progress) {
            reads.stamps = Some(after);
        } else {
            *reads = MemberReads::default();
        }
    }

    /// A poisoned lock only means another thread panicked mid-update of plain maps, which
    /// are still whole; at worst a read kept there is read again.
    fn lock(&self) -> MutexGuard<'_, Lru<UserId, MemberReads>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl std::fmt::Debug for FactsCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FactsCache({} members)", self.lock().len())
    }
}
