//! Scalp photos (DESIGN.md "The lead"): formats by file signature, scaling to at most 1600 px,
//! the limits on a lead's photos, and the JSON the receiver validates.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use smp_consult::domain::answers::{
    AgeBand, Answers, HairColour, Hairline, Pattern, Progression, SkinTone,
};
use smp_consult::domain::lead::{Consent, LeadPayload, Schema};
use smp_consult::domain::photo::{
    base64, fit, with_photo, without, MediaType, Photo, PhotoError, PhotoSlot, MAX_EDGE,
    MAX_TOTAL_BYTES,
};
use smp_consult::domain::recommend::recommend;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).expect("fixture (tests/fixtures/make_fixtures.py)")
}

fn photo(slot: PhotoSlot, data: &str) -> Photo {
    Photo {
        slot,
        media_type: MediaType::Jpeg,
        width: 1200,
        height: 1600,
        data: data.into(),
    }
}

#[test]
fn sniffs_jpeg_and_png_by_signature_only() {
    assert_eq!(
        MediaType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
        Some(MediaType::Jpeg)
    );
    assert_eq!(
        MediaType::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Some(MediaType::Png)
    );
    assert_eq!(MediaType::sniff(b"GIF89a\x01\0\x01\0"), None, "GIF");
    assert_eq!(MediaType::sniff(b"Hello, I am not a photo"), None, "text");
    assert_eq!(MediaType::sniff(&[]), None, "empty file");
    assert_eq!(
        MediaType::sniff(&[0xFF, 0xD8]),
        None,
        "truncated JPEG signature"
    );
    assert_eq!(
        MediaType::sniff(b"\x89PNG\r\n"),
        None,
        "truncated PNG signature"
    );
}

#[test]
fn sniffs_the_committed_fixtures() {
    let head = |name: &str| fixture(name).into_iter().take(16).collect::<Vec<_>>();
    assert_eq!(
        MediaType::sniff(&head("scalp-gps.jpg")),
        Some(MediaType::Jpeg)
    );
    assert_eq!(MediaType::sniff(&head("crown.png")), Some(MediaType::Png));
    assert_eq!(MediaType::sniff(&head("not-an-image.jpg")), None);
}

#[test]
fn fits_the_longest_side_keeping_the_aspect_ratio() {
    assert_eq!(fit(2400, 1800, MAX_EDGE), (1600, 1200), "landscape");
    assert_eq!(
        fit(3024, 4032, MAX_EDGE),
        (1200, 1600),
        "portrait phone photo"
    );
    assert_eq!(fit(4000, 3000, 1600), (1600, 1200));
    assert_eq!(fit(1600, 1600, MAX_EDGE), (1600, 1600), "exactly the limit");
    assert_eq!(
        fit(1600, 900, MAX_EDGE),
        (1600, 900),
        "longest side exactly 1600"
    );
    assert_eq!(
        fit(640, 480, MAX_EDGE),
        (640, 480),
        "a small image is not enlarged"
    );
    assert_eq!(fit(1, 1, MAX_EDGE), (1, 1));
    assert_eq!(fit(10_000, 3, MAX_EDGE), (1600, 1), "never 0 pixels");
    assert_eq!(
        fit(1601, 1067, MAX_EDGE),
        (1600, 1066),
        "rounded to whole pixels"
    );
}

#[test]
fn photo_serialises_to_the_receivers_shape() {
    let photo = photo(PhotoSlot::Front, "/9j/AA==");
    assert_eq!(
        serde_json::to_string(&photo).unwrap(),
        r#"{"slot":"front","media_type":"image/jpeg","width":1200,"height":1600,"data":"/9j/AA=="}"#
    );
    let png = Photo {
        media_type: MediaType::Png,
        slot: PhotoSlot::Sides,
        ..photo
    };
    let v = serde_json::to_value(&png).unwrap();
    assert_eq!(v["media_type"], "image/png");
    assert_eq!(v["slot"], "sides");
}

#[test]
fn slot_codes_are_the_receivers() {
    let codes: Vec<_> = PhotoSlot::ALL.iter().map(|s| s.code()).collect();
    assert_eq!(codes, ["front", "top", "crown", "sides"]);
    for slot in PhotoSlot::ALL {
        assert_eq!(PhotoSlot::from_code(slot.code()), Some(*slot));
        assert_eq!(serde_json::to_value(slot).unwrap(), json!(slot.code()));
    }
    assert_eq!(MediaType::Jpeg.mime(), "image/jpeg");
    assert_eq!(MediaType::Png.mime(), "image/png");
}

#[test]
fn a_photo_replaces_its_slot_and_the_list_stays_in_slot_order() {
    let photos = with_photo(&[], photo(PhotoSlot::Crown, "AAAA")).unwrap();
    let photos = with_photo(&photos, photo(PhotoSlot::Front, "BBBB")).unwrap();
    let photos = with_photo(&photos, photo(PhotoSlot::Crown, "CCCC")).unwrap();
    let summary: Vec<_> = photos.iter().map(|p| (p.slot, p.data.as_str())).collect();
    assert_eq!(
        summary,
        [(PhotoSlot::Front, "BBBB"), (PhotoSlot::Crown, "CCCC")]
    );
    let photos = without(&photos, PhotoSlot::Front);
    assert_eq!(photos.len(), 1);
    assert_eq!(photos[0].slot, PhotoSlot::Crown);
    assert_eq!(
        without(&photos, PhotoSlot::Top),
        photos,
        "emptying an empty slot"
    );
}

