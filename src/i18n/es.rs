//! Spanish (neutral, "tú"): for Spain and Latin America. Written for a worried visitor reading
//! on a phone: warm, plain words, honest about limits. Follows `en.rs` in structure.

use super::{label, plural, Label, Strings};
use crate::domain::answers::*;
use crate::domain::flow::{Choice, QuestionId};
use crate::domain::lead::{BestTime, Field, FieldError, PreferredContact};
use crate::domain::photo::{PhotoError, PhotoSlot};
use crate::domain::recommend::{Approach, Caution, Extent, InPerson, PigmentNote, Reason};

fn question(q: QuestionId) -> Label {
    match q {
        QuestionId::Pattern => label(
            "¿Qué describe mejor tu caída de cabello?",
            "Elige la opción más parecida; la clínica lo valorará con calma más adelante.",
        ),
        QuestionId::Stage => label(
            "¿Qué imagen se parece más a tu cabello ahora?",
            "Fíjate en la línea frontal y en la coronilla, no en el largo.",
        ),
        QuestionId::Progression => label("¿Ha cambiado tu caída de cabello últimamente?", ""),
        QuestionId::Style => label("¿Cómo te gustaría llevar el pelo?", ""),
        QuestionId::HairColour => label(
            "¿Cuál es tu color de cabello natural?",
            "El color de tus raíces, o el del pelo cuando lo llevas rapado.",
        ),
        QuestionId::SkinTone => label(
            "¿Qué tono se parece más al de tu piel?",
            "Así se elige un tono de pigmento que se vea natural en ti.",
        ),
        QuestionId::Scars => label(
            "¿Tienes alguna cicatriz en el cuero cabelludo?",
            "Elige todas las que correspondan.",
        ),
        QuestionId::ScarHealed => {
            label("¿Hace 9 meses o más que tus cicatrices están curadas?", "")
        }
        QuestionId::ScarRaised => label("¿Tus cicatrices son planas o en relieve?", ""),
        QuestionId::Health => label(
            "¿Te ocurre algo de esto?",
            "Así la clínica puede cuidar de tu seguridad. Nada de esto te descarta.",
        ),
        QuestionId::AgeBand => label("¿Qué edad tienes?", ""),
        QuestionId::Hairline => label("¿Qué tipo de línea frontal te gustaría?", ""),
    }
}

