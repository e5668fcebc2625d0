import { customerPath, Link } from '../router';
import { recentCustomers } from './recent';

export function RecentCustomers() {
  const recent = recentCustomers();
  if (!recent.length) return null;
  return (
    <nav className="recent" aria-labelledby="recent-title">
      <h2 id="recent-title">Opened recently</h2>
      <ul>
        {recent.map((r) => (
          <li key={r.id}>
            <Link href={customerPath(r.id)}>{r.displayName}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
