import { useEffect, useRef } from 'react';
import { useSession } from '../auth/session';
import { Link } from '../router';
import { AuditAdmin } from './audit/AuditAdmin';
import { LocationsAdmin } from './locations/LocationsAdmin';
import { StaffAdmin } from './staff/StaffAdmin';
import { TokensAdmin } from './tokens/TokensAdmin';
import { CaseTargetsAdmin } from '../cases/CaseTargetsAdmin';
import { CaseTypesAdmin } from '../urgent/CaseTypesAdmin';
import { WebhooksAdmin } from '../webhooks/WebhooksAdmin';

/** Daily administration, for admins: staff accounts, API tokens, locations and the audit trail. */
export const adminSections = [
  { key: 'staff', label: 'Staff', Screen: StaffAdmin },
  { key: 'tokens', label: 'API tokens', Screen: TokensAdmin },
  { key: 'locations', label: 'Locations', Screen: LocationsAdmin },
  { key: 'audit', label: 'Audit trail', Screen: AuditAdmin },
  { key: 'targets', label: 'Response targets', Screen: CaseTargetsAdmin },
  { key: 'case-types', label: 'Case types', Screen: CaseTypesAdmin },
  { key: 'webhooks', label: 'Webhooks', Screen: WebhooksAdmin },
] as const;

export type AdminSection = (typeof adminSections)[number]['key'];

export const adminPath = (section: AdminSection) => `/admin/${section}`;

export function AdminPage({ section }: { section: string }) {
  const { me } = useSession();
  const heading = useRef<HTMLHeadingElement>(null);
  const current = adminSections.find((s) => s.key === section);

  useEffect(() => {
    document.title = `${current?.label ?? 'Administration'} · Rapport`;
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, [current]);

  if (me.role !== 'admin') {
    return (
      <section className="page narrow">
        <h1>Administration</h1>
        <p>Only admins manage staff accounts, tokens, locations and the audit trail. Ask an admin if something here needs changing.</p>
      </section>
    );
  }

  return (
    <section className="page admin" aria-labelledby="admin-heading">
      <h1 id="admin-heading" ref={heading} tabIndex={-1}>
        {current?.label ?? 'Administration'}
      </h1>
      <nav className="admin-nav" aria-label="Administration">
        <ul>
          {adminSections.map((s) => (
            <li key={s.key}>
              <Link href={adminPath(s.key)} aria-current={s.key === section ? 'page' : undefined}>
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current ? <current.Screen /> : <p>There is no such page of the administration. Choose one above.</p>}
    </section>
  );
}
