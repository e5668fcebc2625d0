export interface LogFormProps {
  customerId: string;
  /** The channel or transaction kind chosen in the bar. */
  preset: string;
  /** Called with what was logged ("Visit"), after the server saved it. */
  onLogged: (what: string) => void;
  onCancel: () => void;
}
