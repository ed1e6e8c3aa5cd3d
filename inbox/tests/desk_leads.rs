//! Health data handled as the law expects: erasure (gone from the database file, not only
//! unlinked), the personal-data export, automatic erasure after `retention_days`; the
//! forwarding of each lead and of all of them (state, retry by hand); and the CSV of the
//! current view (every field quoted, formulas defused, streamed).

mod common;
mod desk_support;

use axum::http::StatusCode;
use common::*;
use desk_support::*;
use serde_json::json;
use smp_inbox::desk::retention;
use smp_inbox::store::{Scope, DEFAULT_CLINIC};

/// A lead that leaves recognisable bytes everywhere it is stored.
fn marked_lead(n: u32, marker: &str) -> serde_json::Value {
    let mut lead = sample_lead(&lead_id(n));
    lead["contact"]["name"] = json!(format!("{marker} Name"));
    lead["contact"]["email"] = json!(format!("{}@example.com", marker.to_lowercase()));
    lead["contact"]["message"] = json!(format!("{marker} message about my scalp"));
    let mut image = png(64, 64);
    // A marker inside the photo's bytes too (after IEND, where decoders do not look).
    image.extend_from_slice(format!("{marker}-PHOTO").as_bytes());
    lead["photos"] = json!([photo("front", "image/png", 64, 64, &image)]);
    lead
}

