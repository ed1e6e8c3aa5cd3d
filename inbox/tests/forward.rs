//! Forwarding: the webhook gets each new lead (photos included, same Idempotency-Key), is
//! retried with backoff when it fails, and is resumed after a kill -9 and restart; the email
//! notification reaches an SMTP sink. Everything on loopback; background work is awaited
//! through channels with timeouts, or polled with a bound.

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use common::*;
use serde_json::Value;
use smp_inbox::forward::{EmailConfig, RetryPolicy, WebhookUrl};
use smp_inbox::{Config, LeadStore, Server};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

const WAIT: Duration = Duration::from_secs(15);

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

/// A fake webhook receiver: answers each request with the next status of `script`, then 200
/// for ever, and reports every request it read on the channel.
async fn fake_webhook(
    listener: TcpListener,
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
            let (tx, script, served) = (tx.clone(), Arc::clone(&script), Arc::clone(&served));
            tokio::spawn(async move {
                let Some(received) =
                    read_request(stream, |n| script.get(n).copied().unwrap_or(200), &served).await
                else {
                    return;
                };
                let _ = tx.send(received);
            });
        }
    });
    rx
}

async fn read_request(
    stream: TcpStream,
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
    let retry_after = if status == 503 {
        "Retry-After: 0\r\n"
    } else {
        ""
    };
    let response = format!(
        "HTTP/1.1 {status} Scripted\r\nContent-Length: 0\r\nConnection: close\r\n{retry_after}\r\n"
    );
    reader.get_mut().write_all(response.as_bytes()).await.ok()?;
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
        initial: Duration::from_millis(20),
        max: Duration::from_millis(200),
        max_attempts: 10,
    }
}

/// Serves `config` in this process until the returned sender is used or dropped.
async fn start(
    config: Config,
) -> (
    SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let server = Server::bind(config).await.expect("bind");
    let addr = server.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        server
            .run(async {
                let _ = stopped.await;
            })
            .await
            .expect("served");
    });
    (addr, stop, task)
}

fn lead_with_photo(n: u32) -> (String, String) {
    let id = lead_id(n);
    let mut lead = sample_lead(&id);
    lead["photos"] = serde_json::json!([photo("front", "image/jpeg", 64, 48, &jpeg(64, 48))]);
    (id, lead.to_string())
}

async fn job_state(db: &std::path::Path, id: &str) -> Option<(String, u32)> {
    let store = LeadStore::open(db).ok()?;
    let jobs = store.jobs_for(id).await.ok()?;
    jobs.first().map(|job| (job.state.clone(), job.attempts))
}

#[tokio::test]
async fn the_webhook_failing_twice_then_succeeding_gets_the_lead_three_times() {
    let hook = TcpListener::bind("127.0.0.1:0").await.expect("bind hook");
    let hook_addr = hook.local_addr().expect("addr");
    let mut received = fake_webhook(hook, vec![500, 503]).await;

    let dir = TempDir::new("webhook");
    let db = dir.path().join("inbox.sqlite3");
    let mut config = Config::new(&db);
    config.forward.webhook =
        Some(WebhookUrl::parse(&format!("http://{hook_addr}/hooks/lead?src=inbox")).expect("url"));
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
        assert_eq!(request.header("host"), Some(hook_addr.to_string().as_str()));
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
        command.args([
            "--forward-webhook",
            &hook_url,
            "--forward-retry-initial-ms",
            "50",
            "--forward-retry-max-secs",
            "1",
        ]);
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

    // Now the receiver is up, and a new inbox on the same file picks the job up.
    let hook = TcpListener::bind(hook_addr)
        .await
        .expect("rebind the hook port");
    let mut received = fake_webhook(hook, vec![]).await;
    let _second = tokio::task::spawn_blocking({
        let mut command = command(&db);
        move || Running::start(&mut command)
    })
    .await
    .expect("restart");
    let request = recv(&mut received, "the resumed delivery").await;
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

#[tokio::test]
async fn a_webhook_that_never_accepts_is_given_up_and_shown() {
    let hook = TcpListener::bind("127.0.0.1:0").await.expect("bind hook");
    let hook_addr = hook.local_addr().expect("addr");
    let _received = fake_webhook(hook, vec![400; 10]).await;
    let dir = TempDir::new("give-up");
    let db = dir.path().join("inbox.sqlite3");
    let mut config = Config::new(&db);
    config.admin_token = Some(ADMIN_TOKEN.into());
    config.forward.webhook = Some(WebhookUrl::parse(&format!("http://{hook_addr}/")).expect("url"));
    config.forward.retry = RetryPolicy {
        max_attempts: 3,
        ..fast_retries()
    };
    let (addr, stop, task) = start(config).await;
    let (id, body) = lead_with_photo(3);
    assert_eq!(
        post_lead_http(addr, &id, &body).await.expect("post").status,
        201
    );
    eventually("the job to be given up", WAIT, || async {
        job_state(&db, &id)
            .await
            .filter(|(state, _)| state == "failed")
    })
    .await;
    // What the lead's desk page shows (tests/desk_leads.rs renders it).
    let store = LeadStore::open(&db).expect("db");
    let jobs = store.jobs_for(&id).await.expect("jobs");
    assert_eq!((jobs[0].state.as_str(), jobs[0].attempts), ("failed", 3));
    let error = jobs[0].last_error.clone().unwrap_or_default();
    assert!(error.contains("400 Bad Request"), "{error}");
    let _ = stop.send(());
    task.await.expect("stopped");
}

// ---------------------------------------------------------------------------------------------
// Email over SMTP.

/// What the SMTP sink accepted.
#[derive(Debug)]
struct Mail {
    mail_from: String,
    rcpt_to: Vec<String>,
    data: String,
}

/// A loopback SMTP sink: speaks the server side of RFC 5321, refusing the first `refuse`
/// transactions with 451 at MAIL FROM, and reports each accepted message.
async fn smtp_sink(refuse: usize) -> (SocketAddr, mpsc::UnboundedReceiver<Mail>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind sink");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = mpsc::unbounded_channel();
    let refused = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (tx, refused) = (tx.clone(), Arc::clone(&refused));
            tokio::spawn(async move {
                let _ = smtp_session(stream, tx, &refused, refuse).await;
            });
        }
    });
    (addr, rx)
}

