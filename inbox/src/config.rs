//! Configuration: one TOML file (`--config`), environment variables and command-line flags,
//! and the origins allowed to post leads from a browser.
//!
//! Precedence, highest first: a command-line flag, its environment variable, the config file,
//! the built-in default. A list (`--allow-origin`, `--notify-email`) given on the command line
//! or in the environment replaces the file's list rather than adding to it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Parser;
use ipnet::IpNet;
use rustls_pki_types::CertificateDer;
use serde::Deserialize;

use smp_consult::i18n::Locale;

use crate::desk::DeskConfig;
use crate::forward::mail::{EmailConfig, EmailOptions};
use crate::forward::{ForwardConfig, RetryPolicy, WebhookConfig, DEFAULT_LIFETIME};

/// Largest request body accepted, in bytes, unless `--max-body-bytes` says otherwise. Four
/// photos of up to 1600 px, re-encoded by the widget, come to a few MiB as base64.
pub const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// Where the inbox listens by default.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8787";
/// The database file by default.
pub const DEFAULT_DB: &str = "inbox.sqlite3";
/// POSTs per minute per client address by default.
pub const DEFAULT_RATE_LIMIT_PER_MINUTE: u32 = 60;
/// POSTs a client address may make at once by default.
pub const DEFAULT_RATE_LIMIT_BURST: u32 = 20;

/// The shortest secret accepted (admin token, webhook signing secret), in characters.
/// `openssl rand -base64 32` gives 44.
pub const MIN_SECRET_CHARS: usize = 32;

/// Placeholders that appear in our examples and documentation: a copy of the example file
/// must not run with them.
const PLACEHOLDER_SECRETS: [&str; 3] = [
    "change-me-to-a-long-random-string",
    "change-me-to-another-long-random-string",
    "…output of: openssl rand -base64 32…",
];

/// A secret from the configuration: never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret itself, for the one place that uses it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// Refuses the examples' placeholders and short secrets, saying how to make a good one.
pub fn check_secret(option: &str, secret: &str) -> Result<(), ConfigError> {
    let how = format!(
        "make one with `openssl rand -base64 32` and set it as {option} (or its environment \
         variable)"
    );
    let trimmed = secret.trim();
    if PLACEHOLDER_SECRETS.contains(&trimmed) || trimmed.to_ascii_lowercase().contains("change-me")
    {
        return Err(ConfigError::Invalid(format!(
            "{option} is the example's placeholder, which anyone can read: {how}"
        )));
    }
    let distinct = {
        let mut chars: Vec<char> = trimmed.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        chars.len()
    };
    if trimmed.chars().count() < MIN_SECRET_CHARS || distinct < 8 {
        return Err(ConfigError::Invalid(format!(
            "{option} is too short or too simple (at least {MIN_SECRET_CHARS} random \
             characters are needed): {how}"
        )));
    }
    Ok(())
}

/// Command-line arguments. Each one can also come from an environment variable and from the
/// config file, so the inbox can be configured the same way under systemd, Docker or a shell.
#[derive(Debug, Clone, Default, Parser)]
#[command(
    name = "smp-inbox",
    version,
    about = "Receives SMP Consult leads over HTTP and stores them in a SQLite database.",
    after_help = "Precedence: command-line flag, then environment variable, then --config file, \
                  then the default. Every option can be set in the config file under its flag \
                  name with '_' for '-' (allow_origin, notify_email, trusted_proxy and \
                  forward_webhook_header take a list).\n\n\
                  Secrets (--admin-token, --forward-webhook-secret) must be at least 32 random \
                  characters; make one with: openssl rand -base64 32\n\n\
                  Example:\n  smp-inbox --config /etc/smp-inbox.toml\n  \
                  SMP_INBOX_ADMIN_TOKEN=... smp-inbox --addr 127.0.0.1:8787 --db inbox.sqlite3 \
                  --allow-origin https://clinic.example"
)]
pub struct Args {
    /// TOML file holding any of the options below.
    #[arg(long, env = "SMP_INBOX_CONFIG", value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Address to listen on. Port 0 picks a free port; the real one is printed on start.
    /// [default: 127.0.0.1:8787]
    #[arg(long, env = "SMP_INBOX_ADDR", value_name = "IP:PORT")]
    pub addr: Option<SocketAddr>,

    /// SQLite database file; created if missing. [default: inbox.sqlite3]
    #[arg(long, env = "SMP_INBOX_DB", value_name = "FILE", global = true)]
    pub db: Option<PathBuf>,