/// Every byte of the database: the file and its WAL.
fn database_bytes(db: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).expect("db file");
    let wal = db.with_extension("sqlite3-wal");
    if let Ok(more) = std::fs::read(wal) {
        bytes.extend(more);
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn an_erased_lead_is_gone_from_the_database_file() {
    let dir = TempDir::new("erase");
    let db = dir.path().join("inbox.sqlite3");
    let d = desk_on_sqlite_file(&db).await;
    let (gone, kept) = ("Quixotebrandywine", "Marmaladeweatherby");
    let erased_id = lead_id(1);
    let mut with_forward = marked_lead(1, gone);
    with_forward["contact"]["phone"] = json!("+44 7700 911911");
    for lead in [with_forward, marked_lead(2, kept)] {
        assert_eq!(
            send(&d.app, post_lead(&lead)).await.status,
            StatusCode::CREATED
        );
    }
    let admin = login(&d.app, ADMIN).await;
    admin
        .post(
            &d.app,
            &format!("/admin/leads/{erased_id}/notes"),
            &[("note", &format!("{gone} prefers mornings"))],
        )
        .await;
    admin
        .post(
            &d.app,
            &format!("/admin/leads/{erased_id}/status"),
            &[("status", "contacted")],
        )
        .await;
    let before = database_bytes(&db);
    for marker in [gone, &gone.to_lowercase(), &format!("{gone}-PHOTO"), kept] {
        assert!(
            contains(&before, marker),
            "{marker} should be in the file before"
        );
    }

    // The confirmation page says what goes, then the button erases.
    let confirm = admin
        .get(&d.app, &format!("/admin/leads/{erased_id}/erase"))
        .await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(
        confirm
            .body
            .contains("deletes the lead from Quixotebrandywine Name for good"),
        "{}",
        confirm.body
    );
    let reply = admin
        .post(&d.app, &format!("/admin/leads/{erased_id}/erase"), &[])
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&reply), "/admin?erased=1");
    assert!(admin
        .get(&d.app, "/admin?erased=1")
        .await
        .body
        .contains("The lead was erased."));

    let after = database_bytes(&db);
    for marker in [
        gone,
        &gone.to_lowercase(),
        &format!("{gone}-PHOTO"),
        "7700911911",
        &erased_id,
    ] {
        assert!(
            !contains(&after, marker),
            "{marker} is still in the database file"
        );
    }
    assert!(contains(&after, kept), "the other lead is untouched");
    assert_eq!(
        admin
            .get(&d.app, &format!("/admin/leads/{erased_id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send(&d.app, get(&format!("/v1/leads/{erased_id}")))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The audit log keeps only that an erasure happened.
    let audit = d
        .store
        .audit_page(Scope::All, None, 100)
        .await
        .expect("audit");
    assert!(audit
        .iter()
        .all(|e| e.lead_id.as_deref() != Some(erased_id.as_str())));
    let erase = audit
        .iter()
        .find(|e| e.action == "erase")
        .expect("erasure recorded");
    assert_eq!(
        (erase.user.as_str(), erase.lead_id.as_deref()),
        (ADMIN, None)
    );
    assert_eq!(
        erase.detail, "1 lead, 2 related records",
        "its photo and its note"
    );
    // Erasing again is a 404, not a second audit entry.
    let again = admin
        .post(&d.app, &format!("/admin/leads/{erased_id}/erase"), &[])
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_table_that_holds_lead_data_is_erased_with_the_lead() {
    // Erasure finds the tables by their foreign keys to leads(id): a table that names a lead
    // without one would be missed, so none may exist.
    let dir = TempDir::new("schema");
    let db = dir.path().join("inbox.sqlite3");
    drop(smp_inbox::LeadStore::open(&db).expect("db"));
    let conn = rusqlite::Connection::open(&db).expect("open");
    let mut stmt = conn
        .prepare(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND p.name = 'lead_id'",
        )
        .expect("query");
    let with_lead_id: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert!(with_lead_id.len() >= 5, "{with_lead_id:?}");
    for (table, _) in with_lead_id {
        let refers: i64 = conn
            .query_row(
                "SELECT count(*) FROM pragma_foreign_key_list(?1) WHERE \"table\" = 'leads'",
                [&table],
                |r| r.get(0),
            )
            .expect("fk");
        assert_eq!(refers, 1, "{table}.lead_id must be REFERENCES leads(id)");
    }
}

/// The same on PostgreSQL's schema (when the suite runs there): erasure reads the foreign keys
/// from `pg_constraint`.
#[tokio::test]
async fn every_postgres_table_that_holds_lead_data_refers_to_the_lead() {
    let Some(server) = common::test_database_url() else {
        return; // SQLite's schema is checked above
    };
    let url = common::fresh_database(&server);
    drop(smp_inbox::LeadStore::open_postgres(&url).expect("schema"));
    let missing = std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
        let rows = client
            .query(
                "SELECT c.table_name::text,
                        (SELECT count(*) FROM pg_constraint k
                         JOIN pg_attribute a ON a.attrelid = k.conrelid
                                            AND a.attnum = ANY (k.conkey)
                         WHERE k.contype = 'f' AND k.conrelid = c.table_name::regclass
                           AND k.confrelid = 'leads'::regclass AND a.attname = 'lead_id')
                 FROM information_schema.columns c
                 WHERE c.table_schema = current_schema() AND c.column_name = 'lead_id'",
                &[],
            )
            .expect("query");
        assert!(rows.len() >= 5, "{} tables with lead_id", rows.len());
        rows.iter()
            .filter(|row| row.get::<_, i64>(1) != 1)
            .map(|row| row.get::<_, String>(0))
            .collect::<Vec<_>>()
    })
    .join()
    .expect("checked");
    assert!(
        missing.is_empty(),
        "lead_id without REFERENCES leads(id): {missing:?}"
    );
}

#[tokio::test]
async fn retention_erases_old_leads_and_says_so() {
    let dir = TempDir::new("retention");
    let db = dir.path().join("inbox.sqlite3");
    // SQLite-only: the test moves the leads' arrival back in the file itself.
    let d = desk_on_sqlite_file(&db).await;
    send(&d.app, post_lead(&marked_lead(1, "Oldleadmarker"))).await;
    send(&d.app, post_lead(&marked_lead(2, "Newleadmarker"))).await;
    // Lead 1 arrived 40 days ago, lead 2 twenty.
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        for (n, days) in [(1, 40), (2, 20)] {
            let at =
                smp_inbox::clock::rfc3339_ms(smp_inbox::clock::now_unix_ms() - days * 86_400_000);
            conn.execute(
                "UPDATE leads SET received_at = ?1 WHERE id = ?2",
                [&at, &lead_id(n)],
            )
            .expect("update");
            conn.execute(
                "UPDATE lead_desk SET received_at = ?1 WHERE lead_id = ?2",
                [&at, &lead_id(n)],
            )
            .expect("update");
        }
    }
    let clock = smp_inbox::clock::ManualClock::new(smp_inbox::clock::now_unix_ms());
    let erased = retention::sweep(&d.store, 30, &clock).await.expect("sweep");
    assert_eq!(erased.leads, 1, "only the lead older than 30 days");
    let bytes = database_bytes(&db);
    assert!(!contains(&bytes, "Oldleadmarker") && contains(&bytes, "Newleadmarker"));
    assert!(d.store.get(&lead_id(2)).await.expect("db").is_some());
    // Eleven days on, the other one is 31 days old.
    clock.advance(11 * 86_400_000);
    assert_eq!(
        retention::sweep(&d.store, 30, &clock)
            .await
            .expect("sweep")
            .leads,
        1
    );
    let bytes = database_bytes(&db);
    assert!(!contains(&bytes, "Oldleadmarker") && !contains(&bytes, "Newleadmarker"));
    let audit = d
        .store
        .audit_page(Scope::All, None, 10)
        .await
        .expect("audit");
    let entry = audit
        .iter()
        .find(|e| e.user == "retention")
        .expect("logged");
    assert_eq!(entry.action, "erase");
    assert!(
        entry
            .detail
            .starts_with("retention_days = 30, received before "),
        "{}",
        entry.detail
    );
    assert!(
        entry.detail.ends_with(": 1 lead, 1 related record"),
        "{}",
        entry.detail
    );
    assert!(entry.lead_id.is_none());
    // Nothing left to do: no further entry.
    assert_eq!(
        retention::sweep(&d.store, 30, &clock)
            .await
            .expect("sweep")
            .leads,
        0
    );
    assert_eq!(
        d.store
            .audit_page(Scope::All, None, 10)
            .await
            .expect("audit")
            .iter()
            .filter(|e| e.user == "retention")
            .count(),
        2
    );
}

