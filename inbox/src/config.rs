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
use serde::Deserialize;

use smp_consult::i18n::Locale;

use crate::clock::Clock;
use crate::desk::DeskConfig;
use crate::forward::{EmailConfig, ForwardConfig, RetryPolicy, WebhookUrl};

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

/// Command-line arguments. Each one can also come from an environment variable and from the
/// config file, so the inbox can be configured the same way under systemd, Docker or a shell.
#[derive(Debug, Clone, Default, Parser)]
#[command(
    name = "smp-inbox",
    version,
    about = "Receives SMP Consult leads over HTTP and stores them in a SQLite database.",
    after_help = "Precedence: command-line flag, then environment variable, then --config file, \
                  then the default. Every option can be set in the config file under its flag \
                  name with '_' for '-' (allow_origin and notify_email take a list).\n\n\
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

    /// Lead POSTs allowed per minute per client address (the TCP peer, IPv6 by /64); over it
    /// the answer is 429 with Retry-After. 0 turns the limit off. [default: 60]
    #[arg(long, env = "SMP_INBOX_RATE_LIMIT_PER_MINUTE", value_name = "N")]
    pub rate_limit_per_minute: Option<u32>,

    /// Lead POSTs a client address may make at once before the per-minute rate applies.
    /// [default: 20]
    #[arg(long, env = "SMP_INBOX_RATE_LIMIT_BURST", value_name = "N")]
    pub rate_limit_burst: Option<u32>,

    /// Token that reading leads requires (GET /v1/leads, /admin, photos, CSV): send it as
    /// "Authorization: Bearer TOKEN", or as the password of HTTP Basic auth (any user name).
    /// Without one, reads answer 403. Prefer the environment variable or the config file: a
    /// flag is visible to other users in the process list.
    #[arg(
        long,
        env = "SMP_INBOX_ADMIN_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub admin_token: Option<String>,

    /// After a lead is stored, POST it (JSON, with its Idempotency-Key) to this http:// URL,
    /// retrying with backoff until it is accepted, also across restarts. https is not
    /// supported: point it at a local relay.
    #[arg(long, env = "SMP_INBOX_FORWARD_WEBHOOK", value_name = "URL")]
    pub forward_webhook: Option<String>,

    /// SMTP server for new-lead notifications (plain SMTP, no TLS and no login: use a relay
    /// on this machine or a trusted network).
    #[arg(long, env = "SMP_INBOX_SMTP_HOST", value_name = "HOST")]
    pub smtp_host: Option<String>,

    /// SMTP port. [default: 25]
    #[arg(long, env = "SMP_INBOX_SMTP_PORT", value_name = "PORT")]
    pub smtp_port: Option<u16>,

    /// Sender address of notification emails.
    #[arg(long, env = "SMP_INBOX_SMTP_FROM", value_name = "ADDRESS")]
    pub smtp_from: Option<String>,

    /// Address to notify of each new lead (repeatable; the environment variable takes a
    /// comma-separated list). Needs --smtp-host and --smtp-from.
    #[arg(
        long,
        env = "SMP_INBOX_NOTIFY_EMAIL",
        value_delimiter = ',',
        value_name = "ADDRESS"
    )]
    pub notify_email: Vec<String>,

    /// First retry delay of a failed forward (webhook or email), in milliseconds; it doubles
    /// with each attempt. [default: 1000]
    #[arg(long, env = "SMP_INBOX_FORWARD_RETRY_INITIAL_MS", value_name = "MS")]
    pub forward_retry_initial_ms: Option<u64>,

    /// Longest delay between two attempts of a forward, in seconds. [default: 3600]
    #[arg(long, env = "SMP_INBOX_FORWARD_RETRY_MAX_SECS", value_name = "SECS")]
    pub forward_retry_max_secs: Option<u64>,

    /// Attempts of a forward before it is marked failed (shown on the lead's admin page).
    /// [default: 25, about 14 hours]
    #[arg(long, env = "SMP_INBOX_FORWARD_MAX_ATTEMPTS", value_name = "N")]
    pub forward_max_attempts: Option<u32>,

    /// Time allowed for one webhook or SMTP attempt, in seconds. [default: 10]
    #[arg(long, env = "SMP_INBOX_FORWARD_TIMEOUT_SECS", value_name = "SECS")]
    pub forward_timeout_secs: Option<u64>,

    /// Language of the desk's pages and of the leads shown in words: en, es, fr, de, pt or it.
    /// [default: en]
    #[arg(long, env = "SMP_INBOX_LANG", value_name = "CODE")]
    pub lang: Option<String>,

    /// The desk's address as browsers see it, e.g. https://leads.clinic.example. Forms must
    /// come from this origin, and with https the cookies are Secure. Without it, forms must
    /// come from the host they were sent to.
    #[arg(long, env = "SMP_INBOX_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,

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
}

