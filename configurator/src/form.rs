//! The settings, grouped as a clinic thinks of them: the clinic, its look, the widget on the
//! page, language, prices, where leads go, consent and links, what the form asks. Every field
//! shows the widget's own words for a wrong value once the field has been left.

use smp_consult::domain::config::{Accent, ConfigError};
use smp_consult::domain::settings::{self, Given};
use smp_consult::domain::{Approach, Extent};
use smp_consult::i18n::Locale;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::{Action, Destination, ModelContext, TestRun};
use crate::contrast::{self, Place};
use crate::draft::{Setting, OPTIONAL_PARTS};
use crate::samples::common_currencies;
use crate::test_lead::{Outcome, Target};

/// The page's state, from any component.
#[hook]
pub fn use_model() -> ModelContext {
    use_context::<ModelContext>().expect("the App provides the model")
}

/// The language names a clinic reads in the list.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("es", "Spanish (Español)"),
    ("fr", "French (Français)"),
    ("de", "German (Deutsch)"),
    ("pt", "Portuguese, Brazil (Português)"),
    ("it", "Italian (Italiano)"),
];

/// An approach as a clinic names it.
pub fn approach_name(approach: Approach) -> &'static str {
    match approach {
        Approach::BuzzCut => "Full SMP, buzz-cut look",
        Approach::DensityShading => "Density shading (keeps longer hair)",
        Approach::ScarCamouflage => "Scar camouflage",
        Approach::PatchBlending => "Patchy hair loss (alopecia areata)",
        Approach::NoneNeeded => "No treatment needed",
    }
}

/// An extent as a clinic names it, with the stages it covers.
pub fn extent_name(extent: Extent) -> &'static str {
    match extent {
        Extent::Small => "small area",
        Extent::Medium => "medium area",
        Extent::Large => "large area",
    }
}

fn extent_hint(approach: Approach, extent: Extent) -> &'static str {
    match (approach, extent) {
        (Approach::ScarCamouflage, _) => "a scar, no hair loss",
        (Approach::PatchBlending, _) => "patches of loss",
        (_, Extent::Small) => "Norwood 2–3, Ludwig 1",
        (_, Extent::Medium) => "Norwood 3V–5, Ludwig 2, thinning all over",
        (_, Extent::Large) => "Norwood 6–7, Ludwig 3, complete loss",
    }
}

/// The problems to show beside the fields whose items are listed, once they may show.
fn problems_for(model: &ModelContext, owns: impl Fn(&ConfigError) -> bool) -> Vec<String> {
    model
        .problems
        .iter()
        .filter(|p| {
            let ConfigError::Invalid { item, .. } = p;
            owns(p) && shown(model, item)
        })
        .map(|p| p.to_string())
        .collect()
}

/// Whether an item's problems may show: its field was left, or it came filled in. A problem
/// that sits under another name (`config.accent`, `hubspot.form_id`) shows with its field.
fn shown(model: &ModelContext, item: &str) -> bool {
    model.shown.iter().any(|s| s == item)
        || Setting::ALL.iter().any(|s| {
            model.shown.iter().any(|x| x == s.name())
                && s.owns(&ConfigError::invalid(item.to_string(), ""))
        })
}

/// The error lines under a field.
fn error_list(id: &str, errors: &[String]) -> Html {
    if errors.is_empty() {
        return html! {};
    }
    html! {
        <p class="error" id={id.to_string()}>
            { for errors.iter().map(|e| html! { <span class="error-line">{ e }</span> }) }
        </p>
    }
}

fn ids(setting: Setting) -> (String, String, String) {
    let base = format!("f-{}", setting.name().replace('.', "-"));
    (
        base.clone(),
        format!("{base}-hint"),
        format!("{base}-error"),
    )
}

/// The space-separated ids a field is described by.
fn described_by(hint: Option<&str>, error: Option<&str>) -> Option<AttrValue> {
    let list: Vec<&str> = [hint, error].into_iter().flatten().collect();
    (!list.is_empty()).then(|| AttrValue::from(list.join(" ")))
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub setting: Setting,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// `text`, `url`, `email`, `tel`.
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    /// A text area instead of one line.
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub required: bool,
    /// The endpoint typed as the inbox's address (the field shows and takes the address; the
    /// setting holds the address's `/v1/leads`).
    #[prop_or_default]
    pub inbox_address: bool,
    /// The field takes the clinic's id on an agency's inbox (the setting holds the endpoint
    /// `/v1/clinics/<id>/leads`).
    #[prop_or_default]
    pub inbox_clinic: bool,
}

