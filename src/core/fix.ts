// Applying fixes to text: only the ranges a fix names change, in the file's own line endings.
import type { MinutesDiagnostic, MinutesFix, TextEdit } from './diagnostics';
import { LineIndex } from './text';

/** The line ending a text mostly uses (`\r\n` when most of its line breaks are CR LF). */
export function dominantEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Applies non-overlapping edits (positions in UTF-16 code units, as ranges are) to a text
 * without its BOM. Line breaks in new text follow the text's own. Overlapping edits throw.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const eol = dominantEol(text);
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText.replace(/\r?\n/g, eol) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new Error('overlapping edits');
  }
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** The fix `--fix` and "Fix all" take for a finding: its first safe fix that edits text. */
export function safeFix(d: MinutesDiagnostic): MinutesFix | undefined {
  return d.fixes?.find((f) => f.safe && f.edits?.length && !f.renameTo && !f.download);
}

/** The safe fixes of a file's findings that do not overlap one another (the first one wins). */
export function safeEdits(diagnostics: readonly MinutesDiagnostic[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const key = (p: { line: number; character: number }) => p.line * 1e6 + p.character;
  for (const d of diagnostics) {
    const fix = safeFix(d);
    if (!fix?.edits) continue;
    const overlaps = fix.edits.some((e) => chosen.some((c) => key(e.range.start) < key(c.range.end) && key(c.range.start) < key(e.range.end)) || chosen.some((c) => key(c.range.start) === key(e.range.start) && key(c.range.end) === key(e.range.end)));
    if (!overlaps) chosen.push(...fix.edits);
  }
  return chosen;
}
