//! Proxies: the core's [`ProxyRules`] pick one per request; ureq tunnels through it with
//! `CONNECT`.

use http::Request;
use ureq::Agent;
use vrchat_invite_core::proxy::ProxyRules;

/// `request` set to go through the proxy its URI calls for, if any.
pub(crate) fn route(
    agent: &Agent,
    rules: &ProxyRules,
    request: Request<Vec<u8>>,
) -> Result<Request<Vec<u8>>, ureq::Error> {
    let Some(server) = rules.select(request.uri()) else {
        return Ok(request);
    };
    let proxy = ureq::Proxy::new(server.url_with_credentials().expose())?;
    Ok(agent.configure_request(request).proxy(Some(proxy)).build())
}
