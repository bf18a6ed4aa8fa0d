// broken-link: a link whose target file, folder, heading or line does not exist in the repository.
// Same-repository GitHub URLs are checked like relative links; links marked as waiting to be
// merged are information, since their target is still in a pull request.
import type { Rule, RuleContext } from './rule';
import { isPlaceholder } from '../links';
import type { MinutesLink } from '../model';
import type { MinutesIndex } from '../index';
import { isMarkdownPath, parseFileName } from '../paths';
import { daysBetween } from '../dates';
import { rewriteDestination, fragmentOf } from '../linkEdit';
import type { MinutesFix } from '../diagnostics';
import type { Range } from '../text';

export const brokenLink: Rule = {
  id: 'broken-link',
  description: 'Links to a file, heading or line that does not exist in the repository.',
  defaultSeverity: 'error',
  lesserSeverities: ['warning', 'info'],
  finds: 'links to a file, folder, heading or line that does not exist, GitHub URLs of the repository included',
  quickFixes: 'link the nearest existing minutes or the closest heading',
  options: ['repository'],
  check(context) {
    for (const link of context.file.doc.links) {
      if (!link.commented) checkLink(context, link);
    }
  },
};

function checkLink(context: RuleContext, link: MinutesLink): void {
  const { index, file } = context;
  // `[pad](XXX)`, `[notes]($PAD_URL)`: an address still to be written (empty-link reports it outside templates).
  if (isPlaceholder(link.raw)) return;
  const target = index.resolve(file.path, link);
  const shown = link.raw.length > 80 ? link.raw.slice(0, 77) + '…' : link.raw;
  switch (target.kind) {
    case 'empty':
    case 'external':
      return;
    case 'local-file':
      context.report({ range: link.range, severity: 'warning', message: `\`${shown}\` points to a file on the author's computer; link a path in the repository instead.`, data: { reason: 'local-file' } });
      return;
    case 'outside':
      context.report({ range: link.range, severity: 'error', message: `\`${shown}\` leads out of the repository; it is not checked or followed.`, data: { reason: 'outside' } });
      return;
    case 'internal':
      break;
  }
  const path = target.path;
  // `blob/iaas/20230426.md`: a folder where the branch belongs; link-form reports that.
  if (target.via === 'github' && target.branch && !index.hasFile(path) && (index.hasFile(`${target.branch}/${path}`) || (path === '' && index.hasFolder(target.branch)))) return;
  const isFile = index.hasFile(path);
  if (!isFile && !index.hasFolder(path)) {
    if (link.waiting) {
      context.report({ range: link.range, severity: 'info', message: `\`${path}\` is not in the repository yet (waiting to be merged).`, data: { reason: 'waiting', target: path } });
      return;
    }
    const variant = index.caseVariant(path);
    // `iaas/20230426` for `iaas/20230426.md`: GitHub does not add the extension.
    const withMd = !variant && !/\.md$/i.test(path) && index.hasFile(`${path}.md`) ? `${path}.md` : undefined;
    // A file of the same name elsewhere, the only one: the file moved (`2018/x.md` now in `2018/Q4/x.md`).
    // Not across teams for dated minutes: `ops/20230223.md` and the weekly's `community-call/20230223.md`
    // share a name, not an identity.
    const movedTo = !variant && !withMd ? index.movedTo(path) : undefined;
    const dated = parseFileName(path);
    const moved = movedTo && movedTo !== file.path && (!dated.date || parseFileName(movedTo).team === dated.team) ? movedTo : undefined;
    const suggestion = variant ?? withMd ?? moved ?? nearestMinutes(index, path, file.path);
    // `[Julia](julialang.org)`: a web address without its `https://`; `((https://…))` or a link
    // written inside a link's destination: an address inside brackets.
    const miswritten = !variant && !withMd ? miswrittenAddress(link.raw) : undefined;
    if (miswritten) {
      const message = miswritten.kind === 'no-scheme'
        ? `\`${shown}\` is no file in the repository: a web address needs \`https://\`. Did you mean \`${miswritten.url}\`?`
        : `\`${shown}\` is read as a path in the repository: the address \`${miswritten.url}\` is inside brackets or parentheses (a link written inside a link?).`;
      const title = miswritten.kind === 'no-scheme' ? `Write \`${miswritten.url}\`` : `Link \`${miswritten.url}\` alone`;
      context.report({ range: link.range, severity: 'error', message, data: { reason: miswritten.kind, target: path, suggestion: miswritten.url }, fixes: link.range.start.line === link.range.end.line ? [{ title, edits: [{ range: link.range, newText: miswritten.url }], preferred: true }] : [] });
      return;
    }
    let message = `\`${path}\` does not exist.`;
    // `[name]: text` at the start of a line is no text to GitHub but a link reference definition.
    if (link.kind === 'definition' && !variant && !/[/.]/.test(link.raw)) {
      context.report({
        range: link.fullRange,
        severity: 'warning',
        message: `\`[${link.text}]: ${link.raw}\` at the start of a line is a link reference definition: GitHub hides the line, and \`[${link.text}]\` elsewhere becomes a link to \`${link.raw}\`. Write \`\\[${link.text}]:\` if it is meant as text.`,
        data: { reason: 'definition-as-text', target: path },
      });
      return;
    }
    if (variant) message = `\`${path}\` does not exist; the repository has \`${variant}\` (letter case differs).`;
    else if (withMd) message = `\`${path}\` does not exist; the repository has \`${withMd}\` (the link lacks \`.md\`).`;
    else if (moved) message = `\`${path}\` does not exist; the repository has \`${moved}\` (moved?).`;
    else if (suggestion) message = `\`${path}\` does not exist; did you mean \`${suggestion}\` (${dayDistance(path, suggestion)})?`;
    const fixes: MinutesFix[] = suggestion
      ? [{ title: withMd ? `Add \`.md\`: link \`${withMd}\`` : `Link \`${suggestion}\` instead`, edits: [{ range: link.range, newText: rewriteDestination(link, file.path, suggestion, fragmentOf(link.url)) }], preferred: true, ...(withMd ? { safe: true } : {}) }]
      : [];
    context.report({ range: link.range, severity: 'error', message, data: { reason: 'missing-file', target: path, suggestion }, fixes });
    return;
  }
  if (!isFile) return; // a folder: GitHub shows its listing
  const targetFile = index.get(path);
  if (target.line) {
    if (targetFile && target.line.end > targetFile.doc.lineCount) {
      const anchor = target.line.start === target.line.end ? `line ${target.line.start} does` : `lines ${target.line.start}–${target.line.end} do`;
      context.report({ range: link.range, severity: 'warning', message: `\`${path}\` has ${targetFile.doc.lineCount} lines; ${anchor} not exist.`, data: { reason: 'missing-line', target: path } });
    }
    return;
  }
  if (target.fragment === undefined || !isMarkdownPath(path) || !targetFile) return;
  const fragment = target.fragment.replace(/^user-content-/i, '').toLowerCase();
  if (fragment === '' || fragment === 'top') return;
  const doc = targetFile.doc;
  if (doc.headings.some((h) => h.slug.toLowerCase() === fragment) || doc.htmlAnchors.includes(fragment)) return;
  const where = path === file.path ? 'this file' : `\`${path}\``;
  const closest = closestSlug(fragment, doc.headings.map((h) => h.slug));
  context.report({
    range: link.range,
    severity: 'warning',
    message: `${where} has no heading \`#${target.fragment}\`${closest ? `; did you mean \`#${closest}\`?` : '.'}`,
    data: { reason: 'missing-fragment', target: path, fragment: target.fragment, suggestion: closest },
    fixes: closest ? [{ title: `Link the heading \`#${closest}\` instead`, edits: [{ range: fragmentRange(link), newText: closest }], preferred: true }] : [],
  });
}