fn choice(q: QuestionId, c: Choice) -> Label {
    match c {
        Choice::Pattern(p) => match p {
            Pattern::Male => label(
                "Entradas o coronilla despoblada",
                "Alopecia de patrón masculino",
            ),
            Pattern::Female => label(
                "La raya se ve cada vez más ancha",
                "Alopecia de patrón femenino",
            ),
            Pattern::Diffuse => label("Menos densidad por toda la cabeza", "Alopecia difusa"),
            Pattern::Patchy => label("Calvas redondas", "Alopecia areata"),
            Pattern::Total => label(
                "No tengo nada de pelo en la cabeza",
                "Alopecia total o universal",
            ),
            Pattern::None => label("No tengo caída: quiero disimular una cicatriz", ""),
        },
        Choice::Stage(s) => match s {
            Stage::N1 => label("Norwood 1", "La línea frontal apenas ha retrocedido"),
            Stage::N2 => label("Norwood 2", "Entradas leves en las sienes"),
            Stage::N3 => label("Norwood 3", "Entradas profundas en las sienes"),
            Stage::N3v => label("Norwood 3 vertex", "Entradas y coronilla despoblada"),
            Stage::N4 => label("Norwood 4", "Frente despoblada y una calva en la coronilla"),
            Stage::N5 => label("Norwood 5", "La zona frontal y la coronilla casi se juntan"),
            Stage::N6 => label(
                "Norwood 6",
                "Frente y coronilla unidas, con solo una franja fina entre ambas",
            ),
            Stage::N7 => label("Norwood 7", "Solo queda pelo en los lados y en la nuca"),
            Stage::L1 => label("Ludwig 1", "La raya, un poco más ancha que antes"),
            Stage::L2 => label(
                "Ludwig 2",
                "Raya claramente más ancha; se ve el cuero cabelludo arriba",
            ),
            Stage::L3 => label(
                "Ludwig 3",
                "Muy poco pelo arriba; el cuero cabelludo se ve con facilidad",
            ),
        },
        Choice::Progression(p) => match p {
            Progression::Stable => label("Estable desde hace un año o más", ""),
            Progression::Slow => label("Va perdiendo densidad poco a poco", ""),
            Progression::Fast => label("Está perdiendo densidad rápido", ""),
            Progression::Unsure => label("No lo sé", ""),
        },
        Choice::Style(s) => match s {
            Style::Buzz => label("Rapado", "Muy corto por toda la cabeza"),
            Style::Longer => label("Más largo", "Mantener mi pelo y que se vea más denso"),
            Style::Unsure => label("Todavía no lo sé", ""),
        },
        Choice::HairColour(h) => match h {
            HairColour::Black => label("Negro", ""),
            HairColour::DarkBrown => label("Castaño oscuro", ""),
            HairColour::MediumBrown => label("Castaño medio", ""),
            HairColour::LightBrown => label("Castaño claro", ""),
            HairColour::Blonde => label("Rubio", ""),
            HairColour::Red => label("Pelirrojo", ""),
            HairColour::Grey => label("Canoso o blanco", ""),
            HairColour::SaltPepper => label("Entrecano", ""),
        },
        Choice::SkinTone(t) => match t.get() {
            1 => label("Muy clara", "Te quemas siempre, nunca te bronceas"),
            2 => label("Clara", "Te quemas con facilidad, te bronceas un poco"),
            3 => label("Media", "A veces te quemas, te bronceas poco a poco"),
            4 => label("Oliva", "Rara vez te quemas, te bronceas con facilidad"),
            5 => label("Morena", "Casi nunca te quemas"),
            _ => label("Morena oscura o negra", "Nunca te quemas"),
        },
        Choice::Scar(s) => match s {
            Scar::FutStrip => label(
                "Cicatriz lineal de un trasplante capilar (FUT)",
                "Una línea a lo ancho de la parte de atrás de la cabeza",
            ),
            Scar::FueDots => label(
                "Pequeñas cicatrices en forma de punto de un trasplante capilar (FUE)",
                "",
            ),
            Scar::Surgical => label("Cicatriz de una operación o de una lesión", ""),
            Scar::Burn => label("Cicatriz de quemadura", ""),
        },
        Choice::ScarHealed(true) => label("Sí, 9 meses o más", ""),
        Choice::ScarHealed(false) => label("No, son más recientes", ""),
        Choice::ScarRaised(false) => label("Planas", "Al mismo nivel que la piel de alrededor"),
        Choice::ScarRaised(true) => label(
            "En relieve o abultadas",
            "Incluidas las cicatrices queloides",
        ),
        Choice::Health(h) => match h {
            Health::Keloid => label(
                "Mi piel tiende a formar cicatrices queloides (en relieve)",
                "",
            ),
            Health::ScalpCondition => label(
                "Ahora mismo tengo psoriasis, eczema, dermatitis o acné en el cuero cabelludo",
                "",
            ),
            Health::BloodThinners => label("Tomo anticoagulantes o tengo un trastorno de la coagulación", ""),
            Health::Pregnancy => label("Estoy embarazada o en periodo de lactancia", ""),
            Health::Chemo => label("He recibido quimioterapia en los últimos 12 meses", ""),
            Health::Immune => label("Tengo una enfermedad del sistema inmunitario o tomo medicamentos que bajan las defensas", "Incluidos tratamientos con corticoides o con isotretinoína para el acné"),
            Health::Diabetes => label("Tengo diabetes", ""),
            Health::InkAllergy => label("He tenido alguna reacción a tinta de tatuaje o a pigmentos", ""),
            Health::RecentTransplant => label("Me he hecho un trasplante capilar en los últimos 12 meses", ""),
        },
        Choice::AgeBand(a) => match a {
            AgeBand::Under18 => label("Menos de 18", ""),
            AgeBand::From18To24 => label("18–24", ""),
            AgeBand::From25To34 => label("25–34", ""),
            AgeBand::From35To44 => label("35–44", ""),
            AgeBand::From45To54 => label("45–54", ""),
            AgeBand::From55 => label("55 o más", ""),
        },
        Choice::Hairline(h) => match h {
            Hairline::Soft => label(
                "Suave y natural",
                "Un borde difuminado, ligeramente irregular",
            ),
            Hairline::Defined => label("Marcada y definida", "Una línea nítida y cuidada"),
            Hairline::Mature => label("Madura", "Un poco más alta, con las entradas suavizadas"),
            Hairline::Unsure => label("No lo sé", "Te propondremos una que vaya con tu edad"),
        },
        Choice::NoneOfThese => match q {
            QuestionId::Scars => label("No tengo cicatrices", ""),
            _ => label("Nada de esto", ""),
        },
    }
}

