//! English: the reference table and the fallback. Written for a worried visitor: plain words,
//! no jargon without an explanation, honest about limits.

use super::{label, plural, Label, Strings};
use crate::domain::answers::*;
use crate::domain::flow::{Choice, QuestionId};
use crate::domain::lead::{BestTime, Field, FieldError, PreferredContact};
use crate::domain::photo::{PhotoError, PhotoSlot};
use crate::domain::recommend::{Approach, Caution, Extent, InPerson, PigmentNote, Reason};

fn question(q: QuestionId) -> Label {
    match q {
        QuestionId::Pattern => label(
            "Which best describes your hair loss?",
            "Pick the closest match; the clinic will look properly later.",
        ),
        QuestionId::Stage => label(
            "Which picture looks most like your hair now?",
            "Compare the hairline and the crown, not the length.",
        ),
        QuestionId::Progression => label("Has your hair loss changed recently?", ""),
        QuestionId::Style => label("How would you like to wear your hair?", ""),
        QuestionId::HairColour => label(
            "What is your natural hair colour?",
            "The colour of your roots, or of your stubble when shaved.",
        ),
        QuestionId::SkinTone => label(
            "Which is closest to your skin tone?",
            "This helps choose a pigment shade that looks natural on you.",
        ),
        QuestionId::Scars => label(
            "Do you have any scars on your scalp?",
            "Choose all that apply.",
        ),
        QuestionId::ScarHealed => label("Have your scars been healed for 9 months or more?", ""),
        QuestionId::ScarRaised => label("Are your scars flat, or raised?", ""),
        QuestionId::Health => label(
            "Does any of this apply to you?",
            "So the clinic can keep you safe. None of these rules you out.",
        ),
        QuestionId::AgeBand => label("How old are you?", ""),
        QuestionId::Hairline => label("What kind of hairline would you like?", ""),
    }
}

