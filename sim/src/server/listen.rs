//! The HTTP server: accepts connections, reads requests, logs them, answers them.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http::header::{CONTENT_TYPE, SET_COOKIE, USER_AGENT};
use http::request::Parts;
use http::{HeaderMap, HeaderValue, Request, Response};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming as IncomingBody;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use vrchat_invite_core::UserAgent;
use vrchat_invite_core::error::REQUEST_ID_HEADER;

use crate::controls;
use crate::routes::{self, Incoming};
use crate::server::errors;
use crate::server::limits::Limits;
use crate::server::log::{LoggedRequest, RequestLog};
use crate::server::multipart::read_photo_body;
use crate::server::reply::Reply;
use crate::server::router::{self, Route};
use crate::state::State;

/// What the server and the [`crate::Simulator`] handle share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) state: Mutex<State>,
    pub(crate) log: Mutex<RequestLog>,
    pub(crate) limits: Mutex<Limits>,
    next_request_id: AtomicU64,
}

impl Shared {
    pub(crate) fn new(state: State) -> Self {
        Self {
            state: Mutex::new(state),
            log: Mutex::new(RequestLog::default()),
            limits: Mutex::new(Limits::default()),
            next_request_id: AtomicU64::new(1),
        }
    }

    fn request_id(&self) -> String {
        let n = self.next_request_id.fetch_add(1, Ordering::Relaxed);
        format!("00000000-0000-4000-a000-{n:012x}")
    }
}

/// Locks a mutex, going on after a panic elsewhere: the state stays usable.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Accepts connections until `shutdown` fires; each connection is served on its own task
/// with HTTP/1.1 keep-alive, and closed once idle for the limits' idle timeout.
pub(crate) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: oneshot::Receiver<()>,
) {
    loop {
        let accepted = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or a similar passing trouble: breathe, go on.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        let idle = lock(&shared.limits).idle_timeout;
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(Arc::clone(&shared), request));
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(idle)
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades()
                .await;
        });
    }
}

async fn handle(
    shared: Arc<Shared>,
    request: Request<IncomingBody>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    if crate::pipeline::is_upgrade(&request) {
        return Ok(crate::pipeline::accept(shared, request).await);
    }
    let (parts, body) = request.into_parts();
    let limits = *lock(&shared.limits);
    let body = read_body(body, &limits).await;
    if controls::is_control(parts.uri.path()) {
        let bytes = body.as_deref().unwrap_or_default();
        let reply = controls::answer(&shared, &parts.method, parts.uri.path(), bytes);
        return Ok(into_response(reply, shared.request_id()));
    }
    let route = router::route(&parts.method, parts.uri.path());
    let raw_path = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let logged = LoggedRequest::new(
        parts.method.clone(),
        raw_path,
        parts.headers.clone(),
        body.as_ref().map(|b| b.to_vec()).unwrap_or_default(),
    );
    lock(&shared.log).record(route.operation_id(), logged, &limits);
    let reply = match body {
        Ok(body) => answer(&shared, route, &parts, body).await,
        Err(BodyError::TooLarge) => errors::body_too_large(),
        Err(BodyError::Broken) => errors::bad_body("The body could not be read"),
        Err(BodyError::Stalled) => errors::body_stalled(),
    };
    Ok(into_response(reply, shared.request_id()))
}

/// Why a body was not read.
#[derive(Debug)]
enum BodyError {
    /// Over the body limit; the rest was read and dropped so the reply reaches the client.
    TooLarge,
    /// The connection failed mid-body.
    Broken,
    /// No body byte arrived within the idle timeout.
    Stalled,
}

/// Reads the body up to the limits' `body_bytes`. A longer body is still read to its end
/// (up to four times the limit) and dropped, so the client, still writing, gets the 413
/// instead of a reset connection. A body that stops arriving for the idle timeout is
/// given up.
async fn read_body(mut body: IncomingBody, limits: &Limits) -> Result<Bytes, BodyError> {
    let mut kept = Vec::new();
    let mut seen = 0usize;
    loop {
        let frame = tokio::time::timeout(limits.idle_timeout, body.frame())
            .await
            .map_err(|_| BodyError::Stalled)?;
        let Some(frame) = frame else { break };
        let frame = frame.map_err(|_| BodyError::Broken)?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        seen = seen.saturating_add(data.len());
        if seen > limits.drain_bytes() {
            return Err(BodyError::TooLarge);
        }
        if seen <= limits.body_bytes {
            kept.extend_from_slice(&data);
        }
    }
    if seen > limits.body_bytes {
        Err(BodyError::TooLarge)
    } else {
        Ok(Bytes::from(kept))
    }
}

fn user_agent_accepted(headers: &HeaderMap) -> bool {
    headers
        .get(USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| UserAgent::new(value).is_ok())
}

async fn answer(shared: &Shared, route: Route, parts: &Parts, body: Bytes) -> Reply {
    if !user_agent_accepted(&parts.headers) {
        return errors::firewall_user_agent();
    }
    let photo = if route.takes_photo() {
        Some(read_photo_body(&parts.headers, body.clone()).await)
    } else {
        None
    };
    let incoming = Incoming {
        headers: &parts.headers,
        query: parts.uri.query().unwrap_or_default(),
        body: &body,
        photo,
    };
    let mut state = lock(&shared.state);
    routes::dispatch(&mut state, route, incoming)
}

fn into_response(reply: Reply, request_id: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = reply.status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(reply.content_type));
    if let Ok(id) = HeaderValue::from_str(&request_id) {
        headers.insert(REQUEST_ID_HEADER, id);
    }
    for cookie in reply.cookies {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(SET_COOKIE, value);
        }
    }
    response
}
