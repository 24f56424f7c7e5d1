//! Leadership among instances sharing one PostgreSQL database: a session advisory lock, held
//! on a connection of its own for as long as the instance leads. It costs no query to keep:
//! the lock lasts as long as the session, so a killed leader's lock goes with its socket. An
//! instance waiting for it waits inside `pg_advisory_lock`, and asks again each time the
//! server gives the wait up (its `lock_timeout`), so that a wait on a connection that died
//! unnoticed ends.

use std::time::Duration;

use sqlx::postgres::PgConnection;
use sqlx::{Connection, Executor};
use tokio::sync::Mutex;

use super::{schedules::NEXT_DUE_SQL, Store, StoreError};
use crate::model::UnixMillis;

/// The lock's two keys: this program's ("cohb") and the scheduler's.
const LOCK_KEYS: (i32, i32) = (0x636f_6862, 1);

/// Set on the leadership's session, besides its name and how long a wait for the lock lasts.
/// The server ends the session of a leader it can no longer reach after about 25 s (10 s of
/// silence, then three probes 5 s apart), which frees the lock for another instance.
const SESSION_SETTINGS: [&str; 4] = [
    "SET statement_timeout = 0",
    "SET tcp_keepalives_idle = 10",
    "SET tcp_keepalives_interval = 5",
    "SET tcp_keepalives_count = 3",
];

/// How long a query on the session may take before the leader counts the session lost.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);

/// How long past the server's bound on a wait for the lock (its `lock_timeout`) the wait is
/// counted as on a connection that is gone. Generous: a busy machine may be slow to hear the
/// server give a wait up, and a standby only needs to notice a dead connection eventually.
const WAIT_MARGIN: Duration = Duration::from_secs(30);

/// PostgreSQL's code for a lock wait that reached `lock_timeout`.
const LOCK_NOT_AVAILABLE: &str = "55P03";

/// One instance's bid for the leadership: a connection of its own, opened when first needed
/// and again after it was lost. Any failure on it drops the connection (and with it the
/// lock), so the holder never leads on a session it cannot vouch for.
pub struct LeadershipSession {
    url: String,
    holder: String,
    /// The server's bound on one wait for the lock (the session's `lock_timeout`); a wait
    /// that outlasts it by [`WAIT_MARGIN`] was on a connection that is gone.
    wait: Duration,
    session: Mutex<Option<Session>>,
}

struct Session {
    connection: PgConnection,
    holds: bool,
}

impl Store {
    /// A session through which `holder` may lead; `None` on SQLite, whose file belongs to
    /// one process. `holder` names the instance to [`Store::leader`] (at most 63 bytes are
    /// kept); a wait for the leadership asks the server again after each `wait`.
    pub fn leadership_session(&self, holder: &str, wait: Duration) -> Option<LeadershipSession> {
        Some(LeadershipSession {
            url: self.wakes.postgres_url()?.to_owned(),
            holder: holder.to_owned(),
            wait,
            session: Mutex::new(None),
        })
    }

    /// The holder of the leadership, if an instance holds it; always `None` on SQLite.
    pub async fn leader(&self) -> Result<Option<String>, StoreError> {
        const SQL: &str = "SELECT a.application_name FROM pg_locks l
            JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
              AND l.classid::bigint = $1 AND l.objid::bigint = $2
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        if self.wakes.postgres_url().is_none() {
            return Ok(None);
        }
        Ok(sqlx::query_scalar(SQL)
            .bind(i64::from(LOCK_KEYS.0))
            .bind(i64::from(LOCK_KEYS.1))
            .fetch_optional(&self.pool)
            .await?)
    }
}

impl LeadershipSession {
    /// Takes the leadership if no other instance holds it; `true` when this one holds it
    /// (already, or now). When it already does, this proves the session is still there.
    pub async fn try_take(&self) -> Result<bool, StoreError> {
        self.on_session(async |session| {
            if session.holds {
                session.connection.execute("SELECT 1").await?;
            } else {
                session.holds = sqlx::query_scalar("SELECT pg_try_advisory_lock($1, $2)")
                    .bind(LOCK_KEYS.0)
                    .bind(LOCK_KEYS.1)
                    .fetch_one(&mut session.connection)
                    .await?;
            }
            Ok(session.holds)
        })
        .await
    }

    /// Waits, as long as it takes, until this instance holds the leadership. Cancelling the
    /// wait closes the session, which ends the wait on the server too.
    pub async fn take(&self) -> Result<(), StoreError> {
        let mut guard = self.session.lock().await;
        let mut session = match guard.take() {
            Some(session) => session,
            None => self.connect().await?,
        };
        let bound = self.wait + WAIT_MARGIN;
        while !session.holds {
            let wait = sqlx::query("SELECT pg_advisory_lock($1, $2)")
                .bind(LOCK_KEYS.0)
                .bind(LOCK_KEYS.1)
                .execute(&mut session.connection);
            match tokio::time::timeout(bound, wait).await {
                Ok(Ok(_)) => session.holds = true,
                Ok(Err(error)) if is_lock_not_available(&error) => {}
                Ok(Err(error)) => return Err(error.into()),
                Err(_) => return Err(StoreError::TimedOut(bound)),
            }
        }
        *guard = Some(session);
        Ok(())
    }

    /// The earliest time anything is due, as [`Store::next_due_at`], read on the session: an
    /// answer also proves that this instance still holds the leadership.
    pub async fn next_due_at(&self) -> Result<Option<UnixMillis>, StoreError> {
        self.on_session(async |session| {
            Ok(sqlx::query_scalar(NEXT_DUE_SQL)
                .fetch_one(&mut session.connection)
                .await?)
        })
        .await
    }

    /// Gives the leadership up, so that another instance may take it the moment this
    /// returns, and closes the session.
    pub async fn resign(&self) -> Result<(), StoreError> {
        let Some(mut session) = self.session.lock().await.take() else {
            return Ok(());
        };
        if session.holds {
            sqlx::query("SELECT pg_advisory_unlock($1, $2)")
                .bind(LOCK_KEYS.0)
                .bind(LOCK_KEYS.1)
                .execute(&mut session.connection)
                .await?;
        }
        Ok(session.connection.close().await?)
    }

    /// Runs `query` on the session, opened first if need be; a failure, or no answer within
    /// [`ANSWER_WITHIN`], drops the session.
    async fn on_session<T>(
        &self,
        query: impl AsyncFnOnce(&mut Session) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut guard = self.session.lock().await;
        let answered = tokio::time::timeout(ANSWER_WITHIN, async {
            let mut session = match guard.take() {
                Some(session) => session,
                None => self.connect().await?,
            };
            let answer = query(&mut session).await?;
            Ok((session, answer))
        });
        let (session, answer) = answered
            .await
            .unwrap_or(Err(StoreError::TimedOut(ANSWER_WITHIN)))?;
        *guard = Some(session);
        Ok(answer)
    }

    async fn connect(&self) -> Result<Session, StoreError> {
        let mut connection = PgConnection::connect(&self.url).await?;
        for setting in SESSION_SETTINGS {
            connection.execute(setting).await?;
        }
        sqlx::query(
            "SELECT set_config('application_name', $1, false), set_config('lock_timeout', $2, false)",
        )
        .bind(&self.holder)
        .bind(format!("{}ms", self.wait.as_millis()))
        .execute(&mut connection)
        .await?;
        Ok(Session {
            connection,
            holds: false,
        })
    }
}

fn is_lock_not_available(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .and_then(|error| error.code())
        .is_some_and(|code| code == LOCK_NOT_AVAILABLE)
}
