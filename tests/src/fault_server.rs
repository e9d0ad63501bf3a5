//! A misbehaving HTTP server on 127.0.0.1 for the fault cases: one thread per server and
//! one per connection, all bounded in count and time.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The most connections one server accepts before its thread ends.
const MAX_CONNECTIONS: usize = 16;

/// How long a stalling server holds a connection at most.
const STALL_LIMIT: Duration = Duration::from_secs(10);

/// The largest request the server reads.
const MAX_REQUEST: usize = 1024 * 1024;

/// How long a server that answers an upload early waits before closing or resetting, so a
/// client that reads while it writes has the answer first even on a busy machine.
const EARLY_ANSWER_GRACE: Duration = Duration::from_secs(1);

/// The most requests served on one kept-alive connection.
const MAX_REQUESTS_PER_CONNECTION: usize = 64;

/// What the server does with each connection.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Reads the request, writes these bytes, closes.
    Reply(Vec<u8>),
    /// Answers every request on a connection with these bytes, keeping it open.
    KeepAlive(Vec<u8>),
    /// Reads the request, announces `Content-Length: 1000`, sends 10 bytes, closes (FIN).
    CloseMidBody,
    /// Reads the request, announces `Content-Length: 1000`, sends 10 bytes and resets the
    /// connection (RST, by closing with a zero linger time).
    ResetMidBody,
    /// Reads the request and closes without answering.
    CloseWithoutReply,
    /// Writes these bytes as soon as the client connects, reads nothing, and waits for the
    /// client to close (a plain-HTTP answer to a TLS handshake, say).
    Greet(Vec<u8>),
    /// Reads the request and answers nothing until the client gives up.
    Stall,
    /// Reads the request, sends the status line and headers, then nothing more.
    StallAfterHeaders,
    /// Reads the request head only, answers with these bytes at once and closes a second
    /// later without reading the body (an early 401/413/429 to an upload). A client that
    /// sent body bytes gets a reset: the kernel resets a connection closed with unread data.
    AnswerBeforeBody(Vec<u8>),
    /// Reads the request head and `after` bytes of the body, answers with `reply`, and
    /// resets the connection while the client is still sending.
    AnswerMidBody {
        /// How many body bytes to read first.
        after: usize,
        /// The reply.
        reply: Vec<u8>,
    },
}

