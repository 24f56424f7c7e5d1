//! Expiry benchmark: the scheduler's per-step `expire_deliveries` with 10,000, 100,000 and
//! 1,000,000 deliveries waiting (none of them expiring yet, so each step only looks),
//! timed with the index `deliveries_expiry` and, as the baseline in the same run, with it
//! dropped. Prints the median of 20 steps for each and the ratio baseline / indexed, on SQLite, and on
//! PostgreSQL too when `COHORTBOT_TEST_POSTGRES_URL` names a server (a database of its own
//! is created and dropped).
//!
//! Run: `cargo bench --bench expiry`

use std::time::{Duration, Instant};

use cohortbot::store::Store;
use sqlx::{Connection, Executor, PgConnection};

const SIZES: [u32; 3] = [10_000, 100_000, 1_000_000];
const STEPS: usize = 20;
/// When the steps run: every delivery expires long after.
const NOW: i64 = 1_790_000_000_000;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    println!("backend         rows    indexed   no index  speed-up");
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
    let indexed = median_step(&store).await?;
    raw.execute("DROP INDEX deliveries_expiry").await?;
    raw.execute("ANALYZE").await?;
    let baseline = median_step(&store).await?;
    println!(
        "{backend:<10} {rows:>9} {:>8.2} ms {:>8.2} ms  {:>6.0}×",
        ms(indexed),
        ms(baseline),
        ms(baseline) / ms(indexed)
    );
    store.close().await;
    Ok(())
}

async fn median_step(store: &Store) -> anyhow::Result<Duration> {
    let mut times = Vec::with_capacity(STEPS);
    for _ in 0..STEPS {
        let started = Instant::now();
        let expired = store.expire_deliveries(NOW).await?;
        times.push(started.elapsed());
        anyhow::ensure!(expired == 0, "nothing is due to expire");
    }
    times.sort();
    Ok(times[STEPS / 2])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
