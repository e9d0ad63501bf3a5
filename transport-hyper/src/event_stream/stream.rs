//! Opening the socket: TCP (through a proxy's `CONNECT` tunnel when the client's rules pick
//! one), rustls for `wss`, then the websocket handshake (the core's request bytes, its
//! reader checking the reply), all by the watch's deadline.

use std::io;

use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_rustls::TlsConnector;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::Role;
use vrchat_invite_core::pipeline::{ConnectFailure, Handshake, HeadReader};
use vrchat_invite_core::proxy::TunnelReader;
use vrchat_invite_core::transport::{rustls_client_config, sha1};

/// A plain or TLS connection.
pub(crate) trait Connection:
    AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug
{
}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug> Connection for T {}

/// The socket type.
pub(crate) type Socket = WebSocketStream<Box<dyn Connection>>;

/// Sends `request` and reads the reply a byte at a time into `reader` until it decides, so
/// nothing after the reply's head is taken (the proxy's tunnel, or the frames a server
/// sends right behind its handshake reply).
async fn exchange_head<S: AsyncRead + AsyncWrite + Unpin + ?Sized>(
    stream: &mut S,
    request: &[u8],
    reader: &mut impl HeadReader,
) -> Result<(), ConnectFailure> {
    stream.write_all(request).await?;
    stream.flush().await?;
    loop {
        let byte = match stream.read_u8().await {
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => {
                return Err(reader.closed());
            }
            other => other?,
        };
        if let Some(outcome) = reader.push_byte(byte) {
            return outcome;
        }
    }
}

async fn open_by(handshake: &Handshake) -> Result<Socket, ConnectFailure> {
    let dial = handshake.dial();
    let mut tcp = TcpStream::connect((dial.host.as_str(), dial.port)).await?;
    if let Some(request) = &dial.tunnel {
        exchange_head(&mut tcp, request.as_bytes(), &mut TunnelReader::new()).await?;
    }
    let _ = tcp.set_nodelay(true);
    let mut connection: Box<dyn Connection> = match dial.tls_server_name.clone() {
        Some(name) => {
            let name = ServerName::try_from(name).map_err(ConnectFailure::other)?;
            let config = rustls_client_config().map_err(ConnectFailure::other)?;
            Box::new(TlsConnector::from(config).connect(name, tcp).await?)
        }
        None => Box::new(tcp),
    };
    let request = handshake.request_bytes();
    exchange_head(
        connection.as_mut(),
        &request,
        &mut handshake.reply_reader(sha1),
    )
    .await?;
    let config = Some(handshake.socket_config());
    Ok(WebSocketStream::from_raw_socket(connection, Role::Client, config).await)
}

/// Opens the socket the handshake asks for (through the proxy its dial names), by its
/// deadline.
pub(crate) async fn open(handshake: Handshake) -> Result<Socket, ConnectFailure> {
    let until = Instant::from_std(handshake.until());
    let opening = open_by(&handshake);
    match tokio::time::timeout_at(until, opening).await {
        Ok(opened) => opened,
        Err(_) => Err(ConnectFailure::other(
            "the pipeline did not connect by the connect timeout",
        )),
    }
}