/// One setting as a labelled text field, with its hint and the widget's words when wrong.
#[function_component]
pub fn Field(props: &FieldProps) -> Html {
    let model = use_model();
    let setting = props.setting;
    let (mut id, mut hint_id, mut error_id) = ids(setting);
    let clinic = props.inbox_clinic;
    let errors = if clinic {
        // The endpoint's problems show once, under the address.
        Vec::new()
    } else {
        problems_for(&model, |p| setting.owns(p))
    };
    if clinic {
        (id, hint_id, error_id) = (
            format!("{id}-clinic"),
            format!("{id}-clinic-hint"),
            format!("{id}-clinic-error"),
        );
    }
    let inbox = props.inbox_address;
    let value = AttrValue::from(if clinic {
        model.inbox_clinic.clone()
    } else if inbox {
        model.inbox_address.clone()
    } else {
        model.draft.get(setting).to_string()
    });
    let oninput = {
        let model = model.clone();
        Callback::from(move |e: InputEvent| {
            let text = match e.target_dyn_into::<HtmlTextAreaElement>() {
                Some(area) => area.value(),
                None => e.target_unchecked_into::<HtmlInputElement>().value(),
            };
            model.dispatch(if clinic {
                Action::InboxClinic(text)
            } else if inbox {
                Action::InboxAddress(text)
            } else {
                Action::Set(setting, text)
            });
        })
    };
    let onblur = {
        let model = model.clone();
        Callback::from(move |_: FocusEvent| model.dispatch(Action::Show(setting.name().into())))
    };
    let describedby = described_by(
        props.hint.as_ref().map(|_| hint_id.as_str()),
        (!errors.is_empty()).then_some(error_id.as_str()),
    );
    let invalid = (!errors.is_empty()).then_some("true");
    let input = if props.multiline {
        html! {
            <textarea id={id.clone()} rows="3" value={value} {oninput} {onblur}
                placeholder={props.placeholder.clone()} aria-describedby={describedby}
                aria-invalid={invalid} />
        }
    } else {
        html! {
            <input id={id.clone()} type={props.kind.clone()} value={value} {oninput} {onblur}
                placeholder={props.placeholder.clone()} autocomplete={props.autocomplete.clone().unwrap_or(AttrValue::Static("off"))}
                aria-describedby={describedby} aria-invalid={invalid} required={props.required}
                spellcheck="false" />
        }
    };
    html! {
        <div class={classes!("field", (!errors.is_empty()).then_some("has-error"))}>
            <label for={id}>{ &props.label }{ if props.required { html! { <span class="required">{ " (required)" }</span> } } else { html! {} } }</label>
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint }</p>
            }
            { input }
            { error_list(&error_id, &errors) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChoiceProps {
    pub setting: Setting,
    pub legend: AttrValue,
    /// (value, label, description)
    pub options: Vec<(&'static str, &'static str, &'static str)>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

/// A setting with a few values, as radio buttons with a line on each.
#[function_component]
pub fn Choice(props: &ChoiceProps) -> Html {
    let model = use_model();
    let setting = props.setting;
    let current = model.draft.choice(setting).to_string();
    let (id, hint_id, error_id) = ids(setting);
    let errors = problems_for(&model, |p| setting.owns(p));
    let describedby = described_by(
        props.hint.as_ref().map(|_| hint_id.as_str()),
        (!errors.is_empty()).then_some(error_id.as_str()),
    );
    html! {
        <fieldset class="choice" id={id.clone()} aria-describedby={describedby}>
            <legend>{ &props.legend }</legend>
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint }</p>
            }
            <div class="choice-options">
            { for props.options.iter().map(|(value, label, description)| {
                let option_id = format!("{id}-{value}");
                let onchange = {
                    let model = model.clone();
                    let value = value.to_string();
                    Callback::from(move |_: Event| model.dispatch(Action::Set(setting, value.clone())))
                };
                html! {
                    <div class="option">
                        <input type="radio" id={option_id.clone()} name={id.clone()} value={*value}
                            checked={current == *value} {onchange} />
                        <label for={option_id}>
                            <span class="option-label">{ *label }</span>
                            if !description.is_empty() {
                                <span class="option-description">{ *description }</span>
                            }
                        </label>
                    </div>
                }
            }) }
            </div>
            { error_list(&error_id, &errors) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct SectionProps {
    id: AttrValue,
    title: AttrValue,
    #[prop_or_default]
    intro: Option<AttrValue>,
    children: Html,
}

#[function_component]
fn Section(props: &SectionProps) -> Html {
    let heading = format!("{}-title", props.id);
    html! {
        <section class="group" id={props.id.clone()} aria-labelledby={heading.clone()}>
            <h2 id={heading}>{ &props.title }</h2>
            if let Some(intro) = &props.intro {
                <p class="intro">{ intro }</p>
            }
            { props.children.clone() }
        </section>
    }
}

/// All the settings.
#[function_component]
pub fn Settings() -> Html {
    html! {
        <form class="settings" id="settings" aria-label="Settings" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <Section id="clinic" title="Your clinic">
                <Field setting={Setting::Clinic} label="Clinic name" required=true autocomplete="organization"
                    hint="Shown in the consultation and in the consent visitors give you." placeholder="Northline SMP" />
                <Field setting={Setting::Logo} label="Logo address" kind="url"
                    hint="An https:// address of your logo, or a path on your site such as /images/logo.svg. Optional." />
                <Field setting={Setting::Phone} label="Phone number" kind="tel" autocomplete="tel"
                    hint="In international form, e.g. +44 113 496 0000. Shown if a visitor’s request cannot be sent." />
                <Field setting={Setting::Email} label="Email address" kind="email" autocomplete="email"
                    hint="Also shown if sending fails, so no visitor is left without a way to reach you." />
            </Section>
            <Look />
            <Section id="placement" title="On your page">
                <Choice setting={Setting::Mode} legend="How it appears"
                    options={vec![
                        ("inline", "In the page", "Where you paste it, e.g. on a “Free assessment” page."),
                        ("popup", "A button that opens it", "Paste where the button goes; the consultation opens over the page."),
                        ("bubble", "A floating button in the corner", "Paste once, e.g. in your footer, to have it on every page."),
                    ]} />
                <ModeTexts />
            </Section>
            <Section id="language" title="Language">
                <Language />
                <Languages />
            </Section>
            <Prices />
            <Leads />
            <Section id="consent" title="Consent and links">
                <Field setting={Setting::PrivacyUrl} label="Privacy policy" kind="url"
                    hint="An https:// address. Linked from the consent box; visitors are sharing health details." />
                <Field setting={Setting::ConsentText} label="Your own consent wording" multiline=true
                    hint="Leave empty for the widget’s wording in the visitor’s language, which names your clinic. Write {clinic} where your name goes. It is stored with every lead." />
                <Field setting={Setting::BookingUrl} label="Online booking page" kind="url"
                    hint="An https:// address. Offered on the result and after sending." />
                <Field setting={Setting::ThanksText} label="Your own thank-you line" multiline=true
                    hint="Shown after a visitor sends their request. Empty: the widget’s own." />
                <Field setting={Setting::RedirectUrl} label="Page to go to after the thank-you" kind="url"
                    hint="An https:// address, e.g. your own thank-you page for conversion tracking. Optional." />
            </Section>
            <FormParts />
        </form>
    }
}

/// The brand colour with its contrast, and light or dark.
#[function_component]
fn Look() -> Html {
    let model = use_model();
    let typed = model.draft.get(Setting::Accent).trim().to_string();
    let theme = model.draft.choice(Setting::Theme).to_string();
    let (light_seen, dark_seen) = (theme != "dark", theme != "light");
    // The clinic's colour is used in both themes; without one the widget has one for each.
    let (light, dark) = if typed.is_empty() {
        (
            Accent::parse(contrast::LIGHT_ACCENT).ok(),
            Accent::parse(contrast::DARK_ACCENT).ok(),
        )
    } else {
        let own = Accent::parse(&typed).ok();
        (own.clone(), own)
    };
    let checks = contrast::checks(
        light.as_ref().filter(|_| light_seen),
        dark.as_ref().filter(|_| dark_seen),
    );
    let onpick = {
        let model = model.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            model.dispatch(Action::Set(Setting::Accent, value));
            model.dispatch(Action::Show(Setting::Accent.name().into()));
        })
    };
    let swatch = light
        .as_ref()
        .map_or(contrast::LIGHT_ACCENT.to_string(), |a| a.colour.clone());
    html! {
        <Section id="look" title="Look">
            <Field setting={Setting::Accent} label="Brand colour"
                hint="A hex code such as #1f5f5b, from your brand guide or picked below. Used for buttons, links and the title; the text on buttons is chosen for contrast."
                placeholder={contrast::LIGHT_ACCENT} />
            <div class="picker">
                <input id="f-accent-picker" type="color" value={swatch} oninput={onpick} />
                <label for="f-accent-picker">{ "Pick it on a colour chart" }</label>
            </div>
            if !checks.is_empty() {
                <div class="contrast">
                    <p class="contrast-title">{
                        if typed.is_empty() { "How readable the widget’s own colours are (until you pick yours):" }
                        else { "How readable your colour is where the widget uses it:" }
                    }</p>
                    <ul>
                    { for checks.iter().map(|check| {
                        let place = match check.place {
                            Place::ButtonText { on_white: true } => "White text on its buttons",
                            Place::ButtonText { on_white: false } => "Dark text on its buttons",
                            Place::OnLight => "Links and headings on white",
                            Place::OnDark => "Links and headings in dark mode",
                        };
                        let verdict = if check.passes() { "✓ readable" } else { "✗ too faint (WCAG AA needs 4.5:1)" };
                        html! {
                            <li class={if check.passes() { "pass" } else { "fail" }}>
                                { format!("{place}: {} ", contrast::show(check.ratio)) }<strong>{ verdict }</strong>
                            </li>
                        }
                    }) }
                    </ul>
                    if checks.iter().any(|c| c.place == Place::OnDark && !c.passes()) {
                        <p class="advice">{ "Your colour is hard to read for visitors who use dark mode. Pick a lighter shade, or choose “Always light” below." }</p>
                    }
                    if checks.iter().any(|c| c.place == Place::OnLight && !c.passes()) {
                        <p class="advice">{ "Your colour is hard to read as text on white. Pick a darker shade, or choose “Always dark” below." }</p>
                    }
                </div>
            }
            <Choice setting={Setting::Theme} legend="Light or dark"
                options={vec![
                    ("auto", "Follow each visitor’s setting", "Light, or dark for visitors who use dark mode."),
                    ("light", "Always light", ""),
                    ("dark", "Always dark", ""),
                ]} />
        </Section>
    }
}

/// The button's words (popup, bubble) and the bubble's teaser.
#[function_component]
fn ModeTexts() -> Html {
    let model = use_model();
    let mode = model.draft.choice(Setting::Mode).to_string();
    html! {
        <>
            if mode != "inline" {
                <Field setting={Setting::ButtonText} label="Button text"
                    hint="Empty: “Is SMP right for me?” in the visitor’s language." placeholder="Free 2-minute check" />
            }
            if mode == "bubble" {
                <Field setting={Setting::Teaser} label="A line beside the button"
                    hint="Shown on wider screens only. Optional." placeholder="Is SMP right for you?" />
            }
        </>
    }
}

#[function_component]
fn Language() -> Html {
    let model = use_model();
    let current = model.draft.get(Setting::Lang).trim().to_string();
    let onchange = {
        let model = model.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            model.dispatch(Action::Set(Setting::Lang, value));
        })
    };
    let known = current.is_empty() || LANGUAGES.iter().any(|(c, _)| *c == current);
    let errors = problems_for(&model, |p| Setting::Lang.owns(p));
    html! {
        <div class="field">
            <label for="f-lang">{ "The consultation speaks" }</label>
            <p class="hint" id="f-lang-hint">{ "Following the page is best on a site in several languages: the widget then speaks the page’s language (or the visitor’s browser’s) among the ones you allow below." }</p>
            <select id="f-lang" {onchange} aria-describedby="f-lang-hint">
                <option value="" selected={current.is_empty()}>{ "The language of the page it is on" }</option>
                { for LANGUAGES.iter().map(|(code, name)| html! {
                    <option value={*code} selected={current == *code}>{ format!("Always {name}") }</option>
                }) }
                if !known {
                    <option value={current.clone()} selected=true>{ format!("“{current}” (not a language the widget speaks)") }</option>
                }
            </select>
            { error_list("f-lang-error", &errors) }
        </div>
    }
}

