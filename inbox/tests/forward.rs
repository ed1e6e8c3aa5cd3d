//! Forwarding: the webhook over https (a CA made in the test, trusted through the
//! configuration) gets each new lead signed with HMAC-SHA256, is retried with backoff, is not
//! redirected, and is resumed after a kill -9 and restart; a target down for a simulated week
//! gets the lead when it is back; a job past its lifetime is shown and can be retried by hand;
//! the email goes over STARTTLS or implicit TLS with AUTH, one message per recipient, and a
//! refused recipient does not stop the others. Everything on loopback; background work is
//! awaited through channels with timeouts, or polled with a bound.

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use clap::Parser as _;
use common::tls::TestCa;
use common::*;
use hmac::{Hmac, Mac as _};
use serde_json::Value;
use smp_inbox::clock::ManualClock;
use smp_inbox::forward::{Forwarder, RetryPolicy};
use smp_inbox::{app, Args, Config, FileConfig, LeadStore};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

const WAIT: Duration = Duration::from_secs(15);
const HOOK_SECRET: &str = "wH7kP2mQ9vL4xR8tN1cZ6bY3jF5gD0sA-hook-secret";

/// A request the fake webhook received.
#[derive(Debug)]
struct Received {
    head: String,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// A fake webhook receiver, over TLS when given an acceptor: answers each request with the
/// next status of `script`, then 200 for ever, and reports every request it read.
async fn fake_webhook(
    listener: TcpListener,
    tls: Option<tokio_rustls::TlsAcceptor>,
    script: Vec<u16>,
) -> mpsc::UnboundedReceiver<Received> {
    let (tx, rx) = mpsc::unbounded_channel();
    let script = Arc::new(script);
    let served = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let (tx, script, served, tls) = (
                tx.clone(),
                Arc::clone(&script),
                Arc::clone(&served),
                tls.clone(),
            );
            tokio::spawn(async move {
                let status_for = |n| script.get(n).copied().unwrap_or(200);
                let received = match tls {
                    Some(tls) => match tls.accept(stream).await {
                        Ok(stream) => read_request(stream, status_for, &served).await,
                        Err(_) => None,
                    },
                    None => read_request(stream, status_for, &served).await,
                };
                if let Some(received) = received {
                    let _ = tx.send(received);
                }
            });
        }
    });
    rx
}

async fn read_request<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    status_for: impl Fn(usize) -> u16,
    served: &AtomicUsize,
) -> Option<Received> {
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.ok()?;
    let status = status_for(served.fetch_add(1, Ordering::SeqCst));
    let extra = match status {
        503 => "Retry-After: 0\r\n",
        302 => "Location: http://127.0.0.1:9/elsewhere\r\n",
        _ => "",
    };
    let response = format!(
        "HTTP/1.1 {status} Scripted\r\nContent-Length: 0\r\nConnection: close\r\n{extra}\r\n"
    );
    reader.get_mut().write_all(response.as_bytes()).await.ok()?;
    let _ = reader.get_mut().shutdown().await;
    Some(Received { head, body })
}

async fn recv<T>(rx: &mut mpsc::UnboundedReceiver<T>, what: &str) -> T {
    tokio::time::timeout(WAIT, rx.recv())
        .await
        .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
        .unwrap_or_else(|| panic!("channel closed waiting for {what}"))
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        first_delay_ms: 20,
        max_delay_ms: 200,
    }
}

/// A config as the binary would build it from these file lines, on a free port.
fn config_from(db: &std::path::Path, toml: &str) -> Config {
    let args = Args::try_parse_from(["smp-inbox", "--addr", "127.0.0.1:0"]).expect("args");
    let mut config = args
        .merge(FileConfig::parse(toml).expect("valid TOML"))
        .expect("valid config");
    config.db_path = db.to_path_buf();
    config.database_url = common::postgres_for(db);
    config
}

fn lead_with_photo(n: u32) -> (String, String) {
    let id = lead_id(n);
    let mut lead = sample_lead(&id);
    lead["photos"] = serde_json::json!([photo("front", "image/jpeg", 64, 48, &jpeg(64, 48))]);
    (id, lead.to_string())
}

async fn job_state(db: &std::path::Path, id: &str) -> Option<(String, u32)> {
    let store = common::try_open_db(db)?;
    let jobs = store.jobs_for(id).await.ok()?;
    jobs.first().map(|job| (job.state.clone(), job.attempts))
}