#[tokio::test]
async fn one_persons_data_exports_as_json_with_everything_held() {
    let d = desk().await;
    let mut first = marked_lead(1, "Exportee");
    first["contact"]["email"] = json!("Exportee@Example.com");
    let second = marked_lead(2, "Exportee");
    let other = marked_lead(3, "Someoneelse");
    for lead in [&first, &second, &other] {
        assert_eq!(
            send(&d.app, post_lead(lead)).await.status,
            StatusCode::CREATED
        );
    }
    let admin = login(&d.app, ADMIN).await;
    admin
        .post(
            &d.app,
            &format!("/admin/leads/{}/notes", lead_id(1)),
            &[("note", "Asked for their data")],
        )
        .await;
    let reply = admin
        .get(&d.app, &format!("/admin/leads/{}/person.json", lead_id(2)))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply
        .header("content-disposition")
        .unwrap_or_default()
        .starts_with("attachment; filename=\"person-"));
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let export = reply.json();
    assert_eq!(export["schema"], "smp-inbox.person-export/v1");
    assert_eq!(export["exported_by"], ADMIN);
    let leads = export["leads"].as_array().expect("leads");
    assert_eq!(
        leads.len(),
        2,
        "both leads from that address (any case), not the other"
    );
    let ids: Vec<&str> = leads.iter().filter_map(|l| l["id"].as_str()).collect();
    assert_eq!(ids, [lead_id(2), lead_id(1)]);
    let one = &leads[1];
    assert_eq!(one["lead"]["contact"]["name"], "Exportee Name");
    assert!(
        one["lead"]["photos"][0]["data"]
            .as_str()
            .is_some_and(|d| d.len() > 100),
        "photo bytes included"
    );
    assert_eq!(one["notes"][0]["text"], "Asked for their data");
    assert_eq!(one["status"]["status"], "new");
    assert!(one["history"].as_array().is_some_and(|h| !h.is_empty()));
    assert!(!reply.body.contains("Someoneelse"));
    let audit = d
        .store
        .audit_page(Scope::All, None, 10)
        .await
        .expect("audit");
    assert!(audit
        .iter()
        .any(|e| e.action == "export_person" && e.lead_id.as_deref() == Some(lead_id(2).as_str())));
}

