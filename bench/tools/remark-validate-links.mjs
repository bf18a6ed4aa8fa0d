// What a user of remark runs to check links: the equivalent of
//   remark . --quiet --use remark-gfm --use remark-validate-links=repository:"…",root:"…"
// (remark-cli is this same unified-engine call; it is not installed, so we call the engine directly).
// The engine's own reporter (vfile-reporter) prints the warnings to stderr, as the CLI does.
// Usage: node remark-validate-links.mjs <folder> [--repository URL]
// Prints one JSON line on stdout: { files, messages, byRule, findings: [{ file, line, rule }] }.
import { engine } from 'unified-engine';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import remarkValidateLinks from 'remark-validate-links';
import { relative, resolve } from 'node:path';

const args = process.argv.slice(2);
const root = resolve(args[0] ?? '.');
const ri = args.indexOf('--repository');
const repository = ri >= 0 ? args[ri + 1] : 'https://github.com/SovereignCloudStack/minutes';

engine(
  {
    processor: remark(),
    cwd: root,
    files: ['.'],
    extensions: ['md', 'markdown'],
    ignoreName: '.remarkignore',
    rcName: '.remarkrc',
    packageField: 'remarkConfig',
    pluginPrefix: 'remark',
    plugins: [[remarkGfm], [remarkValidateLinks, { repository, root }]],
    quiet: true,
    color: false,
  },
  (error, code, context) => {
    if (error) {
      console.error(error);
      process.exitCode = 2;
      return;
    }
    const byRule = {};
    const findings = [];
    for (const file of context.files) {
      const path = relative(root, resolve(root, file.path)).split('\\').join('/');
      for (const m of file.messages) {
        const rule = m.ruleId ?? m.source ?? '?';
        byRule[rule] = (byRule[rule] ?? 0) + 1;
        findings.push({ file: path, line: m.line ?? 0, rule });
      }
    }
    process.stdout.write(JSON.stringify({ files: context.files.length, messages: findings.length, byRule, findings }) + '\n');
    process.exitCode = code;
  },
);
