//! Send an invite with a photo, with the async client.
//!
//! The photo must be a PNG (checked before anything is sent, 10 MB at most). Against the
//! simulator (`vrchat-invite sim` prints the base URL and bob's user ID; bob and alice are
//! friends):
//!
//! ```sh
//! VRCHAT_BASE_URL=http://127.0.0.1:PORT/api/1 VRCHAT_USERNAME=alice \
//!   VRCHAT_PASSWORD=alice-demo-password \
//!   cargo run -p vrchat-invite-hyper --example invite_with_photo -- usr_BOB 'wrld_1:1~region(eu)' photo.png
//! ```
//!
//! alice has TOTP: the example asks for the code on standard input (`sim` prints it).

use std::error::Error;
use std::io::BufRead;

use vrchat_invite_hyper::auth::{Credentials, TwoFactorCode, TwoFactorMethod};
use vrchat_invite_hyper::invite::{InviteUser, Png};
use vrchat_invite_hyper::models::SentNotification;
use vrchat_invite_hyper::{BaseUrl, Client, Location, Session, UserAgent, UserId};

/// Logs in and sends `to` an invite to `location` with `photo` attached.
pub async fn invite_with_photo(
    base_url: Option<&str>,
    username: &str,
    password: &str,
    code: impl Fn() -> Option<String>,
    to: UserId,
    location: Location,
    photo: Vec<u8>,
) -> Result<SentNotification, Box<dyn Error>> {
    // Checked here: not a PNG, empty or too large is an error and nothing is sent.
    let photo = Png::new(photo)?;
    let mut session = Session::new(UserAgent::new("PhotoExample/1.0 you@example.com")?);
    if let Some(base_url) = base_url {
        session = session.with_base_url(BaseUrl::new(base_url)?);
    }
    let client = Client::new(session)?;
    let code = &code;
    client
        .login(
            Some(Credentials::new(username, password)?),
            |offered| async move {
                let method = TwoFactorMethod::preferred(&offered)?.clone();
                Some((method, TwoFactorCode::new(code()?).ok()?))
            },
        )
        .await?;
    let invite = InviteUser::new(to, location).with_photo(photo);
    Ok(client.send(&invite).await?)
}

fn code_from_stdin() -> Option<String> {
    eprint!("authenticator code: ");
    let line = std::io::stdin().lock().lines().next()?.ok()?;
    Some(line.trim().to_owned())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: invite_with_photo USER_ID LOCATION PHOTO.png";
    let to = UserId::new(args.next().ok_or(usage)?)?;
    let location: Location = args.next().ok_or(usage)?.parse()?;
    let photo = std::fs::read(args.next().ok_or(usage)?)?;
    let base_url = std::env::var("VRCHAT_BASE_URL").ok();
    let sent = invite_with_photo(
        base_url.as_deref(),
        &std::env::var("VRCHAT_USERNAME")?,
        &std::env::var("VRCHAT_PASSWORD")?,
        code_from_stdin,
        to,
        location,
        photo,
    )
    .await?;
    println!("invite {} sent to {}", sent.id, sent.receiver_user_id);
    Ok(())
}

#[cfg(test)]
mod tests {
    use vrchat_invite_hyper::models::NotificationType;

    use super::*;

    fn png_bytes() -> Vec<u8> {
        let mut bytes = Png::SIGNATURE.to_vec();
        bytes.extend_from_slice(b"\0\0\0\rIHDR example image");
        bytes
    }

    #[tokio::test]
    async fn the_invite_arrives_with_its_photo() {
        let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
        let alice = accounts.alice.id.clone();
        let code = || sim.totp_code(&alice);
        let location: Location = "wrld_1:1~region(eu)".parse().expect("location");
        let sent = invite_with_photo(
            Some(&sim.base_url()),
            &accounts.alice.username,
            &accounts.alice.password,
            code,
            accounts.bob.id.clone(),
            location,
            png_bytes(),
        )
        .await
        .expect("invite sent");
        assert_eq!(sent.receiver_user_id, accounts.bob.id);
        let inbox = sim.inbox(&accounts.bob.id);
        assert_eq!(inbox.len(), 1);
        assert_eq!(inbox[0].kind, NotificationType::Invite);
        let details = inbox[0].details.as_invite().expect("invite details");
        assert!(details.image_url.is_some(), "{details:?}");
        assert_eq!(sim.operation_counts()["inviteUserWithPhoto"], 1);
    }

    #[tokio::test]
    async fn a_photo_that_is_not_a_png_is_never_sent() {
        let (sim, accounts) = vrchat_invite_sim::demo().expect("simulator");
        let result = invite_with_photo(
            Some(&sim.base_url()),
            &accounts.bob.username,
            &accounts.bob.password,
            || None,
            accounts.alice.id.clone(),
            "wrld_1:1".parse().expect("location"),
            b"GIF89a not a png".to_vec(),
        )
        .await;
        assert!(result.is_err());
        assert_eq!(sim.request_count(), 0);
    }
}
