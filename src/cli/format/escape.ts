// File names, link texts and messages come from the repository: any of them can hold a line break,
// an ANSI escape, or `::` that a GitHub runner reads as a workflow command at the start of a line.
// Everything printed as text goes through these.

/** Control characters (C0, DEL, C1), and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Text for one line of terminal or log output: control characters become visible escapes (`\n`,
 * `\x1b`), so a value can neither start a line of its own nor colour or move the cursor.
 */
export function escapeText(value: string): string {
  // `##[` anywhere in a line is the runner's older command form.
  return value.replace(/##\[/g, '##\\[').replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * A repository path at the start of an output line: escaped, and never starting with `::` (a
 * GitHub runner reads such a line from stdout or stderr as a workflow command) or another `:`.
 */
export function escapePath(path: string): string {
  const escaped = escapeText(path);
  // The runner trims a line before it looks for `::`.
  return /^\s*:/.test(escaped) ? `./${escaped}` : escaped;
}

/**
 * JSON text that reads back as the same value, with `##[` written `##\u005b` so that no line of it
 * is a command to a GitHub runner (JSON.stringify already escapes line breaks and control characters).
 */
export function safeJson(json: string): string {
  return json.replace(/##\[/g, '##\\u005b');
}