/// A desk whose leads are forwarded to a webhook and to one email address, with an
/// administrator; the store to move the jobs along by hand.
async fn forwarding_desk() -> (axum::Router, smp_inbox::LeadStore) {
    use smp_inbox::store::{ForwardTarget, Role};
    let store = common::test_store();
    let hash = smp_inbox::desk::password::hash(PASSWORD).expect("hash");
    for (name, role) in [(ADMIN, Role::Admin), (CLERK, Role::Desk)] {
        store
            .add_user(
                name,
                hash.clone(),
                role,
                Scope::one(DEFAULT_CLINIC),
                "2025-05-01T09:00:00.000Z".into(),
            )
            .await
            .expect("user");
    }
    let app = smp_inbox::app(test_state(store.clone()).with_forwarding(
        vec![
            ForwardTarget::webhook(),
            ForwardTarget::email("desk@clinic.example"),
        ],
        Default::default(),
    ));
    (app, store)
}

/// List items on a page's main part.
fn items(page: &str) -> usize {
    page.find("<main")
        .map_or(0, |at| page[at..].matches("<li").count())
}

/// Tries the oldest due job `attempts` times and gives it up with `error`: the webhook of
/// the first lead, since jobs are claimed oldest first.
async fn give_up_first_job(store: &smp_inbox::LeadStore, attempts: u32, error: &str) -> i64 {
    let mut id = 0;
    for _ in 0..attempts {
        // A lease of 0 ms: due again at once.
        let claimed = store
            .claim_due_jobs(i64::MAX / 2, 0, 1)
            .await
            .expect("claim");
        id = claimed[0].id;
    }
    store.job_failed(id, error.into()).await.expect("failed");
    id
}

