//! One inbox, several clinics: a lead is stored under the clinic whose endpoint it was posted
//! to, whatever its body or headers say, and nobody — another clinic's desk user, another
//! clinic's API token — can read, change, export, erase or retry it. The cross-tenant test
//! takes the router's own list of routes, so a route added later is tried too.

mod common;
mod desk_support;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};
use smp_inbox::clinic::{token_sha256, ClinicSettings};
use smp_inbox::desk::password;
use smp_inbox::store::{Role, Scope, DEFAULT_CLINIC};
use smp_inbox::{app, routes, LeadStore};

use common::{lead_id, sample_lead, send, test_state, Reply, ADMIN_TOKEN};
use desk_support::{login, Browser, PASSWORD};

const ALPHA_TOKEN: &str = "alpha-api-token-5c1f0e9a7b3d4e2f8a6b-Qx7";
const BETA_TOKEN: &str = "beta-api-token-9d8c7b6a5f4e3d2c1b0a-Zr2";
const ALPHA_ORIGIN: &str = "https://alpha.example";
const BETA_ORIGIN: &str = "https://beta.example";
/// What only beta's lead contains: it must never appear in an answer to alpha.
const BETA_EMAIL: &str = "beta.person@example.com";
const BETA_NAME: &str = "Bettina Secret";

struct Fleet {
    app: Router,
    store: LeadStore,
    alpha_lead: String,
    beta_lead: String,
    beta_job: i64,
}

async fn add_clinic(store: &LeadStore, id: &str, origin: &str, token: &str) {
    let settings = ClinicSettings {
        allow_origin: vec![origin.into()],
        // No forwarder runs in these tests: the job only has to exist.
        forward_webhook: Some("http://127.0.0.1:9/hook".into()),
        forward_webhook_secret: Some("a-webhook-secret-of-enough-length-7f3a9c".into()),
        ..ClinicSettings::default()
    };
    put_settings(store, id, &settings, Some(token)).await;
}

/// Stores `id`'s settings (checked first), as `smp-inbox clinic add|set` does.
async fn put_settings(store: &LeadStore, id: &str, settings: &ClinicSettings, token: Option<&str>) {
    settings.check(id).expect("valid clinic");
    store
        .put_clinic(
            id,
            serde_json::to_string(settings).expect("json"),
            token.map(|t| token_sha256(t.as_bytes())),
            "2025-05-01T09:00:00.000Z".into(),
        )
        .await
        .expect("clinic");
}

async fn add_user(store: &LeadStore, name: &str, scope: Scope) {
    let hash = password::hash(PASSWORD).expect("hash");
    assert!(store
        .add_user(
            name,
            hash,
            Role::Admin,
            scope,
            "2025-05-01T09:00:00.000Z".into()
        )
        .await
        .expect("user"));
}

fn post_to(
    path: &str,
    lead: &Value,
    origin: Option<&str>,
    extra: &[(&str, &str)],
) -> Request<Body> {
    let mut builder = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("content-type", "application/json")
        .header("idempotency-key", lead["id"].as_str().unwrap_or_default());
    if let Some(origin) = origin {
        builder = builder.header("origin", origin);
    }
    for (name, value) in extra {
        builder = builder.header(*name, *value);
    }
    builder.body(Body::from(lead.to_string())).expect("request")
}

fn api_get(uri: &str, token: &str) -> Request<Body> {
    Request::builder()
        .uri(uri)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request")
}

fn api(method: Method, uri: &str, token: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::empty())
        .expect("request")
}

fn beta_lead_body(id: &str) -> Value {
    let mut lead = sample_lead(id);
    lead["contact"]["email"] = json!(BETA_EMAIL);
    lead["contact"]["name"] = json!(BETA_NAME);
    lead["clinic"] = json!("Beta Clinic");
    // A photo, so that the photo route has something to give away.
    lead["photos"] = json!([common::photo(
        "front",
        "image/jpeg",
        64,
        48,
        &common::jpeg(64, 48)
    )]);
    lead
}

