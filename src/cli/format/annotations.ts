// `--format github` (workflow commands that annotate a pull request) and `--format sarif`
// (SARIF 2.1.0, for code scanning).
import type { MinutesDiagnostic } from '../../core/diagnostics';
import { allRules } from '../../core/rules/index';
import { safeJson } from './escape';

const GITHUB_LEVEL = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;
const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

// The runner's own escapes, and every other control character (an ANSI escape, U+2028…) as a
// visible `\xNN`: a finding is one line, whatever a file name holds.
const escapeData = (s: string) =>
  s
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`));
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(diagnostics: MinutesDiagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props = [
        `file=${escapeProperty(d.path)}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${escapeProperty(`minutes ${d.rule}`)}`,
      ].join(',');
      return `::${GITHUB_LEVEL[d.severity]} ${props}::${escapeData(d.message)}\n`;
    })
    .join('');
}

export function formatSarif(diagnostics: MinutesDiagnostic[], version: string): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'minutes',
            version,
            rules: allRules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: './' } },
        results: diagnostics.map((d) => ({
          ruleId: d.rule,
          ruleIndex: allRules.findIndex((r) => r.id === d.rule),
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.path.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' },
                region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
              },
            },
          ],
        })),
      },
    ],
  };
  return safeJson(JSON.stringify(log, null, 2)) + '\n';
}
