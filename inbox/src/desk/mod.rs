//! The lead desk: the pages a clinic's front desk works its leads from (`/admin/…`), the
//! users and sessions that guard them, and the audit log of what was done.
//!
//! - [`session`]: login, logout, the session cookie and the CSRF guard.
//! - [`leads`]: the list (filters, search, paging, CSV), one lead (status, notes, contact
//!   links, the lead in words), erasure and the personal-data export.
//! - [`forwards`]: where every forward (webhook, email) stands, and *Retry now*.
//! - [`audit`]: the audit log page (administrators).
//! - [`words`]: a lead in words from the widget's string tables; [`text`]: the desk's own
//!   chrome in the same six languages.
//! - [`password`], [`throttle`], [`retention`], [`users`]: hashing, login throttling,
//!   automatic erasure, and `smp-inbox user …`.

pub mod audit;
pub mod filter;
pub mod forwards;
pub mod leads;
pub mod page;
pub mod password;
pub mod retention;
pub mod session;
pub mod text;
pub mod throttle;
pub mod users;
pub mod words;

use std::time::Duration;

use axum::routing::{get, post};
use smp_consult::i18n::Locale;
use tokio::sync::Semaphore;

use crate::clock::SharedClock;
use crate::AppState;

pub use session::Desk;
pub use words::Words;

/// How long a session may sit unused by default.
pub const DEFAULT_SESSION_IDLE: Duration = Duration::from_secs(4 * 3600);

/// The desk's settings.
#[derive(Debug, Clone)]
pub struct DeskConfig {
    /// The language of the pages (and of the leads in words).
    pub locale: Locale,
    /// The desk's origin as browsers see it (`https://leads.clinic.example`), from
    /// `--public-url`; forms must come from it. Without one, a form's `Origin` must match the
    /// `Host` it was sent to.
    pub public_origin: Option<String>,
    /// Cookies get `Secure` (and the `__Host-` prefix): the desk is served over https.
    pub secure_cookies: bool,
    /// A session unused for this long ends.
    pub session_idle: Duration,
    /// Leads older than this many days are erased automatically (`None`: kept).
    pub retention_days: Option<u32>,
    /// The clock for sessions, throttling and retention (the server gives the desk and
    /// forwarding the same one).
    pub clock: SharedClock,
}

impl Default for DeskConfig {
    fn default() -> Self {
        Self {
            locale: Locale::En,
            public_origin: None,
            secure_cookies: false,
            session_idle: DEFAULT_SESSION_IDLE,
            retention_days: None,
            clock: crate::clock::system(),
        }
    }
}

/// The desk's shared state.
#[derive(Debug)]
pub struct DeskState {
    /// Settings.
    pub config: DeskConfig,
    /// Password checks running at once (each takes tens of ms of CPU).
    pub hashing: Semaphore,
}

impl DeskState {
    /// State for these settings.
    pub fn new(config: DeskConfig) -> Self {
        Self {
            config,
            hashing: Semaphore::new(2),
        }
    }
}

tokio::task_local! {
    /// The language of the clinic of the user a desk request is served to, when it is not
    /// the inbox's own (set by [`session::guard`] for the whole request).
    pub(crate) static CLINIC_LOCALE: Locale;
}

impl AppState {
    /// The desk's words: in the language of the user's clinic (a user of one clinic other
    /// than the default one), else in the inbox's configured language.
    pub fn words(&self) -> Words {
        Words::new(
            CLINIC_LOCALE
                .try_with(|locale| *locale)
                .unwrap_or(self.desk.config.locale),
        )
    }
}

/// Every desk route, behind the CSRF guard.
pub fn routes(state: AppState) -> crate::RouteTable {
    crate::RouteTable::new()
        .route("/admin", get(leads::list_page))
        .route("/admin/", get(leads::list_page))
        .route(
            "/admin/login",
            get(session::login_page).post(session::login),
        )
        .route("/admin/logout", post(session::logout))
        .route("/admin/audit", get(audit::audit_page))
        .route("/admin/leads.csv", get(leads::csv_export))
        .route("/admin/leads/{id}", get(leads::detail_page))
        .route("/admin/leads/{id}/status", post(leads::set_status))
        .route("/admin/leads/{id}/notes", post(leads::add_note))
        .route(
            "/admin/leads/{id}/erase",
            get(leads::erase_page).post(leads::erase),
        )
        .route("/admin/leads/{id}/lead.json", get(leads::raw_json))
        .route("/admin/leads/{id}/person.json", get(leads::person_export))
        .route("/admin/leads/{id}/photos/{slot}", get(leads::photo))
        .route("/admin/forwards", get(forwards::list_page))
        .route("/admin/forwards/{id}/retry", post(forwards::retry))
        .map(|r| r.route_layer(axum::middleware::from_fn_with_state(state, session::guard)))
        .route("/admin/desk.css", get(page::stylesheet))
}
