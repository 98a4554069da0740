import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_CLOSE } from '../../shared/live.ts';
import { connect, startLiveApp, type LiveApp, type LiveClient } from './live-harness.ts';

let t: LiveApp;
let bystander: LiveClient;
beforeAll(async () => {
  t = await startLiveApp();
  bystander = await connect(t.url, { authorization: t.token });
});
afterAll(() => t.close());

/** The bystander, on the same server, still gets the next event and still answers pings. */
async function expectBystanderUnaffected(): Promise<void> {
  const seen = bystander.seqs().length;
  const [number] = await t.raise(1);
  await bystander.waitFor((c) => c.seqs().length === seen + 1);
  expect(bystander.messages.at(-1)).toMatchObject({ type: 'event', data: { number } });
  bystander.send({ type: 'ping', nonce: `after-${number}` });
  await bystander.waitFor((c) => c.messages.at(-1)?.type === 'pong');
  expect(bystander.messages.at(-1)).toEqual({ type: 'pong', nonce: `after-${number}` });
}

describe('frames a client must not send', () => {
  it.each<[string, string | Buffer, number, RegExp]>([
    ['a message over 64 KiB', JSON.stringify({ type: 'ping', nonce: 'x'.repeat(70_000) }), LIVE_CLOSE.messageTooBig, /.*/],
    ['malformed JSON', '{"type": "ping"', LIVE_CLOSE.invalidPayload, /JSON/],
    ['an unknown message type', JSON.stringify({ type: 'shout' }), LIVE_CLOSE.policyViolation, /unknown message type "shout"/],
    ['a subscribe with an area that is not a slug', JSON.stringify({ type: 'subscribe', areas: ['Not A Slug'] }), LIVE_CLOSE.policyViolation, /invalid subscribe message: areas/],
    ['a hello for another protocol version', JSON.stringify({ type: 'hello', protocol: 99 }), LIVE_CLOSE.policyViolation, /invalid hello message/],
    ['a binary frame', Buffer.from([1, 2, 3]), LIVE_CLOSE.unsupportedData, /binary/],
  ])('closes the connection on %s, and no one else notices', async (_what, frame, code, reason) => {
    const client = await connect(t.url, { authorization: t.token });
    client.ws.send(frame, { binary: Buffer.isBuffer(frame) });
    const closed = await client.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason).toMatch(reason);
    await expectBystanderUnaffected();
  });

  it('answers a ping with a pong carrying its nonce', async () => {
    const client = await connect(t.url, { authorization: t.token });
    client.send({ type: 'ping', nonce: 'n-1' });
    await client.waitFor((c) => c.messages.length === 2);
    expect(client.messages[1]).toEqual({ type: 'pong', nonce: 'n-1' });
    client.ws.close();
  });
});
