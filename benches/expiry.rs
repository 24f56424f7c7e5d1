//! The scheduler's per-step statements on a large queue: `expire_deliveries` and claiming the
//! 100 earliest due (`claim_due_deliveries`), with 10,000, 100,000 and 1,000,000 deliveries
//! waiting, all due and none expiring yet (so each expiry step only looks). Each is timed with
//! its index (`deliveries_expiry`, `deliveries_claim`) and, as the baseline in the same run,
//! with the index dropped. Prints the median of 20 steps for each and the ratio baseline /
//! indexed, on SQLite, and on PostgreSQL too when `COHORTBOT_TEST_POSTGRES_URL` names a
//! server (a database of its own is created and dropped).
//!
//! Run: `cargo bench --bench expiry`

use std::future::Future;
use std::time::{Duration, Instant};

use cohortbot::store::Store;
use sqlx::{Connection, Executor, PgConnection};

const SIZES: [u32; 3] = [10_000, 100_000, 1_000_000];
const STEPS: usize = 20;
/// How many due deliveries a claim takes, as the scheduler's batch does.
const CLAIMED: usize = 100;
/// When the steps run: every delivery expires long after.
const NOW: i64 = 1_790_000_000_000;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    println!(
        "{:<10} {:>9}  expiry: {:>8} {:>11} {:>9}  claim {CLAIMED}: {:>8} {:>11} {:>9}",
        "backend", "rows", "indexed", "no index", "speed-up", "indexed", "no index", "speed-up"
    );
    for rows in SIZES {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}", dir.path().join("expiry.db").display());
        let fill = format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
             INSERT INTO deliveries (dedupe_key, target_kind, target_id, payload, due_at, expires_at)
             SELECT 'bench:' || i, 'channel', 1, '{{}}', i, {NOW} + 86400000 + i FROM n"
        );
        measure("sqlite", &url, &fill, rows).await?;
    }
    if let Ok(admin) = std::env::var("COHORTBOT_TEST_POSTGRES_URL") {
        for rows in SIZES {
            let name = format!("cohortbot_bench_expiry_{rows}");
            let mut server = PgConnection::connect(&admin).await?;
            server
                .execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
                .await?;
            server
                .execute(format!("CREATE DATABASE {name}").as_str())
                .await?;
            let url = format!(
                "{}/{name}",
                admin
                    .rsplit_once('/')
                    .map_or(admin.as_str(), |(base, _)| base)
            );
            let fill = format!(
                "INSERT INTO deliveries (dedupe_key, target_kind, target_id, payload, due_at, expires_at)
                 SELECT 'bench:' || i, 'channel', 1, '{{}}', i, {NOW} + 86400000 + i
                 FROM generate_series(1, {rows}) AS i"
            );
            measure("postgresql", &url, &fill, rows).await?;
            server
                .execute(format!("DROP DATABASE {name} WITH (FORCE)").as_str())
                .await?;
        }
    }
    Ok(())
}

async fn measure(backend: &str, url: &str, fill: &str, rows: u32) -> anyhow::Result<()> {
    let store = Store::connect(url).await?;
    store.migrate().await?;
    let mut raw = sqlx::AnyConnection::connect(url).await?;
    raw.execute(fill).await?;
    raw.execute("ANALYZE").await?;
    let expiry = with_and_without(&mut raw, "deliveries_expiry", || expire_step(&store)).await?;
    let claim = with_and_without(&mut raw, "deliveries_claim", || claim_step(&store)).await?;
    println!("{backend:<10} {rows:>9}  expiry: {expiry}  claim {CLAIMED}: {claim}");
    store.close().await;
    Ok(())
}

/// The median of `step` with index `index`, then with it dropped: both, and the ratio.
async fn with_and_without<F, Fut>(
    raw: &mut sqlx::AnyConnection,
    index: &str,
    mut step: F,
) -> anyhow::Result<String>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let indexed = median(&mut step).await?;
    raw.execute(format!("DROP INDEX {index}").as_str()).await?;
    raw.execute("ANALYZE").await?;
    let baseline = median(&mut step).await?;
    Ok(format!(
        "{:>8.2} ms {:>8.2} ms {:>8.0}×",
        ms(indexed),
        ms(baseline),
        ms(baseline) / ms(indexed)
    ))
}

async fn expire_step(store: &Store) -> anyhow::Result<()> {
    let expired = store.expire_deliveries(NOW).await?;
    anyhow::ensure!(expired == 0, "nothing is due to expire");
    Ok(())
}

/// Each claim leases the next 100 for a minute, so no two claims take the same.
async fn claim_step(store: &Store) -> anyhow::Result<()> {
    let limit = CLAIMED as u32;
    let claimed = store
        .claim_due_deliveries("bench", NOW, 60_000, limit)
        .await?;
    anyhow::ensure!(claimed.len() == CLAIMED, "{CLAIMED} are due and free");
    Ok(())
}

async fn median<F, Fut>(step: &mut F) -> anyhow::Result<Duration>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let mut times = Vec::with_capacity(STEPS);
    for _ in 0..STEPS {
        let started = Instant::now();
        step().await?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times[STEPS / 2])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
