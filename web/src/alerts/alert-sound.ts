// The alert sounds, made with Web Audio so nothing is downloaded. Browsers keep audio blocked until
// the person clicks or presses a key on the page; the state says so, so the page can ask for that click.
import type { Level } from '../../../shared/problems.ts';

export type SoundState = 'ready' | 'blocked' | 'unsupported';

let audio: AudioContext | null = null;
let unsupported = false;
const listeners = new Set<() => void>();

function context(): AudioContext | null {
  if (audio || unsupported) return audio;
  try {
    audio = new AudioContext();
    audio.onstatechange = () => listeners.forEach((listener) => listener());
  } catch {
    unsupported = true;
  }
  return audio;
}

export function soundState(): SoundState {
  const ctx = context();
  if (!ctx) return 'unsupported';
  return ctx.state === 'running' ? 'ready' : 'blocked';
}

/** For useSyncExternalStore: the state changes when a click unlocks audio. */
export function subscribeSound(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Call from a click or key press: that is when browsers let audio start. */
export function unlockSound(): void {
  const ctx = context();
  if (ctx && ctx.state !== 'running') ctx.resume().catch(() => undefined);
}

interface Tone {
  at: number;
  length: number;
  frequency: number;
  volume: number;
  wave: OscillatorType;
}

function play(tones: readonly Tone[]): void {
  const ctx = context();
  if (!ctx || ctx.state !== 'running') return;
  const start = ctx.currentTime + 0.02;
  for (const tone of tones) {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = tone.wave;
    oscillator.frequency.value = tone.frequency;
    gain.gain.setValueAtTime(0.0001, start + tone.at);
    gain.gain.exponentialRampToValueAtTime(tone.volume, start + tone.at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + tone.at + tone.length);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start + tone.at);
    oscillator.stop(start + tone.at + tone.length + 0.02);
  }
}

/** Help: one soft rising two-note chime, played once. */
const HELP_CHIME: Tone[] = [
  { at: 0, length: 0.25, frequency: 660, volume: 0.15, wave: 'sine' },
  { at: 0.25, length: 0.4, frequency: 880, volume: 0.15, wave: 'sine' },
];
/** Stop: a loud, harsh high-low alarm, three times over; repeated until someone acknowledges it. */
const STOP_ALARM: Tone[] = [0, 1, 2].flatMap((i) => [
  { at: i * 0.5, length: 0.22, frequency: 988, volume: 0.5, wave: 'square' as const },
  { at: i * 0.5 + 0.25, length: 0.22, frequency: 740, volume: 0.5, wave: 'square' as const },
]);
export const STOP_ALARM_EVERY_MS = 2_500;

/** What a person hears for a level: Help chimes once, Stop sounds the alarm until acknowledged. */
export const SOUND_PATTERN: Record<Level, 'chime' | 'alarm'> = { help: 'chime', stop: 'alarm' };

export function playOnce(level: Level): void {
  play(level === 'stop' ? STOP_ALARM : HELP_CHIME);
}

/** Sounds the Stop alarm now and every few seconds until the answered function is called. */
export function soundAlarm(): () => void {
  playOnce('stop');
  const timer = setInterval(() => playOnce('stop'), STOP_ALARM_EVERY_MS);
  return () => clearInterval(timer);
}
