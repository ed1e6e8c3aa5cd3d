//! The lead form: contact details and consent, validated with clear messages, then sent
//! through `delivery`. The visitor always sees the truth about where the lead is.

use std::rc::Rc;

use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::photos::PhotoPicker;
use super::question::use_focus_on_arrival;
use super::state::use_consultation;
use super::WidgetEvent;
use crate::delivery::{self, DeliveryError, Progress};
use crate::domain::config::Optional;
use crate::domain::lead::{
    BestTime, Consent, Contact, Field, FieldError, LeadPayload, PreferredContact, Schema,
    MIN_FILL_MS,
};
use crate::domain::photo::Photo;
use crate::domain::recommend::recommend;
use crate::embed::page;
use crate::i18n::Strings;

/// Where the lead is.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Status {
    #[default]
    Editing,
    /// Attempt number `n` is under way while the visitor waits.
    Sending(u32),
    /// Not delivered yet, retried automatically; `saved` if it survives the tab closing.
    Waiting {
        saved: bool,
    },
    Failed(DeliveryError),
}

/// Everything the form holds, in one reducer (one hook, not seven).
#[derive(Clone, Default, PartialEq)]
struct Form {
    contact: Contact,
    consent: bool,
    marketing: bool,
    /// The hidden field only bots fill in.
    honeypot: String,
    /// Scalp photos, shared (not copied) by each state: they can be megabytes.
    photos: Rc<Vec<Photo>>,
    errors: Vec<FieldError>,
    status: Status,
    /// The lead, made once on the first valid submit: every retry sends the same id and body.
    lead: Option<(Rc<LeadPayload>, String)>,
}

enum FormAction {
    Edit(fn(&mut Contact, String), String),
    Consent(bool),
    Marketing(bool),
    Honeypot(String),
    Photos(Vec<Photo>),
    Errors(Vec<FieldError>),
    Status(Status),
    Made(Rc<LeadPayload>, String),
}

impl Reducible for Form {
    type Action = FormAction;
    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FormAction::Edit(apply, value) => apply(&mut next.contact, value),
            FormAction::Consent(on) => next.consent = on,
            FormAction::Marketing(on) => next.marketing = on,
            FormAction::Honeypot(value) => next.honeypot = value,
            FormAction::Photos(photos) => next.photos = Rc::new(photos),
            FormAction::Errors(errors) => next.errors = errors,
            FormAction::Status(status) => next.status = status,
            FormAction::Made(lead, body) => next.lead = Some((lead, body)),
        }
        Rc::new(next)
    }
}

#[derive(Properties, PartialEq)]
pub struct LeadFormProps {
    /// Tells the host page about the lead (`smp-consult:lead`).
    #[prop_or_else(super::no_listener)]
    pub onevent: Callback<WidgetEvent, bool>,
}

