//! What a transport does for a watch, and the one loop that drives it, for blocking and
//! async transports alike.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

use http::Request;

use crate::error::Error;
use crate::pipeline::{Handshake, Happened, PipelineEvent, Watch, WatchError, WatchStep};
use crate::session::Session;

/// The I/O a transport does for a [`Watch`]: open and use one socket, send one HTTP
/// request, wait, and tell the time. Each method does its part by the deadline it is given
/// and says what happened; [`Watch::next_event`] (async) or [`Watch::next_blocking`] runs
/// the loop, so every transport runs the same one.
///
/// A blocking transport does its I/O when a method is called and returns a ready future
/// (`std::future::ready`). One on tungstenite (the core's `tungstenite` feature) configures
/// its socket with `Handshake::socket_config` and reports each read and write with
/// `Happened::from_frame` and `Happened::from_write`, as both ready transports do.
///
/// So a watcher built on it only moves bytes: the [`Watch`] decides when to connect, catch
/// up, ping, give up on a silent or stalled connection and reconnect, with every deadline;
/// each notification comes out exactly once, in order, across reconnects; the watch ends
/// after [`WatchError::Refused`](super::WatchError::Refused). A watcher that connects
/// through the proxy its client's rules pick (a `CONNECT` tunnel, read with a
/// [`HeadReader`](super::HeadReader)) reports a refusing proxy as
/// [`ConnectFailure::Proxy`](super::ConnectFailure::Proxy), which the watch yields as
/// [`WatchError::Proxy`](super::WatchError::Proxy) and retries after the policy's wait.
pub trait WatchIo {
    /// Opens a socket with `handshake` by its deadline: `Connected` or `ConnectFailed`.
    fn connect(&mut self, handshake: Handshake) -> impl Future<Output = Happened> + Send;
    /// Sends an inbox request with the HTTP client: `InboxReply` or `InboxFailed`.
    fn fetch(&mut self, request: Request<Vec<u8>>) -> impl Future<Output = Happened> + Send;
    /// Reads until one whole frame has arrived, or `TimePassed` at `until`.
    fn read(&mut self, until: Instant) -> impl Future<Output = Happened> + Send;
    /// Sends a ping (`ping`) or flushes the queued answer to the server's ping, by `until`:
    /// `Written`, `Closed`, or `TimePassed`.
    fn write(&mut self, ping: bool, until: Instant) -> impl Future<Output = Happened> + Send;
    /// Waits until `until`.
    fn sleep(&mut self, until: Instant) -> impl Future<Output = ()> + Send;
    /// Drops the socket, if one is open.
    fn close(&mut self);
    /// The client's session now: after each backoff the watch follows a new login.
    fn session(&self) -> Session;
    /// The time now.
    fn now(&self) -> Instant;
}

impl Watch {
    /// Steps the watch with `io` until there is something for the application: an event,
    /// an error (the watch goes on, unless it is [`WatchError::Refused`]), or `None` once
    /// it has ended.
    pub async fn next_event<I: WatchIo>(
        &mut self,
        io: &mut I,
    ) -> Option<Result<PipelineEvent, WatchError>> {
        loop {
            let happened = match self.step(io.now()) {
                WatchStep::Deliver(event) => return Some(Ok(event)),
                WatchStep::Report(error) => return Some(Err(error)),
                WatchStep::End(end) => {
                    io.close();
                    return Some(Err(WatchError::Refused(end)));
                }
                WatchStep::Finished => return None,
                WatchStep::Close => {
                    io.close();
                    continue;
                }
                WatchStep::Connect(handshake) => io.connect(handshake).await,
                WatchStep::FetchInbox(request) => io.fetch(request).await,
                WatchStep::Read { until } => io.read(until).await,
                WatchStep::Ping { until } => io.write(true, until).await,
                WatchStep::Flush { until } => io.write(false, until).await,
                WatchStep::Sleep { until } => {
                    io.sleep(until).await;
                    self.follow_session(&io.session());
                    Happened::TimePassed
                }
            };
            if let Err(error) = self.handle(happened, io.now()) {
                return Some(Err(error));
            }
        }
    }

    /// [`Watch::next_event`] for a blocking transport, whose futures are ready when
    /// returned.
    pub fn next_blocking<I: WatchIo>(
        &mut self,
        io: &mut I,
    ) -> Option<Result<PipelineEvent, WatchError>> {
        let mut next = pin!(self.next_event(io));
        match next.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(item) => item,
            Poll::Pending => Some(Err(WatchError::Core(Error::Unexpected {
                reason: "a blocking transport returned a future that was not ready",
            }))),
        }
    }
}
