//! A bot that keeps an account's authenticator secret computes RFC 6238 codes itself, and
//! the simulator accepts them.

mod common;

use std::time::Duration;

use common::*;
use vrchat_invite_core::auth::TwoFactorMethod;
use vrchat_invite_sim::{Simulator, UserSpec};

/// Decodes RFC 4648 base32 (no padding), as a bot reads a stored secret.
fn from_base32(text: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    let (mut buffer, mut bits) = (0_u32, 0_u32);
    for c in text.chars() {
        let value = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
            .find(c)
            .expect("a base32 character");
        buffer = (buffer << 5) | u32::try_from(value).expect("small");
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            bytes.push(u8::try_from((buffer >> bits) & 0xff).expect("a byte"));
        }
    }
    bytes
}

/// The code a bot computes now, from the secret and the (simulated) time.
fn bot_code(secret: &str, sim: &Simulator) -> String {
    let millis = sim.now().unix_millis().expect("a time");
    let seconds = u64::try_from(millis / 1000).expect("after 1970");
    totp_lite::totp_custom::<totp_lite::Sha1>(30, 6, &from_base32(secret), seconds)
}

#[test]
fn a_bot_logs_in_with_codes_from_the_stored_secret() {
    let sim = Simulator::start().expect("simulator");
    let bot = sim.add_user(UserSpec::new("bot", "bot-pw").with_totp());
    let secret = bot
        .totp_secret
        .clone()
        .expect("a TOTP account has a secret");
    assert_eq!(secret.len(), 32, "160 bits in base32");
    assert!(!format!("{bot:?}").contains(&secret));
    for step in 0..3 {
        sim.advance_clock(Duration::from_secs(30 * step));
        let code = bot_code(&secret, &sim);
        assert_eq!(sim.totp_code(&bot.id), Some(code.clone()));
        let mut session = anonymous(&sim);
        let user = log_in(&sim, &mut session, "bot", "bot-pw", |_| {
            (TwoFactorMethod::Totp, code.clone())
        })
        .expect("the computed code is accepted");
        assert_eq!(user.id, bot.id);
    }
}

#[test]
fn accounts_without_totp_have_no_secret() {
    let sim = Simulator::start().expect("simulator");
    assert_eq!(sim.add_user(UserSpec::new("a", "pw")).totp_secret, None);
    let email = sim.add_user(UserSpec::new("b", "pw").with_email_otp());
    assert_eq!(email.totp_secret, None);
}
