/** The save and cancel buttons at the foot of every small form. */
export function FormActions({ label, busy, disabled, onCancel }: { label: string; busy: boolean; disabled: boolean; onCancel: () => void }) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={disabled}>
        {busy ? 'Saving…' : label}
      </button>
      <button type="button" className="quiet" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
