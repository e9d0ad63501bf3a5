//! A server that refuses a photo upload early (401/413/429) and resets the connection:
//! the status is reported where the transport can read it, on both transports.

use std::time::Duration;

use http::StatusCode;
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::invite::{InviteUser, Png};
use vrchat_invite_core::{ApiErrorKind, BaseUrl, Session, UserAgent, UserId};
use vrchat_invite_tests::{Failure, Fault, FaultServer, reply_bytes};

/// A photo large enough that it cannot sit in the socket buffers while the server waits.
fn big_photo() -> Png {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.resize(8 * 1024 * 1024, 0);
    Png::new(bytes).expect("png")
}

fn session(server: &FaultServer) -> Session {
    Session::new(UserAgent::new("UploadFaults/1.0 tests@example.com").expect("agent"))
        .with_base_url(BaseUrl::new(server.base_url()).expect("base url"))
        .with_auth_cookie(AuthCookie::new("authcookie_upload").expect("token"))
}

fn invite() -> InviteUser {
    InviteUser::new(
        UserId::new("usr_friend").expect("user"),
        "wrld_1:1".parse().expect("location"),
    )
    .with_photo(big_photo())
}

fn refusal(status: u16) -> Vec<u8> {
    let body = format!(r#"{{"error":{{"message":"refused","status_code":{status}}}}}"#);
    let status = StatusCode::from_u16(status).expect("status");
    reply_bytes(&status.to_string(), &[], body.as_bytes())
}

fn via_ureq(server: &FaultServer) -> Failure {
    let client = vrchat_invite_ureq::Client::builder(session(server))
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client");
    Failure::from(&client.send(&invite()).expect_err("refused"))
}

fn via_hyper(server: &FaultServer) -> Failure {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let client = vrchat_invite_hyper::Client::builder(session(server))
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client");
    let error = runtime
        .block_on(async {
            tokio::time::timeout(Duration::from_secs(30), client.send(&invite())).await
        })
        .expect("within the bound")
        .expect_err("refused");
    Failure::from(&error)
}

fn expected(status: u16) -> Failure {
    let status = StatusCode::from_u16(status).expect("status");
    let kind = match status.as_u16() {
        401 => ApiErrorKind::Unauthorized,
        429 => ApiErrorKind::RateLimited,
        _ => ApiErrorKind::Other,
    };
    Failure::Api { status, kind }
}

#[test]
fn an_early_refusal_of_an_upload_is_reported_as_its_status() {
    for status in [401, 413, 429] {
        let server = FaultServer::start(Fault::AnswerBeforeBody(refusal(status))).expect("server");
        assert_eq!(via_ureq(&server), expected(status), "ureq, {status}");
        let server = FaultServer::start(Fault::AnswerBeforeBody(refusal(status))).expect("server");
        assert_eq!(via_hyper(&server), expected(status), "hyper, {status}");
    }
}

/// What ureq 3 cannot report: it writes a whole body before it reads anything, and after
/// an early answer to `Expect: 100-continue` it reads that answer only once more input or
/// the end of the connection arrives. A refusal followed by a reset, before or during the
/// upload, is therefore a lost connection over ureq (its docs say so). Hyper reads while it
/// writes and reports the status.
#[test]
fn a_refusal_then_a_reset() {
    for after in [0, 256 * 1024] {
        let fault = || Fault::AnswerMidBody {
            after,
            reply: refusal(413),
        };
        let server = FaultServer::start(fault()).expect("server");
        assert_eq!(
            via_ureq(&server),
            Failure::Disconnected,
            "ureq, after {after}"
        );
        let server = FaultServer::start(fault()).expect("server");
        assert_eq!(via_hyper(&server), expected(413), "hyper, after {after}");
    }
}
