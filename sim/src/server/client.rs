//! A tiny blocking HTTP/1.1 client, enough to talk to the simulator without a transport.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use http::header::{CONNECTION, CONTENT_LENGTH, HOST};
use http::{HeaderName, HeaderValue, Request, Response, StatusCode};

/// How long one exchange may take before it fails.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The largest reply read.
const REPLY_LIMIT: u64 = 64 * 1024 * 1024;

fn invalid(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("malformed reply: {what}"),
    )
}

/// Sends `request` to `addr` on a fresh connection and reads the whole reply.
pub(crate) fn send(addr: SocketAddr, request: &Request<Vec<u8>>) -> io::Result<Response<Vec<u8>>> {
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let target = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
    let mut head =
        format!("{} {target} HTTP/1.1\r\nhost: {addr}\r\n", request.method()).into_bytes();
    for (name, value) in request.headers() {
        if name == HOST || name == CONTENT_LENGTH || name == CONNECTION {
            continue;
        }
        head.extend_from_slice(name.as_str().as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(
        format!(
            "content-length: {}\r\nconnection: close\r\n\r\n",
            request.body().len()
        )
        .as_bytes(),
    );
    stream.write_all(&head)?;
    stream.write_all(request.body())?;
    stream.flush()?;
    let mut raw = Vec::new();
    stream.take(REPLY_LIMIT).read_to_end(&mut raw)?;
    parse_reply(&raw)
}

/// Parses a complete HTTP/1.1 reply with a `Content-Length` or a body up to the end.
pub(crate) fn parse_reply(raw: &[u8]) -> io::Result<Response<Vec<u8>>> {
    let head_end = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .ok_or_else(|| invalid("no end of headers"))?;
    let head = std::str::from_utf8(raw.get(..head_end).unwrap_or_default())
        .map_err(|_| invalid("headers are not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .and_then(|code| StatusCode::from_u16(code).ok())
        .ok_or_else(|| invalid("bad status line"))?;
    let mut response = Response::new(Vec::new());
    *response.status_mut() = status;
    for line in lines {
        let (name, value) = line.split_once(':').ok_or_else(|| invalid("bad header"))?;
        let name = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| invalid("bad header name"))?;
        let value = HeaderValue::from_str(value.trim()).map_err(|_| invalid("bad header value"))?;
        response.headers_mut().append(name, value);
    }
    let mut body = raw.get(head_end + 4..).unwrap_or_default().to_vec();
    let length = response
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    if let Some(length) = length {
        if body.len() < length {
            return Err(invalid("body shorter than Content-Length"));
        }
        body.truncate(length);
    }
    *response.body_mut() = body;
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_status_headers_and_body() {
        let raw = b"HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\nset-cookie: a=1\r\nset-cookie: b=2\r\n\r\n{}";
        let response = parse_reply(raw).expect("reply");
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(response.headers().get_all("set-cookie").iter().count(), 2);
        assert_eq!(response.body(), b"{}");
    }

    #[test]
    fn refuses_truncated_replies() {
        assert!(parse_reply(b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n{}").is_err());
        assert!(parse_reply(b"HTTP/1.1 200 OK\r\n").is_err());
        assert!(parse_reply(b"garbage\r\n\r\n").is_err());
    }
}
