//! Sending, requesting and answering invites.

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
