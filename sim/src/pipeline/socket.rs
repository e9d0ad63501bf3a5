//! The websocket endpoint: the handshake (token, User-Agent, refusals, pause) and the task
//! that serves one socket.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use http::header::{CONNECTION, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY, UPGRADE, USER_AGENT};
use http::{HeaderValue, Request, Response, StatusCode};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use percent_encoding::percent_decode_str;
use serde_json::json;
use tokio::sync::mpsc;
use tokio_tungstenite::WebSocketStream;
use tungstenite::Message;
use tungstenite::protocol::{Role, WebSocketConfig};
use vrchat_invite_core::UserAgent;

use super::hub::Command;
use crate::server::listen::{Shared, lock};
use crate::state::Stage;

/// Where the simulator's pipeline listens: `ws://127.0.0.1:PORT/pipeline/?authToken=…`.
pub(crate) const PIPELINE_PATH: &str = "/pipeline";

/// The largest frame the simulator reads from a client (clients send none but pongs).
const READ_LIMIT: usize = 64 * 1024;
/// The read buffer of a socket: clients send only pongs and a close.
const READ_BUFFER: usize = 4 * 1024;

/// How long a stalled socket is held open before the simulator lets it go.
const STALL_HOLD: Duration = Duration::from_secs(60);

/// Whether `request` is a websocket handshake for the pipeline.
pub(crate) fn is_upgrade<B>(request: &Request<B>) -> bool {
    let path = request.uri().path();
    let upgrade = request
        .headers()
        .get(UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    upgrade && (path == PIPELINE_PATH || path == "/pipeline/")
}

fn refusal(status: StatusCode, message: &str) -> Response<Full<Bytes>> {
    let body = json!({"error": {"message": message, "status_code": status.as_u16()}});
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() = status;
    response
}

fn token_of<B>(request: &Request<B>) -> Option<String> {
    request.uri().query()?.split('&').find_map(|pair| {
        let value = pair.strip_prefix("authToken=")?;
        percent_decode_str(value)
            .decode_utf8()
            .ok()
            .map(|token| token.into_owned())
    })
}

/// Answers a pipeline handshake: 403 without a proper User-Agent, 401 for an unknown or
/// refused token, else `101 Switching Protocols` (after the pause, if delivery is paused)
/// and a task serving the socket.
pub(crate) async fn accept(
    shared: Arc<Shared>,
    mut request: Request<Incoming>,
) -> Response<Full<Bytes>> {
    let agent_ok = request
        .headers()
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| UserAgent::new(v).is_ok());
    if !agent_ok {
        return refusal(
            StatusCode::FORBIDDEN,
            "Please identify yourself with a properly formatted User-Agent",
        );
    }
    let Some(key) = request.headers().get(SEC_WEBSOCKET_KEY).cloned() else {
        return refusal(StatusCode::BAD_REQUEST, "Missing Sec-WebSocket-Key");
    };
    let token = token_of(&request).unwrap_or_default();
    let mut paused = lock(&shared.state).pipeline.pause_flag();
    // A paused pipeline keeps new handshakes waiting.
    let _ = paused.wait_for(|paused| !*paused).await;
    let registered = {
        let mut state = lock(&shared.state);
        let user = state
            .sessions
            .get(&token)
            .filter(|session| session.stage == Stage::Active)
            .map(|session| session.user.clone());
        match user {
            Some(user) if !state.pipeline.is_refused(&token) => {
                Some(state.pipeline.register(user, token))
            }
            _ => None,
        }
    };
    let Some((id, commands)) = registered else {
        return refusal(StatusCode::UNAUTHORIZED, "\"Missing Credentials\"");
    };
    let upgrade = hyper::upgrade::on(&mut request);
    let task_shared = Arc::clone(&shared);
    tokio::spawn(async move {
        if let Ok(upgraded) = upgrade.await {
            // Clients send only pongs and a close: a small read buffer keeps an idle
            // socket cheap.
            let config = WebSocketConfig::default()
                .read_buffer_size(READ_BUFFER)
                .max_message_size(Some(READ_LIMIT))
                .max_frame_size(Some(READ_LIMIT));
            let socket = WebSocketStream::from_raw_socket(
                TokioIo::new(upgraded),
                Role::Server,
                Some(config),
            )
            .await;
            serve(socket, commands).await;
        }
        lock(&task_shared.state).pipeline.unregister(id);
    });
    let accept_key = tungstenite::handshake::derive_accept_key(key.as_bytes());
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let headers = response.headers_mut();
    headers.insert(UPGRADE, HeaderValue::from_static("websocket"));
    headers.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    if let Ok(value) = HeaderValue::from_str(&accept_key) {
        headers.insert(SEC_WEBSOCKET_ACCEPT, value);
    }
    response
}

/// Sends what the hub says until told to close or the client leaves; reading answers pings.
async fn serve<S>(socket: WebSocketStream<S>, mut commands: mpsc::UnboundedReceiver<Command>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let (mut sink, mut stream) = socket.split();
    loop {
        tokio::select! {
            command = commands.recv() => match command {
                Some(Command::Text(text)) => {
                    if sink.send(Message::text(text)).await.is_err() {
                        break;
                    }
                }
                Some(Command::Close) | None => {
                    let _ = sink.send(Message::Close(None)).await;
                    break;
                }
                Some(Command::Stall) => {
                    tokio::time::sleep(STALL_HOLD).await;
                    break;
                }
                Some(Command::Mute) => {
                    // Pings are still answered; events never come.
                    let answering = async {
                        while let Some(Ok(message)) = stream.next().await {
                            if message.is_close() || sink.flush().await.is_err() {
                                break;
                            }
                        }
                    };
                    let _ = tokio::time::timeout(STALL_HOLD, answering).await;
                    break;
                }
            },
            incoming = stream.next() => match incoming {
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                Some(Ok(_)) => {
                    // Pongs to the client's pings go out with the next write; flush now.
                    if sink.flush().await.is_err() {
                        break;
                    }
                }
            },
        }
    }
}
