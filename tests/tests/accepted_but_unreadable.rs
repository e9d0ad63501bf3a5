//! A 2xx reply to an invite that does not decode says the invite was sent, over both
//! transports, so nobody sends it twice.

use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::{BaseUrl, Session, UserAgent, UserId};
use vrchat_invite_tests::{Fault, FaultServer, reply_bytes};

fn session(server: &FaultServer) -> Session {
    Session::new(UserAgent::new("Unreadable/1.0 tests@example.com").expect("agent"))
        .with_base_url(BaseUrl::new(server.base_url()).expect("base url"))
        .with_auth_cookie(AuthCookie::new("authcookie_unreadable").expect("token"))
}

fn server() -> FaultServer {
    let page = reply_bytes(
        "200 OK",
        &[("content-type", "text/html")],
        b"<html>Sent!</html>",
    );
    FaultServer::start(Fault::KeepAlive(page)).expect("server")
}

fn invite() -> InviteUser {
    InviteUser::new(
        UserId::new("usr_friend").expect("user"),
        "wrld_1:1".parse().expect("location"),
    )
}

fn list() -> GetInviteMessages {
    GetInviteMessages::new(
        UserId::new("usr_me").expect("user"),
        InviteMessageType::Message,
    )
}

#[test]
fn over_ureq() {
    let server = server();
    let client = vrchat_invite_ureq::Client::new(session(&server)).expect("client");
    let error = client.send(&invite()).expect_err("undecodable");
    assert!(
        matches!(error, vrchat_invite_core::Error::Decode(_)),
        "{error}"
    );
    assert!(error.took_effect(), "{error}");
    assert!(error.to_string().contains("do not resend"), "{error}");
    let error = client.send(&list()).expect_err("undecodable");
    assert!(
        matches!(error, vrchat_invite_core::Error::Decode(_)),
        "{error}"
    );
    assert!(!error.took_effect(), "{error}");
}

#[test]
fn over_hyper() {
    let server = server();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let client = vrchat_invite_hyper::Client::new(session(&server)).expect("client");
    let bound = std::time::Duration::from_secs(30);
    let error = runtime
        .block_on(async { tokio::time::timeout(bound, client.send(&invite())).await })
        .expect("within the bound")
        .expect_err("undecodable");
    assert!(
        matches!(error, vrchat_invite_core::Error::Decode(_)),
        "{error}"
    );
    assert!(error.took_effect(), "{error}");
    assert!(error.to_string().contains("do not resend"), "{error}");
    let error = runtime
        .block_on(async { tokio::time::timeout(bound, client.send(&list())).await })
        .expect("within the bound")
        .expect_err("undecodable");
    assert!(
        matches!(error, vrchat_invite_core::Error::Decode(_)),
        "{error}"
    );
    assert!(!error.took_effect(), "{error}");
}
