// The composite GitHub Action (action.yml): its steps run here as a runner would run them, on a
// copy of the sample repository: inputs and step outputs through `${{ }}` in `env:`/`with:`,
// `GITHUB_OUTPUT` files, `if:` conditions evaluated, `uses:` steps recorded with their inputs.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FIXTURE, ROOT, builtCli, cleanup, git, hasGit, makeTempDir } from './helpers';

interface Step {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parseYaml(fs.readFileSync(nodePath.join(ROOT, 'action.yml'), 'utf8')) as Action;

interface RunResult {
  outputs: Record<string, string>;
  steps: Record<string, Record<string, string>>;
  stdout: string;
  stderr: string;
  /** `uses:` steps that would run, with their evaluated inputs. */
  uses: Array<{ uses: string; with: Record<string, string> }>;
  /** Exit code of the first failing step, 0 when none failed. */
  failed: number;
}

function runAction(inputs: Record<string, string>, workspace: string, env: Record<string, string> = {}): RunResult {
  for (const k of Object.keys(inputs)) assert.ok(k in action.inputs, `unknown input ${k}`);
  const input = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? '']));
  const temp = makeTempDir('minutes-action-');
  const steps: Record<string, Record<string, string>> = {};
  const context = (expr: string): string => {
    const path = expr.trim().split('.');
    if (path[0] === 'inputs') return input[path.slice(1).join('.')] ?? '';
    if (path[0] === 'github' && path[1] === 'action_path') return ROOT;
    if (path[0] === 'github' && path[1] === 'sha') return 'abc123';
    if (path[0] === 'runner' && path[1] === 'temp') return temp;
    if (path[0] === 'runner' && path[1] === 'os') return 'Linux';
    if (path[0] === 'steps') return steps[path[1]]?.[path[3]] ?? '';
    throw new Error(`no such context in the test runner: ${expr}`);
  };
  const evaluate = (text: string) => String(text).replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => context(e));
  /** `a == 'x'`, `a != 'x'`, joined by `&&`: all the action's conditions use. */
  const condition = (text: string) =>
    text.split('&&').every((part) => {
      const m = /^\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*$/.exec(part);
      if (!m) throw new Error(`condition the test runner cannot evaluate: ${part}`);
      return (context(m[1]) === m[3]) === (m[2] === '==');
    });
  const result: RunResult = { outputs: {}, steps, stdout: '', stderr: '', uses: [], failed: 0 };
  try {
    for (const step of action.runs.steps) {
      if (step.if && !condition(step.if)) continue;
      if (step.uses) {
        result.uses.push({ uses: step.uses, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, evaluate(v)])) });
        continue;
      }
      assert.equal(step.shell, 'bash');
      const outputFile = nodePath.join(temp, `output-${step.id ?? 'step'}`);
      fs.writeFileSync(outputFile, '');
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v)]));
      // As the runner runs a `shell: bash` step: the script in a file, errors and pipe failures stop it.
      const script = nodePath.join(temp, 'step.sh');
      fs.writeFileSync(script, step.run!);
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd: workspace,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: temp, RUNNER_TEMP: temp, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, ...env, ...stepEnv },
        timeout: 120_000,
      });
      result.stdout += r.stdout;
      result.stderr += r.stderr;
      if (step.id) {
        steps[step.id] = {};
        for (const line of fs.readFileSync(outputFile, 'utf8').split('\n')) {
          const eq = line.indexOf('=');
          if (eq > 0) steps[step.id][line.slice(0, eq)] = line.slice(eq + 1);
        }
      }
      if (r.status !== 0) {
        result.failed = r.status ?? -1;
        break;
      }
    }
    for (const [k, v] of Object.entries(action.outputs)) result.outputs[k] = evaluate(v.value);
    return result;
  } finally {
    cleanup(temp);
  }
}