#[tokio::test]
async fn the_detail_page_shows_photos_and_forwarding_and_erasure_drops_pending_forwards() {
    let (app, store) = forwarding_desk().await;
    send(&app, post_lead(&marked_lead(1, "Photographed"))).await;
    let id = lead_id(1);
    let webhook = give_up_first_job(&store, 3, "400 Bad Request").await;
    let admin = login(&app, ADMIN).await;
    let page = admin.get(&app, &format!("/admin/leads/{id}")).await;
    assert!(
        page.body.contains(&format!(
            "<img src=\"/admin/leads/{id}/photos/front\" alt=\"Front\""
        )),
        "{}",
        page.body
    );
    assert!(page.body.contains("Front · 64×64"));
    assert!(
        page.body.contains(
            "<dt>Webhook</dt><dd><span class=\"badge warn\">Gave up after 3 attempts</span>"
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("Last error: 400 Bad Request"));
    assert!(
        page.body.contains(
            "<dt>Email to desk@clinic.example</dt><dd><span class=\"badge\">Waiting</span>"
        ),
        "{}",
        page.body
    );
    // Retry now, for each forward not yet delivered, behind the CSRF guard.
    for job in store.jobs_for(&id).await.expect("jobs") {
        assert!(
            page.body
                .contains(&format!("action=\"/admin/forwards/{}/retry\"", job.id)),
            "{}",
            page.body
        );
    }
    let csp = page.header("content-security-policy").unwrap_or_default();
    assert!(
        csp.contains("img-src 'self'") && csp.contains("form-action 'self'"),
        "{csp}"
    );
    let photo = admin
        .get(&app, &format!("/admin/leads/{id}/photos/front"))
        .await;
    assert_eq!(photo.status, StatusCode::OK);
    assert_eq!(photo.header("content-type"), Some("image/png"));

    // Retry now from the lead's page: due again with a fresh lifetime, back to the lead.
    let retried = admin
        .post(
            &app,
            &format!("/admin/forwards/{webhook}/retry"),
            &[("back", "lead")],
        )
        .await;
    assert_eq!(retried.status, StatusCode::SEE_OTHER, "{}", retried.body);
    assert_eq!(
        location(&retried),
        format!("/admin/leads/{id}?forward=retried#forwarding")
    );
    let job = store.job(webhook).await.expect("db").expect("job");
    assert_eq!((job.state.as_str(), job.attempts), ("pending", 3));
    let page = admin
        .get(&app, &format!("/admin/leads/{id}?forward=retried"))
        .await;
    assert!(
        page.body.contains("This forward will be tried again now."),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Retrying (3 attempts so far)") && page.body.contains("Next attempt "),
        "{}",
        page.body
    );

    // Erasing the lead takes its forwards with it, the pending ones included.
    assert_eq!(store.jobs_for(&id).await.expect("jobs").len(), 2);
    admin
        .post(&app, &format!("/admin/leads/{id}/erase"), &[])
        .await;
    assert!(store.jobs_for(&id).await.expect("jobs").is_empty());
    assert_eq!(store.next_job_due_ms().await.expect("due"), None);
    let audit = store.audit_page(Scope::All, None, 10).await.expect("audit");
    let erase = audit.iter().find(|e| e.action == "erase").expect("erased");
    assert_eq!(
        erase.detail, "1 lead, 3 related records",
        "a photo and two forwards"
    );
    assert!(
        audit.iter().all(|e| e.lead_id.is_none()),
        "the retry's entry went with the lead: {audit:?}"
    );
}

#[tokio::test]
async fn the_forwarding_page_shows_every_forward_and_retries_one_by_hand() {
    let (app, store) = forwarding_desk().await;
    for n in 1..=3 {
        let mut lead = sample_lead(&lead_id(n));
        lead["contact"]["name"] = json!(format!("Visitor {n}"));
        send(&app, post_lead(&lead)).await;
    }
    let webhook = give_up_first_job(&store, 2, "connect to 127.0.0.1:9 failed").await;
    let first = store.job(webhook).await.expect("db").expect("job");
    assert_eq!(first.lead_id, lead_id(1));

    // People only: the API token opens nothing here, an anonymous visit is sent to log in.
    assert_eq!(
        send(&app, get("/admin/forwards")).await.status,
        StatusCode::SEE_OTHER
    );
    let clerk = login(&app, CLERK).await;
    let page = clerk.get(&app, "/admin/forwards").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page
        .body
        .contains("<a href=\"/admin/forwards\">Forwarding</a>"));
    assert!(
        page.body.contains("Waiting or retrying (5)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Given up (1)"), "{}", page.body);
    assert!(page.body.contains("Delivered (0)"), "{}", page.body);
    assert!(
        page.body.contains(&format!(
            "<a href=\"/admin/leads/{}#forwarding\">Visitor 1</a>",
            lead_id(1)
        )),
        "{}",
        page.body
    );
    assert!(page.body.contains("Email to desk@clinic.example"));
    assert!(page
        .body
        .contains("Last error: connect to 127.0.0.1:9 failed"));

    // Filtered to what gave up: only that one, with its button.
    let failed = clerk.get(&app, "/admin/forwards?state=failed").await;
    assert_eq!(items(&failed.body), 1, "{}", failed.body);
    assert!(failed.body.contains("Gave up after 2 attempts"));
    assert!(failed.body.contains("aria-current=\"page\">Given up (1)"));

    // The button needs this session's CSRF token, and the form from the desk's own page.
    let action = format!("/admin/forwards/{webhook}/retry");
    let forged = Browser {
        csrf: Some("not-the-token".into()),
        ..clerk.clone()
    };
    let refused = forged
        .post(&app, &action, &[("back", "list"), ("state", "failed")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        store.job(webhook).await.expect("db").expect("job").state,
        "failed"
    );
    let mut cross_site = request(
        axum::http::Method::POST,
        &action,
        Some(&format!(
            "smp_desk={}",
            clerk.session.clone().unwrap_or_default()
        )),
        Some(&form(&[("csrf", clerk.csrf.as_deref().unwrap_or(""))])),
    );
    cross_site
        .headers_mut()
        .insert("origin", "https://evil.example".parse().expect("header"));
    cross_site
        .headers_mut()
        .insert("sec-fetch-site", "cross-site".parse().expect("header"));
    assert_eq!(send(&app, cross_site).await.status, StatusCode::FORBIDDEN);

    let retried = clerk
        .post(&app, &action, &[("back", "list"), ("state", "failed")])
        .await;
    assert_eq!(retried.status, StatusCode::SEE_OTHER, "{}", retried.body);
    assert_eq!(location(&retried), "/admin/forwards?state=failed&retried=1");
    let job = store.job(webhook).await.expect("db").expect("job");
    assert_eq!(job.state, "pending");
    let page = clerk
        .get(&app, "/admin/forwards?state=failed&retried=1")
        .await;
    assert!(page.body.contains("This forward will be tried again now."));
    assert!(page.body.contains("No forwards here."), "{}", page.body);
    let history = store.lead_history(&lead_id(1)).await.expect("history");
    assert!(
        history
            .iter()
            .any(|e| e.user == CLERK && e.action == "forward_retry" && e.detail == "webhook"),
        "{history:?}"
    );
    // A job that does not exist (or a made-up id), and a redirect that stays on the desk.
    let missing = clerk.post(&app, "/admin/forwards/999/retry", &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let bad = clerk.post(&app, "/admin/forwards/x/retry", &[]).await;
    assert_eq!(bad.status, StatusCode::NOT_FOUND);
    let elsewhere = clerk
        .post(
            &app,
            &action,
            &[("back", "https://evil.example/"), ("state", "/evil")],
        )
        .await;
    assert_eq!(location(&elsewhere), "/admin/forwards?retried=1");
}

#[tokio::test]
async fn the_forwarding_page_goes_back_in_pages() {
    let (app, store) = forwarding_desk().await;
    // 26 leads, two forwards each: 52 jobs, a page of 50 and one of 2.
    for n in 1..=26 {
        send(&app, post_lead(&sample_lead(&lead_id(n)))).await;
    }
    assert_eq!(
        store.job_counts(Scope::All).await.expect("counts").pending,
        52
    );
    let admin = login(&app, ADMIN).await;
    let first = admin.get(&app, "/admin/forwards").await;
    assert_eq!(items(&first.body), 50);
    let at = first
        .body
        .find("href=\"/admin/forwards?before=")
        .expect("older link");
    let rest = &first.body[at + "href=\"".len()..];
    let next = rest[..rest.find('"').expect("end")].replace("&amp;", "&");
    let second = admin.get(&app, &next).await;
    assert_eq!(items(&second.body), 2, "{}", second.body);
    assert!(!second.body.contains("?before="));
    // The oldest jobs are those of the first lead, and only those.
    assert!(second
        .body
        .contains(&format!("/admin/leads/{}#forwarding", lead_id(1))));
    assert!(!second
        .body
        .contains(&format!("/admin/leads/{}#forwarding", lead_id(2))));
}

// ---------------------------------------------------------------------------------------------
// CSV.

/// Splits CSV with `sep` into rows of cells (quoted cells may hold separators, quotes, newlines).
fn parse_csv(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, c) if c == sep => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "ends with CRLF"
    );
    rows
}

