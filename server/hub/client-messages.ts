import { Compile } from 'typebox/compile';
import { ClientMessage, LIVE_CLOSE } from '../../shared/live.ts';
import type { RawMessage } from './live-socket.ts';

export type ParsedMessage =
  | { ok: true; message: ClientMessage }
  | { ok: false; closeCode: number; reason: string };

const checkAny = Compile(ClientMessage);
// One checker per `type`, so a refusal can say what was wrong with the message the client meant to send.
const checkByType = new Map(
  ClientMessage.anyOf.map((variant) => [variant.properties.type.const as string, Compile(variant)] as const),
);

// A close reason must fit in 123 bytes of UTF-8.
const REASON_MAX = 120;

function refuse(closeCode: number, reason: string): ParsedMessage {
  return { ok: false, closeCode, reason: Buffer.from(reason).subarray(0, REASON_MAX).toString() };
}

function textOf(data: RawMessage): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Reads one client frame; a refusal carries the close code the connection must end with. */
export function parseClientMessage(data: RawMessage, isBinary: boolean): ParsedMessage {
  if (isBinary) return refuse(LIVE_CLOSE.unsupportedData, 'binary frames are not accepted; send JSON text');
  let value: unknown;
  try {
    value = JSON.parse(textOf(data));
  } catch {
    return refuse(LIVE_CLOSE.invalidPayload, 'message is not valid JSON');
  }
  if (checkAny.Check(value)) return { ok: true, message: value };

  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  const check = typeof type === 'string' ? checkByType.get(type) : undefined;
  if (typeof type !== 'string' || !check) {
    // JSON.stringify(undefined) is undefined, whatever its declared type says.
    const named = type === undefined ? 'undefined' : JSON.stringify(type);
    return refuse(LIVE_CLOSE.policyViolation, `unknown message type ${named}`);
  }
  const first = check.Errors(value).at(0);
  const where = first?.instancePath ? `${first.instancePath.slice(1).replaceAll('/', '.')} ` : '';
  return refuse(LIVE_CLOSE.policyViolation, `invalid ${type} message: ${where}${first?.message ?? 'is invalid'}`);
}
