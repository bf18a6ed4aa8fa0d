// Entry point the extension host loads (from @vscode/test-electron or the code-server launcher):
// runs every *.test.js beside it with mocha and writes the results where the launcher reads them.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_TIMEOUT_MS } from './helpers';

interface Failure {
  title: string;
  error: string;
}

export function run(): Promise<void> {
  // Above a UI check's own wait (helpers.ts `uiCheck`, 90 s): a slow check fails with its own message.
  const mocha = new Mocha({ ui: 'bdd', timeout: TEST_TIMEOUT_MS, color: false, reporter: 'spec' });
  // MINUTES_SUITE_FILES (comma-separated, relative to this folder) picks other suites, such as the
  // host measures in bench/; by default every *.test.js beside this file.
  const chosen = process.env.MINUTES_SUITE_FILES?.split(',').map((f) => f.trim()).filter(Boolean);
  const files = chosen?.length ? chosen : readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(join(__dirname, f));
  const results = { passed: 0, failed: 0, pending: 0, failures: [] as Failure[] };
  const write = () => {
    const target = process.env.MINUTES_TEST_RESULTS;
    if (target) writeFileSync(target, JSON.stringify(results, null, 2));
  };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        write();
        if (failures > 0) reject(new Error(`${failures} in-host tests failed`));
        else resolve();
      });
      runner.on('pass', () => results.passed++);
      runner.on('pending', () => results.pending++);
      runner.on('fail', (test, error: Error) => {
        results.failed++;
        results.failures.push({ title: test.fullTitle(), error: error?.stack ?? String(error) });
      });
    } catch (error) {
      results.failed++;
      results.failures.push({ title: 'loading the in-host suite', error: error instanceof Error ? error.stack ?? error.message : String(error) });
      write();
      reject(error);
    }
  });
}
