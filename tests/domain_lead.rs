#![cfg(not(target_arch = "wasm32"))]
//! The lead (DESIGN.md "The lead"): contact validation, the `smp-consult.lead/v1` payload,
//! UTM parameters and the lead id.

use serde_json::json;
use smp_consult::domain::answers::Answers;
use smp_consult::domain::lead::{
    is_email, is_phone, uuid_v4, BestTime, Consent, Contact, Field, FieldError, LeadPayload,
    PageInfo, PreferredContact, Schema, Utm, SCHEMA,
};
use smp_consult::domain::raw::Raw;
use smp_consult::domain::recommend::recommend;

const DESIGN_ANSWERS: &str = r#"{"pattern":"male","stage":"n4","progression":"slow","style":"buzz","hair_colour":"dark_brown","skin_tone":3,"scars":[],"health":[],"age_band":"35_44","hairline":"unsure"}"#;

/// A JSON value as the embed layer hands it to the domain.
fn raw(v: &serde_json::Value) -> Raw {
    use serde_json::Value;
    match v {
        Value::Null => Raw::Null,
        Value::Bool(b) => Raw::Bool(*b),
        Value::Number(n) => Raw::Number(n.as_f64().unwrap()),
        Value::String(s) => Raw::Text(s.clone()),
        Value::Array(items) => Raw::List(items.iter().map(raw).collect()),
        Value::Object(map) => Raw::Object(map.iter().map(|(k, v)| (k.clone(), raw(v))).collect()),
    }
}

fn contact() -> Contact {
    Contact {
        name: "Sam Patel".into(),
        email: "sam@example.com".into(),
        ..Contact::default()
    }
}

#[test]
fn a_complete_form_is_valid() {
    assert_eq!(contact().validate(true), vec![]);
    let full = Contact {
        phone: "+44 20 7946 0958".into(),
        preferred_contact: PreferredContact::Whatsapp,
        best_time: BestTime::Evening,
        message: "Can I come on a Saturday?".into(),
        ..contact()
    };
    assert_eq!(full.validate(true), vec![]);
}

#[test]
fn name_and_email_are_required() {
    for name in ["", "   ", "\t\n"] {
        let c = Contact {
            name: name.into(),
            ..contact()
        };
        assert_eq!(c.validate(true), vec![FieldError::Required(Field::Name)]);
    }
    for email in ["", "  "] {
        let c = Contact {
            email: email.into(),
            ..contact()
        };
        assert_eq!(c.validate(true), vec![FieldError::Required(Field::Email)]);
    }
    assert!(FieldError::Required(Field::Name)
        .to_string()
        .contains("name"));
}

#[test]
fn name_too_long_is_rejected() {
    let c = Contact {
        name: "a".repeat(121),
        ..contact()
    };
    assert_eq!(c.validate(true), vec![FieldError::TooLong(Field::Name)]);
    let c = Contact {
        name: "é".repeat(120),
        ..contact()
    };
    assert_eq!(c.validate(true), vec![]);
}

#[test]
fn bad_emails_are_rejected() {
    for bad in [
        "a@b",
        "a b@c.de",
        "@x.com",
        "x@.com",
        "x@y..com",
        "plain",
        "x@y.c",
        "x@@y.com",
        "x@y@z.com",
        "x@y.com.",
        "x@-y.com",
        "<x@y.com>",
        "x@y,com",
    ] {
        assert!(!is_email(bad), "{bad} should be rejected");
        let c = Contact {
            email: bad.into(),
            ..contact()
        };
        assert_eq!(c.validate(true), vec![FieldError::EmailInvalid], "{bad}");
    }
}

#[test]
fn good_emails_are_accepted() {
    for good in [
        "sam@example.com",
        "first.last+smp@sub.example.co.uk",
        "o'neil@example.ie",
        "x@y.io",
        "ANNA@EXAMPLE.DE",
        "josé@exämple.es",
    ] {
        assert!(is_email(good), "{good} should be accepted");
    }
    // Surrounding spaces are trimmed before checking.
    let c = Contact {
        email: "  sam@example.com  ".into(),
        ..contact()
    };
    assert_eq!(c.validate(true), vec![]);
    assert_eq!(c.trimmed().email, "sam@example.com");
}

