/**
 * staffing.yaml: the youth justice service's staff by role and contract type, with sex, ethnicity and
 * known disability. Kept in step with schema.json (staffing.test.ts compares the key lists).
 */

export const CONTRACT_TYPES = ['permanent', 'fixed-term', 'seconded', 'agency', 'sessional', 'volunteer', 'vacant'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const CONTRACT_LABELS: Record<ContractType, string> = {
  permanent: 'Permanent',
  'fixed-term': 'Fixed-term',
  seconded: 'Seconded',
  agency: 'Agency',
  sessional: 'Sessional',
  volunteer: 'Volunteer',
  vacant: 'Vacant',
};

export const SEX_KEYS = ['female', 'male', 'notKnown'] as const;
export type SexKey = (typeof SEX_KEYS)[number];

/** The five ONS high-level groups, plus "prefer not to say", plus "not known". */
export const ETHNICITY_KEYS = ['asian', 'black', 'mixed', 'white', 'other', 'preferNotToSay', 'notKnown'] as const;
export type EthnicityKey = (typeof ETHNICITY_KEYS)[number];

export const DISABILITY_KEYS = ['disabled', 'notDisabled', 'notKnown'] as const;
export type DisabilityKey = (typeof DISABILITY_KEYS)[number];

export type BreakdownName = 'sex' | 'ethnicity' | 'disability';

export interface BreakdownKeys {
  sex: SexKey;
  ethnicity: EthnicityKey;
  disability: DisabilityKey;
}

export const BREAKDOWN_KEYS: { [B in BreakdownName]: readonly BreakdownKeys[B][] } = {
  sex: SEX_KEYS,
  ethnicity: ETHNICITY_KEYS,
  disability: DISABILITY_KEYS,
};

export const CATEGORY_LABELS: { [B in BreakdownName]: Record<BreakdownKeys[B], string> } = {
  sex: { female: 'Female', male: 'Male', notKnown: 'Not known' },
  ethnicity: {
    asian: 'Asian or Asian British',
    black: 'Black, Black British, Caribbean or African',
    mixed: 'Mixed or multiple ethnic groups',
    white: 'White',
    other: 'Other ethnic group',
    preferNotToSay: 'Prefer not to say',
    notKnown: 'Not known',
  },
  disability: { disabled: 'Disabled', notDisabled: 'Not disabled', notKnown: 'Not known' },
};

/** Categories shown in every table even when empty; the others only when someone is in them. */
export const ALWAYS_SHOWN: { [B in BreakdownName]: readonly BreakdownKeys[B][] } = {
  sex: ['female', 'male'],
  ethnicity: ['asian', 'black', 'mixed', 'white', 'other'],
  disability: ['disabled', 'notDisabled'],
};

export type Counts<K extends string> = Partial<Record<K, number>>;

/** Which roles a breakdown part counts: every role matching all the given selectors (none: all staff). */
export interface PartSelectors {
  role?: string;
  group?: string;
  contract?: Exclude<ContractType, 'vacant'>;
  employer?: string;
}

export type BreakdownPart<K extends string> = Counts<K> & PartSelectors & { label?: string };

/** A breakdown for all staff at once, or in parts (per role, group, contract type or employer). */
export type BreakdownInput<K extends string> = Counts<K> | BreakdownPart<K>[];

export interface StaffingRole {
  role: string;
  group?: string;
  contract: ContractType;
  employer?: string;
  headcount: number;
  fte?: number;
  note?: string;
  sex?: Counts<SexKey>;
  ethnicity?: Counts<EthnicityKey>;
  disability?: Counts<DisabilityKey>;
}

/** Counts or percentages; null for a category not published (too few children to show safely). */
export type Figures<K extends string> = Partial<Record<K, number | null>>;

export interface ComparisonGroup {
  label: string;
  source?: string;
  unit?: 'count' | 'percent';
  /** What counts are shares of, when some categories are not published. */
  total?: number;
  note?: string;
  sex?: Figures<SexKey>;
  ethnicity?: Figures<EthnicityKey>;
  disability?: Figures<DisabilityKey>;
}

export type ComparisonName = 'caseload' | 'population';

export interface StaffingData {
  asAt?: string;
  roles: StaffingRole[];
  sex?: BreakdownInput<SexKey>;
  ethnicity?: BreakdownInput<EthnicityKey>;
  disability?: BreakdownInput<DisabilityKey>;
  comparison?: Partial<Record<ComparisonName, ComparisonGroup>>;
  stated?: {
    headcount?: number;
    fte?: number;
    vacancies?: number;
    sex?: Counts<SexKey>;
    ethnicity?: Counts<EthnicityKey>;
    disability?: Counts<DisabilityKey>;
  };
}

// ---- derived ----

export interface DerivedRole {
  /** Position in `roles`, for pointers. */
  index: number;
  role: string;
  group?: string;
  contract: ContractType;
  employer?: string;
  headcount: number;
  fte: number | null;
  note?: string;
}

export interface DerivedPart<K extends string> {
  label: string;
  /** JSON pointer to where the author gave these counts. */
  pointer: string;
  selectors: PartSelectors;
  counts: Record<K, number>;
  total: number;
  /** Indexes into `roles` of the people this part counts. */
  roleIndexes: number[];
  /** Headcount of those roles: what `total` should be. */
  coveredHeadcount: number;
}

export interface DerivedBreakdown<K extends string> {
  name: BreakdownName;
  keys: readonly K[];
  parts: DerivedPart<K>[];
  counts: Record<K, number>;
  total: number;
  /** Percentages of `total`; null when the total is 0. */
  shares: Record<K, number | null>;
  /** Roles (in post) that no part counts, and roles that more than one part counts. */
  uncoveredRoles: number[];
  overlappingRoles: number[];
  /** Shares (%) of each category among the caseload and the 10–17 population, where given; null where not published. */
  comparison: Partial<Record<ComparisonName, Record<K, number | null>>>;
}

export interface ContractTotals {
  headcount: number;
  fte: number;
}

export interface StaffingDerived {
  asAt?: string;
  roles: DerivedRole[];
  /** People in post, volunteers included; vacant posts are not people. */
  headcount: number;
  /** Null when no role in post gives an FTE. */
  fte: number | null;
  vacancies: number;
  vacantFte: number;
  volunteers: number;
  byContract: Record<ContractType, ContractTotals>;
  sex?: DerivedBreakdown<SexKey>;
  ethnicity?: DerivedBreakdown<EthnicityKey>;
  disability?: DerivedBreakdown<DisabilityKey>;
  comparisonLabels: Partial<Record<ComparisonName, { label: string; source?: string; note?: string }>>;
}
