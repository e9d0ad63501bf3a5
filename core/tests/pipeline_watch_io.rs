//! The one driving loop over a scripted transport: what a custom transport implements, and
//! that the loop hands out events, follows a new login after a backoff, and ends once.

use std::collections::VecDeque;
use std::future::{Future, ready};
use std::time::{Duration, Instant};

use http::StatusCode;
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::pipeline::{
    ConnectFailure, Handshake, Happened, PipelineEvent, PipelineOptions, ReconnectPolicy, Watch,
    WatchError, WatchIo,
};
use vrchat_invite_core::{Session, UserAgent};

/// A transport that answers from a script and records what it was asked.
struct Scripted {
    frames: VecDeque<Happened>,
    handshakes: Vec<String>,
    session: Session,
    now: Instant,
    closes: usize,
}

impl WatchIo for Scripted {
    fn connect(&mut self, handshake: Handshake) -> impl Future<Output = Happened> + Send {
        self.handshakes.push(handshake.request().uri().to_string());
        ready(if self.handshakes.len() >= 3 {
            Happened::ConnectFailed(ConnectFailure::Status(StatusCode::UNAUTHORIZED))
        } else {
            Happened::Connected
        })
    }

    fn fetch(&mut self, _request: http::Request<Vec<u8>>) -> impl Future<Output = Happened> + Send {
        ready(Happened::InboxReply(http::Response::new(b"[]".to_vec())))
    }

    fn read(&mut self, _until: Instant) -> impl Future<Output = Happened> + Send {
        ready(self.frames.pop_front().unwrap_or(Happened::Closed(None)))
    }

    fn write(&mut self, _ping: bool, _until: Instant) -> impl Future<Output = Happened> + Send {
        ready(Happened::Written)
    }

    fn sleep(&mut self, until: Instant) -> impl Future<Output = ()> + Send {
        self.now = self.now.max(until);
        ready(())
    }

    fn close(&mut self) {
        self.closes += 1;
    }

    fn session(&self) -> Session {
        self.session.clone()
    }

    fn now(&self) -> Instant {
        self.now
    }
}

fn session(cookie: &str) -> Session {
    Session::new(UserAgent::new("Test/1.0 t@example.com").expect("agent"))
        .with_auth_cookie(AuthCookie::new(cookie).expect("cookie"))
}

#[test]
fn the_loop_delivers_follows_a_new_login_and_ends_once() {
    let policy = ReconnectPolicy::new(
        Duration::from_millis(10),
        Duration::from_millis(20),
        Duration::from_secs(60),
    );
    let options = PipelineOptions::default().with_policy(policy);
    let mut watch = Watch::new(&session("authcookie_old"), options, None, 5).expect("watch");
    let mut io = Scripted {
        frames: VecDeque::from([Happened::Text(
            r#"{"type":"hide-notification","content":"not_1"}"#.into(),
        )]),
        handshakes: Vec::new(),
        session: session("authcookie_new"),
        now: Instant::now(),
        closes: 0,
    };
    let first = watch.next_blocking(&mut io);
    assert!(
        matches!(first, Some(Ok(PipelineEvent::HideNotification(_)))),
        "{first:?}"
    );
    // The socket closes; after the backoff the client's newer session is used; the third
    // handshake is refused, which ends the watch once.
    let end = watch.next_blocking(&mut io);
    assert!(matches!(end, Some(Err(WatchError::Refused(_)))), "{end:?}");
    assert!(watch.next_blocking(&mut io).is_none());
    assert!(watch.next_blocking(&mut io).is_none());
    assert_eq!(io.handshakes.len(), 3);
    assert!(io.handshakes[0].ends_with("authToken=authcookie_old"));
    assert!(io.handshakes[1].ends_with("authToken=authcookie_new"));
    assert!(io.closes >= 2, "closed after the drop and at the end");
}
