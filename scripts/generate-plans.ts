/**
 * Generates N plausible youth justice plans from a seed, reproducibly, for the benchmark and for trying
 * yjplan at the scale of a national publisher (about 155 services, several years each).
 *
 * Each plan is the example plan (data/2025-26, content/2025-26) retold for an invented service: its own
 * place, police area, region, colour and logo; some services have three years of plans linked by
 * `previous:`, with every date, year and period label moved back a year at a time; and the size varies —
 * prose cut or lengthened, extra free-form tables, risks and actions — so that plans print from about
 * half to about one and a half times the example's length. The figures of the performance, budget and
 * staffing blocks are the example's (they are tied to each other across files, and do not change the
 * work the pipeline does); the generated tables, risks and actions carry figures of their own.
 *
 * Plan ids are `<place>-<period>`, e.g. `ashcombe-2025-26`, all in one project folder.
 *
 *   node --import tsx scripts/generate-plans.ts --plans 150 --seed 1 --out /tmp/plans
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';

/** The example plan the generated ones are retold from: file name → text. */
export interface BasePlan {
  data: Record<string, string>;
  content: Record<string, string>;
}

export interface GenerateOptions {
  /** How many plans (not services): a service with three years counts three. */
  plans: number;
  seed: number;
}

/** Project-relative path (`data/<id>/plan.yaml`) → file text. */
export type GeneratedFiles = Map<string, string>;

export interface GeneratedPlan {
  id: string;
  service: string;
  size: Size;
  previous?: string;
}

type Size = 'small' | 'medium' | 'large';

const EXAMPLE_ID = '2025-26';
const EXAMPLE_PLACE = 'Kelbridge';

/** Reads the example plan that ships with yjplan. */
export function readBasePlan(root = resolve(dirname(fileURLToPath(import.meta.url)), '..')): BasePlan {
  const read = (folder: string) =>
    Object.fromEntries(
      readdirSync(folder)
        .filter((name) => !name.startsWith('.'))
        .map((name) => [name, readFileSync(join(folder, name), 'utf8')]),
    );
  return { data: read(join(root, 'data', EXAMPLE_ID)), content: read(join(root, 'content', EXAMPLE_ID)) };
}

