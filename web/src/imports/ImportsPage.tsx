import { useCallback, useEffect, useRef, useState } from 'react';
import { customerFiles, type ExportFormat } from '../api/endpoints';
import { useSession } from '../auth/session';
import { DownloadLinks } from '../ui/DownloadLinks';
import { navigate, useLocation } from '../router';
import { ImportForm } from './ImportForm';
import { ImportList, importPath } from './ImportList';
import { ImportPanel } from './ImportPanel';

/**
 * Imports (managers and admins, /imports): bring in a file from another system (a till, a mailing
 * tool, a service desk, an address book), see what it would do, import it, and undo it as a whole.
 * /imports?import={id} shows one import: its check, its progress, what it did. Admins also export
 * every customer here, as a file the import reads back; a manager is told an admin does.
 */
export function ImportsPage() {
  const { me } = useSession();
  const manager = me.role !== 'frontline';
  const openId = useLocation().searchParams.get('import');
  const heading = useRef<HTMLHeadingElement>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    document.title = 'Import · Rapport';
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const close = useCallback((message?: string) => {
    setNotice(message ?? '');
    navigate('/imports');
    setVersion((v) => v + 1);
    requestAnimationFrame(() => heading.current?.focus({ preventScroll: true }));
  }, []);

  if (!manager) {
    return (
      <section className="page narrow" aria-labelledby="imports-heading">
        <h1 id="imports-heading" ref={heading} tabIndex={-1}>
          Import
        </h1>
        <p>A manager imports customers, purchases and contacts from other systems. Ask one if you have a file to bring in.</p>
      </section>
    );
  }

  return (
    <section className="page imports" aria-labelledby="imports-heading">
      <h1 id="imports-heading" ref={heading} tabIndex={-1}>
        Import
      </h1>
      <p className="hint" role="status">
        {openId ? '' : notice}
      </p>
      {openId ? (
        <ImportPanel key={openId} id={openId} onChanged={changed} onClose={close} />
      ) : (
        <ImportForm
          onStarted={(started) => {
            setNotice('');
            navigate(importPath(started.id));
            changed();
          }}
        />
      )}
      {me.role === 'admin' ? <ExportEveryCustomer /> : <p className="hint">An admin exports every customer, as a spreadsheet, contact cards or JSON lines.</p>}
      <ImportList version={version} />
    </section>
  );
}

/** Each format's link: its words (kept on one line), and its whole name ("Download every customer as a spreadsheet (CSV)"). */
const everyCustomerFiles: { format: ExportFormat; text: string; name: string }[] = [
  { format: 'csv', text: 'a spreadsheet\u00a0(CSV)', name: 'Download every customer as a spreadsheet (CSV)' },
  { format: 'vcard', text: 'contact cards\u00a0(vCard)', name: 'Download every customer as contact cards (vCard)' },
  { format: 'jsonl', text: 'JSON\u00a0lines', name: 'Download every customer as JSON lines' },
];

/** "Export every customer" (admins): plain links, the server streams the file. Spaced as the import form's card. */
function ExportEveryCustomer() {
  return (
    <section className="card import-form" aria-labelledby="export-every-title">
      <h2 id="export-every-title">Export every customer</h2>
      <p className="hint">
        Every customer with their emails, phones, addresses, ids in other systems, employer and job title, and their notes (a private note never leaves); the
        spreadsheet is one an import here reads back.
      </p>
      <DownloadLinks lead="Download as" links={everyCustomerFiles.map(({ format, text, name }) => ({ href: customerFiles.everyUrl(format), text, name }))} />
    </section>
  );
}
