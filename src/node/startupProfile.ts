// A CPU profile of the extension host from activation on (MINUTES_CPU_PROFILE=<file>, for the host
// bench): which code held the thread while the first index was built, ours or another's. Written
// after MINUTES_CPU_PROFILE_MS (default 15 s). A development aid only: nothing starts it unless the
// environment of the editor's process asks.
import { writeFileSync } from 'node:fs';

/** Loads the inspector only when asked: activation without the variable pays nothing for it. */
export async function startStartupProfile(file: string, ms = 15_000, log: (line: string) => void = () => undefined): Promise<void> {
  const { Session } = await import('node:inspector');
  const session = new Session();
  try {
    session.connect();
  } catch (error) {
    log(`CPU profile not started: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  session.post('Profiler.enable', () => {
    session.post('Profiler.setSamplingInterval', { interval: 500 }, () => {
      session.post('Profiler.start', () => {
        const timer = setTimeout(() => {
          session.post('Profiler.stop', (error, result) => {
            if (error) log(`CPU profile failed: ${error.message}`);
            else {
              writeFileSync(file, JSON.stringify(result.profile));
              log(`CPU profile written to ${file}`);
            }
            session.disconnect();
          });
        }, ms);
        timer.unref?.();
      });
    });
  });
}