#[test]
fn phone_is_optional_unless_it_is_the_preferred_contact() {
    let by_email = Contact {
        preferred_contact: PreferredContact::Email,
        ..contact()
    };
    assert_eq!(by_email.validate(true), vec![]);
    for preferred in [PreferredContact::Phone, PreferredContact::Whatsapp] {
        let c = Contact {
            preferred_contact: preferred,
            ..contact()
        };
        assert_eq!(
            c.validate(true),
            vec![FieldError::PhoneNeeded],
            "{preferred:?}"
        );
        assert_eq!(FieldError::PhoneNeeded.field(), Field::Phone);
        let c = Contact {
            phone: "+44 7700 900123".into(),
            ..c
        };
        assert_eq!(c.validate(true), vec![], "{preferred:?}");
        let c = Contact {
            phone: "   ".into(),
            ..c
        };
        assert_eq!(c.validate(true), vec![FieldError::PhoneNeeded]);
    }
}

#[test]
fn international_phones_are_accepted() {
    for good in [
        "+44 20 7946 0958",
        "+1 (555) 010-9999",
        "020 7946 0958",
        "+49 30 123456",
        "+33.1.23.45.67.89",
        "  +351 912 345 678  ",
        "1234567",
        "+123456789012345",
    ] {
        assert!(is_phone(good), "{good} should be accepted");
        let c = Contact {
            phone: good.into(),
            ..contact()
        };
        assert_eq!(c.validate(true), vec![], "{good}");
    }
}

#[test]
fn bad_phones_are_rejected() {
    for bad in [
        "12ab",
        "123",
        "123456",
        "+",
        "++44 20 7946 0958",
        "1234567890123456",
        "+44 20 7946 0958 ext 2",
        "tel:+442079460958",
        "44/20/7946/0958",
    ] {
        assert!(!is_phone(bad), "{bad} should be rejected");
        let c = Contact {
            phone: bad.into(),
            ..contact()
        };
        assert_eq!(c.validate(true), vec![FieldError::PhoneInvalid], "{bad}");
    }
}

#[test]
fn consent_is_required() {
    assert_eq!(
        contact().validate(false),
        vec![FieldError::Required(Field::Consent)]
    );
}

#[test]
fn message_too_long_is_rejected() {
    let c = Contact {
        message: "x".repeat(2001),
        ..contact()
    };
    assert_eq!(c.validate(true), vec![FieldError::TooLong(Field::Message)]);
    let c = Contact {
        message: "x".repeat(2000),
        ..contact()
    };
    assert_eq!(c.validate(true), vec![]);
}

#[test]
fn errors_come_in_field_order() {
    let c = Contact {
        name: String::new(),
        email: "a@b".into(),
        phone: "12ab".into(),
        preferred_contact: PreferredContact::Phone,
        best_time: BestTime::Morning,
        message: "y".repeat(2001),
    };
    let errors = c.validate(false);
    assert_eq!(
        errors,
        vec![
            FieldError::Required(Field::Name),
            FieldError::EmailInvalid,
            FieldError::PhoneInvalid,
            FieldError::TooLong(Field::Message),
            FieldError::Required(Field::Consent),
        ]
    );
    let fields: Vec<&str> = errors.iter().map(|e| e.field().name()).collect();
    assert_eq!(fields, ["name", "email", "phone", "message", "consent"]);

    let c = Contact {
        name: "Sam".into(),
        email: String::new(),
        phone: String::new(),
        preferred_contact: PreferredContact::Whatsapp,
        ..Contact::default()
    };
    assert_eq!(
        c.validate(false),
        vec![
            FieldError::Required(Field::Email),
            FieldError::PhoneNeeded,
            FieldError::Required(Field::Consent),
        ]
    );
}

fn payload() -> LeadPayload {
    let json: serde_json::Value = serde_json::from_str(DESIGN_ANSWERS).unwrap();
    let answers = Answers::from_raw(&raw(&json)).unwrap();
    let recommendation = recommend(&answers, None).unwrap();
    LeadPayload {
        schema: Schema,
        id: uuid_v4([7; 16]),
        created_at: "2025-01-31T12:00:00Z".into(),
        clinic: "Northline SMP".into(),
        locale: "en".into(),
        contact: Contact {
            phone: "+44 20 7946 0958".into(),
            preferred_contact: PreferredContact::Whatsapp,
            best_time: BestTime::Afternoon,
            message: "Hello".into(),
            ..contact()
        },
        consent: Consent {
            processing: true,
            text: "I agree that Northline SMP processes my answers, including health data, to advise me.".into(),
            marketing: false,
            marketing_text: "Send me offers.".into(),
        },
        answers,
        recommendation,
        photos: vec![],
        page: PageInfo {
            url: "https://clinic.example/consult?utm_source=news%20letter".into(),
            referrer: "https://search.example/".into(),
            utm: Utm::from_query("utm_source=news%20letter&utm_medium=email+x"),
        },
    }
}

