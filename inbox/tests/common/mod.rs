//! Helpers shared by the integration tests: a sample lead, requests against the router
//! without a socket, and a temporary directory for database files.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

pub mod tls;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use axum::body::{to_bytes, Body};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};
use smp_inbox::{app, AllowedOrigins, AppState, LeadStore};
use tower::ServiceExt;

/// The origin the test apps allow.
pub const ALLOWED_ORIGIN: &str = "http://127.0.0.1:8080";

/// The admin token of the test apps.
pub const ADMIN_TOKEN: &str = "tEsT-aDmIn-ToKeN-4f9c2b7e1d8a6053-x9Qz";

/// A distinct, valid UUID for each `n`.
pub fn lead_id(n: u32) -> String {
    format!("6f1c2b3a-4d5e-4f60-8a7b-{n:012x}")
}

/// A complete, valid `smp-consult.lead/v1` payload like the widget sends.
pub fn sample_lead(id: &str) -> Value {
    json!({
        "schema": "smp-consult.lead/v1",
        "id": id,
        "created_at": "2025-05-01T10:00:00.000Z",
        "clinic": "Northline SMP",
        "locale": "en",
        "contact": {
            "name": "Sam Taylor",
            "email": "sam.taylor@example.com",
            "phone": "+44 7700 900123",
            "preferred_contact": "whatsapp",
            "best_time": "evening",
            "message": "Is a buzz cut right for me?"
        },
        "consent": {
            "processing": true,
            "marketing": false,
            "text": "I agree that Northline SMP may use my answers, including health information, to assess whether SMP suits me and to contact me about it."
        },
        "answers": {
            "pattern": "male", "stage": "n4", "progression": "slow", "style": "buzz",
            "hair_colour": "dark_brown", "skin_tone": 3, "scars": [], "health": ["keloid"],
            "age_band": "35_44", "hairline": "unsure"
        },
        "recommendation": {
            "approach": "buzz_cut", "alternative": null, "add_ons": [], "extent": "medium",
            "sessions": {"min": 3, "max": 3}, "hours_per_session": {"min": 3, "max": 4},
            "hairline": "soft", "pigment": [], "cautions": ["future_loss"],
            "in_person": ["keloid"], "price": {"currency": "GBP", "min": 850, "max": 1500},
            "reasons": ["hair_to_shade", "prefers_buzz", "changing_loss"]
        },
        "photos": [],
        "page": {"url": "https://northline.example/consult", "referrer": null, "utm": {}}
    })
}

/// The PostgreSQL server the suite also runs against (`scripts/test` starts a throwaway one
/// and sets `SMP_INBOX_TEST_DATABASE_URL`), if any.
pub fn test_database_url() -> Option<String> {
    std::env::var("SMP_INBOX_TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.trim().is_empty())
}

/// A fresh store for one test: an in-memory SQLite database, or, when
/// `SMP_INBOX_TEST_DATABASE_URL` is set, a new PostgreSQL database of its own on that server.
pub fn test_store() -> LeadStore {
    match test_database_url() {
        None => LeadStore::open_in_memory().expect("in-memory database"),
        Some(server) => {
            LeadStore::open_postgres(&fresh_database(&server)).expect("PostgreSQL test database")
        }
    }
}

/// Creates an empty database `t_…` on the PostgreSQL server at `server` and gives its URL.
/// (Left there: the throwaway server is deleted whole after the run.)
pub fn fresh_database(server: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = format!(
        "t_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let (admin, create) = (server.to_string(), format!("CREATE DATABASE {name}"));
    // The driver blocks on a runtime of its own: not on a thread of the test's runtime.
    std::thread::spawn(move || {
        let mut client =
            postgres::Client::connect(&admin, postgres::NoTls).expect("connect to the test server");
        client.batch_execute(&create).expect("CREATE DATABASE");
    })
    .join()
    .expect("database created");
    let mut url = url::Url::parse(server).expect("SMP_INBOX_TEST_DATABASE_URL is a URL");
    url.set_path(&name);
    url.to_string()
}

/// The PostgreSQL database that stands in for the SQLite file `db` when the suite runs on
/// PostgreSQL (one per path, made on first use); `None` on SQLite.
pub fn postgres_for(db: &Path) -> Option<String> {
    static DATABASES: std::sync::Mutex<Vec<(PathBuf, String)>> = std::sync::Mutex::new(Vec::new());
    let server = test_database_url()?;
    let mut databases = DATABASES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, url)) = databases.iter().find(|(path, _)| path == db) {
        return Some(url.clone());
    }
    let url = fresh_database(&server);
    databases.push((db.to_path_buf(), url.clone()));
    Some(url)
}

/// A store on the file `db`, or on its PostgreSQL stand-in (see [`postgres_for`]).
pub fn try_open_db(db: &Path) -> Option<LeadStore> {
    match postgres_for(db) {
        Some(url) => LeadStore::open_postgres(&url).ok(),
        None => LeadStore::open(db).ok(),
    }
}

