//! The fake as `https://discord.com` itself: an HTTP proxy that accepts `CONNECT discord.com:443`,
//! answers the TLS handshake with a certificate for discord.com issued by a test authority
//! (`tls/ca.pem`, which the bot under test is told to trust), and serves the same API inside.
//!
//! serenity sends every request to `https://discord.com` while its rate limiter is on (it
//! ignores its `proxy` setting then), so this is how a test runs the bot with the limiter on,
//! exactly as in production, against the fake's rate limits.

use std::io;
use std::sync::Arc;

use axum::Router;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::TlsAcceptor;

/// The test authority's certificate, in PEM: what a client must trust to reach the fake
/// through [`crate::FakeDiscord::proxy_url`].
pub const CA_CERTIFICATE_PEM: &str = include_str!("../tls/ca.pem");
const SERVER_CERTIFICATE_PEM: &str = include_str!("../tls/server.pem");
const SERVER_KEY_PEM: &str = include_str!("../tls/server.key");

/// The only host the proxy tunnels to.
const DISCORD_AUTHORITY: &str = "discord.com:443";
/// A CONNECT request head is a few short lines; anything longer is not one.
const MAX_HEAD: usize = 8 * 1024;

/// Serves `app` to every client that tunnels to discord.com through `listener`.
pub(crate) async fn serve(listener: TcpListener, app: Router) {
    let acceptor = TlsAcceptor::from(Arc::new(server_config()));
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let (acceptor, app) = (acceptor.clone(), app.clone());
        tokio::spawn(async move {
            if let Err(error) = tunnel(stream, acceptor, app).await {
                tracing::debug!(%error, "proxy connection ended");
            }
        });
    }
}

async fn tunnel(mut stream: TcpStream, acceptor: TlsAcceptor, app: Router) -> io::Result<()> {
    // As the main listener: each write at once, not held for the client's acknowledgement.
    stream.set_nodelay(true)?;
    let head = read_head(&mut stream).await?;
    if !is_connect_to_discord(&head) {
        stream
            .write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n")
            .await?;
        return Ok(());
    }
    stream
        .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
        .await?;
    let tls = acceptor.accept(stream).await?;
    hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(tls), TowerToHyperService::new(app))
        .await
        .map_err(io::Error::other)
}

/// Reads up to the blank line that ends the request head. The client sends nothing more
/// until it has the answer, so nothing past the head is read.
async fn read_head(stream: &mut TcpStream) -> io::Result<String> {
    let mut head = Vec::new();
    let mut byte = [0_u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > MAX_HEAD || stream.read(&mut byte).await? == 0 {
            return Err(io::ErrorKind::InvalidData.into());
        }
        head.push(byte[0]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

fn is_connect_to_discord(head: &str) -> bool {
    let mut request_line = head.lines().next().unwrap_or_default().split(' ');
    request_line.next() == Some("CONNECT") && request_line.next() == Some(DISCORD_AUTHORITY)
}

fn server_config() -> ServerConfig {
    let certificates = CertificateDer::pem_slice_iter(SERVER_CERTIFICATE_PEM.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("tls/server.pem holds a certificate");
    let key = PrivateKeyDer::from_pem_slice(SERVER_KEY_PEM.as_bytes())
        .expect("tls/server.key holds a PKCS#8 key");
    ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("ring supports the default TLS versions")
        .with_no_client_auth()
        .with_single_cert(certificates, key)
        .expect("the server certificate matches its key")
}
