//! `smp-inbox`: a small, self-hostable receiver for the leads that the SMP Consult widget sends.
//!
//! It accepts `POST /v1/leads` (schema `smp-consult.lead/v1`, read into the widget's own
//! `LeadPayload`), stores each lead once in a SQLite file, forwards it (signed webhook over
//! https, email over SMTP with TLS) from a durable job table, and shows the stored leads as
//! JSON and on admin pages. The widget retries until it gets a 2xx, so storing is idempotent on
//! the lead's `id`.
//!
//! [`app`] builds the router from an [`AppState`]; [`Server`] adds the connection handling
//! (caps, timeouts, graceful shutdown) and [`serve`] is what the binary runs.

pub mod admin;
pub mod api;
pub mod auth;
pub mod clock;
pub mod config;
pub mod cors;
pub mod csv;
pub mod forward;
pub mod lead;
pub mod listener;
pub mod photo;
pub mod ratelimit;
pub mod store;

use std::future::Future;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler as _;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use ipnet::IpNet;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

pub use auth::AdminToken;
pub use config::{
    AllowedOrigins, Args, Config, ConfigError, FileConfig, Limits, DEFAULT_MAX_BODY_BYTES,
};
pub use ratelimit::RateLimiter;
pub use store::{ForwardTarget, LeadStore, OutboxKind, StoreError};

/// What every request handler shares: the database and the policies.
#[derive(Debug, Clone)]
pub struct AppState {
    store: LeadStore,
    allowed_origins: Arc<AllowedOrigins>,
    max_body_bytes: usize,
    admin_token: Option<Arc<AdminToken>>,
    rate_limiter: Option<Arc<RateLimiter>>,
    trusted_proxies: Arc<[IpNet]>,
    forward_targets: Arc<[ForwardTarget]>,
    wake: Arc<forward::Wake>,
    limits: Arc<Limits>,
    /// Lead bodies being parsed at once: each needs a few times its size in memory.
    parsing: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// State with the default body limit ([`DEFAULT_MAX_BODY_BYTES`]) and limits, no admin
    /// token (reads refused), no rate limit and no forwarding.
    pub fn new(store: LeadStore, allowed_origins: AllowedOrigins) -> Self {
        Self {
            store,
            allowed_origins: Arc::new(allowed_origins),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            admin_token: None,
            rate_limiter: None,
            trusted_proxies: Arc::from([]),
            forward_targets: Arc::from([]),
            wake: Arc::default(),
            limits: Arc::new(Limits::default()),
            parsing: Arc::new(tokio::sync::Semaphore::new(parse_permits())),
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

    /// Believes `X-Forwarded-For` from these proxies.
    pub fn with_trusted_proxies(mut self, proxies: Vec<IpNet>) -> Self {
        self.trusted_proxies = Arc::from(proxies);
        self
    }

    /// Timeouts and caps.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = Arc::new(limits);
        self
    }

    /// Queues these forwarding jobs for every new lead and wakes the forwarder through `wake`.
    pub fn with_forwarding(
        mut self,
        targets: Vec<ForwardTarget>,
        wake: Arc<forward::Wake>,
    ) -> Self {
        self.forward_targets = Arc::from(targets);
        self.wake = wake;
        self
    }

    /// The lead database.
    pub fn store(&self) -> &LeadStore {
        &self.store
    }
}

/// As many parses at once as there are cores (at least two).
fn parse_permits() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().max(2))
}

