// Loaded with `node --require` when /usr/bin/time is missing: writes the process's own resource
// usage (peak RSS in KB, CPU seconds) to $BENCH_RUSAGE_FILE when it exits.
const fs = require('node:fs');
const file = process.env.BENCH_RUSAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    try {
      fs.writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, userS: u.userCPUTime / 1e6, sysS: u.systemCPUTime / 1e6 }));
    } catch {}
  });
}
