//! The page shell every desk page shares (header, navigation, logout), its stylesheet, and
//! the headers that keep health data out of caches, referrers and frames. The pages run no
//! script at all (the CSP says so), so they work the same with JavaScript off.

use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use super::session::Desk;
use super::Words;
use crate::api::private;

/// What the shell needs besides the page's own content.
pub struct Shell<'a> {
    /// The desk's language.
    pub words: Words,
    /// The page's title (before " · Lead desk").
    pub title: &'a str,
    /// The logged-in user, if any (shows the navigation and the logout button).
    pub desk: Option<&'a Desk>,
}

/// Where the stylesheet is served; the query changes when it does, so it can be cached.
pub const STYLESHEET: &str = "/admin/desk.css?v=3";

/// A whole page.
pub fn render(status: StatusCode, shell: &Shell<'_>, content: Markup) -> Response {
    let d = shell.words.d;
    let markup = html! {
        (DOCTYPE)
        html lang=(shell.words.locale.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (shell.title) " · " (d.desk_title) }
                link rel="stylesheet" href=(STYLESHEET);
            }
            body {
                a.skip href="#main" { (d.skip_to_content) }
                header.top {
                    p.brand { a href="/admin" { (d.desk_title) } }
                    @if let Some(desk) = shell.desk {
                        nav aria-label=(d.desk_title) {
                            a href="/admin" { (d.nav_leads) }
                            a href="/admin/forwards" { (d.nav_forwarding) }
                            @if desk.is_admin() {
                                a href="/admin/audit" { (d.nav_audit) }
                            }
                        }
                        form.logout method="post" action="/admin/logout" {
                            input type="hidden" name="csrf" value=(desk.csrf);
                            span.who { (super::text::fill(d.signed_in_as, &[("name", &desk.user.name)])) }
                            " "
                            button.link type="submit" { (d.log_out) }
                        }
                    }
                }
                main #main tabindex="-1" { (content) }
            }
        }
    };
    let mut response = private((status, Html(markup.into_string())).into_response());
    secure_headers(response.headers_mut());
    response
}

