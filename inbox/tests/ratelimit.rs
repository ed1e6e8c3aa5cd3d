//! The per-address rate limit on posting leads: a burst, then 429 with Retry-After; other
//! addresses unaffected; reads and preflights not counted; through a real socket too.

mod common;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode};
use common::*;
use serde_json::json;
use smp_inbox::{app, RateLimiter, Server};

fn limited_app(per_minute: u32, burst: u32) -> axum::Router {
    let state =
        test_state(common::test_store()).with_rate_limiter(RateLimiter::new(per_minute, burst));
    app(state)
}

/// A request as the server hands it to the router: with the peer's address.
fn from(peer: &str, mut request: Request<Body>) -> Request<Body> {
    let addr: SocketAddr = peer.parse().expect("address");
    request.extensions_mut().insert(ConnectInfo(addr));
    request
}

#[tokio::test]
async fn a_burst_then_429_with_retry_after_and_other_addresses_unaffected() {
    // One a minute after a burst of 20: however slowly a busy machine sends the 20, no token
    // comes back before the 21st.
    let app = limited_app(1, 20);
    for n in 0..20 {
        let reply = send(
            &app,
            from("192.0.2.10:5000", post_lead(&sample_lead(&lead_id(n)))),
        )
        .await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "lead {n}: {}",
            reply.body
        );
    }
    let mut request = from("192.0.2.10:5001", post_lead(&sample_lead(&lead_id(20))));
    request
        .headers_mut()
        .insert("origin", ALLOWED_ORIGIN.parse().expect("header"));
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = reply
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!(
        (1..=60).contains(&retry_after),
        "1/min refills one a minute: {retry_after}"
    );
    assert_eq!(
        reply.json(),
        json!({"error": format!("too many leads from this address; retry in {retry_after} s")})
    );
    // The widget on the clinic's page can read the answer and its Retry-After.
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some(ALLOWED_ORIGIN)
    );
    assert_eq!(
        reply.header("access-control-expose-headers"),
        Some("Retry-After")
    );

    // Another address has its own bucket.
    let reply = send(
        &app,
        from("192.0.2.11:5000", post_lead(&sample_lead(&lead_id(21)))),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED);

    // Reads and preflights are not counted.
    let reply = send(&app, from("192.0.2.10:5002", get("/v1/leads"))).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["leads"].as_array().map(Vec::len), Some(21));
    let preflight = Request::builder()
        .method(Method::OPTIONS)
        .uri("/v1/leads")
        .header("origin", ALLOWED_ORIGIN)
        .header("access-control-request-method", "POST")
        .body(Body::empty())
        .expect("request");
    assert_eq!(
        send(&app, from("192.0.2.10:5003", preflight)).await.status,
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn a_slow_limit_asks_to_wait_longer() {
    let app = limited_app(2, 1);
    let first = send(
        &app,
        from("198.51.100.1:1", post_lead(&sample_lead(&lead_id(1)))),
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let second = send(
        &app,
        from("198.51.100.1:1", post_lead(&sample_lead(&lead_id(2)))),
    )
    .await;
    assert_eq!(second.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = second.header("retry-after").unwrap().parse().unwrap();
    assert!(
        (29..=30).contains(&wait),
        "2 a minute: one every 30 s, got {wait}"
    );
}

#[tokio::test]
async fn the_real_server_limits_by_tcp_peer_and_0_disables_it() {
    let dir = TempDir::new("ratelimit");
    let mut config = common::config_on(dir.path().join("a.sqlite3"));
    config.rate_limit_burst = 3;
    let server = Server::bind(config).await.expect("bind");
    let addr = server.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    let mut statuses = Vec::new();
    for n in 0..5 {
        let lead = sample_lead(&lead_id(n)).to_string();
        let reply = post_lead_http(addr, &lead_id(n), &lead)
            .await
            .expect("post");
        statuses.push(reply.status);
        if reply.status == 429 {
            assert!(reply.header("retry-after").is_some());
        }
    }
    assert_eq!(statuses, [201, 201, 201, 429, 429]);
    let _ = stop.send(());
    task.await.expect("join").expect("served");

    let mut config = common::config_on(dir.path().join("b.sqlite3"));
    config.rate_limit_per_minute = 0;
    let server = Server::bind(config).await.expect("bind");
    let addr = server.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    let replies = futures_join_all((0..40).map(|n| {
        let lead = sample_lead(&lead_id(n)).to_string();
        async move {
            post_lead_http(addr, &lead_id(n), &lead)
                .await
                .expect("post")
                .status
        }
    }))
    .await;
    assert!(replies.iter().all(|s| *s == 201), "{replies:?}");
    let _ = stop.send(());
    task.await.expect("join").expect("served");
}

/// Runs futures concurrently on the test's runtime and collects their outputs in order.
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.expect("join"));
    }
    out
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_visitor_has_a_bucket_and_others_cannot_pick_one() {
    let proxy: ipnet::IpNet = "10.0.0.1/32".parse().expect("network");
    let state = test_state(common::test_store())
        .with_rate_limiter(RateLimiter::new(60, 1))
        .with_trusted_proxies(vec![proxy]);
    let app = app(state);
    let post = |n: u32, peer: &str, forwarded: &str| {
        let mut request = from(peer, post_lead(&sample_lead(&lead_id(n))));
        request
            .headers_mut()
            .insert("x-forwarded-for", forwarded.parse().expect("header"));
        request
    };
    // Two visitors through the proxy: one bucket each.
    assert_eq!(
        send(&app, post(1, "10.0.0.1:4000", "198.51.100.1"))
            .await
            .status,
        201
    );
    assert_eq!(
        send(&app, post(2, "10.0.0.1:4000", "198.51.100.2"))
            .await
            .status,
        201
    );
    // The first one again (writing another address in front of the proxy's does not help).
    let again = send(&app, post(3, "10.0.0.1:4000", "203.0.113.99, 198.51.100.1")).await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    // A client that is not the proxy is its own address, whatever header it sends.
    assert_eq!(
        send(&app, post(4, "192.0.2.50:4000", "198.51.100.3"))
            .await
            .status,
        201
    );
    let forged = send(&app, post(5, "192.0.2.50:4000", "198.51.100.4")).await;
    assert_eq!(forged.status, StatusCode::TOO_MANY_REQUESTS);
}

/// Two instances on one PostgreSQL database share each address's bucket: a burst of 3
/// spread over both is all the address gets, then both answer 429 (each alone would allow 3).
/// On SQLite (one process) there is nothing shared to test: it returns at once.
#[tokio::test]
async fn instances_on_one_postgresql_share_the_limit() {
    let Some(server) = common::test_database_url() else {
        return;
    };
    let url = common::fresh_database(&server);
    let instance = || {
        let store = smp_inbox::LeadStore::open_postgres(&url).expect("instance");
        app(test_state(store).with_rate_limiter(RateLimiter::new(1, 3)))
    };
    let (a, b) = (instance(), instance());
    let mut statuses = Vec::new();
    for (n, instance) in [&a, &b, &a, &b, &a].into_iter().enumerate() {
        let peer = format!("192.0.2.30:{}", 5000 + n);
        let lead = sample_lead(&lead_id(n as u32 + 1));
        statuses.push(send(instance, from(&peer, post_lead(&lead))).await.status);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    // Another address still has its whole burst, on either instance.
    let other = send(
        &b,
        from("192.0.2.31:5000", post_lead(&sample_lead(&lead_id(6)))),
    )
    .await;
    assert_eq!(other.status, StatusCode::CREATED);
}
