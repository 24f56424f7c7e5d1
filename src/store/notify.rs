//! Wake-ups for idle workers. Every write that makes work due sooner (a delivery or schedule
//! added, a live quiz's question opened, a badge awarded or revoked) bumps a watch in this process; on PostgreSQL it is
//! also announced with `NOTIFY cohortbot_work`, and each instance's
//! [`Store::listen_for_work`] turns the announcements of the others into the same bump. So an
//! idle instance sleeps until its next due time and still starts at once on work another
//! instance queued. A notification lost while the listening connection was down is made up
//! for by one bump of every watch when it is back.

use std::fmt;
use std::time::Duration;

use sqlx::postgres::PgListener;
use sqlx::Executor;
use tokio::sync::watch;

use super::{Backend, Store};

/// The PostgreSQL channel the instances announce work on.
const CHANNEL: &str = "cohortbot_work";

/// The first wait before connecting the listener again after a failure; it doubles up to
/// [`RETRY_MAX`].
const RETRY_MIN: Duration = Duration::from_millis(500);
const RETRY_MAX: Duration = Duration::from_secs(30);

/// What a write made due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Work {
    /// Deliveries and schedules (the scheduler's).
    Scheduled,
    /// Live quizzes' questions (the quiz worker's).
    Quiz,
    /// Badge awards given or revoked, whose roles need changing (the role worker's).
    Roles,
}

impl Work {
    const ALL: [Work; 3] = [Work::Scheduled, Work::Quiz, Work::Roles];

    fn name(self) -> &'static str {
        match self {
            Work::Scheduled => "scheduled",
            Work::Quiz => "quiz",
            Work::Roles => "roles",
        }
    }
}

/// The watches, shared by every clone of a [`Store`].
pub(super) struct Wakes {
    scheduled: watch::Sender<u64>,
    quiz: watch::Sender<u64>,
    roles: watch::Sender<u64>,
    /// Times the listener connected (the first time included).
    listening: watch::Sender<u64>,
    /// Names this store in its announcements, so that its own come back ignored.
    origin: String,
    /// Where the listener (and the leadership's session) connects; PostgreSQL only.
    url: Option<String>,
}

impl Wakes {
    pub(super) fn new(backend: Backend, url: &str) -> Wakes {
        Wakes {
            scheduled: watch::Sender::new(0),
            quiz: watch::Sender::new(0),
            roles: watch::Sender::new(0),
            listening: watch::Sender::new(0),
            origin: format!("{:016x}", rand::random::<u64>()),
            url: (backend == Backend::Postgres).then(|| url.to_owned()),
        }
    }

    /// The database's URL, on PostgreSQL.
    pub(super) fn postgres_url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    fn wake(&self, work: Work) {
        let watch = match work {
            Work::Scheduled => &self.scheduled,
            Work::Quiz => &self.quiz,
            Work::Roles => &self.roles,
        };
        watch.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// Wakes the worker an announcement of another instance is for.
    fn on_announcement(&self, payload: &str) {
        let Some((work, origin)) = payload.split_once(':') else {
            return;
        };
        if origin == self.origin {
            return;
        }
        for kind in Work::ALL {
            if kind.name() == work {
                self.wake(kind);
            }
        }
    }
}

impl fmt::Debug for Wakes {
    /// Leaves the URL out: it may hold a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Wakes")
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Deliveries and schedules added, in this process or (on PostgreSQL) another instance:
    /// a worker that holds the receiver wakes when one is, and misses none added while it was
    /// busy.
    pub fn scheduled_changes(&self) -> watch::Receiver<u64> {
        self.wakes.scheduled.subscribe()
    }

    /// Live quizzes started, moved on or resumed, as for [`Store::scheduled_changes`].
    pub fn quiz_changes(&self) -> watch::Receiver<u64> {
        self.wakes.quiz.subscribe()
    }

    /// Badge awards given or revoked, as for [`Store::scheduled_changes`].
    pub fn role_changes(&self) -> watch::Receiver<u64> {
        self.wakes.roles.subscribe()
    }

    /// How many times [`Store::listen_for_work`] has connected (counted after the wake-up
    /// that follows); stays 0 on SQLite.
    pub fn work_listener_connections(&self) -> watch::Receiver<u64> {
        self.wakes.listening.subscribe()
    }

    /// Called after a write (its transaction committed) that made `work` due sooner. A failed
    /// announcement is only logged: the write stands, and the other instances look at the
    /// database on their own within their idle time.
    pub(super) async fn changed(&self, work: Work) {
        self.wakes.wake(work);
        if self.backend != Backend::Postgres {
            return;
        }
        // Both parts of the payload are this program's own words and hex digits.
        let notify = format!("NOTIFY {CHANNEL}, '{}:{}'", work.name(), self.wakes.origin);
        if let Err(error) = self.pool.execute(notify.as_str()).await {
            tracing::warn!("could not tell the other instances about new work: {error}");
        }
    }

    /// Listens for the other instances' announcements until `stop` turns `true` (or its
    /// sender is dropped), on a connection of its own; returns at once on SQLite, whose file
    /// belongs to one process. A lost connection is opened again, with backoff, and every
    /// worker is woken once it is (and at the first connection): announcements may have been
    /// missed meanwhile.
    pub async fn listen_for_work(&self, mut stop: watch::Receiver<bool>) {
        let Some(url) = self.wakes.url.as_deref() else {
            return;
        };
        let mut retry = RETRY_MIN;
        loop {
            let connected = tokio::select! {
                _ = stop.wait_for(|stop| *stop) => return,
                connected = listen(url) => connected,
            };
            let mut listener = match connected {
                Ok(listener) => listener,
                Err(error) => {
                    tracing::warn!(
                        "could not listen for the other instances' work; trying again in {retry:?}: {error}"
                    );
                    tokio::select! {
                        _ = stop.wait_for(|stop| *stop) => return,
                        _ = tokio::time::sleep(retry) => {}
                    }
                    retry = (retry * 2).min(RETRY_MAX);
                    continue;
                }
            };
            retry = RETRY_MIN;
            self.wake_all();
            self.wakes.listening.send_modify(|n| *n += 1);
            loop {
                let received = tokio::select! {
                    _ = stop.wait_for(|stop| *stop) => return,
                    received = listener.try_recv() => received,
                };
                match received {
                    Ok(Some(notification)) => self.wakes.on_announcement(notification.payload()),
                    // Lost and connected again (sqlx reconnects at once and listens again).
                    Ok(None) => {
                        tracing::info!("listening for the other instances' work again");
                        self.wake_all();
                        self.wakes.listening.send_modify(|n| *n += 1);
                    }
                    Err(error) => {
                        tracing::warn!(
                            "lost the connection listening for the other instances' work: {error}"
                        );
                        break;
                    }
                }
            }
        }
    }

    fn wake_all(&self) {
        for work in Work::ALL {
            self.wakes.wake(work);
        }
    }
}

async fn listen(url: &str) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announcements_wake_the_worker_they_name_unless_this_store_sent_them() {
        let wakes = Wakes::new(Backend::Postgres, "postgres://h/db");
        let (scheduled, quiz) = (wakes.scheduled.subscribe(), wakes.quiz.subscribe());
        wakes.on_announcement("scheduled:0123456789abcdef");
        wakes.on_announcement(&format!("quiz:{}", wakes.origin));
        wakes.on_announcement("nonsense");
        assert_eq!((*scheduled.borrow(), *quiz.borrow()), (1, 0));
    }
}
