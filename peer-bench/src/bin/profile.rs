//! Runs one case of the peer benchmark (the core's side) many times, for a profiler:
//! `valgrind --tool=callgrind target/release/profile build_get_invite_messages`.

use std::hint::black_box;

use http::Response;
use vrchat_invite_core::{Endpoint, NotificationId, Session, Slot, UserAgent, UserId};
use vrchat_invite_core::auth::AuthCookie;
use vrchat_invite_core::inbox::GetNotification;
use vrchat_invite_core::invite::InviteUser;
use vrchat_invite_core::messages::{
    GetInviteMessages, InviteMessageType, MessageText, UpdateInviteMessage,
};
use vrchat_invite_peer_bench::{
    COOLDOWN, INVITE_NOTIFICATION, LOCATION, SENT_NOTIFICATION, USER, USER_AGENT, message_list,
};

fn reply(status: u16, body: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .body(body.as_bytes().to_vec())
        .expect("response")
}

fn main() {
    let case = std::env::args().nth(1).unwrap_or_default();
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let session = Session::new(UserAgent::new(USER_AGENT).expect("user agent"))
        .with_auth_cookie(AuthCookie::new("authcookie_3b9e1f2a-6c4d-4e8f").expect("cookie"));
    let user = UserId::new(USER).expect("user");
    let slot = Slot::new(3).expect("slot");
    match case.as_str() {
        "build_get_invite_messages" => {
            let list = GetInviteMessages::new(user, InviteMessageType::Message);
            for _ in 0..rounds {
                black_box(session.request(black_box(&list)).expect("request"));
            }
        }
        "build_invite_user" => {
            let invite = InviteUser::new(user, LOCATION.parse().expect("location"))
                .with_message_slot(Slot::new(2).expect("slot"));
            for _ in 0..rounds {
                black_box(session.request(black_box(&invite)).expect("request"));
            }
        }
        "parse_cooldown_429" => {
            let edit = UpdateInviteMessage::new(
                user,
                InviteMessageType::Message,
                slot,
                MessageText::new("Hi").expect("text"),
            );
            let reply = reply(429, COOLDOWN);
            for _ in 0..rounds {
                let _ = black_box(edit.parse(black_box(&reply)));
            }
        }
        "parse_message_list" => {
            let list = GetInviteMessages::new(user, InviteMessageType::Message);
            let reply = reply(200, &message_list());
            for _ in 0..rounds {
                let _ = black_box(list.parse(black_box(&reply)));
            }
        }
        "parse_invite_notification" => {
            let get = GetNotification::new(NotificationId::new("not_1").expect("id"));
            let reply = reply(200, INVITE_NOTIFICATION);
            for _ in 0..rounds {
                let _ = black_box(get.parse(black_box(&reply)));
            }
        }
        "parse_sent_notification" => {
            let invite = InviteUser::new(user, LOCATION.parse().expect("location"));
            let reply = reply(200, SENT_NOTIFICATION);
            for _ in 0..rounds {
                let _ = black_box(invite.parse(black_box(&reply)));
            }
        }
        other => eprintln!("unknown case {other:?}"),
    }
}