/// Whether every field of the CSV text starts and ends with a quote.
fn all_quoted(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    loop {
        // At the start of a field.
        match chars.next() {
            None => return true,
            Some('"') => {}
            Some(_) => return false,
        }
        loop {
            match chars.next() {
                None => return false,
                Some('"') if chars.peek() == Some(&'"') => {
                    chars.next();
                }
                Some('"') => break,
                Some(_) => {}
            }
        }
        match chars.next() {
            Some(',') => {}
            Some('\r') if chars.next() == Some('\n') => {}
            None => return true,
            Some(_) => return false,
        }
    }
}

/// A lead whose every field tries to become a formula.
fn nasty_lead(n: u32) -> serde_json::Value {
    let mut nasty = sample_lead(&lead_id(n));
    nasty["contact"]["name"] = json!("Sam;=1+1");
    nasty["contact"]["email"] = json!("=1+1@example.com");
    nasty["contact"]["phone"] = json!("-1+2");
    nasty["contact"]["preferred_contact"] = json!("\tmornings; \"early\"\r\nor late");
    nasty["contact"]["best_time"] = json!("@SUM(1+1)");
    nasty["page"]["url"] = json!("https://clinic.example/?a=1,b=2;c=3");
    nasty["recommendation"]["extent"] = json!("+cmd|' /C calc'!A0");
    nasty["recommendation"]["in_person"] = json!(["keloid", "=chemo"]);
    nasty["consent"]["marketing"] = json!(true);
    nasty
}

