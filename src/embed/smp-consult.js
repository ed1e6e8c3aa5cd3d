// SMP Consult loader: the one hand-written JS module a clinic's page loads.
// It defines <smp-consult> once, draws what must be there before the engine arrives (the
// reserved space of an inline widget, the button and dialog of the popup and bubble modes),
// loads the WebAssembly engine only when it is needed (an inline widget nearing the viewport,
// a button hovered, focused or pressed), mounts each element into its own open shadow root,
// and exports the public JS API. No inline scripts, no eval, no innerHTML, no style
// attributes: it works under a strict Content-Security-Policy.

const BASE = new URL('./', import.meta.url);
performance.mark?.('smp-consult:loader');
const TAG = 'smp-consult';
const MODES = ['inline', 'popup', 'bubble'];

// The few words shown before the engine (and its typed string tables) has loaded.
const WORDS = {
  en: ['Is SMP right for me?', 'Close', 'Loading…', 'The consultation could not load. Please reload the page'],
  es: ['¿Es la micropigmentación para mí?', 'Cerrar', 'Cargando…', 'La consulta no se ha podido cargar. Recarga la página'],
  fr: ['La micropigmentation est-elle pour moi\u202f?', 'Fermer', 'Chargement…', 'La consultation n’a pas pu se charger. Veuillez recharger la page'],
  de: ['Ist Haarpigmentierung das Richtige für mich?', 'Schließen', 'Wird geladen…', 'Die Beratung konnte nicht geladen werden. Bitte laden Sie die Seite neu'],
  pt: ['A micropigmentação é para mim?', 'Fechar', 'Carregando…', 'Não foi possível carregar a consulta. Recarregue a página'],
  it: ['La tricopigmentazione fa per me?', 'Chiudi', 'Caricamento…', 'Non è stato possibile caricare la consulenza. Ricarica la pagina'],
};

let core; // Promise of the initialised wasm module, shared by every element on the page.

/** Loads and initialises the wasm engine once. */
function loadCore() {
  if (!core) {
    // The wasm starts downloading now, alongside its glue, not one round trip after it.
    const wasm = fetch(new URL('smp-consult-core_bg.wasm', BASE));
    wasm.catch(() => {}); // reported through `core` below
    core = import(new URL('smp-consult-core.js', BASE).href).then(async (m) => {
      await m.default({ module_or_path: wasm });
      return m;
    });
  }
  return core;
}