#[test]
fn refuses_more_photos_than_the_receiver_takes() {
    let quarter = "A".repeat(MAX_TOTAL_BYTES / 4);
    let mut photos = Vec::new();
    for slot in PhotoSlot::ALL {
        photos = with_photo(&photos, photo(*slot, &quarter)).unwrap();
    }
    assert_eq!(photos.len(), 4, "four photos of a quarter each fit exactly");
    let bigger = "A".repeat(MAX_TOTAL_BYTES / 4 + 4);
    assert_eq!(
        with_photo(&photos, photo(PhotoSlot::Top, &bigger)),
        Err(PhotoError::TotalTooLarge)
    );
    // Replacing a photo counts the new one instead of the old.
    assert!(with_photo(&photos, photo(PhotoSlot::Top, "AAAA")).is_ok());
    // Five photos can only come from a list that already broke the one-per-slot rule.
    let mut broken = photos.clone();
    broken.push(photo(PhotoSlot::Front, "AAAA"));
    assert_eq!(
        with_photo(&broken, photo(PhotoSlot::Sides, "AAAA")),
        Err(PhotoError::TooMany)
    );
}

#[test]
fn base64_is_standard_with_padding() {
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foo"), "Zm9v");
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    assert_eq!(base64(&[0xFF, 0xD8, 0xFF, 0xE0]), "/9j/4A==");
    assert_eq!(base64(&[0xFB, 0xEF, 0xBE]), "++++");
}

#[test]
fn lead_payload_carries_its_photos_under_photos() {
    let answers = Answers {
        pattern: Some(Pattern::Total),
        ..Answers::default()
    };
    let recommendation = recommend(&answers, None).unwrap();
    let payload = LeadPayload {
        schema: Schema,
        id: "07070707-0707-4707-8707-070707070707".into(),
        created_at: "2025-01-01T00:00:00.000Z".into(),
        clinic: "Northline SMP".into(),
        locale: "en".into(),
        contact: Default::default(),
        consent: Consent {
            processing: true,
            text: "I agree.".into(),
            marketing: false,
            marketing_text: "Offers.".into(),
        },
        answers,
        recommendation,
        photos: vec![photo(PhotoSlot::Crown, "/9j/AA==")],
        page: Default::default(),
    };
    let v = serde_json::to_value(&payload).unwrap();
    assert_eq!(
        v["photos"],
        json!([{"slot": "crown", "media_type": "image/jpeg", "width": 1200, "height": 1600, "data": "/9j/AA=="}])
    );
}

/// The lead form rendered on the server, in `locale`, for a total-loss visitor.
async fn lead_form(locale: smp_consult::i18n::Locale) -> String {
    use smp_consult::ui::state::{Saved, Screen};
    let props = smp_consult::ui::AppProps {
        config: std::rc::Rc::new(smp_consult::domain::config::ClinicConfig {
            clinic: "Northline SMP".into(),
            endpoint: Some("https://example.test/leads".into()),
            ..Default::default()
        }),
        locale,
        restored: Some(Saved {
            answers: Answers {
                pattern: Some(Pattern::Total),
                progression: Some(Progression::Stable),
                hair_colour: Some(HairColour::Black),
                skin_tone: SkinTone::new(3),
                scars: Some(vec![]),
                health: Some(vec![]),
                age_band: Some(AgeBand::From25To34),
                hairline: Some(Hairline::Defined),
                ..Answers::default()
            },
            screen: Some(Screen::Lead),
            ..Saved::default()
        }),
        onsave: Default::default(),
        onevent: smp_consult::ui::no_listener(),
    };
    yew::LocalServerRenderer::<smp_consult::ui::App>::with_props(props)
        .render()
        .await
}

#[tokio::test]
async fn lead_form_offers_four_labelled_optional_photo_slots() {
    let html = lead_form(smp_consult::i18n::Locale::En).await;
    for (code, label) in [
        ("front", "Front"),
        ("top", "Top"),
        ("crown", "Crown"),
        ("sides", "Sides"),
    ] {
        let input = html
            .split("<input")
            .map(|t| &t[..t.find('>').unwrap_or(t.len())])
            .find(|t| t.contains(&format!(r#"name="photo_{code}""#)))
            .unwrap_or_else(|| panic!("no photo_{code} input: {html}"));
        assert!(input.contains(r#"type="file""#), "{input}");
        assert!(
            input.contains(r#"accept="image/jpeg,image/png""#),
            "{input}"
        );
        assert!(
            input.contains(&format!(r#"id="smp-photo-{code}""#)),
            "{input}"
        );
        assert!(
            html.contains(&format!(r#"<label for="smp-photo-{code}">{label}</label>"#)),
            "visible label for {code}"
        );
    }
    assert!(html.contains("Photos of your scalp"));
    assert!(html.contains("Optional"));
    assert!(html.contains("Your photos go only to Northline SMP"));
    assert!(
        !html.contains("<img"),
        "no thumbnails before a photo is chosen"
    );
    assert!(
        !html.contains("style="),
        "no inline styles under a strict CSP"
    );
    // The photos sit inside the form's fieldset, after the message and before consent.
    let (message, photos, consent) = (
        html.find(r#"name="message""#).unwrap(),
        html.find(r#"name="photo_front""#).unwrap(),
        html.find(r#"name="consent""#).unwrap(),
    );
    assert!(message < photos && photos < consent);
}

#[tokio::test]
async fn photo_slots_speak_spanish() {
    let html = lead_form(smp_consult::i18n::Locale::Es).await;
    assert!(html.contains("Fotos de tu cuero cabelludo"), "{html}");
    assert!(html.contains(r#"<label for="smp-photo-crown">Coronilla</label>"#));
    assert!(html.contains("Tus fotos solo llegan a Northline SMP"));
}
