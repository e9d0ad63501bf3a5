//! A small `CONNECT` proxy on 127.0.0.1 that checks credentials and tunnels to any
//! `host:port`, resolving [`NAMED_HOST`] to the simulator itself.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use vrchat_invite_core::proxy::ProxyServer;

/// The credentials the proxy wants: `me` / `pa ss` (the space percent-encoded in URLs).
pub const EXPECTED_AUTH: &str = "Basic bWU6cGEgc3M=";

/// The user information of a proxy URL with the right credentials.
pub const GOOD_USERINFO: &str = "me:pa%20ss@";

/// A name the proxy (not DNS) resolves to the simulator.
pub const NAMED_HOST: &str = "api.vrchat.test";

/// One `CONNECT` the proxy received: the target and whether the credentials were right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// The `host:port` asked for.
    pub target: String,
    /// Whether `Proxy-Authorization` held [`EXPECTED_AUTH`].
    pub authorized: bool,
}

/// The proxy; it stops when dropped.
#[derive(Debug)]
pub struct ConnectProxy {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ConnectProxy {
    /// Tunnels to any `host:port`, with [`NAMED_HOST`] taken as `sim`.
    pub fn start(sim: SocketAddr) -> Self {
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

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The proxy as a [`ProxyServer`], with `userinfo` (`user:password@` or empty).
    pub fn url(&self, userinfo: &str) -> ProxyServer {
        ProxyServer::new(&format!("http://{userinfo}{}", self.addr)).expect("proxy URL")
    }

    /// Every `CONNECT` so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
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
            Ok(1) => head.extend_from_slice(&byte),
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
    seen.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Seen {
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
