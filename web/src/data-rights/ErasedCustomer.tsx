import { useEffect, useRef } from 'react';
import { ApiError } from '../api/client';
import { forgetCustomer } from '../lookup/recent';
import { Link } from '../router';
import { fullDate } from '../ui/format';

/** A customer whose personal data was erased: the API answers 410 with a sentence saying when. */
export const isErased = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 410;

/** The server's sentence, its ISO time written for a person. */
const readable = (sentence: string) => sentence.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) => fullDate(iso));

/** What the page of an erased customer says instead of "No such customer". */
export function ErasedCustomer({ id, error }: { id: string; error: ApiError }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    forgetCustomer(id);
    heading.current?.focus({ preventScroll: true });
  }, [id]);
  return (
    <section className="page narrow" aria-labelledby="erased-title">
      <h1 id="erased-title" ref={heading} tabIndex={-1}>
        Personal data erased
      </h1>
      <p className="tombstone">{readable(error.detail ?? 'The personal data of this customer was erased.')}</p>
      <p>Their visits and purchases still count in the figures, without what was said or bought.</p>
      <p>
        <Link href="/">Look up someone else</Link>
      </p>
    </section>
  );
}
