import { deleting } from '../api/endpoints';
import type { Customer } from '../api/types';
import { forgetCustomer } from '../lookup/recent';
import { customerPath, navigate } from '../router';
import { DeleteButton } from './DeleteButton';
import { offerUndo } from './undo-notice';

/** Delete a customer (admins): they and everything recorded about them go to the trash; Undo brings them back. */
export function DeleteCustomer({ customer }: { customer: Customer }) {
  const name = customer.displayName;
  const remove = async () => {
    const receipt = await deleting.customer(customer.id);
    forgetCustomer(customer.id);
    navigate('/');
    offerUndo({
      message: `${name} moved to the trash, with everything recorded about them.`,
      what: name,
      trashId: receipt.trashId,
      after: () => navigate(customerPath(customer.id)),
    });
  };
  return (
    <DeleteButton
      text="Delete customer"
      label={`Delete customer ${name}`}
      question={`Delete ${name}?`}
      hint="They go to the trash with everything recorded about them: you can undo it now, and a manager can restore them later. To forget them for good, erase their personal data instead."
      onDelete={remove}
    />
  );
}
