//! The desk's own words: page chrome, status names, buttons, in the six languages the widget
//! speaks. Everything that describes a lead (questions, answers, the recommendation,
//! cautions, in-person flags) comes from the widget's tables in `smp_consult::i18n`, never
//! from here; the desk only adds short names to scan at a glance (the summary's question
//! names, the in-person and caution badges), each beside or describing the widget's sentence.
//!
//! Plain data, as the widget's tables are: templates with named placeholders (`{name}`) and
//! `one`/`other` pairs, filled by [`fill`] and [`Plural::of`]. A language that misses a field
//! does not compile.

use smp_consult::domain::flow::QuestionId;
use smp_consult::domain::recommend::{Caution, InPerson};
use smp_consult::i18n::Locale;

use crate::store::LeadStatus;

/// A count's two forms.
#[derive(Debug, Clone, Copy)]
pub struct Plural {
    /// For 1.
    pub one: &'static str,
    /// For any other number.
    pub other: &'static str,
}

impl Plural {
    /// The form for `n`, with `{n}` filled in.
    pub fn of(&self, n: u64) -> String {
        let template = if n == 1 { self.one } else { self.other };
        fill(template, &[("n", &n.to_string())])
    }
}

/// Fills `{name}` placeholders in one pass, so a value that itself looks like a placeholder
/// stays as typed.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (close, *v))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every string the desk shows besides the widget's, for one language.
#[derive(Debug)]
pub struct DeskText {
    pub desk_title: &'static str,
    pub skip_to_content: &'static str,
    pub nav_leads: &'static str,
    pub nav_audit: &'static str,
    pub log_out: &'static str,
    /// `{name}`.
    pub signed_in_as: &'static str,

    pub login_heading: &'static str,
    pub user_name: &'static str,
    pub password: &'static str,
    pub log_in: &'static str,
    pub login_failed: &'static str,
    /// `{n}` minutes.
    pub login_throttled: Plural,
    pub logged_out: &'static str,
    pub session_ended: &'static str,

    pub leads_heading: &'static str,
    pub lead_count: Plural,
    pub filters_heading: &'static str,
    pub search_label: &'static str,
    pub status_label: &'static str,
    pub any: &'static str,
    pub approach_label: &'static str,
    pub in_person_label: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub has_photos_label: &'static str,
    pub from_label: &'static str,
    pub to_label: &'static str,
    pub language_label: &'static str,
    /// The clinic a lead was posted to (shown to users who see more than one).
    pub clinic_label: &'static str,
    pub apply: &'static str,
    pub clear: &'static str,
    pub export_csv: &'static str,
    pub no_leads: &'static str,
    pub no_match: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub pages_label: &'static str,
    pub received: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    pub new_badge: &'static str,
    /// The in-person badges' group, for screen readers ("In-person check needed").
    pub in_person_badge: &'static str,
    /// Short names of the in-person flags, for the badges a receptionist scans ("Keloid
    /// tendency"); the full sentence is the widget's.
    pub in_person_short: fn(InPerson) -> &'static str,
    /// Short names of the cautions, for the badges ("Patch test"); the full sentence is the
    /// widget's.
    pub caution_short: fn(Caution) -> &'static str,
    pub photo_count: Plural,
    /// The five statuses, in [`LeadStatus::ALL`] order.
    pub statuses: [&'static str; 5],
    /// `{name}` and `{time}`.
    pub status_set_by: &'static str,

    pub back_to_list: &'static str,
    pub contact_heading: &'static str,
    pub call: &'static str,
    pub write_email: &'static str,
    pub whatsapp: &'static str,
    pub preferred_contact: &'static str,
    pub best_time: &'static str,
    pub message: &'static str,
    pub status_heading: &'static str,
    pub set_status: &'static str,
    pub notes_heading: &'static str,
    pub note_label: &'static str,
    pub add_note: &'static str,
    pub no_notes: &'static str,
    pub history_heading: &'static str,
    pub answers_heading: &'static str,
    pub recommendation_heading: &'static str,
    pub photos_heading: &'static str,
    pub no_photos: &'static str,
    pub consent_heading: &'static str,
    pub consent_processing: &'static str,
    pub consent_marketing: &'static str,
    pub consent_text: &'static str,
    pub forwarding_heading: &'static str,
    /// `{time}`.
    pub forward_delivered: &'static str,
    pub forward_waiting: &'static str,
    /// `{n}` attempts.
    pub forward_retrying: Plural,
    /// `{n}` attempts.
    pub forward_failed: Plural,
    pub forward_last_error: &'static str,
    pub forward_kinds: [(&'static str, &'static str); 2],
    /// `{address}`: an email forward's recipient.
    pub forward_email_to: &'static str,
    /// `{time}`.
    pub forward_next_attempt: &'static str,
    pub forward_retry_now: &'static str,
    pub forward_retried: &'static str,
    pub nav_forwarding: &'static str,
    pub forwards_intro: &'static str,
    /// The forwarding page's filters: pending, failed, done (in [`FORWARD_STATES`] order).
    pub forward_states: [&'static str; 3],
    pub forward_all: &'static str,
    pub no_forwards: &'static str,
    pub older_forwards: &'static str,
    pub raw_json: &'static str,
    pub export_person: &'static str,
    pub erase: &'static str,
    pub erase_heading: &'static str,
    /// `{name}`.
    pub erase_explain: &'static str,
    pub erase_confirm: &'static str,
    pub cancel: &'static str,
    pub erased: &'static str,
    pub not_found: &'static str,
    pub admin_only: &'static str,
    pub form_expired: &'static str,
    pub database_error: &'static str,
    pub note_too_long: &'static str,
    pub note_empty: &'static str,

    pub audit_heading: &'static str,
    pub audit_intro: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub what: &'static str,
    pub lead: &'static str,
    pub detail: &'static str,
    pub no_entries: &'static str,
    /// Audit actions by code; an unknown code is shown as it is.
    pub actions: [(&'static str, &'static str); 13],
    /// Short names of the questions, for the one-line summary ("Hair: Dark brown").
    pub question_short: fn(QuestionId) -> &'static str,
}

impl DeskText {
    /// The table for a language.
    pub fn for_locale(locale: Locale) -> &'static DeskText {
        match locale {
            Locale::En => &EN,
            Locale::Es => &ES,
            Locale::Fr => &FR,
            Locale::De => &DE,
            Locale::Pt => &PT,
            Locale::It => &IT,
        }
    }

    /// A status's name.
    pub fn status(&self, status: LeadStatus) -> &'static str {
        let index = LeadStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or(0);
        self.statuses[index]
    }

    /// An audit action in words (the code itself when unknown).
    pub fn action<'a>(&self, code: &'a str) -> &'a str {
        self.actions
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(code, |(_, words)| words)
    }

    /// A forwarding state's filter label (the code itself when unknown).
    pub fn forward_state<'a>(&self, code: &'a str) -> &'a str {
        FORWARD_STATES
            .iter()
            .position(|c| *c == code)
            .map_or(code, |i| self.forward_states[i])
    }

    /// A forwarding kind in words (the code itself when unknown).
    pub fn forward_kind<'a>(&self, code: &'a str) -> &'a str {
        self.forward_kinds
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(code, |(_, words)| words)
    }
}

/// The language's own name (autonym), the same in every table.
pub fn language_name(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "English",
        Locale::Es => "Español",
        Locale::Fr => "Français",
        Locale::De => "Deutsch",
        Locale::Pt => "Português",
        Locale::It => "Italiano",
    }
}

