// The text of a team's next minutes: its template, or the section skeleton of its latest minutes.
import type { MinutesIndex } from './index';
import type { IsoDate } from './dates';

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
const PLACEHOLDER = /\{\{\s*date\s*\}\}|YYYY-MM-DD/g;

/** Fills a `template.md`: `{{date}}` and `YYYY-MM-DD` become the date; else the title's date does. */
export function fillTemplate(template: string, date: IsoDate): string {
  if (template.search(PLACEHOLDER) >= 0) return template.replace(PLACEHOLDER, date);
  const lines = template.split(/\r?\n/);
  const title = lines.findIndex((l) => /^#{1,2}\s/.test(l));
  if (title >= 0) {
    lines[title] = ISO_DATE.test(lines[title]) ? lines[title].replace(ISO_DATE, date) : `${lines[title].trimEnd()} ${date}`;
  }
  return lines.join('\n');
}

/** Headings of the latest minutes, content dropped, the title's date replaced. */
export function skeletonFromLatest(index: MinutesIndex, team: string, date: IsoDate): string | undefined {
  const latest = index.minutesOfTeam(team).at(-1);
  const file = latest && index.get(latest.file);
  if (!file || file.doc.headings.length === 0) return undefined;
  const out: string[] = [];
  file.doc.headings.forEach((h, i) => {
    let text = h.text;
    if (i === 0 && file.doc.title?.heading === h) text = ISO_DATE.test(text) ? text.replace(ISO_DATE, date) : `${text} ${date}`;
    if (out.length) out.push('');
    out.push(`${'#'.repeat(h.level)} ${text}`);
  });
  return out.join('\n') + '\n';
}

/** A bare skeleton for a team with no minutes to learn from. */
export function defaultSkeleton(teamName: string, date: IsoDate): string {
  return `# ${teamName} ${date}\n\n## Participants\n\n## Agenda\n\n## Notes\n\n## Decisions\n\n## Action items\n`;
}

/**
 * Carries a team's open action items into new minutes: under its action-items heading, when the
 * text has one, written the way the repository writes them (`- _AI @owner: text_`).
 */
export function carryOverActions(content: string, open: ReadonlyArray<{ owner?: string; text: string; date?: string }>): string {
  if (open.length === 0) return content;
  const lines = content.split('\n');
  const at = lines.findIndex((l) => /^#{1,6}\s.*\b(?:action items?|ais|action points|to ?dos?)\b/i.test(l));
  if (at < 0) return content;
  const items = open.map((a) => `- _AI ${a.owner ? `@${a.owner}` : '(owner?)'}: ${a.text.replace(/_/g, '\\_')}_${a.date ? ` (since ${a.date})` : ''}`);
  lines.splice(at + 1, 0, '', ...items);
  return lines.join('\n');
}

/** How many of a team's latest minutes the shared structure is learned from. */
const RECENT = 6;

/**
 * The structure the team's recent minutes share: the sections found in more than half of the
 * latest ones (one-off topics such as "Grafana dashboard update" are left out), in the order of
 * the latest minutes, each with a line to write in; the title as the latest one has it, dated.
 */
export function skeletonFromRecent(index: MinutesIndex, team: string, date: IsoDate): string | undefined {
  const recent = index
    .minutesOfTeam(team)
    .slice(-RECENT)
    .map((m) => index.get(m.file)?.doc)
    .filter((d): d is NonNullable<typeof d> => Boolean(d && d.headings.length));
  const latest = recent.at(-1);
  if (!latest) return undefined;
  const sectionsOf = (doc: (typeof recent)[number]) => doc.headings.filter((h) => h !== doc.title?.heading);
  const counts = new Map<string, number>();
  for (const doc of recent) for (const name of new Set(sectionsOf(doc).map((h) => h.name))) counts.set(name, (counts.get(name) ?? 0) + 1);
  const shared = (name: string) => (counts.get(name) ?? 0) * 2 > recent.length;
  const out: string[] = [];
  const title = latest.title?.heading;
  if (title) out.push(`${'#'.repeat(title.level)} ${ISO_DATE.test(title.text) ? title.text.replace(ISO_DATE, date) : `${title.text} ${date}`}`);
  // The latest minutes' order and wording; a shared section it lacks comes from an earlier one.
  const seen = new Set<string>();
  for (const doc of [...recent].reverse()) {
    for (const h of sectionsOf(doc)) {
      if (!shared(h.name) || seen.has(h.name)) continue;
      seen.add(h.name);
      out.push('', `${'#'.repeat(h.level)} ${h.text}`, '', placeholder(h.name));
    }
  }
  return out.join('\n') + '\n';
}

/** A line to write in, by section: participants, agenda items, action items, or notes. */
function placeholder(name: string): string {
  if (/\b(?:participants?|attendees?|present|teilnehm)/.test(name)) return '- @';
  if (/\bagenda\b|\btopics?\b/.test(name)) return '1. ';
  if (/\baction items?\b|\bais\b|\bto ?dos?\b/.test(name)) return '- _AI @: _';
  return '- ';
}
