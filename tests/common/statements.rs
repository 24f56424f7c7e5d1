//! The SQL statements a bot runs, as sqlx reports them (one tracing event per statement,
//! target `sqlx::query`, with a `summary` of its first words) and as the store reports those
//! it runs on SQLite without sqlx (target [`cohortbot::store::NATIVE_STATEMENTS`]), whichever
//! thread runs them:
//! SQLite's statements run on a worker thread of their own, so a per-thread subscriber
//! would miss them. Installed for the whole process; a test that looks at them takes
//! [`alone`] so that no other bot's statements are mixed with its own.

// Each crate that includes this file uses a different part of it.
#![allow(dead_code)]

use std::sync::{Mutex, MutexGuard, PoisonError};

use cohortbot::store::NATIVE_STATEMENTS;
use tracing::subscriber::Interest;
use tracing::{span, Event, Metadata, Subscriber};

/// The statement a caller runs to wait for SQLite's worker (`Store::ping`), left out.
const BARRIER_SQL: &str = "SELECT 1";

/// Held by whoever is looking at the statements.
static ALONE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

static STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Installs the log (once) and waits until no other test of the process looks at it.
pub async fn alone() -> tokio::sync::MutexGuard<'static, ()> {
    install();
    ALONE.lock().await
}

/// How many statements were logged so far.
pub fn count() -> u64 {
    u64::try_from(logged().len()).unwrap_or(u64::MAX)
}

/// The statements logged since the last call, by summary.
pub fn take() -> Vec<String> {
    std::mem::take(&mut logged())
}

fn logged() -> MutexGuard<'static, Vec<String>> {
    STATEMENTS.lock().unwrap_or_else(PoisonError::into_inner)
}

fn install() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        tracing::subscriber::set_global_default(StatementLog)
            .expect("no other subscriber in this process");
    });
}

/// Whether a statement is the set-up of a new connection (`PRAGMA …` on SQLite, `SET …` on
/// PostgreSQL), left out: the pool opens connections when it likes, not when a command
/// asks, so counting them would make the counts depend on timing.
fn sets_up_a_connection(summary: &str) -> bool {
    summary.starts_with("SET ") || summary.starts_with("PRAGMA ")
}

fn is_statement(metadata: &Metadata<'_>) -> bool {
    [NATIVE_STATEMENTS, "sqlx::query"].contains(&metadata.target())
}

struct StatementLog;

/// Reads the `summary` sqlx gives a statement: its first words, all of it when short.
struct Summary(String);

impl tracing::field::Visit for Summary {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "summary" {
            self.0 = value.to_owned();
        }
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" {
            self.0 = format!("{value:?}").trim_matches('"').to_owned();
        }
    }
}

impl Subscriber for StatementLog {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        if is_statement(metadata) {
            Interest::always()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        is_statement(metadata)
    }

    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }

    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}

    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut summary = Summary(String::new());
        event.record(&mut summary);
        if summary.0 != BARRIER_SQL && !sets_up_a_connection(&summary.0) {
            logged().push(summary.0);
        }
    }

    fn enter(&self, _: &span::Id) {}

    fn exit(&self, _: &span::Id) {}
}
