//! The limits every lead keeps, and the two checks of a contact, at the bottom of the domain:
//! the widget's form and the receiver's strict reading (`checked`) both use them, so neither
//! imports the other.

use super::address::EmailAddress;

/// The payload's schema name.
pub const SCHEMA: &str = "smp-consult.lead/v1";

// The size of every field of a lead, in characters. The widget's form and configuration keep
// within them; the receiver refuses a lead over any of them (see `checked`).
/// `contact.name`.
pub const NAME_MAX_CHARS: usize = 120;
/// `contact.email` (RFC 5321's limit on a path).
pub const EMAIL_MAX_CHARS: usize = super::address::MAX_EMAIL_CHARS;
/// `contact.phone`: 15 digits (E.164) and the spaces, dots, dashes and brackets people type.
pub const PHONE_MAX_CHARS: usize = 40;
/// `contact.message`.
pub const MESSAGE_MAX_CHARS: usize = 2000;
/// `clinic`, the clinic's name.
pub const CLINIC_MAX_CHARS: usize = 200;
/// `consent.text` and `consent.marketing_text`, the exact wording shown.
pub const CONSENT_TEXT_MAX_CHARS: usize = 4000;
/// `page.url` and `page.referrer`; longer ones are cut by the widget.
pub const URL_MAX_CHARS: usize = 2048;
/// Each UTM parameter; longer ones are cut by the widget.
pub const UTM_MAX_CHARS: usize = 200;
/// `locale`, a BCP 47 tag.
pub const LOCALE_MAX_CHARS: usize = 35;
/// `created_at`, an RFC 3339 time.
pub const CREATED_AT_MAX_CHARS: usize = 40;
/// Any list of codes (scars, health, reasons, cautions…): longer than every code list.
pub const LIST_MAX: usize = 32;

/// At most this many photos per lead: one per slot.
pub const MAX_PHOTOS: usize = 4;
/// A photo's longest side after scaling, in pixels.
pub const MAX_EDGE: u32 = 1600;
/// The receiver's limit for one photo, in bytes of the re-encoded file.
pub const MAX_PHOTO_BYTES: usize = 3 * 1024 * 1024;
/// All photos' `data` together, in base64 characters: keeps the lead under the receiver's
/// 8 MiB body limit with room for the rest of the payload.
pub const MAX_TOTAL_BYTES: usize = 6 * 1024 * 1024;

/// Whether `s` is an email address, by the one set of rules in [`EmailAddress`].
pub fn is_email(s: &str) -> bool {
    EmailAddress::parse(s).is_ok()
}

/// An international phone number: optional leading `+`, then 7–15 digits (E.164),
/// allowing spaces, dots, dashes and brackets as people type them (32 characters at most).
pub fn is_phone(s: &str) -> bool {
    let s = s.trim();
    if s.len() > PHONE_MAX_CHARS {
        return false;
    }
    let body = s.strip_prefix('+').unwrap_or(s);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    body.chars()
        .all(|c| c.is_ascii_digit() || " .-()".contains(c))
        && (7..=15).contains(&digits)
        && s.chars().count() <= 32
}
