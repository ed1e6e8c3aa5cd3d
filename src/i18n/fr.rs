//! French ("vous"): for France, Belgium, Switzerland and Canada. Written for a worried visitor
//! reading on a phone: warm, plain words, honest about limits, with the terms French-speaking
//! clinics use ("micropigmentation capillaire", "pelade", "ligne frontale"). French typography:
//! a narrow no-break space (U+202F) before ? ! : ; and typographic apostrophes. Follows `en.rs`
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
            "Quelle description correspond le mieux à votre chute de cheveux\u{202f}?",
            "Choisissez la plus proche\u{202f}; la clinique examinera tout cela en détail plus tard.",
        ),
        QuestionId::Stage => label(
            "Quelle image ressemble le plus à vos cheveux aujourd’hui\u{202f}?",
            "Regardez la ligne frontale et le sommet du crâne, pas la longueur.",
        ),
        QuestionId::Progression => label("Votre chute de cheveux a-t-elle évolué ces derniers temps\u{202f}?", ""),
        QuestionId::Style => label("Comment aimeriez-vous porter vos cheveux\u{202f}?", ""),
        QuestionId::HairColour => label(
            "Quelle est votre couleur de cheveux naturelle\u{202f}?",
            "La couleur de vos racines, ou celle de la repousse quand vos cheveux sont rasés.",
        ),
        QuestionId::SkinTone => label(
            "Quelle carnation se rapproche le plus de la vôtre\u{202f}?",
            "Cela aide à choisir une teinte de pigment qui paraîtra naturelle sur vous.",
        ),
        QuestionId::Scars => label(
            "Avez-vous des cicatrices sur le cuir chevelu\u{202f}?",
            "Cochez toutes les réponses qui vous concernent.",
        ),
        QuestionId::ScarHealed => label("Vos cicatrices sont-elles guéries depuis 9 mois ou plus\u{202f}?", ""),
        QuestionId::ScarRaised => label("Vos cicatrices sont-elles plates ou en relief\u{202f}?", ""),
        QuestionId::Health => label(
            "L’une de ces situations vous concerne-t-elle\u{202f}?",
            "Pour que la clinique puisse veiller à votre sécurité. Aucune ne vous exclut d’office.",
        ),
        QuestionId::AgeBand => label("Quel âge avez-vous\u{202f}?", ""),
        QuestionId::Hairline => label("Quel type de ligne frontale aimeriez-vous\u{202f}?", ""),
    }
}

