//! A minimal SMTP client (RFC 5321) for new-lead notifications: `EHLO`, `MAIL FROM`,
//! `RCPT TO`, `DATA`, `QUIT` over plain TCP.
//!
//! Hand-written rather than `lettre`: even with only its builder and SMTP transport, lettre
//! pulls in about 65 crates (URL parsing, the ICU/IDNA stack, a parser combinator library)
//! for what is five commands here. The cost is that there is no TLS (neither implicit TLS nor
//! STARTTLS) and no AUTH: a password sent without TLS would be readable on the wire. Point
//! the inbox at an SMTP relay on the same machine or a trusted network (e.g. a local Postfix
//! or an SMTP relay container) that handles TLS and authentication onward.

use std::time::Duration;

use base64::Engine as _;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// An email to send: plain text, UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// Envelope and header sender.
    pub from: String,
    /// Envelope and header recipients.
    pub to: Vec<String>,
    /// Subject line (any Unicode; encoded for the header).
    pub subject: String,
    /// Plain-text body (any Unicode; sent base64-encoded).
    pub body: String,
    /// `Message-ID` without the angle brackets, e.g. `LEAD-ID@smp-inbox`.
    pub message_id: String,
    /// `Date` header value (RFC 5322).
    pub date: String,
}

impl Email {
    /// The message as sent after `DATA`, with CRLF line ends, before dot-stuffing.
    pub fn to_message(&self) -> String {
        let engine = base64::engine::general_purpose::STANDARD;
        let subject = if self.subject.is_ascii() && !self.subject.contains(['\r', '\n']) {
            self.subject.clone()
        } else {
            // RFC 2047 encoded word; the caller keeps subjects short, so one word suffices.
            format!("=?UTF-8?B?{}?=", engine.encode(self.subject.as_bytes()))
        };
        let mut message = format!(
            "Date: {}\r\nFrom: <{}>\r\nTo: {}\r\nSubject: {subject}\r\nMessage-ID: <{}>\r\n\
             MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
             Content-Transfer-Encoding: base64\r\nAuto-Submitted: auto-generated\r\n\r\n",
            self.date,
            self.from,
            self.to
                .iter()
                .map(|to| format!("<{to}>"))
                .collect::<Vec<_>>()
                .join(", "),
            self.message_id,
        );
        let encoded = engine.encode(self.body.as_bytes());
        for line in encoded.as_bytes().chunks(76) {
            message.push_str(std::str::from_utf8(line).unwrap_or_default());
            message.push_str("\r\n");
        }
        message
    }
}

/// Why an email was not accepted.
#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    /// Connecting, reading or writing failed.
    #[error("SMTP connection to {server} failed: {source}")]
    Io {
        /// `host:port`
        server: String,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The server answered with an unexpected code.
    #[error("SMTP server answered {reply:?} to {command}")]
    Refused {
        /// The command that was refused.
        command: &'static str,
        /// The server's reply.
        reply: String,
    },
    /// The whole exchange took longer than allowed.
    #[error("SMTP exchange with {0} timed out")]
    Timeout(String),
}

/// Sends `email` through the server at `host:port`, within `timeout`.
pub async fn send(
    host: &str,
    port: u16,
    email: &Email,
    timeout: Duration,
) -> Result<(), SmtpError> {
    let server = format!("{host}:{port}");
    match tokio::time::timeout(timeout, exchange(host, port, &server, email)).await {
        Ok(result) => result,
        Err(_) => Err(SmtpError::Timeout(server)),
    }
}

async fn exchange(host: &str, port: u16, server: &str, email: &Email) -> Result<(), SmtpError> {
    let io = |source| SmtpError::Io {
        server: server.to_string(),
        source,
    };
    let stream = TcpStream::connect((host, port)).await.map_err(io)?;
    let helo = match stream.local_addr().map_err(io)?.ip() {
        std::net::IpAddr::V4(ip) => format!("[{ip}]"),
        std::net::IpAddr::V6(ip) => format!("[IPv6:{ip}]"),
    };
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);

    expect(&mut read, "the greeting", 220)
        .await
        .map_err(|e| e.with(io))?;
    let mut step = async |command: String, name: &'static str, code: u16| {
        write.write_all(command.as_bytes()).await.map_err(io)?;
        expect(&mut read, name, code).await.map_err(|e| e.with(io))
    };
    step(format!("EHLO {helo}\r\n"), "EHLO", 250).await?;
    step(format!("MAIL FROM:<{}>\r\n", email.from), "MAIL FROM", 250).await?;
    for to in &email.to {
        step(format!("RCPT TO:<{to}>\r\n"), "RCPT TO", 250).await?;
    }
    step("DATA\r\n".into(), "DATA", 354).await?;
    step(
        format!("{}.\r\n", dot_stuff(&email.to_message())),
        "the message",
        250,
    )
    .await?;
    // The message is accepted; a server that hangs up before answering QUIT changes nothing.
    let _ = step("QUIT\r\n".into(), "QUIT", 221).await;
    Ok(())
}

/// A line that starts with `.` gets another `.`, so it cannot end the message early.
pub fn dot_stuff(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 8);
    for line in message.split_inclusive("\r\n") {
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
    }
    out
}

enum ReplyError {
    Io(std::io::Error),
    Refused(&'static str, String),
}

impl ReplyError {
    fn with(self, io: impl Fn(std::io::Error) -> SmtpError) -> SmtpError {
        match self {
            Self::Io(e) => io(e),
            Self::Refused(command, reply) => SmtpError::Refused { command, reply },
        }
    }
}

/// Reads one reply (a multi-line reply continues while the fourth character is `-`) and
/// checks its code.
async fn expect<R: AsyncBufReadExt + Unpin>(
    read: &mut R,
    command: &'static str,
    code: u16,
) -> Result<(), ReplyError> {
    let mut reply = String::new();
    loop {
        let mut line = String::new();
        let n = read.read_line(&mut line).await.map_err(ReplyError::Io)?;
        if n == 0 {
            return Err(ReplyError::Io(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the server closed the connection",
            )));
        }
        if reply.len() < 4096 {
            reply.push_str(&line);
        }
        if line.as_bytes().get(3) != Some(&b'-') {
            break;
        }
    }
    let got = reply.get(..3).and_then(|c| c.parse::<u16>().ok());
    if got == Some(code) {
        Ok(())
    } else {
        Err(ReplyError::Refused(command, reply.trim_end().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_stuffing() {
        assert_eq!(dot_stuff("a\r\n.b\r\n..c\r\n"), "a\r\n..b\r\n...c\r\n");
        assert_eq!(dot_stuff(".\r\n"), "..\r\n");
    }

    #[test]
    fn message_headers_and_body() {
        let email = Email {
            from: "inbox@clinic.example".into(),
            to: vec!["a@clinic.example".into(), "b@clinic.example".into()],
            subject: "New lead: Zoë".into(),
            body: "Hello\nZoë".into(),
            message_id: "x@smp-inbox".into(),
            date: "Thu, 01 May 2025 10:00:00 +0000".into(),
        };
        let message = email.to_message();
        assert!(message.contains("To: <a@clinic.example>, <b@clinic.example>\r\n"));
        assert!(message.contains("Subject: =?UTF-8?B?TmV3IGxlYWQ6IFpvw6s=?=\r\n"));
        assert!(
            message.ends_with("\r\n\r\nSGVsbG8KWm/Dqw==\r\n"),
            "{message}"
        );
    }
}