/// Checks `X-SMP-Signature: t=…,v1=…` as a receiver would (the README's recipe).
fn signature_is_valid(header: &str, body: &[u8]) -> bool {
    let mut parts = header.split(',');
    let (Some(t), Some(v1)) = (
        parts.next().and_then(|p| p.strip_prefix("t=")),
        parts.next().and_then(|p| p.strip_prefix("v1=")),
    ) else {
        return false;
    };
    let mut mac = <Hmac<sha2::Sha256>>::new_from_slice(HOOK_SECRET.as_bytes()).expect("key");
    mac.update(t.as_bytes());
    mac.update(b".");
    mac.update(body);
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    expected == v1
}

#[tokio::test]
async fn an_https_webhook_gets_each_lead_signed_and_retried_until_it_accepts() {
    let ca = TestCa::new();
    let hook = TcpListener::bind("127.0.0.1:0").await.expect("bind hook");
    let hook_addr = hook.local_addr().expect("addr");
    let mut received = fake_webhook(hook, Some(ca.acceptor.clone()), vec![500, 503]).await;

    let dir = TempDir::new("webhook");
    let db = dir.path().join("inbox.sqlite3");
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, &ca.ca_pem).expect("write CA");
    let mut config = config_from(
        &db,
        &format!(
            "forward_webhook = \"https://127.0.0.1:{}/hooks/lead?src=inbox\"\n\
             forward_webhook_secret = \"{HOOK_SECRET}\"\n\
             forward_webhook_header = [\"Authorization: Bearer zap-123\"]\n\
             tls_ca_file = \"{}\"\n",
            hook_addr.port(),
            ca_file.display()
        ),
    );
    config.forward.retry = fast_retries();
    let (addr, stop, task) = start(config).await;

    let (id, body) = lead_with_photo(1);
    let reply = post_lead_http(addr, &id, &body).await.expect("post");
    assert_eq!(reply.status, 201, "{}", reply.text());

    let sent: Value = serde_json::from_str(&body).expect("json");
    for attempt in 1..=3 {
        let request = recv(&mut received, &format!("webhook attempt {attempt}")).await;
        assert!(
            request
                .head
                .starts_with("POST /hooks/lead?src=inbox HTTP/1.1\r\n"),
            "{}",
            request.head
        );
        assert_eq!(request.header("idempotency-key"), Some(id.as_str()));
        assert_eq!(request.header("content-type"), Some("application/json"));
        assert_eq!(request.header("authorization"), Some("Bearer zap-123"));
        let signature = request.header("x-smp-signature").expect("signed");
        assert!(signature_is_valid(signature, &request.body), "{signature}");
        let mut tampered = request.body.clone();
        tampered[0] = b' ';
        assert!(!signature_is_valid(signature, &tampered));
        // The lead as it was received, photo data included.
        let forwarded: Value = serde_json::from_slice(&request.body).expect("JSON body");
        assert_eq!(forwarded, sent, "attempt {attempt}");
    }
    let state = eventually("the job to be recorded as done", WAIT, || async {
        job_state(&db, &id)
            .await
            .filter(|(state, _)| state == "done")
    })
    .await;
    assert_eq!(state, ("done".to_string(), 3));

    // A retry of the lead is not forwarded again.
    let again = post_lead_http(addr, &id, &body).await.expect("post");
    assert_eq!(again.status, 200);
    let _ = stop.send(());
    task.await.expect("stopped");
    assert!(received.try_recv().is_err(), "no fourth delivery");
}