/// The headers every desk answer carries: no script, no framing, no sniffing, and no
/// referrer to other sites. (`same-origin` rather than `no-referrer`: with `no-referrer`
/// browsers send `Origin: null` on the desk's own forms, which the CSRF guard must refuse.)
pub fn secure_headers(headers: &mut axum::http::HeaderMap) {
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; \
             base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

/// A page that only says something (an error, a refusal).
pub fn message(
    status: StatusCode,
    words: Words,
    desk: Option<&Desk>,
    title: &str,
    text: &str,
) -> Response {
    render(
        status,
        &Shell { words, title, desk },
        html! {
            h1 { (title) }
            p { (text) }
            p { a href="/admin" { (words.d.back_to_list) } }
        },
    )
}

/// The database failed: say so, and put the detail in the server's log only.
pub fn database_error(words: Words) -> Response {
    message(
        StatusCode::INTERNAL_SERVER_ERROR,
        words,
        None,
        words.d.database_error,
        words.d.database_error,
    )
}

/// `GET /admin/desk.css`.
pub async fn stylesheet() -> Response {
    let mut response = (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        STYLE,
    )
        .into_response();
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The desk's look: readable at 390 px, light and dark, and nothing carried by colour alone
/// (badges have borders and words, so forced colours keep them).
const STYLE: &str = r#"
:root{color-scheme:light dark;--bg:#f5f6f8;--fg:#16191d;--muted:#505962;--card:#fff;--line:#c9cfd6;
--accent:#0b57b5;--accent-fg:#fff;--new:#0b57b5;--warn-bg:#fff4d6;--warn-fg:#5c3b00;--warn-line:#b07800;
--ok-bg:#e5f4ea;--ok-fg:#0d5227;--danger:#a4161a;--focus:#1a1a1a}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--fg:#e9edf1;--muted:#a9b3bd;--card:#1b2026;--line:#3b444e;
--accent:#8ab8ff;--accent-fg:#0b1320;--new:#8ab8ff;--warn-bg:#3a2c05;--warn-fg:#ffdc8a;--warn-line:#b88a1c;
--ok-bg:#103a20;--ok-fg:#a8e6bd;--danger:#ff8a8f;--focus:#fff}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--card);padding:.5rem 1rem;z-index:1}
.skip:focus{left:.5rem}
header.top{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center;padding:.6rem 1rem;background:var(--card);border-bottom:1px solid var(--line)}
header.top .brand{margin:0;font-weight:700}
header.top .brand a{color:var(--fg);text-decoration:none}
header.top nav{display:flex;gap:1rem}
header.top form.logout{margin:0 0 0 auto;display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
.who{color:var(--muted)}
main{max-width:80rem;margin:0 auto;padding:1rem}
@media (min-width:64rem){.columns{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,6fr);gap:0 1.25rem;align-items:start}}
.columns>div{min-width:0}
main:focus{outline:none}
h1{font-size:1.6rem;margin:.5rem 0 1rem;line-height:1.25;overflow-wrap:anywhere}
h2{font-size:1.2rem;margin:1.75rem 0 .6rem}
h3{font-size:1.05rem;margin:1.1rem 0 .4rem}
button,.button{font:inherit;min-height:2.75rem;padding:.5rem 1rem;border-radius:.4rem;border:1px solid var(--line);background:var(--card);color:var(--fg);cursor:pointer;text-decoration:none;display:inline-flex;align-items:center;gap:.4rem}
button.primary,.button.primary{background:var(--accent);color:var(--accent-fg);border-color:var(--accent)}
button.danger{background:var(--danger);color:#fff;border-color:var(--danger)}
@media (prefers-color-scheme:dark){button.danger{color:#1b0000}}
button.link{background:none;border:none;color:var(--accent);text-decoration:underline;padding:.25rem;min-height:1.5rem}
button[aria-pressed=true]{background:var(--ok-bg);color:var(--ok-fg);border:2px solid var(--ok-fg);font-weight:700}
label{display:block;font-weight:600;margin-bottom:.2rem}
input,select,textarea{font:inherit;color:var(--fg);background:var(--card);border:1px solid var(--muted);border-radius:.35rem;padding:.45rem .6rem;min-height:2.75rem;width:100%;max-width:100%}
textarea{min-height:6rem}
form.login{max-width:24rem}
.notice{padding:.6rem .8rem;border:1px solid var(--line);background:var(--card);border-radius:.4rem}
.error{padding:.6rem .8rem;border:2px solid var(--danger);color:var(--danger);background:var(--card);border-radius:.4rem;font-weight:600}
.search{display:flex;gap:.5rem;align-items:flex-end;flex-wrap:wrap}
.search p{margin:0;flex:1 1 16rem}
details.filters{margin:.75rem 0;background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.25rem .8rem}
details.filters summary{cursor:pointer;padding:.6rem 0;font-weight:600}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.75rem;margin:.5rem 0 .8rem}
.grid p{margin:0}
.actions{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center;margin:.75rem 0}
.count{color:var(--muted);margin:.5rem 0}
ol.leads{list-style:none;margin:0;padding:0;display:grid;gap:.6rem}
ol.leads li{min-width:0;background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.7rem .9rem}
ol.leads li.is-new{border-left:.4rem solid var(--new)}
.lead-head{display:flex;flex-wrap:wrap;gap:.3rem .6rem;align-items:baseline}
.lead-head h2{font-size:1.1rem;margin:0;overflow-wrap:anywhere;min-width:0}
.meta{color:var(--muted);font-size:.92rem}
.badges{display:flex;flex-wrap:wrap;gap:.35rem;margin:.35rem 0}
.badge{display:inline-block;border:1px solid var(--line);border-radius:1rem;padding:.05rem .6rem;font-size:.88rem;background:var(--bg)}
.badge.new{border:2px solid var(--new);color:var(--new);font-weight:700}
.badge.warn{background:var(--warn-bg);color:var(--warn-fg);border-color:var(--warn-line)}
.badge.ok{background:var(--ok-bg);color:var(--ok-fg);border-color:var(--ok-fg)}
.badge.caution{border-style:dashed;border-color:var(--muted);color:var(--fg)}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
ol.leads li.gave-up{border-left:.4rem solid var(--warn-line)}
ol.forwards li{overflow-wrap:anywhere}
form.inline{margin:.5rem 0 0}
nav.tabs{display:flex;flex-wrap:wrap;gap:.5rem;margin:.75rem 0}
nav.tabs a{padding:.45rem .8rem;border:1px solid var(--line);border-radius:1.5rem;background:var(--card);min-height:2.75rem;display:inline-flex;align-items:center}
nav.tabs a[aria-current=page]{border:2px solid var(--accent);font-weight:700}
.summary{margin:.3rem 0 0;overflow-wrap:anywhere}
.summary .k{color:var(--muted)}
.unknown{font-family:ui-monospace,monospace;font-size:.92em}
nav.pages{display:flex;justify-content:space-between;gap:1rem;margin:1rem 0}
section.card{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.4rem 1rem .8rem;margin:1rem 0}
section.card>h2:first-child{margin-top:.6rem}
.contact-links{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
dl.facts{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.35rem 1rem;margin:.5rem 0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
@media (max-width:40rem){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}}
.hint{color:var(--muted);font-size:.92rem;display:block}
.button .hint{display:inline}
.button.primary .hint{color:inherit}
ul.plain{padding-left:1.2rem;margin:.3rem 0}
ul.flags{list-style:none;padding:0;margin:.3rem 0;display:grid;gap:.35rem}
ul.flags li{background:var(--warn-bg);color:var(--warn-fg);border:1px solid var(--warn-line);border-radius:.4rem;padding:.35rem .7rem}
.statuses{display:flex;flex-wrap:wrap;gap:.5rem}
.statuses button{flex:0 1 auto}
ol.notes{list-style:none;padding:0;margin:.5rem 0;display:grid;gap:.5rem}
ol.notes li{border-left:3px solid var(--line);padding:.2rem .7rem}
ol.notes p{margin:.2rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
blockquote{margin:.5rem 0;padding:.5rem .9rem;border-left:4px solid var(--accent);background:var(--bg);white-space:pre-wrap}
.photos{display:flex;flex-wrap:wrap;gap:.8rem}
.photos figure{margin:0;border:1px solid var(--line);padding:.4rem;background:var(--bg)}
.photos img{display:block;max-width:min(16rem,100%);height:auto}
.photos figcaption{color:var(--muted);font-size:.88rem}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:var(--card)}
th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.danger-zone{border-color:var(--danger)}
fieldset{border:1px solid var(--line);border-radius:.4rem;padding:.4rem .8rem .8rem;margin:.5rem 0}
legend{font-weight:600;padding:0 .3rem}
@media (forced-colors:active){.badge,.badge.new,.badge.warn,.badge.ok,ol.leads li,section.card,ul.flags li{border:1px solid CanvasText}
.badge.warn{border-width:2px}
ol.leads li.gave-up{border-left:.4rem solid CanvasText}nav.tabs a[aria-current=page]{border:3px solid Highlight}
button[aria-pressed=true]{border:3px solid Highlight}ol.leads li.is-new{border-left:.4rem solid Highlight}
.button.primary,button.primary{border:3px solid ButtonText}}
"#;
