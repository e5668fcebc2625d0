import type { Customer, MergeChoices, MergeField, MergePreview, MergeSide } from '../api/types';
import { addressLine } from '../ui/address-line';
import { fieldLabels, fieldValue, keepWords, mergeFields } from './merge-words';

const sides: MergeSide[] = ['survivor', 'merged'];

/**
 * The two records side by side: each profile field with a radio per record choosing the value that
 * stays (where they differ), then what both keep whatever is chosen (phones, emails, addresses, ids
 * in other systems). Radios of one field share a name, so arrows move between them.
 */
export function SideBySide({
  preview,
  choices,
  onChoose,
  locationName,
}: {
  preview: MergePreview;
  choices: MergeChoices;
  onChoose: (field: MergeField, side: MergeSide) => void;
  locationName: (id: string) => string;
}) {
  const { survivor, merged } = preview;
  const record = (side: MergeSide) => (side === 'survivor' ? survivor : merged);
  return (
    <table className="merge-table">
      <caption>Which value stays</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">
            This record <span className="merge-who">{survivor.displayName}</span>
          </th>
          <th scope="col">
            The other record <span className="merge-who">{merged.displayName}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {mergeFields.map((field) => {
          const values = sides.map((side) => fieldValue(record(side), field, locationName));
          if (values.every((v) => !v)) return null;
          const same = values[0] === values[1];
          return (
            <tr key={field}>
              <th scope="row">{fieldLabels[field]}</th>
              {sides.map((side, i) => (
                <td key={side}>
                  {same ? (
                    values[i]
                  ) : (
                    <label className="merge-choice">
                      <input type="radio" name={`keep-${field}`} value={side} checked={choices[field] === side} onChange={() => onChoose(field, side)} />
                      <span>
                        <span className="visually-hidden">{keepWords(side, field)}: </span>
                        {values[i] || <span className="muted">none</span>}
                      </span>
                    </label>
                  )}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
      <tbody className="merge-kept">
        <KeptRow label="Phones" values={(c) => c.phones.map((p) => p.number)} survivor={survivor} merged={merged} />
        <KeptRow label="Emails" values={(c) => c.emails.map((e) => e.address)} survivor={survivor} merged={merged} />
        <KeptRow label="Addresses" values={(c) => c.addresses.map(addressLine)} survivor={survivor} merged={merged} />
        <KeptRow label="Ids in other systems" values={(c) => c.externalIds.map((x) => `${x.source} ${x.externalId}`)} survivor={survivor} merged={merged} />
      </tbody>
    </table>
  );
}

/** Contact points and ids: nothing to choose, the customer keeps those of both records. */
function KeptRow({ label, values, survivor, merged }: { label: string; values: (c: Customer) => string[]; survivor: Customer; merged: Customer }) {
  const lists = [values(survivor), values(merged)];
  if (lists.every((l) => !l.length)) return null;
  return (
    <tr>
      <th scope="row">
        {label} <span className="tag">all kept</span>
      </th>
      {lists.map((list, i) => (
        <td key={i}>
          {list.length ? (
            <ul className="plain">
              {list.map((v, j) => (
                <li key={j}>{v}</li>
              ))}
            </ul>
          ) : (
            <span className="muted">none</span>
          )}
        </td>
      ))}
    </tr>
  );
}
