//! Scalp photos (DESIGN.md "The lead"): formats by file signature, scaling to at most 1600 px,
//! the limits on a lead's photos, and the JSON the receiver validates.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use smp_consult::domain::answers::{
    AgeBand, Answers, HairColour, Hairline, Pattern, Progression, SkinTone,
};
use smp_consult::domain::lead::{Consent, LeadPayload, Schema};
use smp_consult::domain::photo::{
    base64, fit, probe_jpeg_at, probe_size, with_photo, without, ImageSize, MediaType, Photo,
    PhotoError, PhotoSlot, SizeProbe, MAX_EDGE, MAX_PIXELS, MAX_TOTAL_BYTES,
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

// ---------------------------------------------------------------------------------------------
// The image size from the header, before anything decodes the file (issue 13: a 389 KB PNG
// declaring 20000×20000 froze the tab and took 2 GB).

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// A PNG's signature and IHDR chunk (CRC left as zeros: the size is read before any check).
fn png_head(width: u32, height: u32) -> Vec<u8> {
    let mut v = PNG_SIGNATURE.to_vec();
    v.extend(13u32.to_be_bytes());
    v.extend(b"IHDR");
    v.extend(width.to_be_bytes());
    v.extend(height.to_be_bytes());
    v.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    v
}

/// A JPEG marker segment: FF, code, big-endian length (itself included), body.
fn segment(code: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![0xFF, code];
    v.extend(((body.len() + 2) as u16).to_be_bytes());
    v.extend(body);
    v
}

/// A frame header body: precision 8, height, width, one component.
fn frame(width: u16, height: u16) -> Vec<u8> {
    let mut v = vec![8];
    v.extend(height.to_be_bytes());
    v.extend(width.to_be_bytes());
    v.extend([1, 1, 0x11, 0]);
    v
}

/// SOI, a JFIF APP0, a quantisation table, a Huffman table (DHT, C4, in the SOF range but no
/// frame), the frame (`sof` code), a scan.
fn jpeg(sof: u8, width: u16, height: u16) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8];
    v.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
    v.extend(segment(0xDB, &[0; 65]));
    v.extend(segment(0xC4, &[0; 17]));
    v.extend(segment(sof, &frame(width, height)));
    v.extend(segment(0xDA, &[1, 1, 0, 0, 63, 0]));
    v.extend([0; 32]);
    v.extend([0xFF, 0xD9]);
    v
}

fn size(width: u32, height: u32) -> SizeProbe {
    SizeProbe::Known(ImageSize { width, height })
}

#[test]
fn reads_a_png_size_from_its_ihdr_chunk() {
    assert_eq!(probe_size(&png_head(900, 1200)), size(900, 1200));
    assert_eq!(
        probe_size(&png_head(20_000, 20_000)),
        size(20_000, 20_000),
        "the pixel bomb"
    );
    assert_eq!(probe_size(&fixture("crown.png")), size(900, 1200));
    // Cut anywhere before the height ends: not known yet.
    let head = png_head(900, 1200);
    for end in 0..24 {
        assert_eq!(
            probe_size(&head[..end]),
            SizeProbe::Truncated,
            "{end} bytes"
        );
    }
}

#[test]
fn refuses_a_png_whose_first_chunk_is_not_a_sound_ihdr() {
    let mut wrong_type = png_head(10, 10);
    wrong_type[12..16].copy_from_slice(b"iCCP");
    let mut wrong_length = png_head(10, 10);
    wrong_length[11] = 14;
    for (head, why) in [
        (
            wrong_type,
            "IHDR is not the first chunk (Apple's CgBI files, or a crafted one)",
        ),
        (wrong_length, "IHDR of the wrong length"),
        (png_head(0, 10), "no width"),
        (png_head(10, 0), "no height"),
        (png_head(1 << 31, 10), "width past 2^31 - 1"),
        (png_head(10, u32::MAX), "height past 2^31 - 1"),
    ] {
        assert_eq!(probe_size(&head), SizeProbe::Malformed, "{why}");
    }
}

#[test]
fn reads_a_jpeg_size_from_its_baseline_or_progressive_frame_header() {
    assert_eq!(
        probe_size(&jpeg(0xC0, 2400, 1800)),
        size(2400, 1800),
        "SOF0"
    );
    assert_eq!(probe_size(&jpeg(0xC2, 640, 480)), size(640, 480), "SOF2");
    assert_eq!(probe_size(&jpeg(0xC1, 7, 9)), size(7, 9), "SOF1");
    assert_eq!(
        probe_size(&jpeg(0xC0, 65_535, 65_535)),
        size(65_535, 65_535),
        "the largest a JPEG can declare"
    );
    // The fixtures: a camera JPEG with EXIF and GPS before its frame, and a turned one (the
    // header gives the size as stored; EXIF says to turn it).
    assert_eq!(probe_size(&fixture("scalp-gps.jpg")), size(2400, 1800));
    assert_eq!(probe_size(&fixture("rotated.jpg")), size(600, 400));
    // Fill bytes before a marker, and a restart marker with no length, are walked past.
    let mut padded = vec![0xFF, 0xD8, 0xFF, 0xFF, 0xFF];
    padded.extend(&jpeg(0xC0, 30, 20)[3..]);
    assert_eq!(probe_size(&padded), size(30, 20));
    let mut restart = vec![0xFF, 0xD8, 0xFF, 0xD0];
    restart.extend(&jpeg(0xC2, 30, 20)[2..]);
    assert_eq!(probe_size(&restart), size(30, 20));
}

