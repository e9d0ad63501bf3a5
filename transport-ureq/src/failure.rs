//! Sorting ureq's errors into the core's kinds of exchange failure.

use vrchat_invite_core::Error;
use vrchat_invite_core::transport::{ClientOptions, FailureKind};

/// ureq's `source`, sorted, for an exchange with `host` under `options`.
pub(crate) fn failure(source: ureq::Error, host: &str, options: &ClientOptions) -> Error {
    let kind = kind_of(&source);
    Error::from_failure(
        kind,
        Box::new(source),
        host,
        options.timeout(),
        options.body_limit(),
    )
}

fn kind_of(error: &ureq::Error) -> FailureKind {
    use ureq::Error as U;
    match error {
        U::Timeout(_) => FailureKind::Timeout,
        U::BodyExceedsLimit(_) => FailureKind::BodyTooLarge,
        U::HostNotFound | U::ConnectionFailed | U::ConnectProxyFailed(_) => FailureKind::Connect,
        U::Tls(_) | U::Rustls(_) | U::Pem(_) | U::TlsRequired => FailureKind::Tls,
        // A failed handshake surfaces as an I/O error carrying rustls' error.
        U::Io(io) => FailureKind::of_chain(io, |cause| {
            cause.is::<rustls::Error>().then_some(FailureKind::Tls)
        }),
        _ => FailureKind::Other,
    }
}
