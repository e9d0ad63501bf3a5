//! Opening the socket: TCP with a timeout (through a proxy's `CONNECT` tunnel when the
//! client's rules pick one), rustls (ring provider, webpki roots) for `wss`, then the
//! websocket handshake.

use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection, StreamOwned};
use tungstenite::WebSocket;
use tungstenite::protocol::WebSocketConfig;
use vrchat_invite_core::{Dial, ProxyServer, TunnelError, TunnelReader, TunnelRequest};

/// A plain or TLS connection.
#[derive(Debug)]
pub(crate) enum MaybeTls {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ClientConnection, TcpStream>>),
}

impl MaybeTls {
    fn tcp(&self) -> &TcpStream {
        match self {
            Self::Plain(tcp) => tcp,
            Self::Tls(tls) => tls.get_ref(),
        }
    }

    /// Sets how long one read may block.
    pub(crate) fn set_read_timeout(&self, timeout: Duration) -> io::Result<()> {
        self.tcp()
            .set_read_timeout(Some(timeout.max(Duration::from_millis(1))))
    }
}

impl Read for MaybeTls {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Self::Plain(tcp) => tcp.read(buf),
            Self::Tls(tls) => tls.read(buf),
        }
    }
}

impl Write for MaybeTls {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Self::Plain(tcp) => tcp.write(buf),
            Self::Tls(tls) => tls.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Self::Plain(tcp) => tcp.flush(),
            Self::Tls(tls) => tls.flush(),
        }
    }
}

/// The TLS setup of the HTTP client: rustls with the `ring` provider, and the bundled webpki
/// roots or (with the `rustls-platform-verifier` feature) the platform's verifier.
fn tls_config() -> Result<Arc<ClientConfig>, rustls::Error> {
    static CONFIG: OnceLock<Arc<ClientConfig>> = OnceLock::new();
    if let Some(config) = CONFIG.get() {
        return Ok(Arc::clone(config));
    }
    let builder =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()?;
    #[cfg(feature = "rustls-platform-verifier")]
    let builder = {
        use rustls_platform_verifier::BuilderVerifierExt;
        builder.with_platform_verifier()?
    };
    #[cfg(not(feature = "rustls-platform-verifier"))]
    let builder = builder.with_root_certificates(rustls::RootCertStore::from_iter(
        webpki_roots::TLS_SERVER_ROOTS.iter().cloned(),
    ));
    let config = builder.with_no_client_auth();
    Ok(Arc::clone(CONFIG.get_or_init(|| Arc::new(config))))
}

/// Why a socket could not be opened.
#[derive(Debug)]
pub(crate) enum OpenError {
    /// The handshake was answered with this status instead of 101.
    Status(http::StatusCode, tungstenite::Error),
    /// The proxy would not open a tunnel.
    Proxy(TunnelError),
    /// Anything else.
    Other(tungstenite::Error),
}

fn io_error(error: io::Error) -> OpenError {
    OpenError::Other(tungstenite::Error::Io(error))
}

/// Sends the `CONNECT` request over `tcp` (connected to the proxy) and reads the reply a
/// byte at a time, so nothing after its head is taken, within `timeout`.
fn tunnel(
    tcp: &mut TcpStream,
    request: &TunnelRequest,
    timeout: Duration,
) -> Result<(), OpenError> {
    tcp.write_all(request.as_bytes()).map_err(io_error)?;
    let started = Instant::now();
    let mut reader = TunnelReader::new();
    let mut byte = [0u8; 1];
    loop {
        if started.elapsed() > timeout {
            return Err(io_error(io::Error::new(
                io::ErrorKind::TimedOut,
                "the proxy did not answer in time",
            )));
        }
        if tcp.read(&mut byte).map_err(io_error)? == 0 {
            return Err(OpenError::Proxy(TunnelError::Closed));
        }
        if let Some(outcome) = reader.push(byte[0]) {
            return outcome.map_err(OpenError::Proxy);
        }
    }
}

/// Connects as the core's [`Dial`] plan says (through `proxy` when given), adds TLS for
/// `wss`, and runs the handshake; each step within `timeout`.
pub(crate) fn open(
    request: http::Request<()>,
    proxy: Option<&ProxyServer>,
    timeout: Duration,
    config: WebSocketConfig,
) -> Result<WebSocket<MaybeTls>, OpenError> {
    let dial = Dial::plan(request.uri(), proxy);
    let addrs = (dial.host.as_str(), dial.port)
        .to_socket_addrs()
        .map_err(io_error)?;
    let mut last = io::Error::new(io::ErrorKind::NotFound, "the host has no address");
    let mut tcp = None;
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(stream) => {
                tcp = Some(stream);
                break;
            }
            Err(error) => last = error,
        }
    }
    let mut tcp = tcp.ok_or_else(|| io_error(last))?;
    let _ = tcp.set_nodelay(true);
    tcp.set_write_timeout(Some(timeout)).map_err(io_error)?;
    tcp.set_read_timeout(Some(timeout)).map_err(io_error)?;
    if let Some(request) = &dial.tunnel {
        tunnel(&mut tcp, request, timeout)?;
    }
    let stream = match dial.tls_server_name {
        Some(name) => {
            let name = ServerName::try_from(name)
                .map_err(|e| io_error(io::Error::new(io::ErrorKind::InvalidInput, e)))?;
            let config = tls_config().map_err(|e| io_error(io::Error::other(e)))?;
            let connection =
                ClientConnection::new(config, name).map_err(|e| io_error(io::Error::other(e)))?;
            MaybeTls::Tls(Box::new(StreamOwned::new(connection, tcp)))
        }
        None => MaybeTls::Plain(tcp),
    };
    match tungstenite::client::client_with_config(request, stream, Some(config)) {
        Ok((socket, _response)) => Ok(socket),
        Err(tungstenite::HandshakeError::Failure(error)) => Err(match &error {
            tungstenite::Error::Http(response) => OpenError::Status(response.status(), error),
            _ => OpenError::Other(error),
        }),
        Err(tungstenite::HandshakeError::Interrupted(_)) => Err(io_error(io::Error::new(
            io::ErrorKind::TimedOut,
            "the handshake did not finish in time",
        ))),
    }
}
