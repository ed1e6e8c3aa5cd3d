//! Bounded under abuse, on a real socket: headers that never finish, idle keep-alive
//! connections, uploads that trickle, too many connections from one address or in all, a
//! shutdown with a request still in flight, and a health check that fails when the database
//! cannot take more leads. Each test waits for the server to act (close, answer) with a bound;
//! none sleeps to wait for a live service.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::*;
use smp_inbox::Config;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

const BOUND: Duration = Duration::from_secs(10);

fn config(dir: &TempDir) -> Config {
    let mut config = common::config_on(dir.path().join("inbox.sqlite3"));
    config.limits.header_timeout = Duration::from_secs(1);
    config.limits.request_timeout = Duration::from_secs(2);
    config.limits.shutdown_grace = Duration::from_secs(1);
    config
}

/// Reads until the server closes the connection (or resets it); returns what it sent.
async fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut all = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(BOUND, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return String::from_utf8_lossy(&all).into_owned(),
            Ok(Ok(n)) => all.extend_from_slice(&buf[..n]),
            Err(_) => panic!("the server kept the connection open for {BOUND:?}"),
        }
    }
}

/// A connection from a given loopback address (127.0.0.N), to act as another client.
async fn connect_from(addr: SocketAddr, from: [u8; 4]) -> TcpStream {
    let socket = TcpSocket::new_v4().expect("socket");
    socket
        .bind(SocketAddr::from((from, 0)))
        .expect("bind a loopback source address");
    socket.connect(addr).await.expect("connect")
}

#[tokio::test]
async fn headers_that_never_finish_are_cut_off() {
    let dir = TempDir::new("slow-headers");
    let (addr, stop, task) = start(config(&dir)).await;
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"POST /v1/leads HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    let started = Instant::now();
    let _ = read_until_closed(&mut stream).await;
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(900), "{waited:?}");
    assert!(waited < Duration::from_secs(5), "{waited:?}");
    let _ = stop.send(());
    task.await.expect("stopped");
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let dir = TempDir::new("idle");
    let (addr, stop, task) = start(config(&dir)).await;
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .expect("write");
    let started = Instant::now();
    let answer = read_until_closed(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "closed after {:?}",
        started.elapsed()
    );
    let _ = stop.send(());
    task.await.expect("stopped");
}

#[tokio::test]
async fn an_upload_that_trickles_gets_408_and_its_connection_closed() {
    let dir = TempDir::new("trickle");
    let (addr, stop, task) = start(config(&dir)).await;
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(
            b"POST /v1/leads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
              Content-Length: 1000000\r\n\r\n{",
        )
        .await
        .expect("write");
    let started = Instant::now();
    // A byte every 300 ms: never idle long enough for the per-frame timeout, so only the
    // whole-request deadline (2 s here) stops it.
    let (mut read, mut write) = stream.into_split();
    let writer = tokio::spawn(async move {
        for _ in 0..100 {
            if write.write_all(b" ").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    });
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(BOUND, read.read_to_end(&mut answer))
        .await
        .expect("closed within the bound");
    writer.abort();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(1900) && waited < Duration::from_secs(6),
        "{waited:?}"
    );
    let _ = stop.send(());
    task.await.expect("stopped");
}

#[tokio::test]
async fn one_address_cannot_take_every_connection() {
    let dir = TempDir::new("per-client");
    let mut config = config(&dir);
    config.limits.header_timeout = Duration::from_secs(30);
    config.limits.max_connections = 6;
    config.limits.max_connections_per_client = 4;
    let (addr, stop, task) = start(config).await;

    // 127.0.0.2 holds its four, idle.
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(connect_from(addr, [127, 0, 0, 2]).await);
    }
    // Its fifth is closed at once, without an answer.
    let mut fifth = connect_from(addr, [127, 0, 0, 2]).await;
    let _ = fifth
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await;
    let answer = read_until_closed(&mut fifth).await;
    assert_eq!(answer, "", "refused");

    // Another client is still served.
    let reply = http(addr, "GET", "/healthz", &[], b"")
        .await
        .expect("served");
    assert_eq!(reply.status, 200);

    // And the overall cap holds too: 4 + 2 open, a seventh from a third address is closed.
    let _a = connect_from(addr, [127, 0, 0, 3]).await;
    let _b = connect_from(addr, [127, 0, 0, 3]).await;
    // Let the server take both before the next one arrives.
    let mut probe = connect_from(addr, [127, 0, 0, 4]).await;
    let _ = probe
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await;
    let answer = read_until_closed(&mut probe).await;
    assert_eq!(answer, "", "over the overall cap");

    // Closing the held ones gives their places back.
    drop(held);
    let reply = crate::common::eventually("a place to be free again", BOUND, || async {
        let mut s = connect_from(addr, [127, 0, 0, 2]).await;
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .ok()?;
        let answer = read_until_closed(&mut s).await;
        answer.starts_with("HTTP/1.1 200").then_some(answer)
    })
    .await;
    assert!(reply.contains("ok"));
    let _ = stop.send(());
    task.await.expect("stopped");
}

#[tokio::test]
async fn shutdown_waits_for_requests_in_flight_only_up_to_its_deadline() {
    let dir = TempDir::new("shutdown");
    let mut config = config(&dir);
    config.limits.request_timeout = Duration::from_secs(60);
    config.limits.header_timeout = Duration::from_secs(60);
    let (addr, stop, task) = start(config).await;
    // An upload that is never finished.
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(
            b"POST /v1/leads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
              Content-Length: 1000\r\n\r\n{",
        )
        .await
        .expect("write");
    // Make sure the server is reading it before asking it to stop.
    let reply = http(addr, "GET", "/healthz", &[], b"")
        .await
        .expect("served");
    assert_eq!(reply.status, 200);
    let started = Instant::now();
    let _ = stop.send(());
    tokio::time::timeout(BOUND, task)
        .await
        .expect("stopped within the bound")
        .expect("stopped");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
        "the 1 s grace: {waited:?}"
    );
    let _ = read_until_closed(&mut stream).await;
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "no longer listening"
    );
}

#[tokio::test]
async fn health_fails_when_the_database_cannot_take_more_leads() {
    let dir = TempDir::new("health");
    let (addr, stop, task) = start(config(&dir)).await;
    let reply = http(addr, "GET", "/healthz", &[], b"")
        .await
        .expect("served");
    assert_eq!((reply.status, reply.text().as_str()), (200, "ok"));
    let _ = stop.send(());
    task.await.expect("stopped");

    // The same file system, but the inbox wants more room than any disk has. (SQLite-only:
    // the free space checked is the database file's.)
    let mut config = config(&dir);
    config.database_url = None;
    config.limits.min_free_disk_bytes = u64::MAX;
    let (addr, stop, task) = start(config).await;
    let reply = http(addr, "GET", "/healthz", &[], b"")
        .await
        .expect("served");
    assert_eq!(reply.status, 503, "{}", reply.text());
    assert!(reply.text().contains("free"), "{}", reply.text());
    let _ = stop.send(());
    task.await.expect("stopped");
}
