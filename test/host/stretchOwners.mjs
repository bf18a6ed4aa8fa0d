// Whose code held the extension host in each blocking stretch the lag monitor saw: the samples of
// the session's CPU profile (same monotonic clock as the stretches' `endUs`) that fall inside the
// stretch, each given to the first frame from the leaf up that belongs to an extension: ours (the
// bundle under test), a built-in one (`…/extensions/<name>/…`), or else VS Code's own extension
// host (its IPC, timers). Garbage collection counts apart: it cannot say whose garbage it was.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const OURS = 'ours';
export const UNSAMPLED = 'unknown (the profiler was not sampling)';
export const IDLE = 'nobody (the thread was idle in every sample)';
const GC = '(garbage collector)';

/** The owner of each profile node, from its frame and its ancestors'. */
function ownersOf(profile, ourUrls) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frameOwner = (frame) => {
    if (frame.functionName === '(idle)') return '(idle)';
    if (frame.functionName === '(garbage collector)') return GC;
    const url = frame.url;
    if (!url) return undefined;
    if (ourUrls.has(url)) return OURS;
    const m = /\/extensions\/([^/]+)\//.exec(url);
    return m ? m[1] : undefined;
  };
  const memo = new Map();
  const owner = (id) => {
    if (memo.has(id)) return memo.get(id);
    const path = [];
    let found;
    for (let x = id; x !== undefined; x = parent.get(x)) {
      if (memo.has(x)) {
        found = memo.get(x);
        break;
      }
      path.push(x);
      found = frameOwner(byId.get(x).callFrame);
      if (found) break;
    }
    const result = found ?? 'VS Code (extension host)';
    for (const x of path) memo.set(x, result);
    return result;
  };
  return owner;
}

/**
 * Adds `owner` (the largest share of the non-idle samples but the collector's), `shares` (percent by owner) and
 * `samples` to each stretch. `bundles` are the paths of our bundles.
 */
export function attributeStretches(profileFile, stretches, bundles) {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
  const ownerOfSample = ownersOf(profile, new Set(bundles.map((b) => pathToFileURL(b).href)));
  const times = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    times.push(t);
  }
  const meanInterval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  return stretches.map((s) => {
    if (typeof s.endUs !== 'number') return s;
    const from = s.endUs - s.ms * 1000;
    const counts = {};
    let busy = 0;
    let idleIn = 0;
    for (let i = 0; i < times.length; i++) {
      if (times[i] < from || times[i] > s.endUs) continue;
      const o = ownerOfSample(profile.samples[i]);
      if (o === '(idle)') {
        idleIn++;
        continue;
      }
      counts[o] = (counts[o] ?? 0) + 1;
      busy++;
    }
    // Too few samples for its length: the profiler was not sampling then (before it started, or
    // while it started: V8 logs every function of the host when a profile begins).
    if (busy + idleIn < 0.3 * ((s.ms * 1000) / meanInterval)) return { ...s, owner: UNSAMPLED, shares: {}, samples: busy };
    const shares = Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((100 * v) / busy)]));
    // Sampled, but idle throughout: the thread was waiting (for the operating system, say), not running code.
    if (!busy) return { ...s, owner: IDLE, shares: {}, samples: 0 };
    // A collection is charged to the code that shares the stretch with it (whose garbage it most likely is).
    const owner = Object.keys(shares).find((k) => k !== GC) ?? GC;
    return { ...s, owner, shares, samples: busy };
  });
}

/** The longest stretch whose largest share is our code (0 when none is). */
export function longestOwn(stretches) {
  return stretches.filter((s) => s.owner === OURS).reduce((m, s) => Math.max(m, s.ms), 0);
}
