// Loads the configurator's WebAssembly (Rust + Yew), which mounts itself into #app.
import init from './smp-configurator.js';

init({ module_or_path: new URL('smp-configurator_bg.wasm', import.meta.url) }).catch((error) => {
  console.error('SMP Consult configurator: could not load.', error);
  const app = document.getElementById('app');
  const p = document.createElement('p');
  p.className = 'loading';
  p.textContent = 'The configurator could not load. Please reload the page.';
  app?.replaceChildren(p);
});
