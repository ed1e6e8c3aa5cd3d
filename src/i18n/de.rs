//! German ("Sie"): for Germany, Austria and Switzerland. Written for a worried visitor reading
//! on a phone: warm, plain words, honest about limits. Uses the terms German-speaking clinics
//! use ("Haarpigmentierung", "Geheimratsecken", "Wirbel"); Norwood and Ludwig stay as names.
//! German „…“ quotes where quotes are needed, ranges with an en dash ("2–3"). Follows `en.rs`
//! in structure.

use super::{label, plural, Label, Strings};
use crate::domain::answers::*;
use crate::domain::flow::{Choice, QuestionId};
use crate::domain::lead::{BestTime, Field, FieldError, PreferredContact};
use crate::domain::photo::{PhotoError, PhotoSlot};
use crate::domain::recommend::{Approach, Caution, Extent, InPerson, PigmentNote, Reason};

fn question(q: QuestionId) -> Label {
    match q {
        QuestionId::Pattern => label(
            "Was beschreibt Ihren Haarausfall am besten?",
            "Wählen Sie, was am ehesten passt – die Klinik sieht es sich später genau an.",
        ),
        QuestionId::Stage => label(
            "Welches Bild entspricht Ihrem Haar heute am ehesten?",
            "Achten Sie auf Haaransatz und Wirbel, nicht auf die Haarlänge.",
        ),
        QuestionId::Progression => label("Hat sich Ihr Haarausfall in letzter Zeit verändert?", ""),
        QuestionId::Style => label("Wie möchten Sie Ihre Haare tragen?", ""),
        QuestionId::HairColour => label(
            "Was ist Ihre natürliche Haarfarbe?",
            "Die Farbe am Ansatz – oder die der Stoppeln, wenn Sie rasiert sind.",
        ),
        QuestionId::SkinTone => label(
            "Welcher Hautton kommt Ihrem am nächsten?",
            "So lässt sich ein Pigmentton wählen, der bei Ihnen natürlich aussieht.",
        ),
        QuestionId::Scars => label(
            "Haben Sie Narben auf der Kopfhaut?",
            "Wählen Sie alles aus, was zutrifft.",
        ),
        QuestionId::ScarHealed => label("Sind Ihre Narben seit mindestens 9 Monaten verheilt?", ""),
        QuestionId::ScarRaised => label("Sind Ihre Narben flach oder erhaben?", ""),
        QuestionId::Health => label(
            "Trifft etwas davon auf Sie zu?",
            "Damit die Klinik auf Ihre Sicherheit achten kann. Nichts davon schließt Sie aus.",
        ),
        QuestionId::AgeBand => label("Wie alt sind Sie?", ""),
        QuestionId::Hairline => label("Welchen Haaransatz wünschen Sie sich?", ""),
    }
}

