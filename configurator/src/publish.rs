//! The result to paste: the snippet (with its JSON config inline, or a file to upload), copy
//! and download buttons, the steps for the clinic's platform and mode, a link that carries the
//! settings; and the way back: pasting an existing snippet or config fills the form again.

use smp_consult::domain::config::ConfigError;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::{Action, Model, ModelContext, Notice, Platform};
use crate::draft::{Draft, Setting};
use crate::form::{use_model, Field};

/// A button that copies `text` and says so.
#[derive(Properties, PartialEq)]
struct CopyProps {
    text: AttrValue,
    label: AttrValue,
}

#[function_component]
fn CopyButton(props: &CopyProps) -> Html {
    let said = use_state(String::new);
    let onclick = {
        let text = props.text.to_string();
        let said = said.clone();
        Callback::from(move |_: MouseEvent| {
            let (text, said) = (text.clone(), said.clone());
            wasm_bindgen_futures::spawn_local(async move {
                said.set(if crate::page::copy(text).await {
                    "Copied.".into()
                } else {
                    "The browser did not allow copying: select the text and press Ctrl+C (⌘C on a Mac).".into()
                });
            });
        })
    };
    html! {
        <span class="copy">
            <button type="button" class="primary" {onclick}>{ &props.label }</button>
            <span class="copied" role="status">{ (*said).clone() }</span>
        </span>
    }
}

/// The field where a problem's item is typed, for a link from the summary.
fn field_id(item: &str) -> String {
    if let Some(cell) = item.strip_prefix("prices.") {
        return format!("price-{}-min", cell.replace('.', "-"));
    }
    let setting = Setting::ALL
        .iter()
        .find(|s| s.owns(&ConfigError::invalid(item.to_string(), "")));
    match (item, setting) {
        ("hide", _) => "f-ask-photos".into(),
        ("lang", _) => "f-lang".into(),
        ("currency", _) => "f-currency".into(),
        (_, Some(Setting::Mode)) => "f-mode".into(),
        (_, Some(Setting::Theme)) => "f-theme".into(),
        (_, Some(s)) => format!("f-{}", s.name().replace('.', "-")),
        _ => "settings".into(),
    }
}

