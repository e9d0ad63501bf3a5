//! Reads all four of your invite message collections at once with the async client, using
//! the session `vrchat-invite login` saved (its cookies, user ID, base URL and User-Agent).
//!
//! ```sh
//! vrchat-invite login
//! cargo run -p vrchat-invite-hyper --example send_one_hyper -- ~/.config/vrchat-invite/session.json
//! ```

use std::error::Error;

use vrchat_invite_hyper::messages::{GetInviteMessages, InviteMessageType};
use vrchat_invite_hyper::{Client, Session};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("give the session file `vrchat-invite login` saved")?;
    let session: Session = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let client = Client::new(session)?;

    // One request per collection, all in flight together over the client's pool.
    let [message, response, request, request_response] = [
        InviteMessageType::Message,
        InviteMessageType::Response,
        InviteMessageType::Request,
        InviteMessageType::RequestResponse,
    ]
    .map(GetInviteMessages::mine);
    let (message, response, request, request_response) = tokio::try_join!(
        client.send(&message),
        client.send(&response),
        client.send(&request),
        client.send(&request_response),
    )?;
    for (kind, list) in [
        ("message", message),
        ("response", response),
        ("request", request),
        ("requestResponse", request_response),
    ] {
        for item in list.decoded() {
            println!("{kind:>15} {:>2} {}", item.slot, item.message);
        }
    }
    Ok(())
}
