//! The email notification: one message per recipient (so a refused address does not stop the
//! others, and each has its own result on the desk), sent with `lettre` over STARTTLS or
//! implicit TLS (rustls), with AUTH when a user name is configured. The message is text and
//! HTML in the inbox's language, with a link to the lead; it carries what the clinic needs to
//! call back, and deliberately not the answers, the message or the photos (health data): those
//! stay in the inbox. The subject holds only the visitor's name.

use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use maud::html;
use rustls_pki_types::CertificateDer;
use serde_json::Value;
use smp_consult::domain::lead::{BestTime, PreferredContact};
use smp_consult::domain::recommend::Approach;
use smp_consult::i18n::{Locale, Strings};

use super::{error_chain, Failure, SetupError};
use crate::config::Secret;
use crate::store::LeadStore;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only to a relay on this machine, and never with a password.
    None,
}

impl SmtpSecurity {
    /// From `--smtp-security`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "starttls" => Some(Self::StartTls),
            "tls" => Some(Self::Tls),
            "none" => Some(Self::None),
            _ => None,
        }
    }

    /// The usual port for this kind of connection.
    pub fn default_port(self) -> u16 {
        match self {
            Self::StartTls => 587,
            Self::Tls => 465,
            Self::None => 25,
        }
    }
}

/// Where and to whom notification emails go.
#[derive(Debug, Clone)]
pub struct EmailConfig {
    /// SMTP server host (a name, or an IP address the certificate names).
    pub host: String,
    /// SMTP server port.
    pub port: u16,
    /// STARTTLS, implicit TLS, or none (local relay only).
    pub security: SmtpSecurity,
    /// User name and password for AUTH, if the server wants them.
    pub credentials: Option<(String, Secret)>,
    /// Sender address.
    pub from: String,
    /// Recipients, each one its own job.
    pub to: Vec<String>,
    /// The inbox's address as the clinic's staff reach it, for the link to the lead.
    pub public_url: String,
    /// The language of the message.
    pub locale: Locale,
}

/// The email options as given, before checking.
#[derive(Debug, Clone, Default)]
pub struct EmailOptions {
    /// `--smtp-host`
    pub host: Option<String>,
    /// `--smtp-port`
    pub port: Option<u16>,
    /// `--smtp-security`
    pub security: Option<String>,
    /// `--smtp-username`
    pub username: Option<String>,
    /// `--smtp-password`
    pub password: Option<Secret>,
    /// `--smtp-from`
    pub from: Option<String>,
    /// `--notify-email`
    pub to: Vec<String>,
    /// `--public-url`, already checked and normalised (`https://leads.clinic.example`).
    pub public_url: Option<String>,
    /// `--language`, already read.
    pub locale: Locale,
}

const TOGETHER: &str = "email notification needs --smtp-host, --smtp-from and --notify-email \
                        together";

