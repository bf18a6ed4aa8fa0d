// Cross-references through the real provider APIs: links, definitions, hovers, references,
// CodeLens, workspace symbols, completions, link updates on rename, and the weekly's commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, revertAll, uiCheck, waitFor, workspaceFolder } from './helpers';
import type { MinutesApi } from '../../src/vscode/extension';

async function open(path: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(fixtureUri(path), { preview: false });
}

function positionOf(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" in ${doc.uri.path}`);
  return doc.positionAt(at + offset);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('cross-references', () => {
  let api: MinutesApi;
  before(async () => {
    api = await activateExtension();
  });
  afterEach(revertAll);

  const GH = 'https://github.com/example-org/minutes/blob/main/iaas/20261104.md';

  it('makes a same-repository GitHub URL a link to the local file', async () => {
    const editor = await open('community-call/20261105.md');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    // The workspace's own scheme: file in the desktop host, vscode-remote (a virtual file system to the extension) on the web.
    const local = links.find((l) => l.target?.scheme === workspaceFolder().uri.scheme && l.target.path.endsWith('/iaas/20261104.md'));
    assert.ok(local, links.map((l) => l.target?.toString()).join('\n'));
    assert.equal(editor.document.getText(local.range), GH);
  });

  it('goes to the definition of a GitHub URL: the local file', async () => {
    const editor = await open('community-call/20261105.md');
    const at = positionOf(editor.document, GH, 20);
    const defs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', editor.document.uri, at);
    const uris = defs.map((d) => ('uri' in d ? d.uri : d.targetUri).path);
    assert.ok(uris.some((p) => p.endsWith('/iaas/20261104.md')), uris.join('\n'));
  });

  it('previews the linked minutes on hover: title, team, participants, sections, open action items', async () => {
    const editor = await open('community-call/20261105.md');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, GH, 20));
    const text = hoverText(hovers);
    assert.match(text, /2026-11-04/);
    assert.match(text, /IaaS/);
    assert.match(text, /participants/);
    assert.match(text, /Open action items/);
    assert.match(text, /@tobi-n/);
  });

  it('previews relative links too', async () => {
    const editor = await open('community-call/20261105.md');
    const rel = editor.document.getText().match(/\]\((\.\.\/[\w-]+\/\d{8}\.md)/);
    assert.ok(rel, 'the fixture weekly has a relative link to team minutes');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, rel[1], 4));
    assert.match(hoverText(hovers), /participants|Open action items|\d{4}-\d{2}-\d{2}/);
  });

  it('finds every link to a minutes file from its title, GitHub URLs included', async () => {
    const editor = await open('iaas/20261104.md');
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, new vscode.Position(0, 3));
    assert.ok(refs.some((r) => r.uri.path.endsWith('/community-call/20261105.md')), refs.map((r) => r.uri.path).join('\n'));
  });

  it('says above the title where the minutes are linked from', async () => {
    const editor = await open('iaas/20261104.md');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t.startsWith('Linked from Tech Weekly 2026-11-05 · Team IaaS')), titles.join('\n'));
  });

  it('finds meetings by team and date, and weeklies by week, with Ctrl+T', async () => {
    const meeting = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'iaas 2026-11-04');
    assert.ok(meeting.some((s) => s.name === 'iaas 2026-11-04' && s.location.uri.path.endsWith('/iaas/20261104.md')), meeting.map((s) => s.name).join('\n'));
    const weekly = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'weekly 2026-W45');
    assert.ok(weekly.some((s) => s.location.uri.path.endsWith('/community-call/20261105.md')), weekly.map((s) => s.name).join('\n'));
  });

  it('completes team minutes nearest in date inside a link, in the file’s URL form, and headings after #', async () => {
    const editor = await open('community-call/20261112.md');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\nSee <'));
    const pos = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos, '<');
    const files = list.items.filter((i) => i.kind === vscode.CompletionItemKind.File).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(files.includes('iaas/20261111.md'), files.slice(0, 10).join('\n'));
    const first = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'iaas/20261111.md')!;
    assert.equal(first.insertText, 'https://github.com/example-org/minutes/blob/main/iaas/20261111.md');
    await editor.edit((e) => e.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, 'https://github.com/example-org/minutes/blob/main/iaas/20261104.md#'));
    const after = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const headings = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, after, '#');
    assert.ok(headings.items.some((i) => i.label === 'action-items'), headings.items.map((i) => i.label).join(', '));
  });

  it('completes @handles, this team’s regulars first', async () => {
    const editor = await open('iaas/20261104.md');
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), '@'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(2, 1), '@');
    const users = list.items.filter((i) => i.kind === vscode.CompletionItemKind.User);
    assert.ok(users.length > 3);
    assert.match(String(users.sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)))[0].detail), /in this team/);
  });

  it('updates every link to a renamed file, GitHub URLs included, and back', async () => {
    const from = fixtureUri('iaas/20261104.md');
    const to = fixtureUri('iaas/20261104-renamed.md');
    const rename = async (a: vscode.Uri, b: vscode.Uri) => {
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(a, b);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    await rename(from, to);
    const weekly = await vscode.workspace.openTextDocument(fixtureUri('community-call/20261105.md'));
    await waitFor('the weekly’s link to follow the rename', () => weekly.getText().includes('blob/main/iaas/20261104-renamed.md'));
    assert.ok(!weekly.getText().includes('blob/main/iaas/20261104.md'));
    // Once the index knows the new name, renaming back restores every link.
    await waitFor('the index to learn the new name', () => api.repositories.all()[0].index?.get('iaas/20261104-renamed.md'));
    await rename(to, from);
    await waitFor('the links to follow it back', () => weekly.getText().includes('blob/main/iaas/20261104.md') && !weekly.getText().includes('20261104-renamed'));
    await waitFor('the index to learn the old name again', () => api.repositories.all()[0].index?.get('iaas/20261104.md'));
  });

  it("puts back a weekly's Minutes: links to the team minutes of its week", async () => {
    const uri = fixtureUri('community-call/20261119.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => {
      for (let l = doc.lineCount - 1; l >= 0; l--) if (/^Minutes:/.test(doc.lineAt(l).text)) e.delete(doc.lineAt(l).rangeIncludingLineBreak);
    });
    assert.ok(!/^Minutes:/m.test(doc.getText()));
    await vscode.commands.executeCommand('minutes.linkThisWeeksTeamMinutes', uri, { preview: false });
    const text = await waitFor('the links to come back', () => (/^Minutes:/m.test(doc.getText()) ? doc.getText() : undefined));
    for (const file of ['iaas/20261119.md', 'container/20261116.md', 'ops/20261119.md', 'iam/2026-11-18.md']) {
      assert.ok(text.includes(`<https://github.com/example-org/minutes/blob/main/${file}>`), `${file} in\n${text}`);
    }
  });

  it('lists open action items grouped by owner, and by team', async () => {
    api.views.actions.setGrouping('owner');
    const owners = api.views.actions.getChildren();
    const tobi = owners.find((g) => g.kind === 'group' && g.key === '@tobi-n');
    assert.ok(tobi, owners.map((g) => (g.kind === 'group' ? g.key : '')).join(', '));
    const items = api.views.actions.getChildren(tobi);
    assert.ok(items.length > 0 && items.every((i) => i.kind === 'item' && i.action.owner === 'tobi-n' && i.action.file.startsWith('iaas/')), items.map((i) => (i.kind === 'item' ? i.action.file : '')).join(', '));
    api.views.actions.setGrouping('team');
    assert.ok(api.views.actions.getChildren().some((g) => g.kind === 'group' && g.key === 'iaas'));
    api.views.actions.setGrouping('owner');
  });

  it('offers a weekly the team sections it lacks, link filled in', async () => {
    const editor = await open('community-call/20261105.md');
    const doc = editor.document;
    const line = [...Array(doc.lineCount).keys()].find((i) => /^### Team Ops/.test(doc.lineAt(i).text))!;
    // Remove the Ops section, then ask for completions on an empty line.
    let end = line + 1;
    while (end < doc.lineCount && !/^#/.test(doc.lineAt(end).text)) end++;
    await editor.edit((e) => e.replace(new vscode.Range(line, 0, end, 0), '###\n'));
    const label = (i: vscode.CompletionItem) => String(typeof i.label === 'string' ? i.label : i.label.label);
    // The index learns the edit a moment after it is typed.
    const ops = await waitFor('a "### Team Ops" completion', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 3));
      return list.items.find((i) => label(i) === '### Team Ops');
    });
    await editor.insertSnippet(ops.insertText as vscode.SnippetString, new vscode.Range(line, 0, line, 3));
    // In the weekly's own link form: this weekly writes `[text](https://github.com/…)`.
    assert.match(doc.getText(), /### Team Ops\n\nMinutes: \[ops\/20261105\.md\]\(https:\/\/github\.com\/example-org\/minutes\/blob\/main\/ops\/20261105\.md\)/);
  });

  it('inserts the action-item snippet in the repository’s form', async () => {
    const editor = await open('iaas/20261111.md');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\nmin-ai'));
    const pos = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos);
    const snippet = list.items.find((i) => i.kind === vscode.CompletionItemKind.Snippet && /min-ai|action/i.test(`${typeof i.label === 'string' ? i.label : i.label.label}`));
    assert.ok(snippet, list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).join(', '));
    const body = snippet.insertText instanceof vscode.SnippetString ? snippet.insertText : new vscode.SnippetString(String(snippet.insertText));
    await editor.insertSnippet(body, new vscode.Range(pos.translate(0, -'min-ai'.length), pos));
    assert.match(editor.document.lineAt(editor.document.lineCount - 1).text, /^- _AI @\S*: .*_$/);
  });

  it('shows the preview of a weekly’s GitHub link on hover (UI check)', async function () {
    const editor = await open('community-call/20261105.md');
    const at = positionOf(editor.document, GH, 30);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
    const result = await uiCheck('hover', { text: 'example-org/minutes/blob/main/iaas/20261104', expect: ['Open action items', '2026-11-04'] });
    if (result === 'skipped') this.skip();
  });
});
