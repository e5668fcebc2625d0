import { useId, useRef, useState } from 'react';

/**
 * A secret or link shown once: read-only, selected on focus, with a copy button. Falls back to
 * selecting the text where the clipboard API is unavailable (a plain-http address on a shop's network).
 */
export function CopyBox({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('Copied.');
    } catch {
      input.current?.select();
      const copied = typeof document.execCommand === 'function' && document.execCommand('copy');
      setStatus(copied ? 'Copied.' : 'Copying did not work here: the text is selected, copy it with the keyboard.');
    }
  };

  return (
    <div className="field copy-box">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} ref={input} readOnly value={value} spellCheck={false} autoComplete="off" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={() => void copy()}>
          {copyLabel}
        </button>
      </div>
      <small className="hint" role="status">
        {status}
      </small>
    </div>
  );
}