#[tokio::test]
async fn a_webhook_with_a_certificate_from_an_unknown_ca_is_not_sent_to() {
    let trusted = TestCa::new();
    let other = TestCa::new();
    let hook = TcpListener::bind("127.0.0.1:0").await.expect("bind hook");
    let hook_addr = hook.local_addr().expect("addr");
    let mut received = fake_webhook(hook, Some(other.acceptor.clone()), vec![]).await;
    let dir = TempDir::new("unknown-ca");
    let db = dir.path().join("inbox.sqlite3");
    let mut config = config_from(
        &db,
        &format!(
            "forward_webhook = \"https://127.0.0.1:{}/\"\nforward_webhook_secret = \"{HOOK_SECRET}\"\n",
            hook_addr.port()
        ),
    );
    config.forward.extra_roots = vec![trusted.ca.clone()];
    config.forward.retry = fast_retries();
    let (addr, stop, task) = start(config).await;
    let (id, body) = lead_with_photo(5);
    assert_eq!(
        post_lead_http(addr, &id, &body).await.expect("post").status,
        201
    );
    let store = common::open_db(&db);
    let error = eventually("a failed attempt", WAIT, || async {
        let jobs = store.jobs_for(&id).await.ok()?;
        jobs.first()?.last_error.clone()
    })
    .await;
    assert!(error.to_lowercase().contains("certificate"), "{error}");
    assert!(received.try_recv().is_err(), "nothing was sent to it");
    let _ = stop.send(());
    task.await.expect("stopped");
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let hook = TcpListener::bind("127.0.0.1:0").await.expect("bind hook");
    let hook_addr = hook.local_addr().expect("addr");
    let mut received = fake_webhook(hook, None, vec![302; 100]).await;
    let dir = TempDir::new("redirect");
    let db = dir.path().join("inbox.sqlite3");
    let mut config = config_from(
        &db,
        &format!(
            "forward_webhook = \"http://127.0.0.1:{}/hook\"\nforward_webhook_secret = \"{HOOK_SECRET}\"\n",
            hook_addr.port()
        ),
    );
    config.forward.retry = RetryPolicy {
        first_delay_ms: 60_000,
        max_delay_ms: 60_000,
    };
    let (addr, stop, task) = start(config).await;
    let (id, body) = lead_with_photo(6);
    assert_eq!(
        post_lead_http(addr, &id, &body).await.expect("post").status,
        201
    );
    let first = recv(&mut received, "the first attempt").await;
    assert!(first.head.starts_with("POST /hook "), "{}", first.head);
    let store = common::open_db(&db);
    let error = eventually("the attempt to be recorded", WAIT, || async {
        let jobs = store.jobs_for(&id).await.ok()?;
        let job = jobs.first()?;
        (job.state == "pending")
            .then(|| job.last_error.clone())
            .flatten()
    })
    .await;
    assert!(
        error.contains("302") && error.contains("redirects are not followed"),
        "{error}"
    );
    let _ = stop.send(());
    task.await.expect("stopped");
    assert!(
        received.try_recv().is_err(),
        "the redirect target got nothing"
    );
}

#[tokio::test]
async fn a_pending_forward_resumes_after_kill_9_and_restart() {
    // A port with nothing listening yet: the first inbox cannot deliver.
    let hook_addr = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("probe");
        probe.local_addr().expect("addr")
    };
    let dir = TempDir::new("resume");
    let db = dir.path().join("inbox.sqlite3");
    let hook_url = format!("http://{hook_addr}/hook");
    let command = |db: &std::path::Path| {
        let mut command = binary(db);
        command
            .args([
                "--forward-webhook",
                &hook_url,
                "--forward-retry-initial-ms",
                "50",
                "--forward-retry-max-secs",
                "1",
            ])
            .env("SMP_INBOX_FORWARD_WEBHOOK_SECRET", HOOK_SECRET);
        command
    };

    let mut first = tokio::task::spawn_blocking({
        let mut command = command(&db);
        move || Running::start(&mut command)
    })
    .await
    .expect("start");
    let (id, body) = lead_with_photo(2);
    let reply = post_lead_http(first.addr, &id, &body).await.expect("post");
    assert_eq!(reply.status, 201);
    let attempts = eventually("a failed delivery attempt", WAIT, || async {
        job_state(&db, &id)
            .await
            .filter(|(_, attempts)| *attempts >= 1)
    })
    .await;
    assert_eq!(attempts.0, "pending");
    first.kill();

    // Now the receiver is up, and a new inbox on the same file picks the job up (once the
    // killed one's lease on it, if it held one, has run out).
    let hook = TcpListener::bind(hook_addr)
        .await
        .expect("rebind the hook port");
    let mut received = fake_webhook(hook, None, vec![]).await;
    let _second = tokio::task::spawn_blocking({
        let mut command = command(&db);
        command.args(["--forward-timeout-secs", "1"]);
        move || Running::start(&mut command)
    })
    .await
    .expect("restart");
    let request = tokio::time::timeout(Duration::from_secs(90), received.recv())
        .await
        .expect("the resumed delivery")
        .expect("channel open");
    assert_eq!(request.header("idempotency-key"), Some(id.as_str()));
    let forwarded: Value = serde_json::from_slice(&request.body).expect("JSON");
    assert_eq!(
        forwarded,
        serde_json::from_str::<Value>(&body).expect("json")
    );
    eventually("the job to be done", WAIT, || async {
        job_state(&db, &id)
            .await
            .filter(|(state, _)| state == "done")
    })
    .await;
}

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

