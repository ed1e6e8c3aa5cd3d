//! The admin token: every read of leads (JSON API, admin pages, photos, CSV) needs it.
//!
//! A client sends it as `Authorization: Bearer TOKEN`, or as HTTP Basic auth with any user
//! name and the token as the password, which is what a browser asks for after a 401 with
//! `WWW-Authenticate: Basic`. No cookies, no sessions: nothing a page on another site could
//! ride on. With no token configured, reads are refused (403) rather than left open.

use axum::extract::FromRequestParts;
use axum::http::header::{self, HeaderValue};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use sha2::{Digest as _, Sha256};

use crate::api::ApiError;
use crate::store::{Scope, DEFAULT_CLINIC};
use crate::AppState;

/// The configured token, kept only as its SHA-256 so every comparison is between two
/// 32-byte values, whatever the lengths of the token and the guess.
#[derive(Clone)]
pub struct AdminToken([u8; 32]);

impl std::fmt::Debug for AdminToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AdminToken(…)")
    }
}

impl AdminToken {
    /// Wraps a token.
    pub fn new(token: &str) -> Self {
        Self(Sha256::digest(token.as_bytes()).into())
    }

    /// Whether `candidate` is the token, in time that does not depend on where they differ.
    pub fn matches(&self, candidate: &[u8]) -> bool {
        let candidate: [u8; 32] = Sha256::digest(candidate).into();
        let diff = self
            .0
            .iter()
            .zip(candidate.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        std::hint::black_box(diff) == 0
    }
}

/// The credential a request carries, if any: the bearer token or the Basic password.
fn credential(parts: &Parts) -> Option<Vec<u8>> {
    let value = parts.headers.get(header::AUTHORIZATION)?.as_bytes();
    let (scheme, rest) = value.split_at(value.iter().position(|b| *b == b' ')?);
    let rest = rest.trim_ascii();
    if scheme.eq_ignore_ascii_case(b"bearer") {
        Some(rest.to_vec())
    } else if scheme.eq_ignore_ascii_case(b"basic") {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(rest)
            .ok()?;
        let colon = decoded.iter().position(|b| *b == b':')?;
        Some(decoded[colon + 1..].to_vec())
    } else {
        None
    }
}

/// Proof that the request carried an API token: the default clinic's (`admin_token`) or
/// another clinic's (`smp-inbox clinic add`); take it as a handler argument. It sees that
/// clinic only.
#[derive(Debug, Clone)]
pub struct Admin {
    /// The clinic the token belongs to.
    pub scope: Scope,
}

/// Why a read was refused.
#[derive(Debug)]
pub enum AuthRejection {
    /// No token configured on the server: reads are off.
    NotConfigured,
    /// No credential or a wrong one.
    Unauthorized,
}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        match self {
            Self::NotConfigured => {
                ApiError::new(StatusCode::FORBIDDEN, "set --admin-token to read leads")
                    .into_response()
            }
            Self::Unauthorized => {
                let mut response = ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "the admin token is required: send Authorization: Bearer TOKEN, or Basic \
                     auth with any user name and the token as the password",
                )
                .into_response();
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Basic realm=\"smp-inbox\", charset=\"UTF-8\""),
                );
                response
            }
        }
    }
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = AuthRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = state.admin_token.as_deref();
        let Some(candidate) = credential(parts) else {
            return Err(match token {
                Some(_) => AuthRejection::Unauthorized,
                None => AuthRejection::NotConfigured,
            });
        };
        if token.is_some_and(|t| t.matches(&candidate)) {
            return Ok(Admin {
                scope: Scope::one(DEFAULT_CLINIC),
            });
        }
        // Another clinic's token, found by its hash (the database keeps no token itself).
        match state
            .store
            .clinic_by_token(&crate::clinic::token_sha256(&candidate))
            .await
        {
            Ok(Some(clinic)) => Ok(Admin {
                scope: Scope::one(&clinic),
            }),
            _ if token.is_none() => Err(AuthRejection::NotConfigured),
            _ => Err(AuthRejection::Unauthorized),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    fn parts(authorization: &str) -> Parts {
        Request::get("/admin")
            .header("authorization", authorization)
            .body(())
            .expect("request")
            .into_parts()
            .0
    }

    #[test]
    fn reads_bearer_and_basic_credentials() {
        assert_eq!(
            credential(&parts("Bearer s3cret")),
            Some(b"s3cret".to_vec())
        );
        assert_eq!(
            credential(&parts("bearer  s3cret ")),
            Some(b"s3cret".to_vec())
        );
        // "anyone:pa:ss" → the password is everything after the first colon.
        let basic = base64::engine::general_purpose::STANDARD.encode("anyone:pa:ss");
        assert_eq!(
            credential(&parts(&format!("Basic {basic}"))),
            Some(b"pa:ss".to_vec())
        );
        assert_eq!(credential(&parts("Basic !!!")), None);
        assert_eq!(credential(&parts("Digest x")), None);
        assert_eq!(credential(&parts("Bearer")), None);
    }

    #[test]
    fn compares_tokens() {
        let token = AdminToken::new("correct horse");
        assert!(token.matches(b"correct horse"));
        assert!(!token.matches(b"correct hors"));
        assert!(!token.matches(b""));
        assert!(!format!("{token:?}").contains("horse"));
    }
}
