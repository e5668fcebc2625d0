import { deleting, type CustomerPart } from '../api/endpoints';
import type { Customer } from '../api/types';
import { useSession } from '../auth/session';
import { useCustomerRefresh } from '../customers/customer-refresh';
import { DeleteButton } from './DeleteButton';
import { findTrashEntry } from './find-trash-entry';
import { offerUndo } from './undo-notice';

const entityTypes: Record<CustomerPart, string> = { phones: 'phone', emails: 'email', addresses: 'address', relationships: 'relationship' };

/**
 * Remove a phone, an email, an address or a link (managers and admins); the status then offers Undo.
 * `what` names it for the button and the messages: "phone (217) 555-0142", "link to Carmen Alvarez".
 */
export function RemovePart({ customer, part, itemId, what, onSaved }: { customer: Customer; part: CustomerPart; itemId: string; what: string; onSaved: (c: Customer) => void }) {
  const { me } = useSession();
  const refresh = useCustomerRefresh();
  if (me.role === 'frontline' || !refresh) return null;

  const remove = async () => {
    onSaved(await deleting.customerPart(customer.id, part, itemId));
    offerUndo({
      message: `Removed the ${what}.`,
      what: `The ${what}`,
      trashId: () => findTrashEntry(entityTypes[part], itemId),
      after: refresh,
    });
  };

  return <DeleteButton text="Remove" label={`Remove ${what}`} question={`Remove the ${what}?`} onDelete={remove} />;
}
