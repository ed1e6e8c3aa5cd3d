//! Italian ("tu", like the Spanish table): for Italy and Italian-speaking Switzerland. Italian
//! clinics increasingly address visitors with "tu" online, and it reads warmer to a worried
//! visitor on a phone; consent texts are in the first person, so they are unaffected. Plain
//! words, honest about limits, with the terms Italian clinics use ("tricopigmentazione",
//! "attaccatura", "sedute"). Follows `en.rs` in structure.

use super::{label, plural, Label, Strings};
use crate::domain::answers::*;
use crate::domain::flow::{Choice, QuestionId};
use crate::domain::lead::{BestTime, Field, FieldError, PreferredContact};
use crate::domain::photo::{PhotoError, PhotoSlot};
use crate::domain::recommend::{Approach, Caution, Extent, InPerson, PigmentNote, Reason};

fn question(q: QuestionId) -> Label {
    match q {
        QuestionId::Pattern => label(
            "Quale descrizione si adatta meglio alla tua caduta dei capelli?",
            "Scegli quella più simile; la clinica valuterà tutto con calma più avanti.",
        ),
        QuestionId::Stage => label(
            "Quale immagine assomiglia di più ai tuoi capelli adesso?",
            "Guarda l’attaccatura e il vertice, non la lunghezza.",
        ),
        QuestionId::Progression => label("La tua caduta dei capelli è cambiata di recente?", ""),
        QuestionId::Style => label("Come ti piacerebbe portare i capelli?", ""),
        QuestionId::HairColour => label(
            "Qual è il colore naturale dei tuoi capelli?",
            "Il colore delle radici, o della ricrescita quando li rasi.",
        ),
        QuestionId::SkinTone => label(
            "Quale carnagione è più simile alla tua?",
            "Serve a scegliere una tonalità di pigmento che su di te sembri naturale.",
        ),
        QuestionId::Scars => label(
            "Hai cicatrici sul cuoio capelluto?",
            "Puoi sceglierne più di una.",
        ),
        QuestionId::ScarHealed => label("Le tue cicatrici sono guarite da 9 mesi o più?", ""),
        QuestionId::ScarRaised => label("Le tue cicatrici sono piatte o in rilievo?", ""),
        QuestionId::Health => label(
            "Ti riconosci in una di queste situazioni?",
            "Serve alla clinica per garantire la tua sicurezza. Nessuna di queste ti esclude.",
        ),
        QuestionId::AgeBand => label("Quanti anni hai?", ""),
        QuestionId::Hairline => label("Che tipo di attaccatura ti piacerebbe?", ""),
    }
}

