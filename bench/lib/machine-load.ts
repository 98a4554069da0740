// The machine's 1-minute load average, sampled through the run, so the figures say how busy the
// machine was while each phase ran (the bench itself keeps 2–3 busy; more is other work).
import os from 'node:os';

const SAMPLE_MS = 5_000;

export function watchMachineLoad() {
  const samples: Array<{ phase: string; load: number }> = [];
  let phase = 'start';
  const take = () => samples.push({ phase, load: os.loadavg()[0] });
  const timer = setInterval(take, SAMPLE_MS);
  timer.unref();
  return {
    phase(name: string): void {
      take();
      phase = name;
    },
    stop(): void {
      take();
      clearInterval(timer);
    },
    /** e.g. "fanout 1.8–3.2, raises 2.0–9.7": min–max of the samples taken while each phase ran. */
    describe(): string {
      const phases = [...new Set(samples.map((s) => s.phase))].filter((p) => p !== 'start');
      return phases
        .map((p) => {
          const loads = samples.filter((s) => s.phase === p).map((s) => s.load);
          return `${p} ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`;
        })
        .join(', ');
    },
  };
}
