// The open file first: findings from the listing and one parsed file, before the index is built.
// They must never be false: each is one the full index reports too, and whatever depends on other
// files' content stays silent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { buildIndex } from '../../src/core/build';
import { checkFile } from '../../src/core/check';
import type { MinutesDiagnostic } from '../../src/core/diagnostics';
import { PREVIEW_RULES, PreviewIndex } from '../../src/core/preview';
import type { MinutesWorkspace } from '../../src/core/workspace';
import { MemoryWorkspace } from './memoryWorkspace';
import { NodeWorkspace } from '../../src/node/nodeWorkspace';
import { CORPUS, fixtureWorkspace } from './helpers';

const key = (d: MinutesDiagnostic) => `${d.path}:${d.range.start.line}:${d.range.start.character}:${d.rule}:${String(d.data?.reason ?? '')}`;

/** The preview of every Markdown file (each on a fresh partial index) and the full index's findings. */
async function compare(workspace: MinutesWorkspace, limit = Infinity): Promise<{ preview: MinutesDiagnostic[]; full: MinutesDiagnostic[] }> {
  let listed: string[] | undefined;
  const result = await buildIndex(workspace, {
    onListed: ({ files }) => {
      listed = files;
    },
  });
  const paths = listed;
  assert.ok(paths, 'onListed was called');
  const preview: MinutesDiagnostic[] = [];
  const full: MinutesDiagnostic[] = [];
  let n = 0;
  for (const file of result.index.markdownFiles()) {
    if (n++ >= limit) break;
    const text = new TextDecoder().decode(await workspace.read(file.path));
    const fresh = new PreviewIndex({ files: paths, config: result.config, remotes: [] });
    preview.push(...fresh.check(file.path, text));
    full.push(...checkFile(result.index, file.path));
  }
  return { preview, full };
}

describe('preview: the open file before the index', () => {
  const team = (title: string, body = '') => `# ${title}\n\n## Participants\n\n## Agenda\n${body}`;

  it('knows links to files from the listing, and leaves fragments into unparsed files alone', async () => {
    const files = {
      'iaas/20230426.md': team('IaaS 2023-04-26', '\n[prev](20230419.md) [gone](20230412.md) [heading](20230419.md#nowhere) [own](#agendaa) [ok](#agenda)\n'),
      'iaas/20230419.md': team('IaaS 2023-04-19'),
      'docs/logo.png': 'x',
    };
    const preview = new PreviewIndex({ files: Object.keys(files), config: {}, remotes: [] });
    const found = preview.check('iaas/20230426.md', files['iaas/20230426.md']);
    const reasons = found.map((d) => `${d.rule}:${String(d.data?.reason)}:${String(d.data?.target ?? d.data?.fragment)}`);
    assert.deepEqual(reasons.sort(), ['broken-link:missing-file:iaas/20230412.md', 'broken-link:missing-fragment:iaas/20230426.md'].sort());
    // The full index finds the missing heading in the other file too: the preview only did not guess.
    const full = (await buildIndex(new MemoryWorkspace(files))).index;
    const all = checkFile(full, 'iaas/20230426.md').filter((d) => d.rule === 'broken-link');
    assert.ok(all.some((d) => d.data?.reason === 'missing-fragment' && d.data?.target === 'iaas/20230419.md'));
  });

  it('does not take GitHub URLs for this repository on one file\'s word', async () => {
    const url = 'https://github.com/example-org/minutes/blob/main';
    const files = { 'iaas/20230426.md': team('IaaS 2023-04-26', `\n<${url}/iaas/20230101.md> <${url}/iaas/20230102.md>\n`) };
    const silent = new PreviewIndex({ files: Object.keys(files), config: {}, remotes: [] });
    assert.deepEqual(silent.check('iaas/20230426.md', files['iaas/20230426.md']), []);
    // A git remote (or the configured repository) says which repository this is: then they are decided.
    const remote = new PreviewIndex({ files: Object.keys(files), config: {}, remotes: [{ owner: 'example-org', repo: 'minutes' }] });
    assert.equal(remote.check('iaas/20230426.md', files['iaas/20230426.md']).filter((d) => d.data?.reason === 'missing-file').length, 2);
    const configured = new PreviewIndex({ files: Object.keys(files), config: { repository: 'example-org/minutes' }, remotes: [] });
    assert.equal(configured.check('iaas/20230426.md', files['iaas/20230426.md']).filter((d) => d.data?.reason === 'missing-file').length, 2);
  });

  it('reports only rules the partial index decides exactly', () => {
    assert.ok(!PREVIEW_RULES.includes('duplicate-minutes'));
    assert.ok(!PREVIEW_RULES.includes('weekly-team-link'));
    assert.ok(!PREVIEW_RULES.includes('missing-section'));
    const files = { 'iaas/20230426.md': '# no date\n', 'iaas/20230427.md': '# no date\n' };
    const preview = new PreviewIndex({ files: Object.keys(files), config: {}, remotes: [] });
    for (const d of preview.check('iaas/20230426.md', files['iaas/20230426.md'])) assert.ok(PREVIEW_RULES.includes(d.rule), d.rule);
  });

  it('never reports a finding the full index does not (fixture)', async () => {
    const { preview, full } = await compare(fixtureWorkspace());
    const fullKeys = new Set(full.map(key));
    for (const d of preview) assert.ok(fullKeys.has(key(d)), `false preview finding ${key(d)}`);
    assert.ok(preview.length > 0, 'the fixture has findings the preview can know');
  });

  it('never reports a finding the full index does not (corpus, when present)', async function () {
    if (!fs.existsSync(CORPUS)) return this.skip();
    this.timeout(120_000);
    const { preview, full } = await compare(new NodeWorkspace(CORPUS), 150);
    const fullKeys = new Set(full.map(key));
    for (const d of preview) assert.ok(fullKeys.has(key(d)), `false preview finding ${key(d)}`);
  });
});
