//! Turns the library's errors into one-line messages and exit codes.

use std::fmt;

use vrchat_invite_core::error::Missing;
use vrchat_invite_core::messages::InviteMessageType;
use vrchat_invite_core::polite::Refusal;
use vrchat_invite_core::{
    ApiError, ApiErrorKind, InputError, Location, NotificationId, Slot, UserId,
};
use vrchat_invite_ureq::Error;

use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::render::until_free;

/// What a command acted on, so messages can name it ("message slot 3", "user usr_…").
#[derive(Debug, Clone)]
pub(crate) enum Subject {
    /// Nothing in particular.
    Nothing,
    /// Logging in.
    Login,
    /// One invite message slot.
    Slot(InviteMessageType, Slot),
    /// A collection of invite messages.
    Messages(InviteMessageType),
    /// Another user (request).
    User(UserId),
    /// Another user invited to a location.
    Invite(UserId, Location),
    /// A notification being answered.
    Notification(NotificationId),
    /// A location (invite yourself).
    Location(Location),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Nothing | Subject::Login => f.write_str("it"),
            Subject::Slot(kind, slot) => write!(f, "{kind} slot {slot}"),
            Subject::Messages(kind) => write!(f, "the {kind} messages"),
            Subject::User(user) | Subject::Invite(user, _) => write!(f, "user {user}"),
            Subject::Notification(id) => write!(f, "notification {id}"),
            Subject::Location(location) => write!(f, "location {location}"),
        }
    }
}

/// Describes a transport error for `subject`.
pub(crate) fn transport_error(error: &Error, subject: &Subject) -> Failure {
    match error {
        Error::Connect { host, .. } => Failure::new(
            Exit::Network,
            format!("could not connect to {host}: check the network and --base-url"),
        ),
        Error::Timeout { timeout, .. } => Failure::new(
            Exit::Timeout,
            format!(
                "no complete reply within {} seconds; try again later",
                timeout.as_secs()
            ),
        ),
        Error::Tls { .. } => Failure::new(
            Exit::Network,
            "the TLS handshake failed (certificate or protocol); check --base-url",
        ),
        Error::Disconnected { .. } => Failure::new(
            Exit::Network,
            "the connection was lost before the whole reply arrived; try again",
        ),
        Error::BodyTooLarge { limit } => Failure::new(
            Exit::BadReply,
            format!("the reply was larger than the {limit}-byte limit and was not read"),
        ),
        Error::Redirect { status, location } => Failure::new(
            Exit::BadReply,
            format!(
                "the server redirected ({status}) to {}; redirects are not followed, check --base-url",
                location.as_deref().unwrap_or("an unnamed place")
            ),
        ),
        Error::TwoFactorCancelled => Failure::new(
            Exit::TwoFactor,
            "login cancelled: no two-factor code was given",
        ),
        other => core_error(other, subject),
    }
}

/// Describes a core error for `subject`.
pub(crate) fn core_error(error: &vrchat_invite_core::Error, subject: &Subject) -> Failure {
    use vrchat_invite_core::Error as Core;
    match error {
        Core::Input(input) => input_error(input),
        Core::Api(api) => api_error(api, subject),
        Core::Decode(decode) if decode.took_effect() => Failure::new(
            Exit::BadReply,
            format!(
                "sent, but the reply could not be read; do not resend (VRChat answered {})",
                decode.status()
            ),
        ),
        Core::Decode(decode) => Failure::new(
            Exit::BadReply,
            format!(
                "VRChat answered {} with a body this tool could not read",
                decode.status()
            ),
        ),
        Core::Refused(Refusal::Cooldown { minutes_left, .. }) => cooldown(subject, *minutes_left),
        Core::Refused(refusal) => Failure::new(Exit::Failure, refusal.to_string()),
        Core::Unexpected { reason } => {
            Failure::new(Exit::BadReply, format!("unexpected reply: {reason}"))
        }
        other => Failure::new(Exit::Failure, other.to_string()),
    }
}

