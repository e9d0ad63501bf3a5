//! Which certificates ureq trusts: the bundled web roots by default, or the platform's
//! verifier with the `rustls-platform-verifier` feature, as the core's
//! [`rustls_client_config`](vrchat_invite_core::transport::rustls_client_config) does for
//! the pipeline's socket.

use ureq::tls::{RootCerts, TlsConfig};

/// The roots this build trusts.
pub(crate) fn root_certs() -> RootCerts {
    if cfg!(feature = "rustls-platform-verifier") {
        RootCerts::PlatformVerifier
    } else {
        RootCerts::WebPki
    }
}

/// ureq's TLS settings: rustls with `ring`, and [`root_certs`].
pub(crate) fn config() -> TlsConfig {
    TlsConfig::builder().root_certs(root_certs()).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feature_picks_the_verifier() {
        let platform = matches!(config().root_certs(), RootCerts::PlatformVerifier);
        let bundled = matches!(config().root_certs(), RootCerts::WebPki);
        assert_eq!(platform, cfg!(feature = "rustls-platform-verifier"));
        assert_eq!(bundled, !platform);
    }
}
