//! Sending, requesting and answering invites.

mod bodies;
pub(crate) use bodies::json_body as bodies_json;
mod invite_myself_to;
mod invite_user;
mod invite_user_with_photo;
mod request_invite;
mod request_invite_with_photo;
mod respond_invite;
mod respond_invite_with_photo;

pub use invite_myself_to::InviteMyselfTo;
pub use invite_user::InviteUser;
pub use invite_user_with_photo::InviteUserWithPhoto;
pub use request_invite::RequestInvite;
pub use request_invite_with_photo::RequestInviteWithPhoto;
pub use respond_invite::RespondInvite;
pub use respond_invite_with_photo::RespondInviteWithPhoto;