async fn smtp_session(
    stream: TcpStream,
    tx: mpsc::UnboundedSender<Mail>,
    refused: &AtomicUsize,
    refuse: usize,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink.test ESMTP ready\r\n").await?;
    let mut mail = Mail {
        mail_from: String::new(),
        rcpt_to: Vec::new(),
        data: String::new(),
    };
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end();
        let upper = command.to_ascii_uppercase();
        if upper.starts_with("EHLO ") {
            write
                .write_all(b"250-sink.test greets you\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n")
                .await?;
        } else if let Some(from) = upper.strip_prefix("MAIL FROM:") {
            let _ = from;
            if refused.fetch_add(1, Ordering::SeqCst) < refuse {
                write.write_all(b"451 4.3.0 try again later\r\n").await?;
            } else {
                mail.mail_from = command["MAIL FROM:".len()..].to_string();
                write.write_all(b"250 2.1.0 ok\r\n").await?;
            }
        } else if upper.starts_with("RCPT TO:") {
            mail.rcpt_to.push(command["RCPT TO:".len()..].to_string());
            write.write_all(b"250 2.1.5 ok\r\n").await?;
        } else if upper == "DATA" {
            write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
            loop {
                let mut line = String::new();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" {
                    break;
                }
                // Undo dot-stuffing.
                let line = line.strip_prefix('.').unwrap_or(&line);
                mail.data.push_str(line);
            }
            write.write_all(b"250 2.0.0 queued\r\n").await?;
            let _ = tx.send(std::mem::replace(
                &mut mail,
                Mail {
                    mail_from: String::new(),
                    rcpt_to: Vec::new(),
                    data: String::new(),
                },
            ));
        } else if upper == "QUIT" {
            write.write_all(b"221 2.0.0 bye\r\n").await?;
            return Ok(());
        } else {
            write.write_all(b"500 5.5.1 unknown command\r\n").await?;
        }
    }
}

#[tokio::test]
async fn a_new_lead_is_emailed_through_smtp_and_retried_after_a_451() {
    let (sink, mut mails) = smtp_sink(1).await;
    let dir = TempDir::new("smtp");
    let db = dir.path().join("inbox.sqlite3");
    let mut config = Config::new(&db);
    config.forward.email = EmailConfig::from_parts(
        Some(sink.ip().to_string()),
        sink.port(),
        Some("inbox@northline.example".into()),
        vec![
            "desk@northline.example".into(),
            "owner@northline.example".into(),
        ],
    )
    .expect("valid email config");
    config.forward.retry = fast_retries();
    let (addr, stop, task) = start(config).await;

    let id = lead_id(4);
    let mut lead = sample_lead(&id);
    lead["contact"]["name"] = serde_json::json!("Zoë Ünal");
    lead["contact"]["message"] = serde_json::json!(".\r\nsecret health note");
    let reply = post_lead_http(addr, &id, &lead.to_string())
        .await
        .expect("post");
    assert_eq!(reply.status, 201);

    let mail = recv(&mut mails, "the notification email").await;
    assert_eq!(mail.mail_from, "<inbox@northline.example>");
    assert_eq!(
        mail.rcpt_to,
        ["<desk@northline.example>", "<owner@northline.example>"]
    );
    let (head, body) = mail.data.split_once("\r\n\r\n").expect("head and body");
    assert!(
        head.contains("From: <inbox@northline.example>\r\n"),
        "{head}"
    );
    assert!(
        head.contains("To: <desk@northline.example>, <owner@northline.example>\r\n"),
        "{head}"
    );
    let subject = base64::engine::general_purpose::STANDARD.encode("New lead: Zoë Ünal".as_bytes());
    assert!(
        head.contains(&format!("Subject: =?UTF-8?B?{subject}?=\r\n")),
        "{head}"
    );
    assert!(
        head.contains(&format!("Message-ID: <{id}@smp-inbox>\r\n")),
        "{head}"
    );
    assert!(
        head.contains("Content-Transfer-Encoding: base64\r\n"),
        "{head}"
    );
    let text = base64::engine::general_purpose::STANDARD
        .decode(body.replace("\r\n", ""))
        .expect("base64 body");
    let text = String::from_utf8(text).expect("UTF-8");
    for expected in [
        "Name:              Zoë Ünal\n",
        "Email:             sam.taylor@example.com\n",
        "Phone:             +44 7700 900123\n",
        "Preferred contact: whatsapp\n",
        &format!("Lead id:           {id}\n"),
        &format!("/admin/leads/{id}"),
    ] {
        assert!(text.contains(expected), "missing {expected:?}: {text}");
    }
    assert!(!text.contains("secret health note"), "{text}");
    assert!(!text.contains("keloid"), "{text}");

    let state = eventually("the email job to be done", WAIT, || async {
        job_state(&db, &id)
            .await
            .filter(|(state, _)| state == "done")
    })
    .await;
    assert_eq!(
        state.1, 2,
        "refused once with 451, accepted the second time"
    );
    let _ = stop.send(());
    task.await.expect("stopped");
}
