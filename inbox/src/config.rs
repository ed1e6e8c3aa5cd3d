//! Configuration: the command line (and its environment variables) and the origins allowed
//! to post leads from a browser.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

/// Largest request body accepted, in bytes, unless `--max-body-bytes` says otherwise.
pub const DEFAULT_MAX_BODY_BYTES: usize = 256 * 1024;

/// Command-line arguments. Each one can also come from an environment variable, so the inbox
/// can be configured the same way under systemd, Docker or a shell.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "smp-inbox",
    version,
    about = "Receives SMP Consult leads over HTTP and stores them in a SQLite database.",
    after_help = "Example:\n  smp-inbox --addr 127.0.0.1:8787 --db inbox.sqlite3 --allow-origin https://clinic.example"
)]
pub struct Args {
    /// Address to listen on. Port 0 picks a free port; the real one is printed on start.
    #[arg(long, env = "SMP_INBOX_ADDR", default_value = "127.0.0.1:8787")]
    pub addr: SocketAddr,

    /// SQLite database file; created if missing.
    #[arg(long, env = "SMP_INBOX_DB", default_value = "inbox.sqlite3")]
    pub db: PathBuf,

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

    /// Largest request body accepted, in bytes; larger ones get 413.
    #[arg(long, env = "SMP_INBOX_MAX_BODY_BYTES", default_value_t = DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
}

impl Args {
    /// Checks the arguments and turns them into a [`Config`].
    pub fn into_config(self) -> Result<Config, ConfigError> {
        Ok(Config {
            addr: self.addr,
            db_path: self.db,
            allowed_origins: AllowedOrigins::parse(&self.allow_origin)?,
            max_body_bytes: self.max_body_bytes,
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
}