    /// Keep the leads in PostgreSQL instead of the SQLite file, e.g.
    /// postgres://inbox:PASSWORD@127.0.0.1:5432/inbox (or host=… user=… key-value form).
    /// Any number of inbox processes may share one database. Prefer the environment variable
    /// or the config file when it holds a password. [default: none: SQLite, --db]
    #[arg(
        long,
        env = "SMP_INBOX_DATABASE_URL",
        hide_env_values = true,
        value_name = "URL",
        global = true
    )]
    pub database_url: Option<String>,

    /// Origin allowed to post leads from a browser, e.g. https://clinic.example.
    /// Repeat for several; '*' allows any origin. The environment variable takes a
    /// comma-separated list. Requests without an Origin header (curl, servers) are always allowed.
    #[arg(
        long = "allow-origin",
        env = "SMP_INBOX_ALLOW_ORIGINS",
        value_delimiter = ',',
        value_name = "ORIGIN"
    )]
    pub allow_origin: Vec<String>,

    /// Largest request body accepted, in bytes; larger ones get 413. Photos come inline, so
    /// keep room for them. [default: 8388608 (8 MiB)]
    #[arg(long, env = "SMP_INBOX_MAX_BODY_BYTES", value_name = "BYTES")]
    pub max_body_bytes: Option<usize>,

    /// Lead POSTs allowed per minute per client address (IPv6 by /64); over it the answer is
    /// 429 with Retry-After. 0 turns the limit off. [default: 60]
    #[arg(long, env = "SMP_INBOX_RATE_LIMIT_PER_MINUTE", value_name = "N")]
    pub rate_limit_per_minute: Option<u32>,

    /// Lead POSTs a client address may make at once before the per-minute rate applies.
    /// [default: 20]
    #[arg(long, env = "SMP_INBOX_RATE_LIMIT_BURST", value_name = "N")]
    pub rate_limit_burst: Option<u32>,

    /// A reverse proxy in front of the inbox (an address or a network, e.g. 127.0.0.1 or
    /// 10.0.0.0/8; repeatable, comma-separated in the environment). Only for connections from
    /// these is the client address taken from X-Forwarded-For, for the rate limit and the
    /// per-address connection cap. [default: none: the TCP peer is the client]
    #[arg(
        long = "trusted-proxy",
        env = "SMP_INBOX_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_name = "CIDR"
    )]
    pub trusted_proxy: Vec<String>,

    /// Token that reading leads requires (GET /v1/leads, /admin, photos, CSV): send it as
    /// "Authorization: Bearer TOKEN", or as the password of HTTP Basic auth (any user name).
    /// At least 32 random characters (openssl rand -base64 32). Without one, reads answer
    /// 403. Prefer the environment variable or the config file: a flag is visible to other
    /// users in the process list.
    #[arg(
        long,
        env = "SMP_INBOX_ADMIN_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub admin_token: Option<String>,

    /// After a lead is stored, POST it (JSON, signed, with its Idempotency-Key) to this
    /// https:// URL (http:// only to this machine), retrying until it is accepted, also
    /// across restarts. Needs --forward-webhook-secret.
    #[arg(long, env = "SMP_INBOX_FORWARD_WEBHOOK", value_name = "URL")]
    pub forward_webhook: Option<String>,

    /// Key of the webhook's HMAC-SHA256 signature (header X-SMP-Signature); at least 32
    /// random characters (openssl rand -base64 32). The receiver checks it with the same key.
    #[arg(
        long,
        env = "SMP_INBOX_FORWARD_WEBHOOK_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub forward_webhook_secret: Option<String>,

    /// A header the webhook's target needs, as "Name: value" (e.g. "Authorization: Bearer
    /// …"); repeatable. Values are never shown.
    #[arg(
        long = "forward-webhook-header",
        env = "SMP_INBOX_FORWARD_WEBHOOK_HEADERS",
        value_delimiter = '\n',
        hide_env_values = true,
        value_name = "HEADER"
    )]
    pub forward_webhook_header: Vec<String>,

    /// SMTP server for new-lead notifications, e.g. smtp.gmail.com or smtp.sendgrid.net.
    #[arg(long, env = "SMP_INBOX_SMTP_HOST", value_name = "HOST")]
    pub smtp_host: Option<String>,

    /// SMTP port. [default: 587 with starttls, 465 with tls, 25 with none]
    #[arg(long, env = "SMP_INBOX_SMTP_PORT", value_name = "PORT")]
    pub smtp_port: Option<u16>,

    /// starttls (upgrade required), tls (implicit TLS) or none (a relay on this machine
    /// only). [default: starttls]
    #[arg(long, env = "SMP_INBOX_SMTP_SECURITY", value_name = "MODE")]
    pub smtp_security: Option<String>,

    /// User name for SMTP AUTH (with --smtp-password).
    #[arg(long, env = "SMP_INBOX_SMTP_USERNAME", value_name = "USER")]
    pub smtp_username: Option<String>,

    /// Password for SMTP AUTH. Prefer the environment variable or the config file.
    #[arg(
        long,
        env = "SMP_INBOX_SMTP_PASSWORD",
        hide_env_values = true,
        value_name = "PASSWORD"
    )]
    pub smtp_password: Option<String>,

    /// Sender address of notification emails.
    #[arg(long, env = "SMP_INBOX_SMTP_FROM", value_name = "ADDRESS")]
    pub smtp_from: Option<String>,

    /// Address to notify of each new lead (repeatable; the environment variable takes a
    /// comma-separated list). Needs --smtp-host, --smtp-from and --public-url.
    #[arg(
        long,
        env = "SMP_INBOX_NOTIFY_EMAIL",
        value_delimiter = ',',
        value_name = "ADDRESS"
    )]
    pub notify_email: Vec<String>,

    /// The inbox's address as the clinic's staff open it, e.g. https://leads.clinic.example
    /// (scheme and host, no path). The desk's forms must come from this origin, and with
    /// https its cookies are Secure; notification emails link to the lead there. Without it,
    /// desk forms must come from the host they were sent to, and email cannot be set up.
    #[arg(long, env = "SMP_INBOX_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,

    /// Language of the desk, of the leads shown in words and of notification emails: en, es,
    /// fr, de, pt or it. [default: en]
    #[arg(long, env = "SMP_INBOX_LANGUAGE", value_name = "CODE")]
    pub language: Option<String>,

    /// PEM file of certificate authorities to trust besides the built-in ones, for the
    /// webhook and the SMTP server (a company CA, or a test CA).
    #[arg(long, env = "SMP_INBOX_TLS_CA_FILE", value_name = "FILE")]
    pub tls_ca_file: Option<PathBuf>,

    /// First retry delay of a failed forward (webhook or email), in milliseconds; it doubles
    /// with each attempt. [default: 1000]
    #[arg(long, env = "SMP_INBOX_FORWARD_RETRY_INITIAL_MS", value_name = "MS")]
    pub forward_retry_initial_ms: Option<u64>,

    /// Longest delay between two attempts of a forward, in seconds. [default: 3600]
    #[arg(long, env = "SMP_INBOX_FORWARD_RETRY_MAX_SECS", value_name = "SECS")]
    pub forward_retry_max_secs: Option<u64>,

    /// How long a failing forward is retried before it is marked failed (shown on the desk's
    /// forwarding page, /admin/forwards, where it can be retried by hand), in days.
    /// [default: 14]
    #[arg(long, env = "SMP_INBOX_FORWARD_LIFETIME_DAYS", value_name = "DAYS")]
    pub forward_lifetime_days: Option<u32>,

    /// No longer used (forwards are retried for --forward-lifetime-days); accepted so that
    /// old config files still start.
    #[arg(long, env = "SMP_INBOX_FORWARD_MAX_ATTEMPTS", hide = true)]
    pub forward_max_attempts: Option<u32>,

    /// Time allowed for one webhook or SMTP attempt, in seconds. [default: 10]
    #[arg(long, env = "SMP_INBOX_FORWARD_TIMEOUT_SECS", value_name = "SECS")]
    pub forward_timeout_secs: Option<u64>,

    /// Open connections at most; more are closed at once. [default: the open-file limit
    /// less 64, at most 1024]
    #[arg(long, env = "SMP_INBOX_MAX_CONNECTIONS", value_name = "N")]
    pub max_connections: Option<usize>,

    /// Open connections at most from one client address. [default: 64]
    #[arg(long, env = "SMP_INBOX_MAX_CONNECTIONS_PER_CLIENT", value_name = "N")]
    pub max_connections_per_client: Option<usize>,

    /// Lead POSTs being received or processed at once; more wait (up to the request
    /// timeout) or get 503. Bounds the memory bodies can hold. [default: 16]
    #[arg(long, env = "SMP_INBOX_MAX_INFLIGHT_POSTS", value_name = "N")]
    pub max_inflight_posts: Option<usize>,

    /// Time a client has to send a request's headers, in seconds; it also bounds how long
    /// an idle keep-alive connection stays open waiting for the next request. [default: 10]
    #[arg(long, env = "SMP_INBOX_HEADER_TIMEOUT_SECS", value_name = "SECS")]
    pub header_timeout_secs: Option<u64>,

    /// Time a whole request (its body included) may take, in seconds; then 408.
    /// [default: 60]
    #[arg(long, env = "SMP_INBOX_REQUEST_TIMEOUT_SECS", value_name = "SECS")]
    pub request_timeout_secs: Option<u64>,

    /// On SIGTERM or Ctrl-C, time the requests in flight get to finish before their
    /// connections are closed, in seconds. [default: 10]
    #[arg(long, env = "SMP_INBOX_SHUTDOWN_GRACE_SECS", value_name = "SECS")]
    pub shutdown_grace_secs: Option<u64>,

    /// /healthz fails when less than this many MiB are free where the database is.
    /// [default: 64]
    #[arg(long, env = "SMP_INBOX_MIN_FREE_DISK_MB", value_name = "MIB")]
    pub min_free_disk_mb: Option<u64>,

    /// Erase leads automatically once they are this many days old (checked hourly and at
    /// start; each run is in the audit log). 0 or unset keeps leads until erased by hand.
    #[arg(long, env = "SMP_INBOX_RETENTION_DAYS", value_name = "DAYS")]
    pub retention_days: Option<u32>,

    /// A desk session unused for this many minutes ends (every session ends after 12 hours).
    /// [default: 240]
    #[arg(long, env = "SMP_INBOX_SESSION_IDLE_MINUTES", value_name = "MINUTES")]
    pub session_idle_minutes: Option<u64>,

    /// Manage desk users instead of serving: `user add NAME [--admin]`, `user password NAME`,
    /// `user remove NAME`, `user list`.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the binary does besides serving.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Desk users: `smp-inbox user add NAME` asks for a password (from the terminal, or the
    /// first line of standard input).
    #[command(subcommand)]
    User(crate::desk::users::UserCommand),
    /// Clinics: `smp-inbox clinic add ID --allow-origin … --notify-email …` prints the
    /// clinic's endpoint and API token.
    #[command(subcommand)]
    Clinic(crate::clinic_cli::ClinicCommand),
    /// Brings the database's schema up to date (and stores the config file's clinics), then
    /// exits: for an upgrade step before starting the new version. Serving does it too.
    Migrate,
}

