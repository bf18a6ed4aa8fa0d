// Generators (fast-check) for the fuzz tests: Markdown-ish minutes built from the constructs real
// minutes use, raw random text, byte-level mutations of the sample repository's files, and the
// small repository a generated document is placed in so that every rule (cross-file ones too) runs.
// Not a test file itself: only `*.test.ts` are entry points.
import fc from 'fast-check';
import { FIXTURE, readTree } from './helpers';

export const GH = 'https://github.com/example-org/minutes/blob/main';

/** Runs and seed for every property: FUZZ_RUNS / FUZZ_SEED when set (see scripts/fuzz.mjs), else fixed. */
export function fuzzParameters(defaultRuns: number): { seed: number; numRuns: number } {
  const runs = Number(process.env.FUZZ_RUNS);
  const seed = Number(process.env.FUZZ_SEED);
  return {
    numRuns: Number.isFinite(runs) && runs > 0 ? Math.floor(runs) : defaultRuns,
    seed: Number.isFinite(seed) && process.env.FUZZ_SEED !== '' ? seed | 0 : 20240426,
  };
}

/** The run count for an expensive property: a fraction of the suite's count, at least `min`. */
export function scaledRuns(defaultRuns: number, share: number, min: number): number {
  const runs = Number(process.env.FUZZ_RUNS);
  if (!Number.isFinite(runs) || runs <= 0) return defaultRuns;
  return Math.max(min, Math.floor(runs * share));
}

// ---- pieces of text -------------------------------------------------------

const words = fc.constantFrom(
  'Agenda', 'Participants', 'Action items', 'Discussion', 'Notes', 'IaaS', 'Ops', 'Container', 'Weekly',
  'meeting', 'minutes', 'x', 'Grüße', 'ÄÖÜ', '日本語', '🙂', '👩‍💻', 'a_b', 'foo-bar', 'v1.2', 'TODO:', '*', '_', '~~',
  '\\', '&amp;', '&#x1F600;', '#', '##', '|', '`', '[', ']', '(', ')', '<', '>', '!', ':', '\u00a0', '\u200b', '\t',
);

export const isoDate = fc
  .record({ y: fc.integer({ min: 2019, max: 2027 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

/** Dates as minutes write them, well-formed or not (`2023-01–09`, an en dash). */
export const dateText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('2023-04-26', '2023-04-19', '2023-04-27', '2023-04-20', '2023-05-03') },
  { weight: 2, arbitrary: isoDate },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2023-01–09', '2023-1-9', '2023/04/26', '2023.04.26', '2023 - 04 - 26', '2023-02-30', '2023-13-01', '20230426',
      '26.04.2023', '2023-04-26T10:00', '12023-04-26', '2023-04-266', '2023—04—26', '0000-00-00',
    ),
  },
);

export const handle = fc.constantFrom('@alice', '@bob-b', '@x', '@Carol42', 'user@example.com', '@-bad', '@@a', '@a-', '@' + 'h'.repeat(45));

