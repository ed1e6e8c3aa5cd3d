#!/usr/bin/env node
// Draws the head diagrams of the hair-loss questions into src/embed/smp-consult.css.
//
// Each diagram is the head seen from above, the face at the top (ears at the sides): hair dark,
// bare scalp light (clipped to the head), then the outline. All of them go into one SVG sprite,
// 40×48 units per head, so the browser decodes a single image instead of one per option.
// The CSS between the `diagrams:begin` and `diagrams:end` markers is written by this script:
// change a drawing here, run `node scripts/draw-diagrams.mjs`, and commit both.
// `node scripts/draw-diagrams.mjs --check` fails if the CSS is not what this script draws
// (scripts/test runs it).
import { readFileSync, writeFileSync } from 'node:fs';

const CSS = new URL('../src/embed/smp-consult.css', import.meta.url);
const BEGIN = '/* diagrams:begin (scripts/draw-diagrams.mjs) */\n';
const END = '/* diagrams:end */\n';

const SKIN = 'rgb(237,214,198)';
const HAIR = 'rgb(59,50,48)';
const LINE = 'rgb(120,96,82)';
const HEAD = "cx='20' cy='25' rx='15' ry='19'";
const [W, H] = [55, 66]; // CSS pixels per diagram

// The bare (or thinned) scalp of each option, as shapes over a head full of hair.
const ellipse = (cx, cy, rx, ry) => `<ellipse cx='${cx}' cy='${cy}' rx='${rx}' ry='${ry}'/>`;
const circle = (cx, cy, r) => `<circle cx='${cx}' cy='${cy}' r='${r}'/>`;
const bare = (shapes, opacity = 1) =>
  `<g fill='${SKIN}' clip-path='url(%23c)'${opacity === 1 ? '' : ` opacity='${opacity}'`}>${shapes.join('')}</g>`;
const forehead = ellipse(20, 7.5, 8, 2.6);
const temples = (rx, ry, cy) => ellipse(12, cy, rx, ry) + ellipse(28, cy, rx, ry);
const crown = (r, cy = 32) => circle(20, cy, r);
const top = (rx, ry, cy) => ellipse(20, cy, rx, ry);
const parting = (w) => `<rect x='${20 - w / 2}' y='9' width='${w}' height='30' rx='${w / 2}'/>`;
const ludwig = (w, rx, ry, cy, opacity) => bare([parting(w)]) + bare([top(rx, ry, cy)], opacity);

const DIAGRAMS = {
  // Norwood stages: the hairline recedes at the temples, the crown opens, then they meet.
  n1: bare([forehead]),
  n2: bare([forehead, temples(2.6, 2.6, 9)]),
  n3: bare([forehead, temples(3.2, 5, 10.5), top(6, 2.6, 8.5)]),
  n3v: bare([forehead, temples(3.2, 5, 10.5), top(6, 2.6, 8.5), crown(4.2)]),
  n4: bare([top(9, 6.5, 11), temples(3.4, 6, 11.5), crown(5.2, 32.5)]),
  n5: bare([top(10, 8.5, 13), crown(7, 32.5)]),
  n6: bare([top(11.5, 15.5, 21.5)]),
  n7: bare([top(12.8, 17.5, 23.5)]),
  // Ludwig stages: the parting widens and the top thins; the front hairline stays.
  l1: ludwig(1.4, 3.5, 12, 23, 0.55),
  l2: ludwig(2, 6.5, 13.5, 23.5, 0.7),
  l3: ludwig(3, 9.5, 15, 24, 0.85),
  // Patterns.
  male: bare([forehead, temples(3.2, 5, 10.5), top(6, 2.6, 8.5), crown(4.5)]),
  female: ludwig(2, 6.5, 13.5, 23.5, 0.7),
  diffuse: bare([top(15, 19, 25)], 0.42),
  patchy: bare([circle(13, 17, 3.2), circle(26, 27, 4), circle(16, 35, 2.6)]),
  total: `<ellipse ${HEAD} fill='${SKIN}'/>`,
  none: `<path d='M8.5 34 Q20 40 31.5 34' fill='none' stroke='${SKIN}' stroke-width='1.6' stroke-linecap='round'/>`,
};

function draw() {
  const codes = Object.keys(DIAGRAMS);
  const ears = [3.6, 36.4].map((x) => `<ellipse cx='${x}' cy='25' rx='2.2' ry='4' fill='${SKIN}' stroke='${LINE}' stroke-width='.8'/>`).join('');
  const heads = codes.map((code, n) => `<g transform='translate(${40 * n})'>${ears}<ellipse ${HEAD} fill='${HAIR}'/>${DIAGRAMS[code]}`
    + `<ellipse ${HEAD} fill='none' stroke='${LINE}' stroke-width='.8'/></g>`).join('');
  const sprite = `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ${40 * codes.length} 48'>`
    + `<clipPath id='c'><ellipse ${HEAD}/></clipPath>${heads}</svg>`;
  const lines = [`.diagram { width: ${W}px; height: ${H}px; border: 0; border-radius: 10px; background: var(--_soft) `
    + `url("data:image/svg+xml,${sprite}") no-repeat 0 0 / ${W * codes.length}px ${H}px; }`];
  codes.forEach((code, n) => { if (n) lines.push(`.diagram-${code} { background-position: ${-W * n}px 0; }`); });
  return BEGIN + lines.join('\n') + '\n' + END;
}

const css = readFileSync(CSS, 'utf8');
const start = css.indexOf(BEGIN);
const end = css.indexOf(END) + END.length;
if (start < 0 || end < END.length) throw new Error(`${CSS.pathname}: the diagrams:begin/end markers are missing`);
const wanted = css.slice(0, start) + draw() + css.slice(end);
if (process.argv.includes('--check')) {
  if (wanted !== css) {
    console.error(`${CSS.pathname}: the diagrams are not what scripts/draw-diagrams.mjs draws; run it and commit`);
    process.exit(1);
  }
} else {
  writeFileSync(CSS, wanted);
}
