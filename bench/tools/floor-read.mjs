// The floor: list the folder and read every Markdown file (fs.readFileSync), nothing else.
// Usage: node floor-read.mjs <folder>   Prints { files, chars }.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function markdownUnder(dir, out = []) {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.isDirectory()) {
      if (d.name !== '.git' && d.name !== 'node_modules') markdownUnder(join(dir, d.name), out);
    } else if (/\.(md|markdown)$/i.test(d.name)) out.push(join(dir, d.name));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let chars = 0;
  const files = markdownUnder(process.argv[2]);
  for (const f of files) chars += readFileSync(f, 'utf8').length;
  process.stdout.write(JSON.stringify({ files: files.length, chars }) + '\n');
}
