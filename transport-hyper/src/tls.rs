//! Which certificates the client trusts: the bundled web roots by default, or the
//! platform's verifier with the `rustls-platform-verifier` feature. rustls uses `ring`.

use hyper_rustls::HttpsConnectorBuilder as ConnectorBuilder;
use hyper_rustls::builderstates::{WantsSchemes, WantsTlsConfig};

use crate::Error;

/// The connector builder with the trust this build asks for.
pub(crate) fn roots(
    builder: ConnectorBuilder<WantsTlsConfig>,
) -> Result<ConnectorBuilder<WantsSchemes>, Error> {
    let provider = rustls::crypto::ring::default_provider();
    #[cfg(feature = "rustls-platform-verifier")]
    let built = builder
        .with_provider_and_platform_verifier(provider)
        .map_err(|source| Error::Tls {
            source: Box::new(source),
        });
    #[cfg(not(feature = "rustls-platform-verifier"))]
    let built = builder
        .with_provider_and_webpki_roots(provider)
        .map_err(|source| Error::Tls {
            source: Box::new(source),
        });
    built
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trust_of_this_build_can_be_set_up() {
        assert!(roots(hyper_rustls::HttpsConnectorBuilder::new()).is_ok());
    }
}