/// The whole HTTP interface: API, admin pages, health check, CORS, rate limit, timeouts.
pub fn app(state: AppState) -> Router {
    let limits = Arc::clone(&state.limits);
    // Bodies being received or processed at once: each may hold up to max_body_bytes, so
    // this bounds their memory. Others wait (within the request timeout).
    let inflight = GlobalConcurrencyLimitLayer::new(limits.max_inflight_posts);
    Router::new()
        .route("/healthz", get(api::healthz))
        .route(
            "/v1/leads",
            get(api::list_leads)
                .post(api::create_lead.layer(inflight))
                .options(api::preflight),
        )
        .route("/v1/leads/{id}", get(api::get_lead))
        .route("/v1/forwards", get(forward::admin::list))
        .route("/v1/forwards/{id}/retry", post(forward::admin::retry_api))
        .route("/admin", get(admin::list_page))
        .route("/admin/leads.csv", get(admin::csv_export))
        .route("/admin/leads/{id}", get(admin::detail_page))
        .route("/admin/leads/{id}/photos/{slot}", get(admin::photo))
        .route("/admin/forwards", get(forward::admin::page))
        .route(
            "/admin/forwards/{id}/retry",
            post(forward::admin::retry_page),
        )
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(state.max_body_bytes))
        // A body that stops arriving for this long is abandoned…
        .layer(RequestBodyTimeoutLayer::new(limits.header_timeout))
        // Before the body is read, so a client over its limit uploads nothing more.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ratelimit::limit,
        ))
        // …and so is a whole request (a slow upload, or waiting for an in-flight slot) that
        // takes longer than this: 408, and its memory is given back.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
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
    /// Forwarding could not be set up.
    #[error("{0}")]
    Forwarding(#[from] forward::SetupError),
    /// Writing the start-up line or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// A server with its database open and its socket bound, not yet serving.
pub struct Server {
    listener: tokio::net::TcpListener,
    router: Router,
    forwarder: forward::Forwarder,
    wake: Arc<forward::Wake>,
    limits: Limits,
    trusted_proxies: Vec<IpNet>,
}

impl Server {
    /// Opens the database (blocking, at start-up) and binds the address.
    pub async fn bind(config: Config) -> Result<Self, ServeError> {
        Self::bind_with_clock(config, Arc::new(clock::SystemClock)).await
    }

    /// As [`Server::bind`], with forwarding reading `clock`.
    pub async fn bind_with_clock(
        config: Config,
        clock: Arc<dyn clock::Clock>,
    ) -> Result<Self, ServeError> {
        let store = LeadStore::open(&config.db_path).map_err(|source| ServeError::Database {
            path: config.db_path.clone(),
            source,
        })?;
        if let Some(email) = &config.forward.email {
            // Email jobs of the first versions meant "every recipient".
            store
                .expand_email_jobs(email.to.clone())
                .await
                .map_err(|source| ServeError::Database {
                    path: config.db_path.clone(),
                    source,
                })?;
        }
        let wake = Arc::new(forward::Wake::default());
        let state = AppState::new(store.clone(), config.allowed_origins.clone())
            .with_max_body_bytes(config.max_body_bytes)
            .with_admin_token(config.admin_token.as_deref())
            .with_rate_limiter(RateLimiter::new(
                config.rate_limit_per_minute,
                config.rate_limit_burst,
            ))
            .with_trusted_proxies(config.trusted_proxies.clone())
            .with_limits(config.limits.clone())
            .with_forwarding(config.forward.targets(), Arc::clone(&wake));
        let forwarder = forward::Forwarder::with_clock(store, config.forward, clock)?;
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: config.addr,
                source,
            })?;
        Ok(Self {
            listener,
            router: app(state),
            forwarder,
            wake,
            limits: config.limits,
            trusted_proxies: config.trusted_proxies,
        })
    }

    /// The address really bound (the port chosen when `--addr` said 0).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The forwarder (tests drive it with their own clock).
    pub fn forwarder(&self) -> forward::Forwarder {
        self.forwarder.clone()
    }

    /// Starts forwarding (which resumes any jobs left pending) and serves until `shutdown`
    /// completes; then stops accepting, lets requests in flight finish for up to the
    /// shutdown grace, and closes whatever is left.
    pub async fn run<F>(self, shutdown: F) -> Result<(), ServeError>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let worker = self.forwarder.spawn(Arc::clone(&self.wake));
        let served = listener::serve(
            self.listener,
            self.router,
            &self.limits,
            &self.trusted_proxies,
            shutdown,
        )
        .await;
        // A job interrupted here keeps its lease and is retried after it expires.
        worker.abort();
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