#[tokio::test]
async fn the_csv_is_the_current_view_every_field_quoted_and_no_cell_a_formula() {
    let d = desk().await;
    send(&d.app, post_lead(&sample_lead(&lead_id(1)))).await;
    // Stored by an older version that checked less (this one refuses its codes).
    store_unchecked(&d.store, &nasty_lead(2)).await;
    let admin = login(&d.app, ADMIN).await;
    admin
        .post(
            &d.app,
            &format!("/admin/leads/{}/status", lead_id(1)),
            &[("status", "booked")],
        )
        .await;

    let reply = admin.get(&d.app, "/admin/leads.csv").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.header("content-type"),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(
        reply.header("content-disposition"),
        Some("attachment; filename=\"leads.csv\"")
    );
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let text = reply
        .body
        .strip_prefix('\u{feff}')
        .expect("UTF-8 BOM for Excel");
    // Every field quoted: splitting on `;` gives the same cells as on `,` where no cell
    // holds either.
    let rows = parse_csv(text, ',');
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0], smp_inbox::csv::COLUMNS);
    assert!(all_quoted(text), "every field quoted: {text}");
    let nasty = &rows[1];
    assert_eq!(nasty[0], lead_id(2));
    assert_eq!(nasty[6], "Sam;=1+1", "one cell, whatever the separator");
    assert_eq!(nasty[7], "'=1+1@example.com");
    assert_eq!(nasty[8], "'-1+2");
    assert_eq!(nasty[9], "'\tmornings; \"early\"\r\nor late");
    assert_eq!(nasty[10], "'@SUM(1+1)");
    assert_eq!(nasty[12], "'+cmd|' /C calc'!A0");
    assert_eq!(nasty[16], "keloid; =chemo");
    assert_eq!(nasty[18], "yes");
    assert_eq!(nasty[20], "https://clinic.example/?a=1,b=2;c=3");
    for row in &rows {
        assert_eq!(row.len(), 22);
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    let booked = &rows[2];
    assert_eq!(&booked[2..4], ["booked", ADMIN]);
    assert_eq!(booked[8], "'+44 7700 900123");
    // The export follows the filter.
    let filtered = admin.get(&d.app, "/admin/leads.csv?status=booked").await;
    let rows = parse_csv(filtered.body.trim_start_matches('\u{feff}'), ',');
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][0], lead_id(1));
    // Machines may fetch it with the API token.
    assert_eq!(
        send(&d.app, get("/admin/leads.csv")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_big_export_streams_in_pages_with_every_lead_once() {
    let d = desk().await;
    let total = smp_inbox::csv::PAGE_ROWS + 37;
    for n in 1..=total {
        let mut lead = sample_lead(&lead_id(n));
        lead["contact"]["name"] = json!(format!("Person {n}"));
        d.store
            .insert(smp_inbox::store::NewLead {
                id: lead_id(n),
                clinic_id: smp_inbox::store::DEFAULT_CLINIC.to_string(),
                idempotency_key: None,
                origin: None,
                body: lead.to_string(),
                body_sha256: format!("{n}"),
                photos: Vec::new(),
                forward: Vec::new(),
            })
            .await
            .expect("insert");
    }
    let admin = login(&d.app, ADMIN).await;
    let reply = admin.get(&d.app, "/admin/leads.csv").await;
    let rows = parse_csv(reply.body.trim_start_matches('\u{feff}'), ',');
    assert_eq!(rows.len() as u32, total + 1);
    let names: Vec<String> = rows[1..].iter().map(|r| r[6].clone()).collect();
    let expected: Vec<String> = (1..=total).rev().map(|n| format!("Person {n}")).collect();
    assert_eq!(names, expected);
}

/// Opens `csv` in LibreOffice (headless) with `;` as the separator, as spreadsheets across
/// much of Europe do, and returns the formulas it found (should be none) and the cell texts.
fn open_in_libreoffice(csv: &[u8], dir: &std::path::Path) -> (Vec<String>, String) {
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok()
        })
        .expect("LibreOffice (Debian: libreoffice-calc-nogui; scripts/setup installs it)");
    let file = dir.join("leads.csv");
    std::fs::write(&file, csv).expect("write");
    let output = std::process::Command::new(soffice)
        .args([
            "--headless",
            "--norestore",
            &format!("-env:UserInstallation=file://{}/profile", dir.display()),
            // Separator ';' (59), text delimiter '"' (34), UTF-8 (76), from line 1.
            "--infilter=CSV:59,34,76,1",
            "--convert-to",
            "fods",
            "--outdir",
        ])
        .arg(dir)
        .arg(&file)
        .output()
        .expect("run LibreOffice");
    let fods = std::fs::read_to_string(dir.join("leads.fods"))
        .unwrap_or_else(|_| panic!("no output: {}", String::from_utf8_lossy(&output.stderr)));
    let formulas = fods
        .match_indices("table:formula=\"")
        .map(|(at, _)| fods[at..].chars().take(60).collect())
        .collect();
    (formulas, fods)
}

