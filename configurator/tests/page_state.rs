//! The page's state (pure reducer) and the test lead's content and verdicts.

use std::rc::Rc;

use smp_configurator::app::{Action, Destination, Model};
use smp_configurator::draft::{Draft, Setting};
use smp_configurator::samples::samples;
use smp_configurator::test_lead::{lead, Outcome, Target};
use smp_consult::domain::address::WebUrl;
use smp_consult::domain::config::{ClinicConfig, EndpointMode, PriceTable};
use smp_consult::domain::lead::{is_email, LeadPayload};
use yew::Reducible;

fn act(model: Model, action: Action) -> Model {
    (*Rc::new(model).reduce(action)).clone()
}

#[test]
fn the_inbox_is_typed_as_its_address_and_leads_go_to_its_v1_leads() {
    let mut m = Model::new(Draft::default());
    assert_eq!(m.destination, Destination::Nowhere);
    m = act(m, Action::Destination(Destination::Inbox));
    m = act(
        m,
        Action::InboxAddress("https://leads.clinic.example/".into()),
    );
    assert_eq!(
        m.draft.get(Setting::Endpoint),
        "https://leads.clinic.example/v1/leads"
    );
    assert_eq!(
        m.inbox_address, "https://leads.clinic.example/",
        "kept as typed"
    );
    // A webhook is its own address; "nowhere" clears it.
    m = act(m, Action::Destination(Destination::Webhook));
    assert_eq!(
        m.draft.get(Setting::Endpoint),
        "",
        "an inbox address is not a webhook's"
    );
    m = act(
        m,
        Action::Set(Setting::Endpoint, "https://hooks.example/x".into()),
    );
    m = act(m, Action::Destination(Destination::Nowhere));
    assert_eq!(m.draft.get(Setting::Endpoint), "");
    // Back from a paste: the inbox is recognised by its path.
    let mut d = Draft::default();
    d.set(Setting::Endpoint, "https://in.example/v1/leads");
    let loaded = Model::new(d);
    assert_eq!(loaded.destination, Destination::Inbox);
    assert_eq!(loaded.inbox_address, "https://in.example");
}

#[test]
fn a_clinic_on_an_agencys_inbox_gets_its_own_endpoint() {
    let mut m = Model::new(Draft::default());
    m = act(m, Action::Destination(Destination::Inbox));
    m = act(
        m,
        Action::InboxAddress("https://leads.agency.example".into()),
    );
    m = act(m, Action::InboxClinic(" Northline ".into()));
    assert_eq!(
        m.draft.get(Setting::Endpoint),
        "https://leads.agency.example/v1/clinics/northline/leads"
    );
    // The address typed after the id keeps the id.
    m = act(m, Action::InboxAddress("https://in.agency.example/".into()));
    assert_eq!(
        m.draft.get(Setting::Endpoint),
        "https://in.agency.example/v1/clinics/northline/leads"
    );
    // No id: the clinic's own inbox.
    m = act(m, Action::InboxClinic(String::new()));
    assert_eq!(
        m.draft.get(Setting::Endpoint),
        "https://in.agency.example/v1/leads"
    );
    // A pasted configuration with a clinic endpoint is recognised.
    let mut d = Draft::default();
    d.set(
        Setting::Endpoint,
        "https://in.example/v1/clinics/north-2/leads",
    );
    let loaded = Model::new(d);
    assert_eq!(loaded.destination, Destination::Inbox);
    assert_eq!(loaded.inbox_address, "https://in.example");
    assert_eq!(loaded.inbox_clinic, "north-2");
    // Anything else is a webhook.
    let mut d = Draft::default();
    d.set(
        Setting::Endpoint,
        "https://hooks.example/v1/clinics/A B/leads",
    );
    assert_eq!(Model::new(d).destination, Destination::Webhook);
}

