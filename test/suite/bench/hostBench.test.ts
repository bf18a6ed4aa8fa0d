// The extension host measures (run by `node test/host/run.mjs` with MINUTES_HOST_BENCH=<corpus>,
// one phase per VS Code session, see bench/host-bench.mjs); not part of the regular in-host suite.
//   activation  a workspace without minutes: how long activation takes and what it does after
//   cold        the corpus with empty workspace storage: indexing from scratch, the longest stall
//   warm        the corpus again with the storage of the cold session: reopening with the parse cache
// Writes its figures as JSON to MINUTES_HOST_BENCH_OUT.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { existsSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { EXTENSION_ID } from '../helpers';
import type { MinutesApi } from '../../../src/vscode/extension';

const phase = process.env.MINUTES_HOST_BENCH_PHASE ?? '';
const out = process.env.MINUTES_HOST_BENCH_OUT;

function write(value: unknown): void {
  if (out) writeFileSync(out, JSON.stringify(value, null, 2));
}

describe(`host bench: ${phase}`, function () {
  this.timeout(60 * 60_000);

  it('measures', async () => {
    const ext = vscode.extensions.getExtension<MinutesApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    if (phase === 'activation') {
      const activeBefore = ext.isActive;
      const started = performance.now();
      const api = await ext.activate();
      const activateCallMs = performance.now() - started;
      await api.whenIdle();
      const idleMs = performance.now() - started;
      const lag = api.metrics.lag?.snapshot();
      write({
        activeBeforeAsked: activeBefore,
        activateCallMs: round(activateCallMs),
        moduleEvalMs: api.metrics.activation?.moduleEvalMs,
        moduleLoadMs: api.metrics.activation?.loadMs,
        activateFunctionMs: api.metrics.activation?.activateMs,
        untilIdleMs: round(idleMs),
        states: api.repositories.all().map((r) => r.state),
        builds: api.metrics.builds,
        longestBlockingMs: lag?.longestMs,
        eventLoopDelayMaxMs: lag?.eventLoopDelayMaxMs,
        longestStretches: lag?.stretches.map((s) => ({ ms: s.ms, phase: s.phase, endUs: s.endUs })),
        loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      });
      return;
    }
    // The corpus activates the extension on start-up (workspaceContains); its measures began then.
    const api = await ext.activate();
    await api.whenIdle();
    const build = api.metrics.builds.at(-1);
    assert.ok(build, 'a build ran');
    const lag = api.metrics.lag?.snapshot();
    write({
      phase,
      activation: api.metrics.activation,
      outcome: build.outcome,
      markdownFiles: build.markdownFiles,
      parsed: build.parsed,
      cacheHits: build.cacheHits,
      cacheEntries: build.cacheEntries,
      cacheLoadMs: build.cacheLoadMs,
      parserThreads: build.parserThreads,
      indexMs: build.indexMs,
      diagnosticsDoneMs: build.diagnosticsDoneMs,
      // The open file first (undefined when no minutes editor was visible as the session started).
      listedMs: build.listedMs,
      openFiles: build.openFiles,
      openFilesMs: build.openFilesMs,
      problems: vscode.languages.getDiagnostics().reduce((n, [, ds]) => n + ds.filter((d) => d.source === 'minutes').length, 0),
      longestBlockingMs: lag?.longestMs,
      eventLoopDelayMaxMs: lag?.eventLoopDelayMaxMs,
      longestStretches: lag?.stretches.map((s) => ({ ms: s.ms, phase: s.phase, endUs: s.endUs })),
      garbageCollection: lag?.gc,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    });
    // The session ends with this test: let the parse cache (and a CPU profile asked for) reach the disk first.
    api.metrics.lag?.stopProfile();
    await Promise.all(api.repositories.all().map((r) => r.cacheWritten()));
    const profile = process.env.MINUTES_CPU_PROFILE;
    for (let waited = 0; profile && !existsSync(profile) && waited < 30_000; waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(build.outcome, 'ready');
  });
});

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
