// SMP Consult loader: the one hand-written JS module a clinic's page loads.
// It defines <smp-consult> once, draws what must be there before the engine arrives (the
// reserved space of an inline widget, the button and dialog of the popup and bubble modes, and
// the first question itself: see `paint` below), loads the WebAssembly engine only when it is
// needed (an inline widget nearing the viewport, a button hovered, focused or pressed), mounts
// each element into its own open shadow root, and exports the public JS API. It also sends leads an earlier page left in the outbox, at
// idle time, on every page it runs on. No inline scripts, no eval, no innerHTML, no style
// attributes: it works under a strict Content-Security-Policy.

// The browser's own networking, taken before anything else here runs and only if it is still
// the browser's own (a page may have replaced fetch or XMLHttpRequest already, or do so later:
// wrappers that drop a request's body, or answer "201" without sending). The engine sends leads
// with these; see src/browser/builtins.rs.
const own = (f) => {
  try {
    return typeof f === 'function' && /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(f)) ? f : undefined;
  } catch { return undefined; }
};
const ownGetter = (proto, name) => own(proto && Object.getOwnPropertyDescriptor(proto, name)?.get);
const XHR = globalThis.XMLHttpRequest?.prototype;
const BUILTINS = {
  fetch: own(globalThis.fetch), XMLHttpRequest: own(globalThis.XMLHttpRequest),
  open: own(XHR?.open), send: own(XHR?.send), setRequestHeader: own(XHR?.setRequestHeader),
  type: ownGetter(globalThis.Response?.prototype, 'type'), url: ownGetter(globalThis.Response?.prototype, 'url'),
  status: ownGetter(globalThis.Response?.prototype, 'status'),
};
const get = (url, init) => (BUILTINS.fetch ?? globalThis.fetch).call(globalThis, url, init);
// The browser's own reader of a JSON response, for the first question's file: a page may have
// replaced JSON.parse (or JSON.stringify, which nothing here uses) with one that loses arrays.
const READ_JSON = own(globalThis.Response?.prototype.json);

const BASE = new URL('./', import.meta.url);
performance.mark?.('smp-consult:loader');
const TAG = 'smp-consult';
const MODES = ['inline', 'popup', 'bubble'];
const OUTBOX = 'smp-consult:outbox:v1';
// The engine's saved progress: `smp-consult:v1:<clinic>:<id, else #position>` in session
// storage (src/embed/config.rs). Only whether such a key exists is read here, never its value.
const PROGRESS = 'smp-consult:v1:';
/** How long a `config-url` may take before the widget goes on with its attributes alone. */
const CONFIG_TIMEOUT_MS = 5000;
// Every attribute <smp-consult> reads: the list in src/embed/config.rs (a test keeps the two
// the same). A change after the widget is on the page is applied at once: `mode` rebuilds it,
// `button-text` and `teaser` are redrawn here (and the button's colour for `accent` and `config`),
// every other one goes to the engine, which keeps the visitor where they are (a new `preview`
// opens afresh at its result). `theme` is read by the stylesheet.
const ATTRIBUTES = ['clinic', 'endpoint', 'endpoint-mode', 'hubspot-portal', 'hubspot-form', 'lang', 'languages', 'mode', 'button-text',
  'teaser', 'theme', 'config', 'config-url', 'phone', 'email', 'privacy-url', 'logo', 'accent', 'consent-text', 'thanks-text',
  'redirect-url', 'booking-url', 'analytics', 'hide', 'preview'];
// The caps of the texts drawn here, as in TEXT_LIMITS of src/domain/config.rs (a test keeps them the same).
const LIMITS = { 'button-text': 80, teaser: 140 };

