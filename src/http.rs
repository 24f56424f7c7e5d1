//! The health and metrics listener (`http_address`): `/healthz` says the process is up,
//! `/readyz` whether it can do its work, `/metrics` what it counted, for Prometheus.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::course::Library;
use crate::discord::GatewayLatency;
use crate::domain::Clock;
use crate::store::Store;
use crate::telemetry::Telemetry;

/// What the endpoints read.
#[derive(Clone)]
pub struct Probes {
    pub store: Store,
    pub library: Arc<Library>,
    pub telemetry: Telemetry,
    pub clock: Arc<dyn Clock>,
    pub gateway: GatewayLatency,
}

/// A bound listener, served by [`serve`](Listener::serve).
pub struct Listener {
    listener: TcpListener,
}

impl Listener {
    /// Binds `address` now, so that a taken port fails start-up with a clear line.
    pub async fn bind(address: SocketAddr) -> anyhow::Result<Listener> {
        let listener = TcpListener::bind(address)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on http_address {address}: {e}"))?;
        Ok(Listener { listener })
    }

    /// The address bound (the port chosen when `http_address` asked for port 0).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `stop` turns `true`; requests under way finish first.
    pub async fn serve(self, probes: Probes, mut stop: watch::Receiver<bool>) {
        let app = Router::new()
            .route("/healthz", get(|| async { "ok\n" }))
            .route("/readyz", get(readyz))
            .route("/metrics", get(metrics))
            .with_state(probes);
        let stopped = async move {
            let _ = stop.wait_for(|stop| *stop).await;
        };
        if let Err(e) = axum::serve(self.listener, app)
            .with_graceful_shutdown(stopped)
            .await
        {
            tracing::error!("the health and metrics listener failed: {e}");
        }
    }
}

/// 200 when the gateway is connected, the database answers and course packs are loaded;
/// otherwise 503 naming what is not.
async fn readyz(State(probes): State<Probes>) -> (StatusCode, String) {
    let mut problems = Vec::new();
    if !probes.telemetry.gateway_connected() {
        problems.push("gateway: not connected");
    }
    if probes.store.ping().await.is_err() {
        problems.push("database: not reachable");
    }
    if probes.library.courses().next().is_none() {
        problems.push("course packs: none loaded");
    }
    if problems.is_empty() {
        (StatusCode::OK, "ready\n".to_owned())
    } else {
        let body = problems.join("\n") + "\n";
        (StatusCode::SERVICE_UNAVAILABLE, body)
    }
}

/// Reads the queue, the pool and the gateway's latency as they are now, then renders every
/// metric.
async fn metrics(State(probes): State<Probes>) -> (StatusCode, String) {
    let now = probes.clock.now_ms();
    match probes.store.due_queue(now).await {
        Ok(queue) => probes
            .telemetry
            .queue(queue.depth, queue.oldest_due_at, now),
        Err(e) => tracing::warn!("metrics: could not read the delivery queue: {e}"),
    }
    let (in_use, idle) = probes.store.pool_use();
    probes.telemetry.pool(in_use, idle);
    let latency = probes.gateway.per_shard().await;
    probes.telemetry.gateway_latency(&latency);
    (StatusCode::OK, probes.telemetry.render())
}