/** Link destinations of every kind minutes use. */
export const destination = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '../iaas/20230426.md', '20230419.md', '../ops/20230427.md#agenda', '/iaas/20230426.md', '/iaas/20230420.md',
      '../iaas/20230425.md', '20230426.md#participants', '20230426.md#L3', '20230426.md#L2-L999', '#agenda', '#nope',
      '#', '', '../../../../etc/passwd', 'file:///etc/passwd', 'C:\\Users\\me\\x.md', '\\\\server\\share',
      '../images/diagram.png', '../images/Diagram.PNG', 'diagram.png', '../iaas', '../iaas/', 'a(b)c.md', 'a\\)b.md',
      '%2E%2E/x.md', '../iaas/20230426.md?plain=1#L1', 'mailto:', 'mailto:a@example.com', 'https://', 'http://',
      'www.', 'https://example.com/x', '//github.com/example-org/minutes/blob/main/iaas/20230426.md',
    ),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom('https://github.com/example-org/minutes', 'https://github.com/Example-Org/Minutes.git', 'https://github.com/someone/fork', 'https://raw.githubusercontent.com/example-org/minutes'),
        fc.constantFrom('/blob/main', '/tree/main', '/raw/main', '/blob/feature/x', '/blob', '/tree', '/blob/some-branch', '/edit/main', '/blob/0123abc', ''),
        fc.constantFrom('/iaas/20230426.md', '/ops/20230427.md', '/community-call/', '/iaas/20230425.md', '/iaas', '', '/community-call/20230427.md', '/images/diagram.png'),
        fc.constantFrom('', '#participants', '#agenda', '#frag', '#L1', '#L2-L3', '?plain=1#L999', '#user-content-agenda'),
      )
      .map(([repo, mode, path, tail]) => (repo.startsWith('https://raw') ? `${repo}/main${path}${tail}` : `${repo}${mode}${path}${tail}`)),
  },
  { weight: 1, arbitrary: fc.constantFrom('https://pad.example.org/uploads/diagram.png', 'https://pad.example.org/uploads/upload_abc.png', 'https://pad.example.org/uploads/', 'https://pad.example.org/uploads/%ZZ.png') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** One inline construct: text, a link of any form, code, a handle, a date, a remark. */
export const inline: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: words },
  { weight: 1, arbitrary: dateText },
  { weight: 1, arbitrary: handle },
  { weight: 1, arbitrary: fc.constantFrom('(waiting to be merged)', 'waiting to be merged', '(not yet merged)', '( pending merge )') },
  { weight: 1, arbitrary: fc.tuple(words, fc.constantFrom('`', '``')).map(([w, t]) => `${t}${w}${t}`) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom('inline', 'angle', 'title', 'spaced', 'spaced2', 'image', 'auto', 'bare', 'reference', 'html-a', 'html-a-single', 'html-a-bare', 'html-img', 'comment', 'comment-image', 'unclosed', 'linked-image', 'nested'), words, destination)
      .map(([kind, text, dest]) => {
        switch (kind) {
          case 'inline': return `[${text}](${dest})`;
          case 'angle': return `[${text}](<${dest}>)`;
          case 'title': return `[${text}](${dest} "a title")`;
          case 'spaced': return `[${text}] (${dest})`;
          case 'spaced2': return `[${text}]  (${dest})`;
          case 'image': return `![${text}](${dest})`;
          case 'auto': return `<${dest}>`;
          case 'bare': return dest;
          case 'reference': return `[${text}][ref]`;
          case 'html-a': return `<a href="${dest}">${text}</a>`;
          case 'html-a-single': return `<a name="anchor" href='${dest}'>${text}</a>`;
          case 'html-a-bare': return `<a href=${dest}>`;
          case 'html-img': return `<img width="10" src="${dest}" alt="${text}">`;
          case 'comment': return `<!-- [${text}](${dest}) -->`;
          case 'comment-image': return `<!-- ![${text}](${dest}) -->`;
          case 'unclosed': return `<!-- [${text}](${dest})`;
          case 'linked-image': return `[![${text}](${dest})](${dest})`;
          default: return `[a [${text}] b](${dest})`;
        }
      }),
  },
);

export const inlineLine = fc.array(inline, { minLength: 0, maxLength: 6 }).map((parts) => parts.join(' '));

// ---- blocks (each an array of lines) ------------------------------------------

const heading = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.constantFrom(' ', ' ', '', '\u00a0', '\t', '  '), fc.constantFrom('', '   ', ' '), inlineLine, fc.option(dateText, { nil: undefined }), fc.boolean())
  .map(([level, sep, indent, text, date, closing]) => [`${indent}${'#'.repeat(level)}${sep}${date ? `Meeting ${date} ` : ''}${text}${closing ? ' ##' : ''}`]);

const setext = fc.tuple(inlineLine, fc.constantFrom('===', '---', '-', '= =')).map(([t, u]) => [t || 'x', u]);

const titleBlock = fc
  .tuple(fc.constantFrom('# ', '## ', '#', '# IaaS Meeting ', '# Tech Weekly '), dateText, fc.constantFrom('', ' ## Participants', ' - notes', ' (draft)'))
  .map(([prefix, date, rest]) => [`${prefix}${date}${rest}`]);

const listBlock = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '- [ ] ', '- [x] ', '-', '10. '), inlineLine, fc.constantFrom(2, 3, 4)), { minLength: 1, maxLength: 8 })
  .map((items) => items.map(([depth, bullet, text, width]) => `${' '.repeat(depth * width)}${bullet}${text}`));