// The few words shown before the engine (and its typed string tables) has loaded.
const WORDS = {
  en: ['Is SMP right for me?', 'Close', 'Loading…', 'The consultation could not load. Please reload the page'],
  es: ['¿Es la micropigmentación para mí?', 'Cerrar', 'Cargando…', 'La consulta no se ha podido cargar. Recarga la página'],
  fr: ['La micropigmentation est-elle pour moi\u202f?', 'Fermer', 'Chargement…', 'La consultation n’a pas pu se charger. Veuillez recharger la page'],
  de: ['Ist Haarpigmentierung das Richtige für mich?', 'Schließen', 'Wird geladen…', 'Die Beratung konnte nicht geladen werden. Bitte laden Sie die Seite neu'],
  pt: ['A micropigmentação é para mim?', 'Fechar', 'Carregando…', 'Não foi possível carregar a consulta. Recarregue a página'],
  it: ['La tricopigmentazione fa per me?', 'Chiudi', 'Caricamento…', 'Non è stato possibile caricare la consulenza. Ricarica la pagina'],
};

const engines = new Map(); // language code → Promise of its initialised engine, once per page.

/** Loads and initialises the engine of language `code` once: `<code>/smp-consult-core.js`
 *  and its wasm, which carries that language's wording (and no other). A failure is not kept:
 *  the next widget, or a reset(), tries again. */
function loadCore(code) {
  if (!engines.has(code)) {
    // The wasm starts downloading now, alongside its glue, not one round trip after it.
    const wasm = get(new URL(`${code}/smp-consult-core_bg.wasm`, BASE));
    wasm.catch(() => {}); // reported through the engine's promise below
    // The engine's link file (imported by its glue, so the same module, no second download)
    // fetches the lead chunk later: with the browser's own fetch, as taken above.
    const engine = Promise.all([import(new URL(`${code}/smp-consult-core.js`, BASE).href), import(new URL(`${code}/__wasm_split.js`, BASE).href)])
      .then(async ([m, split]) => {
        split.useFetch(get);
        await m.default({ module_or_path: wasm });
        m.use_builtins(BUILTINS);
        return m;
      });
    engine.catch(() => engines.delete(code));
    engines.set(code, engine);
  }
  return engines.get(code);
}

/** A file's text, or a rejection saying `<name>: HTTP <status>` (or that it took over `ms`). */
function fetchText(url, name, ms) {
  const controller = ms ? new AbortController() : undefined;
  const timer = ms && setTimeout(() => controller.abort(), ms);
  return get(url, { signal: controller?.signal })
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${name ? `${name}: ` : ''}HTTP ${r.status}`))))
    .catch((error) => Promise.reject(controller?.signal.aborted ? new Error(`did not answer within ${ms / 1000} s`) : error))
    .finally(() => clearTimeout(timer));
}

/** Sends what an earlier page left in the outbox: at idle time, so never in the way of the
 *  page's own loading, and whether or not a widget is ever opened or scrolled to here. */
function deliverPending() {
  let waiting = false;
  try { waiting = localStorage.getItem(OUTBOX) !== null; } catch { /* storage blocked: nothing was kept */ }
  if (!waiting) return;
  // The engine of a widget on this page if there is one (one download for both), else of the
  // page's language: any engine delivers what any other left.
  const send = () => loadCore(language(document.querySelector(TAG))).then((m) => m.deliver_pending(), (error) => console.error('<smp-consult>: could not load to send a saved request.', error));
  if ('requestIdleCallback' in window) requestIdleCallback(send, { timeout: 3000 });
  else setTimeout(send, 1500);
}

let sheet; // The widget's stylesheet, fetched once and shared by every shadow root.

/** The widget's CSS as a constructable stylesheet (no <style>, so no 'unsafe-inline'). */
function loadSheet() {
  sheet ??= fetchText(new URL('smp-consult.css', BASE), 'smp-consult.css')
    .then((text) => {
      const s = new CSSStyleSheet();
      s.replaceSync(text);
      return s;
    });
  return sheet;
}

// Applied at once, before the full stylesheet arrives: the host is isolated from the page's
// CSS and an inline widget already takes its height, so nothing on the page moves later.
const early = new CSSStyleSheet();
early.replaceSync(`:host{all:initial!important;direction:ltr!important;display:block!important;contain:content!important;min-height:var(--smp-reserve,640px)!important}
:host([hidden]){display:none!important}
:host([mode=popup]),:host([mode=bubble]){contain:none!important;min-height:0!important}
:host([mode=popup]){display:inline-block!important}
@media (max-width:599px){:host{--smp-reserve:900px}}
:host(:state(settled)){min-height:0!important}`);

function emit(el, name, detail) {
  el.dispatchEvent(new CustomEvent(`smp-consult:${name}`, { bubbles: true, composed: true, detail }));
}

/** One console error and one `error` event per wrong item (and what was expected) per element. */
function report(el, item, expected, got = '') {
  el._reported ??= new Set();
  if (el._reported.has(`${item} ${expected}`)) return;
  el._reported.add(`${item} ${expected}`);
  console.error(`<smp-consult>: \`${item}\` is not valid: expected ${expected}${got}.`);
  emit(el, 'error', { code: 'config', item, message: expected });
}