fn choice(q: QuestionId, c: Choice) -> Label {
    match c {
        Choice::Pattern(p) => match p {
            Pattern::Male => label(
                "Geheimratsecken oder lichter Wirbel",
                "Erblich bedingter Haarausfall beim Mann",
            ),
            Pattern::Female => label(
                "Der Scheitel wird breiter",
                "Erblich bedingter Haarausfall bei Frauen",
            ),
            Pattern::Diffuse => label("Überall dünner werdendes Haar", "Diffuser Haarausfall"),
            Pattern::Patchy => label(
                "Runde kahle Stellen",
                "Kreisrunder Haarausfall (Alopecia areata)",
            ),
            Pattern::Total => label(
                "Gar keine Haare auf dem Kopf",
                "Alopecia totalis oder universalis",
            ),
            Pattern::None => label("Kein Haarausfall: Ich möchte eine Narbe kaschieren", ""),
        },
        Choice::Stage(s) => match s {
            Stage::N1 => label("Norwood 1", "Haaransatz kaum zurückgegangen"),
            Stage::N2 => label("Norwood 2", "Leichte Geheimratsecken"),
            Stage::N3 => label("Norwood 3", "Tiefe Geheimratsecken"),
            Stage::N3v => label("Norwood 3 Vertex", "Geheimratsecken und lichter Wirbel"),
            Stage::N4 => label(
                "Norwood 4",
                "Zurückgegangener Ansatz und kahle Stelle am Wirbel",
            ),
            Stage::N5 => label("Norwood 5", "Stirnbereich und Wirbel berühren sich fast"),
            Stage::N6 => label(
                "Norwood 6",
                "Stirnbereich und Wirbel verbunden, dazwischen nur ein dünner Streifen",
            ),
            Stage::N7 => label(
                "Norwood 7",
                "Haare nur noch an den Seiten und am Hinterkopf",
            ),
            Stage::L1 => label("Ludwig 1", "Scheitel etwas breiter als früher"),
            Stage::L2 => label(
                "Ludwig 2",
                "Scheitel deutlich breiter, Kopfhaut oben sichtbar",
            ),
            Stage::L3 => label("Ludwig 3", "Oben sehr licht, Kopfhaut gut sichtbar"),
        },
        Choice::Progression(p) => match p {
            Progression::Stable => label("Seit einem Jahr oder länger stabil", ""),
            Progression::Slow => label("Wird langsam lichter", ""),
            Progression::Fast => label("Wird schnell lichter", ""),
            Progression::Unsure => label("Ich weiß es nicht genau", ""),
        },
        Choice::Style(s) => match s {
            Style::Buzz => label("Rasiert oder raspelkurz", "Überall kurz geschoren"),
            Style::Longer => label("Länger", "Meine Haare behalten und voller wirken lassen"),
            Style::Unsure => label("Ich weiß es noch nicht", ""),
        },
        Choice::HairColour(h) => match h {
            HairColour::Black => label("Schwarz", ""),
            HairColour::DarkBrown => label("Dunkelbraun", ""),
            HairColour::MediumBrown => label("Mittelbraun", ""),
            HairColour::LightBrown => label("Hellbraun", ""),
            HairColour::Blonde => label("Blond", ""),
            HairColour::Red => label("Rot", ""),
            HairColour::Grey => label("Grau oder weiß", ""),
            HairColour::SaltPepper => label("Grau meliert", ""),
        },
        Choice::SkinTone(t) => match t.get() {
            1 => label("Sehr hell", "Immer Sonnenbrand, nie braun"),
            2 => label("Hell", "Schnell Sonnenbrand, wird wenig braun"),
            3 => label("Mittel", "Manchmal Sonnenbrand, wird langsam braun"),
            4 => label("Olivfarben", "Selten Sonnenbrand, wird leicht braun"),
            5 => label("Braun", "Sehr selten Sonnenbrand"),
            _ => label("Dunkelbraun oder schwarz", "Nie Sonnenbrand"),
        },
        Choice::Scar(s) => match s {
            Scar::FutStrip => label(
                "Streifennarbe von einer Haartransplantation (FUT)",
                "Eine Linie quer über den Hinterkopf",
            ),
            Scar::FueDots => label(
                "Kleine punktförmige Narben von einer Haartransplantation (FUE)",
                "",
            ),
            Scar::Surgical => label("Narbe von einer Operation oder Verletzung", ""),
            Scar::Burn => label("Brandnarbe", ""),
        },
        Choice::ScarHealed(true) => label("Ja, seit 9 Monaten oder länger", ""),
        Choice::ScarHealed(false) => label("Nein, sie sind jünger", ""),
        Choice::ScarRaised(false) => label("Flach", "Auf gleicher Höhe wie die Haut drumherum"),
        Choice::ScarRaised(true) => label("Erhaben oder wulstig", "Auch Keloidnarben"),
        Choice::Health(h) => match h {
            Health::Keloid => label("Meine Haut neigt zu Keloiden (wulstigen Narben)", ""),
            Health::ScalpCondition => label(
                "Ich habe zurzeit Schuppenflechte, ein Ekzem, eine Dermatitis oder Akne an der Kopfhaut",
                "",
            ),
            Health::BloodThinners => label("Ich nehme Blutverdünner ein oder habe eine Störung der Blutgerinnung", ""),
            Health::Pregnancy => label("Ich bin schwanger oder stille", ""),
            Health::Chemo => label("Ich hatte in den letzten 12 Monaten eine Chemotherapie", ""),
            Health::Immune => label("Ich habe eine Erkrankung des Immunsystems oder nehme Medikamente, die die Abwehr schwächen", "Auch eine Kur mit Kortison oder mit Isotretinoin gegen Akne"),
            Health::Diabetes => label("Ich habe Diabetes", ""),
            Health::InkAllergy => label("Ich hatte schon einmal eine Reaktion auf Tattoofarbe oder Pigmente", ""),
            Health::RecentTransplant => label("Ich hatte in den letzten 12 Monaten eine Haartransplantation", ""),
        },
        Choice::AgeBand(a) => match a {
            AgeBand::Under18 => label("Unter 18", ""),
            AgeBand::From18To24 => label("18–24", ""),
            AgeBand::From25To34 => label("25–34", ""),
            AgeBand::From35To44 => label("35–44", ""),
            AgeBand::From45To54 => label("45–54", ""),
            AgeBand::From55 => label("55 oder älter", ""),
        },
        Choice::Hairline(h) => match h {
            Hairline::Soft => label(
                "Weich und natürlich",
                "Ein sanfter, leicht unregelmäßiger Übergang",
            ),
            Hairline::Defined => label("Klar und definiert", "Eine scharfe, gepflegte Linie"),
            Hairline::Mature => label(
                "Reif",
                "Etwas höher angesetzt, mit leicht zurückgenommenen Schläfen",
            ),
            Hairline::Unsure => label(
                "Ich weiß es nicht genau",
                "Wir schlagen einen vor, der zu Ihrem Alter passt",
            ),
        },
        Choice::NoneOfThese => match q {
            QuestionId::Scars => label("Keine Narben", ""),
            _ => label("Nichts davon", ""),
        },
    }
}