/// As [`try_open_db`], failing the test if it cannot be opened.
pub fn open_db(db: &Path) -> LeadStore {
    try_open_db(db).expect("open the test database")
}

/// The default config on the file `db`, or on its PostgreSQL stand-in.
pub fn config_on(db: impl Into<PathBuf>) -> smp_inbox::Config {
    let db = db.into();
    let mut config = smp_inbox::Config::new(&db);
    config.database_url = postgres_for(&db);
    config
}

/// A router over a fresh database (see [`test_store`]) that allows [`ALLOWED_ORIGIN`].
pub fn memory_app() -> Router {
    app(test_state(test_store()))
}

/// As [`memory_app`], with its store.
pub fn memory_app_with_store() -> (Router, LeadStore) {
    let store = test_store();
    (app(test_state(store.clone())), store)
}

/// Stores `lead` as it is, without the API's checks: a lead stored by an older version, whose
/// fields or codes this one would refuse, must still be shown.
pub async fn store_unchecked(store: &LeadStore, lead: &Value) {
    let outcome = store
        .insert(smp_inbox::store::NewLead {
            id: lead["id"].as_str().unwrap_or_default().to_string(),
            clinic_id: smp_inbox::store::DEFAULT_CLINIC.to_string(),
            idempotency_key: None,
            origin: None,
            body: lead.to_string(),
            body_sha256: smp_inbox::lead::canonical_sha256(lead),
            photos: Vec::new(),
            forward: Vec::new(),
        })
        .await
        .expect("insert");
    assert_eq!(outcome, smp_inbox::store::InsertOutcome::Stored);
}

/// State over `store` that allows [`ALLOWED_ORIGIN`] and reads with [`ADMIN_TOKEN`].
pub fn test_state(store: LeadStore) -> AppState {
    let origins = AllowedOrigins::parse(&[ALLOWED_ORIGIN]).expect("valid origin");
    AppState::new(store, origins).with_admin_token(Some(ADMIN_TOKEN))
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    /// The body as JSON; panics with the body shown if it is not.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The `error` message of a JSON error body.
    pub fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error message: {}", self.body))
            .to_string()
    }

    /// A header's value as text, if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Sends one request through the router, as a server would, and reads the whole answer.
pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app
        .clone()
        .oneshot(request)
        .await
        .expect("infallible router");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("readable body");
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// `POST /v1/leads` with a JSON body and `Idempotency-Key` set to the lead's id, no Origin.
pub fn post_lead(lead: &Value) -> Request<Body> {
    let id = lead["id"].as_str().unwrap_or_default();
    Request::builder()
        .method(Method::POST)
        .uri("/v1/leads")
        .header("content-type", "application/json")
        .header("idempotency-key", id)
        .body(Body::from(lead.to_string()))
        .expect("valid request")
}

/// Every stored lead, newest first, following `GET /v1/leads` page by page, as one array.
pub async fn all_leads(app: &Router) -> Value {
    let mut leads = Vec::new();
    let mut uri = "/v1/leads?limit=7".to_string();
    loop {
        let page = send(app, get(&uri)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let page = page.json();
        leads.extend(page["leads"].as_array().expect("leads").iter().cloned());
        match page["next"].as_str() {
            Some(next) => uri = next.to_string(),
            None => return Value::Array(leads),
        }
    }
}

/// A GET of `uri` with the admin token.
pub fn get(uri: &str) -> Request<Body> {
    Request::builder()
        .uri(uri)
        .header("authorization", format!("Bearer {ADMIN_TOKEN}"))
        .body(Body::empty())
        .expect("valid request")
}

/// A GET of `uri` without credentials.
pub fn get_anonymous(uri: &str) -> Request<Body> {
    Request::builder()
        .uri(uri)
        .body(Body::empty())
        .expect("valid request")
}

/// A directory under the system temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("smp-inbox-test-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        Self(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------------------------
// Images: real, decodable files made here, so the tests need no fixtures.

/// A grey `width`×`height` PNG (8-bit greyscale, stored deflate blocks): a valid file any
/// decoder reads.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).expect("small").to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0); // filter: none
        raw.extend((0..width).map(|x| ((x + y) % 256) as u8));
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = u16::try_from(block.len()).expect("block");
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    zlib.extend_from_slice(&adler32(&raw).to_be_bytes());

    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

/// A mid-grey `width`×`height` baseline JPEG (one greyscale component, every 8×8 block a
/// zero DC difference and an end-of-block, Huffman tables with one one-bit code each).
pub fn jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    // APP0 JFIF
    out.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10]);
    out.extend_from_slice(b"JFIF\0");
    out.extend_from_slice(&[1, 1, 0, 0, 1, 0, 1, 0, 0]);
    // DQT: table 0, all ones
    out.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x43, 0x00]);
    out.extend_from_slice(&[1; 64]);
    // SOF0: 8-bit, height, width, one component (id 1, 1×1 sampling, table 0)
    out.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x0B, 0x08]);
    out.extend_from_slice(&height.to_be_bytes());
    out.extend_from_slice(&width.to_be_bytes());
    out.extend_from_slice(&[0x01, 0x01, 0x11, 0x00]);
    // DHT: DC table 0 and AC table 0, each one code of length 1 for symbol 0
    for class in [0x00, 0x10] {
        out.extend_from_slice(&[0xFF, 0xC4, 0x00, 0x14, class, 1]);
        out.extend_from_slice(&[0; 15]);
        out.push(0);
    }
    // SOS
    out.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
    let blocks = usize::from(width.div_ceil(8)) * usize::from(height.div_ceil(8));
    let bits = blocks * 2;
    out.extend(std::iter::repeat_n(0u8, bits / 8));
    if bits % 8 != 0 {
        out.push(0xFF >> (bits % 8)); // pad the last byte with 1-bits
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

/// Standard base64, as the widget sends photo data.
pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A photo entry of a lead.
pub fn photo(slot: &str, media_type: &str, width: u32, height: u32, bytes: &[u8]) -> Value {
    json!({
        "slot": slot, "media_type": media_type, "width": width, "height": height,
        "data": base64(bytes),
    })
}

// ---------------------------------------------------------------------------------------------
// Real sockets: a minimal async HTTP/1.1 client, and the real binary.

/// An HTTP answer read whole.
#[derive(Debug)]
pub struct HttpReply {
    pub status: u16,
    /// The head, header names lower-cased.
    pub head: String,
    pub body: Vec<u8>,
}

impl HttpReply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// A header's value (name in lower case).
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            (key.trim() == name).then(|| value.trim().to_string())
        })
    }
}