/// An inbox on `db` whose forwarder reads `clock`: the router to post to and the forwarder to
/// drive. No background task: the test decides when attempts happen.
async fn simulated(
    db: &std::path::Path,
    hook_port: u16,
    lifetime_days: u32,
    clock: Arc<ManualClock>,
) -> (axum::Router, Forwarder, LeadStore) {
    let config = config_from(
        db,
        &format!(
            "forward_webhook = \"http://127.0.0.1:{hook_port}/hook\"\n\
             forward_webhook_secret = \"{HOOK_SECRET}\"\n\
             forward_lifetime_days = {lifetime_days}\n\
             forward_timeout_secs = 2\n"
        ),
    );
    let store = common::open_db(db);
    // One clock for forwarding and the desk (a retry by hand is due at the desk's now), as
    // `Server::bind_with_clock` sets up.
    let state = test_state(store.clone())
        .with_forwarding(config.forward.targets(), Arc::default())
        .with_desk(smp_inbox::desk::DeskConfig {
            clock: clock.clone(),
            ..smp_inbox::desk::DeskConfig::default()
        });
    let forwarder = Forwarder::with_clock(store.clone(), config.forward, clock).expect("forwarder");
    (app(state), forwarder, store)
}

/// Moves the clock to the next due attempt and runs it; false once nothing is pending.
async fn next_attempt(clock: &ManualClock, store: &LeadStore, forwarder: &Forwarder) -> bool {
    let Some(due) = store.next_job_due_ms().await.expect("due") else {
        return false;
    };
    clock.set(due.max(smp_inbox::clock::Clock::now_ms(clock)));
    forwarder.run_due().await;
    true
}

#[tokio::test]
async fn a_target_down_for_a_simulated_week_gets_the_lead_when_it_is_back() {
    let clock = Arc::new(ManualClock::new(smp_inbox::clock::now_unix_ms()));
    let start = smp_inbox::clock::Clock::now_ms(&*clock);
    // Nothing listens on this port for the whole simulated week.
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("probe");
        probe.local_addr().expect("addr").port()
    };
    let dir = TempDir::new("week");
    let db = dir.path().join("inbox.sqlite3");
    let (router, forwarder, store) = simulated(&db, port, 14, Arc::clone(&clock)).await;
    let id = lead_id(7);
    let reply = send(&router, post_lead(&sample_lead(&id))).await;
    assert_eq!(reply.status, 201, "{}", reply.body);

    while smp_inbox::clock::Clock::now_ms(&*clock) < start + 7 * DAY {
        assert!(
            next_attempt(&clock, &store, &forwarder).await,
            "still pending"
        );
    }
    let job = store.jobs_for(&id).await.expect("jobs").remove(0);
    assert_eq!(job.state, "pending", "not given up after a week");
    assert!(
        job.last_error.as_deref().unwrap_or("").contains("failed"),
        "{job:?}"
    );
    // Backoff capped at an hour: about a dozen quick attempts, then one an hour.
    assert!(
        (170..=200).contains(&job.attempts),
        "{} attempts",
        job.attempts
    );

    // The target is back.
    let hook = TcpListener::bind(("127.0.0.1", port)).await.expect("bind");
    let mut received = fake_webhook(hook, None, vec![]).await;
    assert!(next_attempt(&clock, &store, &forwarder).await);
    let request = recv(&mut received, "the delivery after a week").await;
    assert_eq!(request.header("idempotency-key"), Some(id.as_str()));
    let job = store.jobs_for(&id).await.expect("jobs").remove(0);
    assert_eq!(job.state, "done");
    assert!(
        !next_attempt(&clock, &store, &forwarder).await,
        "nothing left"
    );
}

