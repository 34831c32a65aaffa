/** signatories.yaml: who signs the plan and when. Kept in step with schema.json. */

export interface Signatory {
  name: string;
  role: string;
  organisation: string;
  boardChair?: boolean;
  /** YYYY-MM-DD; empty (null or "") until signed. */
  signed?: string | null;
}

export interface SignatoriesData {
  signatories: Signatory[];
}

export interface DerivedSignatory {
  index: number;
  name: string;
  role: string;
  organisation: string;
  boardChair: boolean;
  /** The date signed, or null while unsigned. */
  signedOn: string | null;
}

export interface SignatoriesDerived {
  signatories: DerivedSignatory[];
  count: number;
  signed: number;
  unsigned: number;
  /** The signatory marked as the board chair (the first, if several are). */
  chair: DerivedSignatory | null;
}