/** A text the loader shows itself (`button-text`, `teaser`), or undefined (with one error)
 *  above its cap: a megabyte of button text would make the host page miles wide. */
function text(el, item) {
  const given = el.getAttribute(item)?.trim();
  if (!given) return undefined;
  if ([...given.slice(0, 2 * LIMITS[item] + 2)].length > LIMITS[item]) {
    report(el, item, `text of at most ${LIMITS[item]} characters`);
    return undefined;
  }
  return given;
}

/** A setting from the element's `config="#id"` JSON, if any. */
function configured(el, key) {
  try {
    const id = el.getAttribute('config')?.trim();
    const script = id?.startsWith('#') && document.getElementById(id.slice(1));
    return script ? JSON.parse(script.textContent)?.[key] : undefined;
  } catch { /* the engine reports a broken config */ }
}

/** The element's language code (without one, the page's), by the engine's rule (`domain::settings::choose_language`):
 *  `lang` (attribute, else its `config="#id"` JSON); else the page's, then the browser's,
 *  among `languages` if given; else the first of `languages`; else `en`. */
function language(el) {
  const code = (tag) => (typeof tag === 'string' && WORDS[tag.slice(0, 2).toLowerCase()] ? tag.slice(0, 2).toLowerCase() : '');
  const fixed = el && code(el.getAttribute('lang') ?? configured(el, 'lang'));
  if (fixed) return fixed;
  const list = el && (el.getAttribute('languages') ?? configured(el, 'languages'));
  const allowed = typeof list === 'string' ? list.split(/[ ,]+/).map(code).filter(Boolean) : [];
  for (const tag of [document.documentElement.lang, navigator.language]) {
    const c = code(tag);
    if (c && (!allowed.length || allowed.includes(c))) return c;
  }
  return allowed[0] ?? 'en';
}

/** `accent` and the text colour for it (the engine's `Accent::parse` rule), for the button. */
function brand(el) {
  let h = /^#([\da-f]{3}|[\da-f]{6})$/i.exec(String(el.getAttribute('accent') ?? configured(el, 'accent') ?? '').trim())?.[1];
  if (!h) return null;
  h = (h.length === 3 ? h.replace(/./g, '$&$&') : h).toLowerCase();
  const l = [0.2126, 0.7152, 0.0722].reduce((sum, weight, i) => {
    const v = parseInt(h.substr(2 * i, 2), 16) / 255, x = (v + 0.055) / 1.055;
    return sum + weight * (v <= 0.04045 ? v / 12.92 : x * x * Math.sqrt(x));
  }, 0);
  return [`#${h}`, 1.05 / (l + 0.05) >= (l + 0.05) / 0.0556 ? '#ffffff' : '#111111'];
}

