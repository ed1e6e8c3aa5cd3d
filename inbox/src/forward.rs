//! Forwarding stored leads: a webhook POST and an email notification, each retried with
//! exponential backoff from the durable `outbox` table.
//!
//! A lead's forwarding jobs are written in the same transaction as the lead, so a lead that
//! was acknowledged is also due to be forwarded, whatever happens next. One background task
//! per kind (webhook, email) takes the due jobs, tries them, and records the result; after a
//! restart it simply finds the jobs still pending. Delivery is at least once: the webhook
//! gets the lead's `Idempotency-Key` so the receiver can drop a repeat (a crash between the
//! receiver's answer and recording it means one more attempt).
//!
//! The webhook client is hyper's HTTP/1.1 client connection, one connection per attempt:
//! hyper is already in the binary for the server, so this adds only two tiny crates (`want`,
//! `try-lock`), and a lead or two an hour needs no pool. There is no TLS, so only `http://` URLs are accepted (point it at a
//! relay on the same machine or network); TLS would mean a TLS stack and root certificates,
//! several times the size of everything else here.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::body::Bytes;
use axum::http::{header, Request, StatusCode, Uri};
use http_body_util::Full;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::clock;
use crate::lead::is_email;
use crate::smtp::{self, Email};
use crate::store::{LeadStore, OutboxJob, OutboxKind};

/// How failed forwards are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Delay after the first failure; doubles after each further one.
    pub initial: Duration,
    /// Longest delay between two attempts.
    pub max: Duration,
    /// Attempts before the job is marked failed.
    pub max_attempts: u32,
}

impl RetryPolicy {
    /// The delay after `attempts` failed attempts (1 = after the first).
    pub fn delay(&self, attempts: u32) -> Duration {
        let doublings = attempts.saturating_sub(1).min(30);
        self.initial.saturating_mul(1u32 << doublings).min(self.max)
    }
}

/// An `http://` webhook URL, taken apart for connecting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookUrl {
    host: String,
    port: u16,
    authority: String,
    path_and_query: String,
}

impl WebhookUrl {
    /// Parses and checks a `--forward-webhook` value.
    pub fn parse(url: &str) -> Result<Self, String> {
        let bad = |why: &str| format!("--forward-webhook {url:?} {why}");
        let uri: Uri = url
            .trim()
            .parse()
            .map_err(|_| bad("is not a URL like http://127.0.0.1:9000/hook"))?;
        match uri.scheme_str() {
            Some("http") => {}
            Some("https") => {
                return Err(bad(
                    "uses https, which this inbox cannot send yet (it has no TLS client): \
                     use an http:// URL on this machine or a trusted network, e.g. a relay",
                ))
            }
            _ => return Err(bad("is not a URL like http://127.0.0.1:9000/hook")),
        }
        let authority = uri
            .authority()
            .ok_or_else(|| bad("has no host"))?
            .as_str()
            .to_string();
        if authority.contains('@') {
            return Err(bad("must not carry a user name or password"));
        }
        let host = uri
            .host()
            .ok_or_else(|| bad("has no host"))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        Ok(Self {
            host,
            port: uri.port_u16().unwrap_or(80),
            authority,
            path_and_query: uri
                .path_and_query()
                .map_or_else(|| "/".to_string(), |p| p.as_str().to_string()),
        })
    }
}

impl std::fmt::Display for WebhookUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "http://{}{}", self.authority, self.path_and_query)
    }
}

/// Where and to whom notification emails go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailConfig {
    /// SMTP server host.
    pub host: String,
    /// SMTP server port.
    pub port: u16,
    /// Sender address.
    pub from: String,
    /// Recipients.
    pub to: Vec<String>,
}