/// The languages a widget that follows the page may speak, as `languages` writes them: the
/// fallback first, then the others in [`LANGUAGES`] order. Empty: all six, English first.
pub fn allowed_languages(written: &str) -> Vec<&'static str> {
    // Read by the widget's own rule, so the boxes show what the widget will do.
    let (allowed, _) = settings::language_list(written, Locale::from_tag);
    if allowed.is_empty() {
        LANGUAGES.iter().map(|(c, _)| *c).collect()
    } else {
        allowed.into_iter().map(Locale::code).collect()
    }
}

/// `languages` for a fallback and a set of allowed codes: empty when that is the default (all
/// six, English first).
pub fn write_languages(fallback: &str, allowed: &[&str]) -> String {
    let mut codes: Vec<&str> = vec![fallback];
    codes.extend(
        LANGUAGES
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| *c != fallback && allowed.contains(c)),
    );
    if fallback == "en" && codes.len() == LANGUAGES.len() {
        String::new()
    } else {
        codes.join(" ")
    }
}

/// Which languages the widget may speak when it follows the page, and which one it speaks when
/// the visitor's is none of them (`languages`). Hidden while one language is fixed.
#[function_component]
fn Languages() -> Html {
    let model = use_model();
    if !model.draft.get(Setting::Lang).trim().is_empty() {
        return Html::default();
    }
    let allowed = allowed_languages(model.draft.get(Setting::Languages));
    let fallback = allowed[0];
    let errors = problems_for(&model, |p| Setting::Languages.owns(p));
    let set = {
        let model = model.clone();
        move |fallback: String, allowed: Vec<&'static str>| {
            model.dispatch(Action::Set(
                Setting::Languages,
                write_languages(&fallback, &allowed),
            ));
        }
    };
    let on_fallback = {
        let (set, allowed) = (set.clone(), allowed.clone());
        Callback::from(move |e: Event| {
            let code = e.target_unchecked_into::<HtmlSelectElement>().value();
            let mut allowed = allowed.clone();
            if let Some((known, _)) = LANGUAGES.iter().find(|(c, _)| *c == code) {
                if !allowed.contains(known) {
                    allowed.push(known);
                }
            }
            set(code, allowed);
        })
    };
    html! {
        <fieldset class="choice" id="f-languages" aria-describedby="f-languages-hint">
            <legend>{ "Languages it may speak" }</legend>
            <p class="hint" id="f-languages-hint">{ "It speaks the page’s language, else the visitor’s browser’s, when it is one of these." }</p>
            <div class="choice-options">
            { for LANGUAGES.iter().map(|(code, name)| {
                let checked = allowed.contains(code);
                let onchange = {
                    let (set, allowed) = (set.clone(), allowed.clone());
                    Callback::from(move |e: Event| {
                        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                        let mut allowed: Vec<&'static str> =
                            allowed.iter().copied().filter(|c| c != code).collect();
                        if on {
                            allowed.push(code);
                        }
                        let fallback = if allowed.contains(&fallback) { fallback } else { allowed.first().copied().unwrap_or("en") };
                        set(fallback.to_string(), allowed);
                    })
                };
                html! {
                    <div class="option">
                        <input type="checkbox" id={format!("f-languages-{code}")} value={*code}
                            {checked} disabled={checked && allowed.len() == 1} {onchange} />
                        <label for={format!("f-languages-{code}")}><span class="option-label">{ *name }</span></label>
                    </div>
                }
            }) }
            </div>
            <p>
                <label for="f-languages-fallback">{ "When the visitor’s language is none of these, it speaks" }</label>
                <select id="f-languages-fallback" onchange={on_fallback}>
                    { for LANGUAGES.iter().filter(|(c, _)| allowed.contains(c)).map(|(code, name)| html! {
                        <option value={*code} selected={fallback == *code}>{ *name }</option>
                    }) }
                </select>
            </p>
            { error_list("f-languages-error", &errors) }
        </fieldset>
    }
}

