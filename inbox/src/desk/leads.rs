//! The lead pages: the list (filters and search in the URL, keyset paging, newest first),
//! one lead (contact links, status, notes, the lead in words, photos, consent, forwarding,
//! history), the CSV of the current view, the raw JSON, the personal-data export, erasure.

use axum::extract::{Path, Query, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use serde::Deserialize;
use serde_json::{json, Value};
use smp_consult::domain::photo::PhotoSlot;
use smp_consult::domain::recommend::{Approach, Caution, InPerson};
use smp_consult::i18n::Locale;

use super::filter::{self, ListQuery};
use super::forwards;
use super::page::{self, Shell};
use super::session::Desk;
use super::text::{fill, language_name};
use super::words::{self, Code, Flags, Worded, Words};
use crate::api::private;
use crate::auth::Admin;
use crate::photo::SLOTS;
use crate::scope::LeadId;
use crate::store::{LeadFilter, LeadRow, LeadStatus, Scope, StatusInfo, StoredLead};
use crate::AppState;

/// Leads per page.
pub const PAGE_SIZE: u32 = 50;
/// The longest note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 5_000;

/// `2025-05-01T10:00:00.123Z` → `2025-05-01 10:00 UTC`.
pub fn when(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => rfc3339.to_string(),
    }
}

fn text_at<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

/// The name to show for a lead (its id when the name is empty).
fn display_name(lead: &Value, id: &str) -> String {
    let name = text_at(lead, "/contact/name").trim();
    if name.is_empty() {
        id.to_string()
    } else {
        name.to_string()
    }
}

fn worded(item: &Worded) -> Markup {
    html! {
        @if item.unknown { span.unknown { (item.text) } } @else { (item.text) }
    }
}

/// The id of the hidden sentence that describes a known flag's badge.
fn in_person_sentence_id(flag: InPerson) -> String {
    format!("why-in-person-{}", flag.code())
}

fn caution_sentence_id(caution: Caution) -> String {
    format!("why-caution-{}", caution.code())
}

/// A lead's badges: its status, each in-person flag (warning style) and each caution (quieter)
/// by a short name, and its photo count. A known flag's badge is described by the widget's
/// full sentence (in [`badge_sentences`], once per page); a code no table knows is shown as
/// it is.
fn status_badges(w: Words, status: &StatusInfo, flags: &Flags, photos: u32) -> Markup {
    let d = w.d;
    html! {
        div.badges {
            @if status.status == LeadStatus::New {
                span.badge.new { (d.new_badge) }
            } @else {
                span.badge { (d.status(status.status)) }
            }
            @if !flags.in_person.is_empty() {
                span.vh { (d.in_person_badge) (w.t.colon) }
                @for flag in &flags.in_person {
                    @match flag {
                        Code::Known(flag) => span.badge.warn aria-describedby=(in_person_sentence_id(*flag)) {
                            ((d.in_person_short)(*flag))
                        },
                        Code::Unknown(code) => span.badge.warn { span.unknown { (code) } },
                    }
                }
            }
            @if !flags.cautions.is_empty() {
                span.vh { (w.t.cautions_heading) (w.t.colon) }
                @for caution in &flags.cautions {
                    @match caution {
                        Code::Known(caution) => span.badge.caution aria-describedby=(caution_sentence_id(*caution)) {
                            ((d.caution_short)(*caution))
                        },
                        Code::Unknown(code) => span.badge.caution { span.unknown { (code) } },
                    }
                }
            }
            @if photos > 0 { span.badge { (d.photo_count.of(u64::from(photos))) } }
        }
    }
}

/// The widget's full sentence for every known flag and caution among `all`, once each, hidden:
/// the badges' accessible descriptions.
fn badge_sentences<'a>(w: Words, all: impl IntoIterator<Item = &'a Flags>) -> Markup {
    let mut in_person: Vec<InPerson> = Vec::new();
    let mut cautions: Vec<Caution> = Vec::new();
    for flags in all {
        for flag in &flags.in_person {
            if let Code::Known(flag) = flag {
                if !in_person.contains(flag) {
                    in_person.push(*flag);
                }
            }
        }
        for caution in &flags.cautions {
            if let Code::Known(caution) = caution {
                if !cautions.contains(caution) {
                    cautions.push(*caution);
                }
            }
        }
    }
    html! {
        @if !in_person.is_empty() || !cautions.is_empty() {
            div hidden {
                @for flag in &in_person {
                    p id=(in_person_sentence_id(*flag)) { ((w.t.in_person)(*flag)) }
                }
                @for caution in &cautions {
                    p id=(caution_sentence_id(*caution)) { ((w.t.caution)(*caution)) }
                }
            }
        }
    }
}

