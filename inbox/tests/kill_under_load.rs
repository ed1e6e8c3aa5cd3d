//! Durability under load: 1,000 distinct leads from 16 concurrent clients, the server killed
//! with SIGKILL about halfway, restarted on the same file, every lead whose outcome was
//! unknown or failed sent again. Every acknowledged lead must be there, and all 1,000 exactly
//! once.

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use common::*;
use serde_json::json;

const LEADS: usize = 1_000;
const CONCURRENCY: usize = 16;
const KILL_AFTER_ACKS: usize = LEADS / 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// 201 or 200: the server said it has the lead.
    Acked(u16),
    /// Any other status.
    Failed(u16),
    /// No answer (connection refused or reset, timeout).
    Unknown,
}

fn lead_body(n: usize) -> (String, String) {
    let id = lead_id(u32::try_from(n).expect("small"));
    let mut lead = sample_lead(&id);
    lead["contact"]["name"] = json!(format!("Load {n}"));
    // One lead in ten carries a photo, so photo rows are written under the kill too.
    if n.is_multiple_of(10) {
        lead["photos"] = json!([photo("crown", "image/png", 32, 32, &png(32, 32))]);
    }
    (id, lead.to_string())
}

/// Sends `which` leads with `CONCURRENCY` clients; calls `on_ack` after each acknowledgement.
async fn send_all(
    addr: std::net::SocketAddr,
    leads: Arc<Vec<(String, String)>>,
    which: Vec<usize>,
    on_ack: Arc<dyn Fn() + Send + Sync>,
) -> HashMap<usize, Outcome> {
    let next = Arc::new(AtomicUsize::new(0));
    let which = Arc::new(which);
    let outcomes = Arc::new(Mutex::new(HashMap::new()));
    let mut clients = Vec::new();
    for _ in 0..CONCURRENCY {
        let (next, which, leads, outcomes, on_ack) = (
            Arc::clone(&next),
            Arc::clone(&which),
            Arc::clone(&leads),
            Arc::clone(&outcomes),
            Arc::clone(&on_ack),
        );
        clients.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(&n) = which.get(i) else { return };
                let (id, body) = &leads[n];
                let outcome = match post_lead_http(addr, id, body).await {
                    Ok(reply) if reply.status == 201 || reply.status == 200 => {
                        on_ack();
                        Outcome::Acked(reply.status)
                    }
                    Ok(reply) => Outcome::Failed(reply.status),
                    Err(_) => Outcome::Unknown,
                };
                outcomes.lock().expect("lock").insert(n, outcome);
            }
        }));
    }
    for client in clients {
        client.await.expect("client");
    }
    Arc::try_unwrap(outcomes)
        .expect("all clients done")
        .into_inner()
        .expect("lock")
}

