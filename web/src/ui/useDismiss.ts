import { useEffect, type RefObject } from 'react';

/**
 * Closes something opened from a button (a menu, a panel) on Escape, giving the focus back to the
 * button, and on a press anywhere outside the given elements.
 */
export function useDismiss(open: boolean, close: () => void, button: RefObject<HTMLElement | null>, inside: readonly RefObject<HTMLElement | null>[]): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      close();
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !inside.some((ref) => ref.current?.contains(event.target as Node))) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
    // The elements are refs (stable); close is read afresh on each opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
}