/// The config file: the same options as [`Args`], named like the flags with `_` for `-`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// See `--addr`.
    pub addr: Option<SocketAddr>,
    /// See `--db`.
    pub db: Option<PathBuf>,
    /// See `--allow-origin`.
    pub allow_origin: Option<OneOrMany>,
    /// See `--max-body-bytes`.
    pub max_body_bytes: Option<usize>,
    /// See `--rate-limit-per-minute`.
    pub rate_limit_per_minute: Option<u32>,
    /// See `--rate-limit-burst`.
    pub rate_limit_burst: Option<u32>,
    /// See `--admin-token`.
    pub admin_token: Option<String>,
    /// See `--forward-webhook`.
    pub forward_webhook: Option<String>,
    /// See `--smtp-host`.
    pub smtp_host: Option<String>,
    /// See `--smtp-port`.
    pub smtp_port: Option<u16>,
    /// See `--smtp-from`.
    pub smtp_from: Option<String>,
    /// See `--notify-email`.
    pub notify_email: Option<OneOrMany>,
    /// See `--forward-retry-initial-ms`.
    pub forward_retry_initial_ms: Option<u64>,
    /// See `--forward-retry-max-secs`.
    pub forward_retry_max_secs: Option<u64>,
    /// See `--forward-max-attempts`.
    pub forward_max_attempts: Option<u32>,
    /// See `--forward-timeout-secs`.
    pub forward_timeout_secs: Option<u64>,
    /// See `--lang`.
    pub lang: Option<String>,
    /// See `--public-url`.
    pub public_url: Option<String>,
    /// See `--retention-days`.
    pub retention_days: Option<u32>,
    /// See `--session-idle-minutes`.
    pub session_idle_minutes: Option<u64>,
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
            if cli.is_empty() {
                file.map(OneOrMany::into_vec).unwrap_or_default()
            } else {
                cli
            }
        }
        let addr = match self.addr.or(file.addr) {
            Some(addr) => addr,
            None => DEFAULT_ADDR.parse().expect("valid default address"),
        };
        let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        let admin_token = nonempty(self.admin_token.or(file.admin_token));
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
        let retry = RetryPolicy {
            initial: Duration::from_millis(
                self.forward_retry_initial_ms
                    .or(file.forward_retry_initial_ms)
                    .unwrap_or(1000)
                    .max(1),
            ),
            max: Duration::from_secs(
                self.forward_retry_max_secs
                    .or(file.forward_retry_max_secs)
                    .unwrap_or(3600)
                    .max(1),
            ),
            max_attempts: self
                .forward_max_attempts
                .or(file.forward_max_attempts)
                .unwrap_or(25)
                .max(1),
        };
        let webhook = nonempty(self.forward_webhook.or(file.forward_webhook))
            .map(|url| WebhookUrl::parse(&url).map_err(ConfigError::Invalid))
            .transpose()?;
        let email = EmailConfig::from_parts(
            nonempty(self.smtp_host.or(file.smtp_host)),
            self.smtp_port.or(file.smtp_port).unwrap_or(25),
            nonempty(self.smtp_from.or(file.smtp_from)),
            list(self.notify_email, file.notify_email)
                .into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        )
        .map_err(ConfigError::Invalid)?;
        let lang = nonempty(self.lang.or(file.lang)).unwrap_or_else(|| "en".into());
        let locale = Locale::from_tag(&lang).ok_or_else(|| {
            ConfigError::Invalid(format!(
                "--lang {lang:?} is not a language the desk speaks: use en, es, fr, de, pt or it"
            ))
        })?;
        let public_origin = nonempty(self.public_url.or(file.public_url))
            .map(|url| {
                let origin = url.trim().trim_end_matches('/');
                normalise_origin(origin).ok_or_else(|| {
                    ConfigError::Invalid(format!(
                        "--public-url {url:?} is not an address like https://leads.clinic.example \
                         (scheme and host, no path)"
                    ))
                })
            })
            .transpose()?;
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
            clock: Clock::system(),
        };
        Ok(Config {
            desk,
            addr,
            db_path: self
                .db
                .or(file.db)
                .unwrap_or_else(|| PathBuf::from(DEFAULT_DB)),
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
            admin_token,
            forward: ForwardConfig {
                webhook,
                email,
                retry,
                timeout: Duration::from_secs(
                    self.forward_timeout_secs
                        .or(file.forward_timeout_secs)
                        .unwrap_or(10)
                        .max(1),
                ),
            },
        })
    }
}

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The SQLite database file.
    pub db_path: PathBuf,
    /// Which browser origins may post leads.
    pub allowed_origins: AllowedOrigins,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Lead POSTs per minute per client address; 0 = no limit.
    pub rate_limit_per_minute: u32,
    /// Lead POSTs a client address may make at once.
    pub rate_limit_burst: u32,
    /// The token that reads require; `None` = reads refused.
    pub admin_token: Option<String>,
    /// Webhook and email forwarding.
    pub forward: ForwardConfig,
    /// The desk: language, origin, sessions, retention.
    pub desk: DeskConfig,
}

