//! A local, stateful simulator of VRChat's Invite and login API, for tests.
//!
//! [`Simulator::start`] runs a real HTTP/1.1 server (hyper) on `127.0.0.1` at a free port, on its
//! own thread. It keeps users, friendships, sessions and 2FA, the 4 × 12 invite message slots of
//! every user with their cooldowns, and the notifications that invites create, in each receiver's
//! inbox, and it answers as VRChat does: the same paths, bodies, status codes and error bodies,
//! look-alike punctuation included. Point any client at [`Simulator::base_url`].
//!
//! # Testing your own app
//!
//! ```
//! use vrchat_invite_core::{BaseUrl, Endpoint, Session, Slot, UserAgent};
//! use vrchat_invite_core::invite::InviteUser;
//! use vrchat_invite_core::models::NotificationType;
//! use vrchat_invite_sim::{Simulator, UserSpec};
//!
//! // 1. Start a simulator and set the scene.
//! let sim = Simulator::start()?;
//! let alice = sim.add_user(UserSpec::new("alice", "alice-password").display_name("Alice"));
//! let bob = sim.add_user(UserSpec::new("bob", "bob-password"));
//! sim.make_friends(&alice.id, &bob.id);
//!
//! // 2. Give your app a session pointed at the simulator instead of VRChat. Here alice is
//! //    logged in directly; `alice.username` and `alice.password` also work for a real login.
//! let session = Session::new(UserAgent::new("MyApp/1.0 me@example.com")?)
//!     .with_base_url(BaseUrl::new(sim.base_url())?)
//!     .with_auth_cookie(sim.open_session(&alice.id));
//!
//! // 3. Run your code. Your app sends with vrchat-invite-ureq, vrchat-invite-hyper or its
//! //    own HTTP client; `Simulator::send` is a small blocking stand-in.
//! let invite = InviteUser::new(bob.id.clone(), "wrld_1234:5678~region(eu)".parse()?)
//!     .with_message_slot(Slot::new(0)?);
//! let sent = invite.parse(&sim.send(&session.request(&invite)?)?)?;
//! assert_eq!(sent.receiver_user_id, bob.id);
//!
//! // 4. Check what VRChat would have seen and done.
//! let inbox = sim.notifications_for(&bob.id);
//! assert_eq!(inbox.len(), 1);
//! assert_eq!(inbox[0].kind, NotificationType::Invite);
//! let details = inbox[0].details.as_invite().expect("typed invite details");
//! assert_eq!(details.world_id, "wrld_1234:5678~region(eu)");
//! assert_eq!(details.invite_message.as_deref(), Some("Come hang out with me\u{01C3}"));
//! assert_eq!(sim.operation_counts()["inviteUser"], 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Replies that fit the spec
//!
//! Every reply, success or error, fits the response schema of the community OpenAPI
//! description for its route and status (required fields and their types): a client
//! generated from that description decodes them. The current user carries every field the
//! spec requires (`acceptedTOSVersion`, `friendKey`, `homeLocation`, ...), with neutral
//! values for those the simulator does not act on. Where real traffic differs from the
//! spec, the simulator follows real traffic: a SentNotification's `details` is an object.
//!
//! # What it enforces
//!
//! * **User-Agent**: every request needs `Name/version contact` (a contact that is only
//!   `@domain` does not count); otherwise the "firewall" answers 403
//!   `{"error":{"message":"Please identify yourself…","status_code":403,"waf_code":13799}}`.
//! * **Sessions**: the `auth` cookie; none or unknown on an authenticated route is 401
//!   `"Missing Credentials"`; a half-logged one (password accepted, two-factor code not yet
//!   verified) is 401 `"Requires Two-Factor Authentication"` there, and its login resumes by
//!   verifying a code with the same cookie. No `apiKey` is needed or looked at.
//! * **Friends only**: invites and invite requests to a non-friend are 403, to an unknown
//!   user 404.
//! * **Invite messages**: only your own (401 otherwise); slot 0 to 11 (negative 400; too high
//!   400, or 404 without a message when reading one slot); an edit starts a 60-minute
//!   cooldown, a reset respects it without restarting it; both answer 429
//!   `Please wait N more minutes until you try again․` during it, where N, like
//!   `remainingCooldownMinutes`, counts whole minutes left rounded down, as VRChat counts
//!   them: 59 right after the edit, 0 in its last minute; resetting a slot never edited is
//!   404 `There's no entry for that slot․`. Text comes back with VRChat's look-alike
//!   punctuation, and the server's own unquoted messages end with `․`, never `.`.
//! * **Responses**: only to an invite or request you received, once, with a slot in bounds;
//!   responding to your own invite is 400.
//! * **Inbox**: only what you received; someone else's notification, or an unknown ID, is
//!   404 `{"error":{"message":"Notification not found","status_code":404}}`. `n` is 1 to
//!   100, `offset` 0 or more, `after` a timestamp or keyword, `hidden` `true` or `false`;
//!   anything else in them is 400.
//! * **Errors** use the spec's bodies `{"error":{"message":…,"status_code":n}}`; an unknown
//!   route is 404 `{"error":"\"Not Found\"","status_code":404}`; malformed bodies are 400.
//!   Every reply carries an `x-vrc-request-id` header.
//!
//! # The inbox
//!
//! Every invite, invite request and response lands in its receiver's inbox (a response's
//! receiver is the sender of what it answers; `inviteMyselfTo` lands in the caller's own).
//! The routes answer for the caller's received notifications only:
//!
//! * `GET /auth/user/notifications` (`getNotifications`) lists them **newest first**: those
//!   not hidden and created strictly after `after`, then `offset` skipped, then at most `n`
//!   (default 60); a page shorter than `n` is the last. `after` is a timestamp
//!   (`2026-01-01T00:00:00.000Z`, any offset) or `five_minutes_ago`, `one_hour_ago`,
//!   `one_day_ago`, counted back from the simulated clock. `hidden=true` lists hidden friend
//!   requests only, which the simulator never creates. The deprecated `type` and `sent`,
//!   and unknown parameters, are ignored; a known one given twice is 400. Values are
//!   percent-decoded; `+` stays `+`.
//! * `GET /auth/user/notifications/{id}` (`getNotification`) answers one, hidden or not.
//! * `PUT …/{id}/see` (`markNotificationAsRead`) sets `seen`; `PUT …/{id}/hide`
//!   (`deleteNotification`) leaves it out of later lists (it can still be read and answered);
//!   both answer the notification.
//! * `PUT /auth/user/notifications/clear` (`clearNotifications`) hides all of them and
//!   answers `{"success":{"message":"Ok","status_code":200}}`.
//!
//! Their notifications are written as the REST API writes them: `details` a JSON-encoded
//! string, the real `seen`, `senderUsername` (the sender's display name; the spec calls it
//! deprecated, real replies still carry it), and no `receiverUserId`:
//!
//! ```json
//! {"id":"not_…","type":"invite","created_at":"2026-01-01T00:00:00.000Z",
//!  "details":"{\"worldId\":\"wrld_…:1\",\"worldName\":\"…\"}",
//!  "message":"This is a generated invite to …","seen":false,"senderUserId":"usr_…",
//!  "senderUsername":"Alice"}
//! ```
//!
//! (The invite routes keep their own shapes: `inviteUser` and `inviteMyselfTo` answer a
//! SentNotification with `details` as an object; `requestInvite` and `respondInvite` a
//! Notification that also names `receiverUserId`. All of them carry `senderUsername`.)
//!
//! # Readings not yet verified against VRChat
//!
//! Two behaviours follow the likeliest reading of what is known, and no capture confirms
//! them yet; a client should not depend on either:
//!
//! * **Who receives `response-notification`.** The simulator pushes it to the sockets of
//!   the user who answered (the one who may hide the answered notification), while the
//!   original sender gets the answer as an ordinary `notification`. VRChat may send it
//!   elsewhere, or also to the original sender.
//! * **What `hide` answers.** `PUT …/{id}/hide` answers the hidden Notification, as the
//!   spec this simulator is checked against says; a newer spec says
//!   `{"success":{"message":"Ok","status_code":200}}`. The core's `HideNotification`
//!   accepts both.
//!
//! **Dates.** The clock stands still, yet no two notifications share a `created_at`: each is
//! dated with the simulated time now, or 1 ms after the previous notification when that is
//! later. So `created_at` orders them as they were created, and an `after` taken from one
//! notification's `created_at` selects exactly those created after it. The clock itself is
//! not moved, so cooldowns and TOTP codes are unaffected.
//!
//! [`Simulator::inbox`] and [`Simulator::notifications_for`] show a user's inbox to a test
//! without a request; [`Simulator::add_raw_notification`] puts any JSON in one, such as a
//! type the simulator never creates or an item a client cannot decode.
//!
//! # Login and 2FA
//!
//! `GET /auth/user` with `Authorization: Basic base64(urlencode(user):urlencode(password))` (each
//! part percent-decoded; `+` stays `+`) sets `auth=…; Path=/; HttpOnly` and answers the user, or
//! `{"requiresTwoFactorAuth":["totp","otp"]}` / `["emailOtp"]` for a 2FA account
//! ([`UserSpec::with_totp`], [`UserSpec::with_email_otp`]). Until a code is verified that cookie
//! gets 401 `{"error":{"message":"\"Requires Two-Factor Authentication\"","status_code":401}}` on
//! every other route (`GET /auth` included), `GET /auth/user` with it answers the
//! `requiresTwoFactorAuth` methods again, and a code verified with it finishes that same login: no
//! second password login is needed. Codes:
//!
//! * `totp`: [`Simulator::totp_code`], valid during the current 30 simulated seconds; codes
//!   follow RFC 6238 (SHA-1, 6 digits) on the simulated clock, so a bot can also compute
//!   them from the account's [`SimUser::totp_secret`] (over HTTP: `GET
//!   {base}/_sim/users/{id}/totp` answers both);
//! * `otp`: one of [`Simulator::recovery_codes`], each usable once;
//! * `emailOtp`: [`Simulator::last_email_code`] (over HTTP: `GET
//!   {base}/_sim/users/{id}/email-code`), the code of the last login, usable once.
//!
//! `POST /auth/twofactorauth/{totp|otp|emailotp}/verify` with `{"code":"…"}` answers
//! `{"verified":true}` and sets `twoFactorAuth=…`; sending that cookie at a later login of
//! the same user skips 2FA. **A wrong code is 400** with
//! `{"error":{"message":"\"Invalid 2FA code\"","status_code":400}}` (no session: 401).
//! `GET /auth` answers `{"ok":true,"token":…}`; `PUT /logout` ends the session and clears
//! the cookie. A password login that would exceed the account's live sessions
//! ([`Simulator::set_session_limit`], default [`DEFAULT_SESSION_LIMIT`]) is 429.
//!
//! # Test controls over HTTP
//!
//! A program in any language steers the simulator through routes under `{base}/_sim/`, on
//! the same port (the real API never uses that prefix). They need no User-Agent and no
//! session, are left out of the request log, take and answer JSON, and refuse bad input
//! with the API's error bodies (400, or 404 for an unknown user or control):
//!
//! | method and path | body | answer |
//! |---|---|---|
//! | `GET {base}/_sim/clock` | | `{"now":"2026-01-01T00:00:00.000Z"}` |
//! | `POST {base}/_sim/clock/advance` | `{"minutes":N}` and/or `{"seconds":N}` | the new `now` |
//! | `POST {base}/_sim/users` | `{"username","password","displayName"?,"id"?,"twoFactor"?: "totp"\|"emailOtp"}` | `{"id","username","displayName","recoveryCodes","totpSecret"}` (`totpSecret` base32, `null` without TOTP) |
//! | `POST {base}/_sim/users/{id}/session` | | `{"authToken":…}`, a logged-in `auth` cookie value |
//! | `GET {base}/_sim/users/{id}/totp` | | `{"code":…,"secret":…}`, the authenticator code now and the base32 secret it comes from (both `null` without TOTP) |
//! | `GET {base}/_sim/users/{id}/email-code` | | `{"code":…}`, the code "emailed" at the last password login (`null` before one) |
//! | `POST {base}/_sim/friendships` | `{"users":[a,b]}` | `{"users":[a,b]}` |
//! | `GET {base}/_sim/requests` | | `{"total","byOperation":{…},"requests":[{"method","path","headers","body"}]}`, `Cookie` and `Authorization` shown as `<redacted>` |
//! | `POST {base}/_sim/reset` | | `{"reset":true}`: no users, sessions, notifications or logged requests; the clock back at its start |
//! | `GET {base}/_sim/pipeline` | | `{"connections","framesSent"}` of the pipeline so far |
//! | `GET {base}/_sim/pipeline/users/{id}` | | `{"openSockets":N}` |
//! | `POST {base}/_sim/pipeline/drop`, `…/stall`, `…/pause`, `…/resume` | | `{"done":…}`: as [`Simulator::drop_pipeline_sockets`] and its neighbours |
//! | `POST {base}/_sim/pipeline/refuse` | `{"authToken"}` | `{"done":"refuse"}`: that token gets 401 at the handshake, its sockets close |
//! | `POST {base}/_sim/pipeline/push` | `{"userId","type","content"}` or `{"userId","text"}` | `{"done":"push"}`: an event (content JSON-encoded) or a verbatim frame to the user's sockets |
//! | `POST {base}/_sim/pipeline/friend-location` | `{"userId","location"}` | `{"done":"friend-location"}`: the user's friends get `friend-location` |
//!
//! ```
//! use std::io::{Read, Write};
//! # let sim = vrchat_invite_sim::Simulator::start()?;
//! // With `vrchat-invite sim` running, from any language: wait out an edit's cooldown.
//! let body = r#"{"minutes":60}"#;
//! let mut stream = std::net::TcpStream::connect(sim.addr())?;
//! write!(
//!     stream,
//!     "POST /api/1/_sim/clock/advance HTTP/1.1\r\nHost: localhost\r\n\
//!      Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
//!     body.len()
//! )?;
//! let mut reply = String::new();
//! stream.read_to_string(&mut reply)?;
//! assert!(reply.ends_with(r#"{"now":"2026-01-01T01:00:00.000Z"}"#));
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! # Demo accounts
//!
//! [`demo`] starts a simulator with `alice` / `alice-demo-password` (TOTP) and `bob` /
//! `bob-demo-password`, friends of each other.

mod controls;
mod demo;
mod pipeline;
mod routes;
mod server;
mod simulator;
mod state;

pub use demo::{
    DEMO_ALICE_PASSWORD, DEMO_ALICE_USERNAME, DEMO_BOB_PASSWORD, DEMO_BOB_USERNAME, DemoAccounts,
    demo, demo_on,
};
pub use server::limits::Limits;
pub use server::log::LoggedRequest;
pub use simulator::Simulator;
pub use state::clock::START_UNIX_MILLIS;
pub use state::{DEFAULT_SESSION_LIMIT, SimUser, UserSpec};