fn summary_markup(w: Words, answers: &Value) -> Markup {
    let items = words::summary(w, answers);
    html! {
        p.summary {
            @for (i, item) in items.iter().enumerate() {
                @if i > 0 { " · " }
                span.k { (item.key) (w.t.colon) }
                (item.value)
            }
        }
    }
}

/// The clinics a user may see, as `(id, label)` in the order the inbox lists them (the default
/// one first), when there is more than one: then the desk says whose each lead is and offers
/// a clinic filter. `Ok(empty)` for a user of one clinic.
async fn visible_clinics(
    state: &AppState,
    scope: &Scope,
) -> Result<Vec<(String, String)>, crate::store::StoreError> {
    if matches!(scope, Scope::Clinics(one) if one.len() < 2) {
        return Ok(Vec::new());
    }
    let clinics: Vec<(String, String)> = state
        .clinics()
        .all()
        .await?
        .iter()
        .filter(|c| scope.allows(&c.id))
        .map(|c| (c.id.clone(), c.label().to_string()))
        .collect();
    Ok(if clinics.len() > 1 {
        clinics
    } else {
        Vec::new()
    })
}

/// A clinic's label among `clinics`, or its id (a clinic removed since).
fn clinic_label<'a>(clinics: &'a [(String, String)], id: &'a str) -> &'a str {
    clinics
        .iter()
        .find(|(c, _)| c == id)
        .map_or(id, |(_, label)| label.as_str())
}

fn lead_item(w: Words, row: &LeadRow, flags: &Flags, clinics: &[(String, String)]) -> Markup {
    let name = display_name(&row.lead, &row.id);
    let approach = row
        .lead
        .get("recommendation")
        .map(|r| words::recommendation(w, r).approach);
    html! {
        li.is-new[row.status.status == LeadStatus::New] {
            div.lead-head {
                h2 { a href=(format!("/admin/leads/{}", row.id)) { (name) } }
                span.meta {
                    @if !clinics.is_empty() {
                        span.clinic { (w.d.clinic_label) (w.t.colon) (clinic_label(clinics, &row.clinic_id)) }
                        " · "
                    }
                    (when(&row.received_at))
                }
            }
            (status_badges(w, &row.status, flags, row.photos))
            @if let Some(Some(approach)) = approach {
                p.summary { strong { (worded(&approach)) } }
            }
            @if let Some(answers) = row.lead.get("answers") { (summary_markup(w, answers)) }
        }
    }
}

fn select(
    id: &str,
    label: &str,
    any: &str,
    options: &[(String, String)],
    chosen: Option<&str>,
) -> Markup {
    html! {
        p {
            label for=(id) { (label) }
            select #(id) name=(id) {
                option value="" { (any) }
                @for (value, text) in options {
                    option value=(value) selected[chosen == Some(value.as_str())] { (text) }
                }
            }
        }
    }
}

fn filters_form(w: Words, filter: &LeadFilter, clinics: &[(String, String)]) -> Markup {
    let d = w.d;
    let yes_no = [
        ("yes".to_string(), d.yes.to_string()),
        ("no".to_string(), d.no.to_string()),
    ];
    let yes_no_of = |b: Option<bool>| b.map(|b| if b { "yes" } else { "no" });
    let statuses: Vec<(String, String)> = LeadStatus::ALL
        .iter()
        .map(|s| (s.code().to_string(), d.status(*s).to_string()))
        .collect();
    let approaches: Vec<(String, String)> = Approach::ALL
        .iter()
        .map(|a| (a.code().to_string(), w.t.approach(*a).text.to_string()))
        .collect();
    let languages: Vec<(String, String)> = Locale::ALL
        .iter()
        .map(|l| (l.code().to_string(), language_name(*l).to_string()))
        .collect();
    html! {
        form.find method="get" action="/admin" role="search" aria-label=(d.filters_heading) {
            div.search {
                p {
                    label for="q" { (d.search_label) }
                    input #q type="search" name="q" value=(filter.query.as_deref().unwrap_or(""));
                }
                button.primary type="submit" { (d.apply) }
            }
            details.filters open[filter::has_panel_filters(filter)] {
                summary { (d.filters_heading) }
                div.grid {
                    // An operator's first question: whose leads.
                    @if !clinics.is_empty() {
                        (select("clinic", d.clinic_label, d.any, clinics, filter.clinic.as_deref()))
                    }
                    (select("status", d.status_label, d.any, &statuses, filter.status.map(LeadStatus::code)))
                    (select("approach", d.approach_label, d.any, &approaches, filter.approach.as_deref()))
                    (select("in_person", d.in_person_label, d.any, &yes_no, yes_no_of(filter.in_person)))
                    (select("photos", d.has_photos_label, d.any, &yes_no, yes_no_of(filter.photos)))
                    p {
                        label for="from" { (d.from_label) }
                        input #from type="date" name="from" value=(filter.from.as_deref().unwrap_or(""));
                    }
                    p {
                        label for="to" { (d.to_label) }
                        input #to type="date" name="to" value=(filter.to.as_deref().unwrap_or(""));
                    }
                    (select("lang", d.language_label, d.any, &languages, filter.lang.as_deref()))
                }
                div.actions {
                    button.primary type="submit" { (d.apply) }
                    a href="/admin" { (d.clear) }
                }
            }
        }
    }
}

