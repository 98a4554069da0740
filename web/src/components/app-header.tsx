import { Link, useLocation } from 'wouter';
import { useSession } from '../session/session-context.tsx';

function NavLink({ href, children }: { href: string; children: string }) {
  const [location] = useLocation();
  const current = href === '/' ? location === '/' : location === href || location.startsWith(href + '/');
  return (
    <Link href={href} className="nav__link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function AppHeader() {
  const { session, signOut } = useSession();
  const [, navigate] = useLocation();
  async function signOutAndLeave() {
    await signOut();
    // Straight to sign-in, not "sign in to get back to the page you just left".
    navigate('/signin', { replace: true });
  }
  const user = session.phase === 'signed-in' ? session.user : null;
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="app-header__inner">
        <Link href={user ? '/' : '/signin'} className="brand" aria-label="Andon home">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">Andon</span>
        </Link>
        {user && (
          <>
            <nav aria-label="Main" className="nav">
              <NavLink href="/">Pull</NavLink>
              <NavLink href="/board">Board</NavLink>
              <NavLink href="/learnings">Learnings</NavLink>
              <NavLink href="/history">History</NavLink>
              <NavLink href="/alerts">Alerts</NavLink>
              <NavLink href="/flow">Flow</NavLink>
              {user.role === 'admin' && <NavLink href="/settings">Settings</NavLink>}
            </nav>
            <div className="app-header__account">
              <Link href="/account" className="app-header__user" title={`Your account (${user.email})`}>
                {user.name}
              </Link>
              <button type="button" className="button button--quiet button--small" onClick={() => void signOutAndLeave()}>
                Sign out
              </button>
            </div>
          </>
        )}
      </div>
      {session.phase === 'signed-in' && session.unconfirmed && (
        <p className="offline-banner" role="status">
          Cannot reach the Andon server. You can still pull: pulls are kept on this device and sent when it is back.
        </p>
      )}
    </header>
  );
}
