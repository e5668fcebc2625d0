/** One generated customer the benchmark looks for (written by generate.ts, read by search.ts). */
export interface SampleCustomer {
  id: string;
  given: string;
  middle: string | null;
  family: string;
  preferred: string | null;
  e164: string | null;
  email: string | null;
  externalId: string | null;
  organization: string | null;
}