#[function_component]
pub fn LeadForm(props: &LeadFormProps) -> Html {
    let consultation = use_consultation();
    let widget = consultation.widget().clone();
    let t = widget.t();
    let heading = use_node_ref();
    let summary = use_node_ref();
    use_focus_on_arrival(heading.clone(), consultation.state().moved);

    let form = use_reducer(Form::default);
    let clinic = widget.config.clinic.clone();
    let consent_text = widget.config.consent_wording(t.consent_text);
    let shows = |part: Optional| widget.config.shows(part);
    let marketing_text = (t.marketing_text)(&clinic);

    // One handler for every text field: reads the input's value, applies `apply`.
    let edit = |apply: fn(&mut Contact, String)| {
        let form = form.dispatcher();
        Callback::from(move |e: InputEvent| {
            let value = match e.target_dyn_into::<HtmlTextAreaElement>() {
                Some(area) => area.value(),
                None => e.target_unchecked_into::<HtmlInputElement>().value(),
            };
            form.dispatch(FormAction::Edit(apply, value));
        })
    };
    let onbesttime = {
        let form = form.dispatcher();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            form.dispatch(FormAction::Edit(
                |c, v| c.best_time = BestTime::from_code(&v).unwrap_or_default(),
                value,
            ));
        })
    };
    let tick = |action: fn(bool) -> FormAction| {
        let form = form.dispatcher();
        Callback::from(move |e: Event| {
            form.dispatch(action(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ))
        })
    };
    let onhoneypot = {
        let form = form.dispatcher();
        Callback::from(move |e: InputEvent| {
            form.dispatch(FormAction::Honeypot(
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        })
    };

    // Reports a lead's delivery progress into the form's status.
    let listen = {
        let form = form.dispatcher();
        let consultation = consultation.clone();
        let onevent = props.onevent.clone();
        move |name: String| {
            let form = form.clone();
            let consultation = consultation.clone();
            let onevent = onevent.clone();
            move |progress: Progress| match progress {
                Progress::Attempting(n) if delivery::visitor_waits(n - 1) => {
                    form.dispatch(FormAction::Status(Status::Sending(n)))
                }
                Progress::Attempting(_) => {}
                Progress::Waiting { attempts, .. } if delivery::visitor_waits(attempts) => {
                    form.dispatch(FormAction::Status(Status::Sending(attempts + 1)))
                }
                Progress::Waiting { saved, .. } => {
                    form.dispatch(FormAction::Status(Status::Waiting { saved }))
                }
                Progress::Delivered => consultation.delivered(name.clone()),
                Progress::Rejected(status) => {
                    onevent.emit(WidgetEvent::Rejected(status));
                    form.dispatch(FormAction::Status(Status::Failed(DeliveryError::Rejected(
                        status,
                    ))))
                }
            }
        }
    };

    // A lead sent before a reload is still in the outbox: follow it, or it has arrived.
    {
        let form = form.dispatcher();
        let consultation = consultation.clone();
        let listen = listen.clone();
        use_effect_with((), move |_| {
            if let Some((id, name)) = consultation.state().pending_lead.clone() {
                if delivery::is_pending(&id) {
                    form.dispatch(FormAction::Status(Status::Waiting { saved: true }));
                    delivery::watch(&id, listen(name));
                } else {
                    consultation.delivered(name);
                }
            }
        });
    }

    // Sends a lead (already made) through the outbox, to every configured target.
    let send = {
        let form = form.dispatcher();
        let consultation = consultation.clone();
        let config = widget.config.clone();
        let onevent = props.onevent.clone();
        move |payload: Rc<LeadPayload>, body: String| {
            let handled = onevent.emit(WidgetEvent::Lead(payload.clone()));
            let name = first_name(&payload.contact.name);
            if !delivery::has_targets(&config) {
                // The lead event is then the only delivery: done only if the page took it.
                if handled {
                    consultation.delivered(name);
                } else {
                    form.dispatch(FormAction::Status(Status::Failed(
                        DeliveryError::NoEndpoint,
                    )));
                }
                return;
            }
            consultation.lead_made(payload.id.clone(), name.clone());
            form.dispatch(FormAction::Status(Status::Sending(1)));
            delivery::submit(&config, &payload, &body, listen(name));
        }
    };

    let onsubmit = {
        let form = form.clone();
        let summary = summary.clone();
        let consultation = consultation.clone();
        let widget = widget.clone();
        let (consent_text, marketing_text) = (consent_text.clone(), marketing_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // A lead already made is only ever retried, never made again (same id).
            if let Some(id) = form
                .lead
                .as_ref()
                .map(|(p, _)| p.id.clone())
                .or_else(|| consultation.state().pending_lead.clone().map(|(id, _)| id))
            {
                form.dispatch(FormAction::Status(Status::Sending(1)));
                delivery::retry_now(&id);
                return;
            }
            // Mistakes are shown first, whatever the clock says: a quick visitor pressing Send on
            // an empty form needs the errors, not a fake thank-you.
            let problems = form.contact.validate(form.consent);
            if !problems.is_empty() {
                form.dispatch(FormAction::Errors(problems));
                if let Some(el) = summary.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
                return;
            }
            if !form.honeypot.is_empty()
                || !consultation.took_at_least(js_sys::Date::now(), MIN_FILL_MS)
            {
                // A bot (hidden field filled, or faster than a person): show success, send nothing.
                consultation.delivered(first_name(&form.contact.name));
                return;
            }
            form.dispatch(FormAction::Errors(Vec::new()));
            let answers = consultation.state().answers.clone();
            let Ok(recommendation) = recommend(&answers, widget.config.prices.as_ref()) else {
                consultation.restart();
                return;
            };
            let payload = Rc::new(LeadPayload {
                schema: Schema,
                id: page::random_id(),
                created_at: page::now_iso(),
                clinic: widget.config.clinic.clone(),
                locale: widget.locale.code().into(),
                contact: form.contact.trimmed(),
                consent: Consent {
                    processing: true,
                    text: consent_text.clone(),
                    marketing: form.marketing,
                    marketing_text: marketing_text.clone(),
                },
                answers,
                recommendation,
                photos: form.photos.to_vec(),
                page: page::page_info(),
            });
            let body = page::to_json(&*payload).unwrap_or_default();
            form.dispatch(FormAction::Made(payload.clone(), body.clone()));
            send(payload, body);
        })
    };
    let onback = {
        let consultation = consultation.clone();
        Callback::from(move |_: MouseEvent| consultation.back())
    };

    let error_for = |field: Field| form.errors.iter().find(|e| e.field() == field).copied();
    let restored = form.lead.is_none() && consultation.state().pending_lead.is_some();
    let locked = form.lead.is_some() || restored;
    let busy = matches!(form.status, Status::Sending(_));
    let text_field = |field: Field,
                      kind: &'static str,
                      autocomplete: &'static str,
                      label: &'static str,
                      hint: &'static str,
                      value: String,
                      oninput: Callback<InputEvent>,
                      required: bool| {
        let id = format!("smp-{}", field.name());
        let error = error_for(field);
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let described = [
            (!hint.is_empty()).then_some(hint_id.as_str()),
            error.map(|_| error_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        html! {
            <div class={classes!("field", error.map(|_| "has-error"))}>
                <label for={id.clone()}>{ label }</label>
                if !hint.is_empty() {
                    <p class="hint" id={hint_id.clone()}>{ hint }</p>
                }
                <input id={id} name={field.name()} type={kind} autocomplete={autocomplete} {value} {oninput} {required}
                    aria-invalid={error.map(|_| "true")} aria-describedby={(!described.is_empty()).then_some(described)} />
                if let Some(e) = error {
                    <p class="field-error" id={error_id}>{ (t.field_error)(e) }</p>
                }
            </div>
        }
    };

    let consent_error = error_for(Field::Consent);
    let status_message = match form.status {
        Status::Editing => None,
        Status::Sending(1) => Some(t.sending),
        Status::Sending(_) => Some(t.retrying),
        Status::Waiting { saved: true } => Some(t.send_saved),
        Status::Waiting { saved: false } => Some(t.send_unsaved),
        Status::Failed(DeliveryError::NoEndpoint) => Some(t.no_endpoint),
        Status::Failed(_) => Some(t.send_rejected),
    };
    let failed = matches!(form.status, Status::Failed(_) | Status::Waiting { .. });
    let gave_up = matches!(form.status, Status::Failed(_));
    let config = &widget.config;

    html! {
        <form class="lead" part="lead-form" {onsubmit} novalidate=true aria-labelledby="smp-lead-heading">
            <h2 id="smp-lead-heading" tabindex="-1" ref={heading}>{ (t.lead_heading)(&clinic) }</h2>
            <p class="lead-text">{ t.lead_intro }</p>
            <div class="error-summary" role="alert" tabindex="-1" ref={summary}>
                if !form.errors.is_empty() {
                    <p class="error">{ t.form_has_errors }</p>
                }
            </div>
            if !restored {
            <fieldset class="plain" disabled={locked}>
                { text_field(Field::Name, "text", "name", t.name_label, "", form.contact.name.clone(), edit(|c, v| c.name = v), true) }
                { text_field(Field::Email, "email", "email", t.email_label, "", form.contact.email.clone(), edit(|c, v| c.email = v), true) }
                if shows(Optional::Phone) {
                    { text_field(Field::Phone, "tel", "tel", t.phone_label, t.phone_hint, form.contact.phone.clone(), edit(|c, v| c.phone = v), false) }
                }
                if shows(Optional::Phone) {
                <fieldset class="field choices-inline">
                    <legend>{ t.preferred_contact_label }</legend>
                    { for PreferredContact::ALL.iter().map(|p| {
                        let p = *p;
                        let onchange = {
                            let form = form.dispatcher();
                            Callback::from(move |_: Event| form.dispatch(FormAction::Edit(
                                |c, v| c.preferred_contact = PreferredContact::from_code(&v).unwrap_or_default(),
                                p.code().to_string(),
                            )))
                        };
                        html! {
                            <label class="inline-option">
                                <input type="radio" name="preferred_contact" value={p.code()} checked={form.contact.preferred_contact == p} {onchange} />
                                { (t.preferred_contact)(p) }
                            </label>
                        }
                    }) }
                </fieldset>
                }
                if shows(Optional::BestTime) {
                <div class="field">
                    <label for="smp-best-time">{ t.best_time_label }</label>
                    <select id="smp-best-time" name="best_time" onchange={onbesttime}>
                        { for BestTime::ALL.iter().map(|b| html! {
                            <option value={b.code()} selected={form.contact.best_time == *b}>{ (t.best_time)(*b) }</option>
                        }) }
                    </select>
                </div>
                }
                if shows(Optional::Message) {
                <div class={classes!("field", error_for(Field::Message).map(|_| "has-error"))}>
                    <label for="smp-message">{ t.message_label }</label>
                    <p class="hint" id="smp-message-hint">{ t.message_hint }</p>
                    <textarea id="smp-message" name="message" rows="3" value={form.contact.message.clone()} oninput={edit(|c, v| c.message = v)}
                        aria-describedby="smp-message-hint" />
                    if let Some(e) = error_for(Field::Message) {
                        <p class="field-error">{ (t.field_error)(e) }</p>
                    }
                </div>
                }
                if shows(Optional::Photos) {
                    <PhotoPicker photos={form.photos.clone()} onchange={form.dispatcher().to_callback().reform(FormAction::Photos)} />
                }
                <div class={classes!("field", "consent", consent_error.map(|_| "has-error"))}>
                    <label class="check">
                        <input type="checkbox" name="consent" value="yes" checked={form.consent} onchange={tick(FormAction::Consent)} required=true
                            aria-invalid={consent_error.map(|_| "true")} aria-describedby={consent_error.map(|_| "smp-consent-error")} />
                        <span>{ consent_text.clone() }</span>
                    </label>
                    if let Some(url) = &config.privacy_url {
                        <a class="privacy" href={url.clone()} target="_blank" rel="noopener noreferrer">{ t.privacy_link }</a>
                    }
                    if let Some(e) = consent_error {
                        <p class="field-error" id="smp-consent-error">{ (t.field_error)(e) }</p>
                    }
                </div>
                <div class="field consent">
                    <label class="check">
                        <input type="checkbox" name="marketing" value="yes" checked={form.marketing} onchange={tick(FormAction::Marketing)} />
                        <span>{ marketing_text.clone() }</span>
                    </label>
                </div>
                <div class="hp" aria-hidden="true">
                    <label>{ "Website" }<input type="text" name="website" tabindex="-1" autocomplete="off" value={form.honeypot.clone()} oninput={onhoneypot} /></label>
                </div>
            </fieldset>
            }
            <div class={classes!("status", failed.then_some("is-failed"))} role="status" aria-live="polite">
                if let Some(message) = status_message {
                    <p>{ message }</p>
                }
                if failed && (config.phone.is_some() || config.email.is_some()) {
                    <p>{ (t.fallback_contact)(&clinic) }</p>
                    <ul class="fallback">
                        if let Some(phone) = &config.phone {
                            <li><a href={format!("tel:{}", phone.replace(' ', ""))}>{ phone.clone() }</a></li>
                        }
                        if let Some(email) = &config.email {
                            <li><a href={format!("mailto:{email}")}>{ email.clone() }</a></li>
                        }
                    </ul>
                }
                // Sending is impossible: the visitor can still send it all in one email.
                if let (Some(email), Some((payload, _)), true) = (&config.email, &form.lead, gave_up) {
                    <p><a class="button secondary" href={mailto_summary(email, payload, t)}>{ t.email_summary }</a></p>
                }
            </div>
            <div class="nav" part="nav">
                if !locked {
                    <button type="button" class="button secondary" part="button back" onclick={onback}>{ t.back }</button>
                }
                if !busy && !matches!(form.status, Status::Failed(DeliveryError::Rejected(_) | DeliveryError::NoEndpoint)) {
                    <button type="submit" class="button primary" part="button next">
                        { if failed { t.try_again } else { t.send } }
                    </button>
                }
            </div>
        </form>
    }
}

/// A `mailto:` link to the clinic with the lead as plain text: contact, suggestion and answers.
fn mailto_summary(to: &str, lead: &LeadPayload, t: &Strings) -> String {
    let c = &lead.contact;
    let r = &lead.recommendation;
    let mut body = format!(
        "{}: {}\n{}: {}\n{}: {}\n\n{}: {}\n",
        t.name_label,
        c.name,
        t.email_label,
        c.email,
        t.phone_label,
        c.phone,
        t.result_heading,
        (t.approach)(r.approach).text,
    );
    if !c.message.is_empty() {
        body.push_str(&format!("\n{}\n", c.message));
    }
    // The answers as codes, so the clinic sees exactly what was chosen.
    if let Some(answers) = page::to_json(&lead.answers) {
        body.push_str(&format!("\n{answers}\n"));
    }
    let encode = |s: &str| String::from(js_sys::encode_uri_component(s));
    format!(
        "mailto:{}?subject={}&body={}",
        to,
        encode(&(t.email_summary_subject)(&lead.clinic)),
        encode(&body)
    )
}

/// The first word of a name, for a friendly thank-you.
fn first_name(name: &str) -> String {
    name.split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}
