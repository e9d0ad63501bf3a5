//! Opening the socket: TCP (through a proxy's `CONNECT` tunnel when the client's rules pick
//! one), rustls for `wss`, then the websocket handshake, all by the watch's deadline.

use std::io;

use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_rustls::TlsConnector;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Error as WsError;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use vrchat_invite_core::{
    BoxError, ConnectFailure, Dial, Handshake, ProxyServer, TunnelError, TunnelReader,
};

/// A plain or TLS connection.
pub(crate) trait Connection:
    AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug
{
}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug> Connection for T {}

/// The socket type.
pub(crate) type Socket = WebSocketStream<Box<dyn Connection>>;

fn failed(error: impl Into<BoxError>) -> ConnectFailure {
    ConnectFailure::Other(error.into())
}

/// Sends the `CONNECT` request over `tcp` (connected to the proxy) and reads the reply a
/// byte at a time, so nothing after its head is taken.
async fn tunnel(tcp: &mut TcpStream, request: &[u8]) -> Result<(), ConnectFailure> {
    tcp.write_all(request).await.map_err(failed)?;
    let mut reader = TunnelReader::new();
    loop {
        let byte = match tcp.read_u8().await {
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => {
                return Err(ConnectFailure::Proxy(TunnelError::Closed));
            }
            other => other.map_err(failed)?,
        };
        if let Some(outcome) = reader.push(byte) {
            return outcome.map_err(ConnectFailure::Proxy);
        }
    }
}

async fn open_by(
    request: http::Request<()>,
    proxy: Option<&ProxyServer>,
    config: WebSocketConfig,
) -> Result<Socket, ConnectFailure> {
    let dial = Dial::plan(request.uri(), proxy);
    let mut tcp = TcpStream::connect((dial.host.as_str(), dial.port))
        .await
        .map_err(failed)?;
    if let Some(request) = &dial.tunnel {
        tunnel(&mut tcp, request.as_bytes()).await?;
    }
    let _ = tcp.set_nodelay(true);
    let connection: Box<dyn Connection> = match dial.tls_server_name {
        Some(name) => {
            let name = ServerName::try_from(name).map_err(failed)?;
            let config = crate::tls::client_config().map_err(failed)?;
            Box::new(
                TlsConnector::from(config)
                    .connect(name, tcp)
                    .await
                    .map_err(failed)?,
            )
        }
        None => Box::new(tcp),
    };
    match tokio_tungstenite::client_async_with_config(request, connection, Some(config)).await {
        Ok((socket, _response)) => Ok(socket),
        Err(WsError::Http(response)) => Err(ConnectFailure::Status(response.status())),
        Err(error) => Err(failed(error)),
    }
}

/// Opens the socket the handshake asks for (through `proxy` when given), by its deadline.
pub(crate) async fn open(
    handshake: Handshake,
    proxy: Option<&ProxyServer>,
    config: WebSocketConfig,
) -> Result<Socket, ConnectFailure> {
    let until = Instant::from_std(handshake.until());
    let opening = open_by(handshake.into_request(), proxy, config);
    match tokio::time::timeout_at(until, opening).await {
        Ok(opened) => opened,
        Err(_) => Err(failed(
            "the pipeline did not connect by the connect timeout",
        )),
    }
}
