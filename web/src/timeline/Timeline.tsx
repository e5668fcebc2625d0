import { useEffect, useRef, useState } from 'react';
import { SelectField } from '../ui/Field';
import { timelineKinds } from './kinds';
import { TimelineEntry } from './TimelineEntry';
import { useTimeline } from './useTimeline';

/** Everything about the customer in one stream, newest first; more loads as you scroll. */
export function Timeline({ customerId, version }: { customerId: string; version: number }) {
  const [kinds, setKinds] = useState('');
  const timeline = useTimeline(customerId, kinds || null, version);
  const sentinel = useRef<HTMLDivElement>(null);
  const { loadMore, nextCursor } = timeline;

  useEffect(() => {
    const target = sentinel.current;
    if (!target || !nextCursor) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMore(), { rootMargin: '400px' });
    observer.observe(target);
    return () => observer.disconnect();
  }, [loadMore, nextCursor]);

  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <div className="timeline-head">
        <h2 id="timeline-title">Timeline</h2>
        <SelectField label="Show" value={kinds} onChange={(e) => setKinds(e.target.value)}>
          <option value="">Everything</option>
          {timelineKinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </SelectField>
      </div>
      <ol className="timeline-list" aria-busy={timeline.loading}>
        {timeline.items.map((item) => (
          <TimelineEntry key={`${item.kind}-${item.id}`} item={item} />
        ))}
      </ol>
      {!timeline.loading && !timeline.failed && !timeline.items.length ? <p className="muted">Nothing recorded here yet.</p> : null}
      {timeline.failed ? (
        <p className="form-error" role="alert">
          The timeline could not be loaded.
        </p>
      ) : null}
      <div ref={sentinel} className="timeline-end">
        {timeline.loading ? <p role="status">Loading…</p> : null}
        {nextCursor && !timeline.loading ? (
          <button type="button" className="quiet" onClick={loadMore}>
            Show older
          </button>
        ) : null}
      </div>
    </section>
  );
}