impl EmailConfig {
    /// Checks the SMTP options together: none of them, or host, sender and recipients.
    pub fn from_parts(
        host: Option<String>,
        port: u16,
        from: Option<String>,
        to: Vec<String>,
    ) -> Result<Option<Self>, String> {
        let (host, from) = match (host, from, to.is_empty()) {
            (None, None, true) => return Ok(None),
            (Some(host), Some(from), false) => (host, from),
            (None, _, _) => {
                return Err("email notification needs --smtp-host, --smtp-from and \
                            --notify-email together: --smtp-host is missing"
                    .into())
            }
            (_, None, _) => {
                return Err("email notification needs --smtp-host, --smtp-from and \
                            --notify-email together: --smtp-from is missing"
                    .into())
            }
            (_, _, true) => {
                return Err("email notification needs --smtp-host, --smtp-from and \
                            --notify-email together: --notify-email is missing"
                    .into())
            }
        };
        let plain = |address: &str| is_email(address) && !address.contains(['<', '>', ',', '"']);
        if !plain(&from) {
            return Err(format!("--smtp-from {from:?} is not an email address"));
        }
        if let Some(bad) = to.iter().find(|address| !plain(address)) {
            return Err(format!("--notify-email {bad:?} is not an email address"));
        }
        Ok(Some(Self {
            host,
            port,
            from,
            to,
        }))
    }
}

/// All forwarding settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardConfig {
    /// POST each new lead here.
    pub webhook: Option<WebhookUrl>,
    /// Email a notification of each new lead.
    pub email: Option<EmailConfig>,
    /// Retries.
    pub retry: RetryPolicy,
    /// Time allowed for one attempt.
    pub timeout: Duration,
}

impl ForwardConfig {
    /// The jobs to queue for each new lead.
    pub fn kinds(&self) -> Vec<OutboxKind> {
        let mut kinds = Vec::new();
        if self.webhook.is_some() {
            kinds.push(OutboxKind::Webhook);
        }
        if self.email.is_some() {
            kinds.push(OutboxKind::Email);
        }
        kinds
    }
}

/// Wakes the forwarding tasks when a lead is stored, so a job does not wait for the next poll.
#[derive(Debug, Default)]
pub struct Wake {
    webhook: Notify,
    email: Notify,
}

impl Wake {
    /// Tells the tasks for these kinds that there is new work.
    pub fn notify(&self, kinds: &[OutboxKind]) {
        for kind in kinds {
            self.get(*kind).notify_one();
        }
    }

    fn get(&self, kind: OutboxKind) -> &Notify {
        match kind {
            OutboxKind::Webhook => &self.webhook,
            OutboxKind::Email => &self.email,
        }
    }
}

/// Longest time a forwarding task sleeps before looking at the outbox again, in case a job
/// was added without a wake-up (e.g. by another process writing to the file).
const POLL: Duration = Duration::from_secs(30);

/// Starts one background task per configured kind. They run until aborted.
pub fn spawn(store: LeadStore, config: ForwardConfig, wake: Arc<Wake>) -> Vec<JoinHandle<()>> {
    let config = Arc::new(config);
    config
        .kinds()
        .into_iter()
        .map(|kind| {
            let (store, config, wake) = (store.clone(), Arc::clone(&config), Arc::clone(&wake));
            tokio::spawn(async move { run(store, config, wake, kind).await })
        })
        .collect()
}

async fn run(store: LeadStore, config: Arc<ForwardConfig>, wake: Arc<Wake>, kind: OutboxKind) {
    loop {
        let now = clock::now_unix_ms();
        let jobs = match store.due_jobs(kind, now, 16).await {
            Ok(jobs) => jobs,
            Err(err) => {
                eprintln!("smp-inbox: forwarding ({}): {err}", kind.as_str());
                Vec::new()
            }
        };
        if jobs.is_empty() {
            let next = store.next_due_ms(kind).await.ok().flatten();
            let wait = next.map_or(POLL, |at| {
                Duration::from_millis(u64::try_from(at - now).unwrap_or(0)).min(POLL)
            });
            tokio::select! {
                () = wake.get(kind).notified() => {}
                () = tokio::time::sleep(wait) => {}
            }
            continue;
        }
        for job in jobs {
            attempt(&store, &config, kind, job).await;
        }
    }
}

/// A failed attempt: what went wrong and, if the receiver said, when to come back.
#[derive(Debug)]
struct Failure {
    message: String,
    retry_after: Option<Duration>,
}