/// The currency and the price table, approach × extent.
#[function_component]
fn Prices() -> Html {
    let model = use_model();
    let problems = model.problems.clone();
    let onexamples = {
        let model = model.clone();
        Callback::from(move |_: MouseEvent| model.dispatch(Action::ExamplePrices))
    };
    let any_price = model
        .draft
        .prices
        .iter()
        .any(|c| !c.min.trim().is_empty() || !c.max.trim().is_empty());
    let oncurrency = {
        let model = model.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            model.dispatch(Action::Set(Setting::Currency, value.to_ascii_uppercase()));
        })
    };
    let oncurrency_blur = {
        let model = model.clone();
        Callback::from(move |_: FocusEvent| model.dispatch(Action::Show("currency".into())))
    };
    let currency_errors: Vec<String> = if any_price {
        problems_for(&model, |p| Setting::Currency.owns(p))
    } else {
        Vec::new()
    };
    let rows = model.draft.prices.iter().enumerate().map(|(index, cell)| {
        let row_id = format!("price-{}-{}", cell.approach.code(), cell.extent.code());
        let item = cell.item();
        let errors: Vec<String> = problems
            .iter()
            .filter(|p| {
                let ConfigError::Invalid { item: i, .. } = p;
                *i == item && model.shown.contains(&item)
            })
            .map(ToString::to_string)
            .collect();
        let error_id = format!("{row_id}-error");
        let input = |max: bool| {
            let model = model.clone();
            let value = if max { cell.max.clone() } else { cell.min.clone() };
            let oninput = {
                let model = model.clone();
                Callback::from(move |e: InputEvent| {
                    let value = e.target_unchecked_into::<HtmlInputElement>().value();
                    model.dispatch(Action::Price { index, max, value });
                })
            };
            let onblur = {
                let item = item.clone();
                Callback::from(move |_: FocusEvent| model.dispatch(Action::Show(item.clone())))
            };
            let column = if max { "price-to" } else { "price-from" };
            let id = format!("{row_id}-{}", if max { "max" } else { "min" });
            html! {
                <td>
                    <input id={id} type="text" inputmode="numeric" value={value} {oninput} {onblur}
                        aria-labelledby={format!("{row_id} {column}")}
                        aria-describedby={(!errors.is_empty()).then(|| error_id.clone())}
                        aria-invalid={(!errors.is_empty()).then_some("true")} autocomplete="off" />
                </td>
            }
        };
        html! {
            <>
                <tr class={classes!((!errors.is_empty()).then_some("has-error"))}>
                    <th scope="row" id={row_id.clone()}>
                        { approach_name(cell.approach) }
                        if !matches!(cell.approach, Approach::ScarCamouflage | Approach::PatchBlending) {
                            { format!(", {}", extent_name(cell.extent)) }
                        }
                        <span class="row-hint">{ extent_hint(cell.approach, cell.extent) }</span>
                    </th>
                    { input(false) }
                    { input(true) }
                </tr>
                if !errors.is_empty() {
                    <tr class="row-error"><td colspan="3">{ error_list(&error_id, &errors) }</td></tr>
                }
            </>
        }
    });
    html! {
        <Section id="prices" title="Prices"
            intro="What visitors see as “from … to …” for the treatment their answers point to. The widget never invents a price: leave a row empty and that result shows none.">
            <div class={classes!("field", (!currency_errors.is_empty()).then_some("has-error"))}>
                <label for="f-currency">{ "Currency" }</label>
                <p class="hint" id="f-currency-hint">{ "Three letters: EUR, GBP, USD… Prices are written the visitor’s way: £1,500, 1.500\u{a0}€, R$\u{a0}1.500." }</p>
                <input id="f-currency" class="short" type="text" list="currencies" value={model.draft.get(Setting::Currency).to_string()}
                    oninput={oncurrency} onblur={oncurrency_blur} maxlength="3" autocomplete="off" spellcheck="false"
                    aria-describedby={if currency_errors.is_empty() { "f-currency-hint".to_string() } else { "f-currency-hint f-currency-error".to_string() }}
                    aria-invalid={(!currency_errors.is_empty()).then_some("true")} />
                <datalist id="currencies">
                    { for common_currencies().map(|c| html! { <option value={c}></option> }) }
                </datalist>
                { error_list("f-currency-error", &currency_errors) }
            </div>
            <table class="prices">
                <caption class="visually-hidden">{ "Price per treatment, in whole units of your currency" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Treatment" }</th>
                        <th scope="col" id="price-from">{ "From" }</th>
                        <th scope="col" id="price-to">{ "To" }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="actions">
                <button type="button" class="secondary" onclick={onexamples}>{ "Fill empty rows with example prices" }</button>
            </p>
        </Section>
    }
}