fn approach(a: Approach) -> Label {
    match a {
        Approach::BuzzCut => label("Der komplette kurzrasierte Look", "Tausende winzige Pigmentpunkte lassen Ihre Kopfhaut aussehen wie frisch rasiert – mit einem neuen Haaransatz, der zu Ihrem Gesicht passt."),
        Approach::DensityShading => label("Optische Haarverdichtung", "Pigmentpunkte zwischen Ihren Haaren lassen die Kopfhaut weniger durchscheinen. So wirkt Ihr Haar dichter, und Sie können es weiterhin länger tragen."),
        Approach::ScarCamouflage => label("Narbenkaschierung", "Pigmentpunkte, die Ihren Haarfollikeln nachempfunden sind, unterbrechen die Narbe, sodass sie mit dem umliegenden Haar verschmilzt."),
        Approach::PatchBlending => label("Kaschierung kahler Stellen", "Pigmentpunkte füllen die kahlen Stellen, sodass sie mit dem umliegenden Haar verschmelzen."),
        Approach::NoneNeeded => label("Eine Haarpigmentierung brauchen Sie vielleicht noch nicht", "Ihr Haaransatz hat sich kaum verändert. Eine Pigmentierung würde derzeit wenig bringen; ein Beratungsgespräch kann trotzdem den jetzigen Stand festhalten und Ihre Fragen beantworten."),
    }
}

fn extent(e: Extent) -> &'static str {
    match e {
        Extent::Small => "Kleine Fläche",
        Extent::Medium => "Mittlere Fläche",
        Extent::Large => "Große Fläche",
    }
}

fn pigment(p: PigmentNote) -> &'static str {
    match p {
        PigmentNote::Greyscale => "Für Ihre grauen Töne wird ein helleres Pigment in Grauabstufungen verwendet, damit die Punkte wie Ihre eigenen Stoppeln aussehen.",
        PigmentNote::LighterDilution => "Bei heller Haut wird ein verdünntes, helleres Pigment verwendet: Ein zu dunkler Ton kann mit der Zeit bläulich wirken.",
        PigmentNote::BolderImpressions => "Bei dunklerer Haut sorgen etwas kräftigere Punkte für den nötigen Kontrast, damit sie wie echte Haarfollikel aussehen.",
        PigmentNote::DarkerThanHair => "Bei blonden oder roten Haaren werden die Punkte etwas dunkler als Ihr Haar gesetzt, damit sie als rasierte Stoppeln erkennbar sind.",
    }
}

