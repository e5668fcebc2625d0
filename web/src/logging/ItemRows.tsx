import type { FieldErrors } from '../api/client';
import { TextField } from '../ui/Field';
import { blankItem, type ItemDraft } from './line-items';

interface Props {
  items: ItemDraft[];
  onChange: (items: ItemDraft[]) => void;
  /** Problems found before sending, by row. */
  problems: Partial<Record<'description' | 'quantity' | 'price', string>>[];
  /** Problems the server named, keyed "items/0/quantity". */
  fields: FieldErrors;
}

/** Line items of a purchase: what, how many, price of one; a row can be added or removed. */
export function ItemRows({ items, onChange, problems, fields }: Props) {
  const update = (index: number, patch: Partial<ItemDraft>) => onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  return (
    <div className="items">
      {items.map((item, i) => {
        const error = (field: 'description' | 'quantity' | 'price', server: string) => problems[i]?.[field] ?? fields[`items/${i}/${server}`];
        return (
          <fieldset key={item.key} className="item-row">
            <legend>Item {i + 1}</legend>
            <TextField label="Description" className="item-description" value={item.description} autoFocus onChange={(e) => update(i, { description: e.target.value })} maxLength={500} error={error('description', 'description')} />
            <TextField label="Quantity" className="item-quantity" inputMode="decimal" value={item.quantity} onChange={(e) => update(i, { quantity: e.target.value })} error={error('quantity', 'quantity')} />
            <TextField label="Unit price" className="item-price" inputMode="decimal" value={item.price} onChange={(e) => update(i, { price: e.target.value })} error={error('price', 'unitPriceMinor')} />
            <button type="button" className="quiet small" aria-label={`Remove item ${i + 1}`} onClick={() => onChange(items.filter((_, j) => j !== i))}>
              Remove
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="quiet small" onClick={() => onChange([...items, blankItem()])}>
        {items.length ? 'Add another item' : 'Add items'}
      </button>
    </div>
  );
}