fn choice(q: QuestionId, c: Choice) -> Label {
    match c {
        Choice::Pattern(p) => match p {
            Pattern::Male => label(
                "Receding hairline or thinning crown",
                "Male pattern hair loss",
            ),
            Pattern::Female => label("Widening parting", "Female pattern hair loss"),
            Pattern::Diffuse => label("Thinning all over", "Diffuse thinning"),
            Pattern::Patchy => label("Round bald patches", "Alopecia areata"),
            Pattern::Total => label(
                "No hair at all on my head",
                "Alopecia totalis or universalis",
            ),
            Pattern::None => label("No hair loss: I want to hide a scar", ""),
        },
        Choice::Stage(s) => match s {
            Stage::N1 => label("Norwood 1", "Hairline barely moved"),
            Stage::N2 => label("Norwood 2", "Slight recession at the temples"),
            Stage::N3 => label("Norwood 3", "Deep recession at the temples"),
            Stage::N3v => label("Norwood 3 vertex", "Receding temples and a thinning crown"),
            Stage::N4 => label("Norwood 4", "Receded front and a bald spot on the crown"),
            Stage::N5 => label("Norwood 5", "Front and crown nearly meet"),
            Stage::N6 => label("Norwood 6", "Front and crown joined, a thin band between"),
            Stage::N7 => label("Norwood 7", "Hair only around the sides and back"),
            Stage::L1 => label("Ludwig 1", "Parting a little wider than it was"),
            Stage::L2 => label("Ludwig 2", "Clearly wider parting, scalp visible on top"),
            Stage::L3 => label("Ludwig 3", "Very thin on top, scalp easily seen"),
        },
        Choice::Progression(p) => match p {
            Progression::Stable => label("Stable for a year or more", ""),
            Progression::Slow => label("Slowly getting thinner", ""),
            Progression::Fast => label("Getting thinner quickly", ""),
            Progression::Unsure => label("I'm not sure", ""),
        },
        Choice::Style(s) => match s {
            Style::Buzz => label("Shaved or buzz cut", "A close crop all over"),
            Style::Longer => label("Longer", "Keep my hair and make it look fuller"),
            Style::Unsure => label("I'm not sure yet", ""),
        },
        Choice::HairColour(h) => match h {
            HairColour::Black => label("Black", ""),
            HairColour::DarkBrown => label("Dark brown", ""),
            HairColour::MediumBrown => label("Medium brown", ""),
            HairColour::LightBrown => label("Light brown", ""),
            HairColour::Blonde => label("Blonde", ""),
            HairColour::Red => label("Red", ""),
            HairColour::Grey => label("Grey or white", ""),
            HairColour::SaltPepper => label("Salt and pepper", ""),
        },
        Choice::SkinTone(t) => match t.get() {
            1 => label("Very fair", "Always burns, never tans"),
            2 => label("Fair", "Burns easily, tans a little"),
            3 => label("Medium", "Sometimes burns, tans gradually"),
            4 => label("Olive", "Rarely burns, tans easily"),
            5 => label("Brown", "Very rarely burns"),
            _ => label("Deep brown or black", "Never burns"),
        },
        Choice::Scar(s) => match s {
            Scar::FutStrip => label(
                "Strip scar from a hair transplant (FUT)",
                "A line across the back of the head",
            ),
            Scar::FueDots => label("Small dot scars from a hair transplant (FUE)", ""),
            Scar::Surgical => label("Scar from surgery or an injury", ""),
            Scar::Burn => label("Burn scar", ""),
        },
        Choice::ScarHealed(true) => label("Yes, 9 months or more", ""),
        Choice::ScarHealed(false) => label("No, more recent than that", ""),
        Choice::ScarRaised(false) => label("Flat", "Level with the skin around it"),
        Choice::ScarRaised(true) => label("Raised or lumpy", "Including keloid scars"),
        Choice::Health(h) => match h {
            Health::Keloid => label("My skin tends to form keloid (raised) scars", ""),
            Health::ScalpCondition => label(
                "Psoriasis, eczema, dermatitis or acne on my scalp right now",
                "",
            ),
            Health::BloodThinners => label("I take blood thinners or have a bleeding disorder", ""),
            Health::Pregnancy => label("I'm pregnant or breastfeeding", ""),
            Health::Chemo => label("I've had chemotherapy in the last 12 months", ""),
            Health::Immune => label(
                "I have an immune condition, or take medicine that lowers my immunity",
                "Including a course of steroid tablets, or isotretinoin for acne",
            ),
            Health::Diabetes => label("I have diabetes", ""),
            Health::InkAllergy => label("I've had a reaction to tattoo ink or pigment before", ""),
            Health::RecentTransplant => {
                label("I've had a hair transplant in the last 12 months", "")
            }
        },
        Choice::AgeBand(a) => match a {
            AgeBand::Under18 => label("Under 18", ""),
            AgeBand::From18To24 => label("18–24", ""),
            AgeBand::From25To34 => label("25–34", ""),
            AgeBand::From35To44 => label("35–44", ""),
            AgeBand::From45To54 => label("45–54", ""),
            AgeBand::From55 => label("55 or over", ""),
        },
        Choice::Hairline(h) => match h {
            Hairline::Soft => label("Soft and natural", "A gentle, slightly uneven edge"),
            Hairline::Defined => label("Sharp and defined", "A crisp, groomed line"),
            Hairline::Mature => label("Mature", "Set a little higher, with softened temples"),
            Hairline::Unsure => label("I'm not sure", "We'll suggest one that suits your age"),
        },
        Choice::NoneOfThese => match q {
            QuestionId::Scars => label("No scars", ""),
            _ => label("None of these", ""),
        },
    }
}

