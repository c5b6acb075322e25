// Preloaded into the bot's process by `npm run bench -- memory` (node --expose-gc --import):
// on SIGUSR2 it collects garbage and prints the process's memory as one line on stdout, so the
// bench reads the resident set and the live heap after the work, not garbage waiting for a GC.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  process.stdout.write(`MEMORY ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external })}\n`);
});
