//! Sorting hyper's (and rustls', and tokio's) errors into the core's kinds of exchange
//! failure.

use vrchat_invite_core::transport::{BoxError, FailureKind};

/// What a failed exchange's chain of causes says it was.
pub(crate) fn kind_of(source: &BoxError) -> FailureKind {
    FailureKind::of_chain(&**source, |cause| {
        if cause.is::<rustls::Error>() {
            return Some(FailureKind::Tls);
        }
        if let Some(client) = cause.downcast_ref::<hyper_util::client::legacy::Error>() {
            return client.is_connect().then_some(FailureKind::Connect);
        }
        let hyper = cause.downcast_ref::<hyper::Error>()?;
        hyper
            .is_incomplete_message()
            .then_some(FailureKind::Disconnected)
    })
}
