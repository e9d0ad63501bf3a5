//! `POST /invite/myself/to/{worldId}:{instanceId}`: invite yourself.

use http::Method;

use crate::endpoint::Endpoint;
use crate::ids::Location;
use crate::models::SentNotification;
use crate::path::{PathBuilder, push_encoded};

/// Sends yourself an invite to a location (operation `inviteMyselfTo`). No body.
///
/// ```
/// use vrchat_invite_core::Endpoint;
/// use vrchat_invite_core::invite::InviteMyselfTo;
/// let invite = InviteMyselfTo::new("wrld_1:12345~region(eu)".parse()?);
/// assert_eq!(invite.path(), "/invite/myself/to/wrld_1:12345~region(eu)");
/// # Ok::<(), vrchat_invite_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteMyselfTo {
    location: Location,
}

impl InviteMyselfTo {
    /// Invites yourself to `location`.
    pub fn new(location: Location) -> Self {
        Self { location }
    }

    /// The location.
    pub fn location(&self) -> &Location {
        &self.location
    }
}

impl Endpoint for InviteMyselfTo {
    const OPERATION_ID: &'static str = "inviteMyselfTo";

    type Output = SentNotification;

    fn method(&self) -> Method {
        Method::POST
    }

    fn path(&self) -> String {
        let mut path = PathBuilder::new()
            .literal("invite")
            .literal("myself")
            .literal("to")
            .segment(self.location.world().as_str())
            .finish();
        path.push(':');
        push_encoded(&mut path, self.location.instance().as_str());
        path
    }
}