fn caution(c: Caution) -> &'static str {
    match c {
        Caution::FutureLoss => "Ihr Haarausfall kann weitergehen, sodass später weitere Sitzungen nötig sein können. Es lohnt sich, mit einer Ärztin oder einem Arzt über eine Behandlung zu sprechen, die ihn stoppt.",
        Caution::LowContrast => "Blonde oder rote Haare bieten wenig Kontrast, daher ist die Verdichtung weniger sichtbar als bei dunklerem Haar.",
        Caution::AreataRegrowth => "Bei kreisrundem Haarausfall können Haare nachwachsen: Wachsen sie über pigmentierten Stellen nach, können diese eine Zeit lang dunkler wirken.",
        Caution::LongerHairNotPossible => "In diesem Stadium ist oben zu wenig Haar für einen volleren Look mit längeren Haaren; mit dem kurzrasierten Look erzielen Sie das überzeugendste Ergebnis.",
        Caution::LimitedDensity => "Bei so viel Haarverlust kann die Pigmentierung den Kontrast mildern, langes Haar aber nicht vollständig dicht aussehen lassen.",
        Caution::PatchTest => "Da Sie schon einmal auf Farbe oder Pigment reagiert haben, testet die Klinik zuerst eine kleine Stelle und wartet ab, wie Ihre Haut reagiert.",
        Caution::TransplantSettle => "Die Pigmentierung wartet, bis der transplantierte Bereich verheilt ist und die transplantierten Haare ausgefallen sind, damit sichtbar wird, wo Pigment wirklich nötig ist.",
    }
}

fn in_person(i: InPerson) -> &'static str {
    match i {
        InPerson::Keloid => "Sie neigen zu Keloidnarben: Eine Probepigmentierung an einer kleinen Stelle sorgt vorab für Sicherheit.",
        InPerson::ScalpCondition => "Eine akute Erkrankung der Kopfhaut muss vor der Behandlung abklingen.",
        InPerson::BloodThinners => "Blutverdünner beeinflussen die Heilung; die Klinik stimmt den Zeitpunkt mit Ihnen (und Ihrer Ärztin oder Ihrem Arzt) ab.",
        InPerson::Pregnancy => "Während Schwangerschaft und Stillzeit wird die Behandlung meist verschoben.",
        InPerson::Chemo => "Nach einer kürzlich erfolgten Chemotherapie muss Ihre Haut vor der Behandlung untersucht werden.",
        InPerson::Immune => "Eine Immunerkrankung oder Medikamente, die die Abwehr schwächen, können die Heilung verlangsamen und das Infektionsrisiko erhöhen; die Klinik klärt mit Ihnen (und Ihrer Ärztin oder Ihrem Arzt), wann eine Behandlung sicher ist.",
        InPerson::Diabetes => "Diabetes kann die Heilung verlangsamen; vor der Behandlung bespricht die Klinik mit Ihnen, wie gut er eingestellt ist.",
        InPerson::InkAllergy => "Sie haben schon einmal auf Farbe oder Pigment reagiert: Die Klinik muss Sie sehen und vorab einen Test machen.",
        InPerson::RecentTransplant => "Nach einer kürzlichen Haartransplantation muss die Klinik sehen, wie der Bereich verheilt ist.",
        InPerson::Under18 => "Wer unter 18 ist, muss die Klinik persönlich besuchen, zusammen mit einem Elternteil oder einer erziehungsberechtigten Person.",
        InPerson::ScarRecent => "Eine Narbe, die jünger als 9 Monate ist, verändert sich noch: Die Klinik prüft, wann sie behandelt werden kann.",
        InPerson::ScarRaised => "Erhabene Narben nehmen Pigment anders auf und müssen persönlich begutachtet werden.",
        InPerson::AreataActive => "Kahle Stellen, die sich noch verändern, müssen vor der Planung der Behandlung begutachtet werden.",
    }
}

