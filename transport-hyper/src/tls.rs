//! Which certificates the client trusts: the bundled web roots by default, or the
//! platform's verifier with the `rustls-platform-verifier` feature. rustls uses `ring`.
//! One configuration serves the HTTP connections and the pipeline's socket.

use std::sync::{Arc, OnceLock};

use hyper_rustls::ConfigBuilderExt;
use rustls::ClientConfig;
use rustls::crypto::CryptoProvider;

use crate::Error;

/// The rustls configuration with the trust this build asks for, made once.
pub(crate) fn client_config() -> Result<Arc<ClientConfig>, Error> {
    static CONFIG: OnceLock<Arc<ClientConfig>> = OnceLock::new();
    if let Some(config) = CONFIG.get() {
        return Ok(Arc::clone(config));
    }
    let provider = CryptoProvider::get_default().map_or_else(ring, Arc::clone);
    let builder = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|source| Error::Tls {
            source: Box::new(source),
        })?;
    #[cfg(feature = "rustls-platform-verifier")]
    let builder = builder
        .try_with_platform_verifier()
        .map_err(|source| Error::Tls {
            source: Box::new(source),
        })?;
    #[cfg(not(feature = "rustls-platform-verifier"))]
    let builder = builder.with_webpki_roots();
    let config = Arc::new(builder.with_no_client_auth());
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
    fn the_trust_of_this_build_can_be_set_up_once() {
        let first = client_config().expect("config");
        assert!(Arc::ptr_eq(&first, &client_config().expect("config")));
    }
}
