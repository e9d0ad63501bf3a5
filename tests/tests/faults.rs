//! Fault cases: each misbehaving server ends in the right typed error on both transports,
//! within its bound, and no error output shows the session's cookie.

use std::time::{Duration, Instant};

use http::StatusCode;
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::{ApiErrorKind, BaseUrl, Session, UserAgent, UserId};
use vrchat_invite_tests::{Failure, Fault, FaultServer, refused_addr, reply_bytes};

const COOKIE: &str = "authcookie_fault_secret";

/// Generous upper bound for any one fault case (the short timeout is 300 ms).
const BOUND: Duration = Duration::from_secs(10);

struct Limits {
    timeout: Duration,
    body_limit: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            timeout: Duration::from_millis(300),
            body_limit: 1000,
        }
    }
}

fn session(base_url: &str) -> Session {
    Session::new(UserAgent::new("FaultTests/1.0 tests@example.com").expect("user agent"))
        .with_base_url(BaseUrl::new(base_url).expect("base url"))
        .with_auth_cookie(AuthCookie::new(COOKIE).expect("token"))
}

fn list() -> GetInviteMessages {
    GetInviteMessages::new(
        UserId::new("usr_fault").expect("user id"),
        InviteMessageType::Message,
    )
}

/// Checks what every transport error must satisfy, whichever transport made it.
fn check_error(error: &(dyn std::error::Error + 'static), failure: &Failure) {
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(COOKIE), "cookie shown in {shown}");
    if matches!(
        failure,
        Failure::Connect | Failure::Timeout | Failure::Disconnected | Failure::Tls
    ) {
        assert!(error.source().is_some(), "{failure:?} without a source");
    }
}

fn via_ureq(base_url: &str, limits: &Limits) -> Failure {
    let client = vrchat_invite_ureq::Client::builder(session(base_url))
        .timeout(limits.timeout)
        .body_limit(limits.body_limit)
        .build()
        .expect("client");
    let started = Instant::now();
    let error = client
        .send(&list())
        .expect_err("the fault must fail the call");
    assert!(
        started.elapsed() < BOUND,
        "ureq took {:?}",
        started.elapsed()
    );
    let failure = Failure::from(&error);
    check_error(&error, &failure);
    failure
}

fn via_hyper(base_url: &str, limits: &Limits) -> Failure {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let client = vrchat_invite_hyper::Client::builder(session(base_url))
        .timeout(limits.timeout)
        .body_limit(limits.body_limit)
        .build()
        .expect("client");
    let started = Instant::now();
    let error = runtime
        .block_on(async {
            // The test's own bound, independent of the client's timeout.
            tokio::time::timeout(BOUND, client.send(&list())).await
        })
        .expect("hyper did not finish within the bound")
        .expect_err("the fault must fail the call");
    assert!(
        started.elapsed() < BOUND,
        "hyper took {:?}",
        started.elapsed()
    );
    let failure = Failure::from(&error);
    check_error(&error, &failure);
    failure
}

/// Runs the call over both transports against one server and returns both outcomes.
fn both(base_url: &str, limits: &Limits) -> [Failure; 2] {
    [via_ureq(base_url, limits), via_hyper(base_url, limits)]
}

#[test]
fn connection_refused_is_connect() {
    let base_url = format!("http://{}/api/1", refused_addr().expect("port"));
    assert_eq!(
        both(&base_url, &Limits::default()),
        [Failure::Connect, Failure::Connect]
    );
}

#[test]
fn plain_http_answer_to_a_tls_handshake_is_tls() {
    let garbage = reply_bytes("400 Bad Request", &[], b"not TLS");
    let server = FaultServer::start(Fault::Greet(garbage)).expect("server");
    let base_url = format!("https://{}/api/1", server.addr());
    assert_eq!(
        both(&base_url, &Limits::default()),
        [Failure::Tls, Failure::Tls]
    );
}

