#!/usr/bin/env node
// Short names between the engine's wasm and its glue (run by scripts/build, before the glue is
// minified). wasm-bindgen names each of the ~200 functions the wasm imports from its glue
// `__wbg_<method>_<16 hex digits>`, under the module "./smp-consult-core_bg.js", and the
// wasm's exports by their Rust names; every name is written twice, in the wasm and in the glue,
// and the hex digits do not compress. binaryen's pass renames them all to one or two letters
// and prints the mapping; this script applies it to the wasm (in place) and to the glue, where
// the imports are the keys of the one object handed to the wasm and the exports are read as
// `wasm.<name>`. It fails, and the build with it, if any old name is left in the glue.
// Usage: node scripts/short-names.mjs <file_bg.wasm> <glue.js>
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error('usage: node scripts/short-names.mjs <file_bg.wasm> <glue.js>');
  process.exit(2);
}
const fail = (message) => {
  console.error(`[short-names] ${message}`);
  process.exit(1);
};
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const wasmOpt = new URL('../node_modules/.bin/wasm-opt', import.meta.url).pathname;
const out = `${wasmPath}.short`;
const printed = execFileSync(wasmOpt, [wasmPath, '--minify-imports-and-exports-and-modules', '-o', out], {
  encoding: 'utf8',
});
const map = JSON.parse(printed.slice(printed.indexOf('{')));
const before = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmPath)));
const after = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(out)));
const modules = (imports) => [...new Set(imports.map((i) => i.module))];
if (modules(before).length !== 1 || modules(after).length !== 1) {
  fail(`expected one import module, found ${modules(before)} -> ${modules(after)}`);
}
const [oldModule] = modules(before);
const [newModule] = modules(after);

let glue = readFileSync(gluePath, 'utf8');
const replaceOnce = (pattern, replacement, what) => {
  const found = glue.match(new RegExp(pattern, 'g'))?.length ?? 0;
  if (found !== 1) fail(`${what}: expected once in the glue, found ${found} times`);
  glue = glue.replace(new RegExp(pattern), replacement);
};
// The import object: `"./x_bg.js": import0` and, inside it, one `name: function` per import.
replaceOnce(`"${escape(oldModule)}":`, `"${newModule}":`, `import module ${oldModule}`);
for (const [, name, short] of map.imports) {
  replaceOnce(`(?<=[\\s{,])${escape(name)}(?=:)`, short, `import ${name}`);
}
// The exports, as the glue reads them.
for (const [name, short] of map.exports) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${escape(name)}\\b`, 'g'), `wasm.${short}`);
}
for (const [, name] of map.imports) {
  if (glue.includes(name)) fail(`import ${name} still named in the glue`);
}
for (const [name] of map.exports) {
  if (new RegExp(`\\bwasm\\.${escape(name)}\\b`).test(glue)) fail(`export ${name} still read by its old name`);
}
writeFileSync(gluePath, glue);
renameSync(out, wasmPath);
console.log(`[short-names] ${map.imports.length} imports, ${map.exports.length} exports renamed`);
