/** The frame of every signed-in page: a skip link, the navigation, who is signed in, and sign-out. */
import { type ReactNode, useEffect, useRef } from 'react';
import { Link, useLocation } from '../router.tsx';
import { useSession, useSignedIn } from '../session.tsx';

const ROLE_LABELS = {
  admin: 'Administrator',
  readonly_admin: 'Read-only administrator',
  supervisor: 'Supervisor',
  agent: 'Agent',
} as const;

type Role = keyof typeof ROLE_LABELS;
const ADMINS: readonly Role[] = ['admin', 'readonly_admin'];
const ALL: readonly Role[] = ['admin', 'readonly_admin', 'supervisor', 'agent'];

/** The pages, each shown only to the roles the API lets read what it shows (src/http/policy.ts). */
const NAVIGATION: readonly { href: string; label: string; matches: readonly string[]; roles: readonly Role[] }[] = [
  { href: '/inventory', label: 'Inventory', matches: ['/inventory', '/devices/'], roles: ALL },
  { href: '/people', label: 'People', matches: ['/people'], roles: ALL },
  { href: '/compliance', label: 'Compliance', matches: ['/compliance'], roles: ALL },
  { href: '/adoption', label: 'Adoption', matches: ['/adoption'], roles: [...ADMINS, 'supervisor'] },
  { href: '/audit-log', label: 'Audit log', matches: ['/audit-log'], roles: ADMINS },
  { href: '/api-keys', label: 'API keys and apps', matches: ['/api-keys'], roles: ADMINS },
];

export function Layout({ children }: { children: ReactNode }) {
  const { me } = useSignedIn();
  const { signOut } = useSession();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);
  // Moving to another page moves the keyboard focus to its content, as a full page load would.
  useEffect(() => {
    if (pathname !== firstPath.current) main.current?.focus();
    firstPath.current = '';
  }, [pathname]);
  const who = me.person
    ? [me.person.firstName, me.person.lastName].filter(Boolean).join(' ') || me.person.username
    : 'API key';

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">Ucfleet</span>
        <nav aria-label="Main">
          <ul>
            {NAVIGATION.filter((item) => item.roles.includes(me.role)).map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={item.matches.some((m) => pathname.startsWith(m)) ? 'page' : undefined}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {who} · {ROLE_LABELS[me.role]} · {me.tenant.name}
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {children}
      </main>
    </>
  );
}
