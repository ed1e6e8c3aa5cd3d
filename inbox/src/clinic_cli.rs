//! `smp-inbox clinic add|set|token|remove|list|apply`: the clinics an inbox serves, managed
//! from the command line while it runs (every instance picks a change up within
//! [`crate::clinic::CACHE_TTL`]).

use crate::clinic::{apply_file_clinic, token_sha256, valid_id, ClinicSettings};
use crate::clock;
use crate::config::Config;
use crate::store::{LeadStore, DEFAULT_CLINIC};

/// A clinic's options on the command line (`add` sets them, `set` changes those given).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ClinicOptions {
    /// The clinic's name, as operators see it.
    #[arg(long)]
    pub name: Option<String>,
    /// Origin whose pages may post its leads (repeatable; `set` replaces the list).
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allow_origin: Vec<String>,
    /// Its language: en, es, fr, de, pt or it.
    #[arg(long)]
    pub language: Option<String>,
    /// Erase its leads once they are this many days old (0: keep them).
    #[arg(long, value_name = "DAYS")]
    pub retention_days: Option<u32>,
    /// Its webhook (https://); its secret comes from SMP_INBOX_CLINIC_WEBHOOK_SECRET.
    #[arg(long, value_name = "URL")]
    pub forward_webhook: Option<String>,
    /// The webhook's signing secret (at least 32 random characters).
    #[arg(
        long,
        env = "SMP_INBOX_CLINIC_WEBHOOK_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub forward_webhook_secret: Option<String>,
    /// A header its webhook needs, "Name: value" (repeatable; `set` replaces the list).
    #[arg(long = "forward-webhook-header", value_name = "HEADER")]
    pub forward_webhook_header: Vec<String>,
    /// Who is told of each new lead, through the inbox's SMTP server (repeatable; `set`
    /// replaces the list).
    #[arg(long = "notify-email", value_name = "ADDRESS")]
    pub notify_email: Vec<String>,
}

impl ClinicOptions {
    /// `settings` with the options given changed.
    fn apply(self, mut settings: ClinicSettings) -> ClinicSettings {
        if self.name.is_some() {
            settings.name = self.name;
        }
        if !self.allow_origin.is_empty() {
            settings.allow_origin = self.allow_origin;
        }
        if self.language.is_some() {
            settings.language = self.language;
        }
        if let Some(days) = self.retention_days {
            settings.retention_days = (days > 0).then_some(days);
        }
        if self.forward_webhook.is_some() {
            settings.forward_webhook = self.forward_webhook.filter(|u| !u.trim().is_empty());
        }
        if self.forward_webhook_secret.is_some() {
            settings.forward_webhook_secret = self.forward_webhook_secret;
        }
        if !self.forward_webhook_header.is_empty() {
            settings.forward_webhook_header = self.forward_webhook_header;
        }
        if !self.notify_email.is_empty() {
            settings.notify_email = self.notify_email;
        }
        settings
    }
}

/// What `smp-inbox clinic …` was asked to do.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum ClinicCommand {
    /// Adds a clinic; prints its endpoint and its API token (shown once).
    Add {
        /// Its id: lower-case letters, digits and '-' (it is part of its endpoint).
        id: String,
        #[command(flatten)]
        options: ClinicOptions,
    },
    /// Changes the options given of a clinic.
    Set {
        /// The clinic's id.
        id: String,
        #[command(flatten)]
        options: ClinicOptions,
    },
    /// Makes a new API token for a clinic (the old one stops working); prints it.
    Token {
        /// The clinic's id.
        id: String,
    },
    /// Removes a clinic: its endpoint and token stop working; its leads stay until erased.
    Remove {
        /// The clinic's id.
        id: String,
    },
    /// Lists the clinics with their endpoints and number of leads.
    List,
    /// Stores the `[[clinic]]` tables of the --config file (as the server does at start).
    Apply,
}

