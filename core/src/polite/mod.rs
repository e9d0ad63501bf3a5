//! Opt-in politeness: throttling, cooldown awareness and a duplicate-invite guard.
//!
//! VRChat asks API users to pace requests, add jitter, back off after a 429, and never
//! spam invites; accounts are banned otherwise. These helpers are sans-IO: the caller
//! passes the time in and sleeps any delay itself.
//!
//! Turn them on with a client's options ([`crate::transport::ClientOptions::with_politeness`],
//! or a transport's `ClientBuilder::politeness`), or drive a [`Politeness`] yourself:
//!
//! ```
//! use std::time::{Duration, Instant};
//! use vrchat_invite_core::polite::{Action, Politeness};
//!
//! let mut politeness = Politeness::recommended();
//! let now = Instant::now();
//! assert_eq!(politeness.before_send(now, &Action::Other), Ok(Duration::ZERO));
//! assert!(politeness.before_send(now, &Action::Other)? > Duration::ZERO, "the next one waits");
//! # Ok::<(), vrchat_invite_core::polite::Refusal>(())
//! ```

mod action;
mod cooldown_book;
mod invite_guard;
mod politeness;
mod refusal;
mod reply_seen;
mod shared;
mod throttle;

pub use action::Action;
pub use cooldown_book::{CooldownBook, EDIT_COOLDOWN_MINUTES};
pub use invite_guard::InviteGuard;
pub use politeness::Politeness;
pub use refusal::Refusal;
pub use reply_seen::ReplySeen;
pub use shared::SharedPoliteness;
pub use throttle::Throttle;