/// One request over a fresh connection (`Connection: close`), bounded by a 20 s timeout.
pub async fn http(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<HttpReply> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).await?;
        stream.write_all(body).await?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await?;
        let split = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| std::io::Error::other("no HTTP head in the answer"))?;
        let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| std::io::Error::other("no status code"))?;
        Ok(HttpReply {
            status,
            head,
            body: response[split + 4..].to_vec(),
        })
    };
    tokio::time::timeout(std::time::Duration::from_secs(20), exchange)
        .await
        .unwrap_or_else(|_| Err(std::io::Error::other("timed out")))
}

/// `POST /v1/leads` of `body` (already serialised) with its Idempotency-Key.
pub async fn post_lead_http(
    addr: std::net::SocketAddr,
    id: &str,
    body: &str,
) -> std::io::Result<HttpReply> {
    http(
        addr,
        "POST",
        "/v1/leads",
        &[
            ("Content-Type", "application/json"),
            ("Idempotency-Key", id),
        ],
        body.as_bytes(),
    )
    .await
}

/// The real binary, on `127.0.0.1:0` with `db` (or its PostgreSQL stand-in, see
/// [`postgres_for`]), and no `SMP_INBOX_*` variable inherited.
pub fn binary(db: &Path) -> std::process::Command {
    let mut command = binary_sqlite(db);
    if let Some(url) = postgres_for(db) {
        command.args(["--database-url", &url]);
    }
    command
}

/// As [`binary`], always on the SQLite file `db` (for tests that read the file itself).
pub fn binary_sqlite(db: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_smp-inbox"));
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("SMP_INBOX_") {
            command.env_remove(key);
        }
    }
    command.args(["--addr", "127.0.0.1:0", "--db"]).arg(db);
    command
}

/// The running binary; killed (SIGKILL) when dropped, so a failing test leaves nothing behind.
pub struct Running {
    pub child: std::process::Child,
    pub addr: std::net::SocketAddr,
}

impl Running {
    /// Starts the binary and waits for its start-up line, which is printed only once the
    /// socket is bound: no sleeping, no polling.
    pub fn start(command: &mut std::process::Command) -> Self {
        use std::io::BufRead as _;
        let mut child = command
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start smp-inbox");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read start-up line");
        // `smp-inbox listening on http://IP:PORT (database: ENGINE)`
        let url = line
            .trim_end()
            .strip_prefix("smp-inbox listening on http://")
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_else(|| panic!("unexpected start-up line {line:?}"));
        let addr: std::net::SocketAddr = url.parse().expect("IP:PORT");
        assert_ne!(addr.port(), 0, "must print the real port");
        Self { child, addr }
    }

    /// SIGKILL: no shutdown code runs.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Waits until `check` returns `Some`, looking every 20 ms for at most `limit`; panics with
/// `what` if it never does. For background work (forwarding) whose end the test cannot await.
pub async fn eventually<T, F, Fut>(what: &str, limit: std::time::Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out after {limit:?} waiting for {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// Serves `config` on a real socket in this process until the returned sender is used or
/// dropped; the task ends once the server has shut down.
pub async fn start(
    config: smp_inbox::Config,
) -> (
    std::net::SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let server = smp_inbox::Server::bind(config).await.expect("bind");
    let addr = server.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        server
            .run(async {
                let _ = stopped.await;
            })
            .await
            .expect("served");
    });
    (addr, stop, task)
}
