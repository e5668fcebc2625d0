/**
 * What the other customer is to this one, and the label each side gets: choosing "Child" for the
 * other customer makes this customer their parent. Household is the usual answer, not a rule.
 */
export interface Relation {
  value: string;
  text: string;
  /** What this customer is to the other (RelationshipInput.label). */
  label: string;
  /** What the other is to this customer (RelationshipInput.relatedLabel). */
  relatedLabel: string;
  household: boolean;
}

export const relations: Relation[] = [
  { value: 'spouse', text: 'Spouse or partner', label: 'spouse', relatedLabel: 'spouse', household: true },
  { value: 'child', text: 'Child', label: 'parent', relatedLabel: 'child', household: true },
  { value: 'parent', text: 'Parent', label: 'child', relatedLabel: 'parent', household: true },
  { value: 'sibling', text: 'Brother or sister', label: 'sibling', relatedLabel: 'sibling', household: false },
  { value: 'relative', text: 'Other relative', label: 'relative', relatedLabel: 'relative', household: false },
  { value: 'employer', text: 'Employer (organisation they work for)', label: 'employee', relatedLabel: 'employer', household: false },
  { value: 'employee', text: 'Employee', label: 'employer', relatedLabel: 'employee', household: false },
];

export const relationOf = (value: string): Relation => relations.find((r) => r.value === value) ?? relations[0]!;