#[function_component]
pub fn Publish() -> Html {
    let model = use_model();
    let src = model.script_src.clone();
    let snippet = model.draft.snippet();
    let html_text = snippet.html(&src);
    let json_text = snippet.json_text();
    let in_file = model.in_file;
    let oninline = {
        let model = model.clone();
        Callback::from(move |_: Event| model.dispatch(Action::InFile(false)))
    };
    let onfile = {
        let model = model.clone();
        Callback::from(move |_: Event| model.dispatch(Action::InFile(true)))
    };
    let onsrc = {
        let model = model.clone();
        Callback::from(move |e: InputEvent| {
            model.dispatch(Action::ScriptSrc(
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        })
    };
    let ondownload = {
        let json_text = json_text.clone();
        Callback::from(move |_: MouseEvent| {
            crate::page::download("smp-consult.json", &json_text, "application/json")
        })
    };
    let local = ["//127.0.0.1", "//localhost", "//[::1]"]
        .iter()
        .any(|h| src.contains(h));
    // A link or a pasted snippet may name files elsewhere: say so, since the clinic's site will
    // run that script.
    let (src_origin, page_origin) = (crate::page::origin_of(&src), crate::page::origin());
    let absolute =
        src.starts_with("https://") || src.starts_with("http://") || src.starts_with("//");
    let foreign = absolute && src_origin != page_origin;
    let problems = &model.problems;
    html! {
        <section class="publish" id="publish" aria-labelledby="publish-title">
            <h2 id="publish-title">{ "Put it on your website" }</h2>
            if !problems.is_empty() {
                <div class="summary" role="region" aria-labelledby="summary-title">
                    <h3 id="summary-title">{ format!("{} to fix first", if problems.len() == 1 { "One setting".to_string() } else { format!("{} settings", problems.len()) }) }</h3>
                    <p>{ "The widget would still work, but it would leave these settings out and say so in the browser’s console:" }</p>
                    <ul>
                        { for problems.iter().map(|p| {
                            let ConfigError::Invalid { item, .. } = p;
                            html! { <li><a href={format!("#{}", field_id(item))}>{ p.to_string() }</a></li> }
                        }) }
                    </ul>
                </div>
            }
            <fieldset class="choice">
                <legend>{ "Where your settings live" }</legend>
                <div class="choice-options">
                    <div class="option">
                        <input type="radio" id="where-inline" name="where" checked={!in_file} onchange={oninline} />
                        <label for="where-inline">
                            <span class="option-label">{ "In the snippet" }</span>
                            <span class="option-description">{ "Simplest: everything is in what you paste." }</span>
                        </label>
                    </div>
                    <div class="option">
                        <input type="radio" id="where-file" name="where" checked={in_file} onchange={onfile} />
                        <label for="where-file">
                            <span class="option-label">{ "In a file on your site" }</span>
                            <span class="option-description">{ "Change prices later by uploading a new file, without editing any page." }</span>
                        </label>
                    </div>
                </div>
            </fieldset>
            if in_file {
                <Field setting={Setting::ConfigUrl} label="Where you will upload the file"
                    hint="A path on your site such as /smp-consult.json, or a full address (a server that allows your site to read it)." />
            }
            <div class="field">
                <label for="f-src">{ "Where the widget’s files are" }</label>
                <p class="hint" id="f-src-hint">{ "The address of smp-consult.js, where you or your web agency put the files that came with this page." }</p>
                <input id="f-src" type="url" value={src.clone()} oninput={onsrc} aria-describedby="f-src-hint" spellcheck="false" />
                if local {
                    <p class="advice">{ "This address only works on this computer: put the widget’s files online and change it." }</p>
                } else if foreign {
                    <p class="advice">{ format!("Your website will run the script at {src_origin}, not the one beside this page ({page_origin}). Keep it only if that is where you or your web agency put the widget’s files.") }</p>
                }
            </div>
            <h3>{ "Your snippet" }</h3>
            <pre class="code" id="snippet-code" tabindex="0" aria-label="Your snippet"><code>{ &html_text }</code></pre>
            <p class="actions"><CopyButton text={html_text.clone()} label="Copy the snippet" /></p>
            if in_file {
                <h3>{ "Your settings file" }</h3>
                <pre class="code" tabindex="0" aria-label="Your settings file"><code>{ &json_text }</code></pre>
                <p class="actions">
                    <button type="button" class="secondary" onclick={ondownload}>{ "Download smp-consult.json" }</button>
                    <CopyButton text={json_text.clone()} label="Copy the file’s text" />
                </p>
            }
            <Steps />
            <Share script_src={src.clone()} />
        </section>
    }
}

/// The steps for the chosen platform and mode.
#[function_component]
fn Steps() -> Html {
    let model = use_model();
    let platforms = [
        (Platform::WordPress, "WordPress"),
        (Platform::Wix, "Wix"),
        (Platform::Squarespace, "Squarespace"),
        (Platform::Webflow, "Webflow"),
        (Platform::Html, "Plain HTML"),
    ];
    let steps = steps(&model);
    html! {
        <div class="steps">
            <fieldset class="pills">
                <legend>{ "Your website is built with" }</legend>
                { for platforms.iter().map(|(p, name)| {
                    let id = format!("platform-{}", name.to_ascii_lowercase().replace(' ', "-"));
                    let onchange = {
                        let model = model.clone();
                        let p = *p;
                        Callback::from(move |_: Event| model.dispatch(Action::Platform(p)))
                    };
                    html! {
                        <>
                            <input type="radio" id={id.clone()} name="platform" checked={model.platform == *p} {onchange} />
                            <label for={id}>{ *name }</label>
                        </>
                    }
                }) }
            </fieldset>
            <ol class="step-list">
                { for steps.iter().map(|s| html! { <li>{ s }</li> }) }
            </ol>
        </div>
    }
}

/// What to do, in order, on the clinic's platform for its mode.
fn steps(model: &Model) -> Vec<String> {
    let mode = model.draft.choice(Setting::Mode);
    let bubble = mode == "bubble";
    let mut out: Vec<String> = Vec::new();
    let file = model.draft.get(Setting::ConfigUrl).trim().to_string();
    if model.in_file && !file.is_empty() {
        out.push(format!(
            "Upload the settings file (Download smp-consult.json above) so that it is at {file} on your site."
        ));
    }
    let copy = "Copy the snippet above.".to_string();
    out.push(copy);
    match model.platform {
        Platform::WordPress => {
            if bubble {
                out.push("For the button on every page: paste the snippet into your theme’s footer, or with a “header and footer scripts” plugin into the footer (body end).".into());
            } else {
                out.push("Edit the page where the consultation goes and add a Custom HTML block (the + button, then search “Custom HTML”). In the classic editor, use the Text tab.".into());
                out.push("Paste the snippet into the block and press Update.".into());
            }
        }
        Platform::Wix => {
            if bubble {
                out.push("Open Settings › Custom code › Add custom code, paste the snippet, choose “All pages” and “Body – end”, and apply.".into());
            } else {
                out.push("In the editor, choose Add › Embed code › Embed HTML, pick “Code” and paste the snippet.".into());
                out.push("Size the box to the widget, about 700 × 900 pixels.".into());
                if mode == "popup" {
                    out.push("Wix shows embeds inside a box of their own, so a pop-up opens only inside that box: choose “In the page” above, or the floating button through Custom code.".into());
                }
            }
            out.push("Publish the site.".into());
        }
        Platform::Squarespace => {
            if bubble {
                out.push("Open Settings › Advanced › Code injection and paste the snippet into Footer (this needs a Business plan or higher).".into());
            } else {
                out.push("Edit the page, add a Code block and paste the snippet. Leave “Display source” off.".into());
            }
            out.push("Save and publish.".into());
        }
        Platform::Webflow => {
            if bubble {
                out.push(
                    "Open Project settings › Custom code and paste the snippet into Footer code."
                        .into(),
                );
            } else {
                out.push("Drag an Embed element onto the page where the consultation goes and paste the snippet.".into());
            }
            out.push("Publish the site to see it: the Designer does not run scripts.".into());
        }
        Platform::Html => {
            if bubble {
                out.push("Paste the snippet just before </body> on every page (or in your shared footer template).".into());
            } else {
                out.push("Paste the snippet where the consultation goes, in the page’s <body>. (The first line may also go in the <head>.)".into());
            }
            out.push("Upload the page.".into());
        }
    }
    out.push("Open the page and go through the consultation once, as a visitor: your request should arrive where your leads go.".into());
    out
}

/// A link carrying the settings, and "Start over".
#[derive(Properties, PartialEq)]
struct ShareProps {
    script_src: String,
}

#[function_component]
fn Share(props: &ShareProps) -> Html {
    let model = use_model();
    let said = use_state(String::new);
    let confirm = use_state(|| false);
    let onshare = {
        let text = model.draft.saved_text(&props.script_src);
        let said = said.clone();
        Callback::from(move |_: MouseEvent| {
            let link = crate::page::share_link(&text);
            let said = said.clone();
            wasm_bindgen_futures::spawn_local(async move {
                said.set(if crate::page::copy(link).await {
                    "Link copied. It carries your settings in the part after the #, which browsers never send to a server.".into()
                } else {
                    "The browser did not allow copying the link.".into()
                });
            });
        })
    };
    let onclear = {
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| confirm.set(true))
    };
    let onkeep = {
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| confirm.set(false))
    };
    let onsure = {
        let model = model.clone();
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| {
            confirm.set(false);
            model.dispatch(Action::Load(
                Draft::default(),
                Notice {
                    text: "Every setting was cleared.".into(),
                    ok: true,
                },
            ))
        })
    };
    html! {
        <div class="share">
            <h3>{ "Keep or share these settings" }</h3>
            <p class="hint">{ "They are kept in this browser. A link lets your web agency, or you on another computer, open them here." }</p>
            <p class="actions">
                <button type="button" class="secondary" onclick={onshare}>{ "Copy a link to these settings" }</button>
                <span class="copied" role="status">{ (*said).clone() }</span>
            </p>
            <p class="actions">
                if *confirm {
                    <span class="confirm">{ "Clear every setting on this page? " }</span>
                    <button type="button" class="danger" onclick={onsure}>{ "Yes, clear them" }</button>
                    <button type="button" class="secondary" onclick={onkeep}>{ "Keep them" }</button>
                } else {
                    <button type="button" class="secondary" onclick={onclear}>{ "Start over" }</button>
                }
            </p>
        </div>
    }
}