#[tokio::test]
async fn a_semicolon_spreadsheet_runs_no_formula_from_the_export() {
    let d = desk().await;
    store_unchecked(&d.store, &nasty_lead(1)).await;
    let mut plain = sample_lead(&lead_id(2));
    plain["contact"]["name"] = json!("=HYPERLINK(\"http://evil.example\";\"Click\")");
    assert_eq!(
        send(&d.app, post_lead(&plain)).await.status,
        StatusCode::CREATED
    );
    let admin = login(&d.app, ADMIN).await;
    let reply = admin.get(&d.app, "/admin/leads.csv").await;
    let dir = TempDir::new("libreoffice");
    let (formulas, sheet) = open_in_libreoffice(reply.body.as_bytes(), dir.path());
    assert_eq!(
        formulas,
        Vec::<String>::new(),
        "formula cells in the spreadsheet"
    );
    // The cells are all there, as text.
    assert!(sheet.contains("Sam;=1+1"), "the name stays one cell");
    assert!(sheet.contains("HYPERLINK"));
    // The check itself can fail: the same cells without the guard do become formulas.
    let unguarded = "\"name\"\r\n\"=1+1\"\r\nSam;=2+2\r\n";
    let control = TempDir::new("libreoffice-control");
    let (formulas, _) = open_in_libreoffice(unguarded.as_bytes(), control.path());
    assert_eq!(formulas.len(), 2, "{formulas:?}");
}
