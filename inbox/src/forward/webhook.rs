//! The webhook: each new lead POSTed as JSON over https (`reqwest` with rustls), signed with
//! HMAC-SHA256, with the lead's `Idempotency-Key` and any headers the target needs for its
//! own authentication. Redirects are not followed (a moved hook is a configuration error to
//! see, not a place to send health data to unasked).
//!
//! The signature header is `X-SMP-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`, the HMAC
//! keyed with `--forward-webhook-secret` over `<t>.<body>` (the timestamp, a dot, the exact
//! body bytes). The receiver recomputes it, compares in constant time, and refuses old
//! timestamps (replays); see the README for a verification snippet.

use std::net::IpAddr;
use std::time::Duration;

use hmac::{Hmac, Mac as _};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use rustls_pki_types::CertificateDer;
use sha2::Sha256;
use smp_consult::domain::retry::{classify, retry_after_ms, Outcome};

use super::{error_chain, Failure, SetupError};
use crate::clock;
use crate::config::Secret;
use crate::lead::hex;
use crate::store::LeadStore;

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "x-smp-signature";

/// Headers the inbox sets itself; the configuration may not replace them.
const OWN_HEADERS: [&str; 6] = [
    "content-type",
    "content-length",
    "host",
    "idempotency-key",
    SIGNATURE_HEADER,
    "transfer-encoding",
];

/// Where and how leads are POSTed.
#[derive(Clone)]
pub struct WebhookConfig {
    /// The target: `https://`, or `http://` to this machine only.
    pub url: reqwest::Url,
    /// The HMAC key.
    pub secret: Secret,
    /// Extra headers, e.g. `Authorization: Bearer …` for the target.
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl std::fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Header values are often credentials: names only.
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("WebhookConfig")
            .field("url", &self.url.as_str())
            .field("secret", &self.secret)
            .field("headers", &names)
            .finish()
    }
}

impl WebhookConfig {
    /// Checks `--forward-webhook`, its secret and its `--forward-webhook-header`s.
    pub fn parse(url: &str, secret: Secret, headers: &[String]) -> Result<Self, String> {
        let bad = |why: &str| format!("--forward-webhook {url:?} {why}");
        let parsed = reqwest::Url::parse(url.trim())
            .map_err(|_| bad("is not a URL like https://hooks.example/lead"))?;
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(bad(
                "must not carry a user name or password: use --forward-webhook-header \
                 \"Authorization: …\"",
            ));
        }
        match parsed.scheme() {
            "https" => {}
            "http" if is_loopback(&parsed) => {}
            "http" => {
                return Err(bad(
                    "uses plain http to another machine, which would send health data \
                     unencrypted: use https:// (http:// is accepted for 127.0.0.1 only)",
                ))
            }
            _ => return Err(bad("is not a URL like https://hooks.example/lead")),
        }
        let mut parsed_headers = Vec::new();
        for header in headers {
            let (name, value) = header.split_once(':').ok_or_else(|| {
                format!("--forward-webhook-header {header:?} is not \"Name: value\"")
            })?;
            let name = HeaderName::try_from(name.trim()).map_err(|_| {
                format!("--forward-webhook-header {header:?} has an invalid header name")
            })?;
            if OWN_HEADERS.contains(&name.as_str()) {
                return Err(format!(
                    "--forward-webhook-header {name} is set by the inbox itself"
                ));
            }
            let mut value = HeaderValue::try_from(value.trim())
                .map_err(|_| format!("--forward-webhook-header {name} has an invalid value"))?;
            value.set_sensitive(true);
            parsed_headers.push((name, value));
        }
        Ok(Self {
            url: parsed,
            secret,
            headers: parsed_headers,
        })
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(host)) => host.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
pub fn signature(secret: &[u8], unix_seconds: i64, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256>>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(unix_seconds.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("t={unix_seconds},v1={}", hex(&mac.finalize().into_bytes()))
}

/// The configured webhook with its HTTP client (connection pool, TLS roots).
pub struct WebhookClient {
    config: WebhookConfig,
    client: reqwest::Client,
}

impl WebhookClient {
    /// Builds the client: rustls, the built-in roots and `extra_roots`, no redirects.
    pub fn new(
        config: &WebhookConfig,
        timeout: Duration,
        extra_roots: &[CertificateDer<'static>],
    ) -> Result<Self, SetupError> {
        let mut headers = HeaderMap::new();
        for (name, value) in &config.headers {
            headers.append(name.clone(), value.clone());
        }
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(concat!("smp-inbox/", env!("CARGO_PKG_VERSION")))
            .default_headers(headers);
        for root in extra_roots {
            let cert = reqwest::Certificate::from_der(root)
                .map_err(|e| SetupError(format!("--tls-ca-file: {}", error_chain(&e))))?;
            builder = builder.add_root_certificate(cert);
        }
        let client = builder
            .build()
            .map_err(|e| SetupError(format!("the webhook client: {}", error_chain(&e))))?;
        Ok(Self {
            config: config.clone(),
            client,
        })
    }

    /// POSTs the lead as it was received, photos included.
    pub async fn deliver(&self, store: &LeadStore, lead_id: &str) -> Result<(), Failure> {
        let body = store
            .full_body(lead_id)
            .await
            .map_err(|e| Failure::new(e.to_string()))?
            .ok_or_else(|| Failure::new("the lead is no longer in the database"))?;
        let url = &self.config.url;
        let signed = signature(
            self.config.secret.expose().as_bytes(),
            clock::now_unix_ms() / 1000,
            body.as_bytes(),
        );
        let response = self
            .client
            .post(url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", lead_id)
            .header(SIGNATURE_HEADER, signed)
            .body(body)
            .send()
            .await
            .map_err(|e| Failure::new(format!("POST {url} failed: {}", error_chain(&e))))?;
        let status = response.status();
        match classify(status.as_u16()) {
            Outcome::Delivered => Ok(()),
            _ => {
                let retry_after = response
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(retry_after_ms)
                    .map(Duration::from_millis);
                let hint = if status.is_redirection() {
                    " (redirects are not followed: configure the final URL)"
                } else {
                    ""
                };
                Err(Failure {
                    message: format!("{url} answered {status}{hint}"),
                    retry_after,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_https_unless_on_this_machine() {
        let ok = |url: &str| WebhookConfig::parse(url, Secret::new("k"), &[]).is_ok();
        assert!(ok("https://hooks.zapier.example/x?y=1"));
        assert!(ok("http://127.0.0.1:9000/hook"));
        assert!(ok("http://[::1]:9000/hook"));
        assert!(ok("http://localhost/hook"));
        assert!(!ok("http://hooks.example/x"));
        assert!(!ok("http://10.0.0.5/x"));
        assert!(!ok("https://user:pw@hooks.example/x"));
        assert!(!ok("ftp://x/y"));
        assert!(!ok("/just/a/path"));
    }

    #[test]
    fn custom_headers_are_checked() {
        let parse = |h: &str| {
            WebhookConfig::parse("https://h.example/", Secret::new("k"), &[h.to_string()])
        };
        let config = parse("Authorization: Bearer abc").expect("valid");
        assert_eq!(config.headers[0].0, "authorization");
        assert!(
            !format!("{config:?}").contains("abc"),
            "values are not shown"
        );
        assert!(parse("no colon").is_err());
        assert!(parse("Idempotency-Key: x").is_err());
        assert!(parse("X-SMP-Signature: x").is_err());
    }

    #[test]
    fn signature_matches_a_known_value() {
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        assert_eq!(
            signature(b"secret", 1_700_000_000, br#"{"a":1}"#),
            "t=1700000000,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686"
        );
    }
}
