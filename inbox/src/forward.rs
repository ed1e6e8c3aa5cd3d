//! Forwarding stored leads: a signed webhook POST over https ([`webhook`]) and an email to each
//! recipient over SMTP with TLS ([`mail`]), driven by the durable job table
//! (`store::jobs`), visible to the clinic's systems ([`api`]) and on the desk
//! (`desk::forwards`, and each lead's page).
//!
//! A lead's jobs are written in the same transaction as the lead, so a lead that was
//! acknowledged is also due to be forwarded, whatever happens next. A [`Forwarder`] claims the
//! due jobs (with a lease), tries them and records the result: a failure is retried with the
//! shared [`RetryPolicy`] (capped exponential backoff, a receiver's `Retry-After` honoured)
//! until the job's lifetime is over, days by default; then it is marked failed, logged and
//! shown on the desk, where it can be retried by hand. After a restart the jobs are simply
//! still there. Delivery is at least once: the webhook gets the lead's `Idempotency-Key` so
//! the receiver can drop a repeat.

pub mod api;
pub mod mail;
pub mod webhook;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls_pki_types::CertificateDer;
pub use smp_consult::domain::retry::RetryPolicy;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::clinic::{Clinic, Clinics};
use crate::clock::{Clock, SystemClock};
use crate::store::{ForwardJob, ForwardTarget, LeadStore, OutboxKind, DEFAULT_CLINIC};

pub use mail::{EmailConfig, SmtpSecurity};
pub use webhook::WebhookConfig;

/// All forwarding settings.
#[derive(Debug, Clone)]
pub struct ForwardConfig {
    /// POST each new lead here.
    pub webhook: Option<WebhookConfig>,
    /// Email a notification of each new lead.
    pub email: Option<EmailConfig>,
    /// Backoff between attempts.
    pub retry: RetryPolicy,
    /// How long a job is retried before it is marked failed, counted from when it was queued
    /// (or last retried by hand).
    pub lifetime: Duration,
    /// Time allowed for one attempt.
    pub timeout: Duration,
    /// Certificate authorities trusted besides the built-in ones (`--tls-ca-file`), for the
    /// webhook and the SMTP server alike.
    pub extra_roots: Vec<CertificateDer<'static>>,
}

/// Forwards are retried for this long by default: a target down over a long weekend or a
/// week's holiday still gets every lead.
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(14 * 24 * 3600);

impl Default for ForwardConfig {
    fn default() -> Self {
        Self {
            webhook: None,
            email: None,
            retry: RetryPolicy::INBOX,
            lifetime: DEFAULT_LIFETIME,
            timeout: Duration::from_secs(10),
            extra_roots: Vec::new(),
        }
    }
}

impl ForwardConfig {
    /// The jobs to queue for each new lead: the webhook, and one email per recipient.
    pub fn targets(&self) -> Vec<ForwardTarget> {
        let mut targets = Vec::new();
        if self.webhook.is_some() {
            targets.push(ForwardTarget::webhook());
        }
        if let Some(email) = &self.email {
            targets.extend(email.to.iter().map(|to| ForwardTarget::email(to)));
        }
        targets
    }
}

/// Wakes the forwarder when a lead is stored or a job is retried by hand, so the job does not
/// wait for the next poll.
#[derive(Debug, Default)]
pub struct Wake(Notify);

impl Wake {
    /// Tells the forwarder there is new work.
    pub fn notify(&self) {
        self.0.notify_one();
    }
}

/// Longest time the forwarder sleeps before looking at the job table again, in case a job was
/// added without a wake-up (e.g. by another process writing to the file).
const POLL: Duration = Duration::from_secs(30);

/// Jobs claimed at once; they are tried concurrently.
const BATCH: u32 = 16;

/// Why an attempt failed, and when the receiver asked to be tried again.
#[derive(Debug)]
pub struct Failure {
    /// For the log and the desk.
    pub message: String,
    /// The receiver's `Retry-After`.
    pub retry_after: Option<Duration>,
}

impl Failure {
    /// A failure without a `Retry-After`.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            retry_after: None,
        }
    }
}