/// Two clinics with a lead each, and users: alice (alpha), bob (beta), olga (operator),
/// dora (the default clinic).
async fn fleet() -> Fleet {
    let store = common::test_store();
    add_clinic(&store, "alpha", ALPHA_ORIGIN, ALPHA_TOKEN).await;
    add_clinic(&store, "beta", BETA_ORIGIN, BETA_TOKEN).await;
    add_user(&store, "alice", Scope::one("alpha")).await;
    add_user(&store, "bob", Scope::one("beta")).await;
    add_user(&store, "olga", Scope::All).await;
    add_user(&store, "dora", Scope::one(DEFAULT_CLINIC)).await;
    let app = app(test_state(store.clone()));
    let (alpha_lead, beta_lead) = (lead_id(1), lead_id(2));
    let reply = send(
        &app,
        post_to(
            "/v1/clinics/alpha/leads",
            &sample_lead(&alpha_lead),
            Some(ALPHA_ORIGIN),
            &[],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let reply = send(
        &app,
        post_to(
            "/v1/clinics/beta/leads",
            &beta_lead_body(&beta_lead),
            Some(BETA_ORIGIN),
            &[],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let jobs = send(&app, api_get("/v1/forwards", BETA_TOKEN)).await.json();
    let beta_job = jobs["jobs"][0]["id"].as_i64().expect("beta's webhook job");
    Fleet {
        app,
        store,
        alpha_lead,
        beta_lead,
        beta_job,
    }
}

#[tokio::test]
async fn a_lead_belongs_to_the_clinic_of_its_endpoint_whatever_it_says() {
    let f = fleet().await;
    // Posted to alpha's endpoint, naming beta in the body and in headers.
    let id = lead_id(3);
    let mut lead = sample_lead(&id);
    lead["clinic"] = json!("beta");
    let reply = send(
        &f.app,
        post_to(
            "/v1/clinics/alpha/leads",
            &lead,
            Some(ALPHA_ORIGIN),
            &[("x-clinic", "beta"), ("x-clinic-id", "beta")],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(
        f.store.lead_clinic(&id).await.expect("db").as_deref(),
        Some("alpha")
    );
    let mine = send(&f.app, api_get(&format!("/v1/leads/{id}"), ALPHA_TOKEN)).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.json()["clinic"], "alpha");
    let theirs = send(&f.app, api_get(&format!("/v1/leads/{id}"), BETA_TOKEN)).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);

    // The same lead posted to beta's endpoint is not stored there (nor moved).
    let again = send(
        &f.app,
        post_to("/v1/clinics/beta/leads", &lead, Some(BETA_ORIGIN), &[]),
    )
    .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.body
    );
    assert_eq!(
        f.store.lead_clinic(&id).await.expect("db").as_deref(),
        Some("alpha")
    );
    // And through the default endpoint neither.
    let default = send(&f.app, common::post_lead(&lead)).await;
    assert_eq!(default.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A page of beta's site cannot post to alpha's endpoint; an unknown clinic has none.
    let other = post_to(
        "/v1/clinics/alpha/leads",
        &sample_lead(&lead_id(4)),
        Some(BETA_ORIGIN),
        &[],
    );
    assert_eq!(send(&f.app, other).await.status, StatusCode::FORBIDDEN);
    let unknown = post_to(
        "/v1/clinics/gamma/leads",
        &sample_lead(&lead_id(5)),
        None,
        &[],
    );
    assert_eq!(send(&f.app, unknown).await.status, StatusCode::NOT_FOUND);
    assert_eq!(f.store.lead_clinic(&lead_id(4)).await.expect("db"), None);
    assert_eq!(f.store.lead_clinic(&lead_id(5)).await.expect("db"), None);

    // Each token lists its own clinic's leads; the default token the default clinic's.
    let listed = |reply: Reply| -> Vec<String> {
        reply.json()["leads"]
            .as_array()
            .expect("leads")
            .iter()
            .map(|l| l["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let alpha = listed(send(&f.app, api_get("/v1/leads", ALPHA_TOKEN)).await);
    assert_eq!(alpha, vec![id.clone(), f.alpha_lead.clone()]);
    let beta = listed(send(&f.app, api_get("/v1/leads", BETA_TOKEN)).await);
    assert_eq!(beta, vec![f.beta_lead.clone()]);
    let default = listed(send(&f.app, api_get("/v1/leads", ADMIN_TOKEN)).await);
    assert!(default.is_empty(), "{default:?}");
}

#[tokio::test]
async fn desk_users_see_their_clinics_and_operators_theirs() {
    let f = fleet().await;
    let alice = login(&f.app, "alice").await;
    let list = alice.get(&f.app, "/admin").await;
    assert!(list.body.contains(&f.alpha_lead), "alpha's lead is listed");
    assert!(!list.body.contains(&f.beta_lead) && !list.body.contains(BETA_NAME));
    let csv = alice.get(&f.app, "/admin/leads.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(!csv.body.contains(BETA_EMAIL), "{}", csv.body);
    assert!(csv.body.contains("sam.taylor@example.com"));

    let olga = login(&f.app, "olga").await;
    let list = olga.get(&f.app, "/admin").await;
    assert!(list.body.contains(&f.alpha_lead) && list.body.contains(&f.beta_lead));

    let dora = login(&f.app, "dora").await;
    let list = dora.get(&f.app, "/admin").await;
    assert!(!list.body.contains(&f.alpha_lead) && !list.body.contains(&f.beta_lead));
    assert!(
        list.body.contains("<html lang=\"en\""),
        "the inbox's language"
    );

    // A clinic in Spanish: its users' desk is in Spanish, the others' stays in English.
    let settings = ClinicSettings {
        language: Some("es".into()),
        ..ClinicSettings::default()
    };
    put_settings(&f.store, "sur", &settings, None).await;
    add_user(&f.store, "sara", Scope::one("sur")).await;
    let sara = login(&f.app, "sara").await;
    let list = sara.get(&f.app, "/admin").await;
    assert!(list.body.contains("<html lang=\"es\""), "{}", list.body);
    let list = alice.get(&f.app, "/admin").await;
    assert!(list.body.contains("<html lang=\"en\""));
}

/// An agency operator's list says whose each lead is and filters by clinic (kept in the URL
/// and the CSV); a user of one clinic sees neither, and naming another clinic in the URL
/// shows them nothing more.
#[tokio::test]
async fn an_operator_sees_and_filters_by_clinic() {
    let f = fleet().await;
    // beta gets a name, which the desk shows instead of its id.
    let named = ClinicSettings {
        name: Some("Beta Clinic Leeds".into()),
        allow_origin: vec![BETA_ORIGIN.into()],
        ..ClinicSettings::default()
    };
    put_settings(&f.store, "beta", &named, None).await;
    // Settings are read again at once (the inbox's own cache keeps them a few seconds).
    let app = app(test_state(f.store.clone()).with_clinic_cache(std::time::Duration::ZERO));
    let olga = login(&app, "olga").await;
    let list = olga.get(&app, "/admin").await;
    assert!(
        list.body.contains("<select id=\"clinic\" name=\"clinic\""),
        "{}",
        list.body
    );
    assert!(list
        .body
        .contains("<option value=\"beta\">Beta Clinic Leeds</option>"));
    assert!(
        list.body.contains("Clinic: Beta Clinic Leeds"),
        "beta's lead is labelled"
    );
    assert!(
        list.body.contains("Clinic: alpha"),
        "alpha (no name) by its id"
    );

    let only_alpha = olga.get(&app, "/admin?clinic=alpha").await;
    assert!(only_alpha.body.contains(&f.alpha_lead));
    assert!(
        !only_alpha.body.contains(&f.beta_lead),
        "{}",
        only_alpha.body
    );
    assert!(only_alpha
        .body
        .contains("<option value=\"alpha\" selected>alpha</option>"));
    assert!(only_alpha
        .body
        .contains("href=\"/admin/leads.csv?clinic=alpha\""));
    let csv = olga.get(&app, "/admin/leads.csv?clinic=beta").await;
    assert!(csv.body.contains(BETA_EMAIL) && !csv.body.contains("sam.taylor@example.com"));
    assert!(csv
        .body
        .lines()
        .next()
        .unwrap_or("")
        .ends_with(",\"clinic\""));
    assert!(csv.body.contains(",\"beta\"\r\n"), "{}", csv.body);
    let detail = olga
        .get(&app, &format!("/admin/leads/{}", f.beta_lead))
        .await;
    assert!(detail.body.contains("Clinic: Beta Clinic Leeds"));

    let alice = login(&app, "alice").await;
    let list = alice.get(&app, "/admin").await;
    assert!(!list.body.contains("name=\"clinic\"") && !list.body.contains("Clinic: "));
    let other = alice.get(&app, "/admin?clinic=beta").await;
    assert!(!other.body.contains(&f.beta_lead) && !other.body.contains(BETA_NAME));
    assert!(
        !other.body.contains(&f.alpha_lead),
        "a filter narrows, never widens"
    );
    let csv = alice.get(&app, "/admin/leads.csv?clinic=beta").await;
    assert!(!csv.body.contains(BETA_EMAIL));
}

/// Every route (from the router's own table), every method it might take, as alpha's desk
/// user and with alpha's API token, aimed at beta's lead and job: the answer is the one an
/// id that does not exist gets, no answer carries beta's data, and beta's lead is untouched.
#[tokio::test]
async fn every_route_refuses_another_clinics_leads() {
    let f = fleet().await;
    let state = test_state(f.store.clone());
    let paths: Vec<&str> = routes(&state).paths().to_vec();
    assert!(paths.len() >= 20, "{paths:?}");
    let alice = login(&f.app, "alice").await;
    let missing_lead = lead_id(0xdead);
    let missing_job = "987654";
    let beta_job = f.beta_job.to_string();
    let fill = |path: &str, lead: &str, job: &str| -> String {
        let id = if path.contains("/forwards/") {
            job
        } else {
            lead
        };
        path.replace("{id}", id)
            .replace("{slot}", "front")
            .replace("{clinic}", "beta")
    };
    let form: &[(&str, &str)] = &[
        ("status", "contacted"),
        ("note", "alpha was here"),
        ("back", "lead"),
        ("state", "pending"),
    ];
    let mut tried = 0;
    for path in &paths {
        // Posting a lead is public by design (the widget's endpoint); which clinic it lands
        // in is the other test's subject.
        if path.contains("{clinic}") {
            continue;
        }
        // Logging out would end the session the rest of the loop uses (it names no lead).
        if *path == "/admin/logout" {
            continue;
        }
        for method in [Method::GET, Method::POST] {
            let foreign = fill(path, &f.beta_lead, &beta_job);
            let absent = fill(path, &missing_lead, missing_job);
            // As alpha's desk user (a browser with its session and CSRF token)…
            let (desk_foreign, desk_absent) = if method == Method::GET {
                (
                    alice.get(&f.app, &foreign).await,
                    alice.get(&f.app, &absent).await,
                )
            } else {
                (
                    alice.post(&f.app, &foreign, form).await,
                    alice.post(&f.app, &absent, form).await,
                )
            };
            // …and as alpha's API token.
            let token_foreign = send(&f.app, api(method.clone(), &foreign, ALPHA_TOKEN)).await;
            let token_absent = send(&f.app, api(method.clone(), &absent, ALPHA_TOKEN)).await;
            for (who, got, absent_reply) in [
                ("desk user", &desk_foreign, &desk_absent),
                ("API token", &token_foreign, &token_absent),
            ] {
                tried += 1;
                let what = format!("{method} {foreign} as alpha's {who}");
                // Still logged in: a refusal by login would prove nothing.
                assert!(
                    who != "desk user"
                        || path.starts_with("/admin/login")
                        || !got
                            .header("location")
                            .unwrap_or_default()
                            .starts_with("/admin/login"),
                    "{what}: sent to the login page"
                );
                assert!(
                    !got.body.contains(BETA_EMAIL) && !got.body.contains(BETA_NAME),
                    "{what} shows beta's lead: {}",
                    got.body
                );
                if path.contains("{id}") {
                    assert_eq!(
                        got.status, absent_reply.status,
                        "{what}: not answered as an id that does not exist"
                    );
                    // Where an answer names the id asked for, it names the other one.
                    let normalised = got
                        .body
                        .replace(&f.beta_lead, "ID")
                        .replace(&format!("job {beta_job}"), "job ID");
                    let expected = absent_reply
                        .body
                        .replace(&missing_lead, "ID")
                        .replace(&format!("job {missing_job}"), "job ID");
                    assert_eq!(normalised, expected, "{what}");
                    assert!(!got.status.is_success(), "{what} answered {}", got.status);
                }
            }
        }
    }
    assert!(tried >= 80, "{tried} requests");

    // Beta's lead is as it was: status new, no notes, job not retried, still there.
    let status = f
        .store
        .status_of(&f.beta_lead)
        .await
        .expect("db")
        .expect("lead");
    assert_eq!(status.status.code(), "new");
    assert!(f.store.notes(&f.beta_lead).await.expect("db").is_empty());
    let job = f.store.job(f.beta_job).await.expect("db").expect("job");
    assert_eq!(job.attempts, 0);
    assert!(f.store.get(&f.beta_lead).await.expect("db").is_some());
    // Nothing alpha did shows in beta's audit log, nor beta's lead in alpha's.
    let beta_audit = f
        .store
        .audit_page(Scope::one("beta"), None, 100)
        .await
        .expect("audit");
    assert!(
        beta_audit
            .iter()
            .all(|e| e.user != "alice" && e.user != "api"),
        "{beta_audit:?}"
    );
    let alpha_audit = f
        .store
        .audit_page(Scope::one("alpha"), None, 100)
        .await
        .expect("audit");
    assert!(alpha_audit
        .iter()
        .all(|e| e.lead_id.as_deref() != Some(f.beta_lead.as_str())));

    // The same requests do reach beta's lead for beta's own user: the test can fail.
    let bob: Browser = login(&f.app, "bob").await;
    let page = bob
        .get(&f.app, &format!("/admin/leads/{}", f.beta_lead))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(BETA_NAME));
    let own = send(
        &f.app,
        api_get(&format!("/v1/leads/{}", f.beta_lead), BETA_TOKEN),
    )
    .await;
    assert_eq!(own.status, StatusCode::OK);
    let photo = bob
        .get(
            &f.app,
            &format!("/admin/leads/{}/photos/front", f.beta_lead),
        )
        .await;
    assert_eq!(photo.status, StatusCode::OK, "beta's photo exists");
}

#[tokio::test]
async fn a_removed_clinic_stops_taking_leads_and_its_token_stops_working() {
    let f = fleet().await;
    assert!(f
        .store
        .remove_clinic("beta", "2025-05-01T10:00:00.000Z".into())
        .await
        .expect("remove"));
    // Running instances read a clinic again after a short cache (none here): no restart.
    let app = app(test_state(f.store.clone()).with_clinic_cache(std::time::Duration::ZERO));
    let reply = send(
        &app,
        post_to(
            "/v1/clinics/beta/leads",
            &sample_lead(&lead_id(9)),
            None,
            &[],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let reply = send(&f.app, api_get("/v1/leads", BETA_TOKEN)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // A clinic added while running is served at once.
    let settings = ClinicSettings::default();
    f.store
        .put_clinic(
            "gamma",
            serde_json::to_string(&settings).expect("json"),
            None,
            "2025-05-01T10:00:00.000Z".into(),
        )
        .await
        .expect("add");
    let reply = send(
        &app,
        post_to(
            "/v1/clinics/gamma/leads",
            &sample_lead(&lead_id(10)),
            None,
            &[],
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(
        f.store
            .lead_clinic(&lead_id(10))
            .await
            .expect("db")
            .as_deref(),
        Some("gamma")
    );
    // Its lead stays its own: the operator still sees it, alpha does not.
    let olga = login(&f.app, "olga").await;
    assert!(olga.get(&f.app, "/admin").await.body.contains(&f.beta_lead));
}
