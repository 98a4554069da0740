import { describe, expect, it } from 'vitest';
import { TIMELINE_KINDS } from '../../../shared/values/timeline.ts';
import { KIND_LOOK } from './timeline-words.ts';

describe('how each kind of timeline entry looks', () => {
  it('gives every kind its own word and its own mark, so none is told apart by colour alone', () => {
    const labels = TIMELINE_KINDS.map((kind) => KIND_LOOK[kind].label);
    const marks = TIMELINE_KINDS.map((kind) => KIND_LOOK[kind].mark);
    expect(new Set(labels).size).toBe(TIMELINE_KINDS.length);
    expect(new Set(marks).size).toBe(TIMELINE_KINDS.length);
  });
});
