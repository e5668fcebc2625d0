import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/session';
import { navigate, useLocation } from '../router';
import { ImportForm } from './ImportForm';
import { ImportList, importPath } from './ImportList';
import { ImportPanel } from './ImportPanel';

/**
 * Imports (managers and admins, /imports): bring in a file from another system (a till, a mailing
 * tool, a service desk, an address book), see what it would do, import it, and undo it as a whole.
 * /imports?import={id} shows one import: its check, its progress, what it did.
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
      <ImportList version={version} />
    </section>
  );
}