/// Where leads go, and the test lead.
#[function_component]
fn Leads() -> Html {
    let model = use_model();
    let destination = model.destination;
    let choose = |d: Destination| {
        let model = model.clone();
        Callback::from(move |_: Event| model.dispatch(Action::Destination(d)))
    };
    let onhubspot = {
        let model = model.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            model.dispatch(Action::HubSpot(on))
        })
    };
    let radio = |d: Destination,
                 id: &'static str,
                 label: &'static str,
                 description: &'static str| {
        html! {
            <div class="option">
                <input type="radio" id={id} name="destination" checked={destination == d} onchange={choose(d)} />
                <label for={id}>
                    <span class="option-label">{ label }</span>
                    <span class="option-description">{ description }</span>
                </label>
            </div>
        }
    };
    html! {
        <Section id="leads" title="Where leads go"
            intro="Each request a visitor sends is a lead: their answers, the suggested treatment, their contact details and consent.">
            <fieldset class="choice">
                <legend>{ "Send leads to" }</legend>
                <div class="choice-options">
                    { radio(Destination::Inbox, "dest-inbox", "Your SMP Consult inbox", "The lead desk that comes with the widget, run by you or your web agency.") }
                    { radio(Destination::Webhook, "dest-webhook", "A webhook or your CRM", "Zapier, Make, a CRM’s web form endpoint, your own server.") }
                    { radio(Destination::Nowhere, "dest-nowhere", "Nowhere yet", "For developers: the page gets each lead as an smp-consult:lead event.") }
                </div>
            </fieldset>
            if destination == Destination::Inbox {
                <Field setting={Setting::Endpoint} label="Your inbox’s address" kind="url"
                    hint="Where your inbox runs, e.g. https://leads.yourclinic.example. Leads go to its /v1/leads."
                    inbox_address=true />
                <Field setting={Setting::Endpoint} label="Your clinic’s id on an agency’s inbox"
                    hint="Only if your web agency’s inbox serves several clinics: the id they gave you (e.g. northline). Leads then go to its /v1/clinics/northline/leads. Leave empty for your own inbox."
                    inbox_clinic=true />
            }
            if destination == Destination::Webhook {
                <Field setting={Setting::Endpoint} label="Webhook address" kind="url"
                    hint="An https:// address that accepts a POST with the lead as JSON." />
                <Choice setting={Setting::EndpointMode} legend="What kind of address is it?"
                    options={vec![
                        ("json", "It answers the browser (CORS)", "Your own server or the inbox: the widget reads its answer and retries when it fails."),
                        ("simple", "Zapier, Make or another hook", "For hooks that cannot answer a browser: sent as plain text, the answer is not read."),
                    ]} />
            }
            <div class="check">
                <input type="checkbox" id="f-hubspot-on" checked={model.hubspot} onchange={onhubspot} />
                <label for="f-hubspot-on">{ "Also add each lead to a HubSpot form" }</label>
            </div>
            if model.hubspot {
                <Field setting={Setting::HubspotPortal} label="HubSpot account ID" hint="Digits: Settings › Account defaults in HubSpot." />
                <Field setting={Setting::HubspotForm} label="HubSpot form ID" hint="The form’s GUID, from its embed code (formId)." />
                <Field setting={Setting::HubspotSubscription} label="Subscription type ID for marketing consent"
                    hint="Optional: needed only to record the optional marketing consent in HubSpot." />
            }
            <TestLead />
        </Section>
    }
}

