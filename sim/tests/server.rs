//! The server itself: the User-Agent rule, unknown routes, headers, the request log,
//! keep-alive, concurrency, start and stop.

mod common;

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

use common::*;
use http::{Method, Request, StatusCode};
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::models::NotificationType;
use vrchat_invite_core::{ApiErrorKind, UserId};
use vrchat_invite_sim::{Simulator, UserSpec, demo};

fn request_without_agent(sim: &Simulator, agent: Option<&str>) -> http::Response<Vec<u8>> {
    let mut builder = Request::builder().uri(format!("{}/auth/user", sim.base_url()));
    if let Some(agent) = agent {
        builder = builder.header("user-agent", agent);
    }
    sim.send(&builder.body(Vec::new()).expect("request"))
        .expect("reply")
}

#[test]
fn the_firewall_refuses_a_missing_or_vague_user_agent() {
    let (sim, alice, _) = scene();
    for agent in [
        None,
        Some(""),
        Some("curl/8.5.0"),
        Some("MyBot"),
        Some("MyBot/1.0"),
        Some("MyBot/1.0 @example.com"),
        Some("MyBot/1.0 (@example.com)"),
    ] {
        let reply = request_without_agent(&sim, agent);
        assert_eq!(reply.status(), StatusCode::FORBIDDEN, "{agent:?}");
        let body = json(&reply);
        assert_eq!(body["error"]["status_code"], 403);
        assert!(body["error"]["message"].is_string());
        assert_eq!(body["error"]["waf_code"], 13799, "{body}");
        assert!(body.get("waf_code").is_none(), "{body}");
        let error =
            vrchat_invite_core::ApiError::from_parts(reply.status(), reply.headers(), reply.body());
        assert_eq!(error.kind(), &ApiErrorKind::BlockedUserAgent);
    }
    // Even a valid session does not get past it.
    let session = session_as(&sim, &alice.id);
    let mut request = session
        .request(&GetInviteMessages::new(
            alice.id.clone(),
            InviteMessageType::Message,
        ))
        .expect("request");
    request.headers_mut().remove("user-agent");
    assert_eq!(
        sim.send(&request).expect("reply").status(),
        StatusCode::FORBIDDEN
    );
    let good = request_without_agent(&sim, Some("Good/1.0 https://example.com"));
    assert_eq!(good.status(), StatusCode::UNAUTHORIZED);
    // The official SDKs' shape passes.
    let sdk = request_without_agent(
        &sim,
        Some("MyApp/2.1 (me@example.com), vrchatapi-python/1.19 (https://github.com/vrchatapi)"),
    );
    assert_eq!(sdk.status(), StatusCode::UNAUTHORIZED);
}