fn approach(a: Approach) -> Label {
    match a {
        Approach::BuzzCut => label("Efecto rapado completo", "Miles de diminutos puntos de pigmento recrean el aspecto del pelo recién rapado en todo el cuero cabelludo, con una nueva línea frontal que favorezca tu rostro."),
        Approach::DensityShading => label("Efecto densidad", "Puntos de pigmento entre tus cabellos hacen que se transparente menos el cuero cabelludo, así tu pelo parece más denso y puedes seguir llevándolo largo."),
        Approach::ScarCamouflage => label("Camuflaje de cicatrices", "Puntos de pigmento que imitan tus folículos rompen la línea de la cicatriz, para que se funda con el cabello de alrededor."),
        Approach::PatchBlending => label("Relleno de calvas", "Puntos de pigmento rellenan las calvas para que se integren con el cabello de alrededor."),
        Approach::NoneNeeded => label("Puede que aún no necesites micropigmentación", "Tu línea frontal apenas ha cambiado. Por ahora la micropigmentación aportaría poco; aun así, una consulta puede servir como punto de partida y resolver tus dudas."),
    }
}

fn extent(e: Extent) -> &'static str {
    match e {
        Extent::Small => "Zona pequeña",
        Extent::Medium => "Zona mediana",
        Extent::Large => "Zona amplia",
    }
}

fn pigment(p: PigmentNote) -> &'static str {
    match p {
        PigmentNote::Greyscale => "Para tus tonos canosos se usa un pigmento más claro, en escala de grises, para que los puntos parezcan tu propio pelo rapado.",
        PigmentNote::LighterDilution => "En pieles claras se usa un pigmento diluido, más claro: un tono demasiado oscuro puede verse azulado con el tiempo.",
        PigmentNote::BolderImpressions => "En pieles más oscuras, unos puntos algo más marcados dan el contraste necesario para parecer folículos reales.",
        PigmentNote::DarkerThanHair => "Con el pelo rubio o pelirrojo, los puntos se hacen un poco más oscuros que tu cabello para que se vean como pelo rapado.",
    }
}

fn caution(c: Caution) -> &'static str {
    match c {
        Caution::FutureLoss => "Es posible que sigas perdiendo cabello, así que quizá necesites más sesiones adelante. Vale la pena consultar a un médico sobre algún tratamiento para frenar la caída.",
        Caution::LowContrast => "El pelo rubio o pelirrojo da poco contraste, así que el efecto densidad se nota menos que en un cabello más oscuro.",
        Caution::AreataRegrowth => "Con la alopecia areata el pelo puede volver a crecer: si crece sobre las zonas pigmentadas, pueden verse más oscuras durante un tiempo.",
        Caution::LongerHairNotPossible => "En esta fase queda demasiado poco cabello arriba para conseguir un aspecto más denso con el pelo largo; el efecto rapado es el que da el resultado más convincente.",
        Caution::LimitedDensity => "Con tanta pérdida de densidad, el sombreado puede suavizar el contraste, pero no logrará que el pelo largo parezca del todo denso.",
        Caution::PatchTest => "Como ya has reaccionado a una tinta o a un pigmento, la clínica probará primero en una zona pequeña y esperará a ver cómo responde tu piel.",
        Caution::TransplantSettle => "La micropigmentación espera a que la zona trasplantada haya cicatrizado y haya pasado la caída del pelo trasplantado, para ver dónde hace falta de verdad el pigmento.",
    }
}

