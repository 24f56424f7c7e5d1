//! The health and metrics listener of a running bot: `/healthz`, `/readyz` and `/metrics`
//! as Prometheus reads them, after commands and scheduled deliveries.

use crate::bot;
use crate::bot::{Backend, TestClock};
use std::time::Duration;

use crate::learning::{trainee, world_on, World};
use chrono::{TimeZone, Utc};
use fake_discord::FakeDiscord;

e2e_tests!(
    health_and_readiness_are_served,
    metrics_count_commands_deliveries_and_the_queue,
);

async fn world(backend: Backend) -> World {
    let clock = TestClock::at(Utc.with_ymd_and_hms(2026, 10, 5, 9, 0, 0).unwrap());
    world_on("prompts", "two-day-training", clock, backend).await
}

/// The status and body of `GET path` on the bot's listener.
async fn get(world: &World, path: &str) -> (u16, String) {
    let url = format!("http://{}{path}", world.bot.http_address);
    let response = reqwest::get(url).await.expect("the listener answers");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a text body"))
}

/// The value of the sample named exactly `series` (name and labels) in a metrics page.
fn sample(page: &str, series: &str) -> Option<f64> {
    page.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

async fn health_and_readiness_are_served(backend: Backend) {
    let world = world(backend).await;
    assert_eq!(get(&world, "/healthz").await, (200, "ok\n".to_owned()));
    assert_eq!(get(&world, "/readyz").await, (200, "ready\n".to_owned()));
}

async fn metrics_count_commands_deliveries_and_the_queue(backend: Backend) {
    let world = world(backend).await;
    let alice = trainee(&world, "alice").await;
    world.facilitator.slash("help", []).await;
    alice.slash("cohort audit", []).await;
    let now = Utc.with_ymd_and_hms(2026, 10, 5, 9, 0, 0).unwrap();
    let due = world
        .bot
        .store
        .due_queue(now.timestamp_millis())
        .await
        .unwrap();

    let (status, page) = get(&world, "/metrics").await;
    assert_eq!(status, 200);
    let help = r#"cohortbot_interactions_total{command="help",outcome="ok"}"#;
    assert_eq!(sample(&page, help), Some(1.0), "{page}");
    let refused = r#"cohortbot_interactions_total{command="cohort audit",outcome="refused"}"#;
    assert_eq!(sample(&page, refused), Some(1.0), "{page}");
    let answered = r#"cohortbot_interaction_seconds_count{command="help"}"#;
    assert_eq!(sample(&page, answered), Some(1.0), "{page}");
    let depth = sample(&page, "cohortbot_delivery_queue_depth");
    assert_eq!(depth, Some(due.depth as f64), "{page}");
    assert!(
        sample(&page, r#"cohortbot_db_connections{state="idle"}"#).is_some(),
        "{page}"
    );

    let report = world.bot.step().await;
    let (_, page) = get(&world, "/metrics").await;
    let sent = sample(&page, r#"cohortbot_deliveries_total{outcome="sent"}"#);
    assert_eq!(sent, Some(f64::from(report.sent)), "{page}");
    assert_eq!(
        sample(&page, "cohortbot_delivery_queue_depth"),
        Some(0.0),
        "{page}"
    );
    assert_eq!(
        sample(&page, "cohortbot_oldest_due_delivery_seconds"),
        Some(0.0),
        "{page}"
    );
    assert!(
        report.sent as u64 >= due.depth && due.depth > 0,
        "{report:?} {due:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_shards_heartbeat_latency_is_a_gauge() {
    let fake = FakeDiscord::builder()
        .heartbeat_interval(Duration::from_millis(50))
        .start()
        .await;
    let bot = bot::TestBot::start(fake, "prompts").await;
    assert!(bot.fake.wait_for_heartbeats(2).await, "two heartbeats");

    let url = format!("http://{}/metrics", bot.http_address);
    let page = reqwest::get(&url).await.unwrap().text().await.unwrap();
    let latency = sample(&page, r#"cohortbot_gateway_latency_seconds{shard="0"}"#);
    let latency =
        latency.unwrap_or_else(|| panic!("no latency after a heartbeat's round trip: {page}"));
    assert!((0.0..1.0).contains(&latency), "{latency}");
}

#[test]
fn the_dashboard_and_the_readme_name_every_metric() {
    use cohortbot::telemetry::*;
    let root = env!("CARGO_MANIFEST_DIR");
    let dashboard = std::fs::read_to_string(format!("{root}/ops/grafana-dashboard.json")).unwrap();
    let dashboard: serde_json::Value = serde_json::from_str(&dashboard).unwrap();
    let queries: Vec<&str> = dashboard["panels"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["targets"].as_array().unwrap())
        .map(|t| t["expr"].as_str().unwrap())
        .collect();
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let names = [
        INTERACTIONS,
        INTERACTION_SECONDS,
        DELIVERIES,
        QUEUE_DEPTH,
        OLDEST_DUE_SECONDS,
        RATE_LIMITED,
        DB_CONNECTIONS,
        GATEWAY_LATENCY,
    ];
    for name in names {
        assert!(
            queries.iter().any(|q| q.contains(name)),
            "no panel plots {name}"
        );
        assert!(
            readme.contains(&format!("`{name}")),
            "the README does not list {name}"
        );
    }
}