#[test]
fn the_firewall_answers_as_vrchat_does_waf_code_inside_error() {
    let (sim, _, _) = scene();
    let reply = request_without_agent(&sim, Some("MyBot/1.0 @example.com"));
    assert_eq!(reply.status(), StatusCode::FORBIDDEN);
    let body = std::str::from_utf8(reply.body()).expect("utf-8");
    let message = json(&reply)["error"]["message"]
        .as_str()
        .expect("a message")
        .to_owned();
    assert!(message.contains("identify yourself"), "{message}");
    assert_eq!(
        body,
        format!(r#"{{"error":{{"message":"{message}","status_code":403,"waf_code":13799}}}}"#)
    );
}

#[test]
fn unknown_routes_get_the_string_shaped_404() {
    let (sim, alice, _) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    for (method, path) in [
        (Method::GET, format!("{}/nothing", sim.base_url())),
        (
            Method::GET,
            format!("{}/invite/{}", sim.base_url(), alice.id),
        ),
        (
            Method::PATCH,
            format!("{}/message/{}/message/0", sim.base_url(), alice.id),
        ),
        (
            Method::POST,
            format!("{}/auth/twofactorauth/sms/verify", sim.base_url()),
        ),
        (Method::GET, format!("http://{}/api/2/auth", sim.addr())),
        (Method::GET, format!("http://{}/", sim.addr())),
    ] {
        let request = Request::builder()
            .method(method.clone())
            .uri(&path)
            .header("user-agent", AGENT)
            .header("cookie", &cookie)
            .body(Vec::new())
            .expect("request");
        let reply = sim.send(&request).expect("reply");
        assert_eq!(reply.status(), StatusCode::NOT_FOUND, "{method} {path}");
        assert_eq!(
            reply.body(),
            br#"{"error":"\"Not Found\"","status_code":404}"#
        );
    }
    assert_eq!(sim.operation_counts()["unknown"], 6);
}

#[test]
fn every_reply_has_a_distinct_request_id_and_a_json_type() {
    let (sim, alice, _) = scene();
    let mut ids = Vec::new();
    for path in [
        "/auth",
        "/nothing",
        &format!("/message/{}/message", alice.id),
    ] {
        let reply = raw(&sim, Method::GET, path, None, b"");
        let id = reply.headers()[vrchat_invite_core::error::REQUEST_ID_HEADER]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert!(!id.is_empty());
        assert_eq!(
            reply.headers()["content-type"],
            "application/json; charset=utf-8"
        );
        ids.push(id);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3);
    let refused = request_without_agent(&sim, None);
    assert!(
        refused
            .headers()
            .contains_key(vrchat_invite_core::error::REQUEST_ID_HEADER)
    );
    // The core keeps it in its errors.
    let error = vrchat_invite_core::ApiError::from_parts(
        refused.status(),
        refused.headers(),
        refused.body(),
    );
    assert!(error.request_id().is_some());
}

#[test]
fn the_request_log_keeps_raw_paths_headers_and_bodies() {
    let sim = Simulator::start().expect("simulator");
    let alice = sim.add_user(UserSpec::new("alice", "pw"));
    let odd = sim.add_user(UserSpec::new("odd", "pw").id(UserId::new("usr_é/x").expect("id")));
    sim.make_friends(&alice.id, &odd.id);
    let session = session_as(&sim, &alice.id);
    let invite = InviteUser::new(odd.id.clone(), "wrld_1:2".parse().expect("location"));
    call(&sim, &session, &invite).expect("invite");
    let _ = raw(&sim, Method::GET, "/nothing?x=1", None, b"");

    let log = sim.request_log();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].method, Method::POST);
    assert_eq!(log[0].path, "/api/1/invite/usr_%C3%A9%2Fx");
    assert_eq!(log[0].headers["user-agent"], AGENT);
    assert_eq!(log[0].body, br#"{"instanceId":"wrld_1:2"}"#);
    assert_eq!(log[1].path, "/api/1/nothing?x=1");
    assert_eq!(sim.notifications_for(&odd.id).len(), 1);

    // Cookie values are kept but never printed.
    let token = session.auth_cookie().expect("token").expose().to_owned();
    assert!(
        log[0].headers["cookie"]
            .to_str()
            .expect("ascii")
            .contains(&token)
    );
    assert!(!format!("{:?}", log[0]).contains(&token));

    assert_eq!(sim.request_count(), 2);
    let counts = sim.operation_counts();
    assert_eq!(counts.get("inviteUser"), Some(&1));
    assert_eq!(counts.get("unknown"), Some(&1));
    sim.clear_request_log();
    assert!(sim.request_log().is_empty());
    assert_eq!(sim.request_count(), 2);
}

#[test]
fn the_handle_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Simulator>();
    assert_send_sync::<vrchat_invite_sim::LoggedRequest>();
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let (sim, alice, _) = scene();
    assert!(!format!("{alice:?}").contains("alice-pw"));
    assert!(!format!("{:?}", sim.open_session(&alice.id)).contains("authcookie"));
    assert!(format!("{sim:?}").contains(&sim.addr().to_string()));
}

