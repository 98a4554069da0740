// How a wall screen gets attention for a Stop pull: a short beep and a system notification.
import type { Problem } from '../../../shared/problems.ts';

let audio: AudioContext | null = null;

/** Browsers only allow sound after a user gesture; call this from the click that turns sound on. */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = null;
  }
}

export function playStopBeep(): void {
  unlockSound();
  if (!audio) return;
  const start = audio.currentTime;
  // Two short high tones: distinct from ordinary UI sounds, short enough not to annoy.
  for (const offset of [0, 0.22]) {
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.type = 'square';
    tone.frequency.value = 880;
    volume.gain.setValueAtTime(0.0001, start + offset);
    volume.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
    volume.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
    tone.connect(volume).connect(audio.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.2);
  }
}

export function canNotify(): boolean {
  return typeof Notification !== 'undefined';
}

export function notifyStop(problem: Problem, area: string, open: (path: string) => void): void {
  if (!canNotify() || Notification.permission !== 'granted') return;
  try {
    const note = new Notification(`Stop pulled: #${problem.number}`, {
      body: `${problem.title}\n${area} · pulled by ${problem.raisedBy.name}`,
      tag: `andon-problem-${problem.number}`,
    });
    note.onclick = () => {
      window.focus();
      open(`/problems/${problem.number}`);
      note.close();
    };
  } catch {
    // Some browsers (Android Chrome) only allow notifications from a service worker.
  }
}
