import { describe, expect, it } from 'vitest';
import { LIVE_CLOSE, LIVE_PROTOCOL } from '../../shared/live.ts';
import { parseClientMessage } from './client-messages.ts';

const text = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseClientMessage', () => {
  it.each([
    { type: 'hello', protocol: LIVE_PROTOCOL },
    { type: 'hello', protocol: LIVE_PROTOCOL, since: 0 },
    { type: 'subscribe' },
    { type: 'subscribe', areas: ['line-1', 'general'], problem: 7 },
    { type: 'ping', nonce: 'abc' },
  ])('accepts %j', (message) => {
    expect(parseClientMessage(text(message), false)).toEqual({ ok: true, message });
  });

  it('reads a fragmented message delivered as several buffers', () => {
    expect(parseClientMessage([Buffer.from('{"type":'), Buffer.from('"ping"}')], false)).toEqual({ ok: true, message: { type: 'ping' } });
  });

  it.each<[string, Buffer, boolean, number, RegExp]>([
    ['a binary frame', text({ type: 'ping' }), true, LIVE_CLOSE.unsupportedData, /binary/],
    ['text that is not JSON', text('{nope'), false, LIVE_CLOSE.invalidPayload, /not valid JSON/],
    ['JSON that is not an object', text('42'), false, LIVE_CLOSE.policyViolation, /unknown message type undefined/],
    ['an unknown type', text({ type: 'shout' }), false, LIVE_CLOSE.policyViolation, /unknown message type "shout"/],
    ['a negative cursor', text({ type: 'hello', protocol: LIVE_PROTOCOL, since: -1 }), false, LIVE_CLOSE.policyViolation, /invalid hello message: since/],
    ['another protocol version', text({ type: 'hello', protocol: 2 }), false, LIVE_CLOSE.policyViolation, /invalid hello message: protocol/],
    ['an unknown field', text({ type: 'ping', extra: 1 }), false, LIVE_CLOSE.policyViolation, /invalid ping message/],
    ['an area that is not a slug', text({ type: 'subscribe', areas: ['Line 1'] }), false, LIVE_CLOSE.policyViolation, /invalid subscribe message: areas\.0/],
  ])('refuses %s', (_what, data, isBinary, closeCode, reason) => {
    const parsed = parseClientMessage(data, isBinary);
    expect(parsed).toMatchObject({ ok: false, closeCode });
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('keeps a close reason within the 123 bytes a close frame allows', () => {
    const parsed = parseClientMessage(text({ type: 'é'.repeat(500) }), false);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Buffer.byteLength(parsed.reason)).toBeLessThanOrEqual(123);
  });
});
