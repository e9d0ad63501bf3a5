//! A hint for the most common way to point the tool at the wrong place: a base URL
//! without `/api/1`, where every path answers 404.

use vrchat_invite_core::BaseUrl;

use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::globals::Globals;

/// The path every VRChat API base URL ends with.
const API_PATH: &str = "/api/1";

/// `failure` led by a hint to check the base URL, when it is a 404 and the base URL in use
/// (`--base-url`, else the saved session's) does not end with `/api/1`: the likely cause
/// comes first, what the 404 was about after it.
pub(crate) fn with_base_url_hint(failure: Failure, globals: &Globals) -> Failure {
    if failure.exit() != Exit::NotFound {
        return failure;
    }
    let Some(base_url) = base_url_in_use(globals) else {
        return failure;
    };
    if base_url.as_str().ends_with(API_PATH) {
        return failure;
    }
    Failure::new(
        failure.exit(),
        format!(
            "check the base URL {base_url}: VRChat's API lives under {API_PATH} (e.g. {}), \
             and this one answered: {}",
            BaseUrl::VRCHAT,
            failure.message()
        ),
    )
}

fn base_url_in_use(globals: &Globals) -> Option<BaseUrl> {
    if let Ok(Some(base_url)) = globals.base_url() {
        return Some(base_url);
    }
    let saved = globals.store().ok()?.load().ok()??;
    Some(saved.base_url().clone())
}
