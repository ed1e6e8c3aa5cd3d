//! `smp-inbox`: a small, self-hostable receiver for the leads that the SMP Consult widget sends.
//!
//! It accepts `POST /v1/leads` (schema `smp-consult.lead/v1`), stores each lead once in a
//! SQLite file, and shows the stored leads as JSON and on a plain admin page. The widget
//! retries until it gets a 2xx, so storing is idempotent on the lead's `id`.
//!
//! [`app`] builds the router from an [`AppState`]; [`serve`] is what the binary runs.

pub mod api;
pub mod auth;
pub mod clock;
pub mod config;
pub mod cors;
pub mod csv;
pub mod desk;
pub mod forward;
pub mod lead;
pub mod photo;
pub mod ratelimit;
pub mod smtp;
pub mod store;

use std::future::Future;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;

pub use auth::AdminToken;
pub use config::{AllowedOrigins, Args, Config, ConfigError, FileConfig, DEFAULT_MAX_BODY_BYTES};
pub use ratelimit::RateLimiter;
pub use store::{LeadStore, OutboxKind, StoreError};

/// What every request handler shares: the database and the policies.
#[derive(Debug, Clone)]
pub struct AppState {
    store: LeadStore,
    allowed_origins: Arc<AllowedOrigins>,
    max_body_bytes: usize,
    admin_token: Option<Arc<AdminToken>>,
    rate_limiter: Option<Arc<RateLimiter>>,
    forward_kinds: Arc<[OutboxKind]>,
    wake: Arc<forward::Wake>,
    desk: Arc<desk::DeskState>,
}

impl AppState {
    /// State with the default body limit ([`DEFAULT_MAX_BODY_BYTES`]), no admin token (reads
    /// refused), no rate limit and no forwarding.
    pub fn new(store: LeadStore, allowed_origins: AllowedOrigins) -> Self {
        Self {
            store,
            allowed_origins: Arc::new(allowed_origins),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            admin_token: None,
            rate_limiter: None,
            forward_kinds: Arc::from([]),
            wake: Arc::default(),
            desk: Arc::new(desk::DeskState::new(desk::DeskConfig::default())),
        }
    }

    /// Changes the largest request body accepted.
    pub fn with_max_body_bytes(mut self, max_body_bytes: usize) -> Self {
        self.max_body_bytes = max_body_bytes;
        self
    }

    /// Sets the token that reads require.
    pub fn with_admin_token(mut self, token: Option<&str>) -> Self {
        self.admin_token = token.map(|t| Arc::new(AdminToken::new(t)));
        self
    }

    /// Limits lead POSTs per client address (`None`: no limit).
    pub fn with_rate_limiter(mut self, limiter: Option<RateLimiter>) -> Self {
        self.rate_limiter = limiter.map(Arc::new);
        self
    }

    /// Queues these forwarding jobs for every new lead and wakes the tasks through `wake`.
    pub fn with_forwarding(mut self, kinds: Vec<OutboxKind>, wake: Arc<forward::Wake>) -> Self {
        self.forward_kinds = Arc::from(kinds);
        self.wake = wake;
        self
    }

    /// Sets the desk's language, origin, cookies, sessions, retention and clock.
    pub fn with_desk(mut self, config: desk::DeskConfig) -> Self {
        self.desk = Arc::new(desk::DeskState::new(config));
        self
    }

    /// The lead database.
    pub fn store(&self) -> &LeadStore {
        &self.store
    }
}

/// The whole HTTP interface: API, admin pages, health check, CORS, rate limit.
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
        .merge(desk::routes(state.clone()))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(state.max_body_bytes))
        // Before the body is read, so a client over its limit uploads nothing more.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ratelimit::limit,
        ))
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

/// A server with its database open and its socket bound, not yet serving.
pub struct Server {
    listener: tokio::net::TcpListener,
    router: Router,
    store: LeadStore,
    config: Config,
    wake: Arc<forward::Wake>,
}

impl Server {
    /// Opens the database (blocking, at start-up) and binds the address.
    pub async fn bind(config: Config) -> Result<Self, ServeError> {
        let store = LeadStore::open(&config.db_path).map_err(|source| ServeError::Database {
            path: config.db_path.clone(),
            source,
        })?;
        let wake = Arc::new(forward::Wake::default());
        let state = AppState::new(store.clone(), config.allowed_origins.clone())
            .with_max_body_bytes(config.max_body_bytes)
            .with_admin_token(config.admin_token.as_deref())
            .with_rate_limiter(RateLimiter::new(
                config.rate_limit_per_minute,
                config.rate_limit_burst,
            ))
            .with_forwarding(config.forward.kinds(), Arc::clone(&wake))
            .with_desk(config.desk.clone());
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: config.addr,
                source,
            })?;
        Ok(Self {
            listener,
            router: app(state),
            store,
            config,
            wake,
        })
    }

    /// The address really bound (the port chosen when `--addr` said 0).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Starts the forwarding tasks (which resume any jobs left pending) and serves until
    /// `shutdown` completes, letting requests in flight finish.
    pub async fn run<F>(self, shutdown: F) -> Result<(), ServeError>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let mut workers = forward::spawn(self.store.clone(), self.config.forward, self.wake);
        if let Some(days) = self.config.desk.retention_days {
            workers.push(desk::retention::spawn(
                self.store,
                days,
                self.config.desk.clock.clone(),
            ));
        }
        let served = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        // A job interrupted here is still pending in the outbox and is retried on the next
        // start.
        for worker in workers {
            worker.abort();
        }
        Ok(served?)
    }
}

/// Opens the database, binds, prints `smp-inbox listening on http://IP:PORT` to stdout and
/// serves until `shutdown` completes, letting requests in flight finish.
pub async fn serve<F>(config: Config, shutdown: F) -> Result<(), ServeError>
where
    F: Future<Output = ()> + Send + 'static,
{
    let server = Server::bind(config).await?;
    let local = server.local_addr()?;
    {
        // Test harnesses and scripts read this line to learn the port (with --addr …:0),
        // and stdout is block-buffered when piped: flush it now.
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "smp-inbox listening on http://{local}")?;
        stdout.flush()?;
    }
    server.run(shutdown).await
}