/** The words above, in the element's language. */
function words(el) {
  return WORDS[language(el)];
}

const firsts = new Map(); // code → Promise of its first question (a tree), fetched once per page.

/** The first question in language `code`, as the engine renders it: `first/<code>.json`,
 *  written at build time by `smp-prerender` from the engine's own components. A compact tree,
 *  `[tag, {attribute: value}, child…]` with text as strings. */
function fetchFirst(code) {
  if (!firsts.has(code)) {
    const url = new URL(`first/${code}.json`, BASE);
    const tree = READ_JSON
      ? get(url).then((r) => (r.ok ? READ_JSON.call(r) : Promise.reject(new Error(`${url.pathname}: HTTP ${r.status}`))))
      : Promise.reject(new Error('this page replaced Response.prototype.json'));
    tree.catch(() => firsts.delete(code));
    firsts.set(code, tree);
  }
  return firsts.get(code);
}

/** Builds a tree of `fetchFirst` with createElement, setAttribute and text nodes: nothing is
 *  parsed as HTML, and no event handler or style attribute is ever set (the build writes none;
 *  this refuses them anyway). */
function build(node) {
  if (typeof node === 'string') return document.createTextNode(node);
  const [tag, attributes, ...children] = node;
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (!/^on|^style$/i.test(name)) el.setAttribute(name, value);
  }
  el.append(...children.map(build));
  return el;
}

/** Whether the engine will resume this element's progress saved in this tab (then it starts
 *  at a later step: the loader shows its loading words, never the first question). */
function resumes(el) {
  const id = el.getAttribute('id');
  const name = `:${id || `#${[...document.querySelectorAll(TAG)].indexOf(el)}`}`;
  try {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (key?.startsWith(PROGRESS) && key.endsWith(name)) return true;
    }
  } catch { /* storage blocked: nothing was kept */ }
  return false;
}

