#!/usr/bin/env node
// Short names between the engine's wasm and its glue (run by scripts/build, before the glue is
// minified). wasm-bindgen names each of the ~200 functions the wasm imports from its glue
// `__wbg_<method>_<16 hex digits>`, under the module "./smp-consult-core_bg.js", and the
// wasm's exports by their Rust names; every name is written twice, in the wasm and in the glue,
// and the hex digits do not compress. binaryen's pass renames them all to one or two letters
// and prints the mapping; this script applies it to the wasm (in place) and to the glue, where
// the imports are the keys of the one object handed to the wasm and the exports are read as
// `wasm.<name>`. It fails, and the build with it, if any old name is left in the glue.
// With a split engine (scripts/build, wasm-split-cli), its link file (`__wasm_split.js`) is the
// third argument: the wasm imports each chunk's loader from it (a second import module; the
// loaders are renamed where the link file exports them) and it reads the table, the memory and
// the stack pointer from the wasm's exports (renamed in its one destructuring of them).
// Usage: node scripts/short-names.mjs <file_bg.wasm> <glue.js> [<__wasm_split.js>]
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const [wasmPath, gluePath, linkPath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error('usage: node scripts/short-names.mjs <file_bg.wasm> <glue.js> [<__wasm_split.js>]');
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
// Import modules keep their order: the n-th import is the same before and after.
const renamedModules = new Map(before.map((imp, i) => [imp.module, after[i].module]));
const glueModule = gluePath.replace(/^.*\//, './').replace(/\.js$/, '_bg.js');
const linkModule = linkPath && linkPath.replace(/^.*\//, './');
const expected = [glueModule, linkModule].filter(Boolean);
if ([...renamedModules.keys()].sort().join() !== expected.sort().join()) {
  fail(`expected import modules ${expected}, found ${[...renamedModules.keys()]}`);
}

let glue = readFileSync(gluePath, 'utf8');
let link = linkPath && readFileSync(linkPath, 'utf8');
const replaceOnce = (text, pattern, replacement, what) => {
  const found = text.match(new RegExp(pattern, 'g'))?.length ?? 0;
  if (found !== 1) fail(`${what}: expected once, found ${found} times`);
  return text.replace(new RegExp(pattern), replacement);
};
// The import object: `"./x_bg.js": import0` (and `"./__wasm_split.js": import1`) and, inside
// the first, one `name: function` per import. binaryen may give both modules one short name
// (their imports' short names stay distinct): then one entry holds both objects' functions.
const byNewModule = new Map();
for (const [oldModule, newModule] of renamedModules) {
  byNewModule.set(newModule, [...(byNewModule.get(newModule) ?? []), oldModule]);
}
for (const [newModule, oldModules] of byNewModule) {
  const objects = oldModules.map((oldModule) => {
    const found = glue.match(new RegExp(`"${escape(oldModule)}": *(\\w+),?`));
    if (!found) fail(`import module ${oldModule} not found in the glue's import object`);
    return found[1];
  });
  const merged = objects.length === 1 ? objects[0] : `Object.assign(${objects.join(', ')})`;
  oldModules.forEach((oldModule, i) => {
    const entry = `"${escape(oldModule)}": *\\w+,?`;
    glue = replaceOnce(glue, entry, i === 0 ? `"${newModule}": ${merged},` : '', `import module ${oldModule}`);
  });
}
for (const [module, name, short] of map.imports) {
  if (module === glueModule) {
    glue = replaceOnce(glue, `(?<=[\\s{,])${escape(name)}(?=:)`, short, `import ${name}`);
  } else {
    // `export const __wasm_split_load_<chunk> = …` in the link file.
    link = replaceOnce(link, `(?<=export const )${escape(name)}(?= =)`, short, `link file's ${name}`);
  }
}
// The exports, as the glue reads them.
for (const [name, short] of map.exports) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${escape(name)}\\b`, 'g'), `wasm.${short}`);
}
for (const [module, name] of map.imports) {
  if (module === glueModule && glue.includes(name)) fail(`import ${name} still named in the glue`);
}
for (const [name] of map.exports) {
  if (new RegExp(`\\bwasm\\.${escape(name)}\\b`).test(glue)) fail(`export ${name} still read by its old name`);
}
if (link) {
  // `const { __indirect_function_table, __wasm_split_shared0, memory, } = initSync(…)`: each
  // becomes `short: name`, so the rest of the link file keeps its names.
  const shortOf = new Map(map.exports);
  link = replaceOnce(link, String.raw`const \{([^}]*)\} = initSync`, (_, names) => {
    const list = names.split(',').map((n) => n.trim()).filter(Boolean).map((n) => {
      if (!shortOf.has(n)) fail(`the link file reads ${n}, which the wasm does not export`);
      return `${shortOf.get(n)}: ${n}`;
    });
    return `const { ${list.join(', ')} } = initSync`;
  }, 'the link file\'s reading of the exports');
  writeFileSync(linkPath, link);
}
writeFileSync(gluePath, glue);
renameSync(out, wasmPath);
console.log(`[short-names] ${map.imports.length} imports, ${map.exports.length} exports renamed`);
