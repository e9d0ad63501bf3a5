//! Proxies over both transports, against a local `CONNECT` proxy that checks credentials
//! and tunnels to the simulator.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use vrchat_invite_core::{
    BaseUrl, GetInviteMessages, InviteMessageType, ProxyRules, ProxyServer, Session, UserAgent,
    UserId,
};
use vrchat_invite_sim::{DemoAccounts, Simulator};

/// The credentials the test proxy wants: `me` / `pa ss` (the space percent-encoded in URLs).
const EXPECTED_AUTH: &str = "Basic bWU6cGEgc3M=";

/// A name the proxy (not DNS) resolves to the simulator.
const NAMED_HOST: &str = "api.vrchat.test";

/// One `CONNECT` the proxy received: the target and whether the credentials were right.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    target: String,
    authorized: bool,
}

/// A small `CONNECT` proxy on 127.0.0.1.
struct ConnectProxy {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ConnectProxy {
    /// Tunnels to any `host:port`, with [`NAMED_HOST`] taken as `sim`.
    fn start(sim: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen_by, stopped) = (Arc::clone(&seen), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let seen = Arc::clone(&seen_by);
                std::thread::spawn(move || serve(stream, sim, &seen));
            }
        });
        Self {
            addr,
            seen,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self, userinfo: &str) -> ProxyServer {
        ProxyServer::new(&format!("http://{userinfo}{}", self.addr)).expect("proxy URL")
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("seen").clone()
    }
}