/// The config file: the same options as [`Args`], named like the flags with `_` for `-`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct FileConfig {
    pub addr: Option<SocketAddr>,
    pub db: Option<PathBuf>,
    pub database_url: Option<String>,
    pub allow_origin: Option<OneOrMany>,
    pub max_body_bytes: Option<usize>,
    pub rate_limit_per_minute: Option<u32>,
    pub rate_limit_burst: Option<u32>,
    pub trusted_proxy: Option<OneOrMany>,
    pub admin_token: Option<String>,
    pub forward_webhook: Option<String>,
    pub forward_webhook_secret: Option<String>,
    pub forward_webhook_header: Option<OneOrMany>,
    pub smtp_host: Option<String>,
    pub smtp_port: Option<u16>,
    pub smtp_security: Option<String>,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<String>,
    pub smtp_from: Option<String>,
    pub notify_email: Option<OneOrMany>,
    pub public_url: Option<String>,
    pub language: Option<String>,
    pub tls_ca_file: Option<PathBuf>,
    pub forward_retry_initial_ms: Option<u64>,
    pub forward_retry_max_secs: Option<u64>,
    pub forward_lifetime_days: Option<u32>,
    pub forward_max_attempts: Option<u32>,
    pub forward_timeout_secs: Option<u64>,
    pub max_connections: Option<usize>,
    pub max_connections_per_client: Option<usize>,
    pub max_inflight_posts: Option<usize>,
    pub header_timeout_secs: Option<u64>,
    pub request_timeout_secs: Option<u64>,
    pub shutdown_grace_secs: Option<u64>,
    pub min_free_disk_mb: Option<u64>,
    pub retention_days: Option<u32>,
    pub session_idle_minutes: Option<u64>,
    /// The other clinics this inbox serves (`[[clinic]]` tables).
    pub clinic: Option<Vec<crate::clinic::FileClinic>>,
}