/// `GET /admin`: the leads of the current filter, newest first, one page.
pub async fn list_page(
    desk: Desk,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Response {
    let w = state.words();
    let d = w.d;
    let filter = query.filter();
    let clinics = match visible_clinics(&state, &desk.user.scope).await {
        Ok(clinics) => clinics,
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            return page::database_error(w);
        }
    };
    let (page, count) = match (
        state
            .store
            .desk_page(
                desk.user.scope.clone(),
                filter.clone(),
                query.cursor(),
                PAGE_SIZE,
            )
            .await,
        state
            .store
            .desk_count(desk.user.scope.clone(), filter.clone())
            .await,
    ) {
        (Ok(page), Ok(count)) => (page, count),
        (Err(err), _) | (_, Err(err)) => {
            eprintln!("smp-inbox: {err}");
            return page::database_error(w);
        }
    };
    let filtered = filter != LeadFilter::default();
    let flags: Vec<Flags> = page
        .rows
        .iter()
        .map(|row| words::flags(&row.lead))
        .collect();
    let body = html! {
        h1 { (d.leads_heading) }
        @if query.erased.is_some() { p.notice role="status" { (d.erased) } }
        (filters_form(w, &filter, &clinics))
        div.actions {
            p.count role="status" { (d.lead_count.of(count)) }
            @if count > 0 {
                a.button href=(filter::url("/admin/leads.csv", &filter, &[])) download { (d.export_csv) }
            }
        }
        @if page.rows.is_empty() {
            p.notice { (if filtered { d.no_match } else { d.no_leads }) }
        } @else {
            ol.leads {
                @for (row, flags) in page.rows.iter().zip(&flags) { (lead_item(w, row, flags, &clinics)) }
            }
            (badge_sentences(w, &flags))
        }
        @if page.newer.is_some() || page.older.is_some() {
            nav.pages aria-label=(d.pages_label) {
                @if let Some(newer) = page.newer {
                    a rel="prev" href=(filter::url("/admin", &filter, &[("after", newer.to_string())])) { "← " (d.newer) }
                } @else { span {} }
                @if let Some(older) = page.older {
                    a rel="next" href=(filter::url("/admin", &filter, &[("before", older.to_string())])) { (d.older) " →" }
                }
            }
        }
    };
    page::render(
        StatusCode::OK,
        &Shell {
            words: w,
            title: d.leads_heading,
            desk: Some(&desk),
        },
        body,
    )
}

fn not_found(w: Words, desk: &Desk) -> Response {
    page::message(
        StatusCode::NOT_FOUND,
        w,
        Some(desk),
        w.d.not_found,
        w.d.not_found,
    )
}

fn forbidden(w: Words, desk: &Desk) -> Response {
    page::message(
        StatusCode::FORBIDDEN,
        w,
        Some(desk),
        w.d.admin_only,
        w.d.admin_only,
    )
}

/// `tel:` wants the number without spaces; WhatsApp's link wants digits only.
fn tel_href(phone: &str) -> Option<String> {
    let digits = crate::store::digits(phone);
    if digits.is_empty() {
        return None;
    }
    let plus = if phone.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    Some(format!("tel:{plus}{digits}"))
}

