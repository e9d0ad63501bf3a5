//! The pipeline's socket over tungstenite (feature `tungstenite`): how it is configured and
//! what its frames and errors mean to the watch, written once for every transport on it.

use std::io::ErrorKind;

use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Error, Message};

use super::{Handshake, Happened, SOCKET_READ_BUFFER, SOCKET_WRITE_BUFFER_LIMIT};

impl Handshake {
    /// tungstenite's configuration for this socket: frames and messages up to
    /// [`Handshake::max_frame_size`], a [`SOCKET_READ_BUFFER`] read buffer (an idle watcher
    /// holds little), each write sent at once and at most [`SOCKET_WRITE_BUFFER_LIMIT`]
    /// queued (a peer that stops reading fills it, and the write's deadline ends it).
    ///
    /// ```
    /// # use vrchat_invite_core::{Session, UserAgent};
    /// # use vrchat_invite_core::auth::AuthCookie;
    /// # use vrchat_invite_core::pipeline::{PipelineOptions, Watch, WatchStep};
    /// # let session = Session::new(UserAgent::new("MyBot/1.0 me@example.com")?)
    /// #     .with_auth_cookie(AuthCookie::new("authcookie_1")?);
    /// let mut watch = Watch::new(&session, PipelineOptions::default(), None, 7)?;
    /// let WatchStep::Connect(handshake) = watch.step(std::time::Instant::now()) else { unreachable!() };
    /// let config = handshake.socket_config();
    /// assert_eq!(config.max_frame_size, Some(handshake.max_frame_size()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn socket_config(&self) -> WebSocketConfig {
        let limit = Some(self.max_frame_size());
        WebSocketConfig::default()
            .read_buffer_size(SOCKET_READ_BUFFER)
            .write_buffer_size(0)
            .max_write_buffer_size(SOCKET_WRITE_BUFFER_LIMIT)
            .max_frame_size(limit)
            .max_message_size(limit)
    }
}

impl Happened {
    /// What a read of one frame returned: a text frame's text, a ping (whose answer is now
    /// queued), a pong, a close, another frame; or, for an error, [`Happened::TimePassed`]
    /// when a read timeout or non-blocking socket stopped it, [`Happened::FrameTooLarge`]
    /// past the frame limit, and [`Happened::Closed`] with the error otherwise.
    ///
    /// ```
    /// use tungstenite::Message;
    /// use vrchat_invite_core::pipeline::Happened;
    /// let text = Happened::from_frame(Ok(Message::text("{}")));
    /// assert!(matches!(text, Happened::Text(text) if text == "{}"));
    /// let stopped = std::io::Error::from(std::io::ErrorKind::TimedOut);
    /// assert!(matches!(Happened::from_frame(Err(stopped.into())), Happened::TimePassed));
    /// ```
    pub fn from_frame(read: tungstenite::Result<Message>) -> Self {
        match read {
            Ok(Message::Text(text)) => Self::Text(text.as_str().to_owned()),
            Ok(Message::Ping(_)) => Self::Pinged,
            Ok(Message::Pong(_)) => Self::Pong,
            Ok(Message::Close(_)) => Self::Closed(None),
            Ok(Message::Binary(_) | Message::Frame(_)) => Self::OtherFrame,
            Err(error) => Self::from_error(error),
        }
    }

    /// What a write (a ping sent, or the queued frames flushed) returned:
    /// [`Happened::Written`], or the error read as in [`Happened::from_frame`].
    pub fn from_write(written: tungstenite::Result<()>) -> Self {
        written.map_or_else(Self::from_error, |()| Self::Written)
    }

    fn from_error(error: Error) -> Self {
        match error {
            Error::Io(error)
                if matches!(error.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) =>
            {
                Self::TimePassed
            }
            Error::Capacity(_) => Self::FrameTooLarge,
            error => Self::Closed(Some(error.into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use tungstenite::error::CapacityError;
    use tungstenite::protocol::frame::Frame;

    use super::*;
    use crate::pipeline::{PipelineOptions, Watch, WatchStep};

    #[test]
    fn each_frame_is_what_the_watch_expects() {
        let cases = [
            (Message::text("hi"), "Text(\"hi\")"),
            (Message::Ping(b"p".to_vec().into()), "Pinged"),
            (Message::Pong(Vec::new().into()), "Pong"),
            (Message::Close(None), "Closed(None)"),
            (Message::binary(vec![1, 2]), "OtherFrame"),
            (Message::Frame(Frame::ping(vec![])), "OtherFrame"),
        ];
        for (frame, expected) in cases {
            assert_eq!(format!("{:?}", Happened::from_frame(Ok(frame))), expected);
        }
    }

    #[test]
    fn errors_are_a_deadline_a_size_or_a_close() {
        for kind in [ErrorKind::TimedOut, ErrorKind::WouldBlock] {
            let read = Happened::from_frame(Err(std::io::Error::from(kind).into()));
            assert!(matches!(read, Happened::TimePassed), "{kind:?}");
            let write = Happened::from_write(Err(std::io::Error::from(kind).into()));
            assert!(matches!(write, Happened::TimePassed), "{kind:?}");
        }
        let too_large = Error::Capacity(CapacityError::MessageTooLong {
            size: 9,
            max_size: 8,
        });
        assert!(matches!(
            Happened::from_frame(Err(too_large)),
            Happened::FrameTooLarge
        ));
        let reset = std::io::Error::from(ErrorKind::ConnectionReset);
        let Happened::Closed(Some(error)) = Happened::from_write(Err(reset.into())) else {
            panic!("a reset is a close with its error");
        };
        assert!(error.to_string().contains("reset"), "{error}");
        assert!(matches!(
            Happened::from_frame(Err(Error::ConnectionClosed)),
            Happened::Closed(Some(_))
        ));
        assert!(matches!(Happened::from_write(Ok(())), Happened::Written));
    }

    #[test]
    fn the_socket_holds_little_and_takes_frames_up_to_the_limit() {
        let session =
            crate::Session::new(crate::UserAgent::new("MyBot/1.0 me@example.com").unwrap())
                .with_auth_cookie(crate::auth::AuthCookie::new("authcookie_1").unwrap());
        let options = PipelineOptions::default().with_max_frame_size(4096);
        let mut watch = Watch::new(&session, options, None, 7).unwrap();
        let WatchStep::Connect(handshake) = watch.step(std::time::Instant::now()) else {
            panic!("a new watch connects first");
        };
        let config = handshake.socket_config();
        assert_eq!(config.max_frame_size, Some(4096));
        assert_eq!(config.max_message_size, Some(4096));
        assert_eq!(config.read_buffer_size, SOCKET_READ_BUFFER);
        assert_eq!(config.write_buffer_size, 0);
        assert_eq!(config.max_write_buffer_size, SOCKET_WRITE_BUFFER_LIMIT);
    }
}