/// A list option in the config file: one string or an array of strings.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// `allow_origin = "https://clinic.example"`
    One(String),
    /// `allow_origin = ["https://a.example", "https://b.example"]`
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            Self::One(one) => vec![one],
            Self::Many(many) => many,
        }
    }
}

impl FileConfig {
    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Self::parse(&text).map_err(|message| ConfigError::File {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses config file text.
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())
    }
}

/// Limits that keep one client from taking the server down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Open connections at most.
    pub max_connections: usize,
    /// Open connections at most per client address.
    pub max_connections_per_client: usize,
    /// Lead POSTs in flight at most.
    pub max_inflight_posts: usize,
    /// Time to send a request's headers, and to start the next one on a kept-alive
    /// connection (hyper starts this clock as soon as it waits for a request).
    pub header_timeout: Duration,
    /// Time for a whole request.
    pub request_timeout: Duration,
    /// Time requests in flight get at shutdown.
    pub shutdown_grace: Duration,
    /// Free disk space below which /healthz fails, in bytes.
    pub min_free_disk_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_connections: default_max_connections(),
            max_connections_per_client: 64,
            max_inflight_posts: 16,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            shutdown_grace: Duration::from_secs(10),
            min_free_disk_bytes: 64 * 1024 * 1024,
        }
    }
}

/// The open-file limit less room for the database, logs and outgoing connections, so the
/// inbox closes extra connections itself instead of failing to accept (and to open files).
fn default_max_connections() -> usize {
    let soft = rustix::process::getrlimit(rustix::process::Resource::Nofile)
        .current
        .unwrap_or(1024);
    usize::try_from(soft.saturating_sub(64))
        .unwrap_or(1024)
        .clamp(16, 1024)
}

impl Args {
    /// Reads the `--config` file if one is named, applies the precedence rules and checks
    /// every value, giving the [`Config`] to run with.
    pub fn into_config(self) -> Result<Config, ConfigError> {
        let file = match &self.config {
            Some(path) => FileConfig::load(path)?,
            None => FileConfig::default(),
        };
        self.merge(file)
    }

    /// Applies the precedence rules over an already parsed config file.
    pub fn merge(self, file: FileConfig) -> Result<Config, ConfigError> {
        fn list(cli: Vec<String>, file: Option<OneOrMany>) -> Vec<String> {
            let values = if cli.is_empty() {
                file.map(OneOrMany::into_vec).unwrap_or_default()
            } else {
                cli
            };
            values
                .into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        }
        let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        let secs = |flag: Option<u64>, file: Option<u64>, default: u64| {
            Duration::from_secs(flag.or(file).unwrap_or(default).max(1))
        };
        let addr = match self.addr.or(file.addr) {
            Some(addr) => addr,
            None => DEFAULT_ADDR.parse().expect("valid default address"),
        };
        let admin_token = nonempty(self.admin_token.or(file.admin_token));
        if let Some(token) = &admin_token {
            check_secret("admin_token", token)?;
        }
        let rate_limit_burst = self
            .rate_limit_burst
            .or(file.rate_limit_burst)
            .unwrap_or(DEFAULT_RATE_LIMIT_BURST);
        if rate_limit_burst == 0 {
            return Err(ConfigError::Invalid(
                "--rate-limit-burst must be at least 1 (use --rate-limit-per-minute 0 to turn \
                 the limit off)"
                    .into(),
            ));
        }
        let trusted_proxies = list(self.trusted_proxy, file.trusted_proxy)
            .iter()
            .map(|text| parse_network(text))
            .collect::<Result<Vec<_>, _>>()?;
        let retry = RetryPolicy {
            first_delay_ms: self
                .forward_retry_initial_ms
                .or(file.forward_retry_initial_ms)
                .unwrap_or(RetryPolicy::INBOX.first_delay_ms)
                .max(1),
            max_delay_ms: self
                .forward_retry_max_secs
                .or(file.forward_retry_max_secs)
                .map_or(RetryPolicy::INBOX.max_delay_ms, |s| s.max(1) * 1000),
        };
        let lifetime = self
            .forward_lifetime_days
            .or(file.forward_lifetime_days)
            .map_or(DEFAULT_LIFETIME, |days| {
                Duration::from_secs(u64::from(days.max(1)) * 86_400)
            });
        let webhook = match nonempty(self.forward_webhook.or(file.forward_webhook)) {
            None => None,
            Some(url) => {
                let secret = nonempty(self.forward_webhook_secret.or(file.forward_webhook_secret))
                    .ok_or_else(|| {
                        ConfigError::Invalid(
                            "--forward-webhook needs --forward-webhook-secret to sign each \
                             lead: make one with `openssl rand -base64 32`"
                                .into(),
                        )
                    })?;
                check_secret("forward_webhook_secret", &secret)?;
                let headers = list(self.forward_webhook_header, file.forward_webhook_header);
                Some(
                    WebhookConfig::parse(&url, Secret::new(secret), &headers)
                        .map_err(ConfigError::Invalid)?,
                )
            }
        };
        // One language and one public address for the whole inbox: the desk's pages, the
        // leads in words and the notification emails (which link to the desk).
        let language = nonempty(self.language.or(file.language)).unwrap_or_else(|| "en".into());
        let locale = Locale::from_tag(&language).ok_or_else(|| {
            ConfigError::Invalid(format!(
                "--language {language:?} is not a language the inbox speaks: use en, es, fr, \
                 de, pt or it"
            ))
        })?;
        let public_origin = nonempty(self.public_url.or(file.public_url))
            .map(|url| {
                normalise_origin(url.trim()).ok_or_else(|| {
                    ConfigError::Invalid(format!(
                        "--public-url {url:?} is not an address like \
                         https://leads.clinic.example (scheme and host, no path)"
                    ))
                })
            })
            .transpose()?;
        let email = EmailConfig::from_options(EmailOptions {
            host: nonempty(self.smtp_host.or(file.smtp_host)),
            port: self.smtp_port.or(file.smtp_port),
            security: nonempty(self.smtp_security.or(file.smtp_security)),
            username: nonempty(self.smtp_username.or(file.smtp_username)),
            password: nonempty(self.smtp_password.or(file.smtp_password)).map(Secret::new),
            from: nonempty(self.smtp_from.or(file.smtp_from)),
            to: list(self.notify_email, file.notify_email),
            public_url: public_origin.clone(),
            locale,
        })
        .map_err(ConfigError::Invalid)?;
        let extra_roots = match self.tls_ca_file.or(file.tls_ca_file) {
            None => Vec::new(),
            Some(path) => load_ca_file(&path)?,
        };
        let defaults = Limits::default();
        let limits = Limits {
            max_connections: self
                .max_connections
                .or(file.max_connections)
                .unwrap_or(defaults.max_connections)
                .max(1),
            max_connections_per_client: self
                .max_connections_per_client
                .or(file.max_connections_per_client)
                .unwrap_or(defaults.max_connections_per_client)
                .max(1),
            max_inflight_posts: self
                .max_inflight_posts
                .or(file.max_inflight_posts)
                .unwrap_or(defaults.max_inflight_posts)
                .max(1),
            header_timeout: secs(self.header_timeout_secs, file.header_timeout_secs, 10),
            request_timeout: secs(self.request_timeout_secs, file.request_timeout_secs, 60),
            shutdown_grace: secs(self.shutdown_grace_secs, file.shutdown_grace_secs, 10),
            min_free_disk_bytes: self
                .min_free_disk_mb
                .or(file.min_free_disk_mb)
                .map_or(defaults.min_free_disk_bytes, |mb| mb * 1024 * 1024),
        };
        let desk = DeskConfig {
            locale,
            secure_cookies: public_origin
                .as_deref()
                .is_some_and(|o| o.starts_with("https://")),
            public_origin,
            session_idle: Duration::from_secs(
                self.session_idle_minutes
                    .or(file.session_idle_minutes)
                    .map_or(crate::desk::DEFAULT_SESSION_IDLE.as_secs(), |m| {
                        m.max(1) * 60
                    }),
            ),
            retention_days: self
                .retention_days
                .or(file.retention_days)
                .filter(|days| *days > 0),
            clock: crate::clock::system(),
        };
        let clinics = file.clinic.clone().unwrap_or_default();
        for clinic in &clinics {
            clinic
                .settings()
                .check(&clinic.id)
                .map_err(|e| ConfigError::Invalid(format!("[[clinic]] {}: {e}", clinic.id)))?;
        }
        Ok(Config {
            clinics,
            desk,
            addr,
            db_path: self
                .db
                .or(file.db)
                .unwrap_or_else(|| PathBuf::from(DEFAULT_DB)),
            database_url: nonempty(self.database_url.or(file.database_url)),
            allowed_origins: AllowedOrigins::parse(&list(self.allow_origin, file.allow_origin))?,
            max_body_bytes: self
                .max_body_bytes
                .or(file.max_body_bytes)
                .unwrap_or(DEFAULT_MAX_BODY_BYTES),
            rate_limit_per_minute: self
                .rate_limit_per_minute
                .or(file.rate_limit_per_minute)
                .unwrap_or(DEFAULT_RATE_LIMIT_PER_MINUTE),
            rate_limit_burst,
            trusted_proxies,
            admin_token,
            limits,
            ignored_max_attempts: self
                .forward_max_attempts
                .or(file.forward_max_attempts)
                .is_some(),
            forward: ForwardConfig {
                webhook,
                email,
                retry,
                lifetime,
                timeout: secs(self.forward_timeout_secs, file.forward_timeout_secs, 10),
                extra_roots,
            },
        })
    }
}

