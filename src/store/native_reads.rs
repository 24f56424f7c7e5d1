//! Reads on SQLite without sqlx's worker thread. sqlx runs each SQLite statement on a thread
//! that owns the connection and sends the rows back: two thread hops, about 40 µs for a small
//! read, several times what SQLite takes to run it (see the README's benchmarks). The small
//! read every interaction of a member makes, their roles, runs here instead, in the calling
//! thread, on a read-only connection that each thread opens once. A large read does not gain:
//! the read of a member's cohorts with their work ran slower here than through sqlx, whose
//! worker runs nothing but SQLite, on the one connection that also writes and so keeps its
//! page cache across writes (measured in the README).
//!
//! A reader in WAL mode does not wait for writers. In the rare moment the file is locked
//! against readers (a checkpoint that resets the log, recovery after a crash) the read is
//! refused at once, as the connection's busy timeout is 0, and the caller reads through sqlx,
//! which waits without holding a thread. An in-memory database has no file to open: its
//! reads all go through sqlx.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{CachedStatement, Connection, ErrorCode, OpenFlags};

use super::backup::sqlite_file;
use super::is_in_memory;

/// The tracing target of each statement run here, as `sqlx::query` is sqlx's: an event with
/// the statement's first words as its `summary`.
pub const STATEMENTS: &str = "cohortbot::store::native_reads";

/// The file of a SQLite database, read from the thread that asks.
#[derive(Debug)]
pub(super) struct NativeReads {
    path: PathBuf,
}

thread_local! {
    /// Each thread's read connection, by database file.
    static CONNECTIONS: RefCell<HashMap<PathBuf, Connection>> = RefCell::new(HashMap::new());
}

impl NativeReads {
    /// For the SQLite database at `url`; `None` for an in-memory one.
    pub(super) fn for_url(url: &str) -> Option<NativeReads> {
        if is_in_memory(url) {
            return None;
        }
        let path = sqlite_file(url).ok()?;
        Some(NativeReads { path })
    }

    /// Runs `sql` on this thread's connection, its rows taken by `read`; `None` when it could
    /// not be run here (the file locked against readers, or not open yet), for the caller to
    /// run it through sqlx. Logged as sqlx logs its statements, under [`STATEMENTS`].
    pub(super) fn read<T>(
        &self,
        sql: &str,
        read: impl FnOnce(&mut CachedStatement<'_>) -> rusqlite::Result<T>,
    ) -> Option<T> {
        CONNECTIONS.with_borrow_mut(|connections| {
            let connection = match connections.get(&self.path) {
                Some(connection) => connection,
                None => {
                    let opened = open(&self.path).inspect_err(not_here).ok()?;
                    connections.entry(self.path.clone()).or_insert(opened)
                }
            };
            let mut statement = connection.prepare_cached(sql).inspect_err(not_here).ok()?;
            let rows = read(&mut statement).inspect_err(not_here).ok()?;
            // A field's value is computed only when a subscriber wants the event.
            tracing::debug!(
                target: STATEMENTS,
                summary = sql.split_whitespace().take(4).collect::<Vec<_>>().join(" "),
                "statement run without sqlx"
            );
            Some(rows)
        })
    }
}

fn open(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(path, flags)?;
    connection.execute_batch("PRAGMA query_only = ON; PRAGMA busy_timeout = 0;")?;
    Ok(connection)
}

/// A lock is why a read is made through sqlx; anything else is worth a warning, as every
/// read then takes the slower way.
fn not_here(error: &rusqlite::Error) {
    let locked = matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    );
    if !locked {
        tracing::warn!("a read on SQLite goes through sqlx: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNT: &str = "SELECT count(*) FROM seen";

    fn count(statement: &mut CachedStatement<'_>) -> rusqlite::Result<i64> {
        statement.query_row([], |row| row.get(0))
    }

    #[test]
    fn a_read_refused_by_a_lock_is_left_to_sqlx_and_made_here_once_it_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("locked.db");
        let writer = Connection::open(&path).unwrap();
        writer
            .execute_batch("CREATE TABLE seen (n INTEGER)")
            .unwrap();
        let reads = NativeReads::for_url(&format!("sqlite://{}", path.display())).unwrap();
        assert_eq!(reads.read(COUNT, count), Some(0));
        writer
            .execute_batch("BEGIN EXCLUSIVE; INSERT INTO seen VALUES (1)")
            .unwrap();
        assert_eq!(reads.read(COUNT, count), None, "read through a lock");
        writer.execute_batch("COMMIT").unwrap();
        assert_eq!(reads.read(COUNT, count), Some(1));
    }

    #[test]
    fn an_in_memory_database_is_read_through_sqlx() {
        assert!(NativeReads::for_url("sqlite::memory:").is_none());
        assert!(NativeReads::for_url("sqlite://file.db?mode=memory").is_none());
    }
}