/** Mulberry32: a small, fast PRNG whose whole state is one number, so a seed gives the same plans anywhere. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const between = (rand: Random, low: number, high: number): number => low + Math.floor(rand() * (high - low + 1));

// Invented place names: two parts that make a plausible English or Welsh town, never a real authority's name on purpose.
const PLACE_START = ['Ash', 'Bar', 'Bram', 'Brook', 'Cal', 'Carn', 'Clay', 'Cold', 'Dun', 'Elm', 'Fair', 'Fen', 'Glen', 'Hal', 'Har', 'Hazel', 'Holm', 'Kings', 'Lang', 'Lark', 'Lin', 'Mar', 'Mill', 'Nor', 'Oak', 'Pen', 'Red', 'Ros', 'Sand', 'Stan', 'Thorn', 'Wex', 'Whit', 'Wil', 'Wold', 'Yarn'];
const PLACE_END = ['bury', 'by', 'combe', 'den', 'field', 'ford', 'gate', 'ham', 'holt', 'hurst', 'ley', 'marsh', 'mere', 'minster', 'mouth', 'stead', 'stow', 'thorpe', 'ton', 'well', 'wick', 'worth'];
const AUTHORITY_KIND = ['Borough Council', 'City Council', 'County Council', 'Council', 'Metropolitan Borough Council'];
const AREAS: { region: string; pcc: string }[] = [
  { region: 'South West', pcc: 'Avon and Somerset' },
  { region: 'South West', pcc: 'Devon and Cornwall' },
  { region: 'South East', pcc: 'Thames Valley' },
  { region: 'South East', pcc: 'Sussex' },
  { region: 'London', pcc: 'the Metropolitan Police' },
  { region: 'East of England', pcc: 'Essex' },
  { region: 'Midlands', pcc: 'West Midlands' },
  { region: 'Midlands', pcc: 'Leicestershire' },
  { region: 'North West', pcc: 'Greater Manchester' },
  { region: 'North West', pcc: 'Lancashire' },
  { region: 'North East', pcc: 'Northumbria' },
  { region: 'Yorkshire and the Humber', pcc: 'West Yorkshire' },
  { region: 'Wales', pcc: 'South Wales' },
  { region: 'Wales', pcc: 'Dyfed-Powys' },
];
const COLOURS = ['#00594f', '#1d4f91', '#6f2c91', '#8a1538', '#005a30', '#003a69', '#4c2c69', '#7a3a00', '#2b4c5a', '#5c3d1e'];

// Prose for lengthened sections, in plain words; {place} is the service's place.
const SENTENCES = [
  'Case managers in {place} meet each child within five working days of a referral, and agree with them what help they need first.',
  'We review every plan with the child and their family, and change it when their circumstances change.',
  'The management board receives a report on this work at each meeting and asks partners what they will do next.',
  'Children told us that they value a worker who stays the same throughout their order, so we keep changes of worker to a minimum.',
  'Most of the children we work with have been known to other services for years, and we try to build on what has already helped them.',
  'We share what we learn from case audits with schools, children’s social care and the police, so that practice improves across the partnership.',
  'Where a child is at risk of exploitation, we hold a multi-agency meeting within a week and agree who will do what.',
  'Parents and carers are invited to every review, and we offer meetings in the evening for those who work during the day.',
  'Our volunteers bring the views of the community into the work of the referral order panels.',
  'Every child leaving an order is asked what made a difference and what could have been better, and their answers shape our training.',
  'Small numbers mean that one or two children can move a rate a long way, so we read the figures alongside what case managers tell us.',
  'The service works from two bases in {place}, and case managers also meet children at school, at home and in community venues.',
  'We have strengthened our links with the virtual school, so that children in care who work with us keep a school place.',
  'Speech and language needs are screened at the start of every intervention, and plans are written so that children can understand them.',
  'Victims are offered the chance to take part in a restorative process, and most who accept tell us it helped them.',
  'We monitor outcomes by ethnicity, sex and care status at each decision point, and report any difference to the board.',
  'Health practitioners seconded to the service see children quickly, without a separate referral to a waiting list.',
  'Training this year has focused on trauma-informed practice, contextual safeguarding and writing assessments with children rather than about them.',
  'Partners have agreed to share information earlier, so that children are offered help before a first formal outcome.',
  'The out-of-court disposal panel meets weekly and includes the police, a health practitioner and a case manager.',
  'Children in the custody suite are seen by an appropriate adult within an hour of their arrival on most days of the year.',
  'We will report progress against these actions to the board each quarter and publish a summary in next year’s plan.',
  'Feedback from children is collected at the end of every intervention and read by the head of service each month.',
  'Resettlement planning starts on the day a child enters custody, with education and accommodation agreed before release.',
  'The partnership’s serious violence strategy sets out how the youth justice service, the police and schools work together in {place}.',
];

const TABLE_TOPICS: { caption: string; label: string; rows: string[] }[] = [
  { caption: 'Children starting an intervention, by type of intervention', label: 'Type of intervention', rows: ['Referral order', 'Youth rehabilitation order', 'Youth conditional caution', 'Youth caution', 'Community resolution', 'Turnaround support', 'Prevention programme', 'Detention and training order'] },
  { caption: 'Referrals to the prevention service, by who referred the child', label: 'Referred by', rows: ['Police', 'Schools', 'Children’s social care', 'Early help', 'Parents and carers', 'Health services', 'Community safety partnership', 'The child themselves'] },
  { caption: 'Children on the caseload, by age at the start of their intervention', label: 'Age', rows: ['10 to 11', '12', '13', '14', '15', '16', '17'] },
  { caption: 'Remand episodes, by type of placement', label: 'Placement', rows: ['Young offender institution', 'Secure training centre', 'Secure children’s home', 'Local authority accommodation', 'Bail with support'] },
  { caption: 'Restorative justice work with victims, by what the victim chose', label: 'Victim’s choice', rows: ['Face-to-face meeting', 'Letter of explanation', 'Shuttle communication', 'Direct reparation', 'Indirect reparation', 'Information only', 'No contact'] },
  { caption: 'Children in suitable education, training or employment at the end of their order, by age group', label: 'Age group', rows: ['School age', '16', '17', 'Over 18 at the end of the order'] },
];

const RISK_TEXT = [
  { risk: 'Demand for prevention work grows faster than the funding for it', category: 'Funding', owner: 'Head of Service' },
  { risk: 'Changes to the case management system disrupt recording and the key performance indicator returns', category: 'Information', owner: 'Performance and Information Manager' },
  { risk: 'Children are placed in {place} from other areas without notice, so services cannot plan for them', category: 'Partnership', owner: 'Director of Children’s Services' },
  { risk: 'Long waits for mental health assessments delay help for children on orders', category: 'Health', owner: 'Chair of the Management Board' },
  { risk: 'Schools exclude more children, increasing the number out of full-time education', category: 'Education', owner: 'Education Officer' },
  { risk: 'Court delays mean children wait many months between an offence and a sentence', category: 'Justice system', owner: 'Head of Service' },
  { risk: 'A serious incident involving a child on the caseload damages public confidence', category: 'Reputation', owner: 'Head of Service' },
  { risk: 'Recruitment of experienced case managers takes longer than planned', category: 'Workforce', owner: 'Operational Manager' },
];
const RISK_ACTIONS = ['Reported to the management board each quarter', 'Named lead agreed with each partner', 'Contingency plan agreed and tested', 'Escalation route to the council’s corporate risk register', 'Joint review with the police and health every six months'];

const ACTION_TEXT = [
  { text: 'Publish a short guide for parents and carers on what happens after a child is arrested', lead: 'Operational Manager', measure: 'Guide published and given to every family at the first meeting' },
  { text: 'Hold a practice week on working with children who have been excluded from school', lead: 'Education Officer (YJS)', measure: 'Every case manager attends at least one session' },
  { text: 'Agree with the police a shared way of recording the ethnicity of children at each decision point', lead: 'Performance and Information Manager', measure: 'Shared recording in place and reported to the board' },
  { text: 'Recruit and train six new volunteers for referral order panels', lead: 'Restorative Justice Worker', measure: 'Six volunteers trained and sitting on panels' },
  { text: 'Audit twenty closed cases for the quality of resettlement planning', lead: 'Head of Service', measure: 'Audit reported with actions agreed by the board' },
  { text: 'Run a summer programme of sport and arts activities with the community safety partnership', lead: 'Prevention Team Manager', measure: 'At least sixty children take part' },
  { text: 'Review how children’s views are recorded in assessments and plans', lead: 'Operational Manager', measure: 'Every plan audited records the child’s own words' },
  { text: 'Agree a protocol with housing for children aged 17 at risk of homelessness', lead: 'Head of Service', measure: 'Protocol signed by housing and children’s services' },
];

/** The services, their years and their sizes: pure in the seed and the count. */
export function planList(options: GenerateOptions): GeneratedPlan[] {
  const rand = random(options.seed);
  const plans: GeneratedPlan[] = [];
  const used = new Set<string>([EXAMPLE_PLACE]);
  while (plans.length < options.plans) {
    let place = '';
    for (let attempt = 0; attempt < 1000 && (!place || used.has(place)); attempt++) place = pick(rand, PLACE_START) + pick(rand, PLACE_END);
    if (used.has(place)) place = `${place}${plans.length}`;
    used.add(place);
    // About a third of services publish three years side by side.
    const years = Math.min(rand() < 0.35 ? 3 : 1, options.plans - plans.length);
    const size: Size = pick(rand, ['small', 'medium', 'medium', 'large'] as const);
    const slug = place.toLowerCase();
    for (let back = years - 1; back >= 0; back--) {
      const id = `${slug}-${label(2025 - back)}`;
      plans.push({ id, service: place, size, previous: back < years - 1 ? `${slug}-${label(2025 - back - 1)}` : undefined });
    }
  }
  return plans;
}

