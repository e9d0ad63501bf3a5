//! Login and what it holds, without any I/O: the username and password ([`Credentials`]),
//! the two-factor code typed in ([`TwoFactorCode`]), the cookies a login leaves in the
//! session ([`AuthCookie`], [`TwoFactorCookie`]), the login flow and logout.
//!
//! A transport's `Client::login` drives the whole flow; [`LoginFlow`] says which request
//! comes next for a client of your own. Secrets never show in `Debug`:
//!
//! ```
//! use vrchat_invite_core::auth::{Credentials, TwoFactorCode};
//!
//! let credentials = Credentials::new("me", "hunter2")?;
//! let code = TwoFactorCode::new("123456")?;
//! assert!(!format!("{credentials:?} {code:?}").contains("hunter2"));
//! assert!(!format!("{code:?}").contains("123456"));
//! # Ok::<(), vrchat_invite_core::InputError>(())
//! ```

mod authentication;
mod cookie_line;
mod cookies;
mod credentials;
mod current_user;
mod flow;
mod get_current_user;
mod logout;
mod set_cookie;
mod two_factor;
mod verify_auth_token;
mod verify_two_factor;

pub use crate::secret::Secret;
pub use authentication::Authentication;
pub use cookies::{AuthCookie, TwoFactorCookie};
pub use credentials::Credentials;
pub use current_user::{CurrentUser, LoginReply};
pub use flow::{CodePrompt, LoginFlow, LoginStep};
pub use get_current_user::GetCurrentUser;
pub use logout::Logout;
pub use set_cookie::CookieChanges;
pub(crate) use set_cookie::apply_set_cookies;
pub use two_factor::{TwoFactorCode, TwoFactorMethod};
pub use verify_auth_token::VerifyAuthToken;
pub use verify_two_factor::VerifyTwoFactor;