fn approach(a: Approach) -> Label {
    match a {
        Approach::BuzzCut => label("The full buzz-cut look", "Thousands of tiny pigment dots recreate the look of freshly shaved hair across your scalp, with a new hairline where it suits your face."),
        Approach::DensityShading => label("Density shading", "Pigment dots between your existing hairs make the scalp show through less, so your hair looks thicker while you keep it longer."),
        Approach::ScarCamouflage => label("Scar camouflage", "Pigment dots matched to your hair follicles break up the scar, so it blends into the hair around it."),
        Approach::PatchBlending => label("Patch blending", "Pigment dots fill the bald patches so they blend with the hair around them."),
        Approach::NoneNeeded => label("You may not need SMP yet", "Your hairline has barely moved. SMP would add little for now; a consultation can still set a baseline and answer your questions."),
    }
}

fn extent(e: Extent) -> &'static str {
    match e {
        Extent::Small => "Small area",
        Extent::Medium => "Medium area",
        Extent::Large => "Large area",
    }
}

fn pigment(p: PigmentNote) -> &'static str {
    match p {
        PigmentNote::Greyscale => "Your grey tones are matched with a lighter, greyscale pigment so the dots look like your own stubble.",
        PigmentNote::LighterDilution => "On fair skin a diluted, lighter pigment is used: a shade that is too dark can look blue-ish over time.",
        PigmentNote::BolderImpressions => "On deeper skin tones, slightly bolder dots give the contrast needed to look like real follicles.",
        PigmentNote::DarkerThanHair => "With blonde or red hair, the dots are placed a little darker than your hair so they show as shaved stubble.",
    }
}

fn caution(c: Caution) -> &'static str {
    match c {
        Caution::FutureLoss => "Your hair loss may continue, so you may need extra sessions later. It's worth asking a doctor about treatment to stabilise it.",
        Caution::LowContrast => "Blonde or red hair gives little contrast, so density shading shows less than on darker hair.",
        Caution::AreataRegrowth => "Alopecia areata can regrow: hair growing back over pigmented patches can make them look darker for a while.",
        Caution::LongerHairNotPossible => "At this stage there is too little hair on top for a fuller longer look; the buzz-cut look gives the most convincing result.",
        Caution::LimitedDensity => "With this much thinning, shading can soften the contrast but cannot make long hair look fully dense.",
        Caution::PatchTest => "Because you've reacted to ink or pigment before, the clinic will test a small spot first and wait to see how your skin responds.",
        Caution::TransplantSettle => "SMP waits until the transplanted area has healed and the transplanted hairs have shed, so the clinic can see where pigment is really needed.",
    }
}

fn in_person(i: InPerson) -> &'static str {
    match i {
        InPerson::Keloid => "You tend to form keloid scars: a patch test first keeps you safe.",
        InPerson::ScalpCondition => "An active scalp condition needs to settle before treatment.",
        InPerson::BloodThinners => "Blood thinners affect healing; the clinic will check timing with you (and your doctor).",
        InPerson::Pregnancy => "Treatment is usually postponed during pregnancy and breastfeeding.",
        InPerson::Chemo => "After recent chemotherapy, your skin needs to be checked before treatment.",
        InPerson::Immune => "An immune condition, or medicine that lowers immunity, can slow healing and raise the risk of infection; the clinic will check with you (and your doctor) when treatment is safe.",
        InPerson::Diabetes => "Diabetes can slow healing; before treatment the clinic will talk with you about how well it is controlled.",
        InPerson::InkAllergy => "You've reacted to ink or pigment before: the clinic needs to see you and test first.",
        InPerson::RecentTransplant => "After a recent hair transplant, the clinic needs to see how the area has healed.",
        InPerson::Under18 => "For anyone under 18, the clinic needs to meet you, with a parent or guardian.",
        InPerson::ScarRecent => "A scar younger than 9 months is still changing: the clinic will check when it can be treated.",
        InPerson::ScarRaised => "Raised scars take pigment differently and need to be seen in person.",
        InPerson::AreataActive => "Patchy loss that is still changing needs to be seen before planning treatment.",
    }
}