fn reason(r: Reason) -> &'static str {
    match r {
        Reason::ScarOnly => "Sie haben keinen Haarausfall und möchten, dass eine Narbe nicht mehr auffällt.",
        Reason::CompleteLoss => "Da Sie keine Haare auf dem Kopf haben, lässt der kurzrasierte Look die ganze Kopfhaut wie frisch rasiert wirken.",
        Reason::PatchyLoss => "Ihr Haarausfall zeigt sich an einzelnen Stellen, die sich an das umliegende Haar angleichen lassen.",
        Reason::DiffuseThinning => "Ihr Haar wird überall lichter, daher sorgt die Pigmentierung zwischen den Haaren für sichtbar mehr Dichte.",
        Reason::MinimalLoss => "Ihr Haaransatz hat sich kaum verändert.",
        Reason::HairToShade => "Sie haben noch genug Haar, damit die Pigmentierung zwischen den Haaren natürlich wirkt.",
        Reason::AdvancedLoss => "Oben ist nur noch wenig Haar, daher würde eine Verdichtung allein nicht dicht genug wirken.",
        Reason::PrefersBuzz => "Ihnen gefällt ein rasierter oder raspelkurzer Stil.",
        Reason::PrefersLonger => "Sie möchten Ihre Haare länger tragen.",
        Reason::StyleOpen => "Sie sind beim Stil noch unentschieden, daher zeigen wir Ihnen die Lösung, die die meisten Möglichkeiten offenlässt.",
        Reason::ScarsToCover => "Ihre Narben lassen sich in denselben Sitzungen kaschieren.",
        Reason::StableLoss => "Ihr Haarausfall ist stabil, daher sollte das Ergebnis gut halten.",
        Reason::ChangingLoss => "Ihr Haarausfall verändert sich möglicherweise noch – das berücksichtigt der Plan.",
    }
}

fn field_error(e: FieldError) -> &'static str {
    match e {
        FieldError::Required(Field::Name) => "Bitte geben Sie Ihren Namen ein.",
        FieldError::Required(Field::Email) => "Bitte geben Sie Ihre E-Mail-Adresse ein.",
        FieldError::Required(Field::Consent) => "Bitte setzen Sie das Häkchen, damit die Klinik Ihre Angaben verwenden darf.",
        FieldError::Required(_) => "Bitte füllen Sie dieses Feld aus.",
        FieldError::EmailInvalid => "Das sieht nicht nach einer E-Mail-Adresse aus. Bitte prüfen Sie sie (zum Beispiel name@beispiel.de).",
        FieldError::PhoneInvalid => "Bitte geben Sie die Nummer mit Ländervorwahl ein, z. B. +49 für Deutschland, +43 für Österreich oder +41 für die Schweiz.",
        FieldError::PhoneNeeded => "Bitte geben Sie eine Telefonnummer an, damit die Klinik Sie anrufen oder Ihnen schreiben kann.",
        FieldError::TooLong(_) => "Das ist zu lang. Bitte kürzen Sie den Text.",
    }
}

