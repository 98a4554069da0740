// Setting up people over HTTP, as a browser would (with its Origin), for tests that need someone
// signed in but are not about signing in.

export const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'a long enough password' };
export const MEMBER = { name: 'Bo Member', email: 'bo@example.com', password: 'bo has a long password' };

async function post(url: string, path: string, body: object, cookie?: string): Promise<Response> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

function sessionOf(response: Response, path: string): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('andon_session='))?.split(';')[0];
  if (!cookie) throw new Error(`POST ${path} set no andon_session cookie`);
  return cookie;
}

/** Creates the first admin; answers their session as a Cookie header (`andon_session=…`). */
export async function setUpAdmin(url: string): Promise<string> {
  return sessionOf(await post(url, '/api/setup', ADMIN), '/api/setup');
}

/** An API token's Authorization header, made by the admin. */
export async function createToken(url: string, adminCookie: string, name: string): Promise<string> {
  const response = await post(url, '/api/tokens', { name }, adminCookie);
  return `Bearer ${((await response.json()) as { token: string }).token}`;
}

/** Invites a member and accepts the invite as them; answers their session as a Cookie header. */
export async function addMember(url: string, adminCookie: string, member = MEMBER): Promise<string> {
  const invite = (await (await post(url, '/api/invites', { email: member.email }, adminCookie)).json()) as { code: string };
  const path = `/api/invites/${invite.code}/accept`;
  return sessionOf(await post(url, path, { name: member.name, password: member.password }), path);
}


/** Makes the people signed in with these sessions the responders of an area, as an admin would in Settings. */
export async function setResponders(url: string, adminCookie: string, area: string, sessions: string[]): Promise<void> {
  const userIds: string[] = [];
  for (const cookie of sessions) {
    const me = await fetch(`${url}/api/me`, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
    userIds.push(((await me.json()) as { user: { id: string } }).user.id);
  }
  const response = await fetch(`${url}/api/areas/${area}/responders`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', origin: url, cookie: adminCookie },
    body: JSON.stringify({ userIds }),
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 200) throw new Error(`PUT responders answered ${response.status}: ${await response.text()}`);
}

/** Makes a password-reset link for the person with this email, as the admin; answers the link's code. */
export async function makeResetLink(url: string, adminCookie: string, email: string): Promise<string> {
  const headers = { cookie: adminCookie, origin: url };
  const members = (await (await fetch(`${url}/api/members`, { headers })).json()) as { items: Array<{ id: string; email: string }> };
  const member = members.items.find((m) => m.email === email);
  if (!member) throw new Error(`nobody has the email ${email}`);
  const { link } = (await (await post(url, `/api/members/${member.id}/password-reset`, {}, adminCookie)).json()) as { link: string };
  return new URL(link).pathname.split('/').pop() ?? '';
}
