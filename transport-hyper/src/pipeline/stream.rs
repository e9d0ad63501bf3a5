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
use vrchat_invite_core::{
    MAX_TUNNEL_REPLY_HEAD, ProxyServer, TunnelError, TunnelReply, TunnelRequest, read_tunnel_reply,
};

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

/// Opens a `CONNECT` tunnel to `authority` over `tcp` (connected to `proxy`), reading the
/// reply a byte at a time so nothing after its head is taken.
async fn tunnel(
    tcp: &mut TcpStream,
    authority: &str,
    proxy: &ProxyServer,
) -> Result<(), OpenError> {
    tcp.write_all(TunnelRequest::new(authority, proxy).as_bytes())
        .await
        .map_err(io_error)?;
    let mut head = Vec::new();
    loop {
        if head.ends_with(b"\r\n\r\n") || head.len() >= MAX_TUNNEL_REPLY_HEAD {
            return match read_tunnel_reply(&head).map_err(OpenError::Proxy)? {
                TunnelReply::Established { .. } => Ok(()),
                TunnelReply::Incomplete => Err(OpenError::Proxy(TunnelError::Malformed)),
            };
        }
        match tcp.read_u8().await {
            Ok(byte) => head.push(byte),
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => {
                return Err(OpenError::Proxy(TunnelError::Closed));
            }
            Err(error) => return Err(io_error(error)),
        }
    }
}

async fn open_inner(
    request: http::Request<()>,
    proxy: Option<&ProxyServer>,
    config: WebSocketConfig,
) -> Result<Socket, OpenError> {
    let uri = request.uri();
    let tls = uri.scheme_str() == Some("wss");
    let host = uri.host().unwrap_or_default().to_owned();
    let port = uri.port_u16().unwrap_or(if tls { 443 } else { 80 });
    let bare = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let tcp = match proxy {
        Some(proxy) => {
            let proxy_host = proxy.host().trim_start_matches('[').trim_end_matches(']');
            let mut tcp = TcpStream::connect((proxy_host, proxy.port()))
                .await
                .map_err(io_error)?;
            let authority = TunnelRequest::authority_of(uri).unwrap_or_default();
            tunnel(&mut tcp, &authority, proxy).await?;
            tcp
        }
        None => TcpStream::connect((bare.as_str(), port))
            .await
            .map_err(io_error)?,
    };
    let _ = tcp.set_nodelay(true);
    let connection: Box<dyn Connection> = if tls {
        let name = ServerName::try_from(bare)
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
