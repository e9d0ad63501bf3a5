//! The pipeline websocket: pushes for invites, answers, see/hide/clear and friend moves;
//! refusals, drops and pauses. A plain blocking tungstenite client reads the frames.

mod common;

use std::net::TcpStream;
use std::time::Duration;

use common::*;
use http::StatusCode;
use vrchat_invite_core::inbox::{ClearNotifications, HideNotification, MarkNotificationSeen};
use vrchat_invite_core::invite::{InviteUser, RespondInvite};
use vrchat_invite_core::models::NotificationType;
use vrchat_invite_core::pipeline::{PipelineBase, PipelineConnect, PipelineEvent, decode_frame};
use vrchat_invite_core::{Location, Session, Slot, UserId};
use vrchat_invite_sim::Simulator;

type Socket = tungstenite::WebSocket<TcpStream>;

const LOCATION: &str = "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)";

fn location() -> Location {
    LOCATION.parse().expect("location")
}

/// Opens the pipeline as `session`'s user; every read gives up after 10 s.
fn open(sim: &Simulator, session: &Session) -> Result<Socket, tungstenite::Error> {
    let connect = PipelineConnect::new(session)
        .expect("logged in")
        .with_base(PipelineBase::new(sim.pipeline_base()).expect("base"));
    let request = connect.request([5; 16]).expect("request");
    let stream = TcpStream::connect(sim.addr()).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    match tungstenite::client(request, stream) {
        Ok((socket, response)) => {
            assert_eq!(response.status(), StatusCode::SWITCHING_PROTOCOLS);
            Ok(socket)
        }
        Err(tungstenite::HandshakeError::Failure(error)) => Err(error),
        Err(tungstenite::HandshakeError::Interrupted(_)) => panic!("a blocking handshake"),
    }
}

/// The next text frame, as the raw text.
fn next_text(socket: &mut Socket) -> String {
    for _ in 0..100 {
        match socket.read().expect("a frame within the timeout") {
            tungstenite::Message::Text(text) => return text.as_str().to_owned(),
            tungstenite::Message::Close(_) => panic!("closed"),
            _ => {}
        }
    }
    panic!("no text frame");
}

fn next_event(socket: &mut Socket) -> PipelineEvent {
    decode_frame(&next_text(socket)).expect("the frame decodes")
}

/// Reads until the server closes; true if it did.
fn closes(socket: &mut Socket) -> bool {
    for _ in 0..100 {
        match socket.read() {
            Ok(tungstenite::Message::Close(_))
            | Err(tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed) => {
                return true;
            }
            Ok(_) => {}
            Err(_) => return true,
        }
    }
    false
}

fn invite(sim: &Simulator, from: &UserId, to: &UserId) -> vrchat_invite_core::NotificationId {
    call(
        sim,
        &session_as(sim, from),
        &InviteUser::new(to.clone(), location()),
    )
    .expect("invite")
    .id
}

#[test]
fn an_invite_is_pushed_to_every_socket_of_its_receiver_as_an_encoded_string() {
    let (sim, alice, bob) = scene();
    let bob_session = session_as(&sim, &bob.id);
    let mut first = open(&sim, &bob_session).expect("opens");
    let mut second = open(&sim, &bob_session).expect("opens");
    let mut alices = open(&sim, &session_as(&sim, &alice.id)).expect("opens");
    assert_eq!(sim.open_pipeline_sockets(&bob.id), 2);
    let id = invite(&sim, &alice.id, &bob.id);
    for socket in [&mut first, &mut second] {
        let text = next_text(socket);
        let frame: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert_eq!(frame["type"], "notification");
        assert!(
            frame["content"].is_string(),
            "content is JSON-encoded: {text}"
        );
        let PipelineEvent::Notification(n) = decode_frame(&text).expect("decodes") else {
            panic!("a notification");
        };
        assert_eq!(n.id, id);
        assert_eq!(n.kind, NotificationType::Invite);
        assert_eq!(n.receiver_user_id.as_ref(), Some(&bob.id));
        assert_eq!(n.sender_user_id, alice.id);
        assert_eq!(n.details.as_invite().expect("invite").world_id, LOCATION);
    }
    // Alice hears nothing of it; her next frame is the answer's own event.
    let response = RespondInvite::new(id.clone(), Slot::new(0).expect("slot"));
    let answer = call(&sim, &bob_session, &response).expect("respond");
    let PipelineEvent::Notification(n) = next_event(&mut alices) else {
        panic!("alice gets the invite response");
    };
    assert_eq!(n.id, answer.id);
    assert_eq!(n.kind, NotificationType::InviteResponse);
    let PipelineEvent::ResponseNotification(r) = next_event(&mut first) else {
        panic!("bob hears of his answer");
    };
    assert_eq!(
        (r.notification_id, r.receiver_id, r.response_id),
        (id, bob.id.clone(), answer.id)
    );
}