fn mailto_href(email: &str) -> String {
    let mut out = String::from("mailto:");
    for c in email.trim().chars() {
        match c {
            '?' | '&' | '#' | '%' | ' ' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn contact_section(w: Words, lead: &Value) -> Markup {
    let d = w.d;
    let t = w.t;
    let email = text_at(lead, "/contact/email");
    let phone = text_at(lead, "/contact/phone");
    let preferred = text_at(lead, "/contact/preferred_contact");
    let best = text_at(lead, "/contact/best_time");
    let message = text_at(lead, "/contact/message");
    let tel = tel_href(phone);
    html! {
        section.card #contact aria-labelledby="contact-h" {
            h2 #contact-h { (d.contact_heading) }
            // The way the visitor asked to be contacted is the highlighted one.
            div.contact-links {
                @if let Some(tel) = &tel {
                    a.button.primary[preferred == "phone"] href=(tel) { (d.call) span.hint { (phone) } }
                    a.button.primary[preferred == "whatsapp"] href=(format!("https://wa.me/{}", crate::store::digits(phone))) rel="noreferrer" { (d.whatsapp) }
                }
                @if !email.is_empty() {
                    a.button.primary[preferred == "email"] href=(mailto_href(email)) { (d.write_email) span.hint { (email) } }
                }
            }
            dl.facts {
                dt { (t.email_label) } dd { (if email.is_empty() { "—" } else { email }) }
                dt { (t.phone_label) } dd { (if phone.is_empty() { "—" } else { phone }) }
                @if !preferred.is_empty() {
                    dt { (d.preferred_contact) } dd { strong { (words::preferred_contact(w, preferred)) } }
                }
                @if !best.is_empty() {
                    dt { (d.best_time) } dd { strong { (words::best_time(w, best)) } }
                }
                @if !message.trim().is_empty() {
                    dt { (d.message) } dd { blockquote { (message) } }
                }
            }
        }
    }
}

fn status_section(w: Words, desk: &Desk, id: &str, status: &StatusInfo) -> Markup {
    let d = w.d;
    html! {
        section.card #status aria-labelledby="status-h" {
            h2 #status-h { (d.status_heading) }
            p {
                strong { (d.status(status.status)) }
                @if let (Some(by), Some(at)) = (&status.by, &status.at) {
                    " " span.meta { (fill(d.status_set_by, &[("name", by), ("time", &when(at))])) }
                }
            }
            form method="post" action=(format!("/admin/leads/{id}/status")) {
                input type="hidden" name="csrf" value=(desk.csrf);
                fieldset {
                    legend { (d.set_status) }
                    div.statuses {
                        @for s in LeadStatus::ALL {
                            button type="submit" name="status" value=(s.code())
                                aria-pressed=(if s == status.status { "true" } else { "false" }) { (d.status(s)) }
                        }
                    }
                }
            }
        }
    }
}

fn notes_section(
    w: Words,
    desk: &Desk,
    id: &str,
    notes: &[crate::store::Note],
    error: Option<&str>,
) -> Markup {
    let d = w.d;
    html! {
        section.card #notes aria-labelledby="notes-h" {
            h2 #notes-h { (d.notes_heading) }
            form method="post" action=(format!("/admin/leads/{id}/notes")) {
                input type="hidden" name="csrf" value=(desk.csrf);
                @if let Some(error) = error { p.error role="alert" #note-error { (error) } }
                p {
                    label for="note" { (d.note_label) }
                    textarea #note name="note" rows="3" maxlength=(MAX_NOTE_CHARS) required
                        aria-describedby=[error.map(|_| "note-error")] {}
                }
                p { button.primary type="submit" { (d.add_note) } }
            }
            @if notes.is_empty() {
                p { (d.no_notes) }
            } @else {
                ol.notes {
                    @for note in notes {
                        li {
                            span.meta { (note.author) ", " (when(&note.at)) }
                            p { (note.body) }
                        }
                    }
                }
            }
        }
    }
}

fn answers_section(w: Words, answers: &Value) -> Markup {
    let lines = words::answer_lines(w, answers);
    html! {
        section.card #answers aria-labelledby="answers-h" {
            h2 #answers-h { (w.d.answers_heading) }
            dl.facts {
                @for line in &lines {
                    dt { (line.question_text(w)) }
                    dd {
                        @for (i, answer) in line.answers.iter().enumerate() {
                            @if i > 0 { br; }
                            (worded(answer))
                            @if !answer.hint.is_empty() { span.hint { (answer.hint) } }
                        }
                    }
                }
            }
        }
    }
}

fn list_of(items: &[Worded]) -> Markup {
    html! { ul.plain { @for item in items { li { (worded(item)) } } } }
}