fn in_person(i: InPerson) -> &'static str {
    match i {
        InPerson::Keloid => "Tiendes a formar cicatrices queloides: lo más seguro es hacer antes una prueba en una zona pequeña.",
        InPerson::ScalpCondition => "Una afección activa del cuero cabelludo tiene que calmarse antes del tratamiento.",
        InPerson::BloodThinners => "Los anticoagulantes influyen en la cicatrización; la clínica valorará contigo (y con tu médico) cuál es el mejor momento.",
        InPerson::Pregnancy => "Durante el embarazo y la lactancia, el tratamiento suele posponerse.",
        InPerson::Chemo => "Después de una quimioterapia reciente, hay que revisar tu piel antes del tratamiento.",
        InPerson::Immune => "Una enfermedad inmunitaria o un medicamento que baja las defensas puede ralentizar la cicatrización y aumentar el riesgo de infección; la clínica valorará contigo (y con tu médico) cuándo es seguro tratarte.",
        InPerson::Diabetes => "La diabetes puede ralentizar la cicatrización; antes del tratamiento, la clínica hablará contigo sobre cómo la tienes controlada.",
        InPerson::InkAllergy => "Ya has reaccionado a una tinta o a un pigmento: la clínica necesita verte y hacer antes una prueba.",
        InPerson::RecentTransplant => "Tras un trasplante capilar reciente, la clínica necesita ver cómo ha cicatrizado la zona.",
        InPerson::Under18 => "Si eres menor de 18 años, la clínica necesita verte en persona, junto con tu madre, padre o tutor legal.",
        InPerson::ScarRecent => "Una cicatriz de menos de 9 meses todavía está cambiando: la clínica valorará cuándo se puede tratar.",
        InPerson::ScarRaised => "Las cicatrices en relieve absorben el pigmento de otra manera y hay que verlas en persona.",
        InPerson::AreataActive => "Si las calvas siguen cambiando, hay que verlas antes de planificar el tratamiento.",
    }
}

fn reason(r: Reason) -> &'static str {
    match r {
        Reason::ScarOnly => "No tienes caída de cabello y quieres que una cicatriz deje de notarse.",
        Reason::CompleteLoss => "Como no tienes pelo en la cabeza, el efecto rapado completo recrea todo el cuero cabelludo.",
        Reason::PatchyLoss => "Tu caída es por zonas, y esas calvas se pueden integrar con el cabello de alrededor.",
        Reason::DiffuseThinning => "Estás perdiendo densidad por toda la cabeza, así que sombrear entre los cabellos aporta una densidad visible.",
        Reason::MinimalLoss => "Tu línea frontal apenas ha cambiado.",
        Reason::HairToShade => "Todavía tienes suficiente cabello para que el sombreado entre los pelos se vea natural.",
        Reason::AdvancedLoss => "Queda poco cabello arriba, así que solo con sombreado no se vería denso.",
        Reason::PrefersBuzz => "Te gusta llevar el pelo rapado.",
        Reason::PrefersLonger => "Quieres seguir llevando el pelo más largo.",
        Reason::StyleOpen => "Aún no tienes claro el estilo, así que te mostramos la opción que te deja más posibilidades abiertas.",
        Reason::ScarsToCover => "Tus cicatrices se pueden camuflar en las mismas sesiones.",
        Reason::StableLoss => "Tu caída se ha mantenido estable, así que el resultado debería mantenerse bien.",
        Reason::ChangingLoss => "Puede que tu caída siga cambiando, y el plan lo tiene en cuenta.",
    }
}