const label = (start: number): string => `${start}-${String((start + 1) % 100).padStart(2, '0')}`;

/**
 * Moves every year in a text back by `years`: dates (2025-04-01), period labels (2025-26) and plain years
 * (2024). Years before 2010 (an Act of 1984) are left alone.
 */
export function shiftYears(text: string, years: number): string {
  if (!years) return text;
  return text.replace(/\b(20[1-4]\d)(-\d{2}-\d{2}\b|[-–/]\d{2}(?!\d)|[-–/]20[1-4]\d\b)?/g, (_match, yearText: string, rest: string | undefined) => {
    const year = Number(yearText);
    const moved = year - years;
    if (!rest) return String(moved);
    if (/^[-–/]\d{2}$/.test(rest) && Number(rest.slice(1)) === (year + 1) % 100) return `${moved}${rest[0]}${String((moved + 1) % 100).padStart(2, '0')}`;
    if (/^[-–/]20\d\d$/.test(rest)) return `${moved}${rest[0]}${Number(rest.slice(1)) - years}`;
    // A date or a year and month: only the year moves.
    return `${moved}${rest}`;
  });
}

interface Retelling {
  place: string;
  authority: string;
  region: string;
  pcc: string;
  yearsBack: number;
}

/** Replaces the example's place, areas and years in any text. */
function retell(text: string, story: Retelling): string {
  return shiftYears(
    text
      .replace(/Kelbridge Borough Council/g, story.authority)
      .replace(/Kelbridge/g, story.place)
      .replace(/kelbridge/g, story.place.toLowerCase())
      .replace(/Avon and Somerset/g, story.pcc)
      .replace(/South West/g, story.region),
    story.yearsBack,
  );
}

