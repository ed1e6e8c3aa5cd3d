//! Helpers shared by the integration tests: a sample lead, requests against the router
//! without a socket, and a temporary directory for database files.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

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
            "best_time": "evenings",
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
            "reasons": ["pattern_male", "stage_n4", "style_buzz"]
        },
        "photos": [],
        "page": {"url": "https://northline.example/consult", "referrer": null, "utm": {}}
    })
}

/// A router over a fresh in-memory database that allows [`ALLOWED_ORIGIN`].
pub fn memory_app() -> Router {
    let store = LeadStore::open_in_memory().expect("in-memory database");
    app(test_state(store))
}

/// State over `store` that allows [`ALLOWED_ORIGIN`].
pub fn test_state(store: LeadStore) -> AppState {
    let origins = AllowedOrigins::parse(&[ALLOWED_ORIGIN]).expect("valid origin");
    AppState::new(store, origins)
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
        body: String::from_utf8(bytes.to_vec()).expect("UTF-8 body"),
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

/// A GET of `uri`.
pub fn get(uri: &str) -> Request<Body> {
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
