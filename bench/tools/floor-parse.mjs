// The floor of any Markdown-aware checker: read every Markdown file and parse it to mdast with
// mdast-util-from-markdown + GFM (the syntax tree remark and most tools build), checking nothing.
// Usage: node floor-parse.mjs <folder>   Prints { files, chars, nodes }.
import { readFileSync } from 'node:fs';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { markdownUnder } from './floor-read.mjs';

const extensions = [gfm()];
const mdastExtensions = [gfmFromMarkdown()];
let chars = 0;
let nodes = 0;
const files = markdownUnder(process.argv[2]);
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  chars += text.length;
  const tree = fromMarkdown(text, { extensions, mdastExtensions });
  nodes += tree.children.length;
}
process.stdout.write(JSON.stringify({ files: files.length, chars, nodes }) + '\n');
