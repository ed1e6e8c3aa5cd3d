//! Benchmark of the desk over many stored leads: the list page, a filtered search and the
//! CSV export, timed (p50/p99) against the real binary, with the server's peak memory
//! (`VmHWM`) after each phase. Run at two database sizes to see that memory does not grow
//! with the number of leads.
//!
//! ```sh
//! cargo build --release -p smp-inbox --examples
//! target/release/examples/desk_bench --leads 10000,100000
//! ```
//!
//! Options: `--leads N[,N…]` (default 10000,100000), `--requests R` per page kind (default
//! 200), `--exports E` full CSV exports (default 5), `--bin PATH` (default
//! target/release/smp-inbox). Seeding writes the leads in one transaction, then opens the
//! file with the inbox's own storage, which builds the desk's rows as a migration would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

struct Options {
    leads: Vec<usize>,
    requests: usize,
    exports: usize,
    bin: PathBuf,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        leads: vec![10_000, 100_000],
        requests: 200,
        exports: 5,
        bin: PathBuf::from("target/release/smp-inbox"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = |v: &str| v.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--leads" => options.leads = value.split(',').map(number).collect::<Result<_, _>>()?,
            "--requests" => options.requests = number(&value)?.max(1),
            "--exports" => options.exports = number(&value)?.max(1),
            "--bin" => options.bin = PathBuf::from(value),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(options)
}

const FIRST: [&str; 12] = [
    "Sam", "Ana", "Zoë", "Tom", "Maria", "Jonas", "Chloé", "Luca", "Priya", "Omar", "Ines", "Kai",
];
const LAST: [&str; 10] = [
    "Taylor", "Silva", "Ünal", "Smith", "Rossi", "Müller", "Dubois", "Khan", "García", "Novak",
];

fn lead(n: usize) -> (String, String) {
    let id = format!("7a1c2b3a-4d5e-4f60-8a7b-{n:012x}");
    let name = format!(
        "{} {} {n}",
        FIRST[n % FIRST.len()],
        LAST[(n / 7) % LAST.len()]
    );
    let in_person: Vec<&str> = if n.is_multiple_of(3) {
        vec!["keloid"]
    } else {
        vec![]
    };
    let approach = [
        "buzz_cut",
        "density_shading",
        "scar_camouflage",
        "patch_blending",
    ][n % 4];
    let locale = ["en", "es", "fr", "de", "pt", "it"][n % 6];
    let body = json!({
        "schema": "smp-consult.lead/v1", "id": id, "created_at": "2026-01-01T10:00:00.000Z",
        "clinic": "Northline SMP", "locale": locale,
        "contact": {"name": name, "email": format!("person{n}@example.com"),
            "phone": format!("+44 7700 {:06}", n % 1_000_000), "preferred_contact": "whatsapp",
            "best_time": "evening", "message": "Is a buzz cut right for me? I have had thinning for years."},
        "consent": {"processing": true, "marketing": n.is_multiple_of(2),
            "text": "I agree that Northline SMP may use my answers, including health information, to assess whether SMP suits me and to contact me about it."},
        "answers": {"pattern": "male", "stage": "n4", "progression": "slow", "style": "buzz",
            "hair_colour": "dark_brown", "skin_tone": 3, "scars": [], "health": in_person,
            "age_band": "35_44", "hairline": "unsure"},
        "recommendation": {"approach": approach, "alternative": null, "add_ons": [],
            "extent": "medium", "sessions": {"min": 3, "max": 3}, "hours_per_session": {"min": 3, "max": 4},
            "hairline": "soft", "pigment": [], "cautions": ["future_loss"], "in_person": in_person,
            "price": {"currency": "GBP", "min": 850, "max": 1500}, "reasons": ["prefers_buzz"]},
        "photos": [],
        "page": {"url": "https://northline.example/consult", "referrer": null, "utm": {}}
    });
    (id, body.to_string())
}

/// Writes `count` leads into a new database at `db` and lets the inbox's storage build its
/// desk rows (the migration path), then gives a third of them a status.
fn seed(db: &Path, count: usize) -> Result<Duration, String> {
    let started = Instant::now();
    drop(smp_inbox::LeadStore::open(db).map_err(|e| e.to_string())?);
    {
        let mut conn = rusqlite::Connection::open(db).map_err(|e| e.to_string())?;
        conn.execute_batch("PRAGMA synchronous = OFF; DROP TRIGGER lead_desk_on_insert;")
            .map_err(|e| e.to_string())?;
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO leads (id, received_at, body, body_sha256) VALUES (?1, ?2, ?3, ?1)",
                )
                .map_err(|e| e.to_string())?;
            for n in 0..count {
                let (id, body) = lead(n);
                // Spread over the last 400 days, oldest first.
                let days = 400 - (n * 400 / count.max(1));
                let at = smp_inbox::clock::rfc3339_ms(
                    smp_inbox::clock::now_unix_ms() - days as i64 * 86_400_000,
                );
                insert
                    .execute(rusqlite::params![id, at, body])
                    .map_err(|e| e.to_string())?;
            }
        }
        tx.commit().map_err(|e| e.to_string())?;
    }
    drop(smp_inbox::LeadStore::open(db).map_err(|e| e.to_string())?);
    let conn = rusqlite::Connection::open(db).map_err(|e| e.to_string())?;
    conn.execute(
        "UPDATE lead_desk SET status = 'contacted', status_by = 'bench' WHERE seq % 3 = 2",
        [],
    )
    .map_err(|e| e.to_string())?;
    Ok(started.elapsed())
}

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(bin: &Path, db: &Path) -> Result<Server, String> {
    let password = "bench password 2026";
    let mut add = Command::new(bin)
        .args(["user", "add", "bench", "--db"])
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    add.stdin
        .take()
        .ok_or("stdin")?
        .write_all(format!("{password}\n").as_bytes())
        .map_err(|e| e.to_string())?;
    if !add.wait().map_err(|e| e.to_string())?.success() {
        return Err("user add failed".into());
    }
    let mut child = Command::new(bin)
        .args([
            "--addr",
            "127.0.0.1:0",
            "--rate-limit-per-minute",
            "0",
            "--db",
        ])
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut line = String::new();
    BufReader::new(child.stdout.take().ok_or("stdout")?)
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    let addr = line
        .trim()
        .rsplit("http://")
        .next()
        .and_then(|a| a.parse().ok())
        .ok_or(format!("no address in {line:?}"))?;
    Ok(Server { child, addr })
}