/// "Send a test lead" and what happened, in plain words.
#[function_component]
fn TestLead() -> Html {
    let model = use_model();
    let onclick = {
        let model = model.clone();
        Callback::from(move |_: MouseEvent| send_test_lead(model.clone()))
    };
    let page_origin = crate::page::origin();
    let result = match &model.test {
        TestRun::Idle => html! {},
        TestRun::Sending => html! { <p>{ "Sending…" }</p> },
        TestRun::Done(results) if results.is_empty() => html! {
            <p class="outcome fail">{ "There is nowhere to send it yet: choose where leads go above (and fix its address if it is marked wrong)." }</p>
        },
        TestRun::Done(results) => html! {
            <ul class="outcomes">
                { for results.iter().map(|(target, outcome)| outcome_line(target, outcome, model.destination, &page_origin)) }
            </ul>
        },
    };
    html! {
        <div class="test-lead">
            <p class="actions">
                <button type="button" class="secondary" {onclick} disabled={model.test == TestRun::Sending}>
                    { "Send a test lead" }
                </button>
            </p>
            <p class="hint">{ "Sends one lead marked as a test to the destination above, now, from this page, and tells you what happened." }</p>
            <div class="test-result" role="status">{ result }</div>
        </div>
    }
}

fn outcome_line(
    target: &Target,
    outcome: &Outcome,
    destination: Destination,
    page_origin: &str,
) -> Html {
    let (name, host) = match target {
        Target::Endpoint { url, .. } => (
            match destination {
                Destination::Inbox => "Your inbox",
                _ => "Your webhook",
            },
            crate::page::origin_of(url.as_str()),
        ),
        Target::HubSpot(form) => ("HubSpot", crate::page::origin_of(&form.url())),
    };
    let ok = outcome.is_delivered();
    let text = match outcome {
        Outcome::Delivered { status } => format!(
            "{name}: delivered. {host} took the test lead (it answered {status}). Look for “Test lead (SMP Consult configurator)” there."
        ),
        Outcome::Sent => format!(
            "{name}: sent. In this mode a browser cannot read the answer; check that the test lead reached {host} (Zapier: Zap history; Make: the scenario’s history)."
        ),
        Outcome::Refused { status, said } => format!(
            "{name}: refused. {host} answered {status}{}. The widget does not retry such an answer, so visitors’ leads would be refused too: check the address and the receiver’s settings.",
            if said.is_empty() { String::new() } else { format!(": “{said}”") }
        ),
        Outcome::Struggling { status, said } => format!(
            "{name}: not taken yet. {host} answered {status}{}: it is having trouble. The widget keeps such leads and retries, but check the receiver.",
            if said.is_empty() { String::new() } else { format!(": “{said}”") }
        ),
        Outcome::Blocked => format!(
            "{name}: blocked by the browser (CORS). {host} answered, but does not allow pages from {page_origin} to send leads to it. \
             If it is your SMP Consult inbox, allow this page’s origin with --allow-origin {page_origin} (or allow_origin in inbox.toml), \
             next to your website’s own origin, e.g. https://www.yourclinic.example. For Zapier, Make or another hook, choose “Zapier, Make or another hook” above."
        ),
        Outcome::Unreachable => format!(
            "{name}: not reached. Nothing answered at {host}: check the address, that the server is running, and that it speaks https://."
        ),
        Outcome::TimedOut => format!(
            "{name}: no answer from {host} within 15 seconds. The widget would keep the lead and retry."
        ),
    };
    html! { <li class={classes!("outcome", if ok { "pass" } else { "fail" })}>{ text }</li> }
}