impl Failure {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            retry_after: None,
        }
    }
}

async fn attempt(store: &LeadStore, config: &ForwardConfig, kind: OutboxKind, job: OutboxJob) {
    let attempts = job.attempts + 1;
    let result = match kind {
        OutboxKind::Webhook => match &config.webhook {
            Some(url) => deliver_webhook(store, url, &job.lead_id, config.timeout).await,
            None => return,
        },
        OutboxKind::Email => match &config.email {
            Some(email) => deliver_email(store, email, &job.lead_id, config.timeout).await,
            None => return,
        },
    };
    let recorded = match result {
        Ok(()) => store.job_done(job.id, attempts).await,
        Err(failure) if attempts >= config.retry.max_attempts => {
            eprintln!(
                "smp-inbox: giving up forwarding lead {} by {} after {attempts} attempts: {}",
                job.lead_id,
                kind.as_str(),
                failure.message
            );
            store
                .job_failed(job.id, attempts, None, failure.message)
                .await
        }
        Err(failure) => {
            let delay = config
                .retry
                .delay(attempts)
                .max(failure.retry_after.unwrap_or_default())
                .min(config.retry.max);
            eprintln!(
                "smp-inbox: forwarding lead {} by {} failed (attempt {attempts}), retrying in \
                 {:.1} s: {}",
                job.lead_id,
                kind.as_str(),
                delay.as_secs_f64(),
                failure.message
            );
            let next = clock::now_unix_ms()
                .saturating_add(i64::try_from(delay.as_millis()).unwrap_or(i64::MAX));
            store
                .job_failed(job.id, attempts, Some(next), failure.message)
                .await
        }
    };
    if let Err(err) = recorded {
        // The job stays as it was and is tried again: at least once, never lost.
        eprintln!("smp-inbox: could not record a forwarding result: {err}");
    }
}

async fn deliver_webhook(
    store: &LeadStore,
    url: &WebhookUrl,
    lead_id: &str,
    timeout: Duration,
) -> Result<(), Failure> {
    let body = store
        .full_body(lead_id)
        .await
        .map_err(|e| Failure::new(e.to_string()))?
        .ok_or_else(|| Failure::new("the lead is no longer in the database"))?;
    match tokio::time::timeout(timeout, post(url, lead_id, body)).await {
        Ok(result) => result,
        Err(_) => Err(Failure::new(format!(
            "no answer from {url} within {} s",
            timeout.as_secs_f64()
        ))),
    }
}

async fn post(url: &WebhookUrl, lead_id: &str, body: String) -> Result<(), Failure> {
    let stream = tokio::net::TcpStream::connect((url.host.as_str(), url.port))
        .await
        .map_err(|e| Failure::new(format!("could not connect to {url}: {e}")))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| Failure::new(format!("HTTP handshake with {url} failed: {e}")))?;
    let connection = tokio::spawn(connection);
    let request = Request::post(url.path_and_query.as_str())
        .header(header::HOST, url.authority.as_str())
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", lead_id)
        .header(
            header::USER_AGENT,
            concat!("smp-inbox/", env!("CARGO_PKG_VERSION")),
        )
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| Failure::new(format!("could not build the request: {e}")))?;
    let result = sender.send_request(request).await;
    connection.abort();
    let response = result.map_err(|e| Failure::new(format!("POST {url} failed: {e}")))?;
    let status = response.status();
    // 409 is how a receiver says "already have it" to an idempotent retry.
    if status.is_success() || status == StatusCode::CONFLICT {
        return Ok(());
    }
    let retry_after = response
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    Err(Failure {
        message: format!("{url} answered {status}"),
        retry_after,
    })
}

async fn deliver_email(
    store: &LeadStore,
    config: &EmailConfig,
    lead_id: &str,
    timeout: Duration,
) -> Result<(), Failure> {
    let lead = store
        .get(lead_id)
        .await
        .map_err(|e| Failure::new(e.to_string()))?
        .ok_or_else(|| Failure::new("the lead is no longer in the database"))?;
    let body: Value = serde_json::from_str(&lead.body).unwrap_or(Value::Null);
    let email = notification(
        config,
        &lead.id,
        &lead.received_at,
        lead.photos.len(),
        &body,
    );
    smtp::send(&config.host, config.port, &email, timeout)
        .await
        .map_err(|e| Failure::new(e.to_string()))
}

