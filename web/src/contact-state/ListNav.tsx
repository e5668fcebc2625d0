import { Link, useLocation } from '../router';

/** The two follow-up lists: who is waiting for an answer, and who is due a contact. */
export function ListNav() {
  const { pathname } = useLocation();
  const item = (href: string, label: string) => (
    <li>
      <Link href={href} aria-current={pathname === href ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );
  return (
    <nav aria-label="Follow-up lists" className="follow-up-nav">
      <ul className="plain">
        {item('/waiting', 'Waiting for an answer')}
        {item('/keep-in-touch', 'Keep in touch')}
      </ul>
    </nav>
  );
}
