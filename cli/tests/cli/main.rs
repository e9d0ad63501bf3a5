//! The `vrchat-invite` binary end to end, as a spawned process against a simulator.

mod auto_invite;
mod demo_and_sim;
mod errors;
mod harness;
mod hostile;
mod inbox;
mod invites;
mod live;
mod login;
mod messages;
mod readme_walk;
mod watch;
mod watch_state;

/// The exit codes documented in `--help`.
mod exit {
    pub const USAGE: i32 = 2;
    pub const USER_AGENT: i32 = 3;
    pub const NOT_LOGGED_IN: i32 = 4;
    pub const SESSION_EXPIRED: i32 = 5;
    pub const WRONG_PASSWORD: i32 = 6;
    pub const TWO_FACTOR: i32 = 7;
    pub const NOT_FRIENDS: i32 = 10;
    pub const NOT_FOUND: i32 = 11;
    pub const COOLDOWN: i32 = 12;
    pub const ALREADY_RESPONDED: i32 = 14;
    pub const OWN_INVITE: i32 = 15;
    pub const NETWORK: i32 = 20;
    pub const FILE: i32 = 23;
    pub const LOCKED: i32 = 24;
}
