//! Clinics: one inbox serving many clinics, each with its own endpoint
//! (`/v1/clinics/<id>/leads`), allowed origins, destinations (webhook, notification email
//! recipients), retention, API token and users.
//!
//! The default clinic ([`DEFAULT_CLINIC`]) is the inbox as it was before clinics: its settings
//! are the config file's top-level keys and flags, its endpoint `/v1/leads`, its token
//! `admin_token`. Every other clinic lives in the database (`smp-inbox clinic add|set|remove`,
//! or a config file's `[[clinic]]` tables), so running instances pick a change up without a
//! restart: [`Clinics`] reads a clinic from the database at most every [`CACHE_TTL`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use smp_consult::i18n::Locale;

use crate::config::{check_secret, AllowedOrigins, Secret};
use crate::forward::WebhookConfig;
use crate::store::{ForwardTarget, LeadStore, StoreError, DEFAULT_CLINIC};

/// How long a clinic read from the database is used before it is read again: a change made
/// with `smp-inbox clinic …` reaches every running instance within this time.
pub const CACHE_TTL: Duration = Duration::from_secs(2);

/// A clinic's settings as stored (JSON) and as written in a config file's `[[clinic]]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClinicSettings {
    /// The clinic's name, as operators see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Origins whose pages may post its leads from a browser.
    #[serde(default)]
    pub allow_origin: Vec<String>,
    /// Its language (en, es, fr, de, pt, it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Its leads are erased once this many days old.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
    /// Its webhook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_webhook: Option<String>,
    /// Its webhook's signing secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_webhook_secret: Option<String>,
    /// Headers its webhook needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forward_webhook_header: Vec<String>,
    /// Who is told of each new lead (through the inbox's SMTP server).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notify_email: Vec<String>,
}

/// A `[[clinic]]` table of the config file: an id, its settings, and optionally its API token.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct FileClinic {
    pub id: String,
    pub api_token: Option<String>,
    pub name: Option<String>,
    #[serde(default)]
    pub allow_origin: Vec<String>,
    pub language: Option<String>,
    pub retention_days: Option<u32>,
    pub forward_webhook: Option<String>,
    pub forward_webhook_secret: Option<String>,
    #[serde(default)]
    pub forward_webhook_header: Vec<String>,
    #[serde(default)]
    pub notify_email: Vec<String>,
}

impl FileClinic {
    /// The settings part.
    pub fn settings(&self) -> ClinicSettings {
        ClinicSettings {
            name: self.name.clone(),
            allow_origin: self.allow_origin.clone(),
            language: self.language.clone(),
            retention_days: self.retention_days,
            forward_webhook: self.forward_webhook.clone(),
            forward_webhook_secret: self.forward_webhook_secret.clone(),
            forward_webhook_header: self.forward_webhook_header.clone(),
            notify_email: self.notify_email.clone(),
        }
    }
}

/// A clinic, checked and ready to serve.
#[derive(Debug, Clone)]
pub struct Clinic {
    /// Its id, as in its endpoint.
    pub id: String,
    /// Its name as the desk shows it, when one was given.
    pub name: Option<String>,
    /// Who may post its leads from a browser.
    pub origins: AllowedOrigins,
    /// Its language.
    pub locale: Locale,
    /// Leads older than this many days are erased.
    pub retention_days: Option<u32>,
    /// Its webhook.
    pub webhook: Option<WebhookConfig>,
    /// Its notification recipients.
    pub notify_email: Vec<String>,
}

impl Clinic {
    /// How the desk names it: its name, or its id.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }

    /// The forwarding jobs each new lead of this clinic gets: its webhook, and one email per
    /// recipient when the inbox can send mail.
    pub fn targets(&self, can_mail: bool) -> Vec<ForwardTarget> {
        let mut targets = Vec::new();
        if self.webhook.is_some() {
            targets.push(ForwardTarget::webhook());
        }
        if can_mail {
            targets.extend(self.notify_email.iter().map(|to| ForwardTarget::email(to)));
        }
        targets
    }
}

/// Whether `id` can be a clinic's id: 1 to 63 lower-case letters, digits and `-`, starting
/// with a letter or digit (it is a URL path segment).
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 63
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

