import type { DemoItem } from './plan.js';
import type { Random } from './random.js';

/** What the hardware store sells, in cents. */
export const hardwareCatalog: DemoItem[] = [
  { description: 'Interior paint, eggshell white, 1 gal', sku: 'PNT-EGG-1G', quantity: 1, unitPriceMinor: 3498 },
  { description: 'Paint roller kit, 9 in', sku: 'PNT-ROL-9', quantity: 1, unitPriceMinor: 1299 },
  { description: 'Painter tape, 1.88 in x 60 yd', sku: 'TAP-188', quantity: 1, unitPriceMinor: 699 },
  { description: 'Drywall screws, 1-5/8 in, 1 lb', sku: 'SCR-DW-158', quantity: 1, unitPriceMinor: 849 },
  { description: 'Joint compound, 4.5 gal', sku: 'DRY-JC-45', quantity: 1, unitPriceMinor: 1798 },
  { description: 'Pine board, 1x6x8', sku: 'LUM-PIN-168', quantity: 4, unitPriceMinor: 1125 },
  { description: 'Wood glue, 16 oz', sku: 'GLU-WD-16', quantity: 1, unitPriceMinor: 749 },
  { description: 'Sandpaper assortment', sku: 'SND-AST', quantity: 1, unitPriceMinor: 999 },
  { description: 'LED bulbs, 60 W equivalent, 4 pack', sku: 'LED-60-4', quantity: 1, unitPriceMinor: 1149 },
  { description: 'Silicone caulk, clear', sku: 'CLK-SIL-CL', quantity: 2, unitPriceMinor: 679 },
  { description: 'PVC pipe, 1-1/2 in x 10 ft', sku: 'PLM-PVC-15', quantity: 1, unitPriceMinor: 1289 },
  { description: 'Cordless drill, 20 V', sku: 'TLS-DRL-20', quantity: 1, unitPriceMinor: 12900 },
  { description: 'Deck screws, 3 in, 5 lb', sku: 'SCR-DK-3', quantity: 1, unitPriceMinor: 3697 },
  { description: 'Garden hose, 50 ft', sku: 'GRD-HOS-50', quantity: 1, unitPriceMinor: 2999 },
  { description: 'Mulch, 2 cu ft', sku: 'GRD-MUL-2', quantity: 5, unitPriceMinor: 449 },
  { description: 'Furnace filter, 16x25x1', sku: 'HVC-FLT-1625', quantity: 2, unitPriceMinor: 1199 },
  { description: 'Door hinge, 3.5 in, satin nickel', sku: 'HRD-HNG-35', quantity: 3, unitPriceMinor: 549 },
  { description: 'Snow shovel, 24 in', sku: 'SNW-SHV-24', quantity: 1, unitPriceMinor: 3499 },
];

/** One to three different things from the catalogue. */
export function basket(random: Random): DemoItem[] {
  return random.sample(hardwareCatalog, random.int(1, 3)).map((item) => ({ ...item, quantity: item.quantity * random.int(1, 2) }));
}

export const cents = (items: DemoItem[]): number => items.reduce((sum, i) => sum + Math.round(i.quantity * i.unitPriceMinor), 0);
