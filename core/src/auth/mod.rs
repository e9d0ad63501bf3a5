//! Login: password, two-factor auth, token checks and logout, without any I/O.

mod credentials;
mod current_user;
mod flow;
mod get_current_user;
mod logout;
mod set_cookie;
mod two_factor;
mod verify_auth_token;
mod verify_two_factor;

pub use credentials::Credentials;
pub use current_user::{CurrentUser, LoginReply};
pub use flow::{CodePrompt, LoginFlow, LoginStep};
pub use get_current_user::GetCurrentUser;
pub use logout::Logout;
pub use set_cookie::CookieChanges;
pub use two_factor::{TwoFactorCode, TwoFactorMethod};
pub use verify_auth_token::VerifyAuthToken;
pub use verify_two_factor::VerifyTwoFactor;
