//! Opening the socket, with every read and write bounded by the watch's deadline: TCP
//! (through a proxy's `CONNECT` tunnel when the client's rules pick one), rustls for `wss`,
//! then the websocket handshake (the core's request bytes, its reader checking the reply).

use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use rustls::{ClientConnection, StreamOwned};
use tungstenite::WebSocket;
use tungstenite::protocol::Role;
use vrchat_invite_core::pipeline::{ConnectFailure, Handshake, HeadReader};
use vrchat_invite_core::proxy::TunnelReader;
use vrchat_invite_core::transport::{rustls_client_config, sha1};

/// A connection whose reads and writes end at a deadline the watch sets.
pub(crate) trait Connection: Read + Write + Send + std::fmt::Debug {
    /// Every read and write from now on ends by `until`.
    fn set_deadline(&mut self, until: Instant);
}

/// The socket type.
pub(crate) type Socket = WebSocket<Box<dyn Connection>>;

/// TCP that checks the deadline before each system call and bounds the call by what is
/// left, so a peer that drips bytes cannot keep one read going past it.
#[derive(Debug)]
pub(crate) struct Timed {
    tcp: TcpStream,
    until: Instant,
}

impl Timed {
    fn left(&self) -> io::Result<Duration> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the deadline passed",
            ));
        }
        Ok(left)
    }
}

impl Read for Timed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.tcp.set_read_timeout(Some(self.left()?))?;
        self.tcp.read(buf)
    }
}

impl Write for Timed {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tcp.set_write_timeout(Some(self.left()?))?;
        self.tcp.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tcp.flush()
    }
}

impl Connection for Timed {
    fn set_deadline(&mut self, until: Instant) {
        self.until = until;
    }
}

impl Connection for StreamOwned<ClientConnection, Timed> {
    fn set_deadline(&mut self, until: Instant) {
        self.sock.until = until;
    }
}

/// Connects to the first address that answers, by `until` (the name lookup itself is
/// the system's and not bounded).
fn connect_tcp(host: &str, port: u16, until: Instant) -> io::Result<TcpStream> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "the host has no address");
    for addr in (host, port).to_socket_addrs()? {
        let left = until.saturating_duration_since(Instant::now());
        match TcpStream::connect_timeout(&addr, left.max(Duration::from_millis(1))) {
            Ok(tcp) => return Ok(tcp),
            Err(error) => last = error,
        }
    }
    Err(last)
}

/// Sends `request` and reads the reply a byte at a time into `reader` until it decides, so
/// nothing after the reply's head is taken (the proxy's tunnel, or the frames a server
/// sends right behind its handshake reply).
fn exchange_head<S: Read + Write + ?Sized>(
    stream: &mut S,
    request: &[u8],
    reader: &mut impl HeadReader,
) -> Result<(), ConnectFailure> {
    stream.write_all(request)?;
    stream.flush()?;
    // One byte per read, on purpose: a buffer would take what follows the head.
    #[allow(clippy::unbuffered_bytes)]
    for byte in stream.bytes() {
        if let Some(outcome) = reader.push_byte(byte?) {
            return outcome;
        }
    }
    Err(reader.closed())
}

/// Opens the socket the handshake asks for (through the proxy its dial names), by its
/// deadline.
pub(crate) fn open(handshake: Handshake) -> Result<Socket, ConnectFailure> {
    let until = handshake.until();
    let dial = handshake.dial();
    let tcp = connect_tcp(&dial.host, dial.port, until)?;
    let _ = tcp.set_nodelay(true);
    let mut timed = Timed { tcp, until };
    if let Some(request) = &dial.tunnel {
        exchange_head(&mut timed, request.as_bytes(), &mut TunnelReader::new())?;
    }
    let mut connection: Box<dyn Connection> = match dial.tls_server_name.clone() {
        Some(name) => {
            let name = ServerName::try_from(name).map_err(ConnectFailure::other)?;
            let config = rustls_client_config().map_err(ConnectFailure::other)?;
            let tls = ClientConnection::new(config, name).map_err(ConnectFailure::other)?;
            Box::new(StreamOwned::new(tls, timed))
        }
        None => Box::new(timed),
    };
    let request = handshake.request_bytes();
    exchange_head(
        connection.as_mut(),
        &request,
        &mut handshake.reply_reader(sha1),
    )?;
    Ok(WebSocket::from_raw_socket(
        connection,
        Role::Client,
        Some(handshake.socket_config()),
    ))
}