#[test]
fn payload_has_the_schema_and_every_top_level_key() {
    let v = serde_json::to_value(payload()).unwrap();
    assert_eq!(SCHEMA, "smp-consult.lead/v1");
    assert_eq!(v["schema"], "smp-consult.lead/v1");
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut expected = vec![
        "schema",
        "id",
        "created_at",
        "clinic",
        "locale",
        "contact",
        "consent",
        "answers",
        "recommendation",
        "photos",
        "page",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);

    assert_eq!(v["id"], "07070707-0707-4707-8707-070707070707");
    assert_eq!(v["clinic"], "Northline SMP");
    assert_eq!(v["locale"], "en");
    assert_eq!(v["photos"], json!([]));
    assert_eq!(
        v["contact"],
        json!({
            "name": "Sam Patel",
            "email": "sam@example.com",
            "phone": "+44 20 7946 0958",
            "preferred_contact": "whatsapp",
            "best_time": "afternoon",
            "message": "Hello"
        })
    );
    assert_eq!(v["consent"]["processing"], true);
    assert_eq!(v["consent"]["marketing"], false);
    assert!(v["consent"]["text"]
        .as_str()
        .unwrap()
        .contains("Northline SMP"));
    assert!(v["consent"].get("marketing_text").is_some());
    let design_answers: serde_json::Value = serde_json::from_str(DESIGN_ANSWERS).unwrap();
    assert_eq!(v["answers"], design_answers);
    assert_eq!(v["recommendation"]["approach"], "buzz_cut");
    assert_eq!(v["recommendation"]["cautions"], json!(["future_loss"]));
    assert_eq!(
        v["page"],
        json!({
            "url": "https://clinic.example/consult?utm_source=news%20letter",
            "referrer": "https://search.example/",
            "utm": {"source": "news letter", "medium": "email x"}
        })
    );
}

#[test]
fn contact_defaults_and_codes() {
    let c = Contact::default();
    assert_eq!(c.phone, "");
    assert_eq!(c.preferred_contact, PreferredContact::Email);
    assert_eq!(c.best_time, BestTime::Any);
    let codes: Vec<_> = PreferredContact::ALL.iter().map(|p| p.code()).collect();
    assert_eq!(codes, ["email", "phone", "whatsapp"]);
    let times: Vec<_> = BestTime::ALL.iter().map(|t| t.code()).collect();
    assert_eq!(times, ["any", "morning", "afternoon", "evening"]);
    for &p in PreferredContact::ALL {
        assert_eq!(serde_json::to_value(p).unwrap(), json!(p.code()));
        assert_eq!(PreferredContact::from_code(p.code()), Some(p));
    }
    assert_eq!(PreferredContact::from_code("fax"), None);
}

#[test]
fn utm_from_query_decodes() {
    let utm = Utm::from_query("utm_source=news%20letter&utm_medium=email+x");
    assert_eq!(utm.source.as_deref(), Some("news letter"));
    assert_eq!(utm.medium.as_deref(), Some("email x"));
    assert_eq!(utm.campaign, None);
    assert_eq!(utm.term, None);
    assert_eq!(utm.content, None);

    let utm = Utm::from_query(
        "?page=2&utm_campaign=spring%2025&utm_term=smp%C3%A9&utm_content=a%2Bb&other=1&utm_source",
    );
    assert_eq!(utm.campaign.as_deref(), Some("spring 25"));
    assert_eq!(utm.term.as_deref(), Some("smpé"));
    assert_eq!(utm.content.as_deref(), Some("a+b"));
    assert_eq!(utm.source, None, "a key without `=` is ignored");

    // Bad escapes are kept as typed.
    let utm = Utm::from_query("utm_source=100%&utm_medium=%zz%4");
    assert_eq!(utm.source.as_deref(), Some("100%"));
    assert_eq!(utm.medium.as_deref(), Some("%zz%4"));

    assert_eq!(Utm::from_query(""), Utm::default());
    assert_eq!(serde_json::to_value(Utm::default()).unwrap(), json!({}));
}

