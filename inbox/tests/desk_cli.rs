//! `smp-inbox user …`: desk users come only from the command line, with a password typed
//! (here: given on standard input), never a default one.

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use common::TempDir;
use smp_inbox::desk::password;
use smp_inbox::store::{Role, Scope};

/// Runs the binary with `args` and `stdin`; returns (success, stdout, stderr).
fn run(db: &std::path::Path, args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_smp-inbox"))
        .args(args)
        .arg("--db")
        .arg(db)
        .args(
            common::postgres_for(db)
                .map(|url| vec!["--database-url".to_string(), url])
                .unwrap_or_default(),
        )
        .env_remove("SMP_INBOX_ADMIN_TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start smp-inbox");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let output = child.wait_with_output().expect("wait");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn users_are_added_changed_and_removed_from_the_command_line() {
    let dir = TempDir::new("cli");
    let db = dir.path().join("inbox.sqlite3");
    let (ok, out, err) = run(
        &db,
        &["user", "add", "maria", "--admin"],
        "a long enough secret\n",
    );
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "added admin user maria");
    let (ok, _, err) = run(&db, &["user", "add", "Maria"], "another long secret\n");
    assert!(!ok);
    assert!(err.contains("already a user named"), "{err}");
    let (ok, _, err) = run(&db, &["user", "add", "tom"], "short\n");
    assert!(!ok);
    assert!(err.contains("at least 12 characters"), "{err}");
    let (ok, _, err) = run(&db, &["user", "add", "tom"], "");
    assert!(!ok, "an empty password is refused too: {err}");
    let (ok, _, err) = run(&db, &["user", "add", "two words"], "a long enough secret\n");
    assert!(!ok && err.contains("user name"), "{err}");
    let (ok, out, _) = run(&db, &["user", "add", "tom"], "tom's long password\n");
    assert!(ok && out.contains("added desk user tom"));
    let (ok, out, _) = run(&db, &["user", "list"], "");
    assert!(ok);
    assert_eq!(out, "maria\tadmin\tdefault\ntom\tdesk\tdefault\n");

    {
        let store = common::open_db(&db);
        let (user, hash) = store
            .user_by_name("MARIA")
            .await
            .expect("db")
            .expect("maria");
        assert_eq!(user.role, Role::Admin);
        assert!(hash.starts_with("$argon2id$"), "hashed, not stored: {hash}");
        assert!(password::verify("a long enough secret", &hash));
    }
    let (ok, out, _) = run(&db, &["user", "password", "maria"], "a brand new secret\n");
    assert!(ok, "{out}");
    let (ok, out, _) = run(&db, &["user", "remove", "tom"], "");
    assert!(ok && out.contains("removed user tom"));
    let (ok, _, err) = run(&db, &["user", "remove", "tom"], "");
    assert!(!ok && err.contains("no user named"), "{err}");

    let store = common::open_db(&db);
    let (_, hash) = store
        .user_by_name("maria")
        .await
        .expect("db")
        .expect("maria");
    assert!(password::verify("a brand new secret", &hash));
    let audit = store.audit_page(Scope::All, None, 10).await.expect("audit");
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["user_remove", "user_password", "user_add", "user_add"]
    );
    assert!(audit.iter().all(|e| e.user == "cli"));
}

