import { useDismiss } from './useDismiss';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from '../router';

export interface MenuLink {
  href: string;
  label: string;
  /** The screen shown now is this link's. */
  current: boolean;
}

/**
 * A header entry that opens a short list of links: a disclosure (a button that says whether it is
 * open, and the list under it), not an application menu, so links stay links to a screen reader and
 * Tab goes through them. Escape closes it and gives the keyboard back to the button; a click
 * elsewhere, tabbing on past it or going to another screen closes it too.
 */
export function HeaderMenu({ label, links }: { label: string; links: readonly MenuLink[] }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const { pathname, search } = useLocation();

  useEffect(() => setOpen(false), [pathname, search]);

  useDismiss(open, () => setOpen(false), button, [box]);

  const here = links.some((link) => link.current);
  return (
    <div
      ref={box}
      className="header-menu"
      onBlur={(event) => {
        if (open && event.relatedTarget && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button ref={button} type="button" className={here ? 'header-menu-button here' : 'header-menu-button'} aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        {label}
        <svg viewBox="0 0 12 12" aria-hidden="true" focusable="false">
          <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      <ul id={listId} className="header-menu-list" hidden={!open}>
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} aria-current={link.current ? 'page' : undefined} onClick={() => setOpen(false)}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