impl ClinicSettings {
    /// Checks the settings as the config file's own options are checked.
    pub fn check(&self, id: &str) -> Result<Clinic, String> {
        if !valid_id(id) {
            return Err(format!(
                "clinic id {id:?} must be 1 to 63 lower-case letters, digits and '-'"
            ));
        }
        let origins = AllowedOrigins::parse(&self.allow_origin).map_err(|e| e.to_string())?;
        let language = self.language.as_deref().unwrap_or("en");
        let locale = Locale::from_tag(language).ok_or_else(|| {
            format!("clinic {id}: language {language:?} is not one of en, es, fr, de, pt, it")
        })?;
        let webhook = match self.forward_webhook.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(url) => {
                let secret = self
                    .forward_webhook_secret
                    .as_deref()
                    .filter(|s| !s.trim().is_empty())
                    .ok_or_else(|| {
                        format!("clinic {id}: forward_webhook needs forward_webhook_secret")
                    })?;
                check_secret("forward_webhook_secret", secret).map_err(|e| e.to_string())?;
                Some(WebhookConfig::parse(
                    url,
                    Secret::new(secret),
                    &self.forward_webhook_header,
                )?)
            }
        };
        if let Some(bad) = self
            .notify_email
            .iter()
            .find(|a| !smp_consult::domain::lead::is_email(a))
        {
            return Err(format!(
                "clinic {id}: notify_email {bad:?} is not an address"
            ));
        }
        Ok(Clinic {
            id: id.to_string(),
            name: self
                .name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string),
            origins,
            locale,
            retention_days: self.retention_days.filter(|d| *d > 0),
            webhook,
            notify_email: self.notify_email.clone(),
        })
    }
}