/** Applies `retell` to every string in parsed YAML (but the edition), and moves numeric `year:` fields. */
function retellData(value: unknown, story: Retelling, key = ''): unknown {
  // The guidance edition's id (yjb-2023) names a document, not a year of the plan.
  if (typeof value === 'string') return key === 'edition' ? value : retell(value, story);
  if (typeof value === 'number' && key === 'year' && value > 2009) return value - story.yearsBack;
  if (Array.isArray(value)) return value.map((item) => retellData(item, story));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, retellData(v, story, k)]));
  return value;
}

type Data = Record<string, unknown>;

const dump = (data: unknown, comment: string): string => `# ${comment}\n${yaml.dump(data, { lineWidth: 120, noRefs: true })}`;

/** Generates every file of every plan: pure in the base plan and the options. */
export function generatePlans(base: BasePlan, options: GenerateOptions): { plans: GeneratedPlan[]; files: GeneratedFiles } {
  const plans = planList(options);
  const files: GeneratedFiles = new Map();
  const latestByService = new Map<string, string>();
  for (const plan of plans) latestByService.set(plan.service, plan.id);
  for (const plan of plans) {
    // Each plan draws from its own stream, so adding plans never changes the ones before them.
    const rand = random(options.seed * 100_003 + hash(plan.id));
    const serviceRand = random(options.seed * 7_919 + hash(plan.service));
    const area = pick(serviceRand, AREAS);
    const yearsBack = Number(EXAMPLE_ID.slice(0, 4)) - Number(plan.id.slice(-7, -3));
    const story: Retelling = { place: plan.service, authority: `${plan.service} ${pick(serviceRand, AUTHORITY_KIND)}`, region: area.region, pcc: area.pcc, yearsBack };
    const latest = latestByService.get(plan.service) === plan.id;
    const dataDir = `data/${plan.id}`;
    const contentDir = `content/${plan.id}`;
    const generatedTables: string[] = [];

    for (const [name, text] of Object.entries(base.data)) {
      if (name.endsWith('.svg')) {
        files.set(`${dataDir}/${plan.service.toLowerCase()}-logo.svg`, retell(text, story).replace(/#00594f/gi, pick(serviceRand, COLOURS)));
        continue;
      }
      if (!name.endsWith('.yaml')) continue;
      const data = retellData(yaml.load(text), story) as Data;
      const block = name.replace(/\.yaml$/, '');
      if (block === 'plan') shapePlan(data, plan, story, latest, serviceRand);
      if (block === 'signatories' && !latest) signAll(data, story);
      if (block === 'tables' && plan.size !== 'small') generatedTables.push(...addTables(data, plan.size === 'large' ? between(rand, 2, 4) : between(rand, 0, 1), rand, story));
      if (block === 'risks') shapeRisks(data, plan.size, rand, story);
      if (block === 'priorities') shapeActions(data, plan.size, rand, story);
      files.set(`${dataDir}/${name}`, dump(data, `${block}.yaml of ${plan.id}: generated by scripts/generate-plans.ts (seed ${options.seed}) from the example plan.`));
    }

    const sections = Object.keys(base.content).sort();
    const placements = new Map<string, string[]>();
    for (const id of generatedTables) {
      const section = pick(rand, ['local-context', 'performance', 'diversion', 'restorative-approaches', 'remands', 'education'].filter((s) => sections.includes(`${s}.md`)));
      placements.set(section, [...(placements.get(section) ?? []), id]);
    }
    for (const name of sections) {
      const section = name.replace(/\.md$/, '');
      let text = resizeProse(retell(base.content[name]!, story), plan.size, rand, story);
      for (const id of placements.get(section) ?? []) text = `${text.trimEnd()}\n\n{% table "${id}" %}\n`;
      files.set(`${contentDir}/${name}`, text);
    }
  }
  return { plans, files };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function shapePlan(data: Data, plan: GeneratedPlan, story: Retelling, latest: boolean, rand: Random): void {
  data.authority = story.authority;
  data.service = `${story.place} Youth Justice Service`;
  const brand = data.brand as Data | undefined;
  if (brand) {
    brand.logo = `${story.place.toLowerCase()}-logo.svg`;
    brand.logoAlt = story.authority;
    brand.colour = pick(rand, COLOURS);
  }
  if (plan.previous) data.previous = plan.previous;
  else delete data.previous;
  if (!latest) {
    // Earlier years were approved and published in the autumn of their first year.
    const start = Number(plan.id.slice(-7, -3));
    const status = data.status as { current: string; history?: Data[] };
    status.current = 'published';
    status.history = [
      ...(status.history ?? []),
      { status: 'board-approved', date: `${start}-06-20`, by: 'Youth Justice Management Board' },
      { status: 'submitted', date: `${start}-06-27`, by: 'Head of Youth Justice' },
      { status: 'published', date: `${start}-07-15`, by: 'Head of Youth Justice' },
    ];
  }
}

function signAll(data: Data, story: Retelling): void {
  const signatories = (data.signatories as Data[] | undefined) ?? [];
  const start = Number(EXAMPLE_ID.slice(0, 4)) - story.yearsBack;
  for (const signatory of signatories) signatory.signed = `${start}-06-20`;
}

function addTables(data: Data, count: number, rand: Random, story: Retelling): string[] {
  const tables = data.tables as Data[];
  const ids: string[] = [];
  const topics = [...TABLE_TOPICS].sort(() => rand() - 0.5).slice(0, count);
  const year = label(Number(EXAMPLE_ID.slice(0, 4)) - 1 - story.yearsBack);
  for (const [index, topic] of topics.entries()) {
    const id = `local-${index + 1}`;
    const rows = topic.rows.slice(0, between(rand, Math.min(4, topic.rows.length), topic.rows.length));
    const withShare = rand() < 0.6;
    tables.push({
      id,
      caption: `${topic.caption}, ${story.place}, ${year}`,
      columns: [
        { key: 'name', label: topic.label, type: 'text' },
        { key: 'children', label: 'Children', type: 'number' },
        ...(withShare ? [{ key: 'share', label: 'Percentage of children', type: 'percentage', of: 'children' }] : []),
      ],
      rows: rows.map((name) => ({ name, children: between(rand, 6, 90) })),
      totals: true,
      source: `${story.place} Youth Justice Service case management system, ${year}.`,
    });
    ids.push(id);
  }
  return ids;
}

function shapeRisks(data: Data, size: Size, rand: Random, story: Retelling): void {
  const risks = data.risks as Data[];
  if (size === 'small') {
    data.risks = risks.slice(0, Math.max(3, risks.length - 3));
    return;
  }
  const extra = size === 'large' ? between(rand, 4, 8) : between(rand, 0, 3);
  for (const text of [...RISK_TEXT].sort(() => rand() - 0.5).slice(0, extra)) {
    const likelihood = between(rand, 2, 5);
    const impact = between(rand, 2, 5);
    risks.push({
      id: `R${risks.length + 1}`,
      risk: text.risk.replace('{place}', story.place),
      category: text.category,
      likelihood,
      impact,
      score: likelihood * impact,
      owner: text.owner,
      actions: [...RISK_ACTIONS].sort(() => rand() - 0.5).slice(0, between(rand, 1, 3)),
      residual: { likelihood: Math.max(1, likelihood - between(rand, 0, 2)), impact: Math.max(1, impact - between(rand, 0, 1)) },
    });
  }
}

function shapeActions(data: Data, size: Size, rand: Random, story: Retelling): void {
  if (size !== 'large' && rand() < 0.5) return;
  const priorities = data.priorities as { id: string }[];
  const actions = data.actions as Data[];
  const start = Number(EXAMPLE_ID.slice(0, 4)) - story.yearsBack;
  const extra = size === 'large' ? between(rand, 4, 8) : between(rand, 1, 3);
  for (const text of [...ACTION_TEXT].sort(() => rand() - 0.5).slice(0, extra)) {
    const priority = pick(rand, priorities).id;
    const number = actions.filter((action) => action.priority === priority).length + 1;
    // Due after the plan's asOf date (13 June), so the generated actions are never overdue.
    const due = pick(rand, [`${start}-09-30`, `${start}-12-31`, `${start + 1}-03-31`]);
    actions.push({ id: `${priority}.${number}`, priority, text: text.text, lead: text.lead, due, measure: text.measure, status: pick(rand, ['on-track', 'not-started']) });
  }
}

/**
 * Small plans keep each section's first paragraph, its headings and its blocks and drop about half the
 * rest; large plans gain two to five paragraphs of plain prose per section.
 */
export function resizeProse(text: string, size: Size, rand: Random, story: Pick<Retelling, 'place'>): string {
  if (size === 'medium') return text;
  const paragraphs = text.split(/\n{2,}/);
  if (size === 'small') {
    let seenProse = false;
    const kept = paragraphs.filter((paragraph) => {
      const prose = !/^\s*(#|\{%|[-*] |\d+\. |\|)/.test(paragraph);
      if (!prose) return true;
      if (!seenProse) return (seenProse = true);
      return rand() < 0.5;
    });
    return kept.join('\n\n').trimEnd() + '\n';
  }
  const added: string[] = [];
  for (let n = between(rand, 2, 5); n > 0; n--) {
    added.push(
      Array.from({ length: between(rand, 3, 5) }, () => pick(rand, SENTENCES))
        .join(' ')
        .replace(/\{place\}/g, story.place),
    );
  }
  return `${text.trimEnd()}\n\n${added.join('\n\n')}\n`;
}

/** Writes the generated plans into `out` (its data/ and content/ are replaced). */
export function writePlans(out: string, files: GeneratedFiles): void {
  for (const folder of ['data', 'content']) rmSync(join(out, folder), { recursive: true, force: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), text);
  }
}

/** Copies the example plan into a project folder, for benchmarks that need it on its own. */
export function copyExample(root: string, out: string): void {
  for (const folder of ['data', 'content']) {
    rmSync(join(out, folder), { recursive: true, force: true });
    cpSync(join(root, folder, EXAMPLE_ID), join(out, folder, EXAMPLE_ID), { recursive: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { plans: { type: 'string', default: '150' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } } });
  if (!values.out) {
    console.error('usage: node --import tsx scripts/generate-plans.ts --plans 150 --seed 1 --out DIR');
    process.exit(1);
  }
  const out = resolve(values.out);
  if (existsSync(join(out, 'package.json'))) {
    console.error(`refusing to write into ${out}: it holds a package.json (is it the yjplan checkout?)`);
    process.exit(1);
  }
  const { plans, files } = generatePlans(readBasePlan(), { plans: Number(values.plans), seed: Number(values.seed) });
  writePlans(out, files);
  const services = new Set(plans.map((p) => p.service)).size;
  console.log(`wrote ${plans.length} plans of ${services} services (${files.size} files) into ${out}`);
}
