//! The real binary on a loopback socket: the start-up line, configuration from flags and from
//! the environment, and an acknowledged lead surviving `kill -9`.

mod common;

use std::net::SocketAddr;
use std::process::Command;

use common::*;

/// One HTTP/1.1 exchange over a fresh connection (the shared `common::http`, run to the end
/// here because these tests drive a child process); returns the status, head and body.
fn http_blocking(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let reply = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(http(addr, method, path, headers, body.as_bytes()))
        .expect("HTTP exchange");
    (reply.status, reply.head.clone(), reply.text())
}

#[test]
fn help_names_every_option() {
    let output = Command::new(env!("CARGO_BIN_EXE_smp-inbox"))
        .arg("--help")
        .output()
        .expect("run --help");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for option in [
        "--config",
        "--addr",
        "--db",
        "--allow-origin",
        "--max-body-bytes",
        "--rate-limit-per-minute",
        "--rate-limit-burst",
        "--admin-token",
        "--forward-webhook",
        "--smtp-host",
        "--smtp-port",
        "--smtp-from",
        "--notify-email",
        "--forward-retry-initial-ms",
        "--forward-retry-max-secs",
        "--forward-lifetime-days",
        "--forward-webhook-secret",
        "--forward-webhook-header",
        "--smtp-security",
        "--smtp-username",
        "--smtp-password",
        "--public-url",
        "--language",
        "--tls-ca-file",
        "--trusted-proxy",
        "--max-connections",
        "--max-connections-per-client",
        "--max-inflight-posts",
        "--header-timeout-secs",
        "--request-timeout-secs",
        "--shutdown-grace-secs",
        "--min-free-disk-mb",
        "openssl rand -base64 32",
        "--forward-timeout-secs",
        "SMP_INBOX_CONFIG",
        "SMP_INBOX_ADDR",
        "SMP_INBOX_DB",
        "SMP_INBOX_ALLOW_ORIGINS",
        "SMP_INBOX_ADMIN_TOKEN",
        "SMP_INBOX_NOTIFY_EMAIL",
        "[default: 8388608",
        "Precedence",
    ] {
        assert!(help.contains(option), "missing {option}: {help}");
    }
}