/// The bytes of a complete reply: status line, headers, `content-length` and body.
///
/// ```
/// let bytes = vrchat_invite_tests::reply_bytes("404 Not Found", &[("x-a", "1")], b"{}");
/// assert_eq!(bytes, b"HTTP/1.1 404 Not Found\r\nx-a: 1\r\ncontent-length: 2\r\n\r\n{}");
/// ```
pub fn reply_bytes(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut bytes = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (name, value) in headers {
        bytes.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    bytes.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
    bytes.extend_from_slice(body);
    bytes
}

/// A server that misbehaves in one [`Fault`] way; it stops when dropped.
#[derive(Debug)]
pub struct FaultServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

#[derive(Debug, Default)]
struct Shared {
    stop: AtomicBool,
    connections: AtomicUsize,
    requests: Mutex<Vec<Vec<u8>>>,
}

impl FaultServer {
    /// Binds 127.0.0.1 on a free port and serves `fault` on a thread.
    ///
    /// # Errors
    /// When the port cannot be bound.
    pub fn start(fault: Fault) -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::default());
        let thread = {
            let shared = Arc::clone(&shared);
            thread::spawn(move || serve(&listener, &fault, &shared))
        };
        Ok(Self {
            addr,
            shared,
            thread: Some(thread),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/api/1`, to use as a session's base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}/api/1", self.addr)
    }

    /// How many connections it accepted.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// The requests (head and body) it read, in order.
    pub fn requests(&self) -> Vec<Vec<u8>> {
        self.shared
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept; the loop sees `stop` and ends.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// An address on 127.0.0.1 where nothing listens: bound, then released.
///
/// # Errors
/// When no port can be bound.
pub fn refused_addr() -> io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    listener.local_addr()
}

impl Shared {
    fn record(&self, request: Vec<u8>) {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request);
    }
}

/// Accepts up to [`MAX_CONNECTIONS`] connections, each handled on its own scoped thread.
fn serve(listener: &TcpListener, fault: &Fault, shared: &Shared) {
    thread::scope(|scope| {
        for stream in listener.incoming().take(MAX_CONNECTIONS) {
            if shared.stop.load(Ordering::SeqCst) {
                return;
            }
            let Ok(mut stream) = stream else { continue };
            shared.connections.fetch_add(1, Ordering::SeqCst);
            scope.spawn(move || handle(&mut stream, fault, shared));
        }
    });
}

fn handle(stream: &mut TcpStream, fault: &Fault, shared: &Shared) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_millis(100)))?;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    if let Fault::Greet(bytes) = fault {
        stream.write_all(bytes)?;
        hold(stream, shared);
        return Ok(());
    }
    if let Fault::AnswerBeforeBody(reply) = fault {
        let head = read_head(stream, shared, 0)?;
        shared.record(head);
        stream.write_all(reply)?;
        stream.flush()?;
        // Give the reply time to be read, then close: with body bytes unread, the kernel
        // resets the connection.
        thread::sleep(EARLY_ANSWER_GRACE);
        return Ok(());
    }
    if let Fault::AnswerMidBody { after, reply } = fault {
        let head = read_head(stream, shared, *after)?;
        shared.record(head);
        stream.write_all(reply)?;
        stream.flush()?;
        // Let the reply travel, then reset with the body still coming.
        thread::sleep(EARLY_ANSWER_GRACE);
        let socket = tokio::net::TcpSocket::from_std_stream(stream.try_clone()?);
        socket.set_zero_linger()?;
        return Ok(());
    }
    let head = read_request(stream, shared)?;
    shared.record(head);
    match fault {
        Fault::Reply(bytes) => stream.write_all(bytes)?,
        Fault::KeepAlive(bytes) => {
            stream.write_all(bytes)?;
            for _ in 1..MAX_REQUESTS_PER_CONNECTION {
                let head = read_request(stream, shared)?;
                shared.record(head);
                stream.write_all(bytes)?;
            }
        }
        Fault::CloseMidBody => {
            stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n0123456789")?;
            stream.flush()?;
            stream.shutdown(Shutdown::Write)?;
        }
        Fault::Stall => hold(stream, shared),
        Fault::StallAfterHeaders => {
            stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n")?;
            hold(stream, shared);
        }
        Fault::ResetMidBody => {
            stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n0123456789")?;
            stream.flush()?;
            // Let the client start on the body, then reset.
            thread::sleep(Duration::from_millis(50));
            let socket = tokio::net::TcpSocket::from_std_stream(stream.try_clone()?);
            socket.set_zero_linger()?;
        }
        Fault::CloseWithoutReply
        | Fault::Greet(_)
        | Fault::AnswerBeforeBody(_)
        | Fault::AnswerMidBody { .. } => {}
    }
    Ok(())
}

/// Reads one request: the head, then as many body bytes as `Content-Length` says.
/// Returns the head and body as read.
fn read_request(stream: &mut TcpStream, shared: &Shared) -> io::Result<Vec<u8>> {
    read_until(stream, shared, |request| {
        find(request, b"\r\n\r\n").is_some_and(|end| {
            let length = content_length(request.get(..end).unwrap_or_default());
            request.len() >= end + 4 + length
        })
    })
}

/// Reads a request's head and at least `body_bytes` of its body (or what arrives within
/// the stall limit), whatever `Content-Length` says. Returns what was read.
fn read_head(stream: &mut TcpStream, shared: &Shared, body_bytes: usize) -> io::Result<Vec<u8>> {
    read_until(stream, shared, |request| {
        find(request, b"\r\n\r\n").is_some_and(|end| request.len() >= end + 4 + body_bytes)
    })
}

/// Reads until `complete` says the bytes so far are enough, within the size and stall
/// limits and until the server stops.
fn read_until(
    stream: &mut TcpStream,
    shared: &Shared,
    complete: impl Fn(&[u8]) -> bool,
) -> io::Result<Vec<u8>> {
    let started = Instant::now();
    let mut request = Vec::new();
    let mut buffer = [0_u8; 4096];
    loop {
        if complete(&request) {
            return Ok(request);
        }
        if request.len() > MAX_REQUEST
            || started.elapsed() > STALL_LIMIT
            || shared.stop.load(Ordering::SeqCst)
        {
            return Err(io::ErrorKind::InvalidData.into());
        }
        match stream.read(&mut buffer) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => request.extend_from_slice(buffer.get(..n).unwrap_or_default()),
            Err(error) if is_timeout(&error) => {}
            Err(error) => return Err(error),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The `Content-Length` of a request head; 0 when absent or unreadable.
fn content_length(head: &[u8]) -> usize {
    String::from_utf8_lossy(head)
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0)
}

/// Keeps the connection open, sending nothing, until the client closes it or the limit.
fn hold(stream: &mut TcpStream, shared: &Shared) {
    let started = Instant::now();
    let mut buffer = [0_u8; 1024];
    while started.elapsed() < STALL_LIMIT && !shared.stop.load(Ordering::SeqCst) {
        match stream.read(&mut buffer) {
            Ok(0) => return,
            Ok(_) => {}
            Err(error) if is_timeout(&error) => {}
            Err(_) => return,
        }
    }
}

fn is_timeout(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}
