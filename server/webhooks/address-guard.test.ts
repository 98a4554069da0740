import { describe, expect, it } from 'vitest';
import { refusalOf, vetWebhookUrl, type Resolver } from './address-guard.ts';

const to = (address: string): Resolver => async () => [{ address, family: address.includes(':') ? 6 : 4 }];

describe('the webhook address guard', () => {
  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1', '169.254.169.254', '10.1.2.3', '192.168.1.1', '172.16.0.1', '0.0.0.0', '::', '224.0.0.1', 'fe80::1', 'fc00::1', '255.255.255.255', '64:ff9b::7f00:1', '2002:7f00:1::'])(
    'refuses %s', (address) => expect(refusalOf(address, false)).not.toBeNull());

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])('allows the public address %s', (address) =>
    expect(refusalOf(address, false)).toBeNull());

  it('allows private and loopback addresses when told to, but never link-local (cloud metadata)', () => {
    expect(refusalOf('10.1.2.3', true)).toBeNull();
    expect(refusalOf('127.0.0.1', true)).toBeNull();
    expect(refusalOf('169.254.169.254', true)).not.toBeNull();
    expect(refusalOf('::ffff:169.254.169.254', true)).not.toBeNull();
  });

  it('refuses URLs that are not http(s), and IP literals in brackets', async () => {
    await expect(vetWebhookUrl('file:///etc/passwd', false, to('93.184.216.34'))).rejects.toThrow('http');
    await expect(vetWebhookUrl('http://[::1]:8080/', false, to('93.184.216.34'))).rejects.toThrow('loopback');
    await expect(vetWebhookUrl('http://[::ffff:127.0.0.1]/', false, to('93.184.216.34'))).rejects.toThrow('loopback');
  });

  it('refuses a name when any address it resolves to is refused, and pins the vetted one', async () => {
    const mixed: Resolver = async () => [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }];
    await expect(vetWebhookUrl('https://chat.example.com/hook', false, mixed)).rejects.toThrow('127.0.0.1');
    const vetted = await vetWebhookUrl('https://chat.example.com/hook', false, to('93.184.216.34'));
    expect(vetted).toMatchObject({ address: '93.184.216.34', family: 4 });
  });
});
