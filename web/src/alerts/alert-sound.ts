// The alert sounds, made with Web Audio so nothing is downloaded. Browsers keep audio blocked until
// the person clicks or presses a key on the page; the state says so, so the page can ask for that click.
//
// The AudioContext is made only when a sound is to play or a click unlocks it: making one costs the
// page a long task as it loads (about 300 ms on the test machine's Chromium, more on a slow phone).
// Whether audio would be let through is asked instead with a silent clip, which a browser refuses
// (NotAllowedError) under the same autoplay rules until the page has had a click. A clip that fails
// otherwise (headless Chromium: NotSupportedError) tells nothing; a context is then made when a sound
// is due or a click unlocks sound, never as the page loads.
import type { Level } from '../../../shared/problems.ts';

export type SoundState = 'ready' | 'blocked' | 'unsupported';

let supported = typeof AudioContext === 'function';
let audio: AudioContext | null = null;
/**
 * What the silent clip found; until it answers, sound counts as blocked, as browsers start it.
 * `untold`: the clip failed for another reason; sound counts as blocked until a context says otherwise.
 */
let autoplay: 'unknown' | 'allowed' | 'blocked' | 'untold' = 'unknown';
let probing = false;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

function context(): AudioContext | null {
  if (audio || !supported) return audio;
  try {
    audio = new AudioContext();
    audio.onstatechange = changed;
    // One made by a click may start running without a state change to tell of it.
    changed();
  } catch {
    supported = false;
  }
  return audio;
}

/** A WAV of 8 ms of silence (64 zero samples, mono, 8 kHz): what a browser is asked to play without a click. */
const SILENCE = 'data:audio/wav;base64,UklGRqQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YYAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';

function probeAutoplay(): void {
  if (probing || !supported || typeof Audio !== 'function') return;
  probing = true;
  const clip = new Audio(SILENCE);
  clip.play().then(
    () => {
      autoplay = 'allowed';
      clip.pause();
    },
    (error: unknown) => {
      // Refused: blocked until a click. Anything else (no WAV support, say): the first sound's context tells.
      autoplay = error instanceof DOMException && error.name === 'NotAllowedError' ? 'blocked' : 'untold';
    },
  ).finally(changed);
}

export function soundState(): SoundState {
  if (!supported) return 'unsupported';
  if (audio) return audio.state === 'running' ? 'ready' : 'blocked';
  return autoplay === 'allowed' ? 'ready' : 'blocked';
}

/** For useSyncExternalStore: the state changes when the clip answers and when a click unlocks audio. */
export function subscribeSound(listener: () => void): () => void {
  listeners.add(listener);
  // Asked once something shows the state, after the page has been drawn rather than while it loads.
  probeAutoplay();
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
  // Not allowed yet: a context made now would only wait, suspended, for the click that makes one anyway.
  // Untold: only a context can say, and a sound is due, so it is worth making now.
  if (!audio && soundState() !== 'ready' && autoplay !== 'untold') return;
  const ctx = context();
  if (!ctx) return;
  // Made without a click where the browser allows that (a kiosk set up to play sound): it runs at once.
  // Where it does not, it stays suspended and the state says blocked.
  if (ctx.state !== 'running') {
    changed();
    return;
  }
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