#[test]
fn every_acknowledged_lead_survives_kill_9_under_load_and_none_is_stored_twice() {
    let started = Instant::now();
    let dir = TempDir::new("kill-under-load");
    let db = dir.path().join("inbox.sqlite3");
    let command = || {
        let mut command = binary_sqlite(&db);
        command.args(["--rate-limit-per-minute", "0", "--admin-token", ADMIN_TOKEN]);
        command
    };
    let leads: Arc<Vec<(String, String)>> = Arc::new((0..LEADS).map(lead_body).collect());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");

    // Phase 1: load, and SIGKILL once half the leads are acknowledged.
    let first = Arc::new(Mutex::new(Running::start(&mut command())));
    let addr = first.lock().expect("lock").addr;
    let acks = Arc::new(AtomicUsize::new(0));
    let killed = Arc::new(AtomicBool::new(false));
    let on_ack: Arc<dyn Fn() + Send + Sync> = {
        let (acks, killed, first) = (Arc::clone(&acks), Arc::clone(&killed), Arc::clone(&first));
        Arc::new(move || {
            if acks.fetch_add(1, Ordering::SeqCst) + 1 == KILL_AFTER_ACKS
                && !killed.swap(true, Ordering::SeqCst)
            {
                first.lock().expect("lock").kill();
            }
        })
    };
    let phase1 = runtime.block_on(send_all(
        addr,
        Arc::clone(&leads),
        (0..LEADS).collect(),
        on_ack,
    ));
    assert!(
        killed.load(Ordering::SeqCst),
        "the server was killed mid-load"
    );
    assert_eq!(phase1.len(), LEADS);
    let acked_first: HashSet<usize> = phase1
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Acked(_)))
        .map(|(n, _)| *n)
        .collect();
    let unknown = phase1.values().filter(|o| **o == Outcome::Unknown).count();
    let failed = phase1
        .values()
        .filter(|o| matches!(o, Outcome::Failed(_)))
        .count();
    assert!(
        acked_first.len() >= KILL_AFTER_ACKS && acked_first.len() < LEADS,
        "killed mid-way: {} acknowledged",
        acked_first.len()
    );

    // Phase 2: restart on the same file and resend whatever was not acknowledged, until
    // everything is (bounded rounds).
    let second = Running::start(&mut command());
    let mut pending: Vec<usize> = (0..LEADS).filter(|n| !acked_first.contains(n)).collect();
    let mut resent_already_stored = 0;
    let mut resent_new = 0;
    for round in 0..5 {
        if pending.is_empty() {
            break;
        }
        let outcomes = runtime.block_on(send_all(
            second.addr,
            Arc::clone(&leads),
            pending.clone(),
            Arc::new(|| {}),
        ));
        resent_already_stored += outcomes
            .values()
            .filter(|o| **o == Outcome::Acked(200))
            .count();
        resent_new += outcomes
            .values()
            .filter(|o| **o == Outcome::Acked(201))
            .count();
        pending.retain(|n| !matches!(outcomes[n], Outcome::Acked(_)));
        assert!(
            round < 4 || pending.is_empty(),
            "still unacknowledged: {pending:?}"
        );
    }

    // Acknowledged leads sent again are recognised as already stored.
    let sample: Vec<usize> = acked_first.iter().copied().take(50).collect();
    let again = runtime.block_on(send_all(
        second.addr,
        Arc::clone(&leads),
        sample,
        Arc::new(|| {}),
    ));
    assert!(
        again.values().all(|o| *o == Outcome::Acked(200)),
        "{again:?}"
    );

    // The file: every lead exactly once, each as it was sent.
    let conn = rusqlite::Connection::open(&db).expect("open");
    let rows: Vec<(String, String)> = conn
        .prepare("SELECT id, body FROM leads")
        .expect("prepare")
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(rows.len(), LEADS, "exactly {LEADS} rows");
    let stored: HashMap<&str, &str> = rows
        .iter()
        .map(|(id, body)| (id.as_str(), body.as_str()))
        .collect();
    assert_eq!(stored.len(), LEADS, "no id twice");
    for n in &acked_first {
        let (id, _) = &leads[*n];
        assert!(
            stored.contains_key(id.as_str()),
            "acknowledged lead {id} lost"
        );
    }
    for (n, (id, body)) in leads.iter().enumerate() {
        let row = stored
            .get(id.as_str())
            .unwrap_or_else(|| panic!("lead {id} missing"));
        if !n.is_multiple_of(10) {
            assert_eq!(row, body, "lead {id} stored as sent");
        }
    }
    let photos: i64 = conn
        .query_row("SELECT count(*) FROM photos", [], |row| row.get(0))
        .expect("count");
    assert_eq!(
        photos,
        i64::try_from(LEADS / 10).expect("small"),
        "one photo per tenth lead"
    );
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM photos WHERE lead_id NOT IN (SELECT id FROM leads)",
            [],
            |row| row.get(0),
        )
        .expect("count");
    assert_eq!(orphans, 0);

    // The API agrees.
    let listed = runtime.block_on(async {
        http(
            second.addr,
            "GET",
            "/v1/leads?limit=1000",
            &[("Authorization", &format!("Bearer {ADMIN_TOKEN}"))],
            b"",
        )
        .await
        .expect("list")
        .json()
    });
    assert_eq!(listed["leads"].as_array().map(Vec::len), Some(LEADS));

    eprintln!(
        "kill -9 under load: {} acknowledged before the kill, {unknown} unknown, {failed} \
         failed; resent {} ({resent_already_stored} were already stored, {resent_new} new); \
         {LEADS} stored once each; {:.1} s",
        acked_first.len(),
        LEADS - acked_first.len(),
        started.elapsed().as_secs_f64()
    );
    drop(second);
}