#[test]
fn close_mid_body_is_disconnected() {
    let server = FaultServer::start(Fault::CloseMidBody).expect("server");
    assert_eq!(
        both(&server.base_url(), &Limits::default()),
        [Failure::Disconnected, Failure::Disconnected]
    );
    assert_eq!(server.connections(), 2);
}

#[test]
fn reset_mid_body_is_disconnected() {
    let server = FaultServer::start(Fault::ResetMidBody).expect("server");
    assert_eq!(
        both(&server.base_url(), &Limits::default()),
        [Failure::Disconnected, Failure::Disconnected]
    );
}

#[test]
fn close_without_a_reply_is_disconnected() {
    let server = FaultServer::start(Fault::CloseWithoutReply).expect("server");
    assert_eq!(
        both(&server.base_url(), &Limits::default()),
        [Failure::Disconnected, Failure::Disconnected]
    );
}

#[test]
fn stall_before_the_reply_is_timeout() {
    let server = FaultServer::start(Fault::Stall).expect("server");
    assert_eq!(
        both(&server.base_url(), &Limits::default()),
        [Failure::Timeout, Failure::Timeout]
    );
    // The server did get each request: the timeout covered waiting for the reply.
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn stall_inside_the_body_is_timeout() {
    let server = FaultServer::start(Fault::StallAfterHeaders).expect("server");
    assert_eq!(
        both(&server.base_url(), &Limits::default()),
        [Failure::Timeout, Failure::Timeout]
    );
}

#[test]
fn body_over_the_limit_is_body_too_large() {
    let body = vec![b'x'; 5000];
    let server =
        FaultServer::start(Fault::Reply(reply_bytes("200 OK", &[], &body))).expect("server");
    let expected = Failure::BodyTooLarge { limit: 1000 };
    assert_eq!(
        both(&server.base_url(), &Limits::default()),
        [expected.clone(), expected]
    );
}

#[test]
fn chunked_body_over_the_limit_is_body_too_large() {
    let mut reply = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..5 {
        reply.extend_from_slice(b"1f4\r\n");
        reply.extend_from_slice(&[b'y'; 500]);
        reply.extend_from_slice(b"\r\n");
    }
    reply.extend_from_slice(b"0\r\n\r\n");
    let server = FaultServer::start(Fault::Reply(reply)).expect("server");
    let expected = Failure::BodyTooLarge { limit: 1000 };
    assert_eq!(
        both(&server.base_url(), &Limits::default()),
        [expected.clone(), expected]
    );
}

#[test]
fn html_502_page_is_a_server_error_from_the_core() {
    let page = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>";
    let reply = reply_bytes("502 Bad Gateway", &[("content-type", "text/html")], page);
    let server = FaultServer::start(Fault::Reply(reply)).expect("server");
    let expected = Failure::Api {
        status: StatusCode::BAD_GATEWAY,
        kind: ApiErrorKind::ServerError,
    };
    assert_eq!(
        both(&server.base_url(), &Limits::default()),
        [expected.clone(), expected]
    );

    // The page itself reaches the core: its title and raw body are kept.
    let client = vrchat_invite_ureq::Client::new(session(&server.base_url())).expect("client");
    let error = client.send(&list()).expect_err("502");
    let api = error.api().expect("an API error");
    assert_eq!(api.message(), Some("502 Bad Gateway"));
    assert_eq!(api.raw_body(), page);
    assert_eq!(error.cooldown_minutes(), None);
}

#[test]
fn redirect_to_another_host_is_refused_and_never_followed() {
    let elsewhere =
        FaultServer::start(Fault::Reply(reply_bytes("200 OK", &[], b"[]"))).expect("other server");
    let location = format!(
        "http://{}/api/1/message/usr_fault/message",
        elsewhere.addr()
    );
    for status in [
        "301 Moved Permanently",
        "302 Found",
        "307 Temporary Redirect",
        "308 Permanent Redirect",
    ] {
        let reply = reply_bytes(status, &[("location", &location)], b"");
        let server = FaultServer::start(Fault::Reply(reply)).expect("server");
        let code = status
            .split(' ')
            .next()
            .and_then(|code| code.parse().ok())
            .expect("code");
        let expected = Failure::Redirect {
            status: StatusCode::from_u16(code).expect("status"),
            location: Some(location.clone()),
        };
        assert_eq!(
            both(&server.base_url(), &Limits::default()),
            [expected.clone(), expected]
        );
        // The first host saw the cookie, as it should...
        let requests = server.requests();
        assert_eq!(requests.len(), 2);
        for request in &requests {
            assert!(String::from_utf8_lossy(request).contains(COOKIE));
        }
    }
    // ...and the other host saw nothing at all: no connection, so no cookie.
    assert_eq!(elsewhere.connections(), 0);
    assert!(elsewhere.requests().is_empty());
}

#[test]
fn error_replies_keep_every_header_and_the_body() {
    let body = br#"{"error":{"message":"Not found","status_code":404}}"#;
    let reply = reply_bytes(
        "404 Not Found",
        &[
            ("set-cookie", "auth=one; Path=/"),
            ("set-cookie", "twoFactorAuth=two; Path=/"),
            ("x-vrc-request-id", "req-42"),
        ],
        body,
    );
    let check = |response: http::Response<Vec<u8>>| {
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let cookies: Vec<_> = response.headers().get_all("set-cookie").iter().collect();
        assert_eq!(cookies, ["auth=one; Path=/", "twoFactorAuth=two; Path=/"]);
        assert_eq!(response.headers()["x-vrc-request-id"], "req-42");
        assert_eq!(response.body(), body);
    };
    let server = FaultServer::start(Fault::KeepAlive(reply)).expect("server");
    let request = || {
        session(&server.base_url())
            .request(&list())
            .expect("request")
    };

    let ureq = vrchat_invite_ureq::Client::new(session(&server.base_url())).expect("client");
    check(ureq.execute(request()).expect("ureq reply"));

    let hyper = vrchat_invite_hyper::Client::new(session(&server.base_url())).expect("client");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    check(
        runtime
            .block_on(hyper.execute(request()))
            .expect("hyper reply"),
    );

    // Through `send`, the same reply is the core's typed error with the request ID.
    let error = ureq.send(&list()).expect_err("404");
    assert_eq!(
        error.api().map(|api| api.kind()),
        Some(&ApiErrorKind::NotFound)
    );
    assert_eq!(error.api().and_then(|api| api.request_id()), Some("req-42"));
}

#[test]
fn connections_are_kept_alive_and_reused() {
    let reply = reply_bytes("200 OK", &[("content-type", "application/json")], b"[]");
    let ureq_server = FaultServer::start(Fault::KeepAlive(reply.clone())).expect("server");
    let ureq = vrchat_invite_ureq::Client::new(session(&ureq_server.base_url())).expect("client");
    for _ in 0..3 {
        assert_eq!(ureq.send(&list()).expect("list").len(), 0);
    }
    assert_eq!(ureq_server.connections(), 1);
    assert_eq!(ureq_server.requests().len(), 3);

    let hyper_server = FaultServer::start(Fault::KeepAlive(reply)).expect("server");
    let hyper =
        vrchat_invite_hyper::Client::new(session(&hyper_server.base_url())).expect("client");
    // On one thread the finished connection is back in the pool before the next request;
    // on several, hyper may now and then open a second one while the first is returned.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        for _ in 0..3 {
            assert_eq!(hyper.send(&list()).await.expect("list").len(), 0);
        }
    });
    assert_eq!(hyper_server.connections(), 1);
    assert_eq!(hyper_server.requests().len(), 3);
}

#[test]
fn debug_output_of_clients_hides_the_cookie() {
    let base_url = "http://127.0.0.1:9/api/1";
    let ureq = vrchat_invite_ureq::Client::new(session(base_url)).expect("client");
    let hyper = vrchat_invite_hyper::Client::new(session(base_url)).expect("client");
    for shown in [format!("{ureq:?}"), format!("{hyper:?}")] {
        assert!(!shown.contains(COOKIE), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
    }
}