/// Describes input the core refused before sending anything.
pub(crate) fn input_error(error: &InputError) -> Failure {
    let exit = match error {
        InputError::NotLoggedIn | InputError::MissingCredentials | InputError::MissingUserId => {
            Exit::NotLoggedIn
        }
        InputError::InvalidUserAgent { .. } => Exit::UserAgent,
        _ => Exit::Usage,
    };
    match error {
        InputError::NotLoggedIn | InputError::MissingCredentials | InputError::MissingUserId => {
            not_logged_in()
        }
        _ => Failure::new(exit, error.to_string()),
    }
}

/// The failure for a command that needs a login when there is none.
pub(crate) fn not_logged_in() -> Failure {
    Failure::new(
        Exit::NotLoggedIn,
        "not logged in: run `vrchat-invite login` first",
    )
}

/// `minutes` as VRChat counts them (see [`until_free`]).
fn cooldown(subject: &Subject, minutes: u32) -> Failure {
    let what = match subject {
        Subject::Slot(..) => subject.to_string(),
        _ => "the message slot".to_owned(),
    };
    Failure::new(
        Exit::Cooldown,
        format!(
            "{what} is cooling down: try again in {}",
            until_free(minutes)
        ),
    )
}

/// The server's own words, when it gave any, to end a message with.
fn server_says(api: &ApiError) -> String {
    let mut text = String::new();
    if let Some(message) = api.message() {
        text.push_str(" (VRChat says: ");
        text.push_str(message);
        text.push(')');
    }
    if let Some(id) = api.request_id() {
        text.push_str(" [request id ");
        text.push_str(id);
        text.push(']');
    }
    text
}

/// "… was not found", blaming what the server named (a user, a world or instance, a
/// notification) rather than whatever the command acted on.
fn not_found(subject: &Subject, api: &ApiError) -> String {
    let missing = api.missing().unwrap_or(Missing::Unnamed);
    match (missing, subject) {
        (Missing::Instance, Subject::Invite(_, location) | Subject::Location(location)) => {
            format!(
                "location {location} was not found: VRChat knows no such instance of that \
                 world; check the location (`wrld_…:instance`, as the world's launch link \
                 gives it)"
            )
        }
        (Missing::World, Subject::Invite(_, location) | Subject::Location(location)) => format!(
            "world {} was not found: check the location",
            location.world()
        ),
        (Missing::Instance, _) => "the world instance was not found".to_owned(),
        (Missing::World, _) => "the world was not found".to_owned(),
        (Missing::User | Missing::Unnamed, Subject::User(user) | Subject::Invite(user, _)) => {
            user_not_found(user)
        }
        (Missing::User, _) => "the user was not found".to_owned(),
        (_, Subject::Notification(_)) => format!(
            "{subject} was not found among the notifications you received: list them with `vrchat-invite inbox`"
        ),
        (Missing::Notification, _) => {
            "the notification was not found: list them with `vrchat-invite inbox`".to_owned()
        }
        (_, Subject::Nothing | Subject::Login) => {
            format!("nothing was found there ({})", api.status())
        }
        _ => format!("{subject} was not found"),
    }
}

/// "user … was not found", with a hint when the user was named by something other than an
/// ID.
fn user_not_found(user: &UserId) -> String {
    if user.as_str().starts_with("usr_") {
        return format!("user {user} was not found");
    }
    format!(
        "user {user} was not found; if \"{user}\" is a name, give the user's ID instead \
         (`usr_…`, from their VRChat profile or website URL)"
    )
}

