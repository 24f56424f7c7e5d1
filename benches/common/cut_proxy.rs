//! A TCP proxy between the bot and its PostgreSQL server that can be cut, as an outage looks
//! to the bot (every connection dropped, new ones refused), and restored, without stopping
//! the server others use.

use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub struct CutProxy {
    addr: SocketAddr,
    up: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl CutProxy {
    /// Listens on a free local port and forwards each connection to `upstream` (`host:port`).
    pub async fn start(upstream: &str) -> std::io::Result<CutProxy> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (up, _) = watch::channel(true);
        let task = tokio::spawn(serve(listener, upstream.to_owned(), up.subscribe()));
        Ok(CutProxy { addr, up, task })
    }

    /// `url` with its server's `host[:port]` replaced by the proxy's.
    pub fn proxied(&self, url: &str) -> String {
        let server = server_of(url).unwrap_or_default();
        url.replacen(server, &self.addr.to_string(), 1)
    }

    /// Drops every connection and refuses new ones until [`CutProxy::restore`].
    pub fn cut(&self) {
        self.up.send_replace(false);
    }

    pub fn restore(&self) {
        self.up.send_replace(true);
    }
}

impl Drop for CutProxy {
    fn drop(&mut self) {
        self.cut();
        self.task.abort();
    }
}

/// While up, accepts and forwards; while cut, the port is closed (connections refused).
async fn serve(listener: TcpListener, upstream: String, mut up: watch::Receiver<bool>) {
    let addr = listener.local_addr().expect("a bound listener");
    let mut listener = Some(listener);
    loop {
        match &listener {
            Some(open) => tokio::select! {
                accepted = open.accept() => {
                    if let Ok((client, _)) = accepted {
                        tokio::spawn(forward(client, upstream.clone(), up.clone()));
                    }
                }
                changed = up.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    if !*up.borrow_and_update() {
                        listener = None;
                    }
                }
            },
            None => {
                if up.wait_for(|up| *up).await.is_err() {
                    return;
                }
                listener = Some(TcpListener::bind(addr).await.expect("the port again"));
            }
        }
    }
}

async fn forward(mut client: TcpStream, upstream: String, mut up: watch::Receiver<bool>) {
    let Ok(mut server) = TcpStream::connect(&upstream).await else {
        return;
    };
    tokio::select! {
        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
        _ = up.wait_for(|up| !*up) => {}
    }
}

/// The `host:port` a `postgres://user@host:port/db` URL names.
pub fn server_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    rest.split(['/', '?']).next()
}
