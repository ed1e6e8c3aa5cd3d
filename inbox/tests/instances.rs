//! Several inbox instances on one database: two `LeadStore`s opened separately on the same
//! database (the suite's PostgreSQL server when `SMP_INBOX_TEST_DATABASE_URL` is set, else
//! one SQLite file), used at once from many tasks. A lead posted to both at once is stored
//! once; a forwarding job is claimed by one of them only; a job whose claimer died is taken
//! over by the other when its lease runs out.

mod common;

use std::collections::HashSet;

use serde_json::json;
use smp_inbox::lead::canonical_sha256;
use smp_inbox::store::{ForwardTarget, InsertOutcome, NewLead, DEFAULT_CLINIC};
use smp_inbox::LeadStore;

/// Two stores on one fresh database, and what keeps it alive (the SQLite file's directory).
fn two_instances() -> (LeadStore, LeadStore, Option<common::TempDir>) {
    match common::test_database_url() {
        Some(server) => {
            let url = common::fresh_database(&server);
            let a = LeadStore::open_postgres(&url).expect("first instance");
            let b = LeadStore::open_postgres(&url).expect("second instance");
            (a, b, None)
        }
        None => {
            let dir = common::TempDir::new("instances");
            let path = dir.path().join("inbox.sqlite3");
            let a = LeadStore::open(&path).expect("first instance");
            let b = LeadStore::open(&path).expect("second instance");
            (a, b, Some(dir))
        }
    }
}

fn lead(n: u32) -> NewLead {
    let body = json!({"n": n, "contact": {"name": format!("Lead {n}")}});
    NewLead {
        id: common::lead_id(n),
        clinic_id: DEFAULT_CLINIC.to_string(),
        idempotency_key: None,
        origin: None,
        body: body.to_string(),
        body_sha256: canonical_sha256(&body),
        photos: Vec::new(),
        forward: vec![ForwardTarget::webhook()],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_lead_posted_to_two_instances_at_once_is_stored_once() {
    let (a, b, _dir) = two_instances();
    let mut tasks = Vec::new();
    for n in 0..40 {
        for store in [&a, &b] {
            let store = store.clone();
            tasks.push(tokio::spawn(
                async move { (n, store.insert(lead(n)).await) },
            ));
        }
    }
    let mut stored = HashSet::new();
    let mut duplicates = 0;
    for task in tasks {
        let (n, outcome) = task.await.expect("task");
        match outcome.expect("insert") {
            InsertOutcome::Stored => assert!(stored.insert(n), "lead {n} stored twice"),
            InsertOutcome::Duplicate => duplicates += 1,
            InsertOutcome::Conflict => panic!("lead {n}: a retry seen as a conflict"),
        }
    }
    assert_eq!((stored.len(), duplicates), (40, 40));
    for store in [&a, &b] {
        assert_eq!(store.list().await.expect("list").len(), 40);
    }
    // One forwarding job per lead, whichever instance stored it.
    let counts = a
        .job_counts(smp_inbox::store::Scope::All)
        .await
        .expect("counts");
    assert_eq!(counts.pending, 40);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_claiming_at_once_never_take_the_same_job() {
    let (a, b, _dir) = two_instances();
    for n in 0..60 {
        a.insert(lead(n)).await.expect("insert");
    }
    let now = smp_inbox::clock::now_unix_ms();
    let mut workers = Vec::new();
    for store in [&a, &b, &a, &b] {
        let store = store.clone();
        workers.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let jobs = store.claim_due_jobs(now, 60_000, 4).await.expect("claim");
                if jobs.is_empty() {
                    break mine;
                }
                mine.extend(jobs.into_iter().map(|job| job.id));
            }
        }));
    }
    let mut claimed = Vec::new();
    for worker in workers {
        claimed.extend(worker.await.expect("worker"));
    }
    let distinct: HashSet<i64> = claimed.iter().copied().collect();
    assert_eq!(claimed.len(), distinct.len(), "a job was claimed twice");
    assert_eq!(distinct.len(), 60, "every job claimed");
}

#[tokio::test]
async fn a_job_held_by_a_dead_instance_is_taken_over_after_its_lease() {
    let (a, b, _dir) = two_instances();
    a.insert(lead(1)).await.expect("insert");
    let now = smp_inbox::clock::now_unix_ms();
    let held = a.claim_due_jobs(now, 5_000, 10).await.expect("claim");
    assert_eq!(held.len(), 1);
    drop(a); // the instance dies without finishing its attempt
    assert!(b
        .claim_due_jobs(now + 4_999, 5_000, 10)
        .await
        .expect("claim")
        .is_empty());
    let taken = b
        .claim_due_jobs(now + 5_000, 5_000, 10)
        .await
        .expect("claim");
    assert_eq!(taken.len(), 1);
    assert_eq!((taken[0].id, taken[0].attempts), (held[0].id, 2));
}
