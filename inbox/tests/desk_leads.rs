//! Health data handled as the law expects: erasure (gone from the database file, not only
//! unlinked), the personal-data export, automatic erasure after `retention_days`; and the
//! CSV of the current view (every field quoted, formulas defused, streamed).

mod common;
mod desk_support;

use std::time::Duration;

use axum::http::StatusCode;
use common::*;
use desk_support::*;
use serde_json::json;
use smp_inbox::desk::retention;

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
    let d = desk_on_file(&db).await;
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
    let audit = d.store.audit_page(None, 100).await.expect("audit");
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

#[tokio::test]
async fn retention_erases_old_leads_and_says_so() {
    let dir = TempDir::new("retention");
    let db = dir.path().join("inbox.sqlite3");
    let d = desk_on_file(&db).await;
    send(&d.app, post_lead(&marked_lead(1, "Oldleadmarker"))).await;
    send(&d.app, post_lead(&marked_lead(2, "Newleadmarker"))).await;
    // Lead 1 arrived 40 days ago, lead 2 twenty.
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        for (n, days) in [(1, 40), (2, 20)] {
            let at = smp_inbox::clock::rfc3339_utc(
                std::time::SystemTime::now() - Duration::from_secs(days * 86_400),
            );
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
    let clock = smp_inbox::clock::Clock::manual(smp_inbox::clock::now_unix_ms());
    let erased = retention::sweep(&d.store, 30, &clock).await.expect("sweep");
    assert_eq!(erased.leads, 1, "only the lead older than 30 days");
    let bytes = database_bytes(&db);
    assert!(!contains(&bytes, "Oldleadmarker") && contains(&bytes, "Newleadmarker"));
    assert!(d.store.get(&lead_id(2)).await.expect("db").is_some());
    // Eleven days on, the other one is 31 days old.
    clock.advance(Duration::from_secs(11 * 86_400));
    assert_eq!(
        retention::sweep(&d.store, 30, &clock)
            .await
            .expect("sweep")
            .leads,
        1
    );
    let bytes = database_bytes(&db);
    assert!(!contains(&bytes, "Oldleadmarker") && !contains(&bytes, "Newleadmarker"));
    let audit = d.store.audit_page(None, 10).await.expect("audit");
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
            .audit_page(None, 10)
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
    let audit = d.store.audit_page(None, 10).await.expect("audit");
    assert!(audit
        .iter()
        .any(|e| e.action == "export_person" && e.lead_id.as_deref() == Some(lead_id(2).as_str())));
}

#[tokio::test]
async fn the_detail_page_shows_photos_and_forwarding_and_erasure_drops_pending_forwards() {
    use smp_inbox::store::{OutboxKind, Role};
    let store = smp_inbox::LeadStore::open_in_memory().expect("db");
    let hash = smp_inbox::desk::password::hash(PASSWORD).expect("hash");
    store
        .add_user(ADMIN, hash, Role::Admin, "2025-05-01T09:00:00.000Z".into())
        .await
        .expect("user");
    let app = smp_inbox::app(test_state(store.clone()).with_forwarding(
        vec![OutboxKind::Webhook, OutboxKind::Email],
        Default::default(),
    ));
    send(&app, post_lead(&marked_lead(1, "Photographed"))).await;
    let id = lead_id(1);
    let webhook = store
        .due_jobs(OutboxKind::Webhook, i64::MAX, 10)
        .await
        .expect("jobs");
    store
        .job_failed(webhook[0].id, 3, None, "400 Bad Request".into())
        .await
        .expect("failed");
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
        page.body
            .contains("<dt>Webhook</dt><dd>Gave up after 3 attempts"),
        "{}",
        page.body
    );
    assert!(page.body.contains("400 Bad Request"));
    assert!(
        page.body.contains("<dt>Email</dt><dd>Waiting"),
        "{}",
        page.body
    );
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
    // Erasing the lead takes its forwards with it, the pending one included.
    assert_eq!(store.jobs_for(&id).await.expect("jobs").len(), 2);
    admin
        .post(&app, &format!("/admin/leads/{id}/erase"), &[])
        .await;
    assert!(store.jobs_for(&id).await.expect("jobs").is_empty());
    assert!(store
        .due_jobs(OutboxKind::Email, i64::MAX, 10)
        .await
        .expect("jobs")
        .is_empty());
    let audit = store.audit_page(None, 10).await.expect("audit");
    let erase = audit.iter().find(|e| e.action == "erase").expect("erased");
    assert_eq!(
        erase.detail, "1 lead, 3 related records",
        "a photo and two forwards"
    );
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
    send(&d.app, post_lead(&nasty_lead(2))).await;
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
        assert_eq!(row.len(), 21);
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
    send(&d.app, post_lead(&nasty_lead(1))).await;
    let mut plain = sample_lead(&lead_id(2));
    plain["contact"]["name"] = json!("=HYPERLINK(\"http://evil.example\";\"Click\")");
    send(&d.app, post_lead(&plain)).await;
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