/// `smp-inbox clinic …` and `user add --clinic/--operator`: clinics are added, changed and
/// removed from the command line, each with its endpoint and a token shown once.
#[tokio::test]
async fn clinics_and_their_users_are_managed_from_the_command_line() {
    let dir = TempDir::new("clinic-cli");
    let db = dir.path().join("inbox.sqlite3");
    let (ok, out, err) = run(
        &db,
        &[
            "clinic",
            "add",
            "northline",
            "--allow-origin",
            "https://northline.example",
            "--notify-email",
            "desk@northline.example",
            "--language",
            "es",
        ],
        "",
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("endpoint: /v1/clinics/northline/leads"),
        "{out}"
    );
    let token = out
        .split("(shown once): ")
        .nth(1)
        .expect("token shown")
        .trim()
        .to_string();
    assert!(token.len() >= 32, "{token}");
    let (ok, _, err) = run(&db, &["clinic", "add", "northline"], "");
    assert!(!ok && err.contains("already a clinic"), "{err}");
    let (ok, _, err) = run(&db, &["clinic", "add", "North Line"], "");
    assert!(!ok && err.contains("lower-case"), "{err}");
    let (ok, _, err) = run(&db, &["clinic", "add", "x", "--language", "xx"], "");
    assert!(!ok && err.contains("language"), "{err}");
    let (ok, _, err) = run(
        &db,
        &[
            "clinic",
            "add",
            "y",
            "--forward-webhook",
            "http://hooks.example/x",
        ],
        "",
    );
    assert!(
        !ok && err.contains("secret"),
        "a webhook needs its secret: {err}"
    );

    let (ok, out, err) = run(
        &db,
        &["clinic", "set", "northline", "--retention-days", "30"],
        "",
    );
    assert!(ok && out.contains("changed clinic northline"), "{err}");
    let (ok, out, _) = run(&db, &["clinic", "token", "northline"], "");
    assert!(ok);
    let new_token = out.split("(shown once): ").nth(1).expect("token").trim();
    assert_ne!(new_token, token);

    let (ok, _, err) = run(
        &db,
        &["user", "add", "nora", "--clinic", "northline"],
        "nora's long password\n",
    );
    assert!(ok, "{err}");
    let (ok, _, err) = run(
        &db,
        &["user", "add", "x", "--clinic", "nowhere"],
        "x's long password!!\n",
    );
    assert!(!ok && err.contains("no clinic"), "{err}");
    let (ok, _, err) = run(
        &db,
        &["user", "add", "ola", "--operator"],
        "ola's long password\n",
    );
    assert!(ok, "{err}");
    let (ok, out, _) = run(&db, &["user", "list"], "");
    assert!(ok);
    assert_eq!(
        out,
        "nora\tdesk\tnorthline\nola\tdesk\toperator (every clinic)\n"
    );
    let (ok, out, _) = run(&db, &["clinic", "list"], "");
    assert!(ok);
    assert_eq!(
        out,
        "default\t/v1/leads\t0 leads\nnorthline\t/v1/clinics/northline/leads\t0 leads\n"
    );

    {
        let store = common::open_db(&db);
        let row = store
            .clinic_row("northline")
            .await
            .expect("db")
            .expect("clinic");
        assert!(
            row.settings.contains("\"retention_days\":30"),
            "{}",
            row.settings
        );
        assert!(
            row.settings.contains("\"language\":\"es\""),
            "{}",
            row.settings
        );
        assert_eq!(
            row.api_token_sha256.as_deref(),
            Some(smp_inbox::clinic::token_sha256(new_token.as_bytes()).as_str()),
            "only the token's hash is kept"
        );
        let (user, _) = store.user_by_name("nora").await.expect("db").expect("nora");
        assert_eq!(user.scope, Scope::one("northline"));
    }
    let (ok, out, err) = run(&db, &["user", "clinics", "nora", "--operator"], "");
    assert!(ok && out.contains("operator"), "{err}");
    let (ok, _, err) = run(&db, &["user", "clinics", "nora", "--clinic", "nowhere"], "");
    assert!(!ok && err.contains("no clinic"), "{err}");
    let (ok, _, _) = run(
        &db,
        &["user", "clinics", "nora", "--clinic", "northline"],
        "",
    );
    assert!(ok);
    let (ok, _, err) = run(&db, &["user", "clinics", "nobody", "--operator"], "");
    assert!(!ok && err.contains("no user named"), "{err}");
    let (ok, out, _) = run(&db, &["clinic", "remove", "northline"], "");
    assert!(ok && out.contains("removed clinic northline"));
    let (ok, _, err) = run(&db, &["clinic", "remove", "northline"], "");
    assert!(!ok && err.contains("no clinic"), "{err}");
}