/// `10.0.0.0/8`, or a single address (`127.0.0.1`, a /32 or /128).
fn parse_network(text: &str) -> Result<IpNet, ConfigError> {
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(IpNet::from))
        .map_err(|_| {
            ConfigError::Invalid(format!(
                "--trusted-proxy {text:?} is not an address or a network like 10.0.0.0/8"
            ))
        })
}

/// The certificates of a PEM file.
fn load_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, ConfigError> {
    use rustls_pki_types::pem::PemObject as _;
    let bad = |message: String| {
        ConfigError::Invalid(format!("--tls-ca-file {}: {message}", path.display()))
    };
    let pem = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(format!("not a PEM file of certificates ({e})")))?;
    if certs.is_empty() {
        return Err(bad("holds no certificate".into()));
    }
    Ok(certs)
}

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The SQLite database file (unused with `database_url`).
    pub db_path: PathBuf,
    /// The PostgreSQL database, if the leads are kept there instead.
    pub database_url: Option<String>,
    /// Which browser origins may post leads.
    pub allowed_origins: AllowedOrigins,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Lead POSTs per minute per client address; 0 = no limit.
    pub rate_limit_per_minute: u32,
    /// Lead POSTs a client address may make at once.
    pub rate_limit_burst: u32,
    /// Reverse proxies whose X-Forwarded-For is believed.
    pub trusted_proxies: Vec<IpNet>,
    /// The token that reads require; `None` = reads refused.
    pub admin_token: Option<String>,
    /// Timeouts and caps.
    pub limits: Limits,
    /// The config still sets `forward_max_attempts`, which is ignored now.
    pub ignored_max_attempts: bool,
    /// Webhook and email forwarding.
    pub forward: ForwardConfig,
    /// The desk: language, origin, sessions, retention.
    pub desk: DeskConfig,
    /// Clinics from the config file (`[[clinic]]`), stored in the database at start.
    pub clinics: Vec<crate::clinic::FileClinic>,
}

impl Config {
    /// Opens the configured database: PostgreSQL if `database_url` is set, else the SQLite
    /// file. Blocking: call it at start-up.
    pub fn open_store(&self) -> Result<crate::LeadStore, crate::store::StoreError> {
        match &self.database_url {
            Some(url) => crate::LeadStore::open_postgres(url),
            None => crate::LeadStore::open(&self.db_path),
        }
    }

