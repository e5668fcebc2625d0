import { useEffect, useRef, useState } from 'react';
import { AdminPage } from './admin/AdminPage';
import { useSession } from './auth/session';
import { CustomerPage } from './customers/CustomerPage';
import { CasePage } from './cases/CasePage';
import { CasesPage } from './cases/CasesPage';
import { LookupDialog } from './lookup/LookupDialog';
import { LookupHome } from './lookup/LookupHome';
import { NotificationsButton } from './notifications/NotificationsButton';
import { Link, useLocation } from './router';
import { TrashPage } from './trash/TrashPage';
import { MailToFilePage } from './email/MailToFilePage';
import { UndoStatus } from './trash/UndoStatus';
import { KeepInTouchPage } from './contact-state/KeepInTouchPage';
import { MergePage } from './merges/MergePage';
import { ImportsPage } from './imports/ImportsPage';
import { MailingsPage } from './mailings/MailingsPage';
import { DuplicatesPage } from './duplicates/DuplicatesPage';
import { DataQualityPage } from './data-quality/DataQualityPage';
import { WaitingPage } from './contact-state/WaitingPage';
import { UrgentIntakePage } from './urgent/UrgentIntakePage';
import { HelpReportPage } from './urgent/HelpReportPage';
import { FillInLaterPage } from './urgent/FillInLaterPage';
import { HandoffsRoute, isHandoffsPath } from './handoffs/HandoffsRoute';
import { HeaderMenu, type MenuLink } from './ui/HeaderMenu';
import { shortcutLabel } from './ui/shortcut';


/** The signed-in frame: header, the screen for the address, and Ctrl/Cmd+K lookup from anywhere. */
export function Shell() {
  const { me, signOut } = useSession();
  const { pathname } = useLocation();
  const [lookupOpen, setLookupOpen] = useState(false);
  const home = pathname === '/';
  const homeRef = useRef(home);
  homeRef.current = home;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        if (homeRef.current) document.getElementById('lookup-input')?.focus();
        else setLookupOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => setLookupOpen(false), [pathname]);

  const customer = /^\/customers\/([^/]+)$/.exec(pathname)?.[1];
  const admin = /^\/admin(?:\/([^/]+))?$/.exec(pathname);
  const caseId = /^\/cases\/([^/]+)$/.exec(pathname)?.[1];
  const mergeInto = /^\/customers\/([^/]+)\/merge$/.exec(pathname)?.[1];
  // Looking after the data (managers and admins) and running Rapport (admins): one header entry, so the everyday ones stay in reach.
  const manage: MenuLink[] = [
    ...(me.role !== 'frontline'
      ? [
          { href: '/imports', label: 'Import', current: pathname === '/imports' },
          { href: '/mailings', label: 'Mailings', current: pathname === '/mailings' },
          { href: '/duplicates', label: 'Duplicates', current: pathname === '/duplicates' },
          { href: '/data-quality', label: 'Data quality', current: pathname === '/data-quality' },
          { href: '/trash', label: 'Trash', current: pathname === '/trash' },
          { href: '/mail-to-file', label: 'Mail to file', current: pathname === '/mail-to-file' },
        ]
      : []),
    ...(me.role === 'admin' ? [{ href: '/admin/staff', label: 'Admin', current: admin !== null }] : []),
  ];

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          Rapport
        </Link>
        {!home ? (
          <button type="button" className="lookup-button" onClick={() => setLookupOpen(true)} aria-keyshortcuts="Control+K Meta+K">
            Look up <kbd>{shortcutLabel}</kbd>
          </button>
        ) : null}
        <Link href="/waiting" className="header-link" aria-current={pathname === '/waiting' || pathname === '/keep-in-touch' ? 'page' : undefined}>
          Waiting
        </Link>
        <Link href="/cases" className="header-link" aria-current={pathname === '/cases' ? 'page' : undefined}>
          Cases
        </Link>
        <Link href="/handoffs" className="header-link" aria-current={isHandoffsPath(pathname) ? 'page' : undefined}>
          Hand-offs
        </Link>
        {manage.length ? <HeaderMenu label="Manage" links={manage} /> : null}
        <NotificationsButton />
        <span className="who" title={me.email ?? undefined}>
          {me.name}
        </span>
        <button type="button" className="quiet" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {home ? (
          <LookupHome />
        ) : customer ? (
          <CustomerPage key={customer} id={decodeURIComponent(customer)} />
        ) : admin ? (
          <AdminPage section={admin[1] ?? 'staff'} />
        ) : pathname === '/mail-to-file' ? (
          <MailToFilePage />
        ) : pathname === '/trash' ? (
          <TrashPage />
        ) : pathname === '/imports' ? (
          <ImportsPage />
        ) : pathname === '/mailings' ? (
          <MailingsPage />
        ) : pathname === '/duplicates' ? (
          <DuplicatesPage />
        ) : pathname === '/data-quality' ? (
          <DataQualityPage />
        ) : isHandoffsPath(pathname) ? (
          <HandoffsRoute />
        ) : pathname === '/cases' ? (
          <CasesPage />
        ) : pathname === '/urgent/new' ? (
          <UrgentIntakePage key={window.location.search} />
        ) : pathname === '/cases/help-report' ? (
          <HelpReportPage />
        ) : pathname === '/fill-in-later' ? (
          <FillInLaterPage />
        ) : mergeInto ? (
          <MergePage key={mergeInto} id={decodeURIComponent(mergeInto)} />
        ) : caseId ? (
          <CasePage key={caseId} id={decodeURIComponent(caseId)} />
        ) : pathname === '/waiting' ? (
          <WaitingPage />
        ) : pathname === '/keep-in-touch' ? (
          <KeepInTouchPage />
        ) : (
          <NotFound />
        )}
      </main>
      {lookupOpen ? <LookupDialog onClose={() => setLookupOpen(false)} /> : null}
      <UndoStatus />
    </>
  );
}

function NotFound() {
  return (
    <section className="page narrow">
      <h1>Nothing here</h1>
      <p>
        This address shows no screen. <Link href="/">Look up a customer</Link> instead.
      </p>
    </section>
  );
}
