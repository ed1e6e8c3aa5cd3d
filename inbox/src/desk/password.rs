//! Desk passwords: Argon2id with the `argon2` crate's recommended parameters, stored as PHC
//! strings (algorithm, parameters and salt travel with the hash, so they can be raised later
//! without breaking old hashes).

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// The shortest password `smp-inbox user add` accepts.
pub const MIN_LENGTH: usize = 12;

/// Why a password cannot be used or hashed.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    /// Too short to resist guessing.
    #[error("the password must be at least {MIN_LENGTH} characters long")]
    TooShort,
    /// The OS gave no randomness for the salt.
    #[error("could not get random bytes from the system: {0}")]
    Random(getrandom::Error),
    /// The hashing library failed.
    #[error("could not hash the password: {0}")]
    Hash(argon2::password_hash::Error),
}

/// Hashes a password for storage. Takes tens of milliseconds on purpose: call it off the
/// async runtime.
pub fn hash(password: &str) -> Result<String, PasswordError> {
    if password.chars().count() < MIN_LENGTH {
        return Err(PasswordError::TooShort);
    }
    hash_any(password)
}

fn hash_any(password: &str) -> Result<String, PasswordError> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(PasswordError::Random)?;
    let salt = SaltString::encode_b64(&salt).map_err(PasswordError::Hash)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(PasswordError::Hash)
}

/// Whether `password` matches the stored `hash`. A malformed hash matches nothing.
pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Verifies against a throwaway hash, so that a login with an unknown user name costs as
/// much time as one with a known name and a wrong password (no user enumeration by timing).
pub fn verify_nobody(password: &str) {
    static NOBODY: LazyLock<String> =
        LazyLock::new(|| hash_any("no user has this password").unwrap_or_default());
    let _ = verify(password, &NOBODY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let a = hash("correct horse battery").expect("hash");
        let b = hash("correct horse battery").expect("hash");
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b);
        assert!(verify("correct horse battery", &a));
        assert!(!verify("correct horse batterY", &a));
        assert!(!verify("anything", "not a hash"));
        assert!(matches!(hash("short"), Err(PasswordError::TooShort)));
    }
}
