//! Interactions taken on, so that none is handled twice. Several instances may share a
//! PostgreSQL database and see the same interaction, so there the claim is a row every
//! instance sees. An SQLite file belongs to one process, and only that process's gateway
//! sessions can deliver an interaction again (a replay after a resume; a restarted process
//! starts new sessions, which replay nothing), so there the claim is kept in memory: it costs
//! no write, and a database held by another writer does not hold up taking an interaction on.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::{to_db, Store, StoreError};
use crate::model::UnixMillis;

impl Store {
    /// Takes on interaction `id`: true the first time, false for a repeat of it (a gateway
    /// replay, or another instance that saw it too).
    pub async fn claim_interaction(&self, id: u64, now: UnixMillis) -> Result<bool, StoreError> {
        if let Some(claims) = &self.claims {
            return Ok(claims.claim(id, now));
        }
        // Not waiting for the disk spares every interaction a flush, most of what a command
        // cost on PostgreSQL. A crash of the server can take back only a claim whose command
        // has written nothing since (its writes flush the claim first), and Discord refuses
        // a second answer to a replay of it: one callback per interaction.
        const SQL: &str = unsynced!(
            "INSERT INTO handled_interactions (interaction_id, handled_at)
            SELECT $1, $2 FROM unsynced ON CONFLICT (interaction_id) DO NOTHING"
        );
        let done = sqlx::query(SQL)
            .bind(to_db(id))
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Forgets interactions handled before `before`: Discord gives up on an interaction after
    /// 15 minutes, so none of them can come again.
    pub async fn forget_interactions(&self, before: UnixMillis) -> Result<u64, StoreError> {
        if let Some(claims) = &self.claims {
            return Ok(claims.forget(before));
        }
        const SQL: &str = "DELETE FROM handled_interactions WHERE handled_at < $1";
        let done = sqlx::query(SQL).bind(before).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }
}

/// The interactions this process took on, with when, for a database only it uses.
#[derive(Default)]
pub(super) struct ClaimsInMemory(Mutex<HashMap<u64, UnixMillis>>);

impl ClaimsInMemory {
    fn claim(&self, id: u64, now: UnixMillis) -> bool {
        match self.lock().entry(id) {
            Entry::Occupied(_) => false,
            Entry::Vacant(slot) => {
                slot.insert(now);
                true
            }
        }
    }

    fn forget(&self, before: UnixMillis) -> u64 {
        let mut claims = self.lock();
        let held = claims.len();
        claims.retain(|_, handled_at| *handled_at >= before);
        u64::try_from(held - claims.len()).unwrap_or(u64::MAX)
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<u64, UnixMillis>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for ClaimsInMemory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClaimsInMemory({} held)", self.lock().len())
    }
}