    /// The database for messages: the SQLite file, or the PostgreSQL URL without its
    /// password.
    pub fn database_name(&self) -> String {
        match &self.database_url {
            Some(url) => match url::Url::parse(url) {
                Ok(mut parsed) if parsed.password().is_some() => {
                    let _ = parsed.set_password(Some("…"));
                    parsed.to_string()
                }
                Ok(parsed) => parsed.to_string(),
                // The key=value form may hold a password anywhere: name only the engine.
                Err(_) => "PostgreSQL (key=value connection string)".to_string(),
            },
            None => self.db_path.display().to_string(),
        }
    }

    /// The defaults, with the database at `db_path` and a free loopback port: what tests and
    /// benchmarks start from.
    pub fn new(db_path: impl Into<PathBuf>) -> Self {
        let args = Args {
            addr: Some("127.0.0.1:0".parse().expect("valid address")),
            db: Some(db_path.into()),
            ..Args::default()
        };
        args.merge(FileConfig::default())
            .expect("the defaults are valid")
    }
}

/// A configuration value that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// An `--allow-origin` value that is not `scheme://host[:port]`.
    #[error(
        "--allow-origin {0:?} is not an origin: use scheme://host[:port] with no path, \
         e.g. https://clinic.example, or '*'"
    )]
    BadOrigin(String),
    /// The config file could not be read or parsed.
    #[error("config file {}: {message}", path.display())]
    File {
        /// The file named by `--config`.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// Another value that cannot be used; the message names the option.
    #[error("{0}")]
    Invalid(String),
}

/// The browser origins whose requests get CORS headers and may post leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedOrigins {
    /// Any origin (`--allow-origin '*'`).
    Any,
    /// Only these origins, normalised to lower case without a trailing slash.
    Only(Vec<String>),
}

impl AllowedOrigins {
    /// No browser origin at all: only requests without an `Origin` header get through.
    pub fn none() -> Self {
        Self::Only(Vec::new())
    }

    /// Reads origins as given on the command line. Empty entries (from a trailing comma in the
    /// environment variable) are skipped; a `*` anywhere means any origin.
    pub fn parse<S: AsRef<str>>(values: &[S]) -> Result<Self, ConfigError> {
        let mut origins = Vec::new();
        for value in values {
            let raw = value.as_ref().trim();
            if raw.is_empty() {
                continue;
            }
            if raw == "*" {
                return Ok(Self::Any);
            }
            origins.push(normalise_origin(raw).ok_or_else(|| ConfigError::BadOrigin(raw.into()))?);
        }
        Ok(Self::Only(origins))
    }

    /// Whether a request carrying this `Origin` header value is allowed.
    pub fn allows(&self, origin: &str) -> bool {
        match self {
            Self::Any => true,
            // Browsers send the origin serialised in lower case, but a hand-written client may
            // not; scheme and host are case-insensitive, so compare that way.
            Self::Only(list) => list.iter().any(|o| o.eq_ignore_ascii_case(origin)),
        }
    }

    /// True when no browser origin is allowed.
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Only(list) if list.is_empty())
    }
}