/// Describes an error reply for `subject`.
pub(crate) fn api_error(api: &ApiError, subject: &Subject) -> Failure {
    let (exit, message) = match api.kind() {
        ApiErrorKind::Cooldown { minutes } => return cooldown(subject, *minutes),
        ApiErrorKind::InvalidCredentials => (
            Exit::WrongPassword,
            "login refused: wrong username or password".to_owned(),
        ),
        ApiErrorKind::InvalidTwoFactorCode => (
            Exit::TwoFactor,
            "login refused: the two-factor code was not accepted".to_owned(),
        ),
        ApiErrorKind::TooManySessions => (
            Exit::TooManySessions,
            "login refused: the account has too many sessions; wait, or keep reusing the saved one"
                .to_owned(),
        ),
        ApiErrorKind::Unauthorized if matches!(subject, Subject::Login) => (
            Exit::SessionExpired,
            "login refused: VRChat did not accept the session".to_owned(),
        ),
        ApiErrorKind::Unauthorized => (
            Exit::SessionExpired,
            "the saved session was refused (expired or logged out): run `vrchat-invite login` again"
                .to_owned(),
        ),
        ApiErrorKind::TwoFactorRequired => (
            Exit::TwoFactor,
            "the saved session still needs its two-factor code: run `vrchat-invite login` to enter it (no password needed)"
                .to_owned(),
        ),
        ApiErrorKind::BlockedUserAgent => (
            Exit::Firewall,
            "VRChat's firewall blocked the request: give a real --user-agent \"AppName/version contact\""
                .to_owned(),
        ),
        ApiErrorKind::NotFriends => (
            Exit::NotFriends,
            format!("{subject} is not your friend: VRChat only allows this between friends"),
        ),
        ApiErrorKind::NotFound => (Exit::NotFound, not_found(subject, api)),
        ApiErrorKind::RateLimited => (
            Exit::RateLimited,
            "too many requests: VRChat asks you to slow down; wait before trying again".to_owned(),
        ),
        ApiErrorKind::AlreadyResponded => (
            Exit::AlreadyResponded,
            format!("{subject} was already answered"),
        ),
        ApiErrorKind::OwnInvite => (
            Exit::OwnInvite,
            "you cannot respond to your own invite".to_owned(),
        ),
        ApiErrorKind::InvalidSlot => (
            Exit::InvalidSlot,
            "VRChat refused the slot number".to_owned(),
        ),
        ApiErrorKind::BadRequest => (
            Exit::BadRequest,
            "VRChat refused the request as malformed".to_owned(),
        ),
        ApiErrorKind::Forbidden => (Exit::Forbidden, "VRChat does not allow this".to_owned()),
        ApiErrorKind::ServerError => (
            Exit::ServerError,
            format!("VRChat had a server error ({}); try again later", api.status()),
        ),
        _ => (
            Exit::Failure,
            format!("VRChat answered {}", api.status()),
        ),
    };
    // The server's words add nothing to the kinds named above; they help with the others.
    let generic = matches!(
        exit,
        Exit::InvalidSlot
            | Exit::BadRequest
            | Exit::Forbidden
            | Exit::ServerError
            | Exit::Failure
            | Exit::Firewall
    );
    if generic {
        Failure::new(exit, format!("{message}{}", server_says(api)))
    } else {
        Failure::new(exit, message)
    }
}

#[cfg(test)]
mod tests {
    use http::{HeaderMap, StatusCode};

    use super::*;

    fn reply(status: u16, message: &str) -> ApiError {
        let body = serde_json::json!({"error": {"message": message, "status_code": status}});
        ApiError::from_parts(
            StatusCode::from_u16(status).expect("status"),
            &HeaderMap::new(),
            body.to_string().as_bytes(),
        )
    }

    #[test]
    fn cooldown_names_the_slot_and_minutes() {
        let slot = Subject::Slot(InviteMessageType::Message, Slot::new(3).expect("slot"));
        let api = reply(
            429,
            "Please wait 42 more minutes until you try again\u{2024}",
        );
        let failure = api_error(&api, &slot);
        assert_eq!(failure.exit(), Exit::Cooldown);
        assert_eq!(
            failure.message(),
            "message slot 3 is cooling down: try again in 43 minutes"
        );
        // VRChat's last minute reads 0.
        let one = api_error(&reply(429, "Please wait 0 more minutes"), &slot);
        assert!(one.message().ends_with("in 1 minute"), "{one}");
    }