/// One HTTP/1.1 request on a fresh connection; returns status, headers and body length
/// (and the body when `keep` is set).
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: &str,
    keep: bool,
) -> Result<(u16, String, usize, String), String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream
        .write_all(text.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut kept = String::new();
    let mut length = 0;
    let mut buffer = [0u8; 65_536];
    loop {
        let n = reader.read(&mut buffer).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        length += n;
        if keep {
            kept.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    }
    Ok((status, head, length, kept))
}

fn cookie(head: &str, name: &str) -> Option<String> {
    head.lines()
        .filter_map(|l| l.strip_prefix("set-cookie: "))
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .map(str::to_string)
}

fn log_in(addr: SocketAddr) -> Result<String, String> {
    let (_, head, _, _) = request(addr, "GET", "/admin/login", &[], "", false)?;
    let token = cookie(&head, "smp_desk_login").ok_or("no login cookie")?;
    let form = format!("csrf={token}&user=bench&password=bench+password+2026&next=%2Fadmin");
    let (status, head, _, _) = request(
        addr,
        "POST",
        "/admin/login",
        &[
            ("Cookie", format!("smp_desk_login={token}")),
            ("Origin", format!("http://{addr}")),
            (
                "Content-Type",
                "application/x-www-form-urlencoded".to_string(),
            ),
        ],
        &form,
        false,
    )?;
    if status != 303 {
        return Err(format!("login answered {status}"));
    }
    cookie(&head, "smp_desk").ok_or("no session cookie".into())
}

fn peak_rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn time(
    label: &str,
    count: usize,
    server: &Server,
    mut run: impl FnMut(usize) -> Result<usize, String>,
) -> Result<(), String> {
    let mut times = Vec::with_capacity(count);
    let mut bytes = 0;
    for i in 0..count {
        let started = Instant::now();
        bytes = run(i)?;
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "  {label:<34} p50 {:>8.1} ms  p99 {:>8.1} ms  ({count} requests, {:>9} bytes each)  peak RSS {:>7} KiB",
        percentile(&times, 0.5).as_secs_f64() * 1000.0,
        percentile(&times, 0.99).as_secs_f64() * 1000.0,
        bytes,
        peak_rss_kib(server.child.id()),
    );
    Ok(())
}

fn main() {
    let options = match options() {
        Ok(options) => options,
        Err(err) => {
            eprintln!("desk_bench: {err}");
            std::process::exit(2);
        }
    };
    for &count in &options.leads {
        if let Err(err) = run(&options, count) {
            eprintln!("desk_bench: {err}");
            std::process::exit(1);
        }
    }
}

fn run(options: &Options, count: usize) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("smp-desk-bench-{}-{count}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let db = dir.join("inbox.sqlite3");
    let seeded = seed(&db, count)?;
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "{count} leads: seeded in {:.1} s, database {} MB",
        seeded.as_secs_f64(),
        size / 1_000_000
    );
    let server = start(&options.bin, &db)?;
    let session = log_in(server.addr)?;
    let cookie = [("Cookie", format!("smp_desk={session}"))];
    println!(
        "  peak RSS after start and login: {} KiB",
        peak_rss_kib(server.child.id())
    );
    let get = |path: &str| -> Result<usize, String> {
        let (status, _, length, _) = request(server.addr, "GET", path, &cookie, "", false)?;
        if status != 200 {
            return Err(format!("{path} answered {status}"));
        }
        Ok(length)
    };
    time("list, newest page", options.requests, &server, |_| {
        get("/admin")
    })?;
    let middle = count / 2;
    time(
        "list, a page in the middle",
        options.requests,
        &server,
        |i| get(&format!("/admin?before={}", middle + i)),
    )?;
    time(
        "filtered search (status+in-person+q)",
        options.requests,
        &server,
        |i| {
            get(&format!(
                "/admin?status=new&in_person=yes&q=m%C3%BCller+{}",
                i * 7
            ))
        },
    )?;
    time("search by phone digits", options.requests, &server, |i| {
        get(&format!("/admin?q=7700+{:06}", (i * 31) % count.max(1)))
    })?;
    time("CSV export, every lead", options.exports, &server, |_| {
        get("/admin/leads.csv")
    })?;
    time("CSV export, filtered", options.exports, &server, |_| {
        get("/admin/leads.csv?status=new&in_person=yes")
    })?;
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