#[test]
fn see_hide_and_clear_are_pushed() {
    let (sim, alice, bob) = scene();
    let bob_session = session_as(&sim, &bob.id);
    let mut socket = open(&sim, &bob_session).expect("opens");
    let id = invite(&sim, &alice.id, &bob.id);
    assert!(matches!(
        next_event(&mut socket),
        PipelineEvent::Notification(_)
    ));
    call(&sim, &bob_session, &MarkNotificationSeen::new(id.clone())).expect("see");
    assert_eq!(
        next_event(&mut socket),
        PipelineEvent::SeeNotification(id.clone())
    );
    call(&sim, &bob_session, &HideNotification::new(id.clone())).expect("hide");
    assert_eq!(next_event(&mut socket), PipelineEvent::HideNotification(id));
    call(&sim, &bob_session, &ClearNotifications).expect("clear");
    assert_eq!(next_event(&mut socket), PipelineEvent::ClearNotification);
}

#[test]
fn a_friend_moving_is_pushed_to_their_friends() {
    let (sim, alice, bob) = scene();
    let mut socket = open(&sim, &session_as(&sim, &bob.id)).expect("opens");
    sim.move_friend(&alice.id, LOCATION);
    let PipelineEvent::FriendLocation(friend) = next_event(&mut socket) else {
        panic!("friend-location");
    };
    assert_eq!(friend.user_id, alice.id);
    assert_eq!(friend.location, LOCATION);
    assert_eq!(
        friend.world_id.as_deref(),
        Some("wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd")
    );
    assert_eq!(friend.display_name().as_deref(), Some("Alice"));
    sim.push_pipeline_event(
        &bob.id,
        "friend-active",
        &serde_json::json!({"userId": alice.id}),
    );
    assert_eq!(next_event(&mut socket).kind(), "friend-active");
    sim.push_pipeline_text(&bob.id, "not json");
    assert_eq!(next_text(&mut socket), "not json");
}

#[test]
fn unknown_refused_and_anonymous_clients_are_turned_away() {
    let (sim, _alice, bob) = scene();
    let status = |result: Result<Socket, tungstenite::Error>| match result {
        Err(tungstenite::Error::Http(response)) => response.status(),
        other => panic!("expected an HTTP refusal, got {:?}", other.map(|_| ())),
    };
    let stranger = anonymous(&sim).with_auth_cookie(
        vrchat_invite_core::auth::AuthCookie::new("authcookie_unknown").expect("token"),
    );
    assert_eq!(status(open(&sim, &stranger)), StatusCode::UNAUTHORIZED);

    let session = session_as(&sim, &bob.id);
    let mut socket = open(&sim, &session).expect("opens");
    sim.refuse_pipeline_token(session.auth_cookie().expect("token"));
    assert!(closes(&mut socket));
    assert_eq!(status(open(&sim, &session)), StatusCode::UNAUTHORIZED);
    // The REST session is still fine; other sessions still connect.
    assert!(open(&sim, &session_as(&sim, &bob.id)).is_ok());
    assert_eq!(sim.pipeline_connections(), 2);
}

