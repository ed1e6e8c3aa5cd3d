//! The lead form: contact details and consent, validated with clear messages, then sent
//! through `delivery`. The visitor always sees the truth about where the lead is.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

mod form;
mod payload;
mod summary;

use form::{input_id, Form, FormAction, Status};
use summary::{first_name, mailto_summary};

use crate::browser::js;
use crate::delivery::{self, DeliveryError, Progress};
use crate::domain::config::Optional;
use crate::domain::lead::{
    BestTime, Consent, Contact, Field, LeadPayload, PreferredContact, MIN_FILL_MS,
};
use crate::domain::recommend::recommend;
use crate::ui::photos::PhotoPicker;
use crate::ui::question::use_focus_on_arrival;
use crate::ui::state::use_consultation;
use crate::ui::WidgetEvent;

#[derive(Properties, PartialEq, Clone)]
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
    {
        // Each Send that finds errors: focus to the summary, once it shows them.
        let summary = summary.clone();
        use_effect_with(form.refusals, move |refusals| {
            if *refusals > 0 {
                if let Some(el) = summary.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let onleave = |field: Field| {
        let form = form.dispatcher();
        Callback::from(move |_: FocusEvent| form.dispatch(FormAction::Left(field)))
    };
    // A link of the summary: to its field (the label scrolled into view with it), without
    // touching the host page's URL.
    let onjump = |field: Field| {
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let input = e
                .target_dyn_into::<Element>()
                .and_then(|link| link.closest("form").ok().flatten())
                .and_then(|form| {
                    form.query_selector(&format!("#{}", input_id(field)))
                        .ok()
                        .flatten()
                });
            if let Some(input) = input.and_then(|i| i.dyn_into::<HtmlElement>().ok()) {
                if let Ok(Some(field_box)) = input.closest(".field") {
                    field_box.scroll_into_view();
                }
                let _ = input.focus();
            }
        })
    };
    let clinic = widget.config.clinic.clone();
    let consent_text = widget.config.consent_wording(|c| t.consent_text(c));
    let shows = |part: Optional| widget.config.shows(part);
    let marketing_text = t.marketing_text(&clinic);

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
                Progress::Waiting { saved, .. } | Progress::Deferred { saved } => {
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
                form.dispatch(FormAction::Refused(problems));
                return;
            }
            if !form.honeypot.is_empty()
                || !consultation.took_at_least(js_sys::Date::now(), MIN_FILL_MS)
            {
                // A bot (hidden field filled, or faster than a person): show success, send nothing.
                consultation.delivered(first_name(&form.contact.name));
                return;
            }
            form.dispatch(FormAction::Valid);
            let answers = consultation.state().answers.clone();
            let Ok(recommendation) = recommend(&answers, widget.config.prices.as_ref()) else {
                consultation.restart();
                return;
            };
            let consent = Consent {
                processing: true,
                text: consent_text.clone(),
                marketing: form.marketing,
                marketing_text: marketing_text.clone(),
            };
            let payload = Rc::new(payload::lead(
                &widget,
                &form,
                consent,
                answers,
                recommendation,
            ));
            // Written in Rust, never by the page's JSON.stringify; never an empty body.
            let Some(body) = js::to_json(&*payload).filter(|b| !b.is_empty()) else {
                form.dispatch(FormAction::Status(Status::Failed(
                    DeliveryError::Unwritable,
                )));
                return;
            };
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
        let id = input_id(field);
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
            <div class="field" data-error={error.map(|_| "")}>
                <label for={id.clone()}>{ label }</label>
                if !hint.is_empty() {
                    <p class="hint" id={hint_id.clone()}>{ hint }</p>
                }
                <input id={id} name={field.name()} type={kind} autocomplete={autocomplete} {value} {oninput} {required}
                    onblur={onleave(field)} aria-invalid={error.map(|_| "true")}
                    aria-describedby={(!described.is_empty()).then_some(described)} />
                if let Some(e) = error {
                    <p class="field-error" id={error_id}>{ t.field_error(e) }</p>
                }
            </div>
        }
    };

    let consent_error = error_for(Field::Consent);
    let message_error = error_for(Field::Message);
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
            <h2 id="smp-lead-heading" tabindex="-1" ref={heading}>{ widget.naming_clinic(|c| t.lead_heading(c)) }</h2>
            <p class="lead-text">{ t.lead_intro }</p>
            <div class="error-summary" role="alert" tabindex="-1" ref={summary} aria-labelledby="smp-error-summary-title">
                if !form.errors.is_empty() {
                    <p class="error" id="smp-error-summary-title">{ t.form_has_errors }</p>
                    <ul>
                        { for form.errors.iter().map(|e| html! {
                            <li><a href={format!("#{}", input_id(e.field()))} onclick={onjump(e.field())}>{ t.field_error(*e) }</a></li>
                        }) }
                    </ul>
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
                                { t.preferred_contact(p) }
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
                            <option value={b.code()} selected={form.contact.best_time == *b}>{ t.best_time(*b) }</option>
                        }) }
                    </select>
                </div>
                }
                if shows(Optional::Message) {
                <div class="field" data-error={message_error.map(|_| "")}>
                    <label for="smp-message">{ t.message_label }</label>
                    <p class="hint" id="smp-message-hint">{ t.message_hint }</p>
                    <textarea id="smp-message" name="message" rows="3" value={form.contact.message.clone()} oninput={edit(|c, v| c.message = v)}
                        onblur={onleave(Field::Message)} aria-invalid={message_error.map(|_| "true")}
                        aria-describedby={if message_error.is_some() { "smp-message-hint smp-message-error" } else { "smp-message-hint" }} />
                    if let Some(e) = message_error {
                        <p class="field-error" id="smp-message-error">{ t.field_error(e) }</p>
                    }
                </div>
                }
                if shows(Optional::Photos) {
                    <PhotoPicker photos={form.photos.clone()} onchange={form.dispatcher().to_callback().reform(FormAction::Photos)} />
                }
                <div class="field consent" data-error={consent_error.map(|_| "")}>
                    <label class="check">
                        <input type="checkbox" id={input_id(Field::Consent)} name="consent" value="yes" checked={form.consent}
                            onchange={tick(FormAction::Consent)} onblur={onleave(Field::Consent)} required=true
                            aria-invalid={consent_error.map(|_| "true")} aria-describedby={consent_error.map(|_| "smp-consent-error")} />
                        <span>{ widget.naming_clinic(|name| config.consent_wording_naming(name, |c| t.consent_text(c))) }</span>
                    </label>
                    if let Some(url) = &config.privacy_url {
                        <a class="privacy" href={url.to_string()} target="_blank" rel="noopener noreferrer">{ t.privacy_link }</a>
                    }
                    if let Some(e) = consent_error {
                        <p class="field-error" id="smp-consent-error">{ t.field_error(e) }</p>
                    }
                </div>
                <div class="field consent">
                    <label class="check">
                        <input type="checkbox" name="marketing" value="yes" checked={form.marketing} onchange={tick(FormAction::Marketing)} />
                        <span>{ widget.naming_clinic(|c| t.marketing_text(c)) }</span>
                    </label>
                </div>
                <div class="hp" aria-hidden="true">
                    <label>{ "Website" }<input type="text" name="website" tabindex="-1" autocomplete="off" value={form.honeypot.clone()} oninput={onhoneypot} /></label>
                </div>
            </fieldset>
            }
            <div class="status" data-failed={failed.then_some("")} role="status" aria-live="polite">
                if let Some(message) = status_message {
                    <p>{ message }</p>
                }
                if failed && (config.phone.is_some() || config.email.is_some()) {
                    <p>{ widget.naming_clinic(|c| t.fallback_contact(c)) }</p>
                    <ul class="fallback">
                        if let Some(phone) = &config.phone {
                            <li><a href={format!("tel:{}", phone.replace(' ', ""))}>{ phone.clone() }</a></li>
                        }
                        if let Some(email) = &config.email {
                            <li><a href={format!("mailto:{email}")}>{ email.to_string() }</a></li>
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
