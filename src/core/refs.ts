// Cross-references: where a file's links lead, who links to it (GitHub URLs included), and the
// preview of a linked minutes file.
import type { MinutesIndex, IndexedFile } from './index';
import type { MinutesLink, MinutesHeading } from './model';
import type { LinkTarget } from './links';
import { sectionOf } from './sections';
import { canonicalSection } from './conventions';
import { teamDisplayNames, guessTeamName } from './teams';
import { teamSlug } from './paths';

export interface OutgoingLink {
  link: MinutesLink;
  target: LinkTarget;
  /** For an internal target: does the file or folder exist? */
  exists?: boolean;
  /** The heading a fragment names, when it resolves. */
  heading?: MinutesHeading;
}

export interface IncomingLink {
  from: string;
  link: MinutesLink;
  /** The section of the linking file the link stands in (`Team IaaS`). */
  section?: string;
  fragment?: string;
}

export function outgoingLinks(index: MinutesIndex, path: string): OutgoingLink[] {
  const file = index.get(path);
  if (!file) return [];
  return file.doc.links.filter((l) => !l.commented).map((link) => {
    const target = index.resolve(path, link);
    if (target.kind !== 'internal') return { link, target };
    const exists = index.hasFile(target.path) || index.hasFolder(target.path);
    return { link, target, exists, heading: headingFor(index.get(target.path), target.fragment) };
  });
}

/** The heading a fragment names in a file (GitHub slugs, case-insensitive). */
export function headingFor(file: IndexedFile | undefined, fragment: string | undefined): MinutesHeading | undefined {
  if (!file || !fragment) return undefined;
  const f = fragment.replace(/^user-content-/i, '').toLowerCase();
  return file.doc.headings.find((h) => h.slug.toLowerCase() === f);
}

/** Links to `path` from anywhere in the repository; with `slug`, only those to that heading. */
export function incomingLinks(index: MinutesIndex, path: string, slug?: string): IncomingLink[] {
  const out: IncomingLink[] = [];
  for (const { from, link } of index.backlinks(path)) {
    const target = index.resolve(from, link);
    if (target.kind !== 'internal') continue;
    const fragment = target.fragment?.replace(/^user-content-/i, '').toLowerCase();
    if (slug !== undefined && fragment !== slug.toLowerCase()) continue;
    const file = index.get(from);
    out.push({ from, link, fragment: target.fragment, section: file ? sectionOf(file.doc, link.range.start.line)?.text : undefined });
  }
  return out;
}

/** "SCS Tech Weekly 2023-04-27 · Team IaaS": a backlink as a person names it. */
export function describeIncoming(index: MinutesIndex, incoming: IncomingLink): string {
  const file = index.get(incoming.from);
  const title = file?.doc.title?.heading.text || incoming.from;
  return incoming.section && incoming.section !== title ? `${title} · ${incoming.section}` : title;
}

export interface MinutesPreview {
  path: string;
  title?: string;
  date?: string;
  week?: string;
  team?: string;
  teamName?: string;
  participants?: number;
  sections: Array<{ heading: string; level: number; snippet: string }>;
  openActions: Array<{ owner?: string; text: string }>;
}

/** What a hover shows of a minutes file. */
export function previewOf(index: MinutesIndex, path: string, names?: Map<string, string>): MinutesPreview | undefined {
  const file = index.get(path);
  if (!file) return undefined;
  const team = file.name.team;
  const participants = file.doc.headings.find((h) => canonicalSection(h.name, index.config.sections?.aliases) === 'participants');
  const handles = Object.keys(file.doc.handles).length;
  return {
    path,
    title: file.doc.title?.heading.text,
    date: file.name.date,
    week: file.name.week,
    team,
    teamName: team ? (names ?? teamDisplayNames(index)).get(team) ?? guessTeamName(teamSlug(team)) : undefined,
    participants: participants ? participants.items || undefined : handles || undefined,
    sections: file.doc.headings.filter((h) => h !== file.doc.title?.heading && h.level <= 3).map((h) => ({ heading: h.text, level: h.level, snippet: h.snippet })),
    openActions: file.doc.actions.filter((a) => !a.done).map((a) => ({ owner: a.owner, text: a.text })),
  };
}

/** The preview as Markdown (for hovers; plain enough for a terminal too). */
export function previewMarkdown(p: MinutesPreview): string {
  const esc = (s: string) => s.replace(/([\\`*_{}[\]<>|])/g, '\\$1');
  const lines: string[] = [`**${esc(p.title ?? p.path)}**`, ''];
  const facts = [p.teamName, p.date && `${p.date}${p.week ? ` (${p.week})` : ''}`, p.participants !== undefined ? `${p.participants} participants` : undefined].filter(Boolean);
  if (facts.length) lines.push(facts.join(' · '), '');
  for (const s of p.sections.slice(0, 8)) lines.push(`${'&nbsp;'.repeat((s.level - 2) * 2)}**${esc(s.heading)}**${s.snippet ? ` — ${esc(s.snippet.slice(0, 100))}${s.snippet.length > 100 ? '…' : ''}` : ''}  `);
  if (p.sections.length > 8) lines.push(`… and ${p.sections.length - 8} more sections`);
  if (p.openActions.length) {
    lines.push('', `**Open action items (${p.openActions.length})**`);
    for (const a of p.openActions.slice(0, 6)) lines.push(`- ${a.owner ? `@${a.owner}: ` : ''}${esc(a.text.slice(0, 90))}`);
  }
  lines.push('', `\`${p.path}\``);
  return lines.join('\n');
}