fn choice(q: QuestionId, c: Choice) -> Label {
    match c {
        Choice::Pattern(p) => match p {
            Pattern::Male => label(
                "Stempiatura o vertice diradato",
                "Alopecia androgenetica maschile",
            ),
            Pattern::Female => label(
                "La riga si sta allargando",
                "Alopecia androgenetica femminile",
            ),
            Pattern::Diffuse => label("Capelli più radi su tutta la testa", "Alopecia diffusa"),
            Pattern::Patchy => label("Chiazze rotonde senza capelli", "Alopecia areata"),
            Pattern::Total => label(
                "Non ho più capelli in testa",
                "Alopecia totale o universale",
            ),
            Pattern::None => label("Nessuna caduta: voglio nascondere una cicatrice", ""),
        },
        Choice::Stage(s) => match s {
            Stage::N1 => label("Norwood 1", "Attaccatura quasi invariata"),
            Stage::N2 => label("Norwood 2", "Leggera stempiatura alle tempie"),
            Stage::N3 => label("Norwood 3", "Stempiatura profonda alle tempie"),
            Stage::N3v => label("Norwood 3 vertex", "Stempiatura e vertice diradato"),
            Stage::N4 => label("Norwood 4", "Fronte arretrata e una zona calva sul vertice"),
            Stage::N5 => label("Norwood 5", "Zona frontale e vertice quasi si uniscono"),
            Stage::N6 => label(
                "Norwood 6",
                "Zona frontale e vertice uniti, con solo una sottile fascia in mezzo",
            ),
            Stage::N7 => label("Norwood 7", "Capelli solo ai lati e sulla nuca"),
            Stage::L1 => label("Ludwig 1", "Riga un po’ più larga di prima"),
            Stage::L2 => label(
                "Ludwig 2",
                "Riga chiaramente più larga, cuoio capelluto visibile in alto",
            ),
            Stage::L3 => label(
                "Ludwig 3",
                "Capelli molto radi in alto, cuoio capelluto ben visibile",
            ),
        },
        Choice::Progression(p) => match p {
            Progression::Stable => label("Stabile da un anno o più", ""),
            Progression::Slow => label("Si stanno diradando lentamente", ""),
            Progression::Fast => label("Si stanno diradando in fretta", ""),
            Progression::Unsure => label("Non lo so", ""),
        },
        Choice::Style(s) => match s {
            Style::Buzz => label(
                "Rasati o cortissimi",
                "Corti a macchinetta su tutta la testa",
            ),
            Style::Longer => label(
                "Più lunghi",
                "Tenere i miei capelli e farli sembrare più folti",
            ),
            Style::Unsure => label("Non lo so ancora", ""),
        },
        Choice::HairColour(h) => match h {
            HairColour::Black => label("Neri", ""),
            HairColour::DarkBrown => label("Castano scuro", ""),
            HairColour::MediumBrown => label("Castano medio", ""),
            HairColour::LightBrown => label("Castano chiaro", ""),
            HairColour::Blonde => label("Biondi", ""),
            HairColour::Red => label("Rossi", ""),
            HairColour::Grey => label("Grigi o bianchi", ""),
            HairColour::SaltPepper => label("Sale e pepe", ""),
        },
        Choice::SkinTone(t) => match t.get() {
            1 => label("Molto chiara", "Ti scotti sempre, non ti abbronzi mai"),
            2 => label("Chiara", "Ti scotti facilmente, ti abbronzi poco"),
            3 => label("Media", "A volte ti scotti, ti abbronzi gradualmente"),
            4 => label("Olivastra", "Ti scotti raramente, ti abbronzi facilmente"),
            5 => label("Scura", "Ti scotti molto raramente"),
            _ => label("Molto scura o nera", "Non ti scotti mai"),
        },
        Choice::Scar(s) => match s {
            Scar::FutStrip => label(
                "Cicatrice lineare da trapianto di capelli (FUT)",
                "Una linea orizzontale sulla parte posteriore della testa",
            ),
            Scar::FueDots => label(
                "Piccole cicatrici puntiformi da trapianto di capelli (FUE)",
                "",
            ),
            Scar::Surgical => label("Cicatrice da intervento chirurgico o da ferita", ""),
            Scar::Burn => label("Cicatrice da ustione", ""),
        },
        Choice::ScarHealed(true) => label("Sì, da 9 mesi o più", ""),
        Choice::ScarHealed(false) => label("No, sono più recenti", ""),
        Choice::ScarRaised(false) => label("Piatte", "Allo stesso livello della pelle intorno"),
        Choice::ScarRaised(true) => label("In rilievo o irregolari", "Compresi i cheloidi"),
        Choice::Health(h) => match h {
            Health::Keloid => label(
                "La mia pelle tende a formare cheloidi (cicatrici in rilievo)",
                "",
            ),
            Health::ScalpCondition => label(
                "In questo momento ho psoriasi, eczema, dermatite o acne sul cuoio capelluto",
                "",
            ),
            Health::BloodThinners => label(
                "Prendo anticoagulanti (farmaci che rendono il sangue più fluido) o ho un disturbo della coagulazione",
                "",
            ),
            Health::Pregnancy => label("Sono incinta o sto allattando", ""),
            Health::Chemo => label("Ho fatto la chemioterapia negli ultimi 12 mesi", ""),
            Health::Immune => label("Ho una malattia del sistema immunitario o prendo farmaci che abbassano le difese", "Compresi cicli di cortisone o di isotretinoina per l’acne"),
            Health::Diabetes => label("Ho il diabete", ""),
            Health::InkAllergy => label("Ho già avuto una reazione all’inchiostro dei tatuaggi o ai pigmenti", ""),
            Health::RecentTransplant => label("Ho fatto un trapianto di capelli negli ultimi 12 mesi", ""),
        },
        Choice::AgeBand(a) => match a {
            AgeBand::Under18 => label("Meno di 18 anni", ""),
            AgeBand::From18To24 => label("18–24 anni", ""),
            AgeBand::From25To34 => label("25–34 anni", ""),
            AgeBand::From35To44 => label("35–44 anni", ""),
            AgeBand::From45To54 => label("45–54 anni", ""),
            AgeBand::From55 => label("55 anni o più", ""),
        },
        Choice::Hairline(h) => match h {
            Hairline::Soft => label(
                "Morbida e naturale",
                "Un bordo sfumato, leggermente irregolare",
            ),
            Hairline::Defined => label("Netta e definita", "Una linea precisa e curata"),
            Hairline::Mature => label("Matura", "Un po’ più alta, con le tempie addolcite"),
            Hairline::Unsure => label("Non lo so", "Te ne proporremo una adatta alla tua età"),
        },
        Choice::NoneOfThese => match q {
            QuestionId::Scars => label("Nessuna cicatrice", ""),
            _ => label("Nessuna di queste", ""),
        },
    }
}