#[tokio::test]
async fn a_forward_past_its_lifetime_is_shown_and_can_be_retried_by_hand() {
    let clock = Arc::new(ManualClock::new(smp_inbox::clock::now_unix_ms()));
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("probe");
        probe.local_addr().expect("addr").port()
    };
    let dir = TempDir::new("lifetime");
    let db = dir.path().join("inbox.sqlite3");
    let (router, forwarder, store) = simulated(&db, port, 2, Arc::clone(&clock)).await;
    let id = lead_id(8);
    assert_eq!(
        send(&router, post_lead(&sample_lead(&id))).await.status,
        201
    );
    while next_attempt(&clock, &store, &forwarder).await {}
    let job = store.jobs_for(&id).await.expect("jobs").remove(0);
    assert_eq!(job.state, "failed");
    let elapsed = smp_inbox::clock::Clock::now_ms(&*clock) - smp_inbox::clock::now_unix_ms();
    assert!(
        (2 * DAY..2 * DAY + 2 * HOUR).contains(&elapsed),
        "{elapsed}"
    );

    // Visible to the clinic's systems as JSON (the desk's page, behind its login, is tested
    // in tests/desk_leads.rs).
    let list = send(&router, get("/v1/forwards?state=failed")).await;
    assert_eq!(list.status, 200, "{}", list.body);
    let json = list.json();
    assert_eq!(json["counts"]["failed"], 1);
    assert_eq!(json["jobs"][0]["lead_id"], id.as_str());
    assert!(json["jobs"][0]["last_error"]
        .as_str()
        .unwrap_or("")
        .contains("127.0.0.1"));
    assert_eq!(
        send(&router, get_anonymous("/v1/forwards")).await.status,
        401
    );
    // The API token does not open the desk's page: that needs a person's session.
    let page = send(&router, get("/admin/forwards")).await;
    assert_eq!(page.status, 303, "{}", page.body);

    // Retried by hand once the target is back: delivered, and recorded in the audit log.
    let hook = TcpListener::bind(("127.0.0.1", port)).await.expect("bind");
    let mut received = fake_webhook(hook, None, vec![]).await;
    let retry = axum::http::Request::post(format!("/v1/forwards/{}/retry", job.id))
        .header("authorization", format!("Bearer {ADMIN_TOKEN}"))
        .body(axum::body::Body::empty())
        .expect("request");
    let retried = send(&router, retry).await;
    assert_eq!(retried.status, 200, "{}", retried.body);
    assert_eq!(retried.json()["state"], "pending");
    forwarder.run_due().await;
    recv(&mut received, "the delivery retried by hand").await;
    assert_eq!(store.jobs_for(&id).await.expect("jobs")[0].state, "done");
    let history = store.lead_history(&id).await.expect("history");
    assert!(
        history
            .iter()
            .any(|e| e.user == "api" && e.action == "forward_retry" && e.detail == "webhook"),
        "{history:?}"
    );
    let missing = axum::http::Request::post("/v1/forwards/999999/retry")
        .header("authorization", format!("Bearer {ADMIN_TOKEN}"))
        .body(axum::body::Body::empty())
        .expect("request");
    assert_eq!(send(&router, missing).await.status, 404);

    // The desk's button is not reachable with the API token, and never from another site.
    let cross_site = axum::http::Request::post(format!("/admin/forwards/{}/retry", job.id))
        .header("authorization", format!("Bearer {ADMIN_TOKEN}"))
        .header("sec-fetch-site", "cross-site")
        .body(axum::body::Body::empty())
        .expect("request");
    assert_eq!(send(&router, cross_site).await.status, 403);
}

// ---------------------------------------------------------------------------------------------
// Email over SMTP with TLS and AUTH.

/// What the SMTP fake accepted.
#[derive(Debug)]
struct Mail {
    rcpt_to: Vec<String>,
    data: String,
    authenticated_as: String,
}

const SMTP_USER: &str = "inbox@northline.example";
const SMTP_PASSWORD: &str = "app password 42";

/// A loopback SMTP server that requires TLS (STARTTLS, or implicit TLS with `implicit`) and
/// AUTH PLAIN before MAIL, refuses `nobody@…` recipients with 550, and reports each message.
async fn smtp_server(ca: &TestCa, implicit: bool) -> (SocketAddr, mpsc::UnboundedReceiver<Mail>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = mpsc::unbounded_channel();
    let acceptor = ca.acceptor.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (tx, acceptor) = (tx.clone(), acceptor.clone());
            tokio::spawn(async move {
                if implicit {
                    let Ok(tls) = acceptor.accept(stream).await else {
                        return;
                    };
                    let _ = dialogue(tls, true, true, &tx).await;
                } else if let Ok(Some(plain)) = dialogue(stream, false, true, &tx).await {
                    let Ok(tls) = acceptor.accept(plain).await else {
                        return;
                    };
                    let _ = dialogue(tls, true, false, &tx).await;
                }
            });
        }
    });
    (addr, rx)
}

