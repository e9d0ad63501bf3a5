//! A simulator with two befriended demo accounts, for `vrchat-invite sim` and `demo`.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};

use crate::simulator::Simulator;
use crate::state::{SimUser, UserSpec};

/// Alice's login name.
pub const DEMO_ALICE_USERNAME: &str = "alice";
/// Alice's password.
pub const DEMO_ALICE_PASSWORD: &str = "alice-demo-password";
/// Bob's login name.
pub const DEMO_BOB_USERNAME: &str = "bob";
/// Bob's password.
pub const DEMO_BOB_PASSWORD: &str = "bob-demo-password";

/// The two demo accounts, friends of each other.
///
/// * `alice` / `alice-demo-password`, display name "Alice", with TOTP 2FA: read her current
///   code with [`Simulator::totp_code`], or a recovery code with [`Simulator::recovery_codes`].
/// * `bob` / `bob-demo-password`, display name "Bob", without 2FA.
///
/// The simulated clock stands still unless advanced, so a TOTP code read once stays valid
/// (and so do cooldowns: advance the clock with [`Simulator::advance_clock`]).
#[derive(Debug, Clone)]
pub struct DemoAccounts {
    /// Alice, with TOTP.
    pub alice: SimUser,
    /// Bob, without 2FA.
    pub bob: SimUser,
}

/// Starts a simulator on `127.0.0.1` at a free port with the [`DemoAccounts`].
///
/// ```
/// let (sim, accounts) = vrchat_invite_sim::demo()?;
/// assert_eq!(accounts.alice.username, "alice");
/// assert!(sim.totp_code(&accounts.alice.id).is_some());
/// assert!(sim.totp_code(&accounts.bob.id).is_none());
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
/// As [`Simulator::start`].
pub fn demo() -> io::Result<(Simulator, DemoAccounts)> {
    demo_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
}

/// Like [`demo`], on a chosen address.
///
/// # Errors
/// As [`Simulator::start_on`].
pub fn demo_on(addr: SocketAddr) -> io::Result<(Simulator, DemoAccounts)> {
    let sim = Simulator::start_on(addr)?;
    let alice = sim.add_user(
        UserSpec::new(DEMO_ALICE_USERNAME, DEMO_ALICE_PASSWORD)
            .display_name("Alice")
            .with_totp(),
    );
    let bob = sim.add_user(UserSpec::new(DEMO_BOB_USERNAME, DEMO_BOB_PASSWORD).display_name("Bob"));
    sim.make_friends(&alice.id, &bob.id);
    Ok((sim, DemoAccounts { alice, bob }))
}
