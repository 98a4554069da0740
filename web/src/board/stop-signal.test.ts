import { describe, expect, it } from 'vitest';
import { aProblem } from '../problems/problem-fixture.ts';
import { openStops, stopFavicon, stopsOpenText } from './stop-signal.ts';

describe('open Stops', () => {
  it('counts Stops still being worked, not Helps and not closed Stops', () => {
    const problems = [
      aProblem(1, { level: 'stop' }),
      aProblem(2, { level: 'stop', status: 'contained' }),
      aProblem(3, { level: 'stop', status: 'resolved' }),
      aProblem(4, { level: 'help' }),
    ];
    expect(openStops(problems)).toBe(2);
  });

  it('says the count in words for the banner and the title', () => {
    expect(stopsOpenText(1)).toBe('1 STOP OPEN');
    expect(stopsOpenText(2)).toBe('2 STOPS OPEN');
  });

  it('draws the count into an SVG favicon', () => {
    const svg = decodeURIComponent(stopFavicon(3).replace('data:image/svg+xml,', ''));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('>3</text>');
    expect(decodeURIComponent(stopFavicon(120))).toContain('>99+</text>');
  });
});