/** A file's text, or a rejection saying `<name>: HTTP <status>`. */
function fetchText(url, name) {
  return fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${name ? `${name}: ` : ''}HTTP ${r.status}`))));
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

/** A setting from the element's `config="#id"` JSON, if any. */
function configured(el, key) {
  try {
    const id = el.getAttribute('config')?.trim();
    const script = id?.startsWith('#') && document.getElementById(id.slice(1));
    return script ? JSON.parse(script.textContent)?.[key] : undefined;
  } catch { /* the engine reports a broken config */ }
}

/** The element's language code: `lang` (attribute, else its `config="#id"` JSON), else the
 *  page's, else the browser's, else `en`. The engine decides in the end; this is a good guess. */
function language(el) {
  for (const tag of [el.getAttribute('lang'), configured(el, 'lang'), document.documentElement.lang, navigator.language]) {
    const code = typeof tag === 'string' ? tag.slice(0, 2).toLowerCase() : '';
    if (WORDS[code]) return code;
  }
  return 'en';
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

const locales = new Map(); // code → Promise of its locale file's text, fetched once per page.

/** The engine speaks English; every other language is a small file beside it, fetched once. */
function fetchLocale(code) {
  if (!locales.has(code)) {
    const url = new URL(`locales/${code}.json`, BASE);
    const text = fetchText(url, url.pathname);
    // A failure is not kept: the next widget, or a reset(), tries again.
    text.catch(() => locales.delete(code));
    locales.set(code, text);
  }
  return locales.get(code);
}

function make(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

class SmpConsultElement extends HTMLElement {
  connectedCallback() {
    if (this._root) return; // moved within the page: keep going as it was
    let mode = this.getAttribute('mode') ?? 'inline';
    if (!MODES.includes(mode)) {
      console.error(`<smp-consult>: \`mode\` is not valid: expected inline, popup or bubble (got ${JSON.stringify(mode)}); using inline.`);
      emit(this, 'error', { code: 'config', item: 'mode', message: 'expected inline, popup or bubble' });
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
        if (!touched) return;
        try { (this._internals ??= this.attachInternals()).states.add('settled'); } catch { /* keeps the reserve */ }
      });
      // Loaded when it nears the viewport (or at once where IntersectionObserver is missing).
      if (!('IntersectionObserver' in window)) return this._mount();
      this._seen = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) this._mount();
      }, { rootMargin: '600px' });
      this._seen.observe(this);
      return;
    }
    // popup and bubble: a button that opens a modal dialog holding the widget.
    const label = this.getAttribute('button-text') || openLabel;
    this._launcher = make('button', { type: 'button', className: 'launcher' },
      make('span', { className: 'launcher-icon' }), make('span', { className: 'launcher-text', textContent: label }));
    this._launcher.setAttribute('part', 'button launcher');
    this._launcher.setAttribute('aria-haspopup', 'dialog');
    const teaser = mode === 'bubble' ? this.getAttribute('teaser') : null;
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
    // A click on the backdrop (outside the dialog's box) closes it too.
    this._dialog.addEventListener('click', (e) => { if (e.target === this._dialog) this.close(); });
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
    const launch = make('div', { className: `launch launch-${mode}` }, ...parts);
    const colours = brand(this);
    if (colours) {
      launch.style.setProperty('--_accent', colours[0]);
      launch.style.setProperty('--_on-accent', colours[1]);
    }
    shadow.replaceChildren(launch);
  }

  /** Loads the engine (once) and mounts the widget into this element's shadow root. */
  _mount() {
    this._seen?.disconnect();
    this._seen = undefined;
    // The likely language's wording is fetched alongside the engine, not after it.
    const guess = language(this);
    if (guess !== 'en') fetchLocale(guess).catch(() => {});
    this._pending ??= Promise.all([loadCore(), loadSheet().catch(() => null)])
      .then(async ([m]) => {
        if (!this.isConnected || !this._root || this._widget) return;
        const configUrl = this.getAttribute('config-url');
        let configText;
        if (configUrl) {
          configText = await fetchText(new URL(configUrl, document.baseURI))
            .catch((error) => {
              console.error(`<smp-consult>: \`config-url\` is not valid: expected the URL of a JSON file this page may fetch (${error.message}); using the attributes alone.`);
              emit(this, 'error', { code: 'config', item: 'config-url', message: error.message });
              return undefined;
            });
          if (!this.isConnected || !this._root) return;
        }
        const code = m.locale_needed(this, configText);
        if (code) {
          try {
            m.install_locale(code, await fetchLocale(code));
          } catch (error) {
            // Still a working widget, in English, and one clear message.
            console.error(`<smp-consult>: the "${code}" wording could not load (${error.message}); showing English.`);
            emit(this, 'error', { code: 'locale_failed', item: `locales/${code}.json`, message: error.message });
          }
          if (!this.isConnected || !this._root || this._widget) return;
        }
        this._root.replaceChildren();
        this._widget = m.mount(this, this._root, configText);
        // In a dialog, focus moves from the close button to the first question.
        if (this._dialog?.open && this.shadowRoot.activeElement?.classList.contains('close')) {
          requestAnimationFrame(() => this._root?.querySelector('h2')?.focus());
        }
        emit(this, 'ready', { clinic: this._widget.clinic, mode: this._mode, lang: this._widget.lang });
      })
      .catch((error) => {
        // Never a blank box: say so, in plain text, with the clinic's own contact if given.
        console.error('<smp-consult>: the widget could not load.', error);
        const contact = this.getAttribute('phone') || this.getAttribute('email');
        this._root?.replaceChildren(make('p', { className: 'smp-failed', textContent: words(this)[3] + (contact ? `: ${contact}` : '.') }));
        emit(this, 'error', { code: 'load_failed', message: String(error) });
        this._pending = undefined;
      });
    return this._pending;
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

  /** Forgets this widget's answers and starts again at the first question. */
  reset() {
    if (!this._widget) return this._mount();
    this._widget.reset();
    this._widget = undefined;
    this._pending = undefined;
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
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, SmpConsultElement);

/**
 * The recommendation engine, headless: resolves to a plain object in DESIGN's JSON shape.
 * `answers` uses the JSON codes (skipped questions absent or null); `config` is optional
 * `{currency, prices}`. Rejects with an Error naming a missing or wrong answer.
 */
export async function recommend(answers, config) {
  const m = await loadCore();
  return m.recommend(answers, config);
}
