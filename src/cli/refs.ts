// `minutes refs FILE`: the file's outgoing links with their resolved targets, and its backlinks.
import * as nodePath from 'node:path';
import type { CliCommand } from './command';
import { outgoingLinks, incomingLinks, describeIncoming } from '../core/refs';
import { escapePath, escapeText, safeJson } from './format/escape';

export const refsCommand: CliCommand = {
  name: 'refs',
  usage: 'refs FILE',
  summary: "A file's links (resolved) and the files that link to it, GitHub URLs included.",
  // The file itself: the repository around it is found from there.
  folderArgs: (args) => (args[0] ? [args[0]] : ['.']),
  async run({ io, root, result, format, args }) {
    if (!args[0]) {
      io.stderr('minutes: refs needs a file\n');
      return 2;
    }
    const path = nodePath.relative(root, nodePath.resolve(io.cwd, args[0])).split(nodePath.sep).join('/');
    const index = result.index;
    if (!index.get(path)) {
      io.stderr(`minutes: ${escapeText(path)} is not an indexed Markdown file of ${escapeText(root)}\n`);
      return 2;
    }
    const outgoing = outgoingLinks(index, path).map(({ link, target, exists, heading }) => ({
      line: link.range.start.line + 1,
      column: link.range.start.character + 1,
      destination: link.raw,
      kind: target.kind,
      target: target.kind === 'internal' ? target.path : target.kind === 'external' || target.kind === 'local-file' ? target.url : target.kind === 'outside' ? target.path : null,
      fragment: target.kind === 'internal' ? (target.fragment ?? null) : null,
      exists: target.kind === 'internal' ? Boolean(exists) : null,
      heading: heading?.text ?? null,
    }));
    const incoming = incomingLinks(index, path).map((i) => ({
      file: i.from,
      line: i.link.range.start.line + 1,
      column: i.link.range.start.character + 1,
      destination: i.link.raw,
      section: i.section ?? null,
      fragment: i.fragment ?? null,
      description: describeIncoming(index, i),
    }));
    if (format === 'json') {
      io.stdout(safeJson(JSON.stringify({ file: path, outgoing, incoming }, null, 2)) + '\n');
      return 0;
    }
    io.stdout(`${escapePath(path)}\n\nLinks from it (${outgoing.length}):\n`);
    for (const o of outgoing) io.stdout(`  ${o.line}:${o.column}  ${escapeText(o.kind === 'internal' ? `${o.target}${o.fragment ? `#${o.fragment}` : ''}${o.exists ? '' : '  (missing)'}` : `${o.kind}: ${o.target ?? o.destination}`)}\n`);
    io.stdout(`\nLinked from (${incoming.length}):\n`);
    for (const i of incoming) io.stdout(`  ${escapeText(i.file)}:${i.line}:${i.column}  ${escapeText(i.description)}\n`);
    return 0;
  },
};
