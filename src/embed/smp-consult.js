// SMP Consult loader: the one hand-written JS module a clinic's page loads.
// It defines <smp-consult> once, loads the WebAssembly once (relative to this file's own URL),
// mounts each element into its own open shadow root, and exports the public JS API.
// No inline scripts, no eval, no innerHTML: it works under a strict Content-Security-Policy.

const BASE = new URL('./', import.meta.url);
performance.mark?.('smp-consult:loader');
const TAG = 'smp-consult';

let core; // Promise of the initialised wasm module, shared by every element on the page.

/** Loads and initialises the wasm engine once. */
function loadCore() {
  core ??= import(new URL('smp-consult-core.js', BASE).href).then(async (m) => {
    await m.default({ module_or_path: new URL('smp-consult-core_bg.wasm', BASE) });
    return m;
  });
  return core;
}

function emit(el, name, detail) {
  el.dispatchEvent(new CustomEvent(`smp-consult:${name}`, { bubbles: true, composed: true, detail }));
}

class SmpConsultElement extends HTMLElement {
  connectedCallback() {
    if (this._pending || this._widget) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL('smp-consult.css', BASE).href;
    const root = document.createElement('div');
    root.className = 'smp';
    root.setAttribute('part', 'container');
    shadow.replaceChildren(style, root);
    this._pending = loadCore()
      .then((m) => {
        if (!this.isConnected || this._pending === null) return;
        this._widget = m.mount(this, root);
        emit(this, 'ready', { clinic: this.getAttribute('clinic') });
      })
      .catch((error) => {
        // Never a blank box: say so, in plain text, with the clinic's own contact if given.
        console.error('<smp-consult>: the widget could not load.', error);
        const contact = this.getAttribute('phone') || this.getAttribute('email');
        root.textContent = 'The consultation could not load. Please reload the page'
          + (contact ? ` or contact the clinic: ${contact}` : '.');
        emit(this, 'error', { code: 'load_failed', message: String(error) });
      })
      .finally(() => { this._pending = undefined; });
  }

  disconnectedCallback() {
    this._pending &&= null;
    this._widget?.unmount();
    this._widget = undefined;
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
