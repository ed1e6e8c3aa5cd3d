//! Load benchmark for the inbox: sends N distinct leads with C concurrent clients (one fresh
//! connection per lead, like separate visitors) and prints leads per second and latency
//! percentiles.
//!
//! ```sh
//! cargo run --release -p smp-inbox --example load -- --leads 2000 --concurrency 16
//! cargo run --release -p smp-inbox --example load -- --photos 4 --leads 200
//! cargo run --release -p smp-inbox --example load -- --bin target/release/smp-inbox
//! cargo run --release -p smp-inbox --example load -- --url http://127.0.0.1:8787
//! ```
//!
//! By default it serves the inbox in this process (same code as the binary, a temporary
//! database, rate limit off) so it always measures the current source; `--bin` starts a
//! built binary instead, and `--url` targets a running inbox (only loopback addresses; turn
//! its rate limit off with `--rate-limit-per-minute 0`, or most leads will get 429).

use std::io::BufRead as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct Options {
    leads: usize,
    concurrency: usize,
    photos: usize,
    photo_side: u32,
    url: Option<String>,
    bin: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        leads: 2000,
        concurrency: 16,
        photos: 0,
        photo_side: 400,
        url: None,
        bin: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        let number = |v: String| v.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--leads" => options.leads = number(value()?)?,
            "--concurrency" => options.concurrency = number(value()?)?.max(1),
            "--photos" => options.photos = number(value()?)?.min(4),
            "--photo-side" => {
                options.photo_side = u32::try_from(number(value()?)?.clamp(1, 1600)).unwrap_or(1)
            }
            "--url" => options.url = Some(value()?),
            "--bin" => options.bin = Some(value()?),
            "--help" | "-h" => {
                println!(
                    "load [--leads N] [--concurrency C] [--photos 0-4] [--photo-side PX] \
                     [--url http://127.0.0.1:PORT | --bin PATH]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(options)
}

fn main() {
    let options = options().unwrap_or_else(|e| {
        eprintln!("load: {e}");
        std::process::exit(2);
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = std::env::temp_dir().join(format!("smp-inbox-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("inbox.sqlite3");

    let mut child = None;
    let (addr, mode) = if let Some(url) = &options.url {
        let addr: SocketAddr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .expect("--url must be http://IP:PORT");
        assert!(
            addr.ip().is_loopback(),
            "load only targets loopback addresses"
        );
        (addr, format!("running inbox at {url}"))
    } else if let Some(bin) = &options.bin {
        let mut process = std::process::Command::new(bin)
            .args([
                "--addr",
                "127.0.0.1:0",
                "--rate-limit-per-minute",
                "0",
                "--db",
            ])
            .arg(&db)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start the binary");
        let mut line = String::new();
        std::io::BufReader::new(process.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("start-up line");
        let addr = line
            .trim()
            .strip_prefix("smp-inbox listening on http://")
            .expect("start-up line")
            .parse()
            .expect("address");
        child = Some(process);
        (addr, format!("binary {bin}"))
    } else {
        let mut config = smp_inbox::Config::new(&db);
        config.rate_limit_per_minute = 0;
        let server = runtime
            .block_on(smp_inbox::Server::bind(config))
            .expect("bind");
        let addr = server.local_addr().expect("addr");
        runtime.spawn(server.run(std::future::pending()));
        (
            addr,
            "in-process server (same code as the binary)".to_string(),
        )
    };

    let photo = (options.photos > 0)
        .then(|| base64::engine::general_purpose::STANDARD.encode(png(options.photo_side)));
    let run_id = std::process::id();
    let bodies: Arc<Vec<(String, String)>> = Arc::new(
        (0..options.leads)
            .map(|n| {
                lead(
                    run_id,
                    n,
                    options.photos,
                    options.photo_side,
                    photo.as_deref(),
                )
            })
            .collect(),
    );
    let body_bytes = bodies.first().map_or(0, |(_, b)| b.len());
    println!(
        "smp-inbox load: {} leads, {} concurrent clients, {} photo(s) per lead, {} bytes per \
         lead, against {mode} on {addr}",
        options.leads, options.concurrency, options.photos, body_bytes
    );

    let next = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(options.leads)));
    let statuses = Arc::new(Mutex::new(
        std::collections::BTreeMap::<String, usize>::new(),
    ));
    let started = Instant::now();
    runtime.block_on(async {
        let mut clients = Vec::new();
        for _ in 0..options.concurrency {
            let (next, bodies, latencies, statuses) = (
                Arc::clone(&next),
                Arc::clone(&bodies),
                Arc::clone(&latencies),
                Arc::clone(&statuses),
            );
            clients.push(tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let Some((id, body)) = bodies.get(n) else {
                        return;
                    };
                    let sent = Instant::now();
                    let status = post(addr, id, body).await;
                    let took = sent.elapsed();
                    latencies.lock().expect("lock").push(took);
                    let key = status.map_or_else(|e| format!("error ({e})"), |s| s.to_string());
                    *statuses.lock().expect("lock").entry(key).or_default() += 1;
                }
            }));
        }
        for client in clients {
            client.await.expect("client");
        }
    });
    let elapsed = started.elapsed();

    let mut latencies = latencies.lock().expect("lock").clone();
    latencies.sort();
    let at = |q: f64| {
        let i = ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i]
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{:.0} leads/s ({} in {:.2} s); latency p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        latencies.len() as f64 / elapsed.as_secs_f64(),
        latencies.len(),
        elapsed.as_secs_f64(),
        ms(at(0.50)),
        ms(at(0.90)),
        ms(at(0.99)),
        ms(at(1.0)),
    );
    println!("statuses: {:?}", statuses.lock().expect("lock"));

    if let Some(mut child) = child {
        let _ = child.kill();
        let _ = child.wait();
    }
    drop(runtime);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A lead like the widget sends, distinct per run and index.
fn lead(run: u32, n: usize, photos: usize, side: u32, data: Option<&str>) -> (String, String) {
    let id = format!("{run:08x}-0000-4000-8000-{n:012x}");
    let photos: Vec<_> = ["front", "top", "crown", "sides"]
        .iter()
        .take(photos)
        .map(|slot| {
            json!({"slot": slot, "media_type": "image/png", "width": side, "height": side,
                   "data": data})
        })
        .collect();
    let body = json!({
        "schema": "smp-consult.lead/v1",
        "id": id,
        "created_at": "2025-05-01T10:00:00.000Z",
        "clinic": "Northline SMP",
        "locale": "en",
        "contact": {"name": format!("Load test {n}"), "email": "load@example.com",
                    "phone": "+44 7700 900123", "preferred_contact": "email",
                    "best_time": "evening", "message": ""},
        "consent": {"processing": true, "marketing": false,
                    "text": "I agree that Northline SMP may use my answers to assess whether SMP suits me."},
        "answers": {"pattern": "male", "stage": "n4", "style": "buzz", "health": []},
        "recommendation": {"approach": "buzz_cut", "alternative": null, "add_ons": [],
                           "extent": "medium", "sessions": {"min": 3, "max": 3},
                           "hours_per_session": {"min": 3, "max": 4}, "hairline": "soft",
                           "pigment": [], "cautions": [], "in_person": [],
                           "price": {"currency": "GBP", "min": 850, "max": 1500},
                           "reasons": ["hair_to_shade", "prefers_buzz"]},
        "photos": photos,
        "page": {"url": "https://northline.example/consult", "referrer": "", "utm": {}},
    });
    (id, body.to_string())
}

/// One POST over a fresh connection; the status, or what went wrong.
async fn post(addr: SocketAddr, id: &str, body: &str) -> Result<u16, String> {
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        let head = format!(
            "POST /v1/leads HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
             Content-Type: application/json\r\nIdempotency-Key: {id}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await?;
        Ok::<_, std::io::Error>(response)
    };
    let response = tokio::time::timeout(Duration::from_secs(30), exchange)
        .await
        .map_err(|_| "timeout".to_string())?
        .map_err(|e| e.kind().to_string())?;
    std::str::from_utf8(&response[..response.len().min(16)])
        .ok()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| "no status".to_string())
}

/// A grey `side`×`side` PNG with stored (uncompressed) deflate blocks.
fn png(side: u32) -> Vec<u8> {
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
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(0).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..side {
        raw.push(0);
        raw.extend((0..side).map(|x| ((x ^ y) & 0xFF) as u8));
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = u16::try_from(block.len()).unwrap_or(0);
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut ihdr = side.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}