/// One SMTP session; returns the stream when the client asks for STARTTLS.
async fn dialogue<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    secure: bool,
    greet: bool,
    tx: &mpsc::UnboundedSender<Mail>,
) -> std::io::Result<Option<S>> {
    let mut io = BufReader::new(stream);
    if greet {
        io.get_mut().write_all(b"220 mail.test ESMTP\r\n").await?;
    }
    let (mut user, mut rcpt) = (None::<String>, Vec::new());
    loop {
        let mut line = String::new();
        if io.read_line(&mut line).await? == 0 {
            return Ok(None);
        }
        let command = line.trim_end().to_string();
        let upper = command.to_ascii_uppercase();
        let reply: String = if upper.starts_with("EHLO ") {
            if secure {
                "250-mail.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n".into()
            } else {
                "250-mail.test\r\n250 STARTTLS\r\n".into()
            }
        } else if upper == "STARTTLS" && !secure {
            io.get_mut().write_all(b"220 go ahead\r\n").await?;
            return Ok(Some(io.into_inner()));
        } else if let Some(rest) = upper.strip_prefix("AUTH PLAIN") {
            let _ = rest;
            let encoded = command["AUTH PLAIN".len()..].trim();
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .unwrap_or_default();
            let parts: Vec<&[u8]> = decoded.split(|b| *b == 0).collect();
            if secure
                && parts.len() == 3
                && parts[1] == SMTP_USER.as_bytes()
                && parts[2] == SMTP_PASSWORD.as_bytes()
            {
                user = Some(SMTP_USER.into());
                "235 2.7.0 ok".into()
            } else {
                "535 5.7.8 bad credentials".into()
            }
        } else if upper.starts_with("MAIL FROM:") {
            if user.is_none() {
                "530 5.7.0 authentication required".into()
            } else {
                rcpt.clear();
                "250 ok".into()
            }
        } else if upper.starts_with("RCPT TO:") {
            if upper.contains("NOBODY@") {
                "550 5.1.1 no such user here".into()
            } else {
                rcpt.push(command["RCPT TO:".len()..].trim().to_string());
                "250 ok".into()
            }
        } else if upper == "DATA" {
            io.get_mut().write_all(b"354 go on\r\n").await?;
            let mut data = String::new();
            loop {
                let mut line = String::new();
                if io.read_line(&mut line).await? == 0 {
                    return Ok(None);
                }
                if line == ".\r\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            let _ = tx.send(Mail {
                rcpt_to: std::mem::take(&mut rcpt),
                data,
                authenticated_as: user.clone().unwrap_or_default(),
            });
            "250 2.0.0 queued".into()
        } else if upper == "QUIT" {
            io.get_mut().write_all(b"221 bye\r\n").await?;
            return Ok(None);
        } else if upper == "RSET" || upper == "NOOP" {
            "250 ok".into()
        } else {
            "502 5.5.2 not here".into()
        };
        let reply = if reply.ends_with("\r\n") {
            reply
        } else {
            format!("{reply}\r\n")
        };
        io.get_mut().write_all(reply.as_bytes()).await?;
    }
}