fn choice(q: QuestionId, c: Choice) -> Label {
    match c {
        Choice::Pattern(p) => match p {
            Pattern::Male => label(
                "Tempes dégarnies ou sommet du crâne clairsemé",
                "Alopécie androgénétique masculine",
            ),
            Pattern::Female => label("Raie qui s’élargit", "Alopécie androgénétique féminine"),
            Pattern::Diffuse => label("Cheveux clairsemés sur toute la tête", "Alopécie diffuse"),
            Pattern::Patchy => label("Plaques rondes sans cheveux", "Pelade (alopécie areata)"),
            Pattern::Total => label(
                "Plus aucun cheveu sur la tête",
                "Pelade totale ou universelle",
            ),
            Pattern::None => label(
                "Pas de chute de cheveux\u{202f}: je veux camoufler une cicatrice",
                "",
            ),
        },
        Choice::Stage(s) => match s {
            Stage::N1 => label("Norwood 1", "Ligne frontale presque inchangée"),
            Stage::N2 => label("Norwood 2", "Léger recul au niveau des tempes"),
            Stage::N3 => label("Norwood 3", "Golfes profonds au niveau des tempes"),
            Stage::N3v => label(
                "Norwood 3 vertex",
                "Golfes marqués et sommet du crâne clairsemé",
            ),
            Stage::N4 => label(
                "Norwood 4",
                "Front dégarni et zone chauve au sommet du crâne",
            ),
            Stage::N5 => label(
                "Norwood 5",
                "L’avant et le sommet du crâne se rejoignent presque",
            ),
            Stage::N6 => label(
                "Norwood 6",
                "L’avant et le sommet se rejoignent, avec une fine bande de cheveux entre les deux",
            ),
            Stage::N7 => label(
                "Norwood 7",
                "Des cheveux seulement sur les côtés et à l’arrière",
            ),
            Stage::L1 => label("Ludwig 1", "Raie un peu plus large qu’avant"),
            Stage::L2 => label(
                "Ludwig 2",
                "Raie nettement plus large, cuir chevelu visible sur le dessus",
            ),
            Stage::L3 => label(
                "Ludwig 3",
                "Cheveux très clairsemés sur le dessus, cuir chevelu bien visible",
            ),
        },
        Choice::Progression(p) => match p {
            Progression::Stable => label("Stable depuis un an ou plus", ""),
            Progression::Slow => label("Mes cheveux s’éclaircissent lentement", ""),
            Progression::Fast => label("Mes cheveux s’éclaircissent rapidement", ""),
            Progression::Unsure => label("Je ne sais pas", ""),
        },
        Choice::Style(s) => match s {
            Style::Buzz => label(
                "Rasés ou très courts",
                "Coupés court à la tondeuse sur toute la tête",
            ),
            Style::Longer => label(
                "Plus longs",
                "Garder mes cheveux et leur donner l’air plus fourni",
            ),
            Style::Unsure => label("Je ne sais pas encore", ""),
        },
        Choice::HairColour(h) => match h {
            HairColour::Black => label("Noirs", ""),
            HairColour::DarkBrown => label("Châtain foncé", ""),
            HairColour::MediumBrown => label("Châtain", ""),
            HairColour::LightBrown => label("Châtain clair", ""),
            HairColour::Blonde => label("Blonds", ""),
            HairColour::Red => label("Roux", ""),
            HairColour::Grey => label("Gris ou blancs", ""),
            HairColour::SaltPepper => label("Poivre et sel", ""),
        },
        Choice::SkinTone(t) => match t.get() {
            1 => label(
                "Très claire",
                "Coups de soleil à chaque fois, jamais de bronzage",
            ),
            2 => label("Claire", "Coups de soleil faciles, bronzage léger"),
            3 => label(
                "Intermédiaire",
                "Coups de soleil parfois, bronzage progressif",
            ),
            4 => label("Mate", "Coups de soleil rares, bronzage facile"),
            5 => label("Foncée", "Coups de soleil très rares"),
            _ => label("Très foncée ou noire", "Jamais de coups de soleil"),
        },
        Choice::Scar(s) => match s {
            Scar::FutStrip => label(
                "Cicatrice linéaire d’une greffe de cheveux (FUT)",
                "Une ligne horizontale à l’arrière de la tête",
            ),
            Scar::FueDots => label(
                "Petites cicatrices en points d’une greffe de cheveux (FUE)",
                "",
            ),
            Scar::Surgical => label("Cicatrice d’une opération ou d’une blessure", ""),
            Scar::Burn => label("Cicatrice de brûlure", ""),
        },
        Choice::ScarHealed(true) => label("Oui, depuis 9 mois ou plus", ""),
        Choice::ScarHealed(false) => label("Non, elles sont plus récentes", ""),
        Choice::ScarRaised(false) => label("Plates", "Au même niveau que la peau autour"),
        Choice::ScarRaised(true) => label(
            "En relief ou boursouflées",
            "Y compris les cicatrices chéloïdes",
        ),
        Choice::Health(h) => match h {
            Health::Keloid => label(
                "Ma peau a tendance à former des chéloïdes (cicatrices en relief)",
                "",
            ),
            Health::ScalpCondition => label(
                "J’ai en ce moment du psoriasis, de l’eczéma, une dermatite ou de l’acné sur le cuir chevelu",
                "",
            ),
            Health::BloodThinners => label(
                "Je prends un anticoagulant (médicament qui fluidifie le sang) ou j’ai un trouble de la coagulation",
                "",
            ),
            Health::Pregnancy => label("Je suis enceinte ou j’allaite", ""),
            Health::Chemo => label(
                "J’ai eu une chimiothérapie au cours des 12 derniers mois",
                "",
            ),
            Health::Immune => label("J’ai une maladie du système immunitaire ou je prends un traitement qui diminue l’immunité", "Y compris une cure de corticoïdes ou d’isotrétinoïne contre l’acné"),
            Health::Diabetes => label("J’ai du diabète", ""),
            Health::InkAllergy => label("J’ai déjà réagi à une encre de tatouage ou à un pigment", ""),
            Health::RecentTransplant => label("J’ai eu une greffe de cheveux au cours des 12 derniers mois", ""),
        },
        Choice::AgeBand(a) => match a {
            AgeBand::Under18 => label("Moins de 18 ans", ""),
            AgeBand::From18To24 => label("18–24 ans", ""),
            AgeBand::From25To34 => label("25–34 ans", ""),
            AgeBand::From35To44 => label("35–44 ans", ""),
            AgeBand::From45To54 => label("45–54 ans", ""),
            AgeBand::From55 => label("55 ans ou plus", ""),
        },
        Choice::Hairline(h) => match h {
            Hairline::Soft => label(
                "Douce et naturelle",
                "Un contour estompé, légèrement irrégulier",
            ),
            Hairline::Defined => label("Nette et dessinée", "Une ligne précise et soignée"),
            Hairline::Mature => label(
                "Mature",
                "Placée un peu plus haut, avec des tempes adoucies",
            ),
            Hairline::Unsure => label(
                "Je ne sais pas",
                "Nous vous en proposerons une adaptée à votre âge",
            ),
        },
        Choice::NoneOfThese => match q {
            QuestionId::Scars => label("Aucune cicatrice", ""),
            _ => label("Aucune de ces situations", ""),
        },
    }
}

