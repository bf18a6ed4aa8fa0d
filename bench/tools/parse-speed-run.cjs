// The measuring half of bench/parse-speed.mjs (which bundles the parsers and starts this with
// --expose-gc). Usage: node --expose-gc parse-speed-run.cjs <corpus> <passes> <label> <bundle> [<label> <bundle> …]
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const [corpus, passesText, ...rest] = process.argv.slice(2);
const passes = Math.max(1, Number(passesText) | 0);
const parsers = [];
for (let i = 0; i + 1 < rest.length; i += 2) parsers.push({ label: rest[i], ...require(rest[i + 1]) });

function markdownUnder(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) markdownUnder(p, out);
    else if (e.isFile() && e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

const files = markdownUnder(corpus).sort();
if (!files.length) {
  console.error(`parse-speed: no Markdown files under ${corpus}`);
  process.exit(2);
}
const texts = files.map((f) => readFileSync(f, 'utf8'));
const chars = texts.reduce((n, t) => n + t.length, 0);

// The same model from every parser, file by file (this also warms each one up).
let differing = 0;
for (let i = 0; i < texts.length; i++) {
  const models = parsers.map((p) => JSON.stringify(p.parseMinutes(texts[i])));
  if (models.some((m) => m !== models[0])) {
    differing++;
    if (differing <= 5) console.error(`parse-speed: the models differ on ${files[i].slice(corpus.length + 1)}`);
  }
}

// And, since the tree is built from them, the same micromark events (kind, token type, offsets).
const eventsOf = (p, t) => p.markdownEvents(t).map((e) => `${e[0]} ${e[1].type} ${e[1].start.offset} ${e[1].end.offset}`).join('\n');
let eventsDiffering = 0;
if (parsers.length > 1) {
  for (let i = 0; i < texts.length; i++) {
    const streams = parsers.map((p) => eventsOf(p, texts[i]));
    if (streams.some((s) => s !== streams[0])) {
      eventsDiffering++;
      if (eventsDiffering <= 5) console.error(`parse-speed: the events differ on ${files[i].slice(corpus.length + 1)}`);
    }
  }
}

const measures = [];
for (const p of parsers) {
  measures.push({ label: p.label, what: 'micromark events', run: (t) => p.markdownEvents(t).length, wall: [], cpu: [] });
  measures.push({ label: p.label, what: 'model (parseMinutes)', run: (t) => p.parseMinutes(t).links.length, wall: [], cpu: [] });
}
let sink = 0;
for (let pass = 0; pass < passes; pass++) {
  for (const m of measures) {
    global.gc?.();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const t of texts) sink += m.run(t);
    m.wall.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    m.cpu.push((cpu.user + cpu.system) / 1000);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x).toLocaleString('en')} ms`;
const [os] = [require('node:os')];
console.log(`Parsing ${files.length} files (${(chars / 1e6).toFixed(2)} M characters) in one thread; median of ${passes} passes taken in turn; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}.`);
console.log(parsers.length > 1 ? `Compared file by file: models ${differing ? `differ on ${differing} files` : 'all equal'}, micromark events ${eventsDiffering ? `differ on ${eventsDiffering} files` : 'all equal'}.` : 'One parser only: nothing compared.');
console.log('');
console.log('| parser | measure | wall, median | min–max | CPU, median |');
console.log('|---|---|---|---|---|');
for (const m of measures) console.log(`| ${m.label} | ${m.what} | ${ms(median(m.wall))} | ${ms(Math.min(...m.wall))}–${ms(Math.max(...m.wall))} | ${ms(median(m.cpu))} |`);
if (parsers.length > 1) {
  console.log('');
  for (const what of ['micromark events', 'model (parseMinutes)']) {
    const [a, b] = measures.filter((m) => m.what === what);
    console.log(`${what}: ${a.label} takes ${(median(a.wall) / median(b.wall)).toFixed(2)}× the wall time and ${(median(a.cpu) / median(b.cpu)).toFixed(2)}× the CPU time of ${b.label}.`);
  }
}
if (sink < 0) console.log(sink);
process.exitCode = differing || eventsDiffering ? 1 : 0;