/// Pasting an existing snippet or config back fills the form.
#[function_component]
pub fn Reuse() -> Html {
    let model = use_model();
    let text = use_state(String::new);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let onfill = {
        let model: ModelContext = model.clone();
        let text = text.clone();
        Callback::from(move |_: MouseEvent| match Draft::from_text(&text) {
            Ok(draft) => {
                if let Some(src) = crate::snippet::loader_src(&text) {
                    model.dispatch(Action::ScriptSrc(src));
                }
                model.dispatch(Action::Load(
                    draft,
                    Notice {
                        text: "The form now holds the settings you pasted. Wrong values are marked where they are.".into(),
                        ok: true,
                    },
                ))
            }
            Err(e) => model.dispatch(Action::PasteNotice(Notice {
                text: e.to_string(),
                ok: false,
            })),
        })
    };
    html! {
        <section class="reuse" id="reuse" aria-labelledby="reuse-title">
            <h2 id="reuse-title">{ "Change a widget you already have" }</h2>
            <div class="field">
                <label for="f-paste">{ "Paste its snippet (and its settings file, if it has one)" }</label>
                <p class="hint" id="f-paste-hint">{ "Everything on this page fills in from it, so you can change a price or a colour and copy the new snippet." }</p>
                <textarea id="f-paste" rows="6" value={(*text).clone()} {oninput} aria-describedby="f-paste-hint" spellcheck="false" />
            </div>
            <p class="actions">
                <button type="button" class="primary" onclick={onfill}>{ "Fill the form from it" }</button>
            </p>
            <p class={classes!("notice", model.paste_notice.as_ref().map(|n| if n.ok { "pass" } else { "fail" }))} role="status">
                { model.paste_notice.as_ref().map(|n| n.text.clone()).unwrap_or_default() }
            </p>
        </section>
    }
}