fn approach(a: Approach) -> Label {
    match a {
        Approach::BuzzCut => label("L’effet rasé intégral", "Des milliers de minuscules points de pigment recréent l’aspect de cheveux fraîchement rasés sur tout le cuir chevelu, avec une nouvelle ligne frontale adaptée à votre visage."),
        Approach::DensityShading => label("L’effet densité", "Des points de pigment placés entre vos cheveux rendent le cuir chevelu moins visible\u{202f}: vos cheveux paraissent plus fournis, et vous pouvez les garder longs."),
        Approach::ScarCamouflage => label("Le camouflage de cicatrices", "Des points de pigment qui imitent vos follicules pileux fragmentent la cicatrice, qui se fond ainsi dans les cheveux autour."),
        Approach::PatchBlending => label("Le camouflage des plaques", "Des points de pigment comblent les plaques sans cheveux pour qu’elles se fondent dans la chevelure autour."),
        Approach::NoneNeeded => label("Vous n’avez peut-être pas encore besoin de micropigmentation", "Votre ligne frontale a à peine reculé. Pour l’instant, la micropigmentation apporterait peu\u{202f}; une consultation peut tout de même servir de point de départ et répondre à vos questions."),
    }
}

fn extent(e: Extent) -> &'static str {
    match e {
        Extent::Small => "Petite zone",
        Extent::Medium => "Zone moyenne",
        Extent::Large => "Grande zone",
    }
}

fn pigment(p: PigmentNote) -> &'static str {
    match p {
        PigmentNote::Greyscale => "Pour vos cheveux gris, on utilise un pigment plus clair, dans des nuances de gris, afin que les points ressemblent à votre propre repousse.",
        PigmentNote::LighterDilution => "Sur une peau claire, on utilise un pigment dilué, plus clair\u{202f}: une teinte trop foncée peut prendre un reflet bleuté avec le temps.",
        PigmentNote::BolderImpressions => "Sur les peaux plus foncées, des points un peu plus marqués apportent le contraste nécessaire pour ressembler à de vrais follicules.",
        PigmentNote::DarkerThanHair => "Avec des cheveux blonds ou roux, les points sont réalisés un peu plus foncés que vos cheveux, pour apparaître comme une repousse après rasage.",
    }
}

fn caution(c: Caution) -> &'static str {
    match c {
        Caution::FutureLoss => "Votre chute de cheveux peut se poursuivre, et des séances supplémentaires pourront être nécessaires plus tard. Il peut être utile de consulter un médecin au sujet d’un traitement pour la stabiliser.",
        Caution::LowContrast => "Les cheveux blonds ou roux offrent peu de contraste\u{202f}: l’effet densité se voit donc moins que sur des cheveux plus foncés.",
        Caution::AreataRegrowth => "Avec la pelade, les cheveux peuvent repousser\u{202f}: s’ils repoussent sur des zones pigmentées, celles-ci peuvent paraître plus foncées pendant un temps.",
        Caution::LongerHairNotPossible => "À ce stade, il reste trop peu de cheveux sur le dessus pour obtenir un aspect plus fourni avec des cheveux longs\u{202f}; l’effet rasé donne le résultat le plus convaincant.",
        Caution::LimitedDensity => "Avec une perte de densité aussi importante, l’effet densité peut atténuer le contraste, mais ne peut pas donner à des cheveux longs un aspect vraiment dense.",
        Caution::PatchTest => "Comme vous avez déjà réagi à une encre ou à un pigment, la clinique testera d’abord une petite zone et attendra de voir comment votre peau réagit.",
        Caution::TransplantSettle => "La micropigmentation attend que la zone greffée ait cicatrisé et que les cheveux greffés soient tombés, pour voir où le pigment est vraiment utile.",
    }
}