fn reason(r: Reason) -> &'static str {
    match r {
        Reason::ScarOnly => "You have no hair loss and want a scar to disappear.",
        Reason::CompleteLoss => {
            "With no hair on your head, a full buzz-cut look rebuilds the whole scalp."
        }
        Reason::PatchyLoss => {
            "Your loss is in patches, which can be blended into the hair around them."
        }
        Reason::DiffuseThinning => {
            "Your hair is thinning all over, so shading between hairs adds visible density."
        }
        Reason::MinimalLoss => "Your hairline has barely moved.",
        Reason::HairToShade => {
            "You still have enough hair for shading between hairs to look natural."
        }
        Reason::AdvancedLoss => {
            "There is little hair left on top, so shading alone would not look dense."
        }
        Reason::PrefersBuzz => "You like a shaved or buzz-cut style.",
        Reason::PrefersLonger => "You want to keep your hair longer.",
        Reason::StyleOpen => {
            "You're not sure about the style yet, so we show what keeps most options open."
        }
        Reason::ScarsToCover => "Your scars can be camouflaged in the same sessions.",
        Reason::StableLoss => "Your hair loss has been stable, so the result should hold well.",
        Reason::ChangingLoss => "Your hair loss may still be changing, which the plan allows for.",
    }
}

fn field_error(e: FieldError) -> &'static str {
    match e {
        FieldError::Required(Field::Name) => "Please enter your name.",
        FieldError::Required(Field::Email) => "Please enter your email address.",
        FieldError::Required(Field::Consent) => "Please tick the box so the clinic may use your answers.",
        FieldError::Required(_) => "Please fill in this field.",
        FieldError::EmailInvalid => "This doesn't look like an email address. Please check it (for example name@example.com).",
        FieldError::PhoneInvalid => "Please enter the number with its country code, for example +44 20 7946 0958.",
        FieldError::PhoneNeeded => "Please add a phone number so the clinic can call or message you.",
        FieldError::TooLong(_) => "This is too long. Please shorten it.",
    }
}

