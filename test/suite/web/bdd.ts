// A small BDD runner for the web worker extension host, where mocha (a Node program) does not run:
// describe / it / before / after / beforeEach / afterEach with mocha's meaning for what the shared
// feature tests use (async functions, `this.skip()`, `this.timeout(ms)`, a failed `before` fails
// its tests), and mocha's counts: passed, failed, pending.

type Fn = (this: TestContext) => unknown;

export interface TestContext {
  skip(): never;
  timeout(ms: number): void;
}

interface Test {
  title: string;
  fn?: Fn;
}

interface Suite {
  title: string;
  parent?: Suite;
  tests: Test[];
  suites: Suite[];
  before: Fn[];
  after: Fn[];
  beforeEach: Fn[];
  afterEach: Fn[];
}

export interface Failure {
  title: string;
  error: string;
}

export interface Results {
  passed: number;
  failed: number;
  pending: number;
  failures: Failure[];
}

class Skip extends Error {}

const root: Suite = { title: '', tests: [], suites: [], before: [], after: [], beforeEach: [], afterEach: [] };
let current = root;

function fullTitle(suite: Suite, title: string): string {
  const parts: string[] = [title];
  for (let s: Suite | undefined = suite; s && s !== root; s = s.parent) parts.unshift(s.title);
  return parts.join(' ');
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.stack ?? `${error.name}: ${error.message}` : String(error);
}

function describe(title: string, body: () => void): void {
  const suite: Suite = { title, parent: current, tests: [], suites: [], before: [], after: [], beforeEach: [], afterEach: [] };
  current.suites.push(suite);
  const outer = current;
  current = suite;
  try {
    body();
  } finally {
    current = outer;
  }
}

/** The registration functions, as mocha's BDD interface names them. */
export const bdd = {
  describe: Object.assign(describe, { skip: (title: string) => describe(title, () => undefined) }),
  it: Object.assign((title: string, fn?: Fn) => void current.tests.push({ title, fn }), { skip: (title: string) => void current.tests.push({ title }) }),
  before: (fn: Fn) => void current.before.push(fn),
  after: (fn: Fn) => void current.after.push(fn),
  beforeEach: (fn: Fn) => void current.beforeEach.push(fn),
  afterEach: (fn: Fn) => void current.afterEach.push(fn),
};

/** Installs describe/it/hooks as globals (the shared test files call them as mocha's). */
export function installGlobals(): void {
  Object.assign(globalThis, bdd);
}

async function call(fn: Fn, defaultTimeout: number): Promise<'ok' | 'skipped'> {
  let limit = defaultTimeout;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let restart: (() => void) | undefined;
  const context: TestContext = {
    skip() {
      throw new Skip('skipped');
    },
    timeout(ms: number) {
      limit = ms;
      restart?.();
    },
  };
  const timeout = new Promise<never>((_, reject) => {
    restart = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => reject(new Error(`timed out after ${limit} ms`)), limit);
    };
    restart();
  });
  try {
    await Promise.race([Promise.resolve().then(() => fn.call(context)), timeout]);
    return 'ok';
  } catch (error) {
    if (error instanceof Skip) return 'skipped';
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

function countTests(suite: Suite): number {
  return suite.tests.length + suite.suites.reduce((n, s) => n + countTests(s), 0);
}

/** Runs everything registered so far (top-level suites that `pick` accepts); `log` gets one line per test. */
export async function runAll(log: (line: string) => void, defaultTimeout = 60_000, pick: (title: string) => boolean = () => true): Promise<Results> {
  const results: Results = { passed: 0, failed: 0, pending: 0, failures: [] };
  const eachHooks = (suite: Suite, kind: 'beforeEach' | 'afterEach'): Fn[] => {
    const chain: Suite[] = [];
    for (let s: Suite | undefined = suite; s; s = s.parent) chain.unshift(s);
    const hooks = chain.flatMap((s) => s[kind]);
    return kind === 'afterEach' ? hooks.reverse() : hooks;
  };
  const failAll = (suite: Suite, error: unknown, what: string) => {
    const n = countTests(suite);
    results.failed += n;
    results.failures.push({ title: `${fullTitle(suite, `"${what}" hook`)} (${n} tests not run)`, error: describeError(error) });
    log(`  FAIL ${fullTitle(suite, what)}: ${describeError(error).split('\n')[0]}`);
  };
  const runSuite = async (suite: Suite): Promise<void> => {
    try {
      for (const hook of suite.before) await call(hook, defaultTimeout);
    } catch (error) {
      failAll(suite, error, 'before all');
      return;
    }
    for (const test of suite.tests) {
      const title = fullTitle(suite, test.title);
      if (!test.fn) {
        results.pending++;
        log(`  - ${title}`);
        continue;
      }
      let outcome: 'ok' | 'skipped' = 'ok';
      let error: unknown;
      try {
        for (const hook of eachHooks(suite, 'beforeEach')) await call(hook, defaultTimeout);
        outcome = await call(test.fn, defaultTimeout);
      } catch (e) {
        error = e;
      }
      try {
        for (const hook of eachHooks(suite, 'afterEach')) await call(hook, defaultTimeout);
      } catch (e) {
        error ??= e;
      }
      if (error !== undefined) {
        results.failed++;
        results.failures.push({ title, error: describeError(error) });
        log(`  FAIL ${title}: ${describeError(error).split('\n')[0]}`);
      } else if (outcome === 'skipped') {
        results.pending++;
        log(`  - ${title} (skipped)`);
      } else {
        results.passed++;
        log(`  ok ${title}`);
      }
    }
    for (const child of suite.suites) await runSuite(child);
    try {
      for (const hook of suite.after) await call(hook, defaultTimeout);
    } catch (error) {
      results.failed++;
      results.failures.push({ title: fullTitle(suite, '"after all" hook'), error: describeError(error) });
    }
  };
  // Tests and hooks outside any describe are not supported (the shared test files have none).
  for (const suite of root.suites) if (pick(suite.title)) await runSuite(suite);
  return results;
}