fn recommendation_section(w: Words, rec: &Value) -> Markup {
    let t = w.t;
    let r = words::recommendation(w, rec);
    let explained = |item: &Worded| {
        html! {
            p {
                strong { (worded(item)) }
                @if !item.hint.is_empty() { (t.colon) (t.after_colon(&item.hint)) }
            }
        }
    };
    html! {
        section.card #recommendation aria-labelledby="rec-h" {
            h2 #rec-h { (w.d.recommendation_heading) }
            @if let Some(approach) = &r.approach {
                h3 { (t.result_heading) }
                (explained(approach))
            }
            @if !r.in_person.is_empty() {
                h3 { (t.provisional_heading) }
                ul.flags { @for flag in &r.in_person { li { (worded(flag)) } } }
            }
            @if let Some(alternative) = &r.alternative {
                h3 { (t.alternative_heading) }
                (explained(alternative))
            }
            @if !r.add_ons.is_empty() {
                h3 { (t.add_on_heading) }
                @for add_on in &r.add_ons { (explained(add_on)) }
            }
            @if r.extent.is_some() || r.sessions.is_some() || r.hairline.is_some() || r.price.is_some() {
                h3 { (t.treatment_heading) }
                dl.facts {
                    @if let Some(extent) = &r.extent {
                        dt { (worded(extent)) } dd { (r.sessions.as_deref().unwrap_or("—")) }
                    }
                    @if let Some(hairline) = &r.hairline {
                        dt { (t.hairline_heading) } dd { (worded(hairline)) }
                    }
                    @if let Some(price) = &r.price {
                        dt { (t.price_heading) } dd { (price) }
                    }
                }
            }
            @if !r.pigment.is_empty() { h3 { (t.pigment_heading) } (list_of(&r.pigment)) }
            @if !r.cautions.is_empty() { h3 { (t.cautions_heading) } (list_of(&r.cautions)) }
            @if !r.reasons.is_empty() { h3 { (t.why_heading) } (list_of(&r.reasons)) }
        }
    }
}

fn photos_section(w: Words, lead: &StoredLead) -> Markup {
    let d = w.d;
    html! {
        section.card #photos aria-labelledby="photos-h" {
            h2 #photos-h { (d.photos_heading) }
            @if lead.photos.is_empty() {
                p { (d.no_photos) }
            } @else {
                div.photos {
                    @for photo in &lead.photos {
                        @let url = format!("/admin/leads/{}/photos/{}", lead.id, photo.slot);
                        @let slot = PhotoSlot::from_code(&photo.slot)
                            .map_or_else(|| photo.slot.clone(), |s| w.t.photo_slot(s).text.to_string());
                        figure {
                            a href=(url) {
                                img src=(url) alt=(slot) width=(photo.width) height=(photo.height);
                            }
                            figcaption { (slot) " · " (photo.width) "×" (photo.height) " · " (photo.size.div_ceil(1024)) " KB" }
                        }
                    }
                }
            }
        }
    }
}

fn consent_section(w: Words, body: &Value) -> Markup {
    let d = w.d;
    let yes_no = |pointer: &str| {
        if body.pointer(pointer) == Some(&Value::Bool(true)) {
            d.yes
        } else {
            d.no
        }
    };
    let text = text_at(body, "/consent/text");
    html! {
        section.card #consent aria-labelledby="consent-h" {
            h2 #consent-h { (d.consent_heading) }
            dl.facts {
                dt { (d.consent_processing) } dd { (yes_no("/consent/processing")) }
                dt { (d.consent_marketing) } dd { (yes_no("/consent/marketing")) }
            }
            @if !text.is_empty() {
                p { (d.consent_text) (w.t.colon) }
                blockquote { (text) }
            }
        }
    }
}

/// `GET /admin/leads/{id}` query.
#[derive(Debug, Default, Deserialize)]
pub struct DetailQuery {
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    forward: Option<String>,
}