/// Reads the settings as the widget would, and sends the test lead to each destination.
fn send_test_lead(model: ModelContext) {
    let snippet = model.draft.snippet();
    let json = smp_consult::domain::raw::Raw::Object(snippet.json.clone());
    let read = settings::read(
        Given {
            attributes: &snippet.attributes,
            json: Some(&json),
        },
        Locale::from_tag,
    );
    let targets = Target::all(&read.config);
    if targets.is_empty() {
        model.dispatch(Action::Test(TestRun::Done(Vec::new())));
        return;
    }
    // A sample visitor whose result has one of the clinic's prices, if it gave any.
    let samples = crate::samples::samples();
    let priced = samples.iter().find(|s| {
        read.config
            .prices
            .as_ref()
            .is_some_and(|p| p.price(s.approach, s.extent).is_some())
    });
    let Some(sample) = priced.or(samples.first()) else {
        return;
    };
    let lead = crate::test_lead::lead(
        &read.config,
        read.lang.unwrap_or_default().code(),
        smp_consult::browser::ids::random_id(),
        smp_consult::browser::clock::now_iso(),
        crate::page::href(),
        sample.answers.clone(),
    );
    let Some(lead) = lead else { return };
    model.dispatch(Action::Test(TestRun::Sending));
    wasm_bindgen_futures::spawn_local(async move {
        let mut results = Vec::new();
        for target in targets {
            let outcome = match crate::test_lead::body(&target, &lead) {
                Some(body) => crate::test_lead::send(&target, &lead.id, &body).await,
                None => Outcome::Unreachable,
            };
            results.push((target, outcome));
        }
        model.dispatch(Action::Test(TestRun::Done(results)));
    });
}