    #[test]
    fn kinds_get_their_codes() {
        let user = Subject::User(UserId::new("usr_b").expect("id"));
        let cases = [
            (
                403,
                "You need to be friends with that user first.",
                Exit::NotFriends,
            ),
            (404, "User not found", Exit::NotFound),
            (401, "Missing Credentials", Exit::SessionExpired),
            (401, "Requires Two-Factor Authentication", Exit::TwoFactor),
            (429, "Rate limit exceeded", Exit::RateLimited),
            (502, "Bad Gateway", Exit::ServerError),
        ];
        for (status, message, exit) in cases {
            let failure = api_error(&reply(status, message), &user);
            assert_eq!(failure.exit(), exit, "{status} {message}");
            let generic = exit == Exit::ServerError;
            assert_eq!(failure.message().contains(message), generic, "{failure}");
        }
    }

    #[test]
    fn an_unreadable_reply_to_an_invite_says_not_to_resend() {
        use vrchat_invite_core::Endpoint;
        use vrchat_invite_core::invite::InviteUser;
        let user = UserId::new("usr_b").expect("id");
        let invite = InviteUser::new(user.clone(), "wrld_1:1".parse().expect("location"));
        let reply = http::Response::builder()
            .status(200)
            .body(b"<html>ok</html>".to_vec())
            .expect("reply");
        let error = invite.parse(&reply).expect_err("undecodable");
        let failure = core_error(&error, &Subject::User(user));
        assert_eq!(failure.exit(), Exit::BadReply);
        assert!(
            failure
                .message()
                .starts_with("sent, but the reply could not be read; do not resend"),
            "{failure}"
        );
    }

    #[test]
    fn an_unknown_user_named_by_name_hints_at_the_id() {
        let by_name = Subject::User(UserId::new("alice").expect("lenient id"));
        let failure = api_error(&reply(404, "User not found"), &by_name);
        assert_eq!(failure.exit(), Exit::NotFound);
        assert!(failure.message().contains("usr_"), "{failure}");
        let by_id = Subject::User(UserId::new("usr_1").expect("id"));
        let failure = api_error(&reply(404, "User not found"), &by_id);
        assert_eq!(failure.message(), "user usr_1 was not found");
    }

    #[test]
    fn a_404_blames_what_the_server_named() {
        let user = UserId::new("usr_b").expect("id");
        let location: Location = "wrld_1:12345".parse().expect("location");
        let invite = Subject::Invite(user.clone(), location);
        let instance = api_error(&reply(404, "\"Instance not found\""), &invite);
        assert_eq!(instance.exit(), Exit::NotFound);
        assert!(
            instance
                .message()
                .starts_with("location wrld_1:12345 was not found"),
            "{instance}"
        );
        assert!(!instance.message().contains("user"), "{instance}");
        let world = api_error(&reply(404, "World not found\u{2024}"), &invite);
        assert_eq!(
            world.message(),
            "world wrld_1 was not found: check the location"
        );
        let missing_user = api_error(&reply(404, "\"User not found\""), &invite);
        assert_eq!(missing_user.message(), "user usr_b was not found");
        let quoted = Subject::User(UserId::new("\"alice\"").expect("lenient id"));
        let failure = api_error(&reply(404, "User not found"), &quoted);
        assert!(!failure.message().contains("UserId("), "{failure}");
        assert!(!failure.message().contains('\\'), "{failure}");
        let nowhere = api_error(&reply(404, "Not Found"), &Subject::Login);
        assert!(
            !nowhere.message().starts_with("it was not found"),
            "{nowhere}"
        );
    }

    #[test]
    fn not_logged_in_input_is_its_own_code() {
        assert_eq!(
            input_error(&InputError::NotLoggedIn).exit(),
            Exit::NotLoggedIn
        );
        assert_eq!(
            input_error(&InputError::MissingUserId).exit(),
            Exit::NotLoggedIn
        );
        let slot = InputError::SlotOutOfRange { value: 12 };
        assert_eq!(input_error(&slot).exit(), Exit::Usage);
    }
}
