// Watchdog process: if the bench coordinator dies without cleaning up (even SIGKILL), this kills every
// process the coordinator told it about. It only ever kills PIDs it was given, and forgets a PID once the
// coordinator reports that child gone.
const pids = new Set<number>();

process.on('message', (message: { add?: number; remove?: number }) => {
  if (message.add) pids.add(message.add);
  if (message.remove) pids.delete(message.remove);
});

process.on('disconnect', () => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  process.exit(0);
});