/// Hex SHA-256, how clinic API tokens are stored.
pub fn token_sha256(token: &[u8]) -> String {
    Sha256::digest(token)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// When a clinic was read, and what: its settings text (to keep the same `Arc` while they do
/// not change, so that clients made from them are kept too) and the clinic.
type Cached = (Instant, Option<(String, Arc<Clinic>)>);

/// The clinics a running inbox serves: the default one from its configuration, the others
/// from the database, each read again after [`CACHE_TTL`].
#[derive(Debug)]
pub struct Clinics {
    store: LeadStore,
    default: Arc<Clinic>,
    cache: Mutex<HashMap<String, Cached>>,
    ttl: Duration,
}

impl Clinics {
    /// The clinics of `store`, with `default` as the default clinic.
    pub fn new(store: LeadStore, default: Clinic) -> Self {
        Self {
            store,
            default: Arc::new(default),
            cache: Mutex::new(HashMap::new()),
            ttl: CACHE_TTL,
        }
    }

    /// Reads a clinic again after `ttl` instead of [`CACHE_TTL`] (tests: zero).
    pub fn with_ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// The default clinic.
    pub fn default_clinic(&self) -> Arc<Clinic> {
        Arc::clone(&self.default)
    }

    /// A clinic by id: `None` when there is none (or its stored settings no longer check,
    /// which is logged).
    pub async fn get(&self, id: &str) -> Result<Option<Arc<Clinic>>, StoreError> {
        if id == DEFAULT_CLINIC {
            return Ok(Some(self.default_clinic()));
        }
        if !valid_id(id) {
            return Ok(None);
        }
        let now = Instant::now();
        let cached = self.lock().get(id).cloned();
        if let Some((at, clinic)) = &cached {
            if now.duration_since(*at) < self.ttl {
                return Ok(clinic.as_ref().map(|(_, c)| Arc::clone(c)));
            }
        }
        let clinic = match self.store.clinic_row(id).await? {
            None => None,
            Some(row) => match cached
                .and_then(|(_, c)| c)
                .filter(|(s, _)| *s == row.settings)
            {
                // Unchanged: the same clinic (and the same webhook client in the forwarder).
                Some(same) => Some(same),
                None => match serde_json::from_str::<ClinicSettings>(&row.settings)
                    .map_err(|e| e.to_string())
                    .and_then(|settings| settings.check(id))
                {
                    Ok(clinic) => Some((row.settings, Arc::new(clinic))),
                    Err(err) => {
                        eprintln!("smp-inbox: clinic {id} cannot be served: {err}");
                        None
                    }
                },
            },
        };
        let mut cache = self.lock();
        if cache.len() > 10_000 {
            cache.clear();
        }
        cache.insert(id.to_string(), (now, clinic.clone()));
        Ok(clinic.map(|(_, c)| c))
    }

    /// Every clinic: the default one, then the database's.
    pub async fn all(&self) -> Result<Vec<Arc<Clinic>>, StoreError> {
        let mut clinics = vec![self.default_clinic()];
        for row in self.store.clinic_rows().await? {
            if let Some(clinic) = self.get(&row.id).await? {
                clinics.push(clinic);
            }
        }
        Ok(clinics)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Cached>> {
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Stores a config file's `[[clinic]]` (when it differs from what is stored): what
/// `smp-inbox` does at start and `smp-inbox clinic apply` does for a running fleet.
pub async fn apply_file_clinic(store: &LeadStore, clinic: &FileClinic) -> Result<bool, String> {
    let settings = clinic.settings();
    settings.check(&clinic.id)?;
    if clinic.id == DEFAULT_CLINIC {
        return Err(
            "[[clinic]] id \"default\" is the inbox's own settings (the file's top-level keys)"
                .into(),
        );
    }
    let token = match clinic.api_token.as_deref().filter(|t| !t.trim().is_empty()) {
        None => None,
        Some(token) => {
            check_secret(&format!("clinic {} api_token", clinic.id), token)
                .map_err(|e| e.to_string())?;
            Some(token_sha256(token.trim().as_bytes()))
        }
    };
    let json = serde_json::to_string(&settings).map_err(|e| e.to_string())?;
    let stored = store
        .clinic_row(&clinic.id)
        .await
        .map_err(|e| e.to_string())?;
    if let Some(row) = stored {
        let same_token = token.is_none() || token == row.api_token_sha256;
        let same_settings =
            serde_json::from_str::<ClinicSettings>(&row.settings).ok() == Some(settings.clone());
        if same_token && same_settings {
            return Ok(false);
        }
    }
    store
        .put_clinic(&clinic.id, json, token, crate::clock::now_rfc3339())
        .await
        .map_err(|e| e.to_string())?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_clinic_is_read_again_and_kept_while_unchanged() {
        let store = LeadStore::open_in_memory().expect("db");
        let clinics = Clinics::new(
            store.clone(),
            ClinicSettings::default()
                .check(DEFAULT_CLINIC)
                .expect("default"),
        )
        .with_ttl(Duration::ZERO);
        assert!(clinics.get("north").await.expect("db").is_none());
        let put = |language: &str| {
            let settings = ClinicSettings {
                language: Some(language.into()),
                ..ClinicSettings::default()
            };
            let store = store.clone();
            async move {
                store
                    .put_clinic(
                        "north",
                        serde_json::to_string(&settings).expect("json"),
                        None,
                        "2025-05-01T00:00:00.000Z".into(),
                    )
                    .await
                    .expect("put")
            }
        };
        put("es").await;
        let first = clinics.get("north").await.expect("db").expect("added");
        let again = clinics
            .get("north")
            .await
            .expect("db")
            .expect("still there");
        assert!(Arc::ptr_eq(&first, &again), "unchanged: the same clinic");
        put("fr").await;
        let changed = clinics.get("north").await.expect("db").expect("changed");
        assert_eq!(changed.locale, Locale::Fr);
        assert!(!Arc::ptr_eq(&first, &changed));
        assert!(store
            .remove_clinic("north", "2025-05-01T00:00:00.000Z".into())
            .await
            .expect("remove"));
        assert!(clinics.get("north").await.expect("db").is_none());
    }

    #[test]
    fn ids_are_path_segments() {
        assert!(valid_id("northline"));
        assert!(valid_id("north-line-2"));
        for bad in ["", "North", "a/b", "-a", "a b", "ä", &"a".repeat(64)] {
            assert!(!valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn settings_are_checked() {
        let ok = ClinicSettings {
            allow_origin: vec!["https://a.example".into()],
            notify_email: vec!["desk@a.example".into()],
            ..ClinicSettings::default()
        };
        let clinic = ok.check("a").expect("valid");
        assert!(clinic.origins.allows("https://a.example"));
        assert_eq!(clinic.targets(true).len(), 1);
        assert_eq!(clinic.targets(false).len(), 0);
        let bad_hook = ClinicSettings {
            forward_webhook: Some("https://hooks.example/x".into()),
            forward_webhook_secret: Some("short".into()),
            ..ClinicSettings::default()
        };
        assert!(bad_hook.check("a").is_err());
        assert!(ClinicSettings::default().check("A").is_err());
    }
}
