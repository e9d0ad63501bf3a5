//! Certificate checks over both transports, whichever roots the build trusts (the bundled
//! web roots, or the platform's verifier with `rustls-platform-verifier`): a server whose
//! certificate no trusted root signed is refused with a TLS error, and nothing is sent.

use std::io::Read;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_core::{BaseUrl, Session, UserAgent, UserId};
use vrchat_invite_tests::Failure;

/// A TLS server for `localhost` with a freshly made self-signed certificate; it counts
/// the requests whose bytes it ever decrypted (there must be none).
fn untrusted_server(connections: usize) -> (SocketAddr, Arc<AtomicUsize>, JoinHandle<()>) {
    let key =
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("certificate");
    let cert = CertificateDer::from(key.cert.der().to_vec());
    let private = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.signing_key.serialize_der()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_no_client_auth()
    .with_single_cert(vec![cert], private)
    .expect("server config");
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let decrypted = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&decrypted);
    let thread = std::thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            let Ok(connection) = rustls::ServerConnection::new(Arc::clone(&config)) else {
                continue;
            };
            let mut tls = rustls::StreamOwned::new(connection, &mut stream);
            let mut buffer = [0u8; 1024];
            if matches!(tls.read(&mut buffer), Ok(n) if n > 0) {
                counted.fetch_add(1, Ordering::SeqCst);
            }
        }
    });
    (addr, decrypted, thread)
}

fn session(addr: SocketAddr) -> Session {
    let base = format!("https://localhost:{}/api/1", addr.port());
    Session::new(UserAgent::new("TlsTest/1.0 t@example.com").expect("agent"))
        .with_base_url(BaseUrl::new(base).expect("base URL"))
        .with_auth_cookie(AuthCookie::new("authcookie_tls").expect("token"))
}

fn list() -> GetInviteMessages {
    GetInviteMessages::new(
        UserId::new("usr_a").expect("id"),
        InviteMessageType::Message,
    )
}

/// The error and its sources, as one text.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(next) = source {
        text.push_str(": ");
        text.push_str(&next.to_string());
        source = next.source();
    }
    text
}

#[test]
fn an_untrusted_certificate_is_refused_by_both_transports() {
    let (addr, decrypted, server) = untrusted_server(2);

    let ureq = vrchat_invite_ureq::Client::builder(session(addr))
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("ureq client");
    let by_ureq = ureq.send(&list()).expect_err("refused");
    assert_eq!(Failure::from(&by_ureq), Failure::Tls, "{by_ureq:?}");
    assert!(
        chain(&by_ureq).to_lowercase().contains("certificate"),
        "{}",
        chain(&by_ureq)
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let hyper = vrchat_invite_hyper::Client::builder(session(addr))
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("hyper client");
    let by_hyper = runtime.block_on(hyper.send(&list())).expect_err("refused");
    assert_eq!(Failure::from(&by_hyper), Failure::Tls, "{by_hyper:?}");
    assert!(
        chain(&by_hyper).to_lowercase().contains("certificate"),
        "{}",
        chain(&by_hyper)
    );

    server.join().expect("server");
    assert_eq!(decrypted.load(Ordering::SeqCst), 0, "no request was sent");
}
