import { useDismiss } from '../ui/useDismiss';
import { useCallback, useEffect, useId, useRef, useState, type MouseEvent } from 'react';
import { notifications as api } from '../api/endpoints';
import type { NotificationList, StaffNotification } from '../api/types';
import { navigate } from '../router';
import { ago, fullDate, plural } from '../ui/format';

/** How often the unread count is asked for while the app is open (also on returning to the window). */
const pollMs = 60_000;

/**
 * The header's notifications: a button that says how many are unread (in its name, "Notifications,
 * 2 unread", so a screen reader reads the count), and opens the list below it. Opening one goes to its link and marks it
 * read; "Mark all read" clears the count. Escape, a click elsewhere or tabbing past it closes the list.
 */
export function NotificationsButton() {
  const [list, setList] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const seenUnread = useRef<number | null>(null);
  const panelId = useId();
  const headingId = useId();

  const show = useCallback((next: NotificationList) => {
    const before = seenUnread.current;
    if (before !== null && next.unread > before) setAnnouncement(plural(next.unread - before, 'new notification'));
    seenUnread.current = next.unread;
    setList(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      show(await api.list());
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [show]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), pollMs);
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [refresh]);

  useDismiss(open, () => setOpen(false), button, [panel, button]);

  const markedRead = (ids: Set<string> | 'all') =>
    setList((current) => {
      if (!current) return current;
      const now = new Date().toISOString();
      const items = current.items.map((n) => (!n.readAt && (ids === 'all' || ids.has(n.id)) ? { ...n, readAt: now } : n));
      const cleared = current.items.filter((n) => !n.readAt && (ids === 'all' || ids.has(n.id))).length;
      const unread = ids === 'all' ? 0 : Math.max(0, current.unread - cleared);
      seenUnread.current = unread;
      return { ...current, items, unread };
    });

  const openOne = (notification: StaffNotification, event: MouseEvent<HTMLAnchorElement>) => {
    // A plain click stays in the app; Ctrl/Cmd-click opens a tab from the href. Either way it is read.
    if (event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      setOpen(false);
      navigate(notification.link);
    }
    if (notification.readAt) return;
    markedRead(new Set([notification.id]));
    api.read(notification.id).catch(() => void refresh());
  };

  const readAll = async () => {
    markedRead('all');
    setAnnouncement('All notifications marked read');
    try {
      await api.readAll();
    } catch {
      void refresh();
    }
  };

  const showOlder = async () => {
    if (!list?.nextCursor) return;
    try {
      const older = await api.list(20, list.nextCursor);
      setList((current) => current && { ...older, items: [...current.items, ...older.items] });
    } catch {
      setFailed(true);
    }
  };

  const unread = list?.unread ?? 0;
  const toggle = () => {
    if (!open) void refresh();
    setOpen(!open);
  };

  return (
    <div
      className="notifications"
      onBlur={(event) => {
        // Tabbing on past the list closes it (a click on its text moves focus nowhere and keeps it).
        if (open && event.relatedTarget && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="notifications-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm-2.6 16a2.7 2.7 0 0 0 5.2 0Z" fill="currentColor" />
        </svg>
        {/* The name is what shows ("Notifications 3"), and says what the number is: axe's label-content-name-mismatch. */}
        <span className="notifications-word">Notifications</span>
        {unread > 0 ? (
          <span className="count">
            {unread > 99 ? '99+' : unread}
            <span className="visually-hidden"> unread</span>
          </span>
        ) : null}
      </button>
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
      {open ? (
        <div ref={panel} id={panelId} className="notifications-panel" role="region" aria-labelledby={headingId}>
          <div className="notifications-head">
            <h2 id={headingId}>Notifications</h2>
            <button type="button" className="quiet small" onClick={() => void readAll()} disabled={unread === 0}>
              Mark all read
            </button>
          </div>
          {failed ? <p className="error">Your notifications could not be loaded. They are tried again in a minute.</p> : null}
          {list && list.items.length === 0 ? <p className="muted">Nothing to look at: reminders of promises, cases and customers to keep in touch with show here.</p> : null}
          {list && list.items.length > 0 ? (
            <ul>
              {list.items.map((n) => (
                <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
                  <a href={n.link} onClick={(event) => openOne(n, event)}>
                    <span className="notification-title">
                      {n.readAt ? null : <span className="visually-hidden">Unread: </span>}
                      {n.title}
                    </span>
                    {n.body ? <span className="notification-body">{n.body}</span> : null}
                    <time dateTime={n.createdAt} title={fullDate(n.createdAt)}>
                      {ago(n.createdAt)}
                    </time>
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {list?.nextCursor ? (
            <button type="button" className="quiet small" onClick={() => void showOlder()}>
              Show older
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
