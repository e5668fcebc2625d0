import type { Consent, Relationship } from '../api/types';

export interface LogFormProps {
  customerId: string;
  /** The channel or transaction kind chosen in the bar. */
  preset: string;
  /** People in the customer's household, whom a life event may involve. */
  relatives: Relationship[];
  /** Called with what was logged ("Visit"), after the server saved it. */
  onLogged: (what: string) => void;
  onCancel: () => void;
  /** How the customer may be contacted, when loaded: logging an outbound contact against it shows a warning (never a block). */
  consent?: Consent | undefined;
}
