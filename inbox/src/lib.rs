//! `smp-inbox`: a small, self-hostable receiver for the leads that the SMP Consult widget sends.
//!
//! It accepts `POST /v1/leads` (schema `smp-consult.lead/v1`, read into the widget's own
//! `LeadPayload`), stores each lead once in a SQLite file, forwards it (signed webhook over
//! https, email over SMTP with TLS) from a durable job table, serves them as JSON to the
//! clinic's systems (API token) and is the desk a clinic's staff work them from (`/admin`,
//! named users; see [`desk`]). The widget retries until it gets a 2xx, so storing is
//! idempotent on the lead's `id`.
//!
//! [`app`] builds the router from an [`AppState`]; [`Server`] adds the connection handling
//! (caps, timeouts, graceful shutdown) and [`serve`] is what the binary runs.

pub mod api;
pub mod auth;
pub mod clinic;
pub mod clinic_cli;
pub mod clock;
pub mod config;
pub mod cors;
pub mod csv;
pub mod desk;
pub mod forward;
pub mod lead;
pub mod listener;
pub mod photo;
pub mod ratelimit;
pub mod scope;
pub mod store;

use std::future::Future;
use std::io::Write as _;
use std::net::SocketAddr;
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
    desk: Arc<desk::DeskState>,
    /// The clinics served: the default one and those in the database.
    clinics: Arc<clinic::Clinics>,
    /// Whether notification email is set up (a clinic's recipients get jobs only then).
    can_mail: bool,
}

/// The default clinic of a single-clinic set-up: these origins, nothing else.
fn default_clinic(origins: AllowedOrigins) -> clinic::Clinic {
    clinic::Clinic {
        id: store::DEFAULT_CLINIC.to_string(),
        name: None,
        origins,
        locale: smp_consult::i18n::Locale::En,
        retention_days: None,
        webhook: None,
        notify_email: Vec::new(),
    }
}