fn in_person(i: InPerson) -> &'static str {
    match i {
        InPerson::Keloid => "Vous avez tendance à former des chéloïdes\u{202f}: un test préalable sur une petite zone permet de veiller à votre sécurité.",
        InPerson::ScalpCondition => "Une affection du cuir chevelu en poussée doit d’abord se calmer avant le traitement.",
        InPerson::BloodThinners => "Les anticoagulants influencent la cicatrisation\u{202f}; la clinique verra avec vous (et avec votre médecin) le bon moment pour le traitement.",
        InPerson::Pregnancy => "Le traitement est généralement reporté pendant la grossesse et l’allaitement.",
        InPerson::Chemo => "Après une chimiothérapie récente, votre peau doit être examinée avant le traitement.",
        InPerson::Immune => "Une maladie immunitaire ou un traitement qui diminue l’immunité peut ralentir la cicatrisation et augmenter le risque d’infection\u{202f}; la clinique verra avec vous (et avec votre médecin) quand le traitement est sans risque.",
        InPerson::Diabetes => "Le diabète peut ralentir la cicatrisation\u{202f}; avant le traitement, la clinique fera le point avec vous sur son équilibre.",
        InPerson::InkAllergy => "Vous avez déjà réagi à une encre ou à un pigment\u{202f}: la clinique doit vous voir et faire d’abord un test.",
        InPerson::RecentTransplant => "Après une greffe de cheveux récente, la clinique doit voir comment la zone a cicatrisé.",
        InPerson::Under18 => "Avant 18 ans, la clinique doit vous rencontrer en présence d’un parent ou d’un représentant légal.",
        InPerson::ScarRecent => "Une cicatrice de moins de 9 mois évolue encore\u{202f}: la clinique verra avec vous quand elle pourra être traitée.",
        InPerson::ScarRaised => "Les cicatrices en relief absorbent le pigment différemment et doivent être examinées en consultation.",
        InPerson::AreataActive => "Une chute par plaques qui évolue encore doit être examinée avant de planifier le traitement.",
    }
}

fn reason(r: Reason) -> &'static str {
    match r {
        Reason::ScarOnly => "Vous n’avez pas de chute de cheveux et souhaitez qu’une cicatrice ne se voie plus.",
        Reason::CompleteLoss => "Sans cheveux sur la tête, l’effet rasé intégral recrée l’aspect de tout le cuir chevelu.",
        Reason::PatchyLoss => "Votre chute se fait par plaques, qui peuvent se fondre dans les cheveux autour.",
        Reason::DiffuseThinning => "Vos cheveux s’éclaircissent sur toute la tête\u{202f}: des points entre les cheveux ajoutent une densité visible.",
        Reason::MinimalLoss => "Votre ligne frontale a à peine reculé.",
        Reason::HairToShade => "Il vous reste assez de cheveux pour que l’effet densité paraisse naturel.",
        Reason::AdvancedLoss => "Il reste peu de cheveux sur le dessus\u{202f}: l’effet densité seul ne donnerait pas un aspect fourni.",
        Reason::PrefersBuzz => "Vous aimez les cheveux rasés ou très courts.",
        Reason::PrefersLonger => "Vous souhaitez garder les cheveux plus longs.",
        Reason::StyleOpen => "Vous hésitez encore sur le style\u{202f}: nous vous montrons l’option qui laisse le plus de possibilités ouvertes.",
        Reason::ScarsToCover => "Vos cicatrices peuvent être camouflées lors des mêmes séances.",
        Reason::StableLoss => "Votre chute de cheveux est stable\u{202f}: le résultat devrait bien tenir dans le temps.",
        Reason::ChangingLoss => "Votre chute de cheveux peut encore évoluer, et le plan en tient compte.",
    }
}

