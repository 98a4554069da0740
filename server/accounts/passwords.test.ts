import { describe, expect, it } from 'vitest';
import { createPasswordHasher, PASSWORD_COST } from './passwords.ts';

describe('passwords', () => {
  const passwords = createPasswordHasher();

  it('never stores the password and verifies only the right one, at the production cost', async () => {
    const hash = await passwords.hash('correct horse battery');
    expect(hash).not.toContain('correct horse battery');
    expect(hash.startsWith(`scrypt$${PASSWORD_COST.N}$${PASSWORD_COST.r}$${PASSWORD_COST.p}$`)).toBe(true);
    expect(await passwords.verify('correct horse battery', hash)).toBe(true);
    expect(await passwords.verify('correct horse batterz', hash)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await passwords.hash('same password here')).not.toBe(await passwords.hash('same password here'));
  });

  it('checks a hash at the cost it was made with, so raising the cost keeps old passwords working', async () => {
    const old = await createPasswordHasher({ N: 2 ** 10, r: 8, p: 1 }).hash('an older password');
    expect(await passwords.verify('an older password', old)).toBe(true);
    expect(await passwords.verify('an older passwore', old)).toBe(false);
  });
});
