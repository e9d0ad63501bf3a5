//! What every transport's client shares: options, the exchange, login, errors and traces.
//!
//! A transport's client is its HTTP client plus a [`ClientCore`]. For every operation it
//! calls [`ClientCore::prepare`], sleeps the wait, moves the request's bytes, and hands the
//! reply to [`Pending::finish`]; for a login it follows [`ClientCore::start_login`]. It sorts its
//! own client's failures into a [`FailureKind`] and reports them as a [`Error`].

mod builder;
mod classify;
mod error;
mod exchange;
mod login;
#[cfg(feature = "tracing")]
mod operation_id;
mod options;
mod shared;
mod trace;

pub use builder::{BuildClient, ClientBuilder};
pub use error::{BoxError, FailureKind};
pub use exchange::{Outgoing, Pending};
pub use login::LoginDriver;
#[cfg(feature = "tracing")]
pub(crate) use operation_id::OperationId;
pub use options::{ClientOptions, DEFAULT_BODY_LIMIT, DEFAULT_TIMEOUT};
pub use shared::ClientCore;
pub use trace::ExchangeTrace;