fn approach(a: Approach) -> Label {
    match a {
        Approach::BuzzCut => label("Effetto rasato completo", "Migliaia di minuscoli punti di pigmento ricreano l’aspetto dei capelli appena rasati su tutto il cuoio capelluto, con una nuova attaccatura adatta al tuo viso."),
        Approach::DensityShading => label("Effetto densità", "Punti di pigmento tra i tuoi capelli rendono meno visibile il cuoio capelluto: i capelli sembrano più folti e puoi continuare a portarli lunghi."),
        Approach::ScarCamouflage => label("Mimetizzazione delle cicatrici", "Punti di pigmento simili ai tuoi follicoli spezzano la linea della cicatrice, che così si confonde con i capelli intorno."),
        Approach::PatchBlending => label("Copertura delle chiazze", "Punti di pigmento riempiono le chiazze senza capelli perché si confondano con i capelli intorno."),
        Approach::NoneNeeded => label("Forse non ti serve ancora la tricopigmentazione", "La tua attaccatura è quasi invariata. Per ora la tricopigmentazione aggiungerebbe poco; una consulenza può comunque fissare un punto di partenza e rispondere alle tue domande."),
    }
}

fn extent(e: Extent) -> &'static str {
    match e {
        Extent::Small => "Zona piccola",
        Extent::Medium => "Zona media",
        Extent::Large => "Zona ampia",
    }
}

fn pigment(p: PigmentNote) -> &'static str {
    match p {
        PigmentNote::Greyscale => "Per i tuoi capelli grigi si usa un pigmento più chiaro, in scala di grigi, così i punti sembrano la tua ricrescita.",
        PigmentNote::LighterDilution => "Sulla pelle chiara si usa un pigmento diluito, più chiaro: una tonalità troppo scura col tempo può assumere un riflesso bluastro.",
        PigmentNote::BolderImpressions => "Sulle carnagioni più scure, punti un po’ più marcati danno il contrasto necessario per sembrare veri follicoli.",
        PigmentNote::DarkerThanHair => "Con i capelli biondi o rossi, i punti si fanno un po’ più scuri dei tuoi capelli, così si vedono come la ricrescita di capelli rasati.",
    }
}

fn caution(c: Caution) -> &'static str {
    match c {
        Caution::FutureLoss => "La caduta potrebbe continuare, quindi in futuro potrebbero servire altre sedute. Vale la pena chiedere a un medico una terapia per stabilizzarla.",
        Caution::LowContrast => "I capelli biondi o rossi offrono poco contrasto, quindi l’effetto densità si nota meno che sui capelli più scuri.",
        Caution::AreataRegrowth => "Con l’alopecia areata i capelli possono ricrescere: se ricrescono sulle zone pigmentate, queste possono sembrare più scure per un po’.",
        Caution::LongerHairNotPossible => "A questo stadio in alto restano troppo pochi capelli per un effetto più folto con i capelli lunghi; l’effetto rasato dà il risultato più convincente.",
        Caution::LimitedDensity => "Con un diradamento così esteso, l’effetto densità può attenuare il contrasto, ma non può far sembrare del tutto folti i capelli lunghi.",
        Caution::PatchTest => "Poiché hai già avuto una reazione a un inchiostro o a un pigmento, la clinica farà prima una prova su una piccola zona e aspetterà di vedere come reagisce la tua pelle.",
        Caution::TransplantSettle => "La micropigmentazione aspetta che la zona trapiantata sia guarita e che i capelli trapiantati siano caduti, per vedere dove il pigmento serve davvero.",
    }
}

