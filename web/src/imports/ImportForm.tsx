import { useId, useMemo, useState, type FormEvent } from 'react';
import { imports } from '../api/endpoints';
import type { Import, ImportStart } from '../api/types';
import { FormError, SelectField, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import { browserTimeZone, contentTypeOf, importChannels, kindWords, sourceSuggestions, timeZones, type ImportChannel, type ImportDirection, type ImportKind } from './import-words';

const kinds = Object.entries(kindWords) as [ImportKind, string][];

/**
 * "Import a file": the file, the system it comes from, what it holds and, for purchases and contacts,
 * how its times, amounts and channel are read. Sends the file as it is; the check then runs on the server.
 */
export function ImportForm({ onStarted }: { onStarted: (i: Import) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [kind, setKind] = useState<ImportKind>('customers');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [currency, setCurrency] = useState('USD');
  const [channel, setChannel] = useState<ImportChannel | ''>('');
  const [direction, setDirection] = useState<ImportDirection | ''>('');
  const [channelChosen, setChannelChosen] = useState(false);
  const [dateOrder, setDateOrder] = useState<'month-first' | 'day-first' | ''>('');
  const [checks, setChecks] = useState<Record<string, string>>({});
  const { busy, fields, error, run } = useSubmit();
  const sourcesId = useId();
  const zonesId = useId();
  const zones = useMemo(timeZones, []);

  // A newsletter list says nothing of how its people were reached: sent, by newsletter, unless chosen otherwise.
  const newsletter = source.trim().toLowerCase() === 'newsletter';
  const shownChannel = channelChosen ? channel : newsletter ? 'newsletter' : channel;
  const shownDirection = channelChosen ? direction : newsletter ? 'outbound' : direction;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!file) found.file = 'Choose the file to import.';
    if (!source.trim()) found.source = 'Say which system the file comes from.';
    if (kind !== 'customers' && !timeZone.trim()) found.timeZone = 'Say the time zone of the times in the file.';
    if (kind === 'transactions' && !/^[A-Za-z]{3}$/.test(currency.trim())) found.currency = 'Three letters, such as USD or EUR.';
    setChecks(found);
    if (!file || Object.keys(found).length) return;
    const params: ImportStart = { source: source.trim(), fileName: file.name, kind };
    if (dateOrder) params.dateOrder = dateOrder;
    if (kind !== 'customers') params.timeZone = timeZone.trim();
    if (kind === 'transactions') params.currency = currency.trim().toUpperCase();
    if (kind === 'interactions') {
      if (shownChannel) params.channel = shownChannel;
      if (shownDirection) params.direction = shownDirection;
    }
    const started = await run(async () => imports.upload(await file.arrayBuffer(), contentTypeOf(file), params));
    if (started) onStarted(started);
  };

  // The server names the query's fields (timeZone, currency…): each error goes beside its field.
  const errorOf = (name: string) => checks[name] ?? fields[name];
  const fieldErrors = ['body', 'source', 'kind', 'timeZone', 'currency', 'channel', 'direction', 'fileName', 'format', 'dateOrder'];
  const general = error && !fieldErrors.some((f) => fields[f]) ? error : null;

  return (
    <section className="card import-form" aria-labelledby="import-form-title">
      <h2 id="import-form-title">Import a file</h2>
      <p className="hint">
        Nothing is written until you have seen what the file would do: the file is checked first, then you import it, or not. An import can be undone as a whole.
      </p>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <FormError error={general} />
        <TextField
          label="File"
          type="file"
          accept=".csv,.tsv,.txt,.vcf,.vcard,.jsonl,.ndjson,text/csv,text/vcard"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          hint="A CSV from a spreadsheet, a till or a mailing tool; contacts as vCard (.vcf); or Rapport’s own export (.jsonl)."
          error={errorOf('file') ?? errorOf('body')}
        />
        <TextField
          label="Which system it comes from"
          list={sourcesId}
          autoComplete="off"
          value={source}
          maxLength={60}
          onChange={(e) => setSource(e.target.value)}
          hint="Every record keeps it, so you can tell where it came from: pos, newsletter, service-desk, google-contacts…"
          error={errorOf('source')}
        />
        <datalist id={sourcesId}>
          {sourceSuggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <SelectField label="What it holds" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} error={errorOf('kind')}>
          {kinds.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Dates such as 03/04/1985"
          value={dateOrder}
          onChange={(e) => setDateOrder(e.target.value as 'month-first' | 'day-first' | '')}
          hint="In a CSV file. Left as the file shows, the check says which way they were read."
          error={errorOf('dateOrder')}
        >
          <option value="">As the file shows</option>
          <option value="month-first">Month first: March 4</option>
          <option value="day-first">Day first: 3 April</option>
        </SelectField>
        {kind !== 'customers' ? (
          <div className="row">
            <TextField
              label="Time zone of its times"
              list={zonesId}
              autoComplete="off"
              value={timeZone}
              onChange={(e) => setTimeZone(e.target.value)}
              hint="For times the file writes without one."
              error={errorOf('timeZone')}
            />
            <datalist id={zonesId}>
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            {kind === 'transactions' ? (
              <TextField
                label="Currency"
                value={currency}
                maxLength={3}
                autoCapitalize="characters"
                onChange={(e) => setCurrency(e.target.value)}
                hint="For a file with no currency column."
                error={errorOf('currency')}
              />
            ) : null}
          </div>
        ) : null}
        {kind === 'interactions' ? (
          <div className="row">
            <SelectField
              label="How they were in touch"
              value={shownChannel}
              onChange={(e) => {
                setChannelChosen(true);
                setDirection(shownDirection);
                setChannel(e.target.value as ImportChannel | '');
              }}
              hint="For files that do not say, such as a newsletter list."
              error={errorOf('channel')}
            >
              <option value="">As the file says</option>
              {importChannels.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Who reached whom"
              value={shownDirection}
              onChange={(e) => {
                setChannelChosen(true);
                setChannel(shownChannel);
                setDirection(e.target.value as ImportDirection | '');
              }}
              error={errorOf('direction')}
            >
              <option value="">As the file says</option>
              <option value="outbound">We reached them (sent)</option>
              <option value="inbound">They reached us</option>
            </SelectField>
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Sending the file…' : 'Check the file'}
          </button>
        </div>
      </form>
    </section>
  );
}
