//! The PostgreSQL databases of one test process. Dropping a database makes PostgreSQL write
//! and flush every changed page of the whole server first (a checkpoint, counted in
//! `pg_stat_bgwriter.checkpoints_req`), which took 1.4-1.9 s on two cores running tests and
//! was most of each PostgreSQL test's time. So no database is dropped: one whose test is done
//! is renamed, emptied and handed to the next test of the process, and those a process left
//! when it ended are taken on by the next test process of the same machine. The server keeps
//! as many `cohortbot_test_…` databases as tests ever ran at once, empty between runs.

use std::path::Path;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::{Connection, Executor, PgConnection};

use super::{with_database, POSTGRES_URL_VAR};

const PREFIX: &str = "cohortbot_test_";

/// Databases emptied for the next test, by name.
static EMPTIED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// A database with nothing in it, for one test: one that an earlier test of this process
/// gave back, or a new one.
pub async fn take(admin_url: &str) -> String {
    static LEFTOVERS_TAKEN_ON: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    LEFTOVERS_TAKEN_ON
        .get_or_init(|| take_on_leftovers(admin_url))
        .await;
    if let Some(name) = emptied().pop() {
        return name;
    }
    let name = new_name();
    let mut admin = connect(admin_url).await;
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create the test database");
    admin.close().await.ok();
    name
}

/// Takes back `name`, whose test is done: its connections are cut and it is renamed, so
/// that nothing of that test still running can reach it, then emptied for the next test.
/// Dropped instead if that fails. Runs on a thread and runtime of its own, as `Drop` cannot
/// await.
pub fn give_back(admin_url: String, name: String) {
    let _ = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime to give the database back");
        runtime.block_on(async {
            match rename_and_empty(&admin_url, &name).await {
                Ok(emptied_name) => emptied().push(emptied_name),
                Err(error) => {
                    eprintln!("test database {name} not reused, dropped: {error}");
                    let _ = drop_database(&admin_url, &name).await;
                }
            }
        });
    })
    .join();
}

async fn rename_and_empty(admin_url: &str, name: &str) -> Result<String, sqlx::Error> {
    let renamed = new_name();
    let mut admin = PgConnection::connect(admin_url).await?;
    admin
        .execute(
            format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
            )
            .as_str(),
        )
        .await?;
    // PostgreSQL waits (up to 5 s) for the cut connections to end before it renames.
    admin
        .execute(format!("ALTER DATABASE {name} RENAME TO {renamed}").as_str())
        .await?;
    admin.close().await?;
    let mut emptying = PgConnection::connect(&with_database(admin_url, &renamed)).await?;
    emptying
        .execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        .await?;
    emptying.close().await?;
    Ok(renamed)
}

async fn drop_database(admin_url: &str, name: &str) -> Result<(), sqlx::Error> {
    let mut admin = PgConnection::connect(admin_url).await?;
    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    admin.execute(sql.as_str()).await?;
    admin.close().await
}

/// Empties, for this process's tests, the databases that test processes of this machine
/// which no longer run left behind. Where it cannot tell whether a process runs (no
/// `/proc`), it leaves them.
async fn take_on_leftovers(admin_url: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let mut admin = connect(admin_url).await;
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE starts_with(datname, $1)")
            .bind(PREFIX)
            .fetch_all(&mut admin)
            .await
            .expect("list the test databases");
    admin.close().await.ok();
    for name in names.into_iter().filter(|name| left_behind(name)) {
        // Another process starting at the same time may have taken it on first.
        if let Ok(emptied_name) = rename_and_empty(admin_url, &name).await {
            emptied().push(emptied_name);
        }
    }
}

/// Whether database `name` was made by a test process of this machine that no longer runs.
fn left_behind(name: &str) -> bool {
    let mut parts = name.trim_start_matches(PREFIX).split('_');
    let (Some(machine), Some(pid), Some(process)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    if machine != this_machine() {
        return false;
    }
    if pid == std::process::id().to_string() {
        return process != this_process();
    }
    !Path::new("/proc").join(pid).exists()
}

/// `cohortbot_test_{machine}_{pid}_{process}_{n}`: whose it is, and unique.
fn new_name() -> String {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let (machine, pid, process) = (this_machine(), std::process::id(), this_process());
    format!("{PREFIX}{machine}_{pid}_{process}_{n}")
}

/// This machine, as the hash of its host name and boot: containers on one host have host
/// names of their own, and a process id means nothing across a reboot.
fn this_machine() -> &'static str {
    static MACHINE: OnceLock<String> = OnceLock::new();
    MACHINE.get_or_init(|| {
        let read = |path| std::fs::read_to_string(path).unwrap_or_default();
        let seen = read("/proc/sys/kernel/hostname") + &read("/proc/sys/kernel/random/boot_id");
        format!("{:08x}", fnv1a(seen.as_bytes()) as u32)
    })
}

/// This process among those that had its id: the time it first asked, in microseconds.
fn this_process() -> &'static str {
    static PROCESS: OnceLock<String> = OnceLock::new();
    PROCESS.get_or_init(|| {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("clock after 1970");
        format!("{:x}", now.as_micros() as u64 & 0xffff_ffff_ffff)
    })
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn emptied() -> std::sync::MutexGuard<'static, Vec<String>> {
    EMPTIED.lock().unwrap_or_else(PoisonError::into_inner)
}

async fn connect(admin_url: &str) -> PgConnection {
    PgConnection::connect(admin_url)
        .await
        .unwrap_or_else(|e| panic!("{POSTGRES_URL_VAR} names a server that cannot be reached: {e}"))
}