#[test]
fn uuid_v4_sets_version_and_variant() {
    assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    assert_eq!(uuid_v4([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
    let bytes: [u8; 16] = std::array::from_fn(|i| i as u8 * 17);
    assert_eq!(uuid_v4(bytes), "00112233-4455-4677-8899-aabbccddeeff");
}

#[test]
fn field_names_match_the_form_inputs() {
    let names: Vec<_> = [
        Field::Name,
        Field::Email,
        Field::Phone,
        Field::Message,
        Field::Consent,
    ]
    .iter()
    .map(|f| f.name())
    .collect();
    assert_eq!(names, ["name", "email", "phone", "message", "consent"]);
    assert_eq!(FieldError::EmailInvalid.field(), Field::Email);
    assert_eq!(FieldError::PhoneInvalid.field(), Field::Phone);
    assert_eq!(FieldError::TooLong(Field::Message).field(), Field::Message);
}

#[test]
fn the_receiver_reads_the_widget_s_payload_back_and_refuses_what_is_over_a_limit() {
    let sent = serde_json::to_value(payload()).unwrap();
    let back: LeadPayload = serde_json::from_value(sent.clone()).expect("accepted");
    assert_eq!(back, payload());

    let refused = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut v = sent.clone();
        change(&mut v);
        serde_json::from_value::<LeadPayload>(v).expect_err("refused")
    };
    let long = |n: usize| json!("x".repeat(n));
    assert!(refused(&|v| v["contact"]["name"] = long(121))
        .to_string()
        .contains("longer than 120"));
    assert!(refused(&|v| v["contact"]["message"] = long(2001))
        .to_string()
        .contains("longer than 2000"));
    assert!(refused(&|v| v["page"]["url"] = long(2049))
        .to_string()
        .contains("longer than 2048"));
    assert!(refused(&|v| v["page"]["utm"]["source"] = long(201))
        .to_string()
        .contains("longer than 200"));
    assert!(refused(&|v| v["answers"]["health"] = json!(["vampire"]))
        .to_string()
        .contains("unknown variant"));
    assert!(
        refused(&|v| v["recommendation"]["reasons"] = json!(["made_up"]))
            .to_string()
            .contains("unknown variant")
    );
    assert!(refused(&|v| v["junk"] = long(10))
        .to_string()
        .contains("unknown field"));
    assert!(refused(&|v| v["schema"] = json!("smp-consult.lead/v2"))
        .to_string()
        .contains("smp-consult.lead/v1"));
    assert!(refused(&|v| v["consent"]["processing"] = json!(false))
        .to_string()
        .contains("must be true"));
    assert!(refused(&|v| v["contact"]["email"] = json!("sam"))
        .to_string()
        .contains("email address"));
}

#[test]
fn a_page_address_too_long_for_a_lead_is_cut_not_refused() {
    let url = format!("https://clinic.example/?{}", "é".repeat(5000));
    let page = PageInfo::new(
        url,
        "r".repeat(3000),
        Utm::from_query(&format!("utm_source={}", "s".repeat(500))),
    );
    assert_eq!(page.url.chars().count(), 2048);
    assert_eq!(page.referrer.chars().count(), 2048);
    assert_eq!(
        page.utm.source.as_ref().map(|s| s.chars().count()),
        Some(200)
    );
}

/// The lead as the widget writes it (`domain::shape` into `Raw`, then `domain::json`) has
/// exactly the shape serde_json gives it, a provisional recommendation and an outbox-style
/// map included.
#[test]
fn the_widget_s_own_serializer_gives_serde_json_s_shape() {
    use smp_consult::domain::{json, shape};
    fn same<T: serde::Serialize>(value: &T) {
        let ours = json::write(&shape::to_raw(value).expect("a JSON shape"));
        let ours: serde_json::Value = serde_json::from_str(&ours).unwrap();
        assert_eq!(ours, serde_json::to_value(value).unwrap());
    }
    let lead = payload();
    same(&lead);
    same(&lead.answers);
    same(&lead.recommendation);
    same(&Some(3u8));
    same(&None::<u8>);
    same(&std::collections::BTreeMap::from([
        ("a", vec![1, 2]),
        ("b", vec![]),
    ]));
    // Keys that are not text have no JSON shape.
    assert!(shape::to_raw(&std::collections::BTreeMap::from([(1, 2)])).is_none());
}