/// Tries due jobs and records what happened. Cheap to clone.
#[derive(Clone)]
pub struct Forwarder {
    store: LeadStore,
    config: Arc<ForwardConfig>,
    clock: Arc<dyn Clock>,
    webhook: Option<Arc<webhook::WebhookClient>>,
    mail: Option<Arc<mail::Mailer>>,
    /// The other clinics' destinations (the default clinic's are `webhook` and `mail`).
    clinics: Option<Arc<Clinics>>,
    /// A webhook client per clinic, made again when the clinic's settings change.
    clinic_hooks: Arc<Mutex<HashMap<String, ClinicHook>>>,
}

/// A clinic's webhook client and the settings it was made from.
type ClinicHook = (Arc<Clinic>, Arc<webhook::WebhookClient>);

impl std::fmt::Debug for Forwarder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Forwarder")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// The forwarder could not be set up (a TLS setting the libraries refuse).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SetupError(pub String);

impl Forwarder {
    /// A forwarder reading the system clock.
    pub fn new(store: LeadStore, config: ForwardConfig) -> Result<Self, SetupError> {
        Self::with_clock(store, config, Arc::new(SystemClock))
    }

    /// A forwarder reading `clock` (tests move it ahead by days).
    pub fn with_clock(
        store: LeadStore,
        config: ForwardConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, SetupError> {
        let webhook = config
            .webhook
            .as_ref()
            .map(|hook| webhook::WebhookClient::new(hook, config.timeout, &config.extra_roots))
            .transpose()?
            .map(Arc::new);
        let mail = config
            .email
            .as_ref()
            .map(|email| mail::Mailer::new(email, config.timeout, &config.extra_roots))
            .transpose()?
            .map(Arc::new);
        Ok(Self {
            store,
            config: Arc::new(config),
            clock,
            webhook,
            mail,
            clinics: None,
            clinic_hooks: Arc::default(),
        })
    }

    /// Forwards the leads of other clinics than the default one to their own destinations.
    pub fn with_clinics(mut self, clinics: Arc<Clinics>) -> Self {
        self.clinics = Some(clinics);
        self
    }

    /// The webhook client of a clinic, made (once per change of its settings) from them.
    fn clinic_hook(
        &self,
        clinic: &Arc<Clinic>,
    ) -> Result<Option<Arc<webhook::WebhookClient>>, Failure> {
        let Some(hook) = &clinic.webhook else {
            return Ok(None);
        };
        let mut hooks = self.clinic_hooks.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((made_from, client)) = hooks.get(&clinic.id) {
            if Arc::ptr_eq(made_from, clinic) {
                return Ok(Some(Arc::clone(client)));
            }
        }
        let client =
            webhook::WebhookClient::new(hook, self.config.timeout, &self.config.extra_roots)
                .map(Arc::new)
                .map_err(|e| Failure::new(e.to_string()))?;
        hooks.insert(clinic.id.clone(), (Arc::clone(clinic), Arc::clone(&client)));
        Ok(Some(client))
    }

    /// A job is leased for one attempt's timeout and a margin: a worker that dies mid-attempt
    /// lets the job go after this.
    fn lease_ms(&self) -> i64 {
        i64::try_from(self.config.timeout.as_millis()).unwrap_or(i64::MAX / 4) + 60_000
    }

    /// Tries every job that is due now, batch by batch, and returns how many were tried.
    pub async fn run_due(&self) -> usize {
        let mut tried = 0;
        loop {
            let now = self.clock.now_ms();
            let jobs = match self.store.claim_due_jobs(now, self.lease_ms(), BATCH).await {
                Ok(jobs) => jobs,
                Err(err) => {
                    eprintln!("smp-inbox: forwarding: {err}");
                    return tried;
                }
            };
            if jobs.is_empty() {
                return tried;
            }
            tried += jobs.len();
            let mut attempts = tokio::task::JoinSet::new();
            for job in jobs {
                let this = self.clone();
                attempts.spawn(async move { this.attempt(job).await });
            }
            while attempts.join_next().await.is_some() {}
        }
    }

    async fn attempt(&self, job: ForwardJob) {
        // A lead of another clinic goes to that clinic's destinations only.
        let clinic = match (&self.clinics, job.clinic_id.as_str()) {
            (_, DEFAULT_CLINIC) | (None, _) => None,
            (Some(clinics), id) => match clinics.get(id).await {
                Ok(Some(clinic)) => Some(clinic),
                Ok(None) => {
                    self.record_failed(&job, format!("clinic {id} no longer exists"))
                        .await;
                    return;
                }
                Err(err) => {
                    // Tried again when the lease runs out.
                    eprintln!("smp-inbox: forwarding: {err}");
                    return;
                }
            },
        };
        let webhook = match &clinic {
            None => Ok(self.webhook.clone()),
            Some(clinic) => self.clinic_hook(clinic),
        };
        let sends_to = |mailer: &mail::Mailer| match &clinic {
            None => mailer.sends_to(&job.target),
            Some(clinic) => clinic.notify_email.iter().any(|a| a == &job.target),
        };
        let result = match job.kind {
            Some(OutboxKind::Webhook) => match webhook {
                Ok(Some(client)) => client.deliver(&self.store, &job.lead_id).await,
                Ok(None) => Err(Failure::new("no webhook is configured any more")),
                Err(failure) => Err(failure),
            },
            Some(OutboxKind::Email) => match &self.mail {
                Some(mailer) if sends_to(mailer) => match &clinic {
                    None => mailer.deliver(&self.store, &job.lead_id, &job.target).await,
                    Some(clinic) => {
                        mailer
                            .deliver_in(clinic.locale, &self.store, &job.lead_id, &job.target)
                            .await
                    }
                },
                _ => {
                    // Health-related mail never goes to an address the clinic removed.
                    self.record_failed(&job, "this recipient is no longer configured".into())
                        .await;
                    return;
                }
            },
            None => Err(Failure::new("a kind of job this version does not know")),
        };
        let recorded = match result {
            Ok(()) => self.store.job_done(job.id).await,
            Err(failure) => {
                let now = self.clock.now_ms();
                let lifetime = i64::try_from(self.config.lifetime.as_millis()).unwrap_or(i64::MAX);
                if now.saturating_sub(job.created_ms) >= lifetime {
                    self.record_failed(&job, failure.message).await;
                    return;
                }
                let backoff = Duration::from_millis(self.config.retry.delay_ms(job.attempts));
                let max = Duration::from_millis(self.config.retry.max_delay_ms);
                let delay = backoff
                    .max(failure.retry_after.unwrap_or_default())
                    .min(max);
                eprintln!(
                    "smp-inbox: forwarding lead {} by {}{} failed (attempt {}), retrying in {:.1} s: {}",
                    job.lead_id,
                    kind_name(&job),
                    target_suffix(&job),
                    job.attempts,
                    delay.as_secs_f64(),
                    failure.message
                );
                let next = now.saturating_add(i64::try_from(delay.as_millis()).unwrap_or(i64::MAX));
                self.store.job_retry_at(job.id, next, failure.message).await
            }
        };
        if let Err(err) = recorded {
            // The job keeps its lease and becomes due again when it expires: at least once.
            eprintln!("smp-inbox: could not record a forwarding result: {err}");
        }
    }

    async fn record_failed(&self, job: &ForwardJob, message: String) {
        eprintln!(
            "smp-inbox: GAVE UP forwarding lead {} by {}{} after {} attempts: {message} \
             (retry it from /admin/forwards)",
            job.lead_id,
            kind_name(job),
            target_suffix(job),
            job.attempts,
        );
        if let Err(err) = self.store.job_failed(job.id, message).await {
            eprintln!("smp-inbox: could not record a forwarding result: {err}");
        }
    }

    /// Runs until aborted: tries what is due, then sleeps until the next job is due, a wake-up
    /// or [`POLL`], whichever comes first.
    pub fn spawn(self, wake: Arc<Wake>) -> JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                self.run_due().await;
                let now = self.clock.now_ms();
                let next = self.store.next_job_due_ms().await.ok().flatten();
                let wait = next.map_or(POLL, |at| {
                    Duration::from_millis(u64::try_from(at - now).unwrap_or(0)).min(POLL)
                });
                tokio::select! {
                    () = wake.0.notified() => {}
                    () = tokio::time::sleep(wait) => {}
                }
            }
        })
    }
}

fn kind_name(job: &ForwardJob) -> &'static str {
    job.kind.map_or("an unknown kind", OutboxKind::as_str)
}

fn target_suffix(job: &ForwardJob) -> String {
    if job.target.is_empty() {
        String::new()
    } else {
        format!(" to {}", job.target)
    }
}

/// The message of an error and of every error beneath it: `reqwest` and `lettre` keep the
/// useful part (connection refused, certificate unknown) in the sources.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        let part = inner.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = inner.source();
    }
    text
}