/// `GET /admin/leads/{id}`: one lead, to work it.
pub async fn detail_page(
    desk: Desk,
    State(state): State<AppState>,
    lead: LeadId,
    Query(query): Query<DetailQuery>,
) -> Response {
    let id = lead.id.clone();
    let w = state.words();
    let d = w.d;
    let store = &state.store;
    let lead = match store.get(&id).await {
        Ok(Some(lead)) => lead,
        Ok(None) => return not_found(w, &desk),
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            return page::database_error(w);
        }
    };
    let id = lead.id.clone();
    let (status, notes, history, jobs) = match (
        store.status_of(&id).await,
        store.notes(&id).await,
        store.lead_history(&id).await,
        store.jobs_for(&id).await,
    ) {
        (Ok(status), Ok(notes), Ok(history), Ok(jobs)) => (status, notes, history, jobs),
        _ => return page::database_error(w),
    };
    let status = status.unwrap_or(StatusInfo {
        status: LeadStatus::New,
        by: None,
        at: None,
    });
    let body: Value = serde_json::from_str(&lead.body).unwrap_or(Value::Null);
    let name = display_name(&body, &id);
    let flags = words::flags(&body);
    let clinics = visible_clinics(&state, &desk.user.scope)
        .await
        .unwrap_or_default();
    let note_error = match query.note.as_deref() {
        Some("empty") => Some(d.note_empty),
        Some("long") => Some(d.note_too_long),
        _ => None,
    };
    let html = html! {
        p { a href="/admin" { "← " (d.back_to_list) } }
        h1 { (name) }
        (status_badges(w, &status, &flags, lead.photos.len() as u32))
        p.meta {
            @if !clinics.is_empty() {
                span.clinic { (d.clinic_label) (w.t.colon) (clinic_label(&clinics, &lead.clinic_id)) }
                " · "
            }
            (d.received) (w.t.colon) (when(&lead.received_at))
        }
        @if let Some(answers) = body.get("answers") { (summary_markup(w, answers)) }
        div.columns {
            div {
                (contact_section(w, &body))
                (status_section(w, &desk, &id, &status))
                (notes_section(w, &desk, &id, &notes, note_error))
                (photos_section(w, &lead))
            }
            div {
                @if let Some(answers) = body.get("answers") { (answers_section(w, answers)) }
                @if let Some(rec) = body.get("recommendation") { (recommendation_section(w, rec)) }
                (consent_section(w, &body))
                (forwards::lead_section(w, &desk, &jobs, query.forward.as_deref() == Some("retried")))
            }
        }
        @if !history.is_empty() {
            section.card #history aria-labelledby="history-h" {
                h2 #history-h { (d.history_heading) }
                ul.plain {
                    @for entry in &history {
                        li { (when(&entry.at)) " · " (entry.user) " · " (d.action(&entry.action)) ": " (entry.detail) }
                    }
                }
            }
        }
        section.card #more aria-labelledby="more-h" {
            h2 #more-h { (d.lead) }
            ul.plain {
                li { a href=(format!("/admin/leads/{id}/lead.json")) { (d.raw_json) } }
                @if desk.is_admin() {
                    li { a href=(format!("/admin/leads/{id}/person.json")) download { (d.export_person) } }
                    li { a href=(format!("/admin/leads/{id}/erase")) { (d.erase) } }
                }
            }
        }
        (badge_sentences(w, [&flags]))
    };
    page::render(
        StatusCode::OK,
        &Shell {
            words: w,
            title: &name,
            desk: Some(&desk),
        },
        html,
    )
}

/// `POST /admin/leads/{id}/status` form.
#[derive(Debug, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
}

/// `POST /admin/leads/{id}/status`: one click sets the status.
pub async fn set_status(
    desk: Desk,
    State(state): State<AppState>,
    lead: LeadId,
    axum::Form(form): axum::Form<StatusForm>,
) -> Response {
    let id = lead.id.clone();
    let w = state.words();
    let Some(status) = LeadStatus::from_code(&form.status) else {
        return page::message(
            StatusCode::BAD_REQUEST,
            w,
            Some(&desk),
            w.d.status_heading,
            w.d.form_expired,
        );
    };
    let at = state.desk.config.clock.now_rfc3339();
    match state
        .store
        .set_status(&id, status, &desk.user.name, at)
        .await
    {
        Ok(true) => Redirect::to(&format!("/admin/leads/{}#status", id.to_ascii_lowercase()))
            .into_response(),
        Ok(false) => not_found(w, &desk),
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            page::database_error(w)
        }
    }
}

/// `POST /admin/leads/{id}/notes` form.
#[derive(Debug, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    note: String,
}

/// `POST /admin/leads/{id}/notes`: adds a note.
pub async fn add_note(
    desk: Desk,
    State(state): State<AppState>,
    lead: LeadId,
    axum::Form(form): axum::Form<NoteForm>,
) -> Response {
    let id = lead.id.clone();
    let w = state.words();
    // What was asked for, in the redirects that come back to the same page (which is then
    // "not found" for another clinic's lead, as for an id that does not exist).
    let shown = lead.shown.to_ascii_lowercase();
    let note = form.note.trim();
    if note.is_empty() {
        return Redirect::to(&format!("/admin/leads/{shown}?note=empty#notes")).into_response();
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Redirect::to(&format!("/admin/leads/{shown}?note=long#notes")).into_response();
    }
    let at = state.desk.config.clock.now_rfc3339();
    match state
        .store
        .add_note(&id, &desk.user.name, note.to_string(), at)
        .await
    {
        Ok(true) => Redirect::to(&format!("/admin/leads/{id}#notes")).into_response(),
        Ok(false) => not_found(w, &desk),
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            page::database_error(w)
        }
    }
}

