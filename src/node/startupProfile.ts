// A CPU profile of the extension host from activation on (MINUTES_CPU_PROFILE=<file>, for the host
// bench): which code held the thread while the first index was built, ours or another's. Written
// after MINUTES_CPU_PROFILE_MS (default 15 s), or when the host bench asks (LagMonitor.stopProfile). A development aid only: nothing starts it unless the
// environment of the editor's process asks.
import { writeFileSync } from 'node:fs';

/**
 * Loads the inspector only when asked: activation without the variable pays nothing for it. The
 * returned function writes the profile now (the timer's end otherwise).
 */
export async function startStartupProfile(file: string, ms = 15_000, log: (line: string) => void = () => undefined): Promise<() => void> {
  const { Session } = await import('node:inspector');
  const session = new Session();
  try {
    session.connect();
  } catch (error) {
    log(`CPU profile not started: ${error instanceof Error ? error.message : String(error)}`);
    return () => undefined;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    session.post('Profiler.stop', (error, result) => {
      if (error) log(`CPU profile failed: ${error.message}`);
      else {
        writeFileSync(file, JSON.stringify(result.profile));
        log(`CPU profile written to ${file}`);
      }
      session.disconnect();
    });
  };
  session.post('Profiler.enable', () => {
    session.post('Profiler.setSamplingInterval', { interval: 500 }, () => {
      session.post('Profiler.start', () => {
        if (stopped) return;
        timer = setTimeout(stop, ms);
        timer.unref?.();
      });
    });
  });
  return stop;
}
