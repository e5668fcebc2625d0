import { useState } from 'react';

/**
 * Whether the quick-log bar answers single-key shortcuts (V, C, E, …). WCAG 2.1.4: a person who
 * speaks commands or slips on the keyboard can turn them off; this browser remembers the choice.
 */
const key = 'rapport.shortcuts';

export function shortcutsOn(): boolean {
  try {
    return localStorage.getItem(key) !== 'off';
  } catch {
    return true;
  }
}

export function useShortcutSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(shortcutsOn);
  const set = (next: boolean) => {
    setOn(next);
    try {
      localStorage.setItem(key, next ? 'on' : 'off');
    } catch {
      // storage disabled: the choice holds for this page only
    }
  };
  return [on, set];
}