/// `https://Clinic.example/` → `https://clinic.example`; `None` for anything with a path,
/// another scheme or no host, since a browser never sends such an `Origin`.
fn normalise_origin(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    let trimmed = lower.strip_suffix('/').unwrap_or(&lower);
    let host = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))?;
    let valid = !host.is_empty() && !host.contains(['/', '?', '#', '@', ' ']);
    valid.then(|| trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_normalises_origins() {
        let origins =
            AllowedOrigins::parse(&["http://127.0.0.1:8080/", "", "https://Clinic.Example"])
                .expect("valid origins");
        assert_eq!(
            origins,
            AllowedOrigins::Only(vec![
                "http://127.0.0.1:8080".into(),
                "https://clinic.example".into()
            ])
        );
        assert!(origins.allows("http://127.0.0.1:8080"));
        assert!(origins.allows("https://clinic.example"));
        assert!(!origins.allows("http://127.0.0.1:8081"));
        assert!(!origins.allows("null"));
    }

    #[test]
    fn star_allows_any_origin() {
        let origins = AllowedOrigins::parse(&["https://a.example", "*"]).expect("valid");
        assert_eq!(origins, AllowedOrigins::Any);
        assert!(origins.allows("https://anything.example"));
    }

    #[test]
    fn rejects_values_that_are_not_origins() {
        for bad in [
            "clinic.example",
            "https://clinic.example/form",
            "ftp://x",
            "https://",
        ] {
            assert_eq!(
                AllowedOrigins::parse(&[bad]),
                Err(ConfigError::BadOrigin(bad.into())),
                "{bad}"
            );
        }
    }

    #[test]
    fn cli_reads_repeated_and_comma_separated_origins() {
        let args = Args::try_parse_from([
            "smp-inbox",
            "--addr",
            "127.0.0.1:0",
            "--db",
            "x.sqlite3",
            "--allow-origin",
            "http://127.0.0.1:8080",
            "--allow-origin",
            "https://a.example,https://b.example",
        ])
        .expect("valid arguments");
        let config = args.into_config().expect("valid config");
        assert_eq!(config.addr.port(), 0);
        assert_eq!(config.max_body_bytes, DEFAULT_MAX_BODY_BYTES);
        assert!(config.allowed_origins.allows("https://b.example"));
        assert!(config.allowed_origins.allows("http://127.0.0.1:8080"));
    }

    const TOKEN: &str = "Zr8yq1VwV3kQm0hO9sLxT2pUe7cJbN4aGfD6iKtY5wE=";
    const HOOK_SECRET: &str = "p9QeXw2LrT7vZk1MbN5cY3hJ8sFgD0aU4oIqEyRt6Wm=";

    fn file() -> String {
        format!(
            r#"
        addr = "0.0.0.0:9000"
        db = "/var/lib/smp-inbox/inbox.sqlite3"
        allow_origin = ["https://clinic.example", "https://www.clinic.example"]
        max_body_bytes = 1048576
        rate_limit_per_minute = 30
        rate_limit_burst = 5
        trusted_proxy = ["127.0.0.1", "10.0.0.0/8"]
        admin_token = "{TOKEN}"
        forward_webhook = "https://hooks.example/hook?x=1"
        forward_webhook_secret = "{HOOK_SECRET}"
        forward_webhook_header = ["Authorization: Bearer abc"]
        smtp_host = "smtp.example"
        smtp_port = 2525
        smtp_security = "tls"
        smtp_username = "inbox"
        smtp_password = "pw"
        smtp_from = "inbox@clinic.example"
        notify_email = "front-desk@clinic.example"
        public_url = "https://leads.clinic.example"
        language = "fr"
        forward_retry_initial_ms = 500
        forward_retry_max_secs = 600
        forward_lifetime_days = 7
        forward_timeout_secs = 5
        max_connections = 100
        max_connections_per_client = 8
        max_inflight_posts = 4
        header_timeout_secs = 3
        request_timeout_secs = 20
        shutdown_grace_secs = 2
        min_free_disk_mb = 10
    "#
        )
    }

    #[test]
    fn the_file_sets_everything_and_flags_override_it() {
        let file = FileConfig::parse(&file()).expect("valid file");
        let config = Args::default().merge(file.clone()).expect("valid");
        assert_eq!(config.addr, "0.0.0.0:9000".parse().unwrap());
        assert_eq!(config.max_body_bytes, 1_048_576);
        assert_eq!(config.rate_limit_per_minute, 30);
        assert_eq!(config.rate_limit_burst, 5);
        assert_eq!(config.trusted_proxies.len(), 2);
        assert_eq!(config.admin_token.as_deref(), Some(TOKEN));
        assert!(config.allowed_origins.allows("https://www.clinic.example"));
        let webhook = config.forward.webhook.as_ref().expect("webhook");
        assert_eq!(webhook.url.as_str(), "https://hooks.example/hook?x=1");
        assert_eq!(webhook.headers.len(), 1);
        let email = config.forward.email.as_ref().expect("email");
        assert_eq!(email.port, 2525);
        assert_eq!(email.to, ["front-desk@clinic.example"]);
        assert_eq!(email.locale, smp_consult::i18n::Locale::Fr);
        assert_eq!(config.forward.retry.first_delay_ms, 500);
        assert_eq!(config.forward.retry.max_delay_ms, 600_000);
        assert_eq!(config.forward.lifetime, Duration::from_secs(7 * 86_400));
        assert_eq!(config.forward.timeout, Duration::from_secs(5));
        assert_eq!(config.limits.max_connections, 100);
        assert_eq!(config.limits.max_connections_per_client, 8);
        assert_eq!(config.limits.max_inflight_posts, 4);
        assert_eq!(config.limits.header_timeout, Duration::from_secs(3));
        assert_eq!(config.limits.request_timeout, Duration::from_secs(20));
        assert_eq!(config.limits.shutdown_grace, Duration::from_secs(2));
        assert_eq!(config.limits.min_free_disk_bytes, 10 * 1024 * 1024);

        let args = Args::try_parse_from([
            "smp-inbox",
            "--addr",
            "127.0.0.1:0",
            "--admin-token",
            HOOK_SECRET,
            "--allow-origin",
            "https://other.example",
            "--rate-limit-per-minute",
            "0",
        ])
        .expect("valid arguments");
        let config = args.merge(file).expect("valid");
        assert_eq!(config.addr.port(), 0);
        assert_eq!(config.admin_token.as_deref(), Some(HOOK_SECRET));
        assert!(config.allowed_origins.allows("https://other.example"));
        assert!(!config.allowed_origins.allows("https://clinic.example"));
        assert_eq!(config.rate_limit_per_minute, 0);
        assert_eq!(config.rate_limit_burst, 5, "not overridden: from the file");
    }

    #[test]
    fn clinics_in_the_file_are_read_and_checked() {
        let file = |extra: &str| {
            FileConfig::parse(&format!(
                "[[clinic]]\nid = \"north\"\nallow_origin = [\"https://north.example\"]\n{extra}"
            ))
            .expect("toml")
        };
        let config = Args::default().merge(file("")).expect("valid");
        assert_eq!(config.clinics.len(), 1);
        assert_eq!(config.clinics[0].id, "north");
        for (extra, says) in [
            ("language = \"xx\"", "language"),
            ("forward_webhook = \"https://h.example/\"", "secret"),
            ("notify_email = [\"not an address\"]", "address"),
        ] {
            let err = Args::default().merge(file(extra)).expect_err(extra);
            assert!(err.to_string().contains(says), "{extra}: {err}");
        }
        let err = FileConfig::parse("[[clinic]]\nid = \"a\"\ncolour = \"red\"\n")
            .expect_err("unknown key");
        assert!(err.contains("colour"), "{err}");
        // The example's commented clinic, uncommented, is valid but for its placeholders.
        let example = include_str!("../inbox.example.toml");
        let at = example.find("# [[clinic]]").expect("example clinic");
        let clinic: String = example[at..]
            .lines()
            .map(|l| {
                l.trim_start_matches("# ").replace(
                    "…output of: openssl rand -base64 32…",
                    "kq0Vb8m2ZxR7tY4uW1aE5cN9pL3sD6fH0gJ2",
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        let parsed = FileConfig::parse(&clinic).expect("example clinic parses");
        assert!(Args::default().merge(parsed).is_ok());
    }

    #[test]
    fn the_example_file_in_the_repository_is_refused_until_its_secret_is_replaced() {
        let example = include_str!("../inbox.example.toml");
        let file = FileConfig::parse(example).expect("parses");
        let err = Args::default().merge(file).expect_err("placeholder");
        assert!(err.to_string().contains("placeholder"), "{err}");
        assert!(err.to_string().contains("openssl rand -base64 32"), "{err}");

        let args = Args {
            admin_token: Some(TOKEN.into()),
            ..Args::default()
        };
        let config = args
            .merge(FileConfig::parse(example).expect("parses"))
            .expect("valid with a real token");
        assert!(config.allowed_origins.allows("https://northline.example"));
        assert_eq!(config.max_body_bytes, DEFAULT_MAX_BODY_BYTES);
        assert_eq!(config.rate_limit_per_minute, DEFAULT_RATE_LIMIT_PER_MINUTE);
    }

    #[test]
    fn desk_options() {
        let file = FileConfig::parse(
            "language = \"es-MX\"\npublic_url = \"https://Leads.Clinic.example/\"\n\
             retention_days = 365\nsession_idle_minutes = 30",
        )
        .expect("parses");
        let config = Args::default().merge(file).expect("valid");
        assert_eq!(config.desk.locale, Locale::Es);
        assert_eq!(
            config.desk.public_origin.as_deref(),
            Some("https://leads.clinic.example")
        );
        assert!(config.desk.secure_cookies);
        assert_eq!(config.desk.retention_days, Some(365));
        assert_eq!(config.desk.session_idle, Duration::from_secs(1800));
        let plain = Args::default()
            .merge(
                FileConfig::parse("public_url = \"http://127.0.0.1:8787\"\nretention_days = 0")
                    .expect("parses"),
            )
            .expect("valid");
        assert!(!plain.desk.secure_cookies);
        assert_eq!(plain.desk.retention_days, None, "0 keeps leads");
        let bad = |toml: &str| {
            Args::default()
                .merge(FileConfig::parse(toml).expect("parses"))
                .expect_err(toml)
                .to_string()
        };
        assert!(bad("language = \"klingon\"").contains("--language"));
        assert!(bad("public_url = \"https://x.example/desk\"").contains("--public-url"));
        assert!(bad("public_url = \"leads.clinic.example\"").contains("--public-url"));
    }

    #[test]
    fn one_language_and_one_public_url_serve_the_desk_and_the_emails() {
        let file = FileConfig::parse(
            "language = \"de\"\npublic_url = \"https://Leads.Clinic.example/\"\n\
             smtp_host = \"smtp.example\"\nsmtp_from = \"inbox@clinic.example\"\n\
             notify_email = \"desk@clinic.example\"",
        )
        .expect("parses");
        let config = Args::default().merge(file).expect("valid");
        let email = config.forward.email.as_ref().expect("email");
        assert_eq!((config.desk.locale, email.locale), (Locale::De, Locale::De));
        assert_eq!(
            config.desk.public_origin.as_deref(),
            Some(email.public_url.as_str())
        );
        assert_eq!(email.public_url, "https://leads.clinic.example");
    }

    #[test]
    fn secrets_must_be_long_and_not_the_placeholder() {
        for bad in [
            "change-me-to-a-long-random-string",
            "short",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "0123456789abcdef0123456789abcde",
        ] {
            let err = check_secret("admin_token", bad).expect_err(bad).to_string();
            assert!(err.contains("openssl rand -base64 32"), "{err}");
        }
        check_secret("admin_token", TOKEN).expect("a real one");
        let bad = |toml: &str| {
            Args::default()
                .merge(FileConfig::parse(toml).expect("parses"))
                .expect_err(toml)
                .to_string()
        };
        assert!(
            bad("forward_webhook = \"https://h.example/x\"").contains("--forward-webhook-secret")
        );
        assert!(bad(
            "forward_webhook = \"https://h.example/x\"\nforward_webhook_secret = \"change-me\""
        )
        .contains("forward_webhook_secret"));
    }

    #[test]
    fn defaults() {
        let config = Config::new("x.sqlite3");
        assert_eq!(config.max_body_bytes, 8 * 1024 * 1024);
        assert_eq!(config.rate_limit_per_minute, 60);
        assert_eq!(config.rate_limit_burst, 20);
        assert_eq!(config.admin_token, None);
        assert!(config.trusted_proxies.is_empty());
        assert!(config.forward.webhook.is_none() && config.forward.email.is_none());
        assert_eq!(config.forward.lifetime, Duration::from_secs(14 * 86_400));
        assert!(config.limits.max_connections >= 16 && config.limits.max_connections <= 1024);
    }

    #[test]
    fn bad_files_and_values_are_named() {
        let err = FileConfig::parse("admin_tokn = \"x\"").expect_err("typo");
        assert!(err.contains("admin_tokn"), "{err}");
        let err = FileConfig::parse("rate_limit_burst = \"many\"").expect_err("type");
        assert!(err.contains("rate_limit_burst"), "{err}");

        let bad = |toml: &str| {
            Args::default()
                .merge(FileConfig::parse(toml).expect("parses"))
                .expect_err(toml)
                .to_string()
        };
        let hook = |url: &str| {
            format!("forward_webhook = \"{url}\"\nforward_webhook_secret = \"{HOOK_SECRET}\"")
        };
        assert!(bad(&hook("http://hooks.example/x")).contains("https"));
        assert!(bad(&hook("not a url")).contains("--forward-webhook"));
        assert!(bad("smtp_host = \"127.0.0.1\"").contains("--smtp-from"));
        assert!(bad("notify_email = \"a@b.example\"").contains("--smtp-host"));
        assert!(
            bad("smtp_host = \"h\"\nsmtp_from = \"a@b.example\"\nnotify_email = \"nope\"")
                .contains("--notify-email")
        );
        assert!(bad("rate_limit_burst = 0").contains("--rate-limit-burst"));
        assert!(bad("trusted_proxy = \"10.0.0.0/33\"").contains("--trusted-proxy"));
        assert!(bad("tls_ca_file = \"/nonexistent/ca.pem\"").contains("--tls-ca-file"));
    }

    #[test]
    fn an_old_config_with_max_attempts_still_starts() {
        let file = FileConfig::parse("forward_max_attempts = 25").expect("parses");
        let config = Args::default().merge(file).expect("valid");
        assert!(config.ignored_max_attempts);
    }
}
