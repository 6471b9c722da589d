/** Sign-in first; then the page the URL names. */
import { useEffect } from 'react';
import { ErrorMessage, Loading } from './components/States.tsx';
import { Layout } from './components/Layout.tsx';
import { AdministrationPage } from './pages/AdministrationPage.tsx';
import { AdoptionPage } from './pages/AdoptionPage.tsx';
import { AuditLogPage } from './pages/AuditLogPage.tsx';
import { CompliancePage } from './pages/CompliancePage.tsx';
import { DevicePage } from './pages/DevicePage.tsx';
import { PeoplePage, PersonPage } from './pages/PeoplePage.tsx';
import { InventoryPage } from './pages/Inventory.tsx';
import { SignInPage } from './pages/SignIn.tsx';
import { Link, navigate, returnPath, useLocation } from './router.tsx';
import { useSession } from './session.tsx';

export function App() {
  const { state, recheck } = useSession();
  const { pathname, search } = useLocation();
  const next = search.get('next');

  // The address bar says where the person is: /sign-in while signed out (remembering the page asked for, filters
  // included), and that page (or the inventory) once signed in.
  useEffect(() => {
    if (state.phase === 'signed-out' && pathname !== '/sign-in') {
      const asked = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + window.location.search)}`;
      navigate(`/sign-in${asked}`, { replace: true });
    }
    if (state.phase === 'signed-in' && (pathname === '/sign-in' || pathname === '/')) {
      navigate(returnPath(next), { replace: true });
    }
  }, [state.phase, pathname, next]);

  if (state.phase === 'checking') return <Loading what="the console" />;
  if (state.phase === 'unreachable') return <ErrorMessage message={state.message} onRetry={recheck} />;
  if (state.phase === 'signed-out') return <SignInPage notice={state.notice} />;
  return <Layout>{pageFor(pathname)}</Layout>;
}

function pageFor(pathname: string) {
  if (pathname === '/inventory' || pathname === '/' || pathname === '/sign-in') return <InventoryPage />;
  const device = /^\/devices\/([^/]+)$/.exec(pathname);
  if (device?.[1]) return <DevicePage id={decodeURIComponent(device[1])} />;
  const person = /^\/people\/([^/]+)$/.exec(pathname);
  if (person?.[1]) return <PersonPage id={decodeURIComponent(person[1])} />;
  if (pathname === '/people') return <PeoplePage />;
  if (pathname === '/compliance') return <CompliancePage />;
  if (pathname === '/adoption') return <AdoptionPage />;
  if (pathname === '/audit-log') return <AuditLogPage />;
  if (pathname === '/api-keys') return <AdministrationPage />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        The console has no page at {pathname}. Go to the <Link href="/inventory">inventory</Link>.
      </p>
    </section>
  );
}