/// The forwarding states a desk user can filter on, as stored in `forward_jobs.state`.
pub const FORWARD_STATES: [&str; 3] = ["pending", "failed", "done"];

const ACTION_CODES: [&str; 13] = [
    "status",
    "note",
    "erase",
    "export_csv",
    "export_person",
    "login",
    "logout",
    "login_failed",
    "user_add",
    "user_remove",
    "user_password",
    "view_raw",
    "forward_retry",
];

const fn actions(words: [&'static str; 13]) -> [(&'static str, &'static str); 13] {
    let mut out = [("", ""); 13];
    let mut i = 0;
    while i < 13 {
        out[i] = (ACTION_CODES[i], words[i]);
        i += 1;
    }
    out
}

const fn kinds(webhook: &'static str, email: &'static str) -> [(&'static str, &'static str); 2] {
    [("webhook", webhook), ("email", email)]
}

pub static EN: DeskText = DeskText {
    desk_title: "Lead desk",
    skip_to_content: "Skip to content",
    nav_leads: "Leads",
    nav_audit: "Audit log",
    log_out: "Log out",
    signed_in_as: "Signed in as {name}",
    login_heading: "Log in to the lead desk",
    user_name: "User name",
    password: "Password",
    log_in: "Log in",
    login_failed: "That user name and password do not match. Please try again.",
    login_throttled: Plural {
        one: "Too many failed attempts. Please try again in {n} minute.",
        other: "Too many failed attempts. Please try again in {n} minutes.",
    },
    logged_out: "You have logged out.",
    session_ended: "Your session has ended. Please log in again.",
    leads_heading: "Leads",
    lead_count: Plural {
        one: "{n} lead",
        other: "{n} leads",
    },
    filters_heading: "Find leads",
    search_label: "Name, email or phone",
    status_label: "Status",
    any: "Any",
    approach_label: "Recommended approach",
    in_person_label: "In-person check",
    yes: "Yes",
    no: "No",
    has_photos_label: "Photos",
    from_label: "Received from",
    to_label: "Received until",
    language_label: "Language",
    clinic_label: "Clinic",
    apply: "Show leads",
    clear: "Clear filters",
    export_csv: "Download these leads as CSV",
    no_leads: "No leads yet.",
    no_match: "No leads match these filters.",
    newer: "Newer leads",
    older: "Older leads",
    pages_label: "Pages",
    received: "Received",
    name: "Name",
    summary: "What they told us",
    new_badge: "New",
    in_person_badge: "In-person check needed",
    in_person_short: |i| match i {
        InPerson::Keloid => "Keloid tendency",
        InPerson::ScalpCondition => "Scalp condition",
        InPerson::BloodThinners => "Blood thinners / bleeding",
        InPerson::Pregnancy => "Pregnancy",
        InPerson::Chemo => "Chemotherapy",
        InPerson::Immune => "Immune condition",
        InPerson::Diabetes => "Diabetes",
        InPerson::InkAllergy => "Ink reaction: patch test",
        InPerson::RecentTransplant => "Transplant < 1 year",
        InPerson::Under18 => "Under 18",
        InPerson::ScarRecent => "Recent scar",
        InPerson::ScarRaised => "Raised scar",
        InPerson::AreataActive => "Active alopecia areata",
    },
    caution_short: |c| match c {
        Caution::FutureLoss => "May keep losing hair",
        Caution::LowContrast => "Low contrast",
        Caution::AreataRegrowth => "Areata may regrow",
        Caution::LongerHairNotPossible => "Longer hair not possible",
        Caution::LimitedDensity => "Limited density",
        Caution::PatchTest => "Patch test",
        Caution::TransplantSettle => "Transplant must settle",
    },
    photo_count: Plural {
        one: "{n} photo",
        other: "{n} photos",
    },
    statuses: ["New", "Contacted", "Booked", "Treated", "Not a fit"],
    status_set_by: "by {name}, {time}",
    back_to_list: "All leads",
    contact_heading: "Contact",
    call: "Call",
    write_email: "Email",
    whatsapp: "WhatsApp",
    preferred_contact: "Prefers",
    best_time: "Best time",
    message: "Message",
    status_heading: "Status",
    set_status: "Set the status",
    notes_heading: "Notes",
    note_label: "New note",
    add_note: "Add note",
    no_notes: "No notes yet.",
    history_heading: "History",
    answers_heading: "What the visitor told us",
    recommendation_heading: "What the visitor was shown",
    photos_heading: "Photos",
    no_photos: "No photos were sent.",
    consent_heading: "Consent",
    consent_processing: "Agreed that the clinic may use their answers",
    consent_marketing: "Agreed to marketing",
    consent_text: "The text they agreed to",
    forwarding_heading: "Forwarding",
    forward_delivered: "Delivered {time}",
    forward_waiting: "Waiting",
    forward_retrying: Plural {
        one: "Retrying ({n} attempt so far)",
        other: "Retrying ({n} attempts so far)",
    },
    forward_failed: Plural {
        one: "Gave up after {n} attempt",
        other: "Gave up after {n} attempts",
    },
    forward_last_error: "Last error",
    forward_kinds: kinds("Webhook", "Email"),
    forward_email_to: "Email to {address}",
    forward_next_attempt: "Next attempt {time}",
    forward_retry_now: "Retry now",
    forward_retried: "This forward will be tried again now.",
    nav_forwarding: "Forwarding",
    forwards_intro: "Every new lead is sent on to the clinic's webhook and email addresses. A forward that fails is tried again for days, waiting longer each time; one that gave up, or is still waiting, can be tried again now.",
    forward_states: ["Waiting or retrying", "Given up", "Delivered"],
    forward_all: "All",
    no_forwards: "No forwards here.",
    older_forwards: "Older forwards",
    raw_json: "The lead as it was sent (JSON)",
    export_person: "Export everything about this person (JSON)",
    erase: "Erase this lead",
    erase_heading: "Erase this lead?",
    erase_explain: "This deletes the lead from {name} for good: their answers, photos, notes, history and any forwards still waiting. It cannot be undone. Copies already sent by email or webhook are not affected.",
    erase_confirm: "Erase for good",
    cancel: "Cancel",
    erased: "The lead was erased.",
    not_found: "There is no such lead. It may have been erased.",
    admin_only: "Only an administrator can do this.",
    form_expired: "This form has expired or did not come from this desk. Go back, reload the page and try again.",
    database_error: "The desk could not read its database. Please check the server's log.",
    note_too_long: "This note is too long. Please shorten it.",
    note_empty: "Please write the note first.",
    audit_heading: "Audit log",
    audit_intro: "Every change, export and login, newest first. An erased lead leaves only the fact that it was erased.",
    when: "When",
    who: "Who",
    what: "What",
    lead: "Lead",
    detail: "Detail",
    no_entries: "Nothing recorded yet.",
    actions: actions([
        "Status changed",
        "Note added",
        "Erased",
        "CSV export",
        "Personal data export",
        "Logged in",
        "Logged out",
        "Failed login",
        "User added",
        "User removed",
        "Password changed",
        "Raw lead viewed",
        "Forward retried",
    ]),
    question_short: |q| match q {
        QuestionId::Pattern => "Hair loss",
        QuestionId::Stage => "Stage",
        QuestionId::Progression => "Progression",
        QuestionId::Style => "Style",
        QuestionId::HairColour => "Hair",
        QuestionId::SkinTone => "Skin",
        QuestionId::Scars => "Scars",
        QuestionId::ScarHealed => "Scars healed 9+ months",
        QuestionId::ScarRaised => "Scar surface",
        QuestionId::Health => "Health",
        QuestionId::AgeBand => "Age",
        QuestionId::Hairline => "Hairline",
    },
};

pub static ES: DeskText = DeskText {
    desk_title: "Bandeja de contactos",
    skip_to_content: "Ir al contenido",
    nav_leads: "Contactos",
    nav_audit: "Registro de actividad",
    log_out: "Cerrar sesión",
    signed_in_as: "Sesión de {name}",
    login_heading: "Entrar en la bandeja de contactos",
    user_name: "Usuario",
    password: "Contraseña",
    log_in: "Entrar",
    login_failed: "El usuario y la contraseña no coinciden. Inténtalo de nuevo.",
    login_throttled: Plural {
        one: "Demasiados intentos fallidos. Vuelve a intentarlo dentro de {n} minuto.",
        other: "Demasiados intentos fallidos. Vuelve a intentarlo dentro de {n} minutos.",
    },
    logged_out: "Has cerrado la sesión.",
    session_ended: "Tu sesión ha terminado. Vuelve a entrar.",
    leads_heading: "Contactos",
    lead_count: Plural {
        one: "{n} contacto",
        other: "{n} contactos",
    },
    filters_heading: "Buscar contactos",
    search_label: "Nombre, correo o teléfono",
    status_label: "Estado",
    any: "Cualquiera",
    approach_label: "Técnica recomendada",
    in_person_label: "Revisión en persona",
    yes: "Sí",
    no: "No",
    has_photos_label: "Fotos",
    from_label: "Recibidos desde",
    to_label: "Recibidos hasta",
    language_label: "Idioma",
    clinic_label: "Clínica",
    apply: "Mostrar contactos",
    clear: "Quitar filtros",
    export_csv: "Descargar estos contactos en CSV",
    no_leads: "Todavía no hay contactos.",
    no_match: "Ningún contacto coincide con estos filtros.",
    newer: "Más recientes",
    older: "Más antiguos",
    pages_label: "Páginas",
    received: "Recibido",
    name: "Nombre",
    summary: "Lo que nos contó",
    new_badge: "Nuevo",
    in_person_badge: "Necesita revisión en persona",
    in_person_short: |i| match i {
        InPerson::Keloid => "Tendencia a queloides",
        InPerson::ScalpCondition => "Afección del cuero cabelludo",
        InPerson::BloodThinners => "Anticoagulantes / sangrado",
        InPerson::Pregnancy => "Embarazo",
        InPerson::Chemo => "Quimioterapia",
        InPerson::Immune => "Afección inmunitaria",
        InPerson::Diabetes => "Diabetes",
        InPerson::InkAllergy => "Reacción a tintas: prueba previa",
        InPerson::RecentTransplant => "Trasplante < 1 año",
        InPerson::Under18 => "Menor de 18",
        InPerson::ScarRecent => "Cicatriz reciente",
        InPerson::ScarRaised => "Cicatriz en relieve",
        InPerson::AreataActive => "Alopecia areata activa",
    },
    caution_short: |c| match c {
        Caution::FutureLoss => "Puede seguir perdiendo pelo",
        Caution::LowContrast => "Poco contraste",
        Caution::AreataRegrowth => "Areata: el pelo puede volver",
        Caution::LongerHairNotPossible => "Pelo largo no viable",
        Caution::LimitedDensity => "Densidad limitada",
        Caution::PatchTest => "Prueba previa",
        Caution::TransplantSettle => "Esperar a que cure el trasplante",
    },
    photo_count: Plural {
        one: "{n} foto",
        other: "{n} fotos",
    },
    statuses: ["Nuevo", "Contactado", "Con cita", "Tratado", "No encaja"],
    status_set_by: "por {name}, {time}",
    back_to_list: "Todos los contactos",
    contact_heading: "Contacto",
    call: "Llamar",
    write_email: "Correo",
    whatsapp: "WhatsApp",
    preferred_contact: "Prefiere",
    best_time: "Mejor momento",
    message: "Mensaje",
    status_heading: "Estado",
    set_status: "Cambiar el estado",
    notes_heading: "Notas",
    note_label: "Nueva nota",
    add_note: "Añadir nota",
    no_notes: "Todavía no hay notas.",
    history_heading: "Historial",
    answers_heading: "Lo que nos contó la persona",
    recommendation_heading: "Lo que vio la persona",
    photos_heading: "Fotos",
    no_photos: "No envió fotos.",
    consent_heading: "Consentimiento",
    consent_processing: "Aceptó que la clínica use sus respuestas",
    consent_marketing: "Aceptó recibir publicidad",
    consent_text: "El texto que aceptó",
    forwarding_heading: "Reenvío",
    forward_delivered: "Entregado {time}",
    forward_waiting: "En espera",
    forward_retrying: Plural {
        one: "Reintentando ({n} intento hasta ahora)",
        other: "Reintentando ({n} intentos hasta ahora)",
    },
    forward_failed: Plural {
        one: "Abandonado tras {n} intento",
        other: "Abandonado tras {n} intentos",
    },
    forward_last_error: "Último error",
    forward_kinds: kinds("Webhook", "Correo"),
    forward_email_to: "Correo a {address}",
    forward_next_attempt: "Próximo intento {time}",
    forward_retry_now: "Reintentar ahora",
    forward_retried: "Este reenvío se intentará de nuevo ahora.",
    nav_forwarding: "Reenvío",
    forwards_intro: "Cada contacto nuevo se reenvía al webhook y a los correos de la clínica. Si un reenvío falla, se vuelve a intentar durante días, esperando cada vez más; uno abandonado o que sigue en espera se puede reintentar ahora.",
    forward_states: ["En espera o reintentando", "Abandonado", "Entregado"],
    forward_all: "Todos",
    no_forwards: "No hay reenvíos aquí.",
    older_forwards: "Reenvíos anteriores",
    raw_json: "El contacto tal como llegó (JSON)",
    export_person: "Exportar todo lo de esta persona (JSON)",
    erase: "Borrar este contacto",
    erase_heading: "¿Borrar este contacto?",
    erase_explain: "Esto borra para siempre el contacto de {name}: sus respuestas, fotos, notas, historial y los reenvíos pendientes. No se puede deshacer. Las copias ya enviadas por correo o webhook no se ven afectadas.",
    erase_confirm: "Borrar para siempre",
    cancel: "Cancelar",
    erased: "El contacto se ha borrado.",
    not_found: "Ese contacto no existe. Puede que se haya borrado.",
    admin_only: "Solo un administrador puede hacer esto.",
    form_expired: "Este formulario ha caducado o no viene de esta bandeja. Vuelve atrás, recarga la página e inténtalo de nuevo.",
    database_error: "La bandeja no pudo leer su base de datos. Revisa el registro del servidor.",
    note_too_long: "La nota es demasiado larga. Acórtala, por favor.",
    note_empty: "Escribe primero la nota.",
    audit_heading: "Registro de actividad",
    audit_intro: "Cada cambio, exportación e inicio de sesión, del más reciente al más antiguo. De un contacto borrado solo queda que se borró.",
    when: "Cuándo",
    who: "Quién",
    what: "Qué",
    lead: "Contacto",
    detail: "Detalle",
    no_entries: "Todavía no hay nada registrado.",
    actions: actions([
        "Cambio de estado",
        "Nota añadida",
        "Borrado",
        "Exportación CSV",
        "Exportación de datos personales",
        "Inicio de sesión",
        "Cierre de sesión",
        "Inicio de sesión fallido",
        "Usuario añadido",
        "Usuario eliminado",
        "Contraseña cambiada",
        "Contacto original consultado",
        "Reenvío reintentado",
    ]),
    question_short: |q| match q {
        QuestionId::Pattern => "Caída",
        QuestionId::Stage => "Grado",
        QuestionId::Progression => "Evolución",
        QuestionId::Style => "Estilo",
        QuestionId::HairColour => "Pelo",
        QuestionId::SkinTone => "Piel",
        QuestionId::Scars => "Cicatrices",
        QuestionId::ScarHealed => "Cicatrices curadas 9+ meses",
        QuestionId::ScarRaised => "Relieve de la cicatriz",
        QuestionId::Health => "Salud",
        QuestionId::AgeBand => "Edad",
        QuestionId::Hairline => "Línea frontal",
    },
};

pub static FR: DeskText = DeskText {
    desk_title: "Suivi des demandes",
    skip_to_content: "Aller au contenu",
    nav_leads: "Demandes",
    nav_audit: "Journal d’activité",
    log_out: "Se déconnecter",
    signed_in_as: "Connecté·e : {name}",
    login_heading: "Se connecter au suivi des demandes",
    user_name: "Nom d’utilisateur",
    password: "Mot de passe",
    log_in: "Se connecter",
    login_failed: "Ce nom d’utilisateur et ce mot de passe ne correspondent pas. Veuillez réessayer.",
    login_throttled: Plural {
        one: "Trop de tentatives échouées. Réessayez dans {n} minute.",
        other: "Trop de tentatives échouées. Réessayez dans {n} minutes.",
    },
    logged_out: "Vous êtes déconnecté·e.",
    session_ended: "Votre session a pris fin. Veuillez vous reconnecter.",
    leads_heading: "Demandes",
    lead_count: Plural {
        one: "{n} demande",
        other: "{n} demandes",
    },
    filters_heading: "Trouver des demandes",
    search_label: "Nom, e-mail ou téléphone",
    status_label: "Statut",
    any: "Tous",
    approach_label: "Technique recommandée",
    in_person_label: "Examen sur place",
    yes: "Oui",
    no: "Non",
    has_photos_label: "Photos",
    from_label: "Reçues à partir du",
    to_label: "Reçues jusqu’au",
    language_label: "Langue",
    clinic_label: "Clinique",
    apply: "Afficher",
    clear: "Effacer les filtres",
    export_csv: "Télécharger ces demandes en CSV",
    no_leads: "Aucune demande pour l’instant.",
    no_match: "Aucune demande ne correspond à ces filtres.",
    newer: "Plus récentes",
    older: "Plus anciennes",
    pages_label: "Pages",
    received: "Reçue",
    name: "Nom",
    summary: "Ce que la personne a indiqué",
    new_badge: "Nouvelle",
    in_person_badge: "Examen sur place nécessaire",
    in_person_short: |i| match i {
        InPerson::Keloid => "Tendance chéloïde",
        InPerson::ScalpCondition => "Affection du cuir chevelu",
        InPerson::BloodThinners => "Anticoagulants / saignement",
        InPerson::Pregnancy => "Grossesse",
        InPerson::Chemo => "Chimiothérapie",
        InPerson::Immune => "Trouble immunitaire",
        InPerson::Diabetes => "Diabète",
        InPerson::InkAllergy => "Réaction à l’encre\u{202f}: test préalable",
        InPerson::RecentTransplant => "Greffe < 1 an",
        InPerson::Under18 => "Moins de 18 ans",
        InPerson::ScarRecent => "Cicatrice récente",
        InPerson::ScarRaised => "Cicatrice en relief",
        InPerson::AreataActive => "Pelade active",
    },
    caution_short: |c| match c {
        Caution::FutureLoss => "La chute peut continuer",
        Caution::LowContrast => "Faible contraste",
        Caution::AreataRegrowth => "Repousse possible (pelade)",
        Caution::LongerHairNotPossible => "Cheveux longs exclus",
        Caution::LimitedDensity => "Densité limitée",
        Caution::PatchTest => "Test préalable",
        Caution::TransplantSettle => "Greffe à laisser cicatriser",
    },
    photo_count: Plural {
        one: "{n} photo",
        other: "{n} photos",
    },
    statuses: ["Nouvelle", "Contactée", "Rendez-vous pris", "Traitée", "Ne convient pas"],
    status_set_by: "par {name}, {time}",
    back_to_list: "Toutes les demandes",
    contact_heading: "Coordonnées",
    call: "Appeler",
    write_email: "E-mail",
    whatsapp: "WhatsApp",
    preferred_contact: "Préfère",
    best_time: "Meilleur moment",
    message: "Message",
    status_heading: "Statut",
    set_status: "Changer le statut",
    notes_heading: "Notes",
    note_label: "Nouvelle note",
    add_note: "Ajouter la note",
    no_notes: "Aucune note pour l’instant.",
    history_heading: "Historique",
    answers_heading: "Ce que la personne a indiqué",
    recommendation_heading: "Ce que la personne a vu",
    photos_heading: "Photos",
    no_photos: "Aucune photo envoyée.",
    consent_heading: "Consentement",
    consent_processing: "A accepté que la clinique utilise ses réponses",
    consent_marketing: "A accepté les communications commerciales",
    consent_text: "Le texte accepté",
    forwarding_heading: "Transfert",
    forward_delivered: "Remis {time}",
    forward_waiting: "En attente",
    forward_retrying: Plural {
        one: "Nouvel essai en cours ({n} tentative jusqu’ici)",
        other: "Nouvel essai en cours ({n} tentatives jusqu’ici)",
    },
    forward_failed: Plural {
        one: "Abandonné après {n} tentative",
        other: "Abandonné après {n} tentatives",
    },
    forward_last_error: "Dernière erreur",
    forward_kinds: kinds("Webhook", "E-mail"),
    forward_email_to: "E-mail à {address}",
    forward_next_attempt: "Prochain essai {time}",
    forward_retry_now: "Relancer maintenant",
    forward_retried: "Ce transfert va être relancé maintenant.",
    nav_forwarding: "Transfert",
    forwards_intro: "Chaque nouvelle demande est transmise au webhook et aux adresses e-mail de la clinique. Un transfert qui échoue est retenté pendant plusieurs jours, avec des attentes de plus en plus longues ; un transfert abandonné ou encore en attente peut être relancé maintenant.",
    forward_states: ["En attente ou nouvel essai", "Abandonné", "Remis"],
    forward_all: "Tous",
    no_forwards: "Aucun transfert ici.",
    older_forwards: "Transferts plus anciens",
    raw_json: "La demande telle qu’envoyée (JSON)",
    export_person: "Exporter tout ce qui concerne cette personne (JSON)",
    erase: "Effacer cette demande",
    erase_heading: "Effacer cette demande ?",
    erase_explain: "Cela supprime définitivement la demande de {name} : ses réponses, photos, notes, son historique et les transferts encore en attente. C’est irréversible. Les copies déjà envoyées par e-mail ou webhook ne sont pas concernées.",
    erase_confirm: "Effacer définitivement",
    cancel: "Annuler",
    erased: "La demande a été effacée.",
    not_found: "Cette demande n’existe pas. Elle a peut-être été effacée.",
    admin_only: "Seul un administrateur peut faire cela.",
    form_expired: "Ce formulaire a expiré ou ne vient pas de ce suivi. Revenez en arrière, rechargez la page et réessayez.",
    database_error: "Le suivi n’a pas pu lire sa base de données. Consultez le journal du serveur.",
    note_too_long: "Cette note est trop longue. Veuillez la raccourcir.",
    note_empty: "Veuillez d’abord écrire la note.",
    audit_heading: "Journal d’activité",
    audit_intro: "Chaque modification, export et connexion, du plus récent au plus ancien. D’une demande effacée, il ne reste que le fait qu’elle a été effacée.",
    when: "Quand",
    who: "Qui",
    what: "Quoi",
    lead: "Demande",
    detail: "Détail",
    no_entries: "Rien d’enregistré pour l’instant.",
    actions: actions([
        "Statut modifié",
        "Note ajoutée",
        "Effacement",
        "Export CSV",
        "Export des données personnelles",
        "Connexion",
        "Déconnexion",
        "Connexion échouée",
        "Utilisateur ajouté",
        "Utilisateur supprimé",
        "Mot de passe changé",
        "Demande d’origine consultée",
        "Transfert relancé",
    ]),
    question_short: |q| match q {
        QuestionId::Pattern => "Perte",
        QuestionId::Stage => "Stade",
        QuestionId::Progression => "Évolution",
        QuestionId::Style => "Coupe",
        QuestionId::HairColour => "Cheveux",
        QuestionId::SkinTone => "Peau",
        QuestionId::Scars => "Cicatrices",
        QuestionId::ScarHealed => "Cicatrices guéries depuis 9 mois",
        QuestionId::ScarRaised => "Relief de la cicatrice",
        QuestionId::Health => "Santé",
        QuestionId::AgeBand => "Âge",
        QuestionId::Hairline => "Ligne frontale",
    },
};

pub static DE: DeskText = DeskText {
    desk_title: "Anfragen",
    skip_to_content: "Zum Inhalt springen",
    nav_leads: "Anfragen",
    nav_audit: "Protokoll",
    log_out: "Abmelden",
    signed_in_as: "Angemeldet als {name}",
    login_heading: "Bei den Anfragen anmelden",
    user_name: "Benutzername",
    password: "Passwort",
    log_in: "Anmelden",
    login_failed: "Benutzername und Passwort passen nicht zusammen. Bitte versuchen Sie es erneut.",
    login_throttled: Plural {
        one: "Zu viele Fehlversuche. Bitte versuchen Sie es in {n} Minute erneut.",
        other: "Zu viele Fehlversuche. Bitte versuchen Sie es in {n} Minuten erneut.",
    },
    logged_out: "Sie sind abgemeldet.",
    session_ended: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    leads_heading: "Anfragen",
    lead_count: Plural {
        one: "{n} Anfrage",
        other: "{n} Anfragen",
    },
    filters_heading: "Anfragen finden",
    search_label: "Name, E-Mail oder Telefon",
    status_label: "Status",
    any: "Alle",
    approach_label: "Empfohlene Methode",
    in_person_label: "Persönliche Untersuchung",
    yes: "Ja",
    no: "Nein",
    has_photos_label: "Fotos",
    from_label: "Eingegangen ab",
    to_label: "Eingegangen bis",
    language_label: "Sprache",
    clinic_label: "Klinik",
    apply: "Anzeigen",
    clear: "Filter zurücksetzen",
    export_csv: "Diese Anfragen als CSV herunterladen",
    no_leads: "Noch keine Anfragen.",
    no_match: "Keine Anfrage passt zu diesen Filtern.",
    newer: "Neuere Anfragen",
    older: "Ältere Anfragen",
    pages_label: "Seiten",
    received: "Eingegangen",
    name: "Name",
    summary: "Angaben",
    new_badge: "Neu",
    in_person_badge: "Persönliche Untersuchung nötig",
    in_person_short: |i| match i {
        InPerson::Keloid => "Neigung zu Keloiden",
        InPerson::ScalpCondition => "Kopfhauterkrankung",
        InPerson::BloodThinners => "Blutverdünner / Blutungen",
        InPerson::Pregnancy => "Schwangerschaft",
        InPerson::Chemo => "Chemotherapie",
        InPerson::Immune => "Immunerkrankung",
        InPerson::Diabetes => "Diabetes",
        InPerson::InkAllergy => "Farbreaktion: erst Hauttest",
        InPerson::RecentTransplant => "Transplantation < 1 Jahr",
        InPerson::Under18 => "Unter 18",
        InPerson::ScarRecent => "Frische Narbe",
        InPerson::ScarRaised => "Erhabene Narbe",
        InPerson::AreataActive => "Aktiver kreisrunder Haarausfall",
    },
    caution_short: |c| match c {
        Caution::FutureLoss => "Haarausfall kann weitergehen",
        Caution::LowContrast => "Wenig Kontrast",
        Caution::AreataRegrowth => "Areata: Haar kann nachwachsen",
        Caution::LongerHairNotPossible => "Längeres Haar nicht möglich",
        Caution::LimitedDensity => "Begrenzte Dichte",
        Caution::PatchTest => "Hauttest vorab",
        Caution::TransplantSettle => "Transplantat muss abheilen",
    },
    photo_count: Plural {
        one: "{n} Foto",
        other: "{n} Fotos",
    },
    statuses: ["Neu", "Kontaktiert", "Termin vereinbart", "Behandelt", "Passt nicht"],
    status_set_by: "von {name}, {time}",
    back_to_list: "Alle Anfragen",
    contact_heading: "Kontakt",
    call: "Anrufen",
    write_email: "E-Mail",
    whatsapp: "WhatsApp",
    preferred_contact: "Bevorzugt",
    best_time: "Beste Zeit",
    message: "Nachricht",
    status_heading: "Status",
    set_status: "Status setzen",
    notes_heading: "Notizen",
    note_label: "Neue Notiz",
    add_note: "Notiz hinzufügen",
    no_notes: "Noch keine Notizen.",
    history_heading: "Verlauf",
    answers_heading: "Angaben der Person",
    recommendation_heading: "Was die Person angezeigt bekam",
    photos_heading: "Fotos",
    no_photos: "Keine Fotos gesendet.",
    consent_heading: "Einwilligung",
    consent_processing: "Hat eingewilligt, dass die Praxis die Antworten nutzt",
    consent_marketing: "Hat in Werbung eingewilligt",
    consent_text: "Der Text, dem die Person zugestimmt hat",
    forwarding_heading: "Weiterleitung",
    forward_delivered: "Zugestellt {time}",
    forward_waiting: "Wartet",
    forward_retrying: Plural {
        one: "Neuer Versuch läuft (bisher {n} Versuch)",
        other: "Neuer Versuch läuft (bisher {n} Versuche)",
    },
    forward_failed: Plural {
        one: "Aufgegeben nach {n} Versuch",
        other: "Aufgegeben nach {n} Versuchen",
    },
    forward_last_error: "Letzter Fehler",
    forward_kinds: kinds("Webhook", "E-Mail"),
    forward_email_to: "E-Mail an {address}",
    forward_next_attempt: "Nächster Versuch {time}",
    forward_retry_now: "Jetzt erneut versuchen",
    forward_retried: "Diese Weiterleitung wird jetzt erneut versucht.",
    nav_forwarding: "Weiterleitung",
    forwards_intro: "Jede neue Anfrage wird an den Webhook und die E-Mail-Adressen der Praxis weitergeleitet. Schlägt eine Weiterleitung fehl, wird sie tagelang mit wachsenden Abständen wiederholt; eine aufgegebene oder noch wartende Weiterleitung kann jetzt erneut versucht werden.",
    forward_states: ["Wartet oder wird wiederholt", "Aufgegeben", "Zugestellt"],
    forward_all: "Alle",
    no_forwards: "Hier gibt es keine Weiterleitungen.",
    older_forwards: "Ältere Weiterleitungen",
    raw_json: "Die Anfrage wie gesendet (JSON)",
    export_person: "Alles zu dieser Person exportieren (JSON)",
    erase: "Diese Anfrage löschen",
    erase_heading: "Diese Anfrage löschen?",
    erase_explain: "Damit wird die Anfrage von {name} endgültig gelöscht: Antworten, Fotos, Notizen, Verlauf und noch wartende Weiterleitungen. Das lässt sich nicht rückgängig machen. Bereits per E-Mail oder Webhook gesendete Kopien sind nicht betroffen.",
    erase_confirm: "Endgültig löschen",
    cancel: "Abbrechen",
    erased: "Die Anfrage wurde gelöscht.",
    not_found: "Diese Anfrage gibt es nicht. Vielleicht wurde sie gelöscht.",
    admin_only: "Das darf nur ein Administrator.",
    form_expired: "Dieses Formular ist abgelaufen oder stammt nicht von dieser Seite. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.",
    database_error: "Die Datenbank konnte nicht gelesen werden. Bitte prüfen Sie das Server-Protokoll.",
    note_too_long: "Diese Notiz ist zu lang. Bitte kürzen Sie sie.",
    note_empty: "Bitte schreiben Sie zuerst die Notiz.",
    audit_heading: "Protokoll",
    audit_intro: "Jede Änderung, jeder Export und jede Anmeldung, die neuesten zuerst. Von einer gelöschten Anfrage bleibt nur, dass sie gelöscht wurde.",
    when: "Wann",
    who: "Wer",
    what: "Was",
    lead: "Anfrage",
    detail: "Einzelheiten",
    no_entries: "Noch nichts protokolliert.",
    actions: actions([
        "Status geändert",
        "Notiz hinzugefügt",
        "Gelöscht",
        "CSV-Export",
        "Export personenbezogener Daten",
        "Angemeldet",
        "Abgemeldet",
        "Anmeldung fehlgeschlagen",
        "Benutzer hinzugefügt",
        "Benutzer entfernt",
        "Passwort geändert",
        "Original-Anfrage angesehen",
        "Weiterleitung wiederholt",
    ]),
    question_short: |q| match q {
        QuestionId::Pattern => "Haarausfall",
        QuestionId::Stage => "Stadium",
        QuestionId::Progression => "Verlauf",
        QuestionId::Style => "Frisur",
        QuestionId::HairColour => "Haar",
        QuestionId::SkinTone => "Haut",
        QuestionId::Scars => "Narben",
        QuestionId::ScarHealed => "Narben seit 9+ Monaten verheilt",
        QuestionId::ScarRaised => "Narbenoberfläche",
        QuestionId::Health => "Gesundheit",
        QuestionId::AgeBand => "Alter",
        QuestionId::Hairline => "Haaransatz",
    },
};

pub static PT: DeskText = DeskText {
    desk_title: "Pedidos de contacto",
    skip_to_content: "Saltar para o conteúdo",
    nav_leads: "Pedidos",
    nav_audit: "Registo de atividade",
    log_out: "Terminar sessão",
    signed_in_as: "Sessão de {name}",
    login_heading: "Entrar nos pedidos de contacto",
    user_name: "Utilizador",
    password: "Palavra-passe",
    log_in: "Entrar",
    login_failed: "O utilizador e a palavra-passe não correspondem. Tente novamente.",
    login_throttled: Plural {
        one: "Demasiadas tentativas falhadas. Tente novamente daqui a {n} minuto.",
        other: "Demasiadas tentativas falhadas. Tente novamente daqui a {n} minutos.",
    },
    logged_out: "Terminou a sessão.",
    session_ended: "A sua sessão terminou. Entre novamente.",
    leads_heading: "Pedidos",
    lead_count: Plural {
        one: "{n} pedido",
        other: "{n} pedidos",
    },
    filters_heading: "Procurar pedidos",
    search_label: "Nome, e-mail ou telefone",
    status_label: "Estado",
    any: "Todos",
    approach_label: "Técnica recomendada",
    in_person_label: "Avaliação presencial",
    yes: "Sim",
    no: "Não",
    has_photos_label: "Fotografias",
    from_label: "Recebidos desde",
    to_label: "Recebidos até",
    language_label: "Idioma",
    clinic_label: "Clínica",
    apply: "Mostrar pedidos",
    clear: "Limpar filtros",
    export_csv: "Transferir estes pedidos em CSV",
    no_leads: "Ainda não há pedidos.",
    no_match: "Nenhum pedido corresponde a estes filtros.",
    newer: "Mais recentes",
    older: "Mais antigos",
    pages_label: "Páginas",
    received: "Recebido",
    name: "Nome",
    summary: "O que nos disse",
    new_badge: "Novo",
    in_person_badge: "Precisa de avaliação presencial",
    in_person_short: |i| match i {
        InPerson::Keloid => "Tendência a queloides",
        InPerson::ScalpCondition => "Problema no couro cabeludo",
        InPerson::BloodThinners => "Anticoagulantes / coagulação",
        InPerson::Pregnancy => "Gravidez",
        InPerson::Chemo => "Quimioterapia",
        InPerson::Immune => "Doença imunitária",
        InPerson::Diabetes => "Diabetes",
        InPerson::InkAllergy => "Reação à tinta: teste prévio",
        InPerson::RecentTransplant => "Transplante < 1 ano",
        InPerson::Under18 => "Menor de 18",
        InPerson::ScarRecent => "Cicatriz recente",
        InPerson::ScarRaised => "Cicatriz em relevo",
        InPerson::AreataActive => "Alopecia areata ativa",
    },
    caution_short: |c| match c {
        Caution::FutureLoss => "A queda pode continuar",
        Caution::LowContrast => "Pouco contraste",
        Caution::AreataRegrowth => "Areata: o cabelo pode voltar",
        Caution::LongerHairNotPossible => "Cabelo longo não é possível",
        Caution::LimitedDensity => "Densidade limitada",
        Caution::PatchTest => "Teste prévio",
        Caution::TransplantSettle => "Transplante deve cicatrizar",
    },
    photo_count: Plural {
        one: "{n} fotografia",
        other: "{n} fotografias",
    },
    statuses: ["Novo", "Contactado", "Marcado", "Tratado", "Não adequado"],
    status_set_by: "por {name}, {time}",
    back_to_list: "Todos os pedidos",
    contact_heading: "Contacto",
    call: "Ligar",
    write_email: "E-mail",
    whatsapp: "WhatsApp",
    preferred_contact: "Prefere",
    best_time: "Melhor altura",
    message: "Mensagem",
    status_heading: "Estado",
    set_status: "Alterar o estado",
    notes_heading: "Notas",
    note_label: "Nova nota",
    add_note: "Adicionar nota",
    no_notes: "Ainda não há notas.",
    history_heading: "Histórico",
    answers_heading: "O que a pessoa nos disse",
    recommendation_heading: "O que a pessoa viu",
    photos_heading: "Fotografias",
    no_photos: "Não enviou fotografias.",
    consent_heading: "Consentimento",
    consent_processing: "Aceitou que a clínica use as suas respostas",
    consent_marketing: "Aceitou receber comunicações de marketing",
    consent_text: "O texto que aceitou",
    forwarding_heading: "Reencaminhamento",
    forward_delivered: "Entregue {time}",
    forward_waiting: "Em espera",
    forward_retrying: Plural {
        one: "A tentar de novo ({n} tentativa até agora)",
        other: "A tentar de novo ({n} tentativas até agora)",
    },
    forward_failed: Plural {
        one: "Desistiu após {n} tentativa",
        other: "Desistiu após {n} tentativas",
    },
    forward_last_error: "Último erro",
    forward_kinds: kinds("Webhook", "E-mail"),
    forward_email_to: "E-mail para {address}",
    forward_next_attempt: "Próxima tentativa {time}",
    forward_retry_now: "Tentar de novo agora",
    forward_retried: "Este reencaminhamento vai ser tentado de novo agora.",
    nav_forwarding: "Reencaminhamento",
    forwards_intro: "Cada novo pedido é reencaminhado para o webhook e os endereços de e-mail da clínica. Um reencaminhamento que falha é tentado de novo durante dias, com esperas cada vez maiores; um que foi abandonado, ou que ainda está em espera, pode ser tentado de novo agora.",
    forward_states: ["Em espera ou a tentar de novo", "Abandonado", "Entregue"],
    forward_all: "Todos",
    no_forwards: "Não há reencaminhamentos aqui.",
    older_forwards: "Reencaminhamentos anteriores",
    raw_json: "O pedido tal como foi enviado (JSON)",
    export_person: "Exportar tudo sobre esta pessoa (JSON)",
    erase: "Apagar este pedido",
    erase_heading: "Apagar este pedido?",
    erase_explain: "Isto apaga de vez o pedido de {name}: respostas, fotografias, notas, histórico e reencaminhamentos ainda pendentes. Não pode ser desfeito. As cópias já enviadas por e-mail ou webhook não são afetadas.",
    erase_confirm: "Apagar de vez",
    cancel: "Cancelar",
    erased: "O pedido foi apagado.",
    not_found: "Esse pedido não existe. Pode ter sido apagado.",
    admin_only: "Só um administrador pode fazer isto.",
    form_expired: "Este formulário expirou ou não veio desta página. Volte atrás, recarregue a página e tente novamente.",
    database_error: "Não foi possível ler a base de dados. Consulte o registo do servidor.",
    note_too_long: "Esta nota é demasiado longa. Encurte-a, por favor.",
    note_empty: "Escreva primeiro a nota.",
    audit_heading: "Registo de atividade",
    audit_intro: "Cada alteração, exportação e início de sessão, do mais recente para o mais antigo. De um pedido apagado fica apenas o registo de que foi apagado.",
    when: "Quando",
    who: "Quem",
    what: "O quê",
    lead: "Pedido",
    detail: "Detalhe",
    no_entries: "Ainda não há nada registado.",
    actions: actions([
        "Estado alterado",
        "Nota adicionada",
        "Apagado",
        "Exportação CSV",
        "Exportação de dados pessoais",
        "Início de sessão",
        "Fim de sessão",
        "Início de sessão falhado",
        "Utilizador adicionado",
        "Utilizador removido",
        "Palavra-passe alterada",
        "Pedido original consultado",
        "Reencaminhamento repetido",
    ]),
    question_short: |q| match q {
        QuestionId::Pattern => "Queda",
        QuestionId::Stage => "Grau",
        QuestionId::Progression => "Evolução",
        QuestionId::Style => "Estilo",
        QuestionId::HairColour => "Cabelo",
        QuestionId::SkinTone => "Pele",
        QuestionId::Scars => "Cicatrizes",
        QuestionId::ScarHealed => "Cicatrizes saradas há 9+ meses",
        QuestionId::ScarRaised => "Relevo da cicatriz",
        QuestionId::Health => "Saúde",
        QuestionId::AgeBand => "Idade",
        QuestionId::Hairline => "Linha frontal",
    },
};

pub static IT: DeskText = DeskText {
    desk_title: "Richieste",
    skip_to_content: "Vai al contenuto",
    nav_leads: "Richieste",
    nav_audit: "Registro attività",
    log_out: "Esci",
    signed_in_as: "Accesso come {name}",
    login_heading: "Accedi alle richieste",
    user_name: "Nome utente",
    password: "Password",
    log_in: "Accedi",
    login_failed: "Nome utente e password non corrispondono. Riprova.",
    login_throttled: Plural {
        one: "Troppi tentativi falliti. Riprova tra {n} minuto.",
        other: "Troppi tentativi falliti. Riprova tra {n} minuti.",
    },
    logged_out: "Sei uscito.",
    session_ended: "La sessione è scaduta. Accedi di nuovo.",
    leads_heading: "Richieste",
    lead_count: Plural {
        one: "{n} richiesta",
        other: "{n} richieste",
    },
    filters_heading: "Trova richieste",
    search_label: "Nome, email o telefono",
    status_label: "Stato",
    any: "Tutti",
    approach_label: "Tecnica consigliata",
    in_person_label: "Visita di persona",
    yes: "Sì",
    no: "No",
    has_photos_label: "Foto",
    from_label: "Ricevute dal",
    to_label: "Ricevute fino al",
    language_label: "Lingua",
    clinic_label: "Clinica",
    apply: "Mostra richieste",
    clear: "Azzera filtri",
    export_csv: "Scarica queste richieste in CSV",
    no_leads: "Ancora nessuna richiesta.",
    no_match: "Nessuna richiesta corrisponde a questi filtri.",
    newer: "Più recenti",
    older: "Meno recenti",
    pages_label: "Pagine",
    received: "Ricevuta",
    name: "Nome",
    summary: "Cosa ci ha detto",
    new_badge: "Nuova",
    in_person_badge: "Serve una visita di persona",
    in_person_short: |i| match i {
        InPerson::Keloid => "Tendenza ai cheloidi",
        InPerson::ScalpCondition => "Problema del cuoio capelluto",
        InPerson::BloodThinners => "Anticoagulanti / sanguinamento",
        InPerson::Pregnancy => "Gravidanza",
        InPerson::Chemo => "Chemioterapia",
        InPerson::Immune => "Problema immunitario",
        InPerson::Diabetes => "Diabete",
        InPerson::InkAllergy => "Reazione all’inchiostro: test cutaneo",
        InPerson::RecentTransplant => "Trapianto < 1 anno",
        InPerson::Under18 => "Minorenne",
        InPerson::ScarRecent => "Cicatrice recente",
        InPerson::ScarRaised => "Cicatrice in rilievo",
        InPerson::AreataActive => "Alopecia areata attiva",
    },
    caution_short: |c| match c {
        Caution::FutureLoss => "La caduta può continuare",
        Caution::LowContrast => "Poco contrasto",
        Caution::AreataRegrowth => "Areata: possibile ricrescita",
        Caution::LongerHairNotPossible => "Capelli lunghi non possibili",
        Caution::LimitedDensity => "Densità limitata",
        Caution::PatchTest => "Test cutaneo preliminare",
        Caution::TransplantSettle => "Il trapianto deve guarire",
    },
    photo_count: Plural {
        one: "{n} foto",
        other: "{n} foto",
    },
    statuses: ["Nuova", "Contattata", "Prenotata", "Trattata", "Non adatta"],
    status_set_by: "da {name}, {time}",
    back_to_list: "Tutte le richieste",
    contact_heading: "Contatto",
    call: "Chiama",
    write_email: "Email",
    whatsapp: "WhatsApp",
    preferred_contact: "Preferisce",
    best_time: "Momento migliore",
    message: "Messaggio",
    status_heading: "Stato",
    set_status: "Cambia lo stato",
    notes_heading: "Note",
    note_label: "Nuova nota",
    add_note: "Aggiungi nota",
    no_notes: "Ancora nessuna nota.",
    history_heading: "Cronologia",
    answers_heading: "Cosa ci ha detto la persona",
    recommendation_heading: "Cosa ha visto la persona",
    photos_heading: "Foto",
    no_photos: "Nessuna foto inviata.",
    consent_heading: "Consenso",
    consent_processing: "Ha accettato che la clinica usi le sue risposte",
    consent_marketing: "Ha accettato le comunicazioni commerciali",
    consent_text: "Il testo accettato",
    forwarding_heading: "Inoltro",
    forward_delivered: "Consegnato {time}",
    forward_waiting: "In attesa",
    forward_retrying: Plural {
        one: "Nuovo tentativo in corso ({n} tentativo finora)",
        other: "Nuovo tentativo in corso ({n} tentativi finora)",
    },
    forward_failed: Plural {
        one: "Abbandonato dopo {n} tentativo",
        other: "Abbandonato dopo {n} tentativi",
    },
    forward_last_error: "Ultimo errore",
    forward_kinds: kinds("Webhook", "Email"),
    forward_email_to: "Email a {address}",
    forward_next_attempt: "Prossimo tentativo {time}",
    forward_retry_now: "Riprova ora",
    forward_retried: "Questo inoltro verrà ritentato ora.",
    nav_forwarding: "Inoltro",
    forwards_intro: "Ogni nuova richiesta viene inoltrata al webhook e agli indirizzi email della clinica. Un inoltro non riuscito viene ritentato per giorni, con attese sempre più lunghe; uno abbandonato o ancora in attesa si può ritentare subito.",
    forward_states: ["In attesa o nuovo tentativo in corso", "Abbandonato", "Consegnato"],
    forward_all: "Tutti",
    no_forwards: "Nessun inoltro qui.",
    older_forwards: "Inoltri precedenti",
    raw_json: "La richiesta così come è arrivata (JSON)",
    export_person: "Esporta tutto su questa persona (JSON)",
    erase: "Cancella questa richiesta",
    erase_heading: "Cancellare questa richiesta?",
    erase_explain: "Questo cancella per sempre la richiesta di {name}: risposte, foto, note, cronologia e gli inoltri ancora in attesa. Non si può annullare. Le copie già inviate per email o webhook non cambiano.",
    erase_confirm: "Cancella per sempre",
    cancel: "Annulla",
    erased: "La richiesta è stata cancellata.",
    not_found: "Questa richiesta non esiste. Forse è stata cancellata.",
    admin_only: "Solo un amministratore può farlo.",
    form_expired: "Questo modulo è scaduto o non proviene da questa pagina. Torna indietro, ricarica la pagina e riprova.",
    database_error: "Impossibile leggere il database. Controlla il registro del server.",
    note_too_long: "Questa nota è troppo lunga. Accorciala, per favore.",
    note_empty: "Scrivi prima la nota.",
    audit_heading: "Registro attività",
    audit_intro: "Ogni modifica, esportazione e accesso, dai più recenti. Di una richiesta cancellata resta solo il fatto che è stata cancellata.",
    when: "Quando",
    who: "Chi",
    what: "Cosa",
    lead: "Richiesta",
    detail: "Dettaglio",
    no_entries: "Ancora nulla di registrato.",
    actions: actions([
        "Stato cambiato",
        "Nota aggiunta",
        "Cancellata",
        "Esportazione CSV",
        "Esportazione dati personali",
        "Accesso",
        "Uscita",
        "Accesso non riuscito",
        "Utente aggiunto",
        "Utente rimosso",
        "Password cambiata",
        "Richiesta originale consultata",
        "Inoltro ritentato",
    ]),
    question_short: |q| match q {
        QuestionId::Pattern => "Perdita",
        QuestionId::Stage => "Stadio",
        QuestionId::Progression => "Evoluzione",
        QuestionId::Style => "Stile",
        QuestionId::HairColour => "Capelli",
        QuestionId::SkinTone => "Pelle",
        QuestionId::Scars => "Cicatrici",
        QuestionId::ScarHealed => "Cicatrici guarite da 9+ mesi",
        QuestionId::ScarRaised => "Rilievo della cicatrice",
        QuestionId::Health => "Salute",
        QuestionId::AgeBand => "Età",
        QuestionId::Hairline => "Attaccatura",
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders_once() {
        assert_eq!(
            fill(
                "by {name}, {time}",
                &[("name", "{time}"), ("time", "10:00")]
            ),
            "by {time}, 10:00"
        );
        assert_eq!(fill("{unknown} {n}", &[("n", "3")]), "{unknown} 3");
        assert_eq!(EN.lead_count.of(1), "1 lead");
        assert_eq!(EN.lead_count.of(20_000), "20000 leads");
    }

    #[test]
    fn every_language_names_every_status_and_action() {
        for locale in Locale::ALL {
            let t = DeskText::for_locale(*locale);
            for status in LeadStatus::ALL {
                assert!(!t.status(status).is_empty());
            }
            for code in ACTION_CODES {
                assert_ne!(t.action(code), code, "{locale:?} {code}");
            }
            for q in QuestionId::ORDER {
                assert!(!(t.question_short)(*q).is_empty());
            }
        }
    }

    #[test]
    fn every_language_has_a_short_badge_for_every_in_person_flag_and_caution() {
        for locale in Locale::ALL {
            let t = DeskText::for_locale(*locale);
            let mut seen = Vec::new();
            for flag in InPerson::ALL {
                let short = (t.in_person_short)(*flag);
                assert!(!short.trim().is_empty(), "{locale:?} {flag:?}");
                assert!(short.chars().count() <= 40, "{locale:?} {flag:?}: {short}");
                seen.push(short);
            }
            for caution in Caution::ALL {
                let short = (t.caution_short)(*caution);
                assert!(!short.trim().is_empty(), "{locale:?} {caution:?}");
                assert!(
                    short.chars().count() <= 40,
                    "{locale:?} {caution:?}: {short}"
                );
                seen.push(short);
            }
            // Each badge says something of its own (no copy-paste slip between codes).
            let mut unique = seen.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), seen.len(), "{locale:?}: {seen:?}");
            // Not left in English by mistake.
            if *locale != Locale::En {
                assert_ne!(
                    (t.in_person_short)(InPerson::Keloid),
                    (EN.in_person_short)(InPerson::Keloid),
                    "{locale:?}"
                );
            }
        }
    }
}