fn field_error(e: FieldError) -> &'static str {
    match e {
        FieldError::Required(Field::Name) => "Merci d’indiquer votre nom.",
        FieldError::Required(Field::Email) => "Merci d’indiquer votre adresse e-mail.",
        FieldError::Required(Field::Consent) => "Cochez la case pour que la clinique puisse utiliser vos réponses.",
        FieldError::Required(_) => "Merci de remplir ce champ.",
        FieldError::EmailInvalid => "Cette adresse e-mail ne semble pas valide. Merci de la vérifier (par exemple nom@exemple.fr).",
        FieldError::PhoneInvalid => "Indiquez le numéro avec l’indicatif du pays, par exemple +33 pour la France ou +32 pour la Belgique.",
        FieldError::PhoneNeeded => "Ajoutez un numéro de téléphone pour que la clinique puisse vous appeler ou vous écrire.",
        FieldError::TooLong(_) => "C’est trop long. Merci de raccourcir le texte.",
    }
}

pub static STRINGS: Strings = Strings {
    code: "fr",
    title: "La micropigmentation capillaire est-elle faite pour vous\u{202f}?",
    intro: "Un questionnaire confidentiel de 2 minutes. Choisissez les images qui vous ressemblent le plus et recevez une réponse honnête.",
    back: "Retour",
    next: "Suivant",
    see_result: "Voir mon résultat",
    start_again: "Recommencer",
    progress: "Question {n} sur {total} au plus",
    optional: "Facultatif",
    question,
    choice,
    step_error_no_choice: "Choisissez une réponse pour continuer.",
    step_error_scar_required: "Choisissez la cicatrice que vous souhaitez camoufler.",

    result_heading: "Notre recommandation pour vous",
    provisional_heading: "Provisoire\u{202f}: la clinique doit d’abord vous voir",
    provisional_text: "Certaines de vos réponses demandent qu’un spécialiste vérifie quelques points en personne avant tout traitement. Voici ce que nous envisagerions\u{202f}; vous pouvez tout de même l’envoyer à la clinique.",
    approach,
    alternative_heading: "À envisager aussi",
    add_on_heading: "En complément",
    treatment_heading: "Le traitement en pratique",
    extent,
    sessions: plural("{span} séance", "{span} séances"),
    hours_per_session: plural("{span} heure par séance", "{span} heures par séance"),
    hairline_heading: "Ligne frontale conseillée",
    pigment_heading: "Pigment et couleur",
    pigment,
    cautions_heading: "Bon à savoir",
    caution,
    in_person,
    price_heading: "Prix indicatif",
    price_range: "de {min} à {max}",
    price_note: "La clinique vous confirmera le prix exact lors de la consultation.",
    longevity_heading: "Combien de temps ça tient",
    longevity: "La micropigmentation capillaire tient plusieurs années. La plupart des personnes font une retouche tous les 3 à 5 ans. Le soleil fait pâlir le pigment plus vite\u{202f}: protégez votre cuir chevelu avec une crème solaire à indice élevé.",
    why_heading: "Pourquoi cela vous correspond",
    reason,
    to_lead_form: "En parler avec la clinique",
    change_answers: "Modifier mes réponses",
    preview_heading: "À quoi cela pourrait ressembler",
    preview_now: "Aujourd’hui",
    preview_with_smp: "Avec la micropigmentation",
    preview_compare: "Comparer aujourd’hui et avec la micropigmentation",
    preview_split: "{n}\u{202f}% avec la micropigmentation",
    preview_caption: "Un dessin réalisé à partir de vos réponses pour vous donner une idée\u{202f}: ce n’est ni une photo de vous, ni une promesse de résultat.",
    preview_hair: "Cheveux",
    preview_skin: "Peau",
    preview_scars: "Cicatrices",

    lead_heading: "Envoyez votre résultat à {clinic}",
    lead_intro: "Vos réponses et cette recommandation sont jointes à votre message\u{202f}: vous n’aurez pas à tout réexpliquer.",
    name_label: "Votre nom",
    email_label: "Adresse e-mail",
    phone_label: "Téléphone",
    phone_hint: "Facultatif. Indiquez l’indicatif du pays.",
    preferred_contact_label: "Comment la clinique peut-elle vous contacter\u{202f}?",
    preferred_contact: |p| match p {
        PreferredContact::Email => "Par e-mail",
        PreferredContact::Phone => "Par téléphone",
        PreferredContact::Whatsapp => "Par WhatsApp ou SMS",
    },
    best_time_label: "Meilleur moment pour vous joindre",
    best_time: |b| match b {
        BestTime::Any => "À tout moment",
        BestTime::Morning => "Le matin",
        BestTime::Afternoon => "L’après-midi",
        BestTime::Evening => "En soirée",
    },
    message_label: "Une question à poser\u{202f}?",
    message_hint: "Facultatif.",
    photos_label: "Photos de votre cuir chevelu",
    photos_hint: "Jusqu’à quatre photos aident la clinique à vous proposer un plan et un prix plus précis. Formats JPEG ou PNG\u{202f}; nous les allégeons avant l’envoi.",
    photos_privacy: "Vos photos sont envoyées uniquement à {clinic}, avec votre demande. Les données de localisation et de l’appareil photo en sont d’abord supprimées.",
    photo_slot: |s| match s {
        PhotoSlot::Front => label("De face", "Votre ligne frontale, en regardant droit vers l’objectif"),
        PhotoSlot::Top => label("Dessus", "Vue d’en haut, sur le dessus de la tête"),
        PhotoSlot::Crown => label("Sommet du crâne", "L’arrière du haut de la tête"),
        PhotoSlot::Sides => label("Côtés", "Un côté de la tête, de l’oreille à la tempe"),
    },
    photo_alt: "Votre photo\u{202f}: {slot}",
    photo_add: "Ajouter une photo",
    photo_change: "Choisir une autre photo",
    photo_remove: "Retirer",
    photo_preparing: "Préparation de la photo…",
    photo_error: |e| match e {
        PhotoError::NotAnImage => "Ce fichier n’est pas une photo JPEG ou PNG. Choisissez une photo dans l’un de ces formats.",
        PhotoError::TooLarge => "Cette photo est trop lourde. Choisissez-en une de moins de 20\u{a0}Mo.",
        PhotoError::TooMany => "Vous pouvez ajouter jusqu’à quatre photos.",
        PhotoError::CouldNotRead => "Impossible de lire cette photo. Elle est peut-être endommagée\u{202f}; essayez-en une autre.",
        PhotoError::TotalTooLarge => "Ensemble, vos photos sont trop lourdes pour être envoyées. Retirez-en une ou choisissez une photo plus légère.",
        PhotoError::TooManyPixels => "Cette photo a trop de pixels (50 mégapixels au maximum). Choisissez une photo plus petite.",
    },
    consent_text: "J’accepte que {clinic} utilise mes réponses, y compris des données relatives à ma santé, pour évaluer si la micropigmentation capillaire me convient et pour me contacter à ce sujet.",
    marketing_text: "Je souhaite aussi recevoir les offres et actualités de {clinic}. (Facultatif)",
    privacy_link: "Politique de confidentialité",
    field_error,
    form_has_errors: "Merci de corriger les champs signalés ci-dessous.",
    send: "Envoyer à la clinique",
    sending: "Envoi en cours…",
    retrying: "La connexion est lente. Nous essayons toujours d’envoyer…",
    send_saved: "Impossible de joindre la clinique pour le moment. Votre demande est enregistrée sur cet appareil et sera envoyée automatiquement, même si vous fermez cette page ou revenez plus tard.",
    send_unsaved: "Impossible de joindre la clinique pour le moment. Nous continuons d’essayer tant que cette page reste ouverte\u{202f}; vous pouvez aussi contacter la clinique directement.",
    send_rejected: "Le système de la clinique n’a pas accepté la demande. Merci de la contacter directement.",
    no_endpoint: "Cette clinique ne reçoit pas encore de demandes en ligne. Merci de la contacter directement.",
    try_again: "Réessayer",
    loading: "Chargement…",
    part_failed: "Cette partie de la consultation n’a pas pu se charger. Vérifiez votre connexion et réessayez.",
    email_summary: "Envoyer mon résultat à la clinique par e-mail",
    email_summary_subject: "Mon bilan de micropigmentation capillaire pour {clinic}",
    fallback_contact: "Vous pouvez aussi contacter {clinic} directement\u{202f}:",

    thanks_heading: "Merci, {name}",
    thanks_text: "{clinic} a bien reçu vos réponses et vous recontactera très bientôt.",
    thanks_steps: [
        "Un spécialiste examine vos réponses.",
        "Il vous contacte par le moyen choisi pour convenir d’une consultation.",
        "Lors de la consultation, vous recevez un plan et un prix précis, sans aucun engagement.",
    ],
    book_consultation: "Réservez votre consultation dès maintenant",
    redirecting: "Redirection vers la page suivante…",
    close: "Fermer",
    colon: "\u{202f}: ",
    lower_after_colon: true,
};
