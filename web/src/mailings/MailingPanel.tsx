import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { usePaged } from '../imports/usePaged';
import { Link } from '../router';
import { FormError, TextField } from '../ui/Field';
import { plural } from '../ui/format';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { mailings, type Mailing, type Upload, type UploadProblem } from './mailing-api';
import { channelShort, sentDay, uploadSentence } from './mailing-words';
import { useUpload } from './useUpload';

/**
 * One mailing: what went out and when, to how many; a recipient file to upload (the list the other
 * system sends back), and what the last file did: how many were logged, and each row it could not place.
 */
export function MailingPanel({ id, manager, onChanged }: { id: string; manager: boolean; onChanged: () => void }) {
  const [version, setVersion] = useState(0);
  const mailing = useResource(() => mailings.get(id), [id, version]);
  const last = useResource(() => (manager ? mailings.uploads(id).then((items) => items[0] ?? null) : Promise.resolve(null)), [id, manager]);
  const [sent, setSent] = useState<Upload | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (mailing.data) heading.current?.focus({ preventScroll: true });
    // Only when another mailing is opened, not each time its count is read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, Boolean(mailing.data)]);

  const m = mailing.data;
  if (!m) {
    return (
      <section className="card" aria-busy={!mailing.error}>
        {mailing.error ? (
          <p className="form-error" role="alert">
            This mailing could not be read. <Link href="/mailings">Back to the mailings</Link>
          </p>
        ) : (
          <p role="status">Loading the mailing…</p>
        )}
      </section>
    );
  }

  const shown = sent ?? last.data ?? null;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {m.name}
      </h2>
      <p>
        {`${channelShort[m.channel]} sent on ${sentDay(m.sentAt)} · logged for ${plural(m.recipients, 'customer')}`}
      </p>
      {m.note ? <p className="hint">{m.note}</p> : null}
      {manager ? <UploadForm mailing={m} onSent={setSent} /> : null}
      {shown ? (
        <UploadResult
          key={shown.id}
          mailingId={m.id}
          first={shown}
          onDone={() => {
            setVersion((v) => v + 1);
            onChanged();
          }}
        />
      ) : null}
      <p>
        <Link href="/mailings">Back to all mailings</Link>
      </p>
    </section>
  );
}

function UploadForm({ mailing, onSent }: { mailing: Mailing; onSent: (u: Upload) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [check, setCheck] = useState<string | undefined>();
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCheck(file ? undefined : 'Choose the file of recipients.');
    if (!file) return;
    const started = await run(async () => mailings.upload(mailing.id, await file.arrayBuffer(), file.name, source.trim() || null));
    if (started) onSent(started);
  };

  const general = error && !fields.body && !fields.source ? error : null;
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-label="Add recipients">
      <h3>Add who got it</h3>
      <FormError error={general} />
      <TextField
        label="Recipient file"
        type="file"
        accept=".csv,.tsv,.txt,text/csv"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        hint="A CSV with a column of emails, of customer ids, or of the ids another system gave them. Each customer is logged once, however often the file names them."
        error={check ?? fields.body}
      />
      <TextField
        label="Their ids are from (optional)"
        value={source}
        maxLength={60}
        onChange={(e) => setSource(e.target.value)}
        hint="When the id column holds another system’s ids, that system, as its customers were imported: pos, newsletter…"
        error={fields.source}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Sending the file…' : 'Log recipients'}
        </button>
      </div>
    </form>
  );
}

function UploadResult({ mailingId, first, onDone }: { mailingId: string; first: Upload; onDone: () => void }) {
  const { upload, failed } = useUpload(mailingId, first);
  const headingId = useId();
  const finished = upload.status === 'done' || upload.status === 'failed';
  const reported = useRef(finished);
  useEffect(() => {
    if (finished && !reported.current) {
      reported.current = true;
      onDone();
    }
  }, [finished, onDone]);

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{upload.fileName}</h3>
      {upload.status === 'queued' || upload.status === 'logging' ? (
        <progress max={upload.totalRows || 1} value={upload.processedRows} aria-label="Rows gone through" />
      ) : null}
      <p role="status">{uploadSentence(upload)}</p>
      {failed ? (
        <p className="form-error" role="alert">
          Where the file stands could not be read; trying again.
        </p>
      ) : null}
      {finished && upload.problemRows > 0 ? <UploadProblems mailingId={mailingId} upload={upload} /> : null}
    </section>
  );
}

function UploadProblems({ mailingId, upload }: { mailingId: string; upload: Upload }) {
  const list = usePaged((cursor) => mailings.problems(mailingId, upload.id, cursor), (p: UploadProblem) => String(p.seq), upload.id);
  return (
    <>
      <h4>Rows not placed</h4>
      <ol className="plain" aria-label="Rows not placed" aria-busy={list.loading}>
        {list.items.map((p) => (
          <li key={p.seq}>
            <strong>{`Line ${p.line}`}</strong>
            {p.field ? ` (${p.field})` : ''}: {p.message}
          </li>
        ))}
      </ol>
      {list.failed ? (
        <p className="form-error" role="alert">
          The rows not placed could not be read.
        </p>
      ) : null}
      {list.nextCursor && !list.loading ? (
        <button type="button" className="quiet small" onClick={list.loadMore}>
          Show more rows
        </button>
      ) : null}
    </>
  );
}