impl Config {
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

    const FILE: &str = r#"
        addr = "0.0.0.0:9000"
        db = "/var/lib/smp-inbox/inbox.sqlite3"
        allow_origin = ["https://clinic.example", "https://www.clinic.example"]
        max_body_bytes = 1048576
        rate_limit_per_minute = 30
        rate_limit_burst = 5
        admin_token = "from-the-file"
        forward_webhook = "http://127.0.0.1:9100/hook?x=1"
        smtp_host = "127.0.0.1"
        smtp_port = 2525
        smtp_from = "inbox@clinic.example"
        notify_email = "front-desk@clinic.example"
        forward_retry_initial_ms = 500
        forward_retry_max_secs = 600
        forward_max_attempts = 10
        forward_timeout_secs = 5
    "#;

    #[test]
    fn the_file_sets_everything_and_flags_override_it() {
        let file = FileConfig::parse(FILE).expect("valid file");
        let config = Args::default().merge(file.clone()).expect("valid");
        assert_eq!(config.addr, "0.0.0.0:9000".parse().unwrap());
        assert_eq!(config.max_body_bytes, 1_048_576);
        assert_eq!(config.rate_limit_per_minute, 30);
        assert_eq!(config.rate_limit_burst, 5);
        assert_eq!(config.admin_token.as_deref(), Some("from-the-file"));
        assert!(config.allowed_origins.allows("https://www.clinic.example"));
        let webhook = config.forward.webhook.as_ref().expect("webhook");
        assert_eq!(webhook.to_string(), "http://127.0.0.1:9100/hook?x=1");
        let email = config.forward.email.as_ref().expect("email");
        assert_eq!(email.port, 2525);
        assert_eq!(email.to, ["front-desk@clinic.example"]);
        assert_eq!(config.forward.retry.max_attempts, 10);
        assert_eq!(config.forward.timeout, Duration::from_secs(5));

        let args = Args::try_parse_from([
            "smp-inbox",
            "--addr",
            "127.0.0.1:0",
            "--admin-token",
            "from-the-flag",
            "--allow-origin",
            "https://other.example",
            "--rate-limit-per-minute",
            "0",
        ])
        .expect("valid arguments");
        let config = args.merge(file).expect("valid");
        assert_eq!(config.addr.port(), 0);
        assert_eq!(config.admin_token.as_deref(), Some("from-the-flag"));
        assert!(config.allowed_origins.allows("https://other.example"));
        assert!(!config.allowed_origins.allows("https://clinic.example"));
        assert_eq!(config.rate_limit_per_minute, 0);
        assert_eq!(config.rate_limit_burst, 5, "not overridden: from the file");
    }

    #[test]
    fn the_example_file_in_the_repository_is_valid() {
        let file = FileConfig::parse(include_str!("../inbox.example.toml")).expect("parses");
        let config = Args::default().merge(file).expect("valid");
        assert!(config.allowed_origins.allows("https://northline.example"));
        assert!(config.admin_token.is_some());
        assert_eq!(config.max_body_bytes, DEFAULT_MAX_BODY_BYTES);
        assert_eq!(config.rate_limit_per_minute, DEFAULT_RATE_LIMIT_PER_MINUTE);
    }

    #[test]
    fn desk_options() {
        let file = FileConfig::parse(
            "lang = \"es-MX\"\npublic_url = \"https://Leads.Clinic.example/\"\n\
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
        assert!(bad("lang = \"klingon\"").contains("--lang"));
        assert!(bad("public_url = \"https://x.example/desk\"").contains("--public-url"));
    }

    #[test]
    fn defaults() {
        let config = Config::new("x.sqlite3");
        assert_eq!(config.max_body_bytes, 8 * 1024 * 1024);
        assert_eq!(config.rate_limit_per_minute, 60);
        assert_eq!(config.rate_limit_burst, 20);
        assert_eq!(config.admin_token, None);
        assert!(config.forward.webhook.is_none() && config.forward.email.is_none());
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
        assert!(bad("forward_webhook = \"https://hooks.example/x\"").contains("https"));
        assert!(bad("forward_webhook = \"not a url\"").contains("--forward-webhook"));
        assert!(bad("smtp_host = \"127.0.0.1\"").contains("--smtp-from"));
        assert!(bad("notify_email = \"a@b.example\"").contains("--smtp-host"));
        assert!(
            bad("smtp_host = \"h\"\nsmtp_from = \"a@b.example\"\nnotify_email = \"nope\"")
                .contains("--notify-email")
        );
        assert!(bad("rate_limit_burst = 0").contains("--rate-limit-burst"));
    }
}