/** Nesting deeper than any minutes have: every level on its own line, or all on one. */
const deepList = fc.tuple(fc.integer({ min: 1, max: 60 }), fc.boolean(), fc.constantFrom('- ', '> ', '1. ', '* > ')).map(([depth, oneLine, marker]) =>
  oneLine ? [`${marker.repeat(depth)}deep [x](#agenda)`] : Array.from({ length: depth }, (_, i) => `${' '.repeat(i * 2)}${marker}level ${i}`),
);

const tableBlock = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(inline, { maxLength: 4 }), { maxLength: 4 }), fc.constantFrom('ok', 'short', 'long', 'none', 'noPipes', 'misaligned'))
  .map(([cols, rows, shape]) => {
    const row = (cells: string[]) => `| ${Array.from({ length: cols }, (_, i) => (cells[i] ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
    const delimiter = shape === 'short' ? '|---|' : shape === 'long' ? `|${'---|'.repeat(cols + 2)}` : shape === 'misaligned' ? `|:-${'|-:'.repeat(cols)}` : `|${':---:|'.repeat(cols)}`;
    const lines = [row(['Team', 'Link', 'Notes'])];
    if (shape !== 'none') lines.push(shape === 'noPipes' ? Array.from({ length: cols }, () => '---').join(' | ') : delimiter);
    for (const cells of rows) lines.push(shape === 'noPipes' ? cells.join(' | ') : row(cells));
    return lines;
  });

const codeBlock = fc
  .tuple(fc.constantFrom('```', '~~~', '````', '```js', '    '), fc.array(inlineLine, { maxLength: 3 }), fc.boolean())
  .map(([fence, lines, closed]) => (fence === '    ' ? lines.map((l) => `    ${l || 'code'}`) : [fence, ...lines, ...(closed ? [fence.replace(/[a-z]+$/, '')] : [])]));

const htmlBlock = fc
  .tuple(fc.constantFrom('<div>', '<details><summary>more</summary>', '<!--', '<p align="center">', '<table><tr><td>'), fc.array(inline, { maxLength: 3 }), fc.constantFrom('</div>', '</details>', '-->', '</p>', '', '</td></tr></table>'))
  .map(([open, inner, close]) => [open, ...inner, ...(close ? [close] : [])]);

const frontMatterBlock = fc
  .tuple(fc.constantFrom('title', 'date', 'tags', 'x-y', '_k'), inlineLine, fc.boolean())
  .map(([key, value, closed]) => ['---', `${key}: ${value}`, 'author: @alice', ...(closed ? ['---'] : [])]);

const quoteBlock = fc.array(inlineLine, { minLength: 1, maxLength: 3 }).map((lines) => lines.map((l, i) => (i === 1 ? `> [t](\n> ${l})` : `> ${l}`)));

const definitionBlock = fc.tuple(destination, fc.constantFrom('ref', 'REF', 'other', 'a b')).map(([dest, label]) => [`[${label}]: ${dest}`, `[${label}]:`, `  <${dest}> "title"`]);

const weeklyLine = fc
  .tuple(fc.constantFrom('iaas/20230426.md', 'ops/20230427.md', 'iaas/20230419.md', 'container/20230424.md', 'ops/20230420.md', 'iam/20230425.md'), fc.constantFrom('', ' (waiting to be merged)', '(waiting to be merged)', ' waiting to be merged'))
  .map(([path, remark]) => [`## ${path.split('/')[0]}`, '', `Minutes: <${GH}/${path}>${remark}`]);

export const block: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 3, arbitrary: heading },
  { weight: 1, arbitrary: setext },
  { weight: 1, arbitrary: titleBlock },
  { weight: 4, arbitrary: inlineLine.map((l) => [l]) },
  { weight: 3, arbitrary: listBlock },
  { weight: 1, arbitrary: deepList },
  { weight: 2, arbitrary: tableBlock },
  { weight: 1, arbitrary: codeBlock },
  { weight: 1, arbitrary: htmlBlock },
  { weight: 1, arbitrary: frontMatterBlock },
  { weight: 1, arbitrary: quoteBlock },
  { weight: 1, arbitrary: definitionBlock },
  { weight: 2, arbitrary: weeklyLine },
  { weight: 1, arbitrary: fc.constantFrom<string[]>(['---'], ['***'], [''], ['', ''], ['\u00a0'], ['  '], ['<!-- comment -->']) },
);