describe('GitHub Action (action.yml)', function () {
  this.timeout(180_000);
  let cli: string;
  let repo: string;
  before(async () => {
    cli = await builtCli();
    repo = makeTempDir('minutes-action-repo-');
    fs.cpSync(FIXTURE, repo, { recursive: true });
  });
  after(() => cleanup(repo));

  it('is a composite action whose scripts read inputs only from the environment', () => {
    assert.equal(action.runs.using, 'composite');
    for (const step of action.runs.steps) {
      if (step.run) assert.doesNotMatch(step.run, /\$\{\{/, `${step.name}: an expression in a script can inject shell code`);
      for (const v of Object.values({ ...step.env, ...step.with, if: step.if ?? '' })) {
        for (const m of String(v).matchAll(/inputs\.([\w-]+)/g)) assert.ok(m[1] in action.inputs, `${step.name} reads an unknown input ${m[1]}`);
      }
    }
  });

  it('default inputs: annotations for every finding, exit code 1, the job fails', () => {
    const r = runAction({ cli }, repo);
    assert.equal(r.outputs['exit-code'], '1', r.stderr);
    assert.equal(r.failed, 1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.ok(annotations.some((l) => l.startsWith('::error file=community-call/20261119.md,line=12')), r.stdout);
    const json = spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json'], { cwd: repo, encoding: 'utf8' });
    assert.equal(annotations.length, (JSON.parse(json.stdout) as unknown[]).length);
    assert.deepEqual(r.uses, []);
  });

  it('fail-on-error: false and args: the job passes; only the rule asked for', () => {
    const r = runAction({ cli, 'fail-on-error': 'false', args: '--rule broken-link' }, repo);
    assert.equal(r.outputs['exit-code'], '1');
    assert.equal(r.failed, 0);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.ok(annotations.length > 0);
    for (const a of annotations) assert.match(a, /title=minutes broken-link::/);
  });

  it('sarif: true writes SARIF and uploads it; cache: true restores the cache', () => {
    const r = runAction({ cli, sarif: 'true', cache: 'true', 'sarif-file': 'out.sarif' }, repo);
    const sarif = JSON.parse(fs.readFileSync(nodePath.join(repo, 'out.sarif'), 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    fs.rmSync(nodePath.join(repo, 'out.sarif'));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length > 0);
    assert.deepEqual(r.uses.map((u) => u.uses.replace(/@.*/, '')), ['actions/cache', 'github/codeql-action/upload-sarif']);
    assert.equal(r.uses[1].with.sarif_file, 'out.sarif');
    assert.match(r.uses[0].with.path, /minutes-cache$/);
  });

  it('changed-since: auto in a pull request checks what the change can affect and says how many', function () {
    if (!hasGit()) this.skip();
    const pr = makeTempDir('minutes-action-pr-');
    try {
      fs.cpSync(FIXTURE, pr, { recursive: true });
      git(pr, 'init', '-q', '-b', 'main');
      git(pr, 'add', '-A');
      git(pr, 'commit', '-q', '-m', 'base');
      // What actions/checkout leaves: the base branch as a remote-tracking ref.
      git(pr, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
      git(pr, 'checkout', '-q', '-b', 'topic');
      fs.appendFileSync(nodePath.join(pr, 'container/20261116.md'), '\nSee [nothing](missing.md).\n');
      git(pr, 'commit', '-q', '-am', 'change');
      const r = runAction({ cli, 'changed-since': 'auto' }, pr, { GITHUB_BASE_REF: 'main' });
      assert.match(r.outputs.checked, /^checked \d+ of \d+ files$/, r.stderr);
      const [, checked, total] = /checked (\d+) of (\d+)/.exec(r.outputs.checked)!.map(Number);
      assert.ok(checked < total);
      assert.ok(r.stdout.includes('::error file=container/20261116.md'), r.stdout);
      // Outside a pull request, auto checks everything.
      const push = runAction({ cli, 'changed-since': 'auto' }, pr);
      assert.equal(push.outputs.checked, '');
      assert.ok(push.stdout.split('\n').filter((l) => l.startsWith('::')).length > r.stdout.split('\n').filter((l) => l.startsWith('::')).length);
    } finally {
      cleanup(pr);
    }
  });

  it('the documented workflow uses this action with inputs it has', () => {
    const workflow = parseYaml(fs.readFileSync(nodePath.join(ROOT, 'docs/workflows/minutes.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const ours = steps.find((s) => s.uses && /minutes-workbench/.test(s.uses));
    assert.ok(ours);
    for (const k of Object.keys(ours.with ?? {})) assert.ok(k in action.inputs, `the workflow sets an unknown input ${k}`);
    assert.ok(steps.some((s) => s.uses?.startsWith('actions/checkout') && String(s.with?.['fetch-depth']) === '0'));
  });
});