#[test]
fn hubspot_off_forgets_its_settings_and_example_prices_fill_only_empty_rows() {
    let mut m = Model::new(Draft::default());
    m = act(m, Action::HubSpot(true));
    m = act(m, Action::Set(Setting::HubspotPortal, "123".into()));
    m = act(m, Action::HubSpot(false));
    assert_eq!(m.draft.get(Setting::HubspotPortal), "");
    assert!(!m.draft.snippet().json_text().contains("hubspot"));

    m = act(m, Action::Set(Setting::Lang, "de".into()));
    m = act(
        m,
        Action::Price {
            index: 0,
            max: false,
            value: "1".into(),
        },
    );
    m = act(
        m,
        Action::Price {
            index: 0,
            max: true,
            value: "2".into(),
        },
    );
    m = act(m, Action::ExamplePrices);
    assert_eq!(
        m.draft.get(Setting::Currency),
        "EUR",
        "a German-speaking clinic: euros"
    );
    assert_eq!(
        (
            m.draft.prices[0].min.as_str(),
            m.draft.prices[0].max.as_str()
        ),
        ("1", "2")
    );
    assert!(m
        .draft
        .prices
        .iter()
        .all(|c| !c.min.is_empty() && !c.max.is_empty()));
    assert!(
        m.problems.is_empty()
            || m.problems
                .iter()
                .all(|p| p.to_string().contains("`clinic`"))
    );
}

#[test]
fn problems_show_once_a_field_is_left_or_came_filled_in() {
    let mut m = Model::new(Draft::default());
    m = act(m, Action::Set(Setting::Accent, "teal".into()));
    assert!(!m.shown.contains(&"accent".to_string()), "not while typing");
    assert!(
        m.problems.iter().any(|p| Setting::Accent.owns(p)),
        "but known"
    );
    m = act(m, Action::Show("accent".into()));
    assert!(m.shown.contains(&"accent".to_string()));
    let pasted = Model::new(m.draft.clone());
    assert!(
        pasted.shown.contains(&"accent".to_string()),
        "a pasted value shows its problem at once"
    );
}

#[test]
fn the_test_lead_is_a_valid_lead_that_says_it_is_a_test() {
    let config = ClinicConfig {
        clinic: "Northline SMP".into(),
        endpoint: WebUrl::parse("https://leads.example/v1/leads").ok(),
        prices: Some(PriceTable {
            currency: "GBP".into(),
            entries: vec![(samples()[0].approach, samples()[0].extent, [400, 850])],
        }),
        ..ClinicConfig::default()
    };
    let lead = lead(
        &config,
        "en",
        "9b2f0c1e-1111-4222-8333-444455556666".into(),
        "2026-12-02T10:00:00.000Z".into(),
        "https://cdn.example/configure/".into(),
        samples()[0].answers.clone(),
    )
    .unwrap();
    // The receiver (the inbox) reads it back with the lead's strict rules, limits included.
    let sent = serde_json::to_string(&lead).unwrap();
    assert!(sent.contains("\"schema\":\"smp-consult.lead/v1\""));
    let received: LeadPayload = serde_json::from_str(&sent).expect("a lead the receiver takes");
    assert_eq!(received, lead);
    assert_eq!(lead.clinic, "Northline SMP");
    assert!(lead.contact.name.contains("Test lead"));
    assert!(is_email(&lead.contact.email));
    assert!(lead.consent.processing && lead.consent.text.contains("Test lead"));
    let price = lead.recommendation.price.unwrap();
    assert_eq!((price.min, price.max), (400, 850), "the clinic's own price");
    assert_eq!(
        Target::all(&config),
        [Target::Endpoint {
            url: WebUrl::parse("https://leads.example/v1/leads").unwrap(),
            mode: EndpointMode::Json
        }]
    );
}

#[test]
fn an_answer_is_read_as_the_widget_reads_it() {
    assert_eq!(
        Outcome::from_status(201, String::new()),
        Outcome::Delivered { status: 201 }
    );
    assert_eq!(
        Outcome::from_status(409, String::new()),
        Outcome::Delivered { status: 409 }
    );
    assert!(matches!(
        Outcome::from_status(422, "x".into()),
        Outcome::Refused { status: 422, .. }
    ));
    assert!(matches!(
        Outcome::from_status(403, String::new()),
        Outcome::Refused { .. }
    ));
    for status in [408, 429, 500, 503] {
        assert!(matches!(
            Outcome::from_status(status, String::new()),
            Outcome::Struggling { .. }
        ));
    }
}