export const EOLS = ['\n', '\r\n', '\r'] as const;

/** Lines joined with one line ending, or a mix (each break picked in turn from a list). */
export function joinLines(lines: readonly string[], eols: readonly string[], finalEol: boolean): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    out += lines[i];
    if (i < lines.length - 1 || finalEol) out += eols[i % eols.length];
  }
  return out;
}

const eolChoice = fc.oneof(
  { weight: 4, arbitrary: fc.constant(['\n']) },
  { weight: 2, arbitrary: fc.constant(['\r\n']) },
  { weight: 1, arbitrary: fc.constant(['\r']) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...EOLS), { minLength: 2, maxLength: 5 }) },
);

/** A Markdown-ish minutes document: a title, then blocks separated by blank lines (mostly). */
export const markdownDoc: fc.Arbitrary<string> = fc
  .tuple(
    fc.option(titleBlock, { nil: undefined }),
    fc.array(block, { maxLength: 14 }),
    eolChoice,
    fc.boolean(),
    fc.boolean(),
    fc.oneof({ weight: 9, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('\ufeff') }),
  )
  .map(([title, blocks, eols, blankBetween, finalEol, bom]) => {
    const lines: string[] = [...(title ?? [])];
    for (const b of blocks) {
      if (blankBetween && lines.length) lines.push('');
      lines.push(...b);
    }
    return bom + joinLines(lines, eols, finalEol);
  });

/** Raw text: any code point, lone surrogates, NUL and every kind of line break, with Markdown's special characters. */
export const rawText: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 6, arbitrary: fc.constantFrom('\n', '\r', '\r\n', '\n\r', '\0', '\u00a0', '\ufeff', '\u2028', '\u2029', '\t', ' ', '#', '##', '[', ']', '(', ')', '<', '>', '!', '`', '-', '|', '*', '_', '>', ':', '@', '/', '.', '\\', '&', '"', "'", '=') },
    { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
    { weight: 2, arbitrary: fc.constantFrom('](', '<!--', '-->', '```', '---', '<a href="', '<img src=', 'https://', 'www.', '[x]: ', '2023-04-26', '2023-01–09') },
  ),
  maxLength: 300,
});

// ---- the sample repository, as bytes to mutate --------------------------------

let fixtureCache: Array<[string, Uint8Array]> | undefined;

/** The sample repository's Markdown files, as (path, bytes). */
export function fixtureMarkdown(): Array<[string, Uint8Array]> {
  fixtureCache ??= Object.entries(readTree(FIXTURE))
    .filter(([p]) => p.endsWith('.md'))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return fixtureCache;
}

export type ByteMutation =
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'truncate'; at: number };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x0a, 0x0d, 0x23, 0x5b, 0x5d, 0x28, 0x29, 0x3c, 0x3e, 0x20, 0xc2, 0xa0, 0xe2, 0xef, 0xbb, 0xbf, 0xff, 0x80)) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }), to: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function applyMutations(bytes: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
  let b = Array.from(bytes);
  for (const m of mutations) {
    const at = b.length ? m.at % (b.length + 1) : 0;
    switch (m.kind) {
      case 'set':
        if (at < b.length) b[at] = m.value;
        break;
      case 'insert':
        b.splice(at, 0, ...m.bytes);
        break;
      case 'delete':
        b.splice(at, m.length);
        break;
      case 'duplicate': {
        const piece = b.slice(at, at + m.length);
        b.splice(b.length ? m.to % (b.length + 1) : 0, 0, ...piece);
        break;
      }
      case 'truncate':
        b = b.slice(0, at);
        break;
    }
  }
  return Uint8Array.from(b);
}

/** A sample-repository file with a few byte-level mutations: its path and its new bytes. */
export const mutatedFixture: fc.Arbitrary<{ path: string; bytes: Uint8Array }> = fc
  .tuple(fc.nat(), fc.array(byteMutation, { minLength: 1, maxLength: 6 }))
  .map(([i, mutations]) => {
    const files = fixtureMarkdown();
    const [path, bytes] = files[i % files.length];
    return { path, bytes: applyMutations(bytes, mutations) };
  });

// ---- the small repository a document is placed in --------------------------------

const TOPICS = ['alpha rollout', 'beta cluster', 'gamma storage', 'delta network', 'epsilon quotas', 'zeta backups', 'eta monitoring', 'theta upgrades', 'iota billing', 'kappa docs', 'lambda tests', 'mu release'];