/// The notification email for a lead. It carries what the clinic needs to call back, and
/// deliberately not the answers or the message (health data): those stay in the inbox.
pub fn notification(
    config: &EmailConfig,
    id: &str,
    received_at: &str,
    photos: usize,
    lead: &Value,
) -> Email {
    let text = |pointer: &str| -> String {
        let value = match lead.pointer(pointer) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        // One line each, whatever the visitor typed.
        value
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .trim()
            .to_string()
    };
    let or_dash = |s: String| if s.is_empty() { "—".to_string() } else { s };
    let name = or_dash(text("/contact/name"));
    let short_name: String = name.chars().take(60).collect();
    let body = format!(
        "A new lead arrived in your SMP inbox.\n\n\
         Name:              {name}\n\
         Email:             {}\n\
         Phone:             {}\n\
         Preferred contact: {}\n\
         Best time:         {}\n\
         Approach:          {}\n\
         Photos:            {photos}\n\
         Received (UTC):    {received_at}\n\
         Lead id:           {id}\n\n\
         The answers, photos and consent are on the inbox's admin page, /admin/leads/{id}.\n\
         They are not in this email because they include health information.\n",
        or_dash(text("/contact/email")),
        or_dash(text("/contact/phone")),
        or_dash(text("/contact/preferred_contact")),
        or_dash(text("/contact/best_time")),
        or_dash(text("/recommendation/approach")),
    );
    Email {
        from: config.from.clone(),
        to: config.to.clone(),
        subject: format!("New lead: {short_name}"),
        body,
        message_id: format!("{id}@smp-inbox"),
        date: clock::rfc5322_utc(SystemTime::now()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy {
            initial: Duration::from_secs(1),
            max: Duration::from_secs(3600),
            max_attempts: 25,
        };
        assert_eq!(policy.delay(1), Duration::from_secs(1));
        assert_eq!(policy.delay(2), Duration::from_secs(2));
        assert_eq!(policy.delay(5), Duration::from_secs(16));
        assert_eq!(policy.delay(13), Duration::from_secs(3600));
        assert_eq!(policy.delay(100), Duration::from_secs(3600));
    }

    #[test]
    fn webhook_urls() {
        let url = WebhookUrl::parse("http://[::1]:9000/a/b?c=d").expect("valid");
        assert_eq!((url.host.as_str(), url.port), ("::1", 9000));
        assert_eq!(url.authority, "[::1]:9000");
        assert_eq!(url.path_and_query, "/a/b?c=d");
        let url = WebhookUrl::parse("http://hooks.internal").expect("valid");
        assert_eq!((url.port, url.path_and_query.as_str()), (80, "/"));
        assert!(WebhookUrl::parse("https://hooks.example/x").is_err());
        assert!(WebhookUrl::parse("http://user:pw@hooks.example/x").is_err());
        assert!(WebhookUrl::parse("ftp://x/y").is_err());
        assert!(WebhookUrl::parse("/just/a/path").is_err());
    }

    #[test]
    fn notification_leaves_health_data_out() {
        let config = EmailConfig {
            host: "127.0.0.1".into(),
            port: 25,
            from: "inbox@clinic.example".into(),
            to: vec!["desk@clinic.example".into()],
        };
        let lead = serde_json::json!({
            "contact": {"name": "Sam\r\nBcc: x@evil.example", "email": "sam@example.com",
                        "message": "I have a keloid"},
            "answers": {"health": ["keloid"]},
        });
        let email = notification(&config, "id-1", "2025-05-01T10:00:00.000Z", 2, &lead);
        assert!(email
            .body
            .contains("Name:              Sam  Bcc: x@evil.example\n"));
        assert!(email.body.contains("Photos:            2\n"));
        assert!(!email.body.contains("keloid"));
        assert!(!email.subject.contains('\n'));
    }
}
