// Entry point the web worker extension host loads (extensionTestsPath of test/host/run.mjs's web
// sessions): the shared feature tests and the web's own, run by the small BDD runner (mocha is a
// Node program). No Node here: the launcher's settings come from a file beside the workspace folder
// (<folder>.suite.json, absolute paths on the server), results go back through workspace.fs.
import './globals';
import * as vscode from 'vscode';
import { runAll, type Results } from './bdd';
import { TEST_TIMEOUT_MS } from '../helpers';
// The in-host suite's feature tests, unchanged: views, diagnostics, links, hover, references, completions, quick fixes.
import '../explorer.test';
import '../diagnostics.test';
import '../crossrefs.test';
import '../quickfix.test';
// What only the web host has to show.
import './web.test';
import './corpus.test';

/** Top-level suites of each kind of web session: the fixture repository, or a copy of the corpus. */
const SESSIONS: Record<string, (title: string) => boolean> = {
  fixture: (title) => !title.startsWith('corpus on the web'),
  corpus: (title) => title.startsWith('corpus on the web'),
};

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the web suite needs a workspace folder');
  const name = folder.path.split('/').filter(Boolean).pop()!;
  const settingsUri = vscode.Uri.joinPath(folder, '..', `${name}.suite.json`);
  const settings = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(settingsUri))) as Record<string, string>;
  // Paths on the server, as URIs of the workspace's own file system (vscode-remote://…).
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) env[key] = value.startsWith('/') ? folder.with({ path: value }).toString() : value;
  (globalThis as { minutesSuiteEnv?: Record<string, string> }).minutesSuiteEnv = env;
  const session = SESSIONS[env.MINUTES_WEB_SESSION ?? 'fixture'] ?? SESSIONS.fixture;

  let results: Results;
  try {
    results = await runAll((line) => console.log(line), TEST_TIMEOUT_MS, session);
  } catch (error) {
    results = { passed: 0, failed: 1, pending: 0, failures: [{ title: 'running the web suite', error: error instanceof Error ? error.stack ?? error.message : String(error) }] };
  }
  if (env.MINUTES_TEST_RESULTS) {
    await vscode.workspace.fs.writeFile(vscode.Uri.parse(env.MINUTES_TEST_RESULTS), new TextEncoder().encode(JSON.stringify(results, null, 2)));
  }
  if (results.failed > 0) throw new Error(`${results.failed} web host tests failed`);
}
