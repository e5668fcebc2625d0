import { useState } from 'react';
import { customers } from '../api/endpoints';
import { HandoffBanner } from '../handoffs/HandoffBanner';
import { useResource } from '../ui/useResource';

/** The brief: a few sentences written for a person, from GET /customers/:id/brief. */
export function BriefPanel({ customerId, version }: { customerId: string; version: number }) {
  // Bumped when a hand-off is marked read: the brief is asked for again without it.
  const [reads, setReads] = useState(0);
  const brief = useResource(() => customers.brief(customerId), [customerId, version, reads]);
  const sections = brief.data?.sections.filter((s) => s.sentences.length) ?? [];
  return (
    <section className="brief card" aria-labelledby="brief-title" aria-busy={brief.loading}>
      <h2 id="brief-title">Brief</h2>
      <HandoffBanner customerId={customerId} items={brief.data?.handoffs} onRead={() => setReads((n) => n + 1)} />
      {sections.length ? (
        <div className="brief-sections">
          {sections.map((section) => (
            <section key={section.key} className={`brief-section${section.attention ? ' attention' : ''}`} aria-label={section.heading}>
              <h3>{section.heading}</h3>
              <p>{section.sentences.join(' ')}</p>
            </section>
          ))}
        </div>
      ) : (
        <p className="muted">{brief.loading ? 'Writing the brief…' : brief.error ? 'The brief could not be loaded.' : 'Nothing to say yet: log a visit, a purchase or a note.'}</p>
      )}
    </section>
  );
}
