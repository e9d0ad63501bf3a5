//! Sending, requesting and answering invites: [`InviteUser`], [`InviteMyselfTo`],
//! [`RequestInvite`] and [`RespondInvite`], each with an optional message slot and an
//! optional [`Png`] photo.
//!
//! ```
//! use vrchat_invite_core::invite::InviteUser;
//! use vrchat_invite_core::{Endpoint, Location, Slot, UserId};
//!
//! let invite = InviteUser::new(UserId::new("usr_friend")?, "wrld_1:12345".parse::<Location>()?)
//!     .with_message_slot(Slot::new(2)?);
//! assert_eq!(invite.method(), http::Method::POST);
//! assert_eq!(invite.path(), "/invite/usr_friend");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod bodies;
pub(crate) use bodies::json_body as bodies_json;
mod invite_myself_to;
mod invite_user;
mod request_invite;
mod respond_invite;

pub use crate::photo::Png;
pub use invite_myself_to::InviteMyselfTo;
pub use invite_user::InviteUser;
pub use request_invite::RequestInvite;
pub use respond_invite::RespondInvite;