#[test]
fn skips_large_jpeg_segments_by_reading_on_from_the_next_marker() {
    // 200 KB of XMP (three full APP1 segments) before the frame header: the first 64 KiB say
    // where to read on, and each window from there walks on until the frame.
    let mut file = vec![0xFF, 0xD8];
    for _ in 0..3 {
        file.extend(segment(0xE1, &[b'x'; 65_533]));
    }
    let frame_at = file.len();
    file.extend(&jpeg(0xC2, 8064, 6048)[2..]);
    let window = |from: usize| &file[from..(from + 65_536).min(file.len())];
    let mut probe = probe_size(window(0));
    let mut reads = 1;
    while let SizeProbe::ReadAt(at) = probe {
        probe = probe_jpeg_at(window(at as usize), at);
        reads += 1;
        assert!(reads < 10, "walks forward");
    }
    assert_eq!(probe, size(8064, 6048));
    assert_eq!(reads, 4, "one read per 64 KiB segment, then the frame");
    assert_eq!(probe_size(&file[..100]), SizeProbe::ReadAt(2 + 2 + 65_535));
    assert!(frame_at > 65_536 * 3);
}

#[test]
fn a_truncated_or_malicious_jpeg_header_is_never_taken_for_a_size() {
    let whole = jpeg(0xC0, 640, 480);
    let frame_ends = whole
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("has SOF0")
        + 9;
    // Cut before the frame's width ends: the file ends before the size is known.
    for end in 3..frame_ends {
        assert!(
            matches!(
                probe_size(&whole[..end]),
                SizeProbe::Truncated | SizeProbe::ReadAt(_)
            ),
            "{end} bytes: {:?}",
            probe_size(&whole[..end])
        );
        if let SizeProbe::ReadAt(at) = probe_size(&whole[..end]) {
            // Reading on from there (or past the end), the file is over.
            let rest = whole.get(at as usize..end).unwrap_or(&[]);
            assert_eq!(probe_jpeg_at(rest, at), SizeProbe::Truncated, "{end} bytes");
        }
    }
    assert_eq!(probe_size(&whole[..frame_ends]), size(640, 480));

    let soi = |rest: &[u8]| [&[0xFF, 0xD8][..], rest].concat();
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (soi(&segment(0xC0, &frame(0, 480))), "no width"),
        (
            soi(&segment(0xC0, &frame(640, 0))),
            "height 0 (size given later in a DNL marker)",
        ),
        (soi(&segment(0xC0, &[8, 1, 0])), "a frame header too short"),
        (
            soi(&segment(0xDA, &[1, 1, 0, 0, 63, 0])),
            "a scan before any frame",
        ),
        (soi(&[0xFF, 0xD9]), "the end before any frame"),
        (soi(&[0xFF, 0xD8, 0xFF, 0xC0]), "a second start of image"),
        (
            soi(&[segment(0xE0, b"JFIF\0"), vec![0x12, 0x34, 0xFF, 0xC0]].concat()),
            "data where a marker must be",
        ),
        (soi(&[0xFF, 0xE0, 0x00, 0x01]), "a segment length below 2"),
        (soi(&[0xFF, 0x00]), "a stuffed zero where a marker must be"),
    ];
    for (bytes, why) in cases {
        assert_eq!(probe_size(&bytes), SizeProbe::Malformed, "{why}");
    }
    // A segment length pointing past the end: read on, and the file is over.
    let mut short = soi(&segment(0xE1, b"Exif"));
    short[5] = 0xFF;
    assert_eq!(probe_size(&short), SizeProbe::ReadAt(2 + 2 + 0xFF));
    assert_eq!(probe_jpeg_at(&[], 2 + 2 + 0xFF), SizeProbe::Truncated);
    // Not a JPEG or PNG at all.
    assert_eq!(probe_size(b"GIF89a\x01\0\x01\0"), SizeProbe::Malformed);
    assert_eq!(probe_size(b"GIF"), SizeProbe::Truncated);
}

#[test]
fn the_pixel_limit_keeps_phone_photos_and_refuses_bombs() {
    let ok = |width, height| ImageSize { width, height }.within_limit();
    assert_eq!(MAX_PIXELS, 50_000_000);
    assert!(ok(4032, 3024).is_ok(), "12 MP phone photo");
    assert!(ok(8064, 6048).is_ok(), "48 MP phone photo");
    assert!(ok(6120, 8160).is_ok(), "50 MP phone photo, upright");
    assert!(ok(10_000, 5_000).is_ok(), "exactly the limit");
    assert_eq!(ok(10_000, 5_001), Err(PhotoError::TooManyPixels));
    assert_eq!(
        ok(20_000, 20_000),
        Err(PhotoError::TooManyPixels),
        "the issue's bomb"
    );
    assert_eq!(
        ok(65_535, 65_535),
        Err(PhotoError::TooManyPixels),
        "no overflow"
    );
    assert_eq!(ok(0, 10), Err(PhotoError::CouldNotRead));
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
            endpoint: Some("https://example.test/leads".parse().unwrap()),
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
    assert!(html.contains("Your photos go only to <bdi>Northline SMP</bdi>"));
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
    assert!(html.contains("Tus fotos solo llegan a <bdi>Northline SMP</bdi>"));
}
