//! The simulator set up the same way for every scenario: alice and bob are friends, carol
//! is nobody's friend.

use vrchat_invite_core::invite::Png;
use vrchat_invite_core::{BaseUrl, Location, Session, UserAgent};
use vrchat_invite_sim::{SimUser, Simulator, UserSpec};

use crate::driver::Driver;

/// The User-Agent every scenario sends.
pub const USER_AGENT: &str = "InviteTests/1.0 tests@example.com";

/// A running simulator and its three users.
#[derive(Debug)]
pub struct World {
    /// The simulator.
    pub sim: Simulator,
    /// Friends with bob.
    pub alice: SimUser,
    /// Friends with alice.
    pub bob: SimUser,
    /// Nobody's friend.
    pub carol: SimUser,
}

impl World {
    /// Starts a simulator with the three users.
    ///
    /// # Panics
    /// When the simulator cannot start.
    pub fn new() -> Self {
        let sim = match Simulator::start() {
            Ok(sim) => sim,
            Err(error) => panic!("simulator: {error}"),
        };
        let alice = sim.add_user(UserSpec::new("alice", "alice-password").display_name("Alice"));
        let bob = sim.add_user(UserSpec::new("bob", "bob-password").display_name("Bob"));
        let carol = sim.add_user(UserSpec::new("carol", "carol-password").display_name("Carol"));
        sim.make_friends(&alice.id, &bob.id);
        Self {
            sim,
            alice,
            bob,
            carol,
        }
    }

    /// A logged-in session of `user` against this simulator.
    pub fn session(&self, user: &SimUser) -> Session {
        session_at(&self.sim.base_url()).with_auth_cookie(self.sim.open_session(&user.id))
    }

    /// A logged-in client of `user` on transport `D`.
    pub fn client<D: Driver>(&self, user: &SimUser) -> D {
        D::connect(self.session(user))
    }
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

/// A session without credentials at `base_url`.
///
/// # Panics
/// When `base_url` is not a valid base URL.
pub fn session_at(base_url: &str) -> Session {
    match (UserAgent::new(USER_AGENT), BaseUrl::new(base_url)) {
        (Ok(agent), Ok(base_url)) => Session::new(agent).with_base_url(base_url),
        (Err(error), _) => panic!("user agent: {error}"),
        (_, Err(error)) => panic!("base url: {error}"),
    }
}

/// The location the scenarios invite to.
///
/// # Panics
/// Never: the value is valid.
pub fn location() -> Location {
    match "wrld_4432ea9b-729c-46e3-8eaf-846aa0a37fdd:12345~region(eu)".parse() {
        Ok(location) => location,
        Err(error) => panic!("location: {error}"),
    }
}

/// A 1×1 PNG for the photo operations.
///
/// # Panics
/// Never: the bytes are a valid PNG.
pub fn tiny_png() -> Png {
    const BYTES: [u8; 70] = [
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
        0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64,
        0x60, 0xf8, 0x5f, 0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    match Png::new(BYTES) {
        Ok(png) => png,
        Err(error) => panic!("png: {error}"),
    }
}