impl EmailConfig {
    /// Checks the SMTP options together: none of them, or host, sender and recipients (and
    /// what goes with them).
    pub fn from_options(options: EmailOptions) -> Result<Option<Self>, String> {
        let (host, from) = match (options.host, options.from, options.to.is_empty()) {
            (None, None, true) => return Ok(None),
            (Some(host), Some(from), false) => (host, from),
            (None, _, _) => return Err(format!("{TOGETHER}: --smtp-host is missing")),
            (_, None, _) => return Err(format!("{TOGETHER}: --smtp-from is missing")),
            (_, _, true) => return Err(format!("{TOGETHER}: --notify-email is missing")),
        };
        if from.parse::<Mailbox>().is_err() || !plain_address(&from) {
            return Err(format!("--smtp-from {from:?} is not an email address"));
        }
        if let Some(bad) = options.to.iter().find(|a| !plain_address(a)) {
            return Err(format!("--notify-email {bad:?} is not an email address"));
        }
        let security = match options.security {
            None => SmtpSecurity::StartTls,
            Some(text) => SmtpSecurity::parse(&text)
                .ok_or_else(|| format!("--smtp-security {text:?} must be starttls, tls or none"))?,
        };
        let local = matches!(host.as_str(), "localhost" | "127.0.0.1" | "::1");
        if security == SmtpSecurity::None && !local {
            return Err(format!(
                "--smtp-security none sends mail unencrypted: it is allowed only to a relay on \
                 this machine (--smtp-host 127.0.0.1), not to {host}; use starttls or tls"
            ));
        }
        let credentials = match (options.username, options.password) {
            (None, None) => None,
            (Some(user), Some(password)) => Some((user, password)),
            _ => {
                return Err(
                    "--smtp-username and --smtp-password go together: give both or neither".into(),
                )
            }
        };
        if credentials.is_some() && security == SmtpSecurity::None {
            return Err(
                "--smtp-password would be sent unencrypted: use --smtp-security \
                        starttls or tls"
                    .into(),
            );
        }
        let public_url = options.public_url.ok_or(
            "email notification needs --public-url, the inbox's address as your staff open it \
             (e.g. https://leads.clinic.example), so the email can link to the lead",
        )?;
        Ok(Some(Self {
            port: options.port.unwrap_or(security.default_port()),
            host,
            security,
            credentials,
            from,
            to: options.to,
            public_url,
            locale: options.locale,
        }))
    }
}

/// An address that can go in a header and an envelope as it is.
fn plain_address(address: &str) -> bool {
    smp_consult::domain::lead::is_email(address) && address.parse::<Mailbox>().is_ok()
}

/// The SMTP transport, set up once.
pub struct Mailer {
    config: EmailConfig,
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl Mailer {
    /// Sets up TLS (built-in roots and `extra_roots`) and AUTH.
    pub fn new(
        config: &EmailConfig,
        timeout: Duration,
        extra_roots: &[CertificateDer<'static>],
    ) -> Result<Self, SetupError> {
        let tls = |host: &str| {
            let mut builder = TlsParameters::builder(host.to_string());
            for root in extra_roots {
                let cert = Certificate::from_der(root.to_vec())
                    .map_err(|e| SetupError(format!("--tls-ca-file: {}", error_chain(&e))))?;
                builder = builder.add_root_certificate(cert);
            }
            builder
                .build_rustls()
                .map_err(|e| SetupError(format!("SMTP TLS: {}", error_chain(&e))))
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host)
            .port(config.port)
            .timeout(Some(timeout))
            .tls(match config.security {
                SmtpSecurity::StartTls => Tls::Required(tls(&config.host)?),
                SmtpSecurity::Tls => Tls::Wrapper(tls(&config.host)?),
                SmtpSecurity::None => Tls::None,
            });
        if let Some((user, password)) = &config.credentials {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                password.expose().to_string(),
            ));
        }
        Ok(Self {
            config: config.clone(),
            transport: builder.build(),
        })
    }

    /// Whether `address` is still a configured recipient.
    pub fn sends_to(&self, address: &str) -> bool {
        self.config.to.iter().any(|to| to == address)
    }

    /// Sends the notification of one lead to one recipient, in the inbox's language.
    pub async fn deliver(&self, store: &LeadStore, lead_id: &str, to: &str) -> Result<(), Failure> {
        self.deliver_in(self.config.locale, store, lead_id, to)
            .await
    }

