//! Accepting connections: hyper's HTTP/1.1 server per connection (header-read timeout, which
//! also ends idle keep-alive connections), a cap on open connections overall and per client
//! address, and a graceful shutdown with a deadline (hyper-util's `GracefulShutdown`).
//!
//! The accept loop is ours rather than `axum::serve` because the caps decide per accepted
//! socket: a connection over a cap is closed at once, so the listen queue keeps draining and a
//! client that opens connections without end holds at most its share, while every other client
//! is still accepted; and the inbox never runs into the open-file limit (where accepting
//! fails for everyone).

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use ipnet::IpNet;
use tower::ServiceExt as _;

use crate::config::Limits;
use crate::ratelimit::client_key;

/// Open connections, overall and per client address.
#[derive(Debug)]
struct Connections {
    max: usize,
    max_per_client: usize,
    open: Mutex<(usize, HashMap<IpAddr, usize>)>,
}

/// Held by a connection's task; gives its place back when dropped.
struct Admitted {
    connections: Arc<Connections>,
    key: Option<IpAddr>,
}

impl Connections {
    /// A place for a new connection from `peer`, or `None` when a cap is reached. Trusted
    /// proxies carry many clients, so only the overall cap applies to them.
    fn admit(self: &Arc<Self>, peer: IpAddr, trusted: bool) -> Option<Admitted> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if open.0 >= self.max {
            return None;
        }
        let key = (!trusted).then(|| client_key(peer));
        if let Some(key) = key {
            let count = open.1.entry(key).or_insert(0);
            if *count >= self.max_per_client {
                return None;
            }
            *count += 1;
        }
        open.0 += 1;
        Some(Admitted {
            connections: Arc::clone(self),
            key,
        })
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut open = self
            .connections
            .open
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        open.0 = open.0.saturating_sub(1);
        if let Some(key) = self.key {
            if let Some(count) = open.1.get_mut(&key) {
                *count -= 1;
                if *count == 0 {
                    open.1.remove(&key);
                }
            }
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then drains (see the module doc).
pub async fn serve<F>(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: &Limits,
    trusted_proxies: &[IpNet],
    shutdown: F,
) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let connections = Arc::new(Connections {
        max: limits.max_connections,
        max_per_client: limits.max_connections_per_client,
        open: Mutex::new((0, HashMap::new())),
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    // hyper's own read buffer cap (about 400 KiB) bounds headers: larger ones get 431.
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let graceful = GracefulShutdown::new();
    // Tells connections still open after the grace period to close.
    let (force_close, closing) = tokio::sync::watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors or memory: give other work a moment to free
                    // some, instead of spinning.
                    eprintln!("smp-inbox: accept failed: {err}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let trusted = trusted_proxies.iter().any(|net| net.contains(&peer.ip()));
        let Some(admitted) = connections.admit(peer.ip(), trusted) else {
            // Closed at once: the peer sees a reset, everyone else is still served.
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request
                .extensions_mut()
                .insert(ConnectInfo::<SocketAddr>(peer));
            router.clone().oneshot(request.map(axum::body::Body::new))
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        let mut closing = closing.clone();
        tokio::spawn(async move {
            let _admitted = admitted;
            tokio::select! {
                _ = connection => {}
                _ = closing.wait_for(|close| *close) => {}
            }
        });
    }
    drop(listener);
    let open = graceful.count();
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            eprintln!(
                "smp-inbox: closing the connections still open after {} s (of {open} at shutdown)",
                limits.shutdown_grace.as_secs()
            );
            let _ = force_close.send(true);
        }
    }
    Ok(())
}