fn field_error(e: FieldError) -> &'static str {
    match e {
        FieldError::Required(Field::Name) => "Escribe tu nombre, por favor.",
        FieldError::Required(Field::Email) => "Escribe tu correo electrónico, por favor.",
        FieldError::Required(Field::Consent) => "Marca la casilla para que la clínica pueda usar tus respuestas.",
        FieldError::Required(_) => "Completa este campo, por favor.",
        FieldError::EmailInvalid => "Esto no parece un correo electrónico. Revísalo, por favor (por ejemplo, nombre@ejemplo.com).",
        FieldError::PhoneInvalid => "Escribe el número con el código de país, por ejemplo +34 para España o +52 para México.",
        FieldError::PhoneNeeded => "Indica un número de teléfono para que la clínica pueda llamarte o escribirte.",
        FieldError::TooLong(_) => "Es demasiado largo. Acórtalo, por favor.",
    }
}

pub static STRINGS: Strings = Strings {
    code: "es",
    title: "¿Es la micropigmentación capilar para ti?",
    intro: "Un test privado de 2 minutos. Elige las imágenes que más se parezcan a tu caso y recibe una respuesta sincera.",
    back: "Atrás",
    next: "Siguiente",
    see_result: "Ver mi resultado",
    start_again: "Empezar de nuevo",
    progress: "Pregunta {n} de {total} como máximo",
    optional: "Opcional",
    question,
    choice,
    step_error_no_choice: "Elige una respuesta para continuar.",
    step_error_scar_required: "Elige la cicatriz que te gustaría disimular.",

    result_heading: "Nuestra recomendación para ti",
    provisional_heading: "Provisional: la clínica necesita verte primero",
    provisional_text: "Por algunas de tus respuestas, conviene que un especialista revise unas cosas en persona antes de empezar cualquier tratamiento. Esto es lo que esperaríamos, y puedes enviárselo igualmente a la clínica.",
    approach,
    alternative_heading: "Otra opción a considerar",
    add_on_heading: "Como complemento",
    treatment_heading: "Cómo sería el tratamiento",
    extent,
    sessions: plural("{span} sesión", "{span} sesiones"),
    hours_per_session: plural("{span} hora cada una", "{span} horas cada una"),
    hairline_heading: "Línea frontal recomendada",
    pigment_heading: "Pigmento y color",
    pigment,
    cautions_heading: "Ten en cuenta",
    caution,
    in_person,
    price_heading: "Precio orientativo",
    price_range: "de {min} a {max}",
    price_note: "La clínica te confirmará el precio exacto después de verte.",
    longevity_heading: "Cuánto dura",
    longevity: "La micropigmentación dura años. La mayoría de las personas se hace un retoque cada 3 a 5 años. El sol aclara el pigmento más rápido, así que protege tu cuero cabelludo con protector solar.",
    why_heading: "Por qué encaja contigo",
    reason,
    to_lead_form: "Consultar esto con la clínica",
    change_answers: "Cambiar mis respuestas",
    preview_heading: "Cómo podría quedarte",
    preview_now: "Ahora",
    preview_with_smp: "Con micropigmentación",
    preview_compare: "Comparar ahora y con micropigmentación",
    preview_split: "{n}\u{a0}% con micropigmentación",
    preview_caption: "Un dibujo hecho a partir de tus respuestas para darte una idea: no es una foto tuya ni una promesa del resultado.",
    preview_hair: "Pelo",
    preview_skin: "Piel",
    preview_scars: "Cicatrices",

    lead_heading: "Envía tu resultado a {clinic}",
    lead_intro: "Tus respuestas y esta recomendación se envían junto con tu mensaje, así no tendrás que explicarlo todo otra vez.",
    name_label: "Tu nombre",
    email_label: "Correo electrónico",
    phone_label: "Teléfono",
    phone_hint: "Opcional. Incluye el código de país.",
    preferred_contact_label: "¿Cómo prefieres que te contacte la clínica?",
    preferred_contact: |p| match p {
        PreferredContact::Email => "Correo electrónico",
        PreferredContact::Phone => "Llamada",
        PreferredContact::Whatsapp => "WhatsApp o mensaje de texto",
    },
    best_time_label: "Mejor momento para contactarte",
    best_time: |b| match b {
        BestTime::Any => "Cualquier momento",
        BestTime::Morning => "Por la mañana",
        BestTime::Afternoon => "Por la tarde",
        BestTime::Evening => "A última hora de la tarde",
    },
    message_label: "¿Quieres preguntar algo?",
    message_hint: "Opcional.",
    photos_label: "Fotos de tu cuero cabelludo",
    photos_hint: "Hasta cuatro fotos ayudan a la clínica a darte un plan y un precio más exactos. En JPEG o PNG; las reducimos antes de enviarlas.",
    photos_privacy: "Tus fotos solo llegan a {clinic}, junto con tu solicitud. Antes se eliminan los datos de ubicación y de la cámara.",
    photo_slot: |s| match s {
        PhotoSlot::Front => label("De frente", "Tu línea del cabello, mirando a la cámara"),
        PhotoSlot::Top => label("Desde arriba", "La parte de arriba de la cabeza, vista desde encima"),
        PhotoSlot::Crown => label("Coronilla", "La parte de atrás, en lo alto de la cabeza"),
        PhotoSlot::Sides => label("Laterales", "Un lado de la cabeza, de la oreja a la sien"),
    },
    photo_alt: "Tu foto: {slot}",
    photo_add: "Añadir foto",
    photo_change: "Elegir otra foto",
    photo_remove: "Quitar",
    photo_preparing: "Preparando la foto…",
    photo_error: |e| match e {
        PhotoError::NotAnImage => "Este archivo no es una foto JPEG ni PNG. Elige una foto en uno de esos formatos.",
        PhotoError::TooLarge => "Esta foto es demasiado grande. Elige una de menos de 20 MB.",
        PhotoError::TooMany => "Puedes añadir hasta cuatro fotos.",
        PhotoError::CouldNotRead => "No se ha podido leer esta foto. Puede que esté dañada; prueba con otra.",
        PhotoError::TotalTooLarge => "Entre todas, tus fotos ocupan demasiado para enviarlas. Quita una o elige una foto más pequeña.",
        PhotoError::TooManyPixels => "Esta foto tiene demasiados píxeles (como máximo 50 megapíxeles). Elige una foto más pequeña.",
    },
    consent_text: "Acepto que {clinic} use mis respuestas, incluida información sobre mi salud, para valorar si la micropigmentación capilar es adecuada para mí y para contactarme al respecto.",
    marketing_text: "También quiero recibir ofertas y novedades de {clinic}. (Opcional)",
    privacy_link: "Política de privacidad",
    field_error,
    form_has_errors: "Corrige los campos marcados abajo, por favor.",
    send: "Enviar a la clínica",
    sending: "Enviando…",
    retrying: "La conexión está lenta. Seguimos intentando enviarlo…",
    send_saved: "No se pudo conectar con la clínica en este momento. Tu solicitud queda guardada en este dispositivo y se enviará automáticamente, aunque cierres esta página o vuelvas más tarde.",
    send_unsaved: "No se pudo conectar con la clínica en este momento. Seguiremos intentándolo mientras esta página siga abierta; también puedes contactar directamente con la clínica.",
    send_rejected: "El sistema de la clínica no aceptó la solicitud. Ponte en contacto con la clínica directamente.",
    no_endpoint: "Esta clínica todavía no recibe consultas en línea. Ponte en contacto con ella directamente.",
    try_again: "Intentar de nuevo",
    loading: "Cargando…",
    part_failed: "Esta parte de la consulta no se ha podido cargar. Comprueba tu conexión e inténtalo de nuevo.",
    email_summary: "Enviar mi resultado a la clínica por correo",
    email_summary_subject: "Mi consulta de micropigmentación con {clinic}",
    fallback_contact: "También puedes contactar directamente con {clinic}:",

    thanks_heading: "Gracias, {name}",
    thanks_text: "{clinic} ya tiene tus respuestas y se pondrá en contacto contigo pronto.",
    thanks_steps: [
        "Un especialista revisa tus respuestas.",
        "Te contacta por el medio que elegiste para concertar una consulta.",
        "En la consulta recibirás un plan y un precio exactos, sin ningún compromiso.",
    ],
    book_consultation: "Reserva tu consulta ahora",
    redirecting: "Te llevamos a la siguiente página…",
    close: "Cerrar",
    colon: ": ",
    lower_after_colon: true,
};