    /// Sends the notification of one lead to one recipient in `locale` (its clinic's).
    pub async fn deliver_in(
        &self,
        locale: Locale,
        store: &LeadStore,
        lead_id: &str,
        to: &str,
    ) -> Result<(), Failure> {
        let lead = store
            .get(lead_id)
            .await
            .map_err(|e| Failure::new(e.to_string()))?
            .ok_or_else(|| Failure::new("the lead is no longer in the database"))?;
        let body: Value = serde_json::from_str(&lead.body).unwrap_or(Value::Null);
        let note = notification(
            locale,
            &self.config.public_url,
            &lead.id,
            &lead.received_at,
            lead.photos.len(),
            &body,
        );
        let message = self
            .message(&note, &lead.id, to)
            .map_err(|e| Failure::new(format!("could not build the email: {e}")))?;
        self.transport.send(message).await.map(drop).map_err(|e| {
            let kind = if e.is_permanent() {
                " (refused for good: check the address)"
            } else {
                ""
            };
            Failure::new(format!(
                "SMTP {}:{} to {to}: {}{kind}",
                self.config.host,
                self.config.port,
                error_chain(&e)
            ))
        })
    }

    fn message(&self, note: &Notification, lead_id: &str, to: &str) -> Result<Message, String> {
        let from: Mailbox = self.config.from.parse().map_err(|e| format!("{e}"))?;
        let to: Mailbox = to.parse().map_err(|e| format!("{e}"))?;
        let domain = self
            .config
            .from
            .rsplit_once('@')
            .map_or("smp-inbox", |(_, d)| d);
        Message::builder()
            .from(from)
            .to(to)
            .subject(note.subject.clone())
            // The same message to each recipient and on each retry: one id per lead.
            .message_id(Some(format!("<{lead_id}@{domain}>")))
            .multipart(MultiPart::alternative_plain_html(
                note.text.clone(),
                note.html.clone(),
            ))
            .map_err(|e| e.to_string())
    }
}

/// The wording only the inbox needs; the field labels and approach names are the widget's own
/// (`smp_consult::i18n`), so they read as the visitor saw them.
struct Wording {
    subject: &'static str,
    name: &'static str,
    preferred: &'static str,
    best_time: &'static str,
    intro: &'static str,
    approach: &'static str,
    photos: &'static str,
    received: &'static str,
    open: &'static str,
    privacy: &'static str,
}

fn wording(locale: Locale) -> Wording {
    match locale {
        Locale::En => Wording {
            name: "Name",
            preferred: "Preferred contact",
            best_time: "Best time",
            subject: "New lead: {name}",
            intro: "A new lead arrived in your SMP inbox.",
            approach: "Recommended approach",
            photos: "Photos",
            received: "Received (UTC)",
            open: "Open the lead",
            privacy: "The answers, photos and consent are in the inbox only: they include health \
                      information, so they are not sent by email.",
        },
        Locale::Es => Wording {
            name: "Nombre",
            preferred: "Contacto preferido",
            best_time: "Mejor momento",
            subject: "Nuevo contacto: {name}",
            intro: "Ha llegado un nuevo contacto a tu bandeja de SMP.",
            approach: "Técnica recomendada",
            photos: "Fotos",
            received: "Recibido (UTC)",
            open: "Abrir el contacto",
            privacy: "Las respuestas, las fotos y el consentimiento están solo en la bandeja: \
                      incluyen información de salud, por eso no se envían por correo.",
        },
        Locale::Fr => Wording {
            name: "Nom",
            preferred: "Contact préféré",
            best_time: "Meilleur moment",
            subject: "Nouveau contact : {name}",
            intro: "Un nouveau contact est arrivé dans votre boîte SMP.",
            approach: "Technique recommandée",
            photos: "Photos",
            received: "Reçu (UTC)",
            open: "Ouvrir le contact",
            privacy: "Les réponses, les photos et le consentement restent dans la boîte : ils \
                      contiennent des informations de santé et ne sont donc pas envoyés par \
                      e-mail.",
        },
        Locale::De => Wording {
            name: "Name",
            preferred: "Bevorzugter Kontakt",
            best_time: "Beste Zeit",
            subject: "Neue Anfrage: {name}",
            intro: "Eine neue Anfrage ist in Ihrem SMP-Posteingang eingegangen.",
            approach: "Empfohlene Methode",
            photos: "Fotos",
            received: "Eingegangen (UTC)",
            open: "Anfrage öffnen",
            privacy: "Antworten, Fotos und Einwilligung stehen nur im Posteingang: Sie \
                      enthalten Gesundheitsdaten und werden deshalb nicht per E-Mail versendet.",
        },
        Locale::Pt => Wording {
            name: "Nome",
            preferred: "Contato preferido",
            best_time: "Melhor horário",
            subject: "Novo contato: {name}",
            intro: "Chegou um novo contato à sua caixa de entrada SMP.",
            approach: "Técnica recomendada",
            photos: "Fotos",
            received: "Recebido (UTC)",
            open: "Abrir o contato",
            privacy: "As respostas, as fotos e o consentimento ficam apenas na caixa de \
                      entrada: incluem informações de saúde, por isso não são enviados por \
                      e-mail.",
        },
        Locale::It => Wording {
            name: "Nome",
            preferred: "Contatto preferito",
            best_time: "Momento migliore",
            subject: "Nuovo contatto: {name}",
            intro: "È arrivato un nuovo contatto nella tua casella SMP.",
            approach: "Tecnica consigliata",
            photos: "Foto",
            received: "Ricevuto (UTC)",
            open: "Apri il contatto",
            privacy: "Le risposte, le foto e il consenso restano solo nella casella: \
                      contengono informazioni sulla salute e quindi non vengono inviati per \
                      e-mail.",
        },
    }
}