fn in_person(i: InPerson) -> &'static str {
    match i {
        InPerson::Keloid => "Tendi a formare cheloidi: per sicurezza si fa prima una prova su una piccola zona.",
        InPerson::ScalpCondition => "Un’infiammazione del cuoio capelluto in fase attiva deve risolversi prima del trattamento.",
        InPerson::BloodThinners => "Gli anticoagulanti influiscono sulla guarigione; la clinica valuterà con te (e con il tuo medico) il momento giusto.",
        InPerson::Pregnancy => "In gravidanza e durante l’allattamento il trattamento di solito si rimanda.",
        InPerson::Chemo => "Dopo una chemioterapia recente, la pelle va controllata prima del trattamento.",
        InPerson::Immune => "Una malattia immunitaria o un farmaco che abbassa le difese può rallentare la guarigione e aumentare il rischio di infezioni; la clinica valuterà con te (e con il tuo medico) quando il trattamento è sicuro.",
        InPerson::Diabetes => "Il diabete può rallentare la guarigione; prima del trattamento la clinica parlerà con te di come è controllato.",
        InPerson::InkAllergy => "Hai già avuto una reazione a un inchiostro o a un pigmento: la clinica deve vederti e fare prima una prova.",
        InPerson::RecentTransplant => "Dopo un trapianto di capelli recente, la clinica deve vedere com’è guarita la zona.",
        InPerson::Under18 => "Se hai meno di 18 anni, la clinica deve incontrarti di persona insieme a un genitore o a chi ne fa le veci.",
        InPerson::ScarRecent => "Una cicatrice di meno di 9 mesi sta ancora cambiando: la clinica valuterà quando si potrà trattare.",
        InPerson::ScarRaised => "Le cicatrici in rilievo assorbono il pigmento in modo diverso e vanno valutate di persona.",
        InPerson::AreataActive => "Se le chiazze stanno ancora cambiando, vanno valutate di persona prima di pianificare il trattamento.",
    }
}

fn reason(r: Reason) -> &'static str {
    match r {
        Reason::ScarOnly => "Non hai caduta dei capelli e vuoi che una cicatrice non si noti più.",
        Reason::CompleteLoss => "Non avendo capelli in testa, l’effetto rasato completo ricrea l’aspetto di tutto il cuoio capelluto.",
        Reason::PatchyLoss => "La tua caduta è a chiazze, che si possono confondere con i capelli intorno.",
        Reason::DiffuseThinning => "I capelli si stanno diradando su tutta la testa, quindi i punti tra i capelli aggiungono una densità visibile.",
        Reason::MinimalLoss => "La tua attaccatura è quasi invariata.",
        Reason::HairToShade => "Hai ancora abbastanza capelli perché l’effetto densità sembri naturale.",
        Reason::AdvancedLoss => "In alto restano pochi capelli, quindi l’effetto densità da solo non sembrerebbe folto.",
        Reason::PrefersBuzz => "Ti piacciono i capelli rasati o cortissimi.",
        Reason::PrefersLonger => "Vuoi continuare a portare i capelli più lunghi.",
        Reason::StyleOpen => "Non hai ancora deciso lo stile, quindi ti mostriamo l’opzione che lascia aperte più possibilità.",
        Reason::ScarsToCover => "Le tue cicatrici si possono mimetizzare nelle stesse sedute.",
        Reason::StableLoss => "La tua caduta è stabile, quindi il risultato dovrebbe mantenersi bene.",
        Reason::ChangingLoss => "La tua caduta potrebbe essere ancora in evoluzione, e il piano ne tiene conto.",
    }
}

