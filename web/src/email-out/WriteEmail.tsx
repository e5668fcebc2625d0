import { createContext, useContext, useState, type ReactNode } from 'react';
import type { Customer } from '../api/types';
import { useResource } from '../ui/useResource';
import { emailOut, type EmailComposerInfo } from './email-api';
import { EmailComposer } from './EmailComposer';

interface EmailOut {
  /** What the server says about writing to this customer (undefined while it loads). */
  info: EmailComposerInfo | undefined;
  /** Opens the composer: a new email, or a reply to the email of that interaction. */
  write: (replyTo?: string) => void;
  /** "Email sent to …", once one was. */
  sent: string;
}

const EmailOutContext = createContext<EmailOut | null>(null);

/** The customer page's email out: null elsewhere (the timeline of a case, say). */
export const useEmailOut = () => useContext(EmailOutContext);

/**
 * Email out on a customer's page: asks the server whether the signed-in person may write to this
 * customer (SMTP set up, an address, consent), and holds the composer, opened from the header's
 * "Write an email" or from an email in the timeline ("Reply by email"). Asked again when their
 * addresses or consent change.
 */
export function EmailOutProvider({ customer, consent, onSent, children }: { customer: Customer; consent: unknown; onSent: () => void; children: ReactNode }) {
  const addresses = customer.emails.map((e) => `${e.address}${e.primary ? '*' : ''}`).join(' ');
  const info = useResource(() => emailOut.composer(customer.id), [customer.id, addresses, consent]);
  const [open, setOpen] = useState<{ replyTo: string | null } | null>(null);
  const [sent, setSent] = useState('');

  const close = () => setOpen(null);
  const write = (replyTo?: string) => {
    setSent('');
    setOpen({ replyTo: replyTo ?? null });
  };

  return (
    <EmailOutContext.Provider value={{ info: info.data, write, sent }}>
      {children}
      {open && info.data?.canWrite ? (
        <EmailComposer
          customerId={customer.id}
          customerName={customer.displayName}
          info={info.data}
          replyTo={open.replyTo}
          onClose={close}
          onSent={(email) => {
            setSent(`Email sent to ${email.email.to}.`);
            close();
            onSent();
          }}
        />
      ) : null}
    </EmailOutContext.Provider>
  );
}

/**
 * The header's action: "Write an email" when the person may write to this customer; otherwise, when
 * they have an address, why not (email not set up, do not contact, opted out), in a line.
 */
export function WriteEmailAction() {
  const email = useEmailOut();
  if (!email?.info) return null;
  const { info, write, sent } = email;
  if (!info.canWrite) {
    if (info.addresses.length === 0 || !info.why) return null;
    const why = info.setUp ? info.why : 'writing email from Rapport is not set up (an admin sets RAPPORT_SMTP_URL and RAPPORT_MAIL_FROM).';
    return <span className="hint">No email from Rapport: {why}</span>;
  }
  return (
    <>
      <button type="button" className="quiet small" onClick={() => write()}>
        Write an email
      </button>{' '}
      <span role="status" className="hint">
        {sent}
      </span>
    </>
  );
}
