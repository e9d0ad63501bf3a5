//! Opening the socket: TCP (through a proxy's `CONNECT` tunnel when the client's rules pick
//! one), rustls (ring provider, webpki roots) for `wss`, then the websocket handshake, all
//! within a timeout.

use std::io;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Error as WsError};
use vrchat_invite_core::{Dial, ProxyServer, TunnelError, TunnelReader, TunnelRequest};

/// A plain or TLS connection.
pub(crate) trait Connection: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Connection for T {}

/// The socket type.
pub(crate) type Socket = WebSocketStream<Box<dyn Connection>>;

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
    Status(http::StatusCode, WsError),
    /// The proxy would not open a tunnel.
    Proxy(TunnelError),
    /// Anything else.
    Other(WsError),
}

fn io_error(error: io::Error) -> OpenError {
    OpenError::Other(WsError::Io(error))
}

/// Sends the `CONNECT` request over `tcp` (connected to the proxy) and reads the reply a
/// byte at a time, so nothing after its head is taken.
async fn tunnel(tcp: &mut TcpStream, request: &TunnelRequest) -> Result<(), OpenError> {
    tcp.write_all(request.as_bytes()).await.map_err(io_error)?;
    let mut reader = TunnelReader::new();
    loop {
        let byte = match tcp.read_u8().await {
            Ok(byte) => byte,
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => {
                return Err(OpenError::Proxy(TunnelError::Closed));
            }
            Err(error) => return Err(io_error(error)),
        };
        if let Some(outcome) = reader.push(byte) {
            return outcome.map_err(OpenError::Proxy);
        }
    }
}

async fn open_inner(
    request: http::Request<()>,
    proxy: Option<&ProxyServer>,
    config: WebSocketConfig,
) -> Result<Socket, OpenError> {
    let dial = Dial::plan(request.uri(), proxy);
    let mut tcp = TcpStream::connect((dial.host.as_str(), dial.port))
        .await
        .map_err(io_error)?;
    if let Some(request) = &dial.tunnel {
        tunnel(&mut tcp, request).await?;
    }
    let _ = tcp.set_nodelay(true);
    let connection: Box<dyn Connection> = if let Some(name) = dial.tls_server_name {
        let name = ServerName::try_from(name)
            .map_err(|e| io_error(io::Error::new(io::ErrorKind::InvalidInput, e)))?;
        let config = tls_config().map_err(|e| io_error(io::Error::other(e)))?;
        let stream = TlsConnector::from(config)
            .connect(name, tcp)
            .await
            .map_err(io_error)?;
        Box::new(stream)
    } else {
        Box::new(tcp)
    };
    match tokio_tungstenite::client_async_with_config(request, connection, Some(config)).await {
        Ok((socket, _response)) => Ok(socket),
        Err(error) => Err(match &error {
            tungstenite::Error::Http(response) => OpenError::Status(response.status(), error),
            _ => OpenError::Other(error),
        }),
    }
}

/// Connects to the request's host (through `proxy` when given), adds TLS for `wss`, and
/// runs the handshake, within `timeout`.
pub(crate) async fn open(
    request: http::Request<()>,
    proxy: Option<&ProxyServer>,
    timeout: Duration,
    config: WebSocketConfig,
) -> Result<Socket, OpenError> {
    match tokio::time::timeout(timeout, open_inner(request, proxy, config)).await {
        Ok(result) => result,
        Err(_) => Err(io_error(io::Error::new(
            io::ErrorKind::TimedOut,
            "the pipeline handshake did not finish in time",
        ))),
    }
}