/// A notification's subject and bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// The visitor's name only: no health data in a subject line, which mail systems log.
    pub subject: String,
    /// Plain text.
    pub text: String,
    /// HTML, every value escaped.
    pub html: String,
}

/// The notification of a lead (its stored JSON) in `locale`.
pub fn notification(
    locale: Locale,
    public_url: &str,
    id: &str,
    received_at: &str,
    photos: usize,
    lead: &Value,
) -> Notification {
    let t: &Strings = locale.strings();
    let w = wording(locale);
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
    let coded = |pointer: &str, label: &dyn Fn(&str) -> Option<&'static str>| {
        let code = text(pointer);
        or_dash(label(&code).map_or(code, str::to_string))
    };
    let preferred = coded("/contact/preferred_contact", &|c| {
        PreferredContact::from_code(c).map(t.preferred_contact)
    });
    let best_time = coded("/contact/best_time", &|c| {
        BestTime::from_code(c).map(t.best_time)
    });
    let approach = coded("/recommendation/approach", &|c| {
        Approach::from_code(c).map(|a| t.approach(a).text)
    });
    let rows: Vec<(&str, String)> = vec![
        (w.name, name.clone()),
        (t.email_label, or_dash(text("/contact/email"))),
        (t.phone_label, or_dash(text("/contact/phone"))),
        (w.preferred, preferred),
        (w.best_time, best_time),
        (w.approach, approach),
        (w.photos, photos.to_string()),
        (
            w.received,
            received_at
                .replacen('T', " ", 1)
                .trim_end_matches('Z')
                .to_string(),
        ),
    ];
    let link = format!("{public_url}/admin/leads/{id}");
    let short_name: String = name.chars().take(60).collect();
    let subject = w.subject.replace("{name}", &short_name);

    let mut plain = format!("{}\n\n", w.intro);
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in &rows {
        let pad = width - label.chars().count();
        plain.push_str(&format!("{label}:{} {value}\n", " ".repeat(pad)));
    }
    plain.push_str(&format!("\n{}: {link}\n\n{}\n", w.open, w.privacy));

    let html = html! {
        (maud::DOCTYPE)
        html lang=(locale.code()) {
            head { meta charset="utf-8"; title { (subject) } }
            body style="font-family:system-ui,sans-serif;color:#1b1f24" {
                p { (w.intro) }
                table style="border-collapse:collapse" {
                    @for (label, value) in &rows {
                        tr {
                            th scope="row" style="text-align:left;padding:2px 12px 2px 0" { (label) }
                            td style="padding:2px 0" { (value) }
                        }
                    }
                }
                p { a href=(link) { (w.open) } }
                p style="color:#57606a;font-size:90%" { (w.privacy) }
            }
        }
    }
    .into_string();
    Notification {
        subject,
        text: plain,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lead() -> Value {
        json!({
            "contact": {"name": "Zoë <b>Ünal</b>\r\nBcc: x@evil.example", "email": "zoe@example.com",
                        "phone": "+44 7700 900123", "preferred_contact": "whatsapp",
                        "best_time": "evening", "message": "I have a keloid"},
            "answers": {"health": ["keloid"]},
            "recommendation": {"approach": "buzz_cut", "in_person": ["keloid"]},
        })
    }

    #[test]
    fn leaves_health_data_out_and_links_to_the_lead() {
        let note = notification(
            Locale::En,
            "https://leads.clinic.example",
            "id-1",
            "2025-05-01T10:00:00.000Z",
            2,
            &lead(),
        );
        assert_eq!(
            note.subject,
            "New lead: Zoë <b>Ünal</b>  Bcc: x@evil.example"
        );
        let line = |label: &str| {
            note.text
                .lines()
                .find(|l| l.starts_with(label))
                .map(|l| l[label.len()..].trim().to_string())
        };
        assert_eq!(
            line("Preferred contact:").as_deref(),
            Some("WhatsApp or text message")
        );
        assert_eq!(
            line("Recommended approach:").as_deref(),
            Some("The full buzz-cut look")
        );
        assert_eq!(line("Photos:").as_deref(), Some("2"));
        assert!(note
            .text
            .contains("https://leads.clinic.example/admin/leads/id-1"));
        for body in [&note.text, &note.html] {
            assert!(!body.contains("keloid"), "{body}");
        }
        assert!(!note.subject.contains('\n'));
        assert!(
            note.html.contains("Zoë &lt;b&gt;Ünal&lt;/b&gt;"),
            "{}",
            note.html
        );
        assert!(note
            .html
            .contains("href=\"https://leads.clinic.example/admin/leads/id-1\""));
    }

    #[test]
    fn speaks_the_inbox_language() {
        let note = notification(Locale::De, "https://x.example", "id", "", 0, &lead());
        assert!(note.subject.starts_with("Neue Anfrage: Zoë"));
        assert!(note
            .text
            .contains("Anfrage öffnen: https://x.example/admin/leads/id"));
        assert!(note.html.contains("lang=\"de\""));
    }

    #[test]
    fn options_are_checked_together() {
        let base = EmailOptions {
            host: Some("smtp.example".into()),
            from: Some("inbox@clinic.example".into()),
            to: vec!["desk@clinic.example".into()],
            public_url: Some("https://leads.clinic.example".into()),
            locale: Locale::Pt,
            ..EmailOptions::default()
        };
        let config = EmailConfig::from_options(base.clone())
            .expect("valid")
            .expect("on");
        assert_eq!(
            (config.security, config.port),
            (SmtpSecurity::StartTls, 587)
        );
        assert_eq!(config.public_url, "https://leads.clinic.example");
        assert_eq!(config.locale, Locale::Pt);
        let err = |options: EmailOptions| EmailConfig::from_options(options).expect_err("bad");
        assert!(err(EmailOptions {
            security: Some("none".into()),
            ..base.clone()
        })
        .contains("unencrypted"));
        assert!(err(EmailOptions {
            public_url: None,
            ..base.clone()
        })
        .contains("--public-url"));
        assert!(err(EmailOptions {
            username: Some("u".into()),
            ..base.clone()
        })
        .contains("--smtp-password"));
        assert!(err(EmailOptions {
            to: vec!["nope".into()],
            ..base
        })
        .contains("--notify-email"));
    }
}