/// Undoes quoted-printable (soft line breaks and `=XX`), enough to read the parts' text.
fn quoted_printable_decode(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn email_case(implicit: bool, n: u32) {
    let ca = TestCa::new();
    let (server, mut mails) = smtp_server(&ca, implicit).await;
    let dir = TempDir::new("smtp");
    let db = dir.path().join("inbox.sqlite3");
    let mut config = config_from(
        &db,
        &format!(
            "smtp_host = \"127.0.0.1\"\nsmtp_port = {}\nsmtp_security = \"{}\"\n\
             smtp_username = \"{SMTP_USER}\"\nsmtp_password = \"{SMTP_PASSWORD}\"\n\
             smtp_from = \"inbox@northline.example\"\n\
             notify_email = [\"desk@northline.example\", \"nobody@northline.example\", \"owner@northline.example\"]\n\
             public_url = \"https://leads.northline.example/\"\nlanguage = \"es\"\n",
            server.port(),
            if implicit { "tls" } else { "starttls" }
        ),
    );
    config.forward.extra_roots = vec![ca.ca.clone()];
    config.forward.retry = RetryPolicy {
        first_delay_ms: 60_000,
        max_delay_ms: 60_000,
    };
    let (addr, stop, task) = start(config).await;

    let id = lead_id(n);
    let mut lead = sample_lead(&id);
    lead["contact"]["name"] = serde_json::json!(
        "Zoë Ünal-Çelik, a name long enough that its header is folded by the library"
    );
    lead["contact"]["message"] = serde_json::json!(".\r\nsecret health note");
    let reply = post_lead_http(addr, &id, &lead.to_string())
        .await
        .expect("post");
    assert_eq!(reply.status, 201, "{}", reply.text());

    let mut got = [
        recv(&mut mails, "the first email").await,
        recv(&mut mails, "the second email").await,
    ];
    got.sort_by(|a, b| a.rcpt_to.cmp(&b.rcpt_to));
    assert_eq!(got[0].rcpt_to, ["<desk@northline.example>"]);
    assert_eq!(got[1].rcpt_to, ["<owner@northline.example>"]);
    let mail = &got[0];
    assert_eq!(mail.authenticated_as, SMTP_USER);
    let (head, body) = mail.data.split_once("\r\n\r\n").expect("head and body");
    assert!(head.contains("From: inbox@northline.example\r\n"), "{head}");
    assert!(head.contains("To: desk@northline.example\r\n"), "{head}");
    // Encoded (RFC 2047) and folded: no header line longer than 78 characters.
    assert!(head.contains("Subject: Nuevo contacto: =?utf-8?"), "{head}");
    assert!(head.lines().all(|l| l.len() <= 78), "{head}");
    assert!(!head.contains("keloid"), "{head}");
    assert!(head.contains("multipart/alternative"), "{head}");
    assert!(
        body.contains("text/plain") && body.contains("text/html"),
        "{body}"
    );
    let body = quoted_printable_decode(body);
    let link = format!("https://leads.northline.example/admin/leads/{id}");
    assert!(
        body.contains(&format!("Abrir el contacto: {link}")),
        "{body}"
    );
    assert!(body.contains(&format!("href=\"{link}\"")), "{body}");
    assert!(
        body.contains("Nombre:              Zoë Ünal-Çelik"),
        "{body}"
    );
    assert!(body.contains("Abrir el contacto"), "{body}");
    assert!(!body.contains("secret health note"), "{body}");
    assert!(!body.contains("keloid"), "{body}");

    // One result per recipient: two delivered, the refused one pending with the server's word.
    let store = common::open_db(&db);
    let jobs = eventually("all three attempts recorded", WAIT, || async {
        let jobs = store.jobs_for(&id).await.ok()?;
        jobs.iter()
            .all(|j| j.attempts >= 1 && j.state != "pending" || j.last_error.is_some())
            .then_some(jobs)
    })
    .await;
    let state_of = |to: &str| {
        let job = jobs.iter().find(|j| j.target == to).expect("job");
        (
            job.state.clone(),
            job.last_error.clone().unwrap_or_default(),
        )
    };
    assert_eq!(state_of("desk@northline.example").0, "done");
    assert_eq!(state_of("owner@northline.example").0, "done");
    let (state, error) = state_of("nobody@northline.example");
    assert_eq!(state, "pending");
    assert!(
        error.contains("550") && error.contains("no such user"),
        "{error}"
    );
    let _ = stop.send(());
    task.await.expect("stopped");
}

#[tokio::test]
async fn email_over_starttls_with_auth_reaches_every_recipient_but_the_refused_one() {
    email_case(false, 40).await;
}

#[tokio::test]
async fn email_over_implicit_tls_with_auth_reaches_every_recipient_but_the_refused_one() {
    email_case(true, 41).await;
}

/// Two clinics on one inbox, one from the config file's `[[clinic]]`: each lead goes to its
/// own clinic's webhook and only there, whatever its body says, and a hook that fails at
/// first gets it on a retry.
#[tokio::test]
async fn each_clinics_lead_goes_to_its_own_webhook_only() {
    let default_hook = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let alpha_hook = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let (default_port, alpha_port) = (
        default_hook.local_addr().expect("addr").port(),
        alpha_hook.local_addr().expect("addr").port(),
    );
    let mut to_default = fake_webhook(default_hook, None, vec![]).await;
    let mut to_alpha = fake_webhook(alpha_hook, None, vec![500]).await;
    let dir = TempDir::new("clinic-hooks");
    let db = dir.path().join("inbox.sqlite3");
    let mut config = config_from(
        &db,
        &format!(
            "forward_webhook = \"http://127.0.0.1:{default_port}/default\"\n\
             forward_webhook_secret = \"{HOOK_SECRET}\"\n\
             [[clinic]]\n\
             id = \"alpha\"\n\
             allow_origin = [\"https://alpha.example\"]\n\
             forward_webhook = \"http://127.0.0.1:{alpha_port}/alpha\"\n\
             forward_webhook_secret = \"{HOOK_SECRET}\"\n"
        ),
    );
    config.forward.retry = fast_retries();
    let (addr, stop, task) = start(config).await;

    let alpha_id = lead_id(71);
    let mut alpha_lead = common::sample_lead(&alpha_id);
    alpha_lead["clinic"] = serde_json::json!("default");
    let reply = http(
        addr,
        "POST",
        "/v1/clinics/alpha/leads",
        &[("Content-Type", "application/json")],
        alpha_lead.to_string().as_bytes(),
    )
    .await
    .expect("post");
    assert_eq!(reply.status, 201, "{}", reply.text());
    let default_id = lead_id(72);
    let body = common::sample_lead(&default_id).to_string();
    let reply = post_lead_http(addr, &default_id, &body)
        .await
        .expect("post");
    assert_eq!(reply.status, 201, "{}", reply.text());

    // Alpha's hook: a 500 first, then the lead again; the default's hook: its own lead.
    for attempt in 1..=2 {
        let got = recv(
            &mut to_alpha,
            &format!("alpha's webhook, attempt {attempt}"),
        )
        .await;
        assert!(got.head.starts_with("POST /alpha "), "{}", got.head);
        let sent: Value = serde_json::from_slice(&got.body).expect("json");
        assert_eq!(sent["id"], alpha_id.as_str());
    }
    let got = recv(&mut to_default, "the default webhook").await;
    let sent: Value = serde_json::from_slice(&got.body).expect("json");
    assert_eq!(sent["id"], default_id.as_str());
    // Both delivered once: nothing more reaches either hook.
    let store = common::open_db(&db);
    eventually("both jobs done", WAIT, || async {
        let (jobs, _) = store
            .job_page(smp_inbox::store::Scope::All, Some("done".into()), None, 10)
            .await
            .expect("jobs");
        (jobs.len() == 2).then_some(())
    })
    .await;
    assert!(to_default.try_recv().is_err() && to_alpha.try_recv().is_err());
    let _ = stop.send(());
    task.await.expect("stopped");
}

/// A clinic's lead is mailed to that clinic's recipients only, in that clinic's language,
/// through the inbox's SMTP server; the default clinic's recipients hear nothing of it.
#[tokio::test]
async fn a_clinics_lead_is_mailed_to_its_recipients_in_its_language() {
    let ca = TestCa::new();
    let (server, mut mails) = smtp_server(&ca, false).await;
    let dir = TempDir::new("smtp-clinic");
    let db = dir.path().join("inbox.sqlite3");
    let mut config = config_from(
        &db,
        &format!(
            "smtp_host = \"127.0.0.1\"\nsmtp_port = {}\nsmtp_security = \"starttls\"\n\
             smtp_username = \"{SMTP_USER}\"\nsmtp_password = \"{SMTP_PASSWORD}\"\n\
             smtp_from = \"inbox@agency.example\"\n\
             notify_email = [\"desk@northline.example\"]\n\
             public_url = \"https://leads.agency.example/\"\nlanguage = \"es\"\n\
             [[clinic]]\nid = \"paris\"\nlanguage = \"fr\"\n\
             notify_email = [\"accueil@paris.example\"]\n",
            server.port(),
        ),
    );
    config.forward.extra_roots = vec![ca.ca.clone()];
    let (addr, stop, task) = start(config).await;

    let id = lead_id(81);
    let reply = http(
        addr,
        "POST",
        "/v1/clinics/paris/leads",
        &[("Content-Type", "application/json")],
        sample_lead(&id).to_string().as_bytes(),
    )
    .await
    .expect("post");
    assert_eq!(reply.status, 201, "{}", reply.text());
    let mail = recv(&mut mails, "the clinic's email").await;
    assert_eq!(mail.rcpt_to, ["<accueil@paris.example>"]);
    let (head, _) = mail.data.split_once("\r\n\r\n").expect("head and body");
    assert!(head.contains("Subject: Nouveau contact"), "{head}");
    let store = common::open_db(&db);
    let jobs = eventually("the job done", WAIT, || async {
        let jobs = store.jobs_for(&id).await.ok()?;
        jobs.iter().all(|j| j.state == "done").then_some(jobs)
    })
    .await;
    assert_eq!(jobs.len(), 1, "one recipient: the clinic's");
    assert!(
        mails.try_recv().is_err(),
        "nothing to the default clinic's desk"
    );
    let _ = stop.send(());
    task.await.expect("stopped");
}