/// `GET /admin/leads/{id}/erase`: what erasing removes, and the button that does it.
pub async fn erase_page(desk: Desk, State(state): State<AppState>, lead: LeadId) -> Response {
    let id = lead.id.clone();
    let w = state.words();
    let d = w.d;
    if !desk.is_admin() {
        return forbidden(w, &desk);
    }
    let lead = match state.store.get(&id).await {
        Ok(Some(lead)) => lead,
        Ok(None) => return not_found(w, &desk),
        Err(_) => return page::database_error(w),
    };
    let body: Value = serde_json::from_str(&lead.body).unwrap_or(Value::Null);
    let name = display_name(&body, &lead.id);
    let html = html! {
        p { a href=(format!("/admin/leads/{}", lead.id)) { "← " (name) } }
        h1 { (d.erase_heading) }
        p { (fill(d.erase_explain, &[("name", &name)])) }
        form method="post" action=(format!("/admin/leads/{}/erase", lead.id)) {
            input type="hidden" name="csrf" value=(desk.csrf);
            div.actions {
                button.danger type="submit" { (d.erase_confirm) }
                a href=(format!("/admin/leads/{}", lead.id)) { (d.cancel) }
            }
        }
    };
    page::render(
        StatusCode::OK,
        &Shell {
            words: w,
            title: d.erase_heading,
            desk: Some(&desk),
        },
        html,
    )
}

/// `POST /admin/leads/{id}/erase`: erases the lead and everything derived from it.
pub async fn erase(desk: Desk, State(state): State<AppState>, lead: LeadId) -> Response {
    let id = lead.id.clone();
    let w = state.words();
    if !desk.is_admin() {
        return forbidden(w, &desk);
    }
    let at = state.desk.config.clock.now_rfc3339();
    match state.store.erase_lead(&id, &desk.user.name, at).await {
        Ok(Some(_)) => Redirect::to("/admin?erased=1").into_response(),
        Ok(None) => not_found(w, &desk),
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            page::database_error(w)
        }
    }
}

/// `GET /admin/leads/{id}/lead.json`: the lead as stored (photo data is in the photo links).
pub async fn raw_json(desk: Desk, State(state): State<AppState>, lead: LeadId) -> Response {
    let id = lead.id.clone();
    let w = state.words();
    match state.store.get(&id).await {
        Ok(Some(lead)) => {
            let value: Value =
                serde_json::from_str(&lead.body).unwrap_or(Value::String(lead.body.clone()));
            let text = serde_json::to_string_pretty(&value).unwrap_or(lead.body);
            json_response(text, None)
        }
        Ok(None) => not_found(w, &desk),
        Err(_) => page::database_error(w),
    }
}

fn json_response(text: String, attachment: Option<String>) -> Response {
    let mut response = private(text.into_response());
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    if let Some(name) = attachment {
        if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
    }
    page::secure_headers(headers);
    response
}

/// `GET /admin/leads/{id}/person.json`: everything held about the person who sent this lead
/// (every lead from the same email address, with photos, status, notes, history and
/// forwarding), for an access request. Administrators only; recorded in the audit log.
pub async fn person_export(desk: Desk, State(state): State<AppState>, lead: LeadId) -> Response {
    let id = lead.id.clone();
    let w = state.words();
    if !desk.is_admin() {
        return forbidden(w, &desk);
    }
    let store = &state.store;
    let ids = match store.same_person(&id).await {
        Ok(ids) if !ids.is_empty() => ids,
        Ok(_) => return not_found(w, &desk),
        Err(_) => return page::database_error(w),
    };
    let mut leads = Vec::new();
    for lead_id in &ids {
        let (Ok(Some(full)), Ok(Some(stored)), Ok(status), Ok(notes), Ok(history), Ok(jobs)) = (
            store.full_body(lead_id).await,
            store.get(lead_id).await,
            store.status_of(lead_id).await,
            store.notes(lead_id).await,
            store.lead_history(lead_id).await,
            store.jobs_for(lead_id).await,
        ) else {
            return page::database_error(w);
        };
        let status = status.map(|s| json!({"status": s.status.code(), "by": s.by, "at": s.at}));
        leads.push(json!({
            "id": lead_id,
            "received_at": stored.received_at,
            "origin": stored.origin,
            "lead": serde_json::from_str::<Value>(&full).unwrap_or(Value::String(full)),
            "status": status,
            "notes": notes.iter().map(|n| json!({"author": n.author, "at": n.at, "text": n.body})).collect::<Vec<_>>(),
            "history": history.iter().map(|h| json!({"at": h.at, "user": h.user, "action": h.action, "detail": h.detail})).collect::<Vec<_>>(),
            "forwarding": jobs.iter().map(|j| json!({
                "kind": j.kind, "target": j.target, "state": j.state, "attempts": j.attempts,
                "last_error": j.last_error, "next_attempt_at": j.next_attempt_at,
                "created_at": j.created_at, "updated_at": j.updated_at,
            })).collect::<Vec<_>>(),
        }));
    }
    let at = state.desk.config.clock.now_rfc3339();
    let detail = format!("{} lead(s)", ids.len());
    if store
        .record(
            &desk.user.name,
            "export_person",
            Some(&id),
            &detail,
            at.clone(),
        )
        .await
        .is_err()
    {
        return page::database_error(w);
    }
    let export = json!({
        "schema": "smp-inbox.person-export/v1",
        "exported_at": at,
        "exported_by": desk.user.name,
        "leads": leads,
    });
    let text = serde_json::to_string_pretty(&export).unwrap_or_default();
    let short: String = id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    json_response(text, Some(format!("person-{short}.json")))
}

