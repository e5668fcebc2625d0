import { useRef, useState } from 'react';
import type { Customer } from '../api/types';
import { EraseDialog } from './EraseDialog';

/** "Erase personal data…" (admins): opens the dialog that asks, and hands focus back when it closes. */
export function EraseCustomer({ customer, onErased }: { customer: Customer; onErased: () => void }) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => opener.current?.focus());
  };
  return (
    <>
      <button ref={opener} type="button" className="quiet small erase" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Erase personal data…
      </button>
      {open ? (
        <EraseDialog
          customer={customer}
          onClose={close}
          onErased={() => {
            setOpen(false);
            onErased();
          }}
        />
      ) : null}
    </>
  );
}
