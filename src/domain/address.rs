//! Web and email addresses from outside (the clinic's configuration, the outbox read back from
//! storage): one set of rules, and a type per kind of address that can only be made by them.
//! Code that fetches, links or mails takes these types, so whatever it is given has passed the
//! rules at the point of use, wherever it came from.
//!
//! The rules refuse what a browser would read differently from a person: a backslash (browsers
//! read `/\host` as `//host`), user-info (`https://good@evil`), whitespace, control, zero-width
//! and bidi characters, and for email anything that would add a query to a `mailto:` link.

use std::fmt;
use std::str::FromStr;

use super::text::is_invisible;

/// The longest address accepted: longer ones are not addresses a clinic types.
pub const MAX_URL_CHARS: usize = 2048;

/// The longest email address (RFC 5321).
pub const MAX_EMAIL_CHARS: usize = 254;

/// An address that broke the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("an absolute https:// URL (http:// only for localhost or 127.0.0.1)")]
    NotWebUrl,
    #[error("an https:// URL or a path on this site such as /images/logo.svg")]
    NotResource,
    #[error("an email address")]
    NotEmail,
}

/// A letter or digit of any script: ASCII ones, and any visible character beyond ASCII
/// (internationalised domains and mailboxes), without Unicode's tables in the wasm.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && !c.is_whitespace() && !is_invisible(c))
}

/// Characters no address may hold: whitespace, backslashes and the invisible ones.
fn has_hidden_or_backslash(text: &str) -> bool {
    text.chars()
        .any(|c| c == '\\' || c.is_whitespace() || is_invisible(c))
}

/// A host name (letters of any script, digits, `-` and `.`), an IPv4 address, or `[IPv6]`,
/// with an optional `:port`.
fn is_authority(authority: &str) -> Option<&str> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (addr, rest) = v6.split_once(']')?;
            let ok = !addr.is_empty() && addr.chars().all(|c| c.is_ascii_hexdigit() || c == ':');
            (ok.then_some(addr)?, rest.strip_prefix(':'))
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let host_ok = authority.starts_with('[')
        || (!host.is_empty()
            && !host.starts_with(['.', '-'])
            && !host.contains("..")
            && host
                .chars()
                .all(|c| is_word_char(c) || c == '-' || c == '.'));
    let port_ok =
        port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok());
    (host_ok && port_ok).then_some(host)
}

/// An absolute `https://` URL, or `http://` on a loopback host (local testing): where leads are
/// sent, and what the widget links to (privacy policy, booking, redirect).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WebUrl(String);

impl WebUrl {
    /// Checks `text` against the rules.
    pub fn parse(text: &str) -> Result<WebUrl, AddressError> {
        let fail = Err(AddressError::NotWebUrl);
        if text.chars().count() > MAX_URL_CHARS || has_hidden_or_backslash(text) {
            return fail;
        }
        let (secure, rest) = match (text.strip_prefix("https://"), text.strip_prefix("http://")) {
            (Some(rest), _) => (true, rest),
            (None, Some(rest)) => (false, rest),
            _ => return fail,
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        // User-info (`user@host`) hides the real host from a reader.
        if authority.contains('@') {
            return fail;
        }
        let Some(host) = is_authority(authority) else {
            return fail;
        };
        if !secure && !matches!(host, "localhost" | "127.0.0.1" | "::1") {
            return fail;
        }
        Ok(WebUrl(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A file the widget fetches or shows (the clinic's logo, its `config-url`): a [`WebUrl`], or a
/// path on the page's own site (`/img/logo.svg`) that starts with exactly one `/`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Resource(String);

impl Resource {
    /// Checks `text` against the rules.
    pub fn parse(text: &str) -> Result<Resource, AddressError> {
        let own_path = text.starts_with('/')
            && !text.starts_with("//")
            && text.chars().count() <= MAX_URL_CHARS
            && !has_hidden_or_backslash(text);
        if own_path || WebUrl::parse(text).is_ok() {
            Ok(Resource(text.to_string()))
        } else {
            Err(AddressError::NotResource)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address (no regex in the wasm build): one `@`; a local part of letters, digits (of
/// any script) and
/// `. ' + - _ = ! $ * ^ { | } ~`; a domain of letters, digits, `-` and dots with a top-level
/// part of two letters or more. Nothing that could add a query or a fragment to a `mailto:`
/// link (`?`, `&`, `#`, `%`), no quotes, brackets or spaces, and nothing invisible.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Checks `text` against the rules.
    pub fn parse(text: &str) -> Result<EmailAddress, AddressError> {
        let fail = Err(AddressError::NotEmail);
        let Some((local, domain)) = text.split_once('@') else {
            return fail;
        };
        let local_ok = !local.is_empty()
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| is_word_char(c) || ".'+-_=!$*^{|}~".contains(c));
        let domain_ok = !domain.is_empty()
            && domain.contains('.')
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with(['.', '-'])
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| is_word_char(c) || c == '-' || c == '.')
            && domain
                .rsplit('.')
                .next()
                .is_some_and(|tld| tld.chars().count() >= 2);
        if local_ok && domain_ok && text.chars().count() <= MAX_EMAIL_CHARS {
            Ok(EmailAddress(text.to_string()))
        } else {
            fail
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! address_traits {
    ($($ty:ident),+) => {$(
        impl FromStr for $ty {
            type Err = AddressError;
            fn from_str(text: &str) -> Result<Self, AddressError> {
                $ty::parse(text)
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
    )+};
}
address_traits!(WebUrl, Resource, EmailAddress);
