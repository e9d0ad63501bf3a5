//! Exchanges as `tracing` spans (feature `tracing`; without it, all of this does nothing
//! and costs nothing).
//!
//! One span `vrchat_invite.exchange` per HTTP exchange, with the fields `operation` (the
//! spec's `operationId` of the endpoint, [`crate::Endpoint::OPERATION_ID`], such as
//! `inviteUser`, or `execute` for a raw request), `method`, `path`
//! (no query), `status`, `elapsed_ms`, `request_id` (VRChat's `x-vrc-request-id`), and
//! `error` when the exchange failed. Politeness waits and refusals are events. No header,
//! body or query ever reaches a field, so no password, cookie, token or code can.

use std::fmt::Display;
use std::future::Future;
use std::time::{Duration, Instant};

use http::{Request, Response};

#[cfg(feature = "tracing")]
use super::OperationId;

/// The trace of one exchange, which a transport opens before it sends and finishes with
/// the outcome.
///
/// ```
/// use std::time::Instant;
/// use vrchat_invite_core::transport::ExchangeTrace;
/// let request = http::Request::get("https://api.vrchat.cloud/api/1/auth").body(Vec::new())?;
/// let trace = ExchangeTrace::start(&request, Instant::now());
/// let result: Result<http::Response<Vec<u8>>, std::io::Error> = trace.in_scope(|| Ok(http::Response::new(Vec::new())));
/// trace.finish(&result, Instant::now());
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Debug)]
pub struct ExchangeTrace {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    #[cfg(feature = "tracing")]
    started: Instant,
}

impl ExchangeTrace {
    /// Opens the span of the exchange of `request`, about to run at `now`. Its `operation`
    /// is the one a request built by [`crate::Session::request`] names
    /// ([`crate::Endpoint::OPERATION_ID`]), or `execute` for a request built otherwise.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub fn start(request: &Request<Vec<u8>>, now: Instant) -> Self {
        #[cfg(feature = "tracing")]
        let operation = OperationId::of(request).unwrap_or("execute");
        Self {
            #[cfg(feature = "tracing")]
            span: tracing::debug_span!(
                "vrchat_invite.exchange",
                operation,
                method = %request.method(),
                path = request.uri().path(),
                status = tracing::field::Empty,
                elapsed_ms = tracing::field::Empty,
                request_id = tracing::field::Empty,
                error = tracing::field::Empty,
            ),
            #[cfg(feature = "tracing")]
            started: now,
        }
    }

    /// Runs `work` inside the span.
    pub fn in_scope<T>(&self, work: impl FnOnce() -> T) -> T {
        #[cfg(feature = "tracing")]
        let _entered = self.span.enter();
        work()
    }

    /// Runs the future `work` inside the span.
    pub async fn instrument<T>(&self, work: impl Future<Output = T>) -> T {
        #[cfg(feature = "tracing")]
        let work = tracing::Instrument::instrument(work, self.span.clone());
        work.await
    }

    /// Records the outcome at `now`: status and request ID, or the error; and the time taken.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub fn finish<E: Display>(&self, result: &Result<Response<Vec<u8>>, E>, now: Instant) {
        #[cfg(feature = "tracing")]
        {
            let elapsed = now.saturating_duration_since(self.started).as_millis();
            self.span
                .record("elapsed_ms", u64::try_from(elapsed).unwrap_or(u64::MAX));
            match result {
                Ok(response) => {
                    self.span.record("status", response.status().as_u16());
                    if let Some(id) = response
                        .headers()
                        .get(crate::error::REQUEST_ID_HEADER)
                        .and_then(|value| value.to_str().ok())
                    {
                        self.span.record("request_id", id);
                    }
                    self.span
                        .in_scope(|| tracing::debug!(status = response.status().as_u16(), "reply"));
                }
                Err(error) => {
                    self.span.record("error", tracing::field::display(error));
                    self.span
                        .in_scope(|| tracing::debug!(%error, "exchange failed"));
                }
            }
        }
    }
}

/// A politeness wait before a request.
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
pub(crate) fn waiting(operation: &'static str, wait: Duration) {
    #[cfg(feature = "tracing")]
    if !wait.is_zero() {
        let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
        tracing::debug!(operation, wait_ms, "politeness: waiting before sending");
    }
}

/// A request that politeness refused; it was not sent.
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
pub(crate) fn refused(operation: &'static str, error: &crate::Error) {
    #[cfg(feature = "tracing")]
    tracing::info!(operation, %error, "politeness: request refused, not sent");
}
