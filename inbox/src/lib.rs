//! `smp-inbox`: a small, self-hostable receiver for the leads that the SMP Consult widget sends.
//!
//! It accepts `POST /v1/leads` (schema `smp-consult.lead/v1`), stores each lead once in a
//! SQLite file, and shows the stored leads as JSON and on a plain admin page. The widget
//! retries until it gets a 2xx, so storing is idempotent on the lead's `id`.
//!
//! [`app`] builds the router from an [`AppState`]; [`serve`] is what the binary runs.

pub mod admin;
pub mod api;
pub mod clock;
pub mod config;
pub mod cors;
pub mod lead;
pub mod store;

use std::future::Future;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;

pub use config::{AllowedOrigins, Args, Config, ConfigError, DEFAULT_MAX_BODY_BYTES};
pub use store::{LeadStore, StoreError};

/// What every request handler shares: the database and the CORS policy.
#[derive(Debug, Clone)]
pub struct AppState {
    store: LeadStore,
    allowed_origins: Arc<AllowedOrigins>,
    max_body_bytes: usize,
}

impl AppState {
    /// State with the default body limit ([`DEFAULT_MAX_BODY_BYTES`]).
    pub fn new(store: LeadStore, allowed_origins: AllowedOrigins) -> Self {
        Self {
            store,
            allowed_origins: Arc::new(allowed_origins),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }

    /// Changes the largest request body accepted.
    pub fn with_max_body_bytes(mut self, max_body_bytes: usize) -> Self {
        self.max_body_bytes = max_body_bytes;
        self
    }

    /// The lead database.
    pub fn store(&self) -> &LeadStore {
        &self.store
    }
}

/// The whole HTTP interface: API, admin pages, health check, CORS.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(api::healthz))
        .route(
            "/v1/leads",
            get(api::list_leads)
                .post(api::create_lead)
                .options(api::preflight),
        )
        .route("/v1/leads/{id}", get(api::get_lead))
        .route("/admin", get(admin::list_page))
        .route("/admin/leads/{id}", get(admin::detail_page))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(state.max_body_bytes))
        // Outermost, so a refused origin is answered before any body is read or stored.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cors::cors,
        ))
        .with_state(state)
}

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database file could not be opened or set up.
    #[error("could not open database {path}: {source}")]
    Database {
        /// The file given with `--db`.
        path: PathBuf,
        /// What SQLite said.
        source: StoreError,
    },
    /// The address could not be bound.
    #[error("could not listen on {addr}: {source}")]
    Bind {
        /// The address given with `--addr`.
        addr: SocketAddr,
        /// What the OS said.
        source: std::io::Error,
    },
    /// Writing the start-up line or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Opens the database, binds, prints `smp-inbox listening on http://IP:PORT` to stdout and
/// serves until `shutdown` completes, letting requests in flight finish.
pub async fn serve<F>(config: Config, shutdown: F) -> Result<(), ServeError>
where
    F: Future<Output = ()> + Send + 'static,
{
    let store = LeadStore::open(&config.db_path).map_err(|source| ServeError::Database {
        path: config.db_path.clone(),
        source,
    })?;
    let state =
        AppState::new(store, config.allowed_origins).with_max_body_bytes(config.max_body_bytes);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: config.addr,
            source,
        })?;
    let local = listener.local_addr()?;
    {
        // Test harnesses and scripts read this line to learn the port (with --addr …:0),
        // and stdout is block-buffered when piped: flush it now.
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "smp-inbox listening on http://{local}")?;
        stdout.flush()?;
    }
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}