#[test]
fn a_bad_origin_is_a_clear_start_up_error() {
    let dir = TempDir::new("bad-origin");
    let output = binary(&dir.path().join("inbox.sqlite3"))
        .args(["--allow-origin", "clinic.example/form"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--allow-origin"), "{stderr}");
}

#[test]
fn an_acknowledged_lead_survives_kill_9() {
    let dir = TempDir::new("kill9");
    let db = dir.path().join("inbox.sqlite3");
    let mut server = Running::start(binary(&db).args(["--allow-origin", ALLOWED_ORIGIN]));

    let (status, _, body) = http_blocking(server.addr, "GET", "/healthz", &[], "");
    assert_eq!((status, body.as_str()), (200, "ok"));

    let id = lead_id(1);
    let lead = sample_lead(&id).to_string();
    let (status, head, body) = http_blocking(
        server.addr,
        "POST",
        "/v1/leads",
        &[
            ("Content-Type", "application/json"),
            ("Idempotency-Key", &id),
            ("Origin", ALLOWED_ORIGIN),
        ],
        &lead,
    );
    assert_eq!(status, 201, "{body}");
    let head = head.to_ascii_lowercase();
    assert!(
        head.contains(&format!("access-control-allow-origin: {ALLOWED_ORIGIN}")),
        "{head}"
    );

    // SIGKILL: no shutdown code runs, nothing is checkpointed or flushed on the way out.
    server.kill();

    let store = common::open_db(&db);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let stored = runtime
        .block_on(store.get(&id))
        .expect("read")
        .expect("the acknowledged lead is in the file");
    assert_eq!(stored.body, lead);
}

#[test]
fn configuration_can_come_from_the_environment() {
    let dir = TempDir::new("env");
    let db = dir.path().join("from-env.sqlite3");
    let mut command = Command::new(env!("CARGO_BIN_EXE_smp-inbox"));
    command
        .env("SMP_INBOX_ADDR", "127.0.0.1:0")
        .env("SMP_INBOX_DB", &db)
        .env(
            "SMP_INBOX_ALLOW_ORIGINS",
            "https://a.example,https://b.example",
        )
        .env_remove("SMP_INBOX_MAX_BODY_BYTES")
        .env_remove("SMP_INBOX_CONFIG");
    let server = Running::start(&mut command);

    let (status, head, _) = http_blocking(
        server.addr,
        "OPTIONS",
        "/v1/leads",
        &[
            ("Origin", "https://b.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    );
    assert_eq!(status, 204);
    assert!(
        head.to_ascii_lowercase()
            .contains("access-control-allow-origin: https://b.example"),
        "{head}"
    );

    let (status, _, _) = http_blocking(
        server.addr,
        "OPTIONS",
        "/v1/leads",
        &[
            ("Origin", "https://c.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    );
    assert_eq!(status, 403);
    assert!(db.exists(), "database created where SMP_INBOX_DB points");
}

#[test]
fn the_admin_token_is_never_shown_by_help() {
    let output = Command::new(env!("CARGO_BIN_EXE_smp-inbox"))
        .arg("--help")
        .env("SMP_INBOX_ADMIN_TOKEN", "very-secret-token-value")
        .output()
        .expect("run --help");
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(!help.contains("very-secret-token-value"), "{help}");
}

#[test]
fn a_config_file_configures_the_binary_and_flags_and_env_override_it() {
    let dir = TempDir::new("config-file");
    let db = dir.path().join("inbox.sqlite3");
    let config = dir.path().join("inbox.toml");
    std::fs::write(
        &config,
        format!(
            "db = {db:?}\nallow_origin = [\"https://file.example\"]\n\
             admin_token = \"tOkEn-fRoM-tHe-FiLe-0123456789-abcdefXYZ\"\nrate_limit_per_minute = 0\n"
        ),
    )
    .expect("write config");

    // --db from the file is overridden by the flag that binary() passes; the token comes from
    // the environment, over the file's.
    let other_db = dir.path().join("flag.sqlite3");
    let mut command = binary_sqlite(&other_db);
    command.arg("--config").arg(&config).env(
        "SMP_INBOX_ADMIN_TOKEN",
        "tOkEn-fRoM-tHe-EnV-9876543210-zyxwvuQRS",
    );
    let server = Running::start(&mut command);

    let (status, head, _) = http_blocking(
        server.addr,
        "OPTIONS",
        "/v1/leads",
        &[
            ("Origin", "https://file.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    );
    assert_eq!(status, 204, "{head}");
    let auth = |token: &str| format!("Bearer {token}");
    let (status, _, _) = http_blocking(
        server.addr,
        "GET",
        "/v1/leads",
        &[(
            "Authorization",
            &auth("tOkEn-fRoM-tHe-FiLe-0123456789-abcdefXYZ"),
        )],
        "",
    );
    assert_eq!(status, 401, "the environment overrides the file");
    let (status, _, body) = http_blocking(
        server.addr,
        "GET",
        "/v1/leads",
        &[(
            "Authorization",
            &auth("tOkEn-fRoM-tHe-EnV-9876543210-zyxwvuQRS"),
        )],
        "",
    );
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"leads":[],"next":null,"next_before":null}"#)
    );
    assert!(
        other_db.exists() && !db.exists(),
        "the flag overrides the file"
    );
}

#[test]
fn the_example_placeholder_or_a_short_secret_stops_the_start_with_how_to_make_one() {
    let dir = TempDir::new("placeholder");
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/inbox.example.toml");
    let db = dir.path().join("inbox.sqlite3");
    for (args, env, option) in [
        (vec!["--config", example], None, "admin_token"),
        (
            vec![],
            Some(("SMP_INBOX_ADMIN_TOKEN", "secret123")),
            "admin_token",
        ),
        (
            vec!["--forward-webhook", "https://hooks.example/x"],
            Some(("SMP_INBOX_FORWARD_WEBHOOK_SECRET", "change-me")),
            "forward_webhook_secret",
        ),
    ] {
        let mut command = binary(&db);
        command.args(&args);
        if let Some((key, value)) = env {
            command.env(key, value);
        }
        let output = command.output().expect("run");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(option) && stderr.contains("openssl rand -base64 32"),
            "{stderr}"
        );
    }
    assert!(!db.exists(), "nothing was started");
}

#[test]
fn a_bad_config_file_is_a_clear_start_up_error() {
    let dir = TempDir::new("bad-config");
    let config = dir.path().join("inbox.toml");
    std::fs::write(&config, "admin_tokn = \"x\"\n").expect("write config");
    let output = binary(&dir.path().join("inbox.sqlite3"))
        .arg("--config")
        .arg(&config)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("admin_tokn") && stderr.contains("inbox.toml"),
        "{stderr}"
    );
}

#[test]
fn migrate_brings_the_database_up_to_date_and_readyz_reports_it() {
    let dir = TempDir::new("migrate");
    let db = dir.path().join("inbox.sqlite3");
    let output = binary(&db).arg("migrate").output().expect("run migrate");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("is up to date"), "{stdout}");
    let engine = if common::test_database_url().is_some() {
        "postgres"
    } else {
        assert!(db.exists(), "the database was made");
        "sqlite"
    };

    let server = Running::start(&mut binary(&db));
    let (status, _, body) = http_blocking(server.addr, "GET", "/readyz", &[], "");
    assert_eq!(status, 200, "{body}");
    let ready: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(ready["ready"], true);
    assert_eq!(ready["database"]["engine"], engine);
    assert_eq!(ready["database"]["ok"], true);
}

/// Two inbox processes on one database (the suite's PostgreSQL, or one SQLite file): the same
/// leads posted to both at once are each stored once, one answered 201 and the other 200.
#[test]
fn two_processes_on_one_database_store_a_lead_posted_to_both_once() {
    let dir = TempDir::new("two-processes");
    let db = dir.path().join("inbox.sqlite3");
    // 30 posts from one address: over the rate limit's burst, which the two share on
    // PostgreSQL (tests/ratelimit.rs); this test is about storing, so the limit is off.
    let start = || Running::start(binary(&db).args(["--rate-limit-per-minute", "0"]));
    let (first, second) = (start(), start());
    let posts: Vec<_> = (0..15)
        .flat_map(|n| [(n, first.addr), (n, second.addr)])
        .map(|(n, addr)| {
            std::thread::spawn(move || {
                let id = lead_id(n);
                let lead = sample_lead(&id).to_string();
                let headers = [
                    ("Content-Type", "application/json"),
                    ("Idempotency-Key", id.as_str()),
                ];
                let (status, _, body) = http_blocking(addr, "POST", "/v1/leads", &headers, &lead);
                (n, status, body)
            })
        })
        .collect();
    let mut statuses = std::collections::HashMap::<u32, Vec<u16>>::new();
    for post in posts {
        let (n, status, body) = post.join().expect("post");
        assert!(status == 201 || status == 200, "{status} {body}");
        statuses.entry(n).or_default().push(status);
    }
    for (n, mut pair) in statuses {
        pair.sort_unstable();
        assert_eq!(
            pair,
            [200, 201],
            "lead {n}: stored by one, a duplicate for the other"
        );
    }
    drop((first, second));
    let store = common::open_db(&db);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let leads = runtime.block_on(store.list()).expect("list");
    assert_eq!(leads.len(), 15, "each lead stored once");
}
