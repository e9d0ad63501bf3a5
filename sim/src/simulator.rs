//! The `Simulator` handle: starts the server on its own thread, inspects and steers its state.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::oneshot;
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::models::{Notification, Timestamp};
use vrchat_invite_core::{NotificationId, UserId};

use crate::server::client;
use crate::server::listen::{Shared, lock, serve};
use crate::server::log::LoggedRequest;
use crate::server::router::BASE_PATH;
use crate::state::ids::generated;
use crate::state::totp;
use crate::state::{SecondFactor, SimUser, Stage, State, UserSpec};

/// A running simulator of VRChat's Invite and login API on a local port.
///
/// It runs on its own thread with its own tokio runtime, so it works from plain `#[test]`
/// functions and from inside any async runtime alike. Dropping it stops the server and
/// joins the thread; open connections are closed.
///
/// See the [crate documentation](crate) for a walk-through.
pub struct Simulator {
    pub(crate) shared: Arc<Shared>,
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Simulator {
    /// Starts a simulator on `127.0.0.1` at a free port.
    ///
    /// # Errors
    /// When the port cannot be bound or the runtime cannot start.
    pub fn start() -> io::Result<Simulator> {
        Self::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
    }

    /// Starts a simulator on `addr` (port 0 picks a free port).
    ///
    /// # Errors
    /// When the address cannot be bound or the runtime cannot start.
    pub fn start_on(addr: SocketAddr) -> io::Result<Simulator> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(State::new(format!("http://{addr}{BASE_PATH}"))));
        let (shutdown, shutdown_signal) = oneshot::channel();
        let (ready, started) = mpsc::channel::<io::Result<()>>();
        let server_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name(format!("vrchat-invite-sim {addr}"))
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .thread_name("vrchat-invite-sim-worker")
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(error) => {
                        let _ = ready.send(Err(error));
                        return;
                    }
                };
                runtime.block_on(async move {
                    match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => {
                            let _ = ready.send(Ok(()));
                            serve(listener, server_shared, shutdown_signal).await;
                        }
                        Err(error) => {
                            let _ = ready.send(Err(error));
                        }
                    }
                });
                runtime.shutdown_timeout(Duration::from_secs(1));
            })?;
        let outcome = started
            .recv()
            .unwrap_or_else(|_| Err(io::Error::other("the simulator thread stopped")));
        let simulator = Simulator {
            shared,
            addr,
            shutdown: Some(shutdown),
            thread: Some(thread),
        };
        outcome.map(|()| simulator)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give a `Session`: `http://127.0.0.1:PORT/api/1`.
    pub fn base_url(&self) -> String {
        format!("http://{}{BASE_PATH}", self.addr)
    }

    pub(crate) fn state(&self) -> std::sync::MutexGuard<'_, State> {
        lock(&self.shared.state)
    }

    /// Creates an account. Its 48 invite message slots start at their defaults.
    pub fn add_user(&self, spec: UserSpec) -> SimUser {
        self.state().add_user(spec)
    }

    /// Makes `a` and `b` friends (invites and requests need it). Befriending oneself does
    /// nothing.
    pub fn make_friends(&self, a: &UserId, b: &UserId) {
        self.state().make_friends(a, b);
    }

    /// A fully logged-in `auth` cookie for `user`, without the login flow or 2FA.
    ///
    /// It counts as a session of the user but is never refused by the session limit.
    pub fn open_session(&self, user: &UserId) -> AuthCookie {
        let token = self.state().open_session(user, Stage::Active);
        generated(AuthCookie::new(token))
    }

    /// Moves the simulated clock forward. It drives cooldowns, timestamps, the keywords of
    /// `after` and TOTP codes, starts at 2026-01-01T00:00:00Z and never moves on its own.
    /// (A notification is dated now, or 1 ms after the previous notification if that is
    /// later; see the [crate documentation](crate#the-inbox).)
    pub fn advance_clock(&self, by: Duration) {
        self.state().clock.advance(by);
    }

    /// The simulated time now.
    pub fn now(&self) -> Timestamp {
        self.state().clock.now()
    }

    /// Every notification received by `user`, oldest first, hidden ones included, with
    /// typed details, the real `seen` flag and `receiver_user_id` set. A raw notification
    /// ([`Simulator::add_raw_notification`]) is left out unless it decodes.
    pub fn notifications_for(&self, user: &UserId) -> Vec<Notification> {
        self.state()
            .notifications
            .received_by(user)
            .filter_map(|stored| stored.to_notification())
            .collect()
    }

    /// What `getNotifications` lists for `user` without parameters, unpaged: the
    /// notifications not hidden, newest first, typed as in [`Simulator::notifications_for`].
    pub fn inbox(&self, user: &UserId) -> Vec<Notification> {
        self.state()
            .notifications
            .inbox(user, false, None)
            .filter_map(|stored| stored.to_notification())
            .collect()
    }

    /// Puts a notification of the test's own making in `receiver`'s inbox, dated like any
    /// new notification, and returns the ID the inbox routes know it by.
    ///
    /// `item` is served verbatim by `getNotifications` and by `getNotification`,
    /// `markNotificationAsRead` and `deleteNotification` (which change the hidden flag the
    /// simulator keeps, never `item` itself), so it can be anything: a type the simulator
    /// never creates (`boop`, `friendRequest`, a future one) or an item a client cannot
    /// decode. The ID is `item`'s `id` when that is a string not yet in use, otherwise a new
    /// `not_…` ID. A `type` and `senderUserId` in `item` are honoured by the list filters
    /// and by `respondInvite`.
    ///
    /// ```
    /// use serde_json::json;
    /// use vrchat_invite_sim::{Simulator, UserSpec};
    ///
    /// let sim = Simulator::start()?;
    /// let bob = sim.add_user(UserSpec::new("bob", "bob-password"));
    /// let id = sim.add_raw_notification(&bob.id, json!({"id": "not_odd", "type": 42}));
    /// assert_eq!(id.as_str(), "not_odd");
    /// let other = sim.add_raw_notification(&bob.id, json!("not even an object"));
    /// assert!(other.as_str().starts_with("not_"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn add_raw_notification(
        &self,
        receiver: &UserId,
        item: serde_json::Value,
    ) -> NotificationId {
        self.state().add_raw_notification(receiver, item)
    }

    /// Forgets every user, friendship, session, notification, upload and logged request,
    /// and sets the clock back to its start, as `POST {base}/_sim/reset` does. The server
    /// keeps running on the same port.
    pub fn reset(&self) {
        crate::controls::reset_state(&self.shared);
    }

    /// The requests received so far, in arrival order, whatever their outcome; the oldest
    /// are dropped beyond the log's [`crate::Limits`].
    pub fn request_log(&self) -> Vec<LoggedRequest> {
        lock(&self.shared.log).requests.iter().cloned().collect()
    }

    /// Forgets the logged requests (the counts stay).
    pub fn clear_request_log(&self) {
        lock(&self.shared.log).clear();
    }

    /// Number of requests received so far.
    pub fn request_count(&self) -> u64 {
        lock(&self.shared.log).total
    }

    /// Requests received by the spec's `operationId` (`inviteUser`, `getCurrentUser`,
    /// `verify2FA`, `verifyRecoveryCode`, `verify2FAEmailCode`, `verifyAuthToken`,
    /// `logout`, `getNotifications`, `getNotification`, `markNotificationAsRead`,
    /// `deleteNotification`, `clearNotifications`, `downloadFileVersion`, ...); anything
    /// unrouted counts as `unknown`.
    pub fn operation_counts(&self) -> BTreeMap<String, u64> {
        lock(&self.shared.log).by_operation.clone()
    }

    /// The authenticator code valid now for a TOTP account; `None` for other accounts.
    ///
    /// Codes change every 30 simulated seconds and are valid only during their own step.
    pub fn totp_code(&self, user: &UserId) -> Option<String> {
        let state = self.state();
        let record = state.user(user)?;
        (record.second_factor == Some(SecondFactor::Totp))
            .then(|| totp::code_at(&record.totp_secret, state.clock.now_millis()))
    }

    /// The code "sent by email" at the last login of an email-2FA account (kept after use).
    pub fn last_email_code(&self, user: &UserId) -> Option<String> {
        self.state().user(user)?.last_email_code.clone()
    }

    /// The unused one-time recovery codes (`otp`) of a TOTP account.
    pub fn recovery_codes(&self, user: &UserId) -> Vec<String> {
        self.state()
            .user(user)
            .map(|record| record.recovery_codes.clone())
            .unwrap_or_default()
    }

    /// How many live sessions a password login may leave an account with; the next one
    /// is refused with 429. Default [`crate::DEFAULT_SESSION_LIMIT`].
    pub fn set_session_limit(&self, limit: usize) {
        self.state().sessions.limit = limit;
    }

    /// Live sessions of `user`: fully logged in or still awaiting a 2FA code.
    pub fn active_sessions(&self, user: &UserId) -> usize {
        self.state().sessions.count_for(user)
    }

    /// Sends one request to the simulator over a fresh connection and returns the whole
    /// reply. The URI's host is ignored. Blocking; a stand-in for a real transport in tests
    /// and examples.
    ///
    /// # Errors
    /// Connection and I/O failures, a reply that is not HTTP/1.1, or a 30-second timeout.
    pub fn send(&self, request: &http::Request<Vec<u8>>) -> io::Result<http::Response<Vec<u8>>> {
        client::send(self.addr, request)
    }
}

impl fmt::Debug for Simulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Simulator")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
