import type { Customer } from '../api/types';
import { useSession } from '../auth/session';
import { DeleteCustomer } from '../trash/DeleteCustomer';
import { CopyOfData } from './CopyOfData';
import { EraseCustomer } from './EraseCustomer';

/**
 * The customer's rights over their data, for managers and admins: a copy of everything we hold;
 * for admins also deleting the customer (to the trash) and erasing their personal data (for good).
 */
export function TheirData({ customer, onErased }: { customer: Customer; onErased: () => void }) {
  const { me } = useSession();
  if (me.role === 'frontline') return null;
  return (
    <section className="card their-data" aria-labelledby="their-data-title">
      <h2 id="their-data-title">Their data</h2>
      <CopyOfData customer={customer} />
      {me.role === 'admin' ? (
        <div className="their-data-admin">
          <DeleteCustomer customer={customer} />
          <EraseCustomer customer={customer} onErased={onErased} />
        </div>
      ) : null}
    </section>
  );
}
