//! The TLS trust every transport uses, as a rustls configuration, and the SHA-1 its
//! *ring* brings (feature `rustls`).

use std::sync::{Arc, OnceLock};

use rustls::ClientConfig;
use rustls::crypto::CryptoProvider;

/// The rustls client configuration of this build, made once per process: the crypto
/// provider the application installed for the process, or *ring*'s; rustls' safe protocol
/// versions; the bundled web roots, or the platform's verifier with the
/// `rustls-platform-verifier` feature; no client certificate.
///
/// Both ready transports use it for HTTPS and for the pipeline's `wss` socket.
///
/// ```
/// let config = vrchat_invite_core::transport::rustls_client_config()?;
/// assert!(std::sync::Arc::ptr_eq(&config, &vrchat_invite_core::transport::rustls_client_config()?));
/// # Ok::<(), rustls::Error>(())
/// ```
///
/// # Errors
/// rustls' error when the provider offers no safe protocol version, or the platform's
/// verifier cannot be set up.
pub fn rustls_client_config() -> Result<Arc<ClientConfig>, rustls::Error> {
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

/// SHA-1 from *ring* (which rustls brings), for [`Handshake::reply_reader`]'s check of the
/// server's accept key.
///
/// ```
/// use vrchat_invite_core::transport::sha1;
/// assert_eq!(sha1(b"abc")[..4], [0xa9, 0x99, 0x3e, 0x36]);
/// ```
///
/// [`Handshake::reply_reader`]: crate::pipeline::Handshake::reply_reader
pub fn sha1(bytes: &[u8]) -> [u8; 20] {
    let digest = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, bytes);
    digest.as_ref().try_into().unwrap_or([0; 20])
}