pub static STRINGS: Strings = Strings {
    code: "de",
    title: "Ist eine Haarpigmentierung das Richtige für Sie?",
    intro: "Ein vertraulicher 2-Minuten-Check. Wählen Sie die Bilder, die Ihnen am ähnlichsten sind, und erhalten Sie eine ehrliche Einschätzung.",
    back: "Zurück",
    next: "Weiter",
    see_result: "Mein Ergebnis anzeigen",
    start_again: "Neu beginnen",
    progress: "Frage {n} von höchstens {total}",
    optional: "Optional",
    question,
    choice,
    step_error_no_choice: "Bitte wählen Sie eine Antwort, um fortzufahren.",
    step_error_scar_required: "Bitte wählen Sie die Narbe, die kaschiert werden soll.",

    result_heading: "Unsere Empfehlung für Sie",
    provisional_heading: "Vorläufig: Die Klinik muss Sie zuerst sehen",
    provisional_text: "Einige Ihrer Antworten bedeuten, dass sich die Klinik vor einer Behandlung ein paar Dinge persönlich ansehen sollte. Hier sehen Sie, was wir erwarten würden – und Sie können es trotzdem an die Klinik senden.",
    approach,
    alternative_heading: "Ebenfalls eine Überlegung wert",
    add_on_heading: "Ergänzend dazu",
    treatment_heading: "So sieht die Behandlung aus",
    extent,
    sessions: plural("{span} Sitzung", "{span} Sitzungen"),
    hours_per_session: plural("je {span} Stunde", "je {span} Stunden"),
    hairline_heading: "Empfohlener Haaransatz",
    pigment_heading: "Pigment und Farbton",
    pigment,
    cautions_heading: "Gut zu wissen",
    caution,
    in_person,
    price_heading: "Richtpreis",
    price_range: "{min} bis {max}",
    price_note: "Den genauen Preis nennt Ihnen die Klinik, nachdem sie Sie gesehen hat.",
    longevity_heading: "Wie lange sie hält",
    longevity: "Eine Haarpigmentierung hält mehrere Jahre. Die meisten lassen sie alle 3 bis 5 Jahre auffrischen. Sonne lässt das Pigment schneller verblassen – schützen Sie Ihre Kopfhaut deshalb mit Sonnenschutz.",
    why_heading: "Warum das zu Ihnen passt",
    reason,
    to_lead_form: "Die Klinik dazu fragen",
    change_answers: "Meine Antworten ändern",
    preview_heading: "So könnte es bei Ihnen aussehen",
    preview_now: "Jetzt",
    preview_with_smp: "Mit Haarpigmentierung",
    preview_compare: "Jetzt und mit Haarpigmentierung vergleichen",
    preview_split: "{n}\u{a0}% mit Haarpigmentierung",
    preview_caption: "Eine Zeichnung nach Ihren Antworten, damit Sie sich ein Bild machen können – kein Foto von Ihnen und kein Versprechen für das Ergebnis.",
    preview_hair: "Haar",
    preview_skin: "Haut",
    preview_scars: "Narben",

    lead_heading: "Ihr Ergebnis an {clinic} senden",
    lead_intro: "Ihre Antworten und diese Empfehlung werden mit Ihrer Nachricht mitgeschickt – Sie müssen also nicht alles noch einmal erklären.",
    name_label: "Ihr Name",
    email_label: "E-Mail",
    phone_label: "Telefon",
    phone_hint: "Optional. Bitte mit Ländervorwahl.",
    preferred_contact_label: "Wie soll die Klinik Sie kontaktieren?",
    preferred_contact: |p| match p {
        PreferredContact::Email => "E-Mail",
        PreferredContact::Phone => "Anruf",
        PreferredContact::Whatsapp => "WhatsApp oder SMS",
    },
    best_time_label: "Wann sind Sie am besten erreichbar?",
    best_time: |b| match b {
        BestTime::Any => "Jederzeit",
        BestTime::Morning => "Vormittags",
        BestTime::Afternoon => "Nachmittags",
        BestTime::Evening => "Abends",
    },
    message_label: "Möchten Sie etwas fragen?",
    message_hint: "Optional.",
    photos_label: "Fotos Ihrer Kopfhaut",
    photos_hint: "Mit bis zu vier Fotos kann die Klinik Ihnen einen genaueren Plan und Preis nennen. JPEG oder PNG; wir verkleinern sie vor dem Senden.",
    photos_privacy: "Ihre Fotos gehen nur an {clinic}, zusammen mit Ihrer Anfrage. Standort- und Kameradaten werden vorher entfernt.",
    photo_slot: |s| match s {
        PhotoSlot::Front => label("Vorne", "Ihr Haaransatz, mit Blick direkt in die Kamera"),
        PhotoSlot::Top => label("Oben", "Von oben auf den Oberkopf fotografiert"),
        PhotoSlot::Crown => label("Wirbel", "Der hintere Teil des Oberkopfs"),
        PhotoSlot::Sides => label("Seite", "Eine Kopfseite, vom Ohr bis zur Schläfe"),
    },
    photo_alt: "Ihr Foto: {slot}",
    photo_add: "Foto hinzufügen",
    photo_change: "Anderes Foto wählen",
    photo_remove: "Entfernen",
    photo_preparing: "Foto wird vorbereitet…",
    photo_error: |e| match e {
        PhotoError::NotAnImage => "Diese Datei ist kein JPEG- oder PNG-Foto. Bitte wählen Sie ein Foto in einem dieser Formate.",
        PhotoError::TooLarge => "Dieses Foto ist zu groß. Bitte wählen Sie eines unter 20 MB.",
        PhotoError::TooMany => "Sie können bis zu vier Fotos hinzufügen.",
        PhotoError::CouldNotRead => "Dieses Foto konnte nicht gelesen werden. Vielleicht ist es beschädigt – bitte versuchen Sie ein anderes.",
        PhotoError::TotalTooLarge => "Zusammen sind Ihre Fotos zu groß zum Senden. Bitte entfernen Sie eines oder wählen Sie ein kleineres Foto.",
        PhotoError::TooManyPixels => "Dieses Foto hat zu viele Pixel (höchstens 50 Megapixel). Bitte wählen Sie ein kleineres Foto.",
    },
    consent_text: "Ich willige ein, dass {clinic} meine Angaben einschließlich meiner Gesundheitsdaten verarbeitet, um zu prüfen, ob eine Haarpigmentierung für mich geeignet ist, und um mich dazu zu kontaktieren. Diese Einwilligung kann ich jederzeit widerrufen.",
    marketing_text: "Ich möchte außerdem Angebote und Neuigkeiten von {clinic} erhalten. (Freiwillig, jederzeit abbestellbar)",
    privacy_link: "Datenschutzerklärung",
    field_error,
    form_has_errors: "Bitte korrigieren Sie die unten markierten Felder.",
    send: "An die Klinik senden",
    sending: "Wird gesendet…",
    retrying: "Die Verbindung ist langsam. Wir versuchen weiter zu senden…",
    send_saved: "Die Klinik ist gerade nicht erreichbar. Ihre Anfrage ist auf diesem Gerät gespeichert und wird automatisch gesendet – auch wenn Sie diese Seite schließen oder später wiederkommen.",
    send_unsaved: "Die Klinik ist gerade nicht erreichbar. Wir versuchen es weiter, solange diese Seite geöffnet bleibt. Sie können die Klinik auch direkt kontaktieren.",
    send_rejected: "Das System der Klinik hat die Anfrage nicht angenommen. Bitte wenden Sie sich direkt an die Klinik.",
    no_endpoint: "Diese Klinik nimmt noch keine Online-Anfragen entgegen. Bitte wenden Sie sich direkt an sie.",
    try_again: "Erneut versuchen",
    loading: "Wird geladen…",
    part_failed: "Dieser Teil der Beratung konnte nicht geladen werden. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    email_summary: "Mein Ergebnis per E-Mail an die Klinik senden",
    email_summary_subject: "Meine Beratung zur Haarpigmentierung bei {clinic}",
    fallback_contact: "Sie erreichen {clinic} auch direkt:",

    thanks_heading: "Vielen Dank, {name}",
    thanks_text: "{clinic} hat Ihre Antworten erhalten und meldet sich bald bei Ihnen.",
    thanks_steps: [
        "Eine Fachkraft sieht sich Ihre Antworten an.",
        "Die Klinik meldet sich auf dem gewünschten Weg bei Ihnen, um einen Beratungstermin zu vereinbaren.",
        "Im Beratungsgespräch erhalten Sie einen genauen Plan und Preis – ganz unverbindlich.",
    ],
    book_consultation: "Jetzt Beratungstermin buchen",
    redirecting: "Sie werden weitergeleitet…",
    close: "Schließen",
    colon: ": ",
    lower_after_colon: false,
};
