//! Which certificates the client trusts: the bundled web roots by default, or the
//! platform's verifier with the `rustls-platform-verifier` feature.

use std::sync::{Arc, OnceLock};

use rustls::ClientConfig;
use rustls::crypto::CryptoProvider;
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

/// The same trust for the pipeline's socket, as a rustls configuration (ring provider),
/// made once.
pub(crate) fn rustls_config() -> Result<Arc<ClientConfig>, rustls::Error> {
    static CONFIG: OnceLock<Arc<ClientConfig>> = OnceLock::new();
    if let Some(config) = CONFIG.get() {
        return Ok(Arc::clone(config));
    }
    let provider = CryptoProvider::get_default().map_or_else(ring, Arc::clone);
    let versions =
        ClientConfig::builder_with_provider(provider).with_safe_default_protocol_versions()?;
    #[cfg(feature = "rustls-platform-verifier")]
    let trusted = {
        use rustls_platform_verifier::BuilderVerifierExt;
        versions.with_platform_verifier()?
    };
    #[cfg(not(feature = "rustls-platform-verifier"))]
    let trusted = versions.with_root_certificates(rustls::RootCertStore::from_iter(
        webpki_roots::TLS_SERVER_ROOTS.iter().cloned(),
    ));
    let config = Arc::new(trusted.with_no_client_auth());
    Ok(Arc::clone(CONFIG.get_or_init(|| config)))
}

/// *ring*'s provider, used unless the application installed one for the process (say, with
/// post-quantum key exchange); rustls deprecates naming it (it has no post-quantum
/// algorithms) and names it the same way for its own crate-feature default.
#[allow(deprecated)]
fn ring() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
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