impl Drop for ConnectProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr); // wakes the accept loop
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(mut client: TcpStream, sim: SocketAddr, seen: &Mutex<Vec<Seen>>) {
    let _ = client.set_read_timeout(Some(Duration::from_secs(30)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 8192 {
        match client.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut words = request_line.split(' ');
    let (Some("CONNECT"), Some(target)) = (words.next(), words.next()) else {
        let _ = client.write_all(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
        return;
    };
    let authorized = lines.any(|line| {
        line.split_once(':').is_some_and(|(name, value)| {
            name.eq_ignore_ascii_case("proxy-authorization") && value.trim() == EXPECTED_AUTH
        })
    });
    seen.lock().expect("seen").push(Seen {
        target: target.to_owned(),
        authorized,
    });
    if !authorized {
        let _ = client.write_all(
            b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n",
        );
        return;
    }
    let upstream = match target.rsplit_once(':') {
        Some((NAMED_HOST, _)) => TcpStream::connect(sim),
        _ => TcpStream::connect(target),
    };
    let Ok(upstream) = upstream else {
        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
        return;
    };
    if client
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .is_err()
    {
        return;
    }
    let (Ok(mut client_read), Ok(mut upstream_write)) = (client.try_clone(), upstream.try_clone())
    else {
        return;
    };
    let forward = std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_read, &mut upstream_write);
        let _ = upstream_write.shutdown(Shutdown::Write);
    });
    let mut upstream_read = upstream;
    let _ = std::io::copy(&mut upstream_read, &mut client);
    let _ = client.shutdown(Shutdown::Both);
    let _ = forward.join();
}

fn session(sim: &Simulator, base_url: &str, user: &UserId) -> Session {
    Session::new(UserAgent::new("ProxyTest/1.0 t@example.com").expect("agent"))
        .with_base_url(BaseUrl::new(base_url).expect("base URL"))
        .with_auth_token(sim.open_session(user))
}

fn list(accounts: &DemoAccounts) -> GetInviteMessages {
    GetInviteMessages::new(accounts.bob.id.clone(), InviteMessageType::Message)
}

/// Sends the list through a ureq client and a hyper client built with `rules`; returns
/// the number of messages each got, or the error each gave.
fn over_both(
    session: &Session,
    rules: &ProxyRules,
    accounts: &DemoAccounts,
) -> [Result<usize, String>; 2] {
    let ureq = vrchat_invite_ureq::Client::builder(session.clone())
        .proxy_rules(rules.clone())
        .build()
        .expect("ureq client");
    let by_ureq = ureq
        .send(&list(accounts))
        .map(|m| m.decoded().count())
        .map_err(|e| e.to_string());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let hyper = vrchat_invite_hyper::Client::builder(session.clone())
        .proxy_rules(rules.clone())
        .timeout(Duration::from_secs(20))
        .build()
        .expect("hyper client");
    let by_hyper = runtime
        .block_on(hyper.send(&list(accounts)))
        .map(|m| m.decoded().count())
        .map_err(|e| e.to_string());
    [by_ureq, by_hyper]
}

#[test]
fn an_explicit_proxy_with_credentials_tunnels_both_transports() {
    let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
    let proxy = ConnectProxy::start(sim.addr());
    let session = session(&sim, &sim.base_url(), &accounts.bob.id);
    let rules = ProxyRules::all(proxy.url("me:pa%20ss@"));
    assert_eq!(over_both(&session, &rules, &accounts), [Ok(12), Ok(12)]);
    let target = format!("127.0.0.1:{}", sim.addr().port());
    let seen = proxy.seen();
    assert_eq!(seen.len(), 2, "one tunnel per transport: {seen:?}");
    assert!(
        seen.iter().all(|s| s.target == target && s.authorized),
        "{seen:?}"
    );
    assert_eq!(sim.operation_counts()["getInviteMessages"], 2);
}

#[test]
fn credentials_given_apart_from_the_url_work_too() {
    let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
    let proxy = ConnectProxy::start(sim.addr());
    let session = session(&sim, &sim.base_url(), &accounts.bob.id);
    let rules = ProxyRules::all(proxy.url("").with_credentials("me", "pa ss"));
    assert_eq!(over_both(&session, &rules, &accounts), [Ok(12), Ok(12)]);
}

#[test]
fn a_proxy_refusing_the_credentials_fails_both_and_nothing_reaches_the_server() {
    let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
    let proxy = ConnectProxy::start(sim.addr());
    let session = session(&sim, &sim.base_url(), &accounts.bob.id);
    for userinfo in ["", "me:wrong@"] {
        let rules = ProxyRules::all(proxy.url(userinfo));
        let [by_ureq, by_hyper] = over_both(&session, &rules, &accounts);
        assert!(
            by_ureq.is_err() && by_hyper.is_err(),
            "{by_ureq:?} {by_hyper:?}"
        );
        for error in [by_ureq, by_hyper].into_iter().flat_map(Result::err) {
            assert!(!error.contains("wrong"), "no password in errors: {error}");
        }
    }
    assert_eq!(proxy.seen().len(), 4);
    assert!(proxy.seen().iter().all(|s| !s.authorized));
    assert_eq!(sim.request_count(), 0);
}

#[test]
fn proxy_rules_from_the_environment_tunnel_named_hosts_and_skip_loopback() {
    let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
    let proxy = ConnectProxy::start(sim.addr());
    let proxy_url = format!("http://me:pa%20ss@{}", proxy.addr);
    let env = move |name: &str| (name == "HTTP_PROXY").then(|| proxy_url.clone());
    let rules = ProxyRules::from_env(env);

    // A named host goes through the proxy, which resolves it.
    let port = sim.addr().port();
    let named = session(
        &sim,
        &format!("http://{NAMED_HOST}:{port}/api/1"),
        &accounts.bob.id,
    );
    assert_eq!(over_both(&named, &rules, &accounts), [Ok(12), Ok(12)]);
    let target = format!("{NAMED_HOST}:{port}");
    assert!(
        proxy
            .seen()
            .iter()
            .all(|s| s.target == target && s.authorized)
    );
    assert_eq!(proxy.seen().len(), 2);

    // Loopback never goes through a proxy from the environment.
    let direct = session(&sim, &sim.base_url(), &accounts.bob.id);
    assert_eq!(over_both(&direct, &rules, &accounts), [Ok(12), Ok(12)]);
    assert_eq!(proxy.seen().len(), 2, "no tunnel for 127.0.0.1");
    assert_eq!(sim.operation_counts()["getInviteMessages"], 4);
}