#[test]
fn dropping_closes_every_socket_and_pausing_holds_events() {
    let (sim, alice, bob) = scene();
    let session = session_as(&sim, &bob.id);
    let mut socket = open(&sim, &session).expect("opens");
    sim.drop_pipeline_sockets();
    assert!(closes(&mut socket));
    assert_eq!(sim.open_pipeline_sockets(&bob.id), 0);

    let _stalled = open(&sim, &session).expect("opens again");
    sim.stall_pipeline_sockets();
    assert_eq!(
        sim.open_pipeline_sockets(&bob.id),
        0,
        "a stalled socket is gone"
    );
    let before = sim.pipeline_frames_sent();
    invite(&sim, &alice.id, &bob.id);
    assert_eq!(
        sim.pipeline_frames_sent(),
        before,
        "nothing goes to a stalled socket"
    );

    let mut socket = open(&sim, &session).expect("opens again");
    sim.pause_pipeline();
    let first = invite(&sim, &alice.id, &bob.id);
    let second = invite(&sim, &alice.id, &bob.id);
    assert_eq!(sim.pipeline_frames_sent(), before, "held while paused");
    sim.resume_pipeline();
    for expected in [first, second] {
        let PipelineEvent::Notification(n) = next_event(&mut socket) else {
            panic!("a notification");
        };
        assert_eq!(n.id, expected);
    }
}

#[test]
fn the_pipeline_is_steered_over_http_too() {
    let (sim, alice, bob) = scene();
    let bob_session = session_as(&sim, &bob.id);
    let mut socket = open(&sim, &bob_session).expect("open");
    let (status, counts) = http(&sim, "GET", "/_sim/pipeline", None, None);
    assert_eq!(status, 200);
    assert_eq!(counts["connections"], 1);
    let path = format!("/_sim/pipeline/users/{}", bob.id);
    assert_eq!(http(&sim, "GET", &path, None, None).1["openSockets"], 1);

    // An event of any type, its content JSON-encoded as VRChat sends it.
    let push = serde_json::json!({
        "userId": bob.id, "type": "friend-online", "content": {"userId": alice.id}
    });
    assert_eq!(
        http(&sim, "POST", "/_sim/pipeline/push", None, Some(&push)).0,
        200
    );
    let text = next_text(&mut socket);
    assert!(text.contains(r#""type":"friend-online""#), "{text}");
    // A verbatim frame.
    let verbatim = serde_json::json!({ "userId": bob.id, "text": "not json" });
    assert_eq!(
        http(&sim, "POST", "/_sim/pipeline/push", None, Some(&verbatim)).0,
        200
    );
    assert_eq!(next_text(&mut socket), "not json");
    // A friend moves.
    let moved = serde_json::json!({ "userId": alice.id, "location": "offline" });
    let status = http(
        &sim,
        "POST",
        "/_sim/pipeline/friend-location",
        None,
        Some(&moved),
    )
    .0;
    assert_eq!(status, 200);
    assert!(next_text(&mut socket).contains("friend-location"));

    // Dropping closes the socket; a refused token cannot open another.
    assert_eq!(http(&sim, "POST", "/_sim/pipeline/drop", None, None).0, 200);
    assert!(closes(&mut socket));
    let token = bob_session.auth_cookie().expect("logged in").expose();
    let refuse = serde_json::json!({ "authToken": token });
    assert_eq!(
        http(&sim, "POST", "/_sim/pipeline/refuse", None, Some(&refuse)).0,
        200
    );
    assert!(open(&sim, &bob_session).is_err());

    // Bad input is refused with the API's error shape.
    for (path, body, expected) in [
        (
            "/_sim/pipeline/push",
            serde_json::json!({"userId": bob.id}),
            400,
        ),
        (
            "/_sim/pipeline/push",
            serde_json::json!({"userId": "usr_nobody", "text": "x"}),
            404,
        ),
        ("/_sim/pipeline/refuse", serde_json::json!({}), 400),
        ("/_sim/pipeline/nothing", serde_json::json!({}), 404),
    ] {
        let (status, reply) = http(&sim, "POST", path, None, Some(&body));
        assert_eq!(status, expected, "{path}: {reply}");
        assert!(!reply["error"].is_null(), "{path}: {reply}");
    }
}
