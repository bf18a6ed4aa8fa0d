// The floor of our own parser: read every Markdown file and tokenize it with micromark (GFM and
// front matter, as src/core/markdown.ts does), building no tree and checking nothing. Our CLI can
// not be faster than this on one thread.
// Usage: node floor-events.mjs <folder>   Prints { files, chars, events }.
import { readFileSync } from 'node:fs';
import { parse, postprocess, preprocess } from 'micromark';
import { gfm } from 'micromark-extension-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { markdownUnder } from './floor-read.mjs';

const extensions = [frontmatter(['yaml']), gfm()];
let chars = 0;
let events = 0;
const files = markdownUnder(process.argv[2]);
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  chars += text.length;
  events += postprocess(parse({ extensions }).document().write(preprocess()(text, undefined, true))).length;
}
process.stdout.write(JSON.stringify({ files: files.length, chars, events }) + '\n');