pub static STRINGS: Strings = Strings {
    code: "en",
    title: "Is scalp micropigmentation right for you?",
    intro: "A private 2-minute check. Pick the pictures closest to you and get an honest answer.",
    back: "Back",
    next: "Next",
    see_result: "See my result",
    start_again: "Start again",
    progress: "Question {n} of up to {total}",
    optional: "Optional",
    question,
    choice,
    step_error_no_choice: "Please choose an answer to continue.",
    step_error_scar_required: "Please choose the scar you would like covered.",

    result_heading: "Our suggestion for you",
    provisional_heading: "Provisional: the clinic needs to see you first",
    provisional_text: "Some of your answers mean a specialist should check a few things in person before any treatment. Here is what we would expect, and you can still send it to the clinic.",
    approach,
    alternative_heading: "Also worth considering",
    add_on_heading: "Alongside it",
    treatment_heading: "What treatment looks like",
    extent,
    sessions: plural("{span} session", "{span} sessions"),
    hours_per_session: plural("{span} hour each", "{span} hours each"),
    hairline_heading: "Suggested hairline",
    pigment_heading: "Pigment and colour",
    pigment,
    cautions_heading: "Good to know",
    caution,
    in_person,
    price_heading: "Guide price",
    price_range: "{min} to {max}",
    price_note: "The clinic confirms the exact price after seeing you.",
    longevity_heading: "How long it lasts",
    longevity: "SMP lasts for years. Most people have a top-up every 3 to 5 years, and sun fades pigment faster, so protect your scalp with SPF.",
    why_heading: "Why this suits you",
    reason,
    to_lead_form: "Ask the clinic about this",
    change_answers: "Change my answers",
    preview_heading: "How it could look on you",
    preview_now: "Now",
    preview_with_smp: "With SMP",
    preview_compare: "Compare now and with SMP",
    preview_split: "{n}% with SMP",
    preview_caption: "A drawing made from your answers to give you an idea: not a photo of you, and not a promise of your result.",
    preview_hair: "Hair",
    preview_skin: "Skin",
    preview_scars: "Scars",

    lead_heading: "Send your result to {clinic}",
    lead_intro: "Your answers and this suggestion go with your message, so you don't have to explain it all again.",
    name_label: "Your name",
    email_label: "Email",
    phone_label: "Phone",
    phone_hint: "Optional. Include your country code.",
    preferred_contact_label: "How should the clinic contact you?",
    preferred_contact: |p| match p {
        PreferredContact::Email => "Email",
        PreferredContact::Phone => "Phone call",
        PreferredContact::Whatsapp => "WhatsApp or text message",
    },
    best_time_label: "Best time to reach you",
    best_time: |b| match b {
        BestTime::Any => "Any time",
        BestTime::Morning => "Morning",
        BestTime::Afternoon => "Afternoon",
        BestTime::Evening => "Evening",
    },
    message_label: "Anything you'd like to ask?",
    message_hint: "Optional.",
    photos_label: "Photos of your scalp",
    photos_hint: "Up to four photos help the clinic give you a more exact plan and price. JPEG or PNG; we make them smaller before sending.",
    photos_privacy: "Your photos go only to {clinic}, with your request. Location and camera details are removed first.",
    photo_slot: |s| match s {
        PhotoSlot::Front => label("Front", "Your hairline, looking straight at the camera"),
        PhotoSlot::Top => label("Top", "From above, looking down on the top of your head"),
        PhotoSlot::Crown => label("Crown", "The back of the top of your head"),
        PhotoSlot::Sides => label("Sides", "One side of your head, ear to temple"),
    },
    photo_alt: "Your photo: {slot}",
    photo_add: "Add a photo",
    photo_change: "Choose another photo",
    photo_remove: "Remove",
    photo_preparing: "Preparing the photo…",
    photo_error: |e| match e {
        PhotoError::NotAnImage => "This file isn't a JPEG or PNG photo. Please choose a photo in one of those formats.",
        PhotoError::TooLarge => "This photo is too large. Please choose one under 20 MB.",
        PhotoError::TooMany => "You can add up to four photos.",
        PhotoError::CouldNotRead => "This photo couldn't be read. It may be damaged; please try another.",
        PhotoError::TotalTooLarge => "Together, your photos are too large to send. Please remove one or choose a smaller photo.",
        PhotoError::TooManyPixels => "This photo has too many pixels (at most 50 megapixels). Please choose a smaller photo.",
    },
    consent_text: "I agree that {clinic} may use my answers, including health information, to assess whether SMP suits me and to contact me about it.",
    marketing_text: "I'd also like to hear about offers and news from {clinic}. (Optional)",
    privacy_link: "Privacy policy",
    field_error,
    form_has_errors: "Please correct the fields marked below.",
    send: "Send to the clinic",
    sending: "Sending…",
    retrying: "The connection is slow. Still trying to send…",
    send_saved: "We couldn't reach the clinic just now. Your request is saved on this device and will be sent automatically, even if you close this page or come back later.",
    send_unsaved: "We couldn't reach the clinic just now. We'll keep trying while this page stays open, or you can contact the clinic directly.",
    send_rejected: "The clinic's system did not accept the request. Please contact them directly.",
    no_endpoint: "This clinic has not set up online enquiries yet. Please contact them directly.",
    try_again: "Try again",
    loading: "Loading…",
    part_failed: "This part of the consultation could not load. Please check your connection and try again.",
    email_summary: "Email my result to the clinic",
    email_summary_subject: "My SMP consultation for {clinic}",
    fallback_contact: "You can also reach {clinic} directly:",

    thanks_heading: "Thank you, {name}",
    thanks_text: "{clinic} has your answers and will be in touch soon.",
    thanks_steps: [
        "A specialist reviews your answers.",
        "They contact you the way you asked, to arrange a consultation.",
        "At the consultation you get an exact plan and price. There is no obligation.",
    ],
    book_consultation: "Book your consultation now",
    redirecting: "Taking you to the next page…",
    close: "Close",
    colon: ": ",
    lower_after_colon: false,
};
