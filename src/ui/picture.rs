//! Shows the pictures of `domain::picture`: the two-view heads of the pattern and stage cards,
//! the swatches, and the preview of the result with its before/after control.
//!
//! Each picture is an SVG image (`<img src="data:image/svg+xml,…">`): it keeps its colours in
//! forced-colours mode, and needs no inline style under a strict Content-Security-Policy.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::domain::answers::Answers;
use crate::domain::flow::{Choice, QuestionId};
use crate::domain::picture::{self, svg, Look, Preview};
use crate::domain::recommend::Recommendation;
use crate::i18n::{Locale, Strings};

/// The picture of an option: a head for pattern and stage options, a swatch for hair colour
/// and skin tone, nothing for the others. Decorative (`alt=""`): the label says it in words.
pub fn option_picture(choice: Choice) -> Html {
    // Loaded and decoded off the critical path (lazy images start after the first layout, even
    // `data:` ones): the question paints at once, its pictures a moment after. Measured on a
    // phone profile (4G, 4x CPU): without this, six pictures put the first question ~200 ms later.
    // Literal classes, one tag per kind: a class from a variable goes through Yew's `Classes`
    // (an `IndexSet`), which the wasm would otherwise not need.
    if let Some(head) = picture::diagram(choice) {
        let src = svg::head(&head);
        html! { <img class="picture diagram" {src} alt="" decoding="async" loading="lazy" /> }
    } else if let Some(swatch) = picture::swatch(choice) {
        let src = svg::swatch(&swatch);
        html! { <img class="picture swatch" {src} alt="" decoding="async" loading="lazy" /> }
    } else {
        html! {}
    }
}

/// What the preview shows, in words: the text alternative of the picture.
pub fn describe(t: &Strings, answers: &Answers, r: &Recommendation, preview: &Preview) -> String {
    let mut out = String::new();
    // `Norwood 4` and `Ludwig 2` are names: they keep their capital after a colon.
    let mut said = |key: &str, value: &str, name: bool| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(key);
        out.push_str(t.colon);
        out.push_str(&if name {
            value.to_string()
        } else {
            t.after_colon(value)
        });
        out.push('.');
    };
    let choice = |q: QuestionId, c: Choice| t.choice(q, c).text;
    let look = match (preview.look, answers.pattern) {
        (Look::Stage(s), _) => t.choice(QuestionId::Stage, Choice::Stage(s)),
        (_, Some(p)) => t.choice(QuestionId::Pattern, Choice::Pattern(p)),
        _ => crate::i18n::label("", ""),
    };
    let mut now = look.text.to_string();
    if !look.hint.is_empty() {
        now.push_str(" (");
        now.push_str(look.hint);
        now.push(')');
    }
    said(t.preview_now, &now, matches!(preview.look, Look::Stage(_)));
    if let Some(h) = answers.hair_colour {
        said(
            t.preview_hair,
            choice(QuestionId::HairColour, Choice::HairColour(h)),
            false,
        );
    }
    if let Some(s) = answers.skin_tone {
        said(
            t.preview_skin,
            choice(QuestionId::SkinTone, Choice::SkinTone(s)),
            false,
        );
    }
    if !preview.scars.is_empty() {
        let scars: Vec<&str> = preview
            .scars
            .iter()
            .map(|s| choice(QuestionId::Scars, Choice::Scar(*s)))
            .collect();
        said(t.preview_scars, &scars.join(", "), false);
    }
    said(t.preview_with_smp, t.approach(r.approach).text, false);
    if let Some(h) = preview.hairline {
        said(
            t.hairline_heading,
            choice(QuestionId::Hairline, Choice::Hairline(h)),
            false,
        );
    }
    // The pigment notes say what shade the dots are, and why.
    if preview.with_smp.is_some() {
        for note in &r.pigment {
            out.push(' ');
            out.push_str(t.pigment(*note));
        }
    }
    out
}

#[derive(Properties)]
pub struct PreviewFigureProps {
    /// The visitor's preview, drawn from their answers.
    pub preview: Rc<Preview>,
    /// The picture's text alternative (see `describe`).
    pub description: AttrValue,
    /// The language of the control and the caption.
    pub locale: Locale,
}

impl PartialEq for PreviewFigureProps {
    /// The same preview, not an equal one: cheaper, and a new result makes a new preview.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.preview, &other.preview)
            && self.description == other.description
            && self.locale == other.locale
    }
}

/// The preview of the result: "now" left of a divider, "with SMP" right of it; a native range
/// input under the picture, as wide as it, moves the divider (keyboard: arrows, Home, End). Its
/// `alt` says what it shows, and the caption says plainly that it is a drawing, not a photo and
/// not a promise.
#[function_component]
pub fn PreviewFigure(props: &PreviewFigureProps) -> Html {
    let t = props.locale.strings();
    let divider = use_state(|| 50u8);
    let p = &props.preview;
    let src = svg::compare(&p.now, p.with_smp.as_ref(), *divider);
    let oninput = {
        let divider = divider.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = e
                .target_dyn_into::<HtmlInputElement>()
                .and_then(|input| input.value().parse::<u8>().ok())
            {
                divider.set(v.min(100));
            }
        })
    };
    // Said as how much of the head shows the result.
    let value_text = match 100 - (*divider).min(100) {
        0 => t.preview_now.to_string(),
        100 => t.preview_with_smp.to_string(),
        n => t.preview_split.replace("{n}", &n.to_string()),
    };
    let compare = p.with_smp.is_some();
    html! {
        <figure class="preview" part="preview">
            if compare {
                <div class="compare-labels" aria-hidden="true">
                    <span>{ t.preview_now }</span><span>{ t.preview_with_smp }</span>
                </div>
            }
            <img {src} alt={props.description.clone()} />
            if compare {
                <input class="compare" type="range" min="0" max="100" step="10" value={divider.to_string()}
                    aria-label={t.preview_compare} aria-valuetext={value_text} {oninput} />
            }
            <figcaption>{ t.preview_caption }</figcaption>
        </figure>
    }
}
