// "Attention first": which findings the editor shows by default. Every error; warnings and infos
// only of minutes that need attention now. Recent is counted back from the repository's newest
// minutes, not from today (an archive may be years old).
import type { MinutesIndex } from './index';
import type { MinutesDiagnostic } from './diagnostics';
import { addDays } from './dates';

export const DEFAULT_RECENT_WEEKS = 6;

/** The first date that counts as recent: `weeks` weeks before the newest dated minutes. */
export function recentSince(index: MinutesIndex, weeks: number = DEFAULT_RECENT_WEEKS): string | undefined {
  const newest = index.minutes().at(-1)?.date;
  return newest ? addDays(newest, -7 * weeks) : undefined;
}

export function isRecent(index: MinutesIndex, path: string, weeks: number = DEFAULT_RECENT_WEEKS): boolean {
  const date = index.get(path)?.name.date;
  const since = recentSince(index, weeks);
  return Boolean(date && since && date >= since);
}

/** The findings shown for a file: all of them when it needs attention, else only its errors. */
export function attentionFindings(findings: readonly MinutesDiagnostic[], needsAttention: boolean): MinutesDiagnostic[] {
  return needsAttention ? [...findings] : findings.filter((f) => f.severity === 'error');
}