impl AppState {
    /// State with the default body limit ([`DEFAULT_MAX_BODY_BYTES`]) and limits, no admin
    /// token (reads refused), no rate limit and no forwarding.
    pub fn new(store: LeadStore, allowed_origins: AllowedOrigins) -> Self {
        let clinics = clinic::Clinics::new(store.clone(), default_clinic(allowed_origins.clone()));
        Self {
            clinics: Arc::new(clinics),
            can_mail: false,
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

    /// Notification email is set up: a clinic's `notify_email` recipients get a job for each
    /// of its leads.
    pub fn with_mail(mut self, can_mail: bool) -> Self {
        self.can_mail = can_mail;
        self
    }

    /// Reads each clinic's settings again after `ttl` (default [`clinic::CACHE_TTL`]).
    pub fn with_clinic_cache(mut self, ttl: std::time::Duration) -> Self {
        let default = (*self.clinics.default_clinic()).clone();
        self.clinics = Arc::new(clinic::Clinics::new(self.store.clone(), default).with_ttl(ttl));
        self
    }

    /// The clinics served.
    pub fn clinics(&self) -> &Arc<clinic::Clinics> {
        &self.clinics
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

/// As many parses at once as there are cores (at least two).
fn parse_permits() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().max(2))
}

/// A router that remembers the path of every route added to it, so that a test can try each
/// of them (across clinics, without a login…) and a route added later is tried too.
pub struct RouteTable {
    router: Router<AppState>,
    paths: Vec<&'static str>,
}

impl Default for RouteTable {
    fn default() -> Self {
        Self::new()
    }
}

impl RouteTable {
    /// No routes.
    pub fn new() -> Self {
        Self {
            router: Router::new(),
            paths: Vec::new(),
        }
    }

    /// Adds a route.
    pub fn route(
        mut self,
        path: &'static str,
        method_router: axum::routing::MethodRouter<AppState>,
    ) -> Self {
        self.router = self.router.route(path, method_router);
        self.paths.push(path);
        self
    }

    /// Adds another table's routes.
    pub fn merge(mut self, other: RouteTable) -> Self {
        self.router = self.router.merge(other.router);
        self.paths.extend(other.paths);
        self
    }

    /// Applies `f` to the router (a `route_layer` over the routes so far).
    pub fn map(mut self, f: impl FnOnce(Router<AppState>) -> Router<AppState>) -> Self {
        self.router = f(self.router);
        self
    }

    /// The paths, as routed (`/admin/leads/{id}`).
    pub fn paths(&self) -> &[&'static str] {
        &self.paths
    }
}

/// Every route of the inbox, with the layers that belong to them (clinic scope, CSRF guard).
pub fn routes(state: &AppState) -> RouteTable {
    // Bodies being received or processed at once: each may hold up to max_body_bytes, so
    // this bounds their memory. Others wait (within the request timeout).
    let inflight = GlobalConcurrencyLimitLayer::new(state.limits.max_inflight_posts);
    RouteTable::new()
        .route("/healthz", get(api::healthz))
        .route("/readyz", get(api::readyz))
        .route(
            "/v1/leads",
            get(api::list_leads)
                .post(api::create_lead.layer(inflight.clone()))
                .options(api::preflight),
        )
        // A clinic's endpoint: its leads are stored under it, whatever the body says.
        .route(
            "/v1/clinics/{clinic}/leads",
            post(api::create_clinic_lead.layer(inflight)).options(api::preflight),
        )
        // Routes naming one lead or one job take it as scope::LeadId / scope::JobId: another
        // clinic's ids answer as ids that do not exist.
        .route("/v1/leads/{id}", get(api::get_lead))
        // The machine API for forwarding, on the API token like GET /v1/leads.
        .route("/v1/forwards", get(forward::api::list))
        .route("/v1/forwards/{id}/retry", post(forward::api::retry))
        // The desk (/admin/…): named users, sessions and the CSRF guard.
        .merge(desk::routes(state.clone()))
}

/// The whole HTTP interface: API, the desk's pages, health check, CORS, rate limit, timeouts.
pub fn app(state: AppState) -> Router {
    let limits = Arc::clone(&state.limits);
    routes(&state)
        .router
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
    /// The database could not be opened or set up.
    #[error("could not open database {path}: {source}")]
    Database {
        /// The file given with `--db`, or the PostgreSQL URL (without its password).
        path: String,
        /// What the database said.
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
    /// A `[[clinic]]` of the config file could not be stored.
    #[error("{0}")]
    Clinic(String),
    /// Writing the start-up line or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// A server with its database open and its socket bound, not yet serving.
pub struct Server {
    listener: tokio::net::TcpListener,
    router: Router,
    clinics: Arc<clinic::Clinics>,
    store: LeadStore,
    forwarder: forward::Forwarder,
    wake: Arc<forward::Wake>,
    limits: Limits,
    trusted_proxies: Vec<IpNet>,
    desk: desk::DeskConfig,
}

impl Server {
    /// The storage engine it runs on.
    pub fn engine(&self) -> store::db::Engine {
        self.store.engine()
    }

    /// Opens the database (blocking, at start-up) and binds the address.
    pub async fn bind(config: Config) -> Result<Self, ServeError> {
        Self::bind_with_clock(config, clock::system()).await
    }

    /// As [`Server::bind`], with forwarding and the desk (sessions, login throttling,
    /// retention) reading `clock`.
    pub async fn bind_with_clock(
        mut config: Config,
        clock: clock::SharedClock,
    ) -> Result<Self, ServeError> {
        config.desk.clock = Arc::clone(&clock);
        let store = config.open_store().map_err(|source| ServeError::Database {
            path: config.database_name(),
            source,
        })?;
        if let Some(email) = &config.forward.email {
            // Email jobs of the first versions meant "every recipient".
            store
                .expand_email_jobs(email.to.clone())
                .await
                .map_err(|source| ServeError::Database {
                    path: config.database_name(),
                    source,
                })?;
        }
        for clinic in &config.clinics {
            clinic::apply_file_clinic(&store, clinic)
                .await
                .map_err(|e| ServeError::Clinic(e.to_string()))?;
        }
        let wake = Arc::new(forward::Wake::default());
        let state = AppState::new(store.clone(), config.allowed_origins.clone())
            .with_mail(config.forward.email.is_some())
            .with_max_body_bytes(config.max_body_bytes)
            .with_admin_token(config.admin_token.as_deref())
            .with_rate_limiter(RateLimiter::new(
                config.rate_limit_per_minute,
                config.rate_limit_burst,
            ))
            .with_trusted_proxies(config.trusted_proxies.clone())
            .with_limits(config.limits.clone())
            .with_forwarding(config.forward.targets(), Arc::clone(&wake))
            .with_desk(config.desk.clone());
        let forwarder = forward::Forwarder::with_clock(store.clone(), config.forward, clock)?
            .with_clinics(Arc::clone(state.clinics()));
        let clinics = Arc::clone(state.clinics());
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: config.addr,
                source,
            })?;
        Ok(Self {
            listener,
            router: app(state),
            clinics,
            store,
            forwarder,
            wake,
            limits: config.limits,
            trusted_proxies: config.trusted_proxies,
            desk: config.desk,
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

    /// Starts forwarding (which resumes any jobs left pending) and the retention sweep (when
    /// `retention_days` is set), and serves until `shutdown` completes; then stops accepting,
    /// lets requests in flight finish for up to the shutdown grace, and closes whatever is
    /// left.
    pub async fn run<F>(self, shutdown: F) -> Result<(), ServeError>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let workers = vec![
            self.forwarder.spawn(Arc::clone(&self.wake)),
            // Every clinic's retention (the default clinic's is `retention_days`).
            desk::retention::spawn(
                self.store,
                self.clinics,
                self.desk.retention_days,
                Arc::clone(&self.desk.clock),
            ),
        ];
        let served = listener::serve(
            self.listener,
            self.router,
            &self.limits,
            &self.trusted_proxies,
            shutdown,
        )
        .await;
        // A job interrupted here keeps its lease and is retried after it expires; a sweep
        // interrupted mid-way runs again at the next start.
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
        writeln!(
            stdout,
            "smp-inbox listening on http://{local} (database: {})",
            server.engine().name()
        )?;
        stdout.flush()?;
    }
    server.run(shutdown).await
}