fn field_error(e: FieldError) -> &'static str {
    match e {
        FieldError::Required(Field::Name) => "Inserisci il tuo nome.",
        FieldError::Required(Field::Email) => "Inserisci il tuo indirizzo email.",
        FieldError::Required(Field::Consent) => "Spunta la casella, così la clinica può usare le tue risposte.",
        FieldError::Required(_) => "Compila questo campo.",
        FieldError::EmailInvalid => "Questo non sembra un indirizzo email. Controllalo (per esempio nome@esempio.it).",
        FieldError::PhoneInvalid => "Inserisci il numero con il prefisso internazionale, per esempio +39 per l’Italia o +41 per la Svizzera.",
        FieldError::PhoneNeeded => "Aggiungi un numero di telefono, così la clinica può chiamarti o scriverti.",
        FieldError::TooLong(_) => "È troppo lungo. Accorcialo, per favore.",
    }
}

pub static STRINGS: Strings = Strings {
    code: "it",
    title: "La tricopigmentazione fa per te?",
    intro: "Un test riservato di 2 minuti. Scegli le immagini più simili a te e ricevi una risposta sincera.",
    back: "Indietro",
    next: "Avanti",
    see_result: "Vedi il mio risultato",
    start_again: "Ricomincia",
    progress: "Domanda {n} di {total} al massimo",
    optional: "Facoltativo",
    question,
    choice,
    step_error_no_choice: "Scegli una risposta per continuare.",
    step_error_scar_required: "Scegli la cicatrice che vorresti mimetizzare.",

    result_heading: "Il nostro consiglio per te",
    provisional_heading: "Provvisorio: prima la clinica deve vederti",
    provisional_text: "Alcune tue risposte indicano che uno specialista dovrebbe verificare alcuni aspetti di persona prima di qualsiasi trattamento. Ecco cosa ci aspetteremmo; puoi comunque inviarlo alla clinica.",
    approach,
    alternative_heading: "Da considerare anche",
    add_on_heading: "In aggiunta",
    treatment_heading: "Come sarebbe il trattamento",
    extent,
    sessions: plural("{span} seduta", "{span} sedute"),
    hours_per_session: plural("{span} ora per seduta", "{span} ore per seduta"),
    hairline_heading: "Attaccatura consigliata",
    pigment_heading: "Pigmento e colore",
    pigment,
    cautions_heading: "Buono a sapersi",
    caution,
    in_person,
    price_heading: "Prezzo indicativo",
    price_range: "da {min} a {max}",
    price_note: "La clinica ti confermerà il prezzo esatto dopo la consulenza.",
    longevity_heading: "Quanto dura",
    longevity: "La tricopigmentazione dura anni. Quasi tutti fanno un ritocco ogni 3–5 anni; il sole fa sbiadire il pigmento più in fretta, quindi proteggi il cuoio capelluto con la crema solare.",
    why_heading: "Perché è adatto a te",
    reason,
    to_lead_form: "Chiedi informazioni alla clinica",
    change_answers: "Cambia le mie risposte",
    preview_heading: "Come potrebbe starti",
    preview_now: "Adesso",
    preview_with_smp: "Con la tricopigmentazione",
    preview_compare: "Confronta adesso e con la tricopigmentazione",
    preview_split: "{n}% con la tricopigmentazione",
    preview_caption: "Un disegno fatto a partire dalle tue risposte per darti un’idea: non è una tua foto né una promessa del risultato.",
    preview_hair: "Capelli",
    preview_skin: "Pelle",
    preview_scars: "Cicatrici",

    lead_heading: "Invia il tuo risultato a {clinic}",
    lead_intro: "Le tue risposte e questo consiglio vengono inviati insieme al tuo messaggio, così non dovrai spiegare tutto di nuovo.",
    name_label: "Il tuo nome",
    email_label: "Email",
    phone_label: "Telefono",
    phone_hint: "Facoltativo. Includi il prefisso internazionale.",
    preferred_contact_label: "Come preferisci che la clinica ti contatti?",
    preferred_contact: |p| match p {
        PreferredContact::Email => "Email",
        PreferredContact::Phone => "Telefonata",
        PreferredContact::Whatsapp => "WhatsApp o SMS",
    },
    best_time_label: "Momento migliore per contattarti",
    best_time: |b| match b {
        BestTime::Any => "In qualsiasi momento",
        BestTime::Morning => "Di mattina",
        BestTime::Afternoon => "Di pomeriggio",
        BestTime::Evening => "Di sera",
    },
    message_label: "Vuoi chiedere qualcosa?",
    message_hint: "Facoltativo.",
    photos_label: "Foto del tuo cuoio capelluto",
    photos_hint: "Fino a quattro foto aiutano la clinica a darti un piano e un prezzo più precisi. In formato JPEG o PNG; le riduciamo prima di inviarle.",
    photos_privacy: "Le tue foto arrivano solo a {clinic}, insieme alla tua richiesta. Prima rimuoviamo i dati sulla posizione e sulla fotocamera.",
    photo_slot: |s| match s {
        PhotoSlot::Front => label("Davanti", "L’attaccatura, guardando dritto verso l’obiettivo"),
        PhotoSlot::Top => label("Dall’alto", "La parte superiore della testa, vista dall’alto"),
        PhotoSlot::Crown => label("Vertice", "La parte posteriore della sommità della testa"),
        PhotoSlot::Sides => label("Lati", "Un lato della testa, dall’orecchio alla tempia"),
    },
    photo_alt: "La tua foto: {slot}",
    photo_add: "Aggiungi una foto",
    photo_change: "Scegli un'altra foto",
    photo_remove: "Rimuovi",
    photo_preparing: "Preparazione della foto…",
    photo_error: |e| match e {
        PhotoError::NotAnImage => "Questo file non è una foto JPEG o PNG. Scegli una foto in uno di questi formati.",
        PhotoError::TooLarge => "Questa foto è troppo grande. Scegline una sotto i 20 MB.",
        PhotoError::TooMany => "Puoi aggiungere fino a quattro foto.",
        PhotoError::CouldNotRead => "Non è stato possibile leggere questa foto. Potrebbe essere danneggiata; provane un’altra.",
        PhotoError::TotalTooLarge => "Nel complesso le tue foto sono troppo pesanti da inviare. Rimuovine una o scegli una foto più leggera.",
        PhotoError::TooManyPixels => "Questa foto ha troppi pixel (al massimo 50 megapixel). Scegli una foto più piccola.",
    },
    consent_text: "Acconsento al trattamento delle mie risposte, compresi i dati relativi alla mia salute, da parte di {clinic}, per valutare se la tricopigmentazione è adatta a me e per contattarmi in merito.",
    marketing_text: "Desidero inoltre ricevere offerte e novità da {clinic}. (Facoltativo)",
    privacy_link: "Informativa sulla privacy",
    field_error,
    form_has_errors: "Correggi i campi segnalati qui sotto.",
    send: "Invia alla clinica",
    sending: "Invio in corso…",
    retrying: "La connessione è lenta. Stiamo ancora provando a inviare…",
    send_saved: "Al momento non riusciamo a raggiungere la clinica. La tua richiesta è salvata su questo dispositivo e verrà inviata automaticamente, anche se chiudi questa pagina o torni più tardi.",
    send_unsaved: "Al momento non riusciamo a raggiungere la clinica. Continueremo a provare finché questa pagina resta aperta; puoi anche contattare direttamente la clinica.",
    send_rejected: "Il sistema della clinica non ha accettato la richiesta. Contatta direttamente la clinica.",
    no_endpoint: "Questa clinica non riceve ancora richieste online. Contattala direttamente.",
    try_again: "Riprova",
    loading: "Caricamento…",
    part_failed: "Non è stato possibile caricare questa parte della consulenza. Controlla la connessione e riprova.",
    email_summary: "Invia il mio risultato alla clinica via email",
    email_summary_subject: "La mia valutazione per la tricopigmentazione presso {clinic}",
    fallback_contact: "Puoi anche contattare direttamente {clinic}:",

    thanks_heading: "Grazie, {name}",
    thanks_text: "{clinic} ha ricevuto le tue risposte e ti contatterà presto.",
    thanks_steps: [
        "Uno specialista esamina le tue risposte.",
        "Ti contatta nel modo che hai scelto per fissare una consulenza.",
        "Durante la consulenza ricevi un piano e un prezzo precisi, senza alcun impegno.",
    ],
    book_consultation: "Prenota subito la tua consulenza",
    redirecting: "Ti stiamo portando alla pagina successiva…",
    close: "Chiudi",
    colon: ": ",
    lower_after_colon: true,
};
