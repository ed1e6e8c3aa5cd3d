//! The real binary on a loopback socket: the start-up line, configuration from flags and from
//! the environment, and an acknowledged lead surviving `kill -9`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::*;
use smp_inbox::LeadStore;

/// The running server; killed (SIGKILL) when dropped, so a failing test leaves nothing behind.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    /// Starts the binary and waits for its start-up line, which is printed only once the
    /// socket is bound: no sleeping, no polling.
    fn start(command: &mut Command) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start smp-inbox");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read start-up line");
        let url = line
            .trim_end()
            .strip_prefix("smp-inbox listening on http://")
            .unwrap_or_else(|| panic!("unexpected start-up line {line:?}"));
        let addr: SocketAddr = url.parse().expect("IP:PORT");
        assert_ne!(addr.port(), 0, "must print the real port");
        Self { child, addr }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn binary(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_smp-inbox"));
    command
        .env_remove("SMP_INBOX_ADDR")
        .env_remove("SMP_INBOX_DB")
        .env_remove("SMP_INBOX_ALLOW_ORIGINS")
        .env_remove("SMP_INBOX_MAX_BODY_BYTES")
        .args(["--addr", "127.0.0.1:0", "--db"])
        .arg(db);
    command
}

/// One HTTP/1.1 exchange over a fresh connection; returns the status, head and body.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    let (head, body) = response.split_once("\r\n\r\n").expect("HTTP response");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("status code");
    (status, head.to_string(), body.to_string())
}

#[test]
fn help_names_every_option() {
    let output = Command::new(env!("CARGO_BIN_EXE_smp-inbox"))
        .arg("--help")
        .output()
        .expect("run --help");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for option in [
        "--addr",
        "--db",
        "--allow-origin",
        "SMP_INBOX_ADDR",
        "SMP_INBOX_DB",
        "SMP_INBOX_ALLOW_ORIGINS",
    ] {
        assert!(help.contains(option), "missing {option}: {help}");
    }
}

#[test]
fn a_bad_origin_is_a_clear_start_up_error() {
    let dir = TempDir::new("bad-origin");
    let output = binary(&dir.path().join("inbox.sqlite3"))
        .args(["--allow-origin", "clinic.example/form"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--allow-origin"), "{stderr}");
}

#[test]
fn an_acknowledged_lead_survives_kill_9() {
    let dir = TempDir::new("kill9");
    let db = dir.path().join("inbox.sqlite3");
    let mut server = Server::start(binary(&db).args(["--allow-origin", ALLOWED_ORIGIN]));

    let (status, _, body) = http(server.addr, "GET", "/healthz", &[], "");
    assert_eq!((status, body.as_str()), (200, "ok"));

    let id = lead_id(1);
    let lead = sample_lead(&id).to_string();
    let (status, head, body) = http(
        server.addr,
        "POST",
        "/v1/leads",
        &[
            ("Content-Type", "application/json"),
            ("Idempotency-Key", &id),
            ("Origin", ALLOWED_ORIGIN),
        ],
        &lead,
    );
    assert_eq!(status, 201, "{body}");
    let head = head.to_ascii_lowercase();
    assert!(
        head.contains(&format!("access-control-allow-origin: {ALLOWED_ORIGIN}")),
        "{head}"
    );

    // SIGKILL: no shutdown code runs, nothing is checkpointed or flushed on the way out.
    server.kill();

    let store = LeadStore::open(&db).expect("reopen after kill");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let stored = runtime
        .block_on(store.get(&id))
        .expect("read")
        .expect("the acknowledged lead is in the file");
    assert_eq!(stored.body, lead);
}

#[test]
fn configuration_can_come_from_the_environment() {
    let dir = TempDir::new("env");
    let db = dir.path().join("from-env.sqlite3");
    let mut command = Command::new(env!("CARGO_BIN_EXE_smp-inbox"));
    command
        .env("SMP_INBOX_ADDR", "127.0.0.1:0")
        .env("SMP_INBOX_DB", &db)
        .env(
            "SMP_INBOX_ALLOW_ORIGINS",
            "https://a.example,https://b.example",
        )
        .env_remove("SMP_INBOX_MAX_BODY_BYTES");
    let server = Server::start(&mut command);

    let (status, head, _) = http(
        server.addr,
        "OPTIONS",
        "/v1/leads",
        &[
            ("Origin", "https://b.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    );
    assert_eq!(status, 204);
    assert!(
        head.to_ascii_lowercase()
            .contains("access-control-allow-origin: https://b.example"),
        "{head}"
    );

    let (status, _, _) = http(
        server.addr,
        "OPTIONS",
        "/v1/leads",
        &[
            ("Origin", "https://c.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    );
    assert_eq!(status, 403);
    assert!(db.exists(), "database created where SMP_INBOX_DB points");
}