function make(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

class SmpConsultElement extends HTMLElement {
  static get observedAttributes() { return ATTRIBUTES; }

  connectedCallback() {
    if (this._root) return; // moved within the page: keep going as it was
    let mode = this.getAttribute('mode') ?? 'inline';
    if (!MODES.includes(mode)) {
      report(this, 'mode', 'inline, popup or bubble', ` (got "${mode.slice(0, 40)}"); using inline`);
      mode = 'inline';
      this.setAttribute('mode', mode);
    }
    this._mode = mode;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [early];
    loadSheet().then((s) => { shadow.adoptedStyleSheets = [early, s]; }, (error) => {
      console.error('<smp-consult>: the stylesheet could not load.', error);
    });
    const [openLabel, closeLabel, loading] = words(this);
    this._root = make('div', { className: 'smp' }, make('p', { className: 'smp-loading', textContent: loading }));
    this._root.setAttribute('part', 'container');
    if (mode === 'inline') {
      shadow.replaceChildren(this._root);
      // The reserved height is let go when the visitor moves on to another step (a later step
      // may be shorter): the page then changes in answer to their own press, never under a
      // finger mid-click, and not on a restore after a reload.
      let touched = false;
      const touch = () => { touched = true; };
      this.addEventListener('pointerdown', touch, { once: true });
      this.addEventListener('keydown', touch, { once: true });
      this.addEventListener('smp-consult:step', () => {
        // The engine's first step when it takes over a first question the visitor only
        // answered: nothing moved in answer to them yet.
        if (this._quiet) { this._quiet = false; return; }
        if (!touched) return;
        try { (this._internals ??= this.attachInternals()).states.add('settled'); } catch { /* keeps the reserve */ }
      });
      // The first question is painted at once. The engine loads when the widget nears the
      // viewport (or at once where IntersectionObserver is missing): in view, side by side
      // with what the painting fetches (measured on the phone profile: the first question no
      // later, the engine ~100-150 ms sooner than when it waits for the painting). Far down a
      // long page, a visitor who scrolls there can answer before the engine has arrived.
      this._paint();
      if (!('IntersectionObserver' in window)) return this._mount();
      this._seen = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) this._mount();
      }, { rootMargin: '600px' });
      this._seen.observe(this);
      return;
    }
    // popup and bubble: a button that opens a modal dialog holding the widget.
    const label = text(this, 'button-text') ?? openLabel;
    this._launcher = make('button', { type: 'button', className: 'launcher' },
      make('span', { className: 'launcher-icon' }), make('span', { className: 'launcher-text', textContent: label }));
    this._launcher.setAttribute('part', 'button launcher');
    this._launcher.setAttribute('aria-haspopup', 'dialog');
    const teaser = mode === 'bubble' ? text(this, 'teaser') : undefined;
    const close = make('button', { type: 'button', className: 'close', title: closeLabel },
      make('span', { className: 'visually-hidden', textContent: closeLabel }));
    close.setAttribute('part', 'button close');
    close.addEventListener('click', () => this.close());
    this._dialog = make('dialog', { className: 'dialog' }, close, this._root);
    this._dialog.setAttribute('part', 'dialog');
    this._dialog.setAttribute('aria-label', label);
    // Tab and Shift+Tab go round inside the open dialog (a modal dialog alone lets focus
    // leave for the page's body at either end).
    this._dialog.addEventListener('keydown', (e) => {
      if (e.key !== 'Tab') return;
      const items = [...this._dialog.querySelectorAll('button, input, select, textarea, a[href]')]
        .filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length);
      const active = this.shadowRoot.activeElement;
      const [first, last] = [items[0], items[items.length - 1]];
      if (e.shiftKey ? active === first || active === this._dialog : active === last) {
        e.preventDefault();
        (e.shiftKey ? last : first)?.focus();
      }
    });
    // Esc (the dialog's cancel) and close() both end here: focus goes back to the opener.
    this._dialog.addEventListener('close', () => this._opener?.focus?.());
    // A click on the backdrop (outside the dialog's box) closes it too; one on the dialog's own
    // row beside the × does not.
    this._dialog.addEventListener('click', (e) => {
      const box = this._dialog.getBoundingClientRect();
      const outside = e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom;
      if (e.target === this._dialog && outside) this.close();
    });
    const prefetch = () => this._mount();
    this._launcher.addEventListener('pointerenter', prefetch, { once: true });
    this._launcher.addEventListener('focus', prefetch, { once: true });
    this._launcher.addEventListener('click', () => this.open());
    const parts = [this._launcher, this._dialog];
    if (teaser) {
      const t = make('p', { className: 'teaser', textContent: teaser });
      t.setAttribute('part', 'teaser');
      parts.unshift(t);
    }
    shadow.replaceChildren(make('div', { className: `launch launch-${mode}` }, ...parts));
    this._brand();
  }

  /** The popup/bubble button in the clinic's colour (`accent`), else the widget's own. */
  _brand() {
    const colours = brand(this) ?? [];
    // An empty value removes the property.
    ['--_accent', '--_on-accent'].forEach((name, i) => this._launcher?.parentNode.style.setProperty(name, colours[i] ?? ''));
  }

  /** Paints the first question (once) from the build-time render of the engine's components,
   *  so a visitor can read and answer it before the engine has arrived; `_takeOver` hands what
   *  they did to the engine. Not for a widget that resumes a later step (it keeps its loading
   *  words), whose settings come from `config-url` (not known before the engine reads them), or
   *  a configurator preview. Resolves when painted, or at once when it will not be. */
  _paint() {
    const root = this._root;
    if (!this._painting) {
      const skip = this.hasAttribute('config-url') || this.hasAttribute('preview') || resumes(this);
      this._painting = skip ? Promise.resolve() : Promise.all([fetchFirst(language(this)), loadSheet()])
        .then(([tree]) => {
          if (root !== this._root || this._widget || this._failed) return; // rebuilt, or the engine came (or failed) first
          const widget = build(tree);
          const form = widget.querySelector('form');
          this._first = form;
          this._brandRoot(widget);
          // Chosen options look chosen, as in the engine (which marks the label with data-checked).
          form.addEventListener('change', () => {
            for (const input of form.querySelectorAll('input')) input.closest('label')?.toggleAttribute('data-checked', input.checked);
          });
          // Next before the engine has come: the answer is kept and handed over; the engine
          // then starts at the next question. Without an answer, nothing happens yet.
          form.addEventListener('submit', (e) => {
            e.preventDefault();
            if (!form.querySelector('input:checked')) return;
            this._next = true;
            const wait = make('p', { className: 'smp-loading', textContent: words(this)[2], tabIndex: -1 });
            const inside = this.shadowRoot.activeElement;
            root.replaceChildren(wait);
            if (inside) wait.focus();
          });
          root.replaceChildren(widget);
          // In an open dialog, focus moves from the close button to the question.
          if (this._dialog?.open && this.shadowRoot.activeElement?.classList.contains('close')) form.querySelector('h2')?.focus();
        })
        .catch((error) => console.error('<smp-consult>: the first question could not be drawn early.', error));
    }
    return this._painting;
  }

  /** What the pre-painted clinic-specific parts need: the brand colour on the container (as
   *  the engine sets it, through the CSSOM) and the logo in `widget`'s header. */
  _brandRoot(widget) {
    const colours = brand(this) ?? [];
    ['--_accent', '--_on-accent'].forEach((name, i) => this._root.style.setProperty(name, colours[i] ?? ''));
    const logo = String(this.getAttribute('logo') ?? configured(this, 'logo') ?? '').trim();
    // A plain part of what the engine accepts (domain::address::Resource): a path on this site
    // or an https URL, printable ASCII without a backslash (a browser reads `/\` as `//`).
    // Anything else is left out here, and the engine decides.
    if (logo.length <= 2048 && /^(\/(?!\/)|https:\/\/[a-z0-9.-]+(:\d+)?(\/|$))[!-[\]-~]*$/i.test(logo)) {
      const alt = String(this.getAttribute('clinic') ?? configured(this, 'clinic') ?? '').trim();
      const img = make('img', { className: 'smp-logo', src: logo, alt });
      img.setAttribute('part', 'logo');
      widget.querySelector('.smp-brand')?.prepend(img);
    }
  }

  /** What the visitor did on the pre-painted first question, for the engine: the saved-progress
   *  JSON it resumes from (their answer, and the next question if they pressed Next), and the
   *  element to focus once it has drawn its own (a selector), if focus was in the widget. */
  _takeOver() {
    const form = this._first;
    if (!form) return {};
    const active = this.shadowRoot.activeElement;
    const focus = !active || !this._root?.contains(active) ? undefined
      : this._next || active.matches('h2, p') ? 'h2'
        : active.matches('input') ? `input[name="${CSS.escape(active.name)}"][value="${CSS.escape(active.value)}"]`
          : active.matches('button[type=submit]') ? 'button[type=submit]' : undefined;
    const inputs = [...form.querySelectorAll('input')];
    // Codes of our own markup (`male`, `pattern`): written out by hand, not with the page's
    // JSON.stringify (which a page may have replaced).
    const code = (c) => (/^[a-z0-9_]+$/.test(c) ? `"${c}"` : undefined);
    const chosen = inputs.filter((i) => i.checked).map((i) => code(i.value));
    const field = code(form.dataset.question ?? '');
    if (!chosen.length || !field || chosen.includes(undefined)) return { focus };
    const answer = inputs[0].type === 'checkbox' ? `[${chosen.join(',')}]` : chosen[0];
    const screen = this._next ? '' : `,"screen":{"screen":"question","question":${field}}`;
    return { saved: `{"answers":{${field}:${answer}}${screen}}`, focus };
  }

  /** Loads the engine (once) and mounts the widget into this element's shadow root. */
  _mount() {
    this._seen?.disconnect();
    this._seen = undefined;
    this._paint();
    // The engine of the likely language (a `config-url` may still name another).
    if (!this._pending) this._missing = undefined;
    this._pending ??= Promise.all([this._engine(language(this)), loadSheet().catch(() => null)])
      .then(async ([m]) => {
        if (!this.isConnected || !this._root || this._widget) return;
        const configText = this._configText = await this._config(m);
        if (!this.isConnected || !this._root) return;
        m = await this._language(m, configText);
        if (!this.isConnected || !this._root || this._widget) return;
        this._core = m;
        const early = this._takeOver();
        // The engine's first step event is quiet (see connectedCallback) unless the visitor
        // pressed Next before it came: then it shows the step they moved to.
        this._quiet = !this._next;
        this._root.replaceChildren();
        this._widget = m.mount(this, this._root, configText, early.saved);
        this._first = undefined;
        // In a dialog, focus moves from the close button to the first question; focus that was
        // on the pre-painted question goes to the same place in the engine's.
        const inDialog = this._dialog?.open && this.shadowRoot.activeElement?.classList.contains('close');
        const focus = early.focus ?? (inDialog ? 'h2' : undefined);
        if (focus) requestAnimationFrame(() => this._root?.querySelector(focus)?.focus());
        emit(this, 'ready', { clinic: this._widget.clinic, mode: this._mode, lang: this._widget.lang });
      })
      .catch((error) => {
        // Never a blank box: say so, in plain text, with the clinic's own contact if given.
        console.error('<smp-consult>: the widget could not load.', error);
        this._failed = true;
        const contact = this.getAttribute('phone') || this.getAttribute('email');
        this._root?.replaceChildren(make('p', { className: 'smp-failed', textContent: words(this)[3] + (contact ? `: ${contact}` : '.') }));
        emit(this, 'error', { code: 'load_failed', message: String(error) });
        this._pending = undefined;
      });
    return this._pending;
  }

  /** The text of this element's `config-url` (checked by the engine's address rules), or
   *  undefined with one clear error: wrong, failing, or not answering within CONFIG_TIMEOUT_MS.
   *  The widget then runs on its attributes. */
  async _config(m) {
    const url = m.config_url(this);
    if (!url) return undefined;
    return fetchText(new URL(url, document.baseURI), '', CONFIG_TIMEOUT_MS).catch((error) => {
      report(this, 'config-url', 'the URL of a JSON file this page may fetch', ` (${error.message}); using the attributes alone`);
      return undefined;
    });
  }

  /** The engine of language `code`; if it cannot load, one clear error naming it, and the
   *  English engine (a working widget in English). */
  _engine(code) {
    return loadCore(code).catch((error) => {
      if (code === 'en') throw error;
      this._missing = code; // not asked for again until the widget is mounted afresh
      console.error(`<smp-consult>: the "${code}" engine could not load (${error.message}); showing English.`);
      emit(this, 'error', { code: 'locale_failed', item: `${code}/smp-consult-core.js`, message: error.message });
      return loadCore('en');
    });
  }

  /** The engine for the language this element will speak: `m` if it carries it, else that
   *  language's (a `config-url` or a changed attribute named another). */
  async _language(m, configText) {
    const code = m.locale_needed(this, configText);
    return code && code !== this._missing ? this._engine(code) : m;
  }

  attributeChangedCallback(name, before, after) {
    // Before it is on the page, connectedCallback reads every attribute anyway.
    if (before === after || !this._root) return;
    // Several attributes set one after another are applied together.
    if (!this._changed) queueMicrotask(() => this._apply());
    (this._changed ??= new Set()).add(name);
  }

  /** Applies the attributes changed since the last time (see ATTRIBUTES). */
  _apply() {
    const changed = this._changed;
    this._changed = undefined;
    if (!changed || !this._root) return;
    if (changed.has('mode') && (this.getAttribute('mode') ?? 'inline') !== this._mode) return this._rebuild();
    if (changed.has('button-text') && this._launcher) {
      const label = text(this, 'button-text') ?? words(this)[0];
      this._launcher.querySelector('.launcher-text').textContent = label;
      this._dialog.setAttribute('aria-label', label);
    }
    if (changed.has('teaser') && this._mode === 'bubble') return this._rebuild();
    if (changed.has('accent') || changed.has('config')) this._brand();
    if ([...changed].some((n) => !['mode', 'button-text', 'teaser'].includes(n))) {
      const update = async () => {
        if (!this._widget) return; // not mounted yet: it reads the attributes when it is
        if (changed.has('config-url')) this._configText = await this._config(this._core);
        const m = await this._language(this._core, this._configText);
        if (!this._widget || !this._root) return;
        if (m === this._core) return this._widget.update(this._configText);
        // Another language: its engine takes over where the visitor is (the progress saved as
        // they go), with focus back on the step's heading if it was in the widget.
        const focused = this._root.contains(this.shadowRoot.activeElement);
        this._widget.unmount();
        this._root.replaceChildren();
        this._core = m;
        this._widget = m.mount(this, this._root, this._configText);
        if (focused) requestAnimationFrame(() => this._root?.querySelector('h2')?.focus());
      };
      // One update at a time, after any mount under way.
      this._updating = Promise.all([this._pending, this._updating]).then(update, update).catch((error) => {
        console.error('<smp-consult>: a changed attribute could not be applied.', error);
      });
    }
  }

  /** Builds the element again from its attributes (a new mode), keeping the visitor's progress
   *  (it is saved as they go) and an open dialog open. */
  _rebuild() {
    const open = this._dialog?.open;
    this.disconnectedCallback();
    this.connectedCallback();
    if (open) this.open();
  }

  /** Opens the consultation: the dialog in popup and bubble modes; brings an inline one into view. */
  open() {
    if (!this._root) return;
    if (this._dialog) {
      if (!this._dialog.open) {
        this._opener = this.shadowRoot.activeElement ?? document.activeElement;
        this._dialog.showModal();
      }
    } else {
      this.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    }
    return this._mount();
  }

  /** Closes the dialog of a popup or bubble (progress is kept); does nothing inline. */
  close() {
    if (this._dialog?.open) this._dialog.close();
  }

  /** Forgets this widget's answers and starts again at the first question, built afresh from
   *  the attributes as they are now (`mode` included). */
  reset() {
    this._widget?.reset();
    if (!this._root) return;
    const open = this._dialog?.open;
    this.disconnectedCallback();
    this.connectedCallback();
    if (open) this.open();
    return this._mount();
  }

  disconnectedCallback() {
    this._seen?.disconnect();
    this._seen = undefined;
    this.close();
    this._widget?.unmount();
    this._widget = undefined;
    this.shadowRoot?.replaceChildren();
    this._pending = undefined;
    this._root = undefined;
    this._painting = this._first = this._next = this._quiet = this._failed = undefined;
  }
}

if (!customElements.get(TAG)) {
  customElements.define(TAG, SmpConsultElement);
  deliverPending(); // once per page: by the copy of the loader that defined the element
}

/**
 * The recommendation engine, headless: resolves to a plain object in DESIGN's JSON shape.
 * `answers` uses the JSON codes (skipped questions absent or null); `config` is optional
 * `{currency, prices}`. Rejects with an Error naming a missing or wrong answer.
 */
export async function recommend(answers, config) {
  // Any engine gives the same answer: one already on the page, else the English one.
  const m = await (engines.values().next().value ?? loadCore('en'));
  return m.recommend(answers, config);
}