/** The sections of a team's minutes, in the usual order. */
function sections(topic: string): Array<[string, string]> {
  return [
    ['## Participants', '- @alice\n- @bob-b'],
    ['## Agenda', `- item [x](#action-items)\n- ${topic}: the status of the work was reported and discussed at length by everyone present`],
    ['## Action items', '- none ![d](https://pad.example.org/uploads/diagram.png)'],
  ];
}

function teamMinutes(team: string, date: string, extra = ''): string {
  const topic = TOPICS[(Number(date.replace(/-/g, '')) * 7) % TOPICS.length];
  return `# ${team} Meeting ${date}\n\n${sections(topic).map(([h, b]) => `${h}\n\n${b}\n`).join('\n')}${extra}`;
}

/**
 * Minutes made like a team's real ones: the usual sections (some dropped or out of order), the
 * title dated this meeting, the previous one (a copied pad) or malformed, and at times a copy of
 * a previous meeting's whole text (duplicate-minutes).
 */
export const teamLikeDoc: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('2023-04-26', '2023-04-19', '2023-01–09', '2023-4-26', ''),
    fc.subarray([0, 1, 2]),
    fc.boolean(),
    fc.array(block, { maxLength: 3 }),
    fc.constantFrom('alpha rollout', 'beta cluster', TOPICS[(20230419 * 7) % TOPICS.length]),
    fc.boolean(),
  )
  .map(([date, order, reversed, extra, topic, copy]) => {
    if (copy) return teamMinutes('IaaS', '2023-04-19') + (extra.length ? '\n' + extra.map((b) => b.join('\n')).join('\n\n') + '\n' : '');
    const all = sections(topic);
    const chosen = (reversed ? [...order].reverse() : order).map((i) => all[i]);
    return `# IaaS Meeting ${date}\n\n${chosen.map(([h, b]) => `${h}\n\n${b}\n`).join('\n')}${extra.map((b) => '\n' + b.join('\n') + '\n').join('')}`;
  });

/** Documents for the properties: mostly generated Markdown, at times minutes made like the team's own. */
export const anyDoc: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: markdownDoc }, { weight: 1, arbitrary: teamLikeDoc });

function weekly(date: string, links: string[]): string {
  return `# Tech Weekly ${date}\n\n${links.map((l) => `## ${l.split('/')[0]}\n\nMinutes: <${GH}/${l}>\n`).join('\n')}`;
}

/**
 * A small minutes repository: a team with enough history for conventions (iaas, Wednesdays),
 * other teams, a weekly folder that links them by GitHub URL, a committed image and pad images
 * used often enough that the pad counts as one. A generated document goes in at one of `SLOTS`.
 */
export function baseRepository(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const d of ['2023-03-22', '2023-03-29', '2023-04-05', '2023-04-12', '2023-04-19', '2023-05-03', '2023-05-10']) files[`iaas/${d.replace(/-/g, '')}.md`] = teamMinutes('IaaS', d);
  for (const d of ['2023-04-13', '2023-04-20', '2023-04-27']) files[`ops/${d.replace(/-/g, '')}.md`] = teamMinutes('Ops', d);
  files['container/20230424.md'] = teamMinutes('Container', '2023-04-24');
  files['iam/20230425.md'] = teamMinutes('IAM', '2023-04-25');
  files['community-call/20230413.md'] = weekly('2023-04-13', ['iaas/20230412.md', 'ops/20230413.md']);
  files['community-call/20230420.md'] = weekly('2023-04-20', ['iaas/20230419.md', 'ops/20230420.md']);
  files['community-call/20230427.md'] = weekly('2023-04-27', ['iaas/20230426.md', 'ops/20230427.md', 'container/20230424.md']);
  files['README.md'] = `# Minutes\n\n[IaaS](iaas/20230426.md) [weekly](${GH}/community-call/20230427.md)\n`;
  files['images/diagram.png'] = 'not really a png';
  return files;
}

/** Where a generated document is put: a team's minutes, the weekly, an undated note, a dashed name. */
export const SLOTS = ['iaas/20230426.md', 'community-call/20230427.md', 'notes/plan.md', 'iaas/2023-04-26.md', 'README.md'] as const;
export const slot = fc.constantFrom(...SLOTS);