/// The optional lead-form parts and analytics.
#[function_component]
fn FormParts() -> Html {
    let model = use_model();
    let parts: [(&str, &str); 4] = [
        ("photos", "Photos of the scalp (up to four)"),
        ("phone", "A phone number"),
        ("message", "A message"),
        ("best_time", "The best time to call"),
    ];
    debug_assert_eq!(parts.len(), OPTIONAL_PARTS.len());
    let onanalytics = {
        let model = model.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            model.dispatch(Action::Set(
                Setting::Analytics,
                if on { "on" } else { "off" }.to_string(),
            ));
        })
    };
    let hide_errors = problems_for(&model, |p| {
        let ConfigError::Invalid { item, .. } = p;
        item == "hide"
    });
    let analytics_errors = problems_for(&model, |p| Setting::Analytics.owns(p));
    html! {
        <Section id="form" title="What the form asks">
            <fieldset class="checks">
                <legend>{ "Besides name, email and consent, ask for" }</legend>
                { for OPTIONAL_PARTS.iter().zip(parts).map(|(part, (_, label))| {
                    let id = format!("f-ask-{part}");
                    let asked = !model.draft.hide.iter().any(|h| h == part);
                    let onchange = {
                        let model = model.clone();
                        let part: &'static str = part;
                        Callback::from(move |e: Event| {
                            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                            model.dispatch(Action::Hide(part, !on));
                        })
                    };
                    html! {
                        <div class="check">
                            <input type="checkbox" id={id.clone()} checked={asked} {onchange} />
                            <label for={id}>{ label }</label>
                        </div>
                    }
                }) }
                <p class="hint">{ "The health questions are always asked: they flag blood thinners, pregnancy or keloid tendency before a needle is used." }</p>
                { error_list("f-hide-error", &hide_errors) }
            </fieldset>
            <div class="check">
                <input type="checkbox" id="f-analytics" checked={model.draft.choice(Setting::Analytics) != "off"} onchange={onanalytics}
                    aria-describedby="f-analytics-hint" />
                <label for="f-analytics">{ "Report steps, results and leads to Google Tag Manager" }</label>
            </div>
            <p class="hint" id="f-analytics-hint">{ "Only if your site has Tag Manager (a dataLayer). Codes and counts only: never a name, an email or an answer." }</p>
            { error_list("f-analytics-error", &analytics_errors) }
        </Section>
    }
}