fn read_reply(stream: &mut TcpStream) -> (u16, Vec<u8>) {
    let mut raw = Vec::new();
    let mut chunk = [0u8; 4096];
    for _ in 0..1000 {
        let n = stream.read(&mut chunk).expect("read");
        assert!(n > 0, "connection closed early");
        raw.extend_from_slice(&chunk[..n]);
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .map(|value| value.trim().parse().expect("length"))
                .expect("content-length");
            if raw.len() >= end + 4 + length {
                let status = head[9..12].parse().expect("status");
                return (status, raw[end + 4..end + 4 + length].to_vec());
            }
        }
    }
    panic!("no complete reply")
}

#[test]
fn one_connection_serves_many_requests() {
    let (sim, alice, _) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    let mut stream = TcpStream::connect(sim.addr()).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    for round in 0..3 {
        let request = format!(
            "GET /api/1/message/{}/request/{round} HTTP/1.1\r\nhost: x\r\nuser-agent: {AGENT}\r\ncookie: {cookie}\r\n\r\n",
            alice.id
        );
        stream.write_all(request.as_bytes()).expect("write");
        let (status, body) = read_reply(&mut stream);
        assert_eq!(status, 200);
        let message: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(message["slot"], round);
    }
    // A malformed body on the same connection is a 400, and the connection lives on.
    let body = "{\"message\":";
    let request = format!(
        "PUT /api/1/message/{}/message/0 HTTP/1.1\r\nhost: x\r\nuser-agent: {AGENT}\r\ncookie: {cookie}\r\ncontent-length: {}\r\n\r\n{body}",
        alice.id,
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("write");
    assert_eq!(read_reply(&mut stream).0, 400);
    stream
        .write_all(format!("GET /api/1/auth HTTP/1.1\r\nhost: x\r\nuser-agent: {AGENT}\r\ncookie: {cookie}\r\n\r\n").as_bytes())
        .expect("write");
    assert_eq!(read_reply(&mut stream).0, 200);
    assert_eq!(sim.request_count(), 5);
}

#[test]
fn many_clients_at_once() {
    let (sim, alice, bob) = scene();
    let threads = 8;
    let per_thread = 25;
    std::thread::scope(|scope| {
        for t in 0..threads {
            let sim = &sim;
            let (alice, bob) = (&alice, &bob);
            scope.spawn(move || {
                let session = session_as(sim, &alice.id);
                for i in 0..per_thread {
                    if (t + i) % 2 == 0 {
                        let list =
                            GetInviteMessages::new(alice.id.clone(), InviteMessageType::Message);
                        assert_eq!(call(sim, &session, &list).expect("list").len(), 12);
                    } else {
                        let invite =
                            InviteUser::new(bob.id.clone(), "wrld_1:1".parse().expect("location"));
                        call(sim, &session, &invite).expect("invite");
                    }
                }
            });
        }
    });
    let total = (threads * per_thread) as u64;
    assert_eq!(sim.request_count(), total);
    let counts = sim.operation_counts();
    assert_eq!(counts["inviteUser"] + counts["getInviteMessages"], total);
    assert_eq!(
        sim.notifications_for(&bob.id).len() as u64,
        counts["inviteUser"]
    );
}

#[tokio::test(flavor = "current_thread")]
async fn works_from_inside_a_tokio_runtime_and_drops_there() {
    let (sim, alice, _) = scene();
    let session = session_as(&sim, &alice.id);
    let addr = sim.addr();
    let sim = tokio::task::spawn_blocking(move || {
        let list = GetInviteMessages::new(alice.id.clone(), InviteMessageType::Message);
        assert_eq!(call(&sim, &session, &list).expect("list").len(), 12);
        sim
    })
    .await
    .expect("blocking task");
    // Raw async I/O against it from this runtime.
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream
        .write_all(b"GET /api/1/auth HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut reply = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut reply))
        .await
        .expect("in time")
        .expect("read");
    assert!(
        reply.starts_with(b"HTTP/1.1 403"),
        "{}",
        String::from_utf8_lossy(&reply)
    );
    drop(sim);
}

#[test]
fn dropping_the_simulator_stops_the_server() {
    let sim = Simulator::start().expect("simulator");
    let addr = sim.addr();
    let mut idle = TcpStream::connect(addr).expect("connect while running");
    drop(sim);
    assert!(TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err());
    // An open connection is closed too.
    idle.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut buffer = [0u8; 16];
    let read = idle.read(&mut buffer);
    assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
}

#[test]
fn start_on_binds_the_given_address_and_reports_errors() {
    let sim = Simulator::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).expect("simulator");
    assert_eq!(sim.addr().ip(), Ipv4Addr::LOCALHOST);
    assert_ne!(sim.addr().port(), 0);
    assert_eq!(
        sim.base_url(),
        format!("http://127.0.0.1:{}/api/1", sim.addr().port())
    );
    let taken = Simulator::start_on(sim.addr());
    assert!(taken.is_err(), "a port in use cannot be bound twice");
}

#[test]
fn the_clock_starts_at_a_fixed_date_and_dates_notifications() {
    let (sim, alice, bob) = scene();
    assert_eq!(sim.now().as_str(), "2026-01-01T00:00:00.000Z");
    assert_eq!(
        sim.now().unix_millis(),
        Some(vrchat_invite_sim::START_UNIX_MILLIS)
    );
    sim.advance_clock(Duration::from_secs(3600 * 24 + 1));
    let session = session_as(&sim, &alice.id);
    let invite = InviteUser::new(bob.id.clone(), "wrld_1:1".parse().expect("location"));
    let sent = call(&sim, &session, &invite).expect("invite");
    assert_eq!(sent.created_at.as_str(), "2026-01-02T00:00:01.000Z");
}

#[test]
fn oversize_bodies_are_refused() {
    let (sim, alice, bob) = scene();
    let cookie = auth_cookie(&session_as(&sim, &alice.id));
    let body = vec![b' '; 17 * 1024 * 1024];
    let reply = raw(
        &sim,
        Method::POST,
        &format!("/invite/{}", bob.id),
        Some(&cookie),
        &body,
    );
    assert_eq!(reply.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(sim.request_log()[0].body.is_empty());
}

#[test]
fn the_demo_has_two_friends_and_alice_uses_totp() {
    let (sim, accounts) = demo().expect("demo");
    assert_eq!(
        accounts.alice.username,
        vrchat_invite_sim::DEMO_ALICE_USERNAME
    );
    assert_eq!(accounts.bob.password, vrchat_invite_sim::DEMO_BOB_PASSWORD);
    let mut session = anonymous(&sim);
    let code = sim.totp_code(&accounts.alice.id).expect("alice has TOTP");
    let user = log_in(
        &sim,
        &mut session,
        vrchat_invite_sim::DEMO_ALICE_USERNAME,
        vrchat_invite_sim::DEMO_ALICE_PASSWORD,
        |_| {
            (
                vrchat_invite_core::auth::TwoFactorMethod::Totp,
                code.clone(),
            )
        },
    )
    .expect("alice logs in");
    assert_eq!(user.display_name, "Alice");
    let invite = InviteUser::new(
        accounts.bob.id.clone(),
        "wrld_1:1".parse().expect("location"),
    );
    call(&sim, &session, &invite).expect("alice may invite bob");
    assert_eq!(
        sim.notifications_for(&accounts.bob.id)[0].kind,
        NotificationType::Invite
    );
    let mut bob_session = anonymous(&sim);
    log_in(
        &sim,
        &mut bob_session,
        vrchat_invite_sim::DEMO_BOB_USERNAME,
        vrchat_invite_sim::DEMO_BOB_PASSWORD,
        no_code,
    )
    .expect("bob logs in without 2FA");
}
