//! The exit codes: one per kind of failure, listed in `--help`.

use std::fmt::Write as _;

/// How the process ends. Each kind of failure has its own code so scripts can react to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Everything worked.
    Success,
    /// A failure no other code names (an unexpected reply from the login flow, say).
    Failure,
    /// Bad arguments or input: unknown option, slot out of range, bad ID, not a PNG.
    Usage,
    /// No User-Agent was given, or it lacks the shape VRChat requires.
    UserAgent,
    /// Not logged in: no saved session, or one for another base URL.
    NotLoggedIn,
    /// The saved session was refused (401): it expired or was ended elsewhere.
    SessionExpired,
    /// Login refused: wrong username or password.
    WrongPassword,
    /// Login refused or stopped: the two-factor code was wrong or not given.
    TwoFactor,
    /// Login refused: the account has too many sessions.
    TooManySessions,
    /// VRChat's firewall blocked the request, most often because of the User-Agent.
    Firewall,
    /// The other user is not your friend.
    NotFriends,
    /// The user, notification, slot or location does not exist.
    NotFound,
    /// The invite message slot is cooling down.
    Cooldown,
    /// Too many requests: VRChat asks to slow down.
    RateLimited,
    /// The invite or request was already answered.
    AlreadyResponded,
    /// Responding to one's own invite.
    OwnInvite,
    /// The server refused the slot number.
    InvalidSlot,
    /// Any other 400 from the server.
    BadRequest,
    /// Any other 403 from the server.
    Forbidden,
    /// A 5xx from VRChat or a proxy in front of it.
    ServerError,
    /// No connection could be made, TLS failed, or the connection was lost.
    Network,
    /// No complete reply arrived in time.
    Timeout,
    /// A reply this tool could not read: undecodable, too large, or a redirect.
    BadReply,
    /// A local file could not be read or written (the session file, a photo), or a watch
    /// state file is damaged or another account's.
    File,
    /// Another `watch --auto-invite` holds the account's lock.
    Locked,
}

impl Exit {
    /// Every exit status, in code order.
    pub(crate) const ALL: [Exit; 25] = [
        Exit::Success,
        Exit::Failure,
        Exit::Usage,
        Exit::UserAgent,
        Exit::NotLoggedIn,
        Exit::SessionExpired,
        Exit::WrongPassword,
        Exit::TwoFactor,
        Exit::TooManySessions,
        Exit::Firewall,
        Exit::NotFriends,
        Exit::NotFound,
        Exit::Cooldown,
        Exit::RateLimited,
        Exit::AlreadyResponded,
        Exit::OwnInvite,
        Exit::InvalidSlot,
        Exit::BadRequest,
        Exit::Forbidden,
        Exit::ServerError,
        Exit::Network,
        Exit::Timeout,
        Exit::BadReply,
        Exit::File,
        Exit::Locked,
    ];

    /// The process exit code.
    pub(crate) fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Usage => 2,
            Exit::UserAgent => 3,
            Exit::NotLoggedIn => 4,
            Exit::SessionExpired => 5,
            Exit::WrongPassword => 6,
            Exit::TwoFactor => 7,
            Exit::TooManySessions => 8,
            Exit::Firewall => 9,
            Exit::NotFriends => 10,
            Exit::NotFound => 11,
            Exit::Cooldown => 12,
            Exit::RateLimited => 13,
            Exit::AlreadyResponded => 14,
            Exit::OwnInvite => 15,
            Exit::InvalidSlot => 16,
            Exit::BadRequest => 17,
            Exit::Forbidden => 18,
            Exit::ServerError => 19,
            Exit::Network => 20,
            Exit::Timeout => 21,
            Exit::BadReply => 22,
            Exit::File => 23,
            Exit::Locked => 24,
        }
    }

    /// What the code means, for the `--help` table.
    pub(crate) fn meaning(self) -> &'static str {
        match self {
            Exit::Success => "success",
            Exit::Failure => "any other failure",
            Exit::Usage => "bad arguments or input (unknown option, slot out of range, not a PNG)",
            Exit::UserAgent => "no User-Agent, or not `AppName/version contact`",
            Exit::NotLoggedIn => "not logged in (no saved session for this base URL)",
            Exit::SessionExpired => "the saved session was refused: log in again",
            Exit::WrongPassword => "wrong username or password",
            Exit::TwoFactor => "two-factor code wrong or not given",
            Exit::TooManySessions => "login refused: too many sessions on the account",
            Exit::Firewall => "blocked by VRChat's firewall (check the User-Agent)",
            Exit::NotFriends => "that user is not your friend",
            Exit::NotFound => "user, notification, slot or location not found",
            Exit::Cooldown => "the message slot is cooling down (when it is free is shown)",
            Exit::RateLimited => "too many requests: slow down",
            Exit::AlreadyResponded => "the invite or request was already answered",
            Exit::OwnInvite => "you cannot respond to your own invite",
            Exit::InvalidSlot => "the server refused the slot",
            Exit::BadRequest => "the server refused the request (other 400)",
            Exit::Forbidden => "not allowed (other 403)",
            Exit::ServerError => "VRChat server error (5xx)",
            Exit::Network => "could not connect, TLS failed, or the connection was lost",
            Exit::Timeout => "no reply in time",
            Exit::BadReply => "a reply that could not be read (undecodable, too large, redirect)",
            Exit::File => {
                "a local file could not be read or written (session file, photo), or a watch state file is damaged or another account's"
            }
            Exit::Locked => {
                "another `watch --auto-invite` runs for this account (its PID is shown)"
            }
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

/// The exit code table shown after `--help`.
pub(crate) fn help_table() -> String {
    let mut table = String::from("Exit codes:\n");
    for exit in Exit::ALL {
        // Writing to a String cannot fail.
        let _ = writeln!(table, "  {:>3}  {}", exit.code(), exit.meaning());
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_in_order() {
        for (index, exit) in Exit::ALL.iter().enumerate() {
            assert_eq!(usize::from(exit.code()), index, "{exit:?}");
        }
    }

    #[test]
    fn table_lists_every_code() {
        let table = help_table();
        assert_eq!(table.lines().count(), Exit::ALL.len() + 1);
        assert!(table.contains(" 12  the message slot is cooling down"));
    }
}