/// Why a clinic command failed.
#[derive(Debug, thiserror::Error)]
pub enum ClinicError {
    /// Bad settings or id.
    #[error("{0}")]
    Invalid(String),
    /// The database failed.
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

fn new_token() -> Result<String, ClinicError> {
    crate::desk::session::random_token()
        .map_err(|e| ClinicError::Invalid(format!("no random token: {e}")))
}

/// Runs one clinic command; returns what to print.
pub async fn run(
    store: &LeadStore,
    config: &Config,
    command: ClinicCommand,
) -> Result<String, ClinicError> {
    let now = clock::now_rfc3339();
    let invalid = ClinicError::Invalid;
    match command {
        ClinicCommand::Add { id, options } => {
            if id == DEFAULT_CLINIC || !valid_id(&id) {
                return Err(invalid(format!(
                    "clinic id {id:?} must be 1 to 63 lower-case letters, digits and '-' (and \
                     not \"default\")"
                )));
            }
            if store.clinic_row(&id).await?.is_some() {
                return Err(invalid(format!(
                    "there is already a clinic {id:?} (use `smp-inbox clinic set {id} …`)"
                )));
            }
            let settings = options.apply(ClinicSettings::default());
            settings.check(&id).map_err(invalid)?;
            let token = new_token()?;
            let json = serde_json::to_string(&settings).map_err(|e| invalid(e.to_string()))?;
            store
                .put_clinic(&id, json, Some(token_sha256(token.as_bytes())), now)
                .await?;
            Ok(format!(
                "added clinic {id}\nendpoint: /v1/clinics/{id}/leads\napi token (shown once): \
                 {token}"
            ))
        }
        ClinicCommand::Set { id, options } => {
            let Some(row) = store.clinic_row(&id).await? else {
                return Err(invalid(format!("there is no clinic {id:?}")));
            };
            let stored: ClinicSettings =
                serde_json::from_str(&row.settings).map_err(|e| invalid(e.to_string()))?;
            let settings = options.apply(stored);
            settings.check(&id).map_err(invalid)?;
            let json = serde_json::to_string(&settings).map_err(|e| invalid(e.to_string()))?;
            store.put_clinic(&id, json, None, now).await?;
            Ok(format!("changed clinic {id}"))
        }
        ClinicCommand::Token { id } => {
            let Some(row) = store.clinic_row(&id).await? else {
                return Err(invalid(format!("there is no clinic {id:?}")));
            };
            let token = new_token()?;
            store
                .put_clinic(&id, row.settings, Some(token_sha256(token.as_bytes())), now)
                .await?;
            Ok(format!(
                "new api token of clinic {id} (shown once): {token}"
            ))
        }
        ClinicCommand::Remove { id } => {
            if !store.remove_clinic(&id, now).await? {
                return Err(invalid(format!("there is no clinic {id:?}")));
            }
            Ok(format!("removed clinic {id}"))
        }
        ClinicCommand::List => {
            let counts = store.leads_per_clinic().await?;
            let count = |id: &str| counts.iter().find(|(c, _)| c == id).map_or(0, |(_, n)| *n);
            let mut lines = vec![format!(
                "{DEFAULT_CLINIC}\t/v1/leads\t{} leads",
                count(DEFAULT_CLINIC)
            )];
            for row in store.clinic_rows().await? {
                lines.push(format!(
                    "{}\t/v1/clinics/{}/leads\t{} leads",
                    row.id,
                    row.id,
                    count(&row.id)
                ));
            }
            Ok(lines.join("\n"))
        }
        ClinicCommand::Apply => {
            let mut changed = Vec::new();
            for clinic in &config.clinics {
                if apply_file_clinic(store, clinic).await.map_err(invalid)? {
                    changed.push(clinic.id.clone());
                }
            }
            Ok(if changed.is_empty() {
                "no clinic changed".to_string()
            } else {
                format!("stored clinics: {}", changed.join(", "))
            })
        }
    }
}