/// Who may read a photo or the CSV: a desk user, or a machine with the API token (the API's
/// lead JSON links to the photos).
pub enum Reader {
    /// A logged-in user.
    Person(Desk),
    /// An API token.
    Machine(Admin),
}

impl Reader {
    /// The clinics they may see.
    pub fn scope(&self) -> &Scope {
        match self {
            Self::Person(desk) => &desk.user.scope,
            Self::Machine(admin) => &admin.scope,
        }
    }

    fn name(&self) -> &str {
        match self {
            Self::Person(desk) => &desk.user.name,
            Self::Machine(_) => "api",
        }
    }
}

impl axum::extract::FromRequestParts<AppState> for Reader {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if parts.headers.contains_key(header::AUTHORIZATION) {
            return Admin::from_request_parts(parts, state)
                .await
                .map(Self::Machine)
                .map_err(IntoResponse::into_response);
        }
        Desk::from_request_parts(parts, state)
            .await
            .map(Self::Person)
            .map_err(IntoResponse::into_response)
    }
}

/// `GET /admin/leads/{id}/photos/{slot}`: one photo's file.
pub async fn photo(
    _reader: Reader,
    State(state): State<AppState>,
    lead: LeadId,
    Path((_, slot)): Path<(String, String)>,
) -> Response {
    let id = lead.id;
    let missing = || {
        let mut response = private((StatusCode::NOT_FOUND, "no such photo").into_response());
        page::secure_headers(response.headers_mut());
        response
    };
    if !SLOTS.contains(&slot.as_str()) {
        return missing();
    }
    match state.store.photo(&id, &slot).await {
        Ok(Some((media_type, bytes))) => {
            let mut response = private(bytes.into_response());
            let headers = response.headers_mut();
            // Only image/jpeg or image/png were ever stored; anything else would be a file
            // edited by hand, served as an opaque download rather than trusted.
            let content_type = match media_type.as_str() {
                "image/jpeg" => "image/jpeg",
                "image/png" => "image/png",
                _ => "application/octet-stream",
            };
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            page::secure_headers(headers);
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            );
            response
        }
        Ok(None) => missing(),
        Err(err) => {
            eprintln!("smp-inbox: {err}");
            (StatusCode::INTERNAL_SERVER_ERROR, "database unavailable").into_response()
        }
    }
}

/// `GET /admin/leads.csv?…filters…`: the current view as CSV, streamed page by page.
pub async fn csv_export(
    reader: Reader,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Response {
    let filter = query.filter();
    // The audit log names the filters but never the search text (it may be a person's name).
    let mut described: Vec<String> = filter::pairs(&filter)
        .into_iter()
        .filter(|(key, _)| *key != "q")
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
    if filter.query.is_some() {
        described.push("search".into());
    }
    let detail = if described.is_empty() {
        "all leads".to_string()
    } else {
        described.join(", ")
    };
    let at = state.desk.config.clock.now_rfc3339();
    if let Err(err) = state
        .store
        .record_in(
            reader.scope().home(),
            reader.name(),
            "export_csv",
            None,
            &detail,
            at,
        )
        .await
    {
        eprintln!("smp-inbox: {err}");
        return page::database_error(state.words());
    }
    crate::csv::response(state.store.clone(), reader.scope().clone(), filter)
}
