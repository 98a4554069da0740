import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './reconnect-delay.ts';

describe('reconnectDelayMs', () => {
  it('grows exponentially up to 30 s', () => {
    const top = () => 1;
    expect(reconnectDelayMs(0, top)).toBe(500);
    expect(reconnectDelayMs(1, top)).toBe(1_000);
    expect(reconnectDelayMs(4, top)).toBe(8_000);
    expect(reconnectDelayMs(30, top)).toBe(30_000);
  });

  it('is randomised, but never below 100 ms', () => {
    expect(reconnectDelayMs(4, () => 0.5)).toBe(4_000);
    expect(reconnectDelayMs(4, () => 0)).toBe(100);
  });
});