/** Where the fragment (after `#`) of a link's destination lies. */
function fragmentRange(link: MinutesLink): Range {
  const at = link.raw.lastIndexOf('#') + 1;
  const start = { line: link.range.start.line, character: link.range.start.character + at };
  return link.range.start.line === link.range.end.line ? { start, end: link.range.end } : link.range;
}

/** The same team's minutes closest in date to a missing dated file, within a week. */
function nearestMinutes(index: MinutesIndex, path: string, linkingFile: string): string | undefined {
  const name = parseFileName(path);
  if (!name.team || !name.date) return undefined;
  let best: string | undefined;
  let bestDistance = 8;
  for (const m of index.minutesOfTeam(name.team)) {
    if (m.file === linkingFile) continue;
    const d = Math.abs(daysBetween(name.date, m.date));
    if (d < bestDistance) {
      best = m.file;
      bestDistance = d;
    }
  }
  return best;
}

function dayDistance(missing: string, existing: string): string {
  const a = parseFileName(missing).date;
  const b = parseFileName(existing).date;
  if (!a || !b) return 'similar name';
  const d = daysBetween(a, b);
  if (d === 0) return 'same day';
  const n = Math.abs(d);
  return `${n === 1 ? 'one day' : `${n} days`} ${d > 0 ? 'later' : 'earlier'}`;
}

function closestSlug(fragment: string, slugs: string[]): string | undefined {
  // Only a suggestion that shares most of its letters is a useful one.
  const near = slugs
    .map((slug) => ({ slug, score: editDistance(fragment, slug) }))
    .filter(({ slug, score }) => score <= Math.max(2, Math.floor(slug.length / 3)));
  // `#session-6-1` is more likely `#session-6` than `#session-1-1`: the section number comes first.
  const number = /\d+/.exec(fragment)?.[0];
  const sameNumber = number === undefined ? [] : near.filter(({ slug }) => /\d+/.exec(slug)?.[0] === number);
  const pool = sameNumber.length ? sameNumber : near;
  let best: { slug: string; score: number } | undefined;
  for (const c of pool) if (!best || c.score < best.score) best = c;
  return best?.slug;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 20) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** Common top-level domains: a name ending so is a host name, not a file (`.md`, `.png`, `.sh` and `.py` are not among them). */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|org|net|io|dev|edu|gov|info|eu|de|at|ch|fr|nl|be|se|no|fi|dk|pl|cz|it|es|pt|uk|us|ca|au|jp|cn|in|br|ru|app|cloud|tech|ai|co|social|community|foundation|zone|xyz|page|site|online|me|tv|gg)$/i;

/**
 * An address written so that it reads as a path: a host name without `https://` (`julialang.org`,
 * `github.com/org/repo/pull/5`, `www.example.org`), or a URL inside brackets or parentheses
 * (`(https://…)`, `[https://…](https://…)`).
 */
export function miswrittenAddress(raw: string): { kind: 'no-scheme' | 'bracketed'; url: string } | undefined {
  const bracketed = /^[[(<]+\s*(https?:\/\/[^\s()[\]<>]+)/i.exec(raw);
  if (bracketed) return { kind: 'bracketed', url: bracketed[1] };
  if (/^[./#]|:\/\//.test(raw)) return undefined;
  const host = raw.split(/[/?#]/, 1)[0];
  if (!HOST.test(host)) return undefined;
  return { kind: 'no-scheme', url: `https://${raw}` };
}
