// lingpao: standardization-subsidy estimates, computed in WebAssembly, every policy embedded.
// The JSON contract: ../shared/spec/contract.md (v1). Money is always a decimal string in yuan.

import type { Achievement, AchievementKind, FactId, Facts, PolicyId, RegionId, RegisterHit, RegisterId, SmeFactId, SmeFacts, SmeMeasureId, SmeSectionId, SmeTierId, Yuan } from './data.js';
export type * from './data.js';

export type Lang = 'zh' | 'en';

/** A calendar day, `YYYY-MM-DD`. */
export type DateString = string;

export interface EstimateRequest {
  region: RegionId;
  /**
   * The day the achievements are claimed for; policy validity is judged on it. Default:
   * today (UTC+8). A valid `Date` is taken as its calendar day in China (UTC+8); an
   * invalid one is refused.
   */
  as_of?: DateString | Date;
  /** Language of reasons, notes and warnings. Default `zh`. */
  lang?: Lang;
  /**
   * What one applicant unit obtained in one year (0 to 200 items; `count` repeats one).
   * An empty list is valid: a total of "0", with the region's warnings.
   */
  achievements: Achievement[];
}

/** `compare` ignores `region`. */
export type CompareRequest = Omit<EstimateRequest, 'region'> & { region?: RegionId };

export interface Text { zh: string; en: string }

/** `superseded`: a later version of the text applies on the day asked about. */
export type Status = 'in_force' | 'expired' | 'not_yet_effective' | 'no_expiry' | 'superseded';

/** `fixed`: the text names the amount; `cap`: it names a ceiling (不高于 / 不超过 / 最高). */
export type Basis = 'fixed' | 'cap';

export interface PolicyStatus {
  id: string;
  title: string;
  status: Status;
  issued: DateString;
  effective: DateString | null;
  expires: DateString | null;
  /** File name of the published text. */
  source: string;
  /** Whether the text names any money. */
  pays: boolean;
  /** How the dates were read, where derived or debatable. */
  dates_note: string | null;
  /** Present (saying so) only where the text sets no application deadline or call period. */
  no_deadline?: string;
  /** In an estimate: the text's windows and deadlines for this application (days and words), once, named by the lines' `windows[].id` / `deadlines[].id`. */
  windows?: WindowWords[];
  deadlines?: DeadlineWords[];
}

/** A window's status for one item: its `date` inside the period, outside it, or not given (counted as in). */
export type WindowStatus = 'in' | 'out' | 'assumed';

/** Where an item's date stands in a window of its text; the window's days and words are the policy's (`policies[].windows`, by `id`). */
export interface LineWindow {
  id: string;
  status: WindowStatus;
}

/**
 * A period the text requires of an item's date (上一年度, 自…以后获得的, 获得…后1年内…), as the
 * days `from`–`to` for this application (`as_of`), with its words. On the estimate's
 * `policies[]`, once per text. README: "Dates and deadlines".
 */
export interface WindowWords {
  id: string;
  from: DateString;
  to: DateString;
  /** The period in words. */
  text: string;
  clause: string;
  quote: string;
  /** The reading taken where the words are debatable. */
  note?: string;
}

/** `yearly_day` 每年 9 月 30 日; `yearly_months` 第四季度 / 3月份 / 上半年; `after_date` 获得…后1年内; `announced` a notice sets the time; `year_round` 全年受理. */
export type DeadlineShape = 'yearly_day' | 'yearly_months' | 'after_date' | 'announced' | 'year_round';

/**
 * When to apply under a text, as of `as_of`, with its words (on the estimate's
 * `policies[]`, once per text): `date` where the text makes a day of it each year (the
 * next one on or after `as_of`), `from`–`to` for months each year (their next
 * occurrence), neither where a notice sets the time or where the day is the item's own
 * (`after_date`: on its line). The `yearly_*` shapes recur each year.
 */
export interface DeadlineWords {
  id: string;
  shape: DeadlineShape;
  date: DateString | null;
  from: DateString | null;
  to: DateString | null;
  text: string;
  clause: string;
  quote: string;
}

/** A deadline of the item's text (by `id`: `policies[].deadlines`); `date` the item's own where the text counts from its date (`after_date`), else null. */
export interface LineDeadline {
  id: string;
  date: DateString | null;
}

export interface Line {
  /** Index of the achievement in the request. */
  achievement: number;
  kind: AchievementKind;
  /** After every combination rule of the text. */
  amount_yuan: Yuan;
  basis: Basis;
  policy: string;
  rule: string;
  /** e.g. "第七条", "第四条（十）". */
  clause: string;
  /** The words that set the amount, verbatim from the source text. */
  quote: string;
  unit_amount_yuan: Yuan;
  claimed: number;
  counted: number;
  gross_yuan: Yuan;
  /** How the unit amount was found, e.g. "50% × 80000 = 40000". */
  formula: string;
  /** Readings taken and assumptions made: worth checking. */
  notes: string[];
  /** The periods the text requires of the item's date, each with its status (empty: none). */
  windows: LineWindow[];
  /** When to apply (empty where the text sets none for this item). */
  deadlines: LineDeadline[];
  /** Only under a reform, on a line whose amount it changed. */
  reform?: LineReform;
}

/** What a reform file or the `reform` option may change (see README, "Reforms"). */
export type ReformField = 'amount' | 'percent' | 'max' | 'raised_amount' | 'off';

/** One change: one figure of one rule (or limit) of one policy, by the data's ids. */
export type ReformChange =
  & { policy: string }
  & ({ rule: string; limit?: never } | { limit: string; rule?: never })
  & (
    /** Yuan as a decimal string (or a whole number), 0 or more, to the fen. A rule's fixed amount, or an annual cap. */
    | { amount: Yuan | number; percent?: never; max?: never; raised_amount?: never; off?: never }
    /** 0 to 100, as a decimal string (or a whole number): a rule's percentage. */
    | { percent: string | number; amount?: never; max?: never; raised_amount?: never; off?: never }
    /** The ceiling of a percentage of an input field. */
    | { max: Yuan | number; amount?: never; percent?: never; raised_amount?: never; off?: never }
    /** An annual cap's raised amount. */
    | { raised_amount: Yuan | number; amount?: never; percent?: never; max?: never; off?: never }
    /** The rule pays nothing, the limit does not apply. */
    | { off: true; amount?: never; percent?: never; max?: never; raised_amount?: never }
  );

/** "If the amounts were…": changes applied to the data for one call. */
export interface Reform {
  name?: string;
  /** 1 to 200 changes, each thing changed once. */
  changes: ReformChange[];
}

/** A change as a result shows it: from the data's figure to the reform's (null for `off`). */
export interface ChangeShown {
  policy: string;
  rule?: string;
  limit?: string;
  clause: string;
  field: ReformField;
  baseline: Yuan | null;
  reform: Yuan | null;
}

/** On a line (or unmatched item) a reform changed. */
export interface LineReform {
  /** The amount without the reform. */
  baseline_amount_yuan: Yuan;
  /** The rule that paid it without the reform, where another one pays it now (or none does). */
  baseline_rule?: string;
  /** The changes that bear on it; empty where it changed through another line (a shared cap, a choice of categories). */
  changes: ChangeShown[];
}

/** The `reform` option of `estimate` and `compare`: the reform as data or as JSON text. */
export interface ReformOptions { reform?: Reform | string }

/** One combination rule (cap, count limit, category limit, highest-only…) that changed the lines. */
export interface Adjustment {
  policy: string;
  limit: string;
  clause: string;
  quote: string;
  rule: string;
  effect: string;
  note: string | null;
  achievements: number[];
  before_yuan: Yuan;
  after_yuan: Yuan;
}

export interface Unmatched {
  achievement: number;
  kind: AchievementKind;
  reason: string;
  /** The clause the reason rests on and its words; null only where no text of the region addresses the item. */
  clause: string | null;
  quote: string | null;
  /** Only under a reform, on an item paid without it and not with it (a rule switched off). */
  reform?: LineReform;
}

export interface Benefit { policy: string; clause: string; quote: string; text: string }

export interface EstimateResult {
  region: RegionId;
  region_name: Text;
  as_of: DateString;
  policies: PolicyStatus[];
  total_yuan: Yuan;
  /** True when any counted line is a ceiling: the total is "up to" (最高). */
  total_is_upper_bound: boolean;
  /** Only under a reform: the total without it (`total_yuan` is the reform's). */
  baseline_total_yuan?: Yuan;
  /** Before combination rules. */
  gross_yuan: Yuan;
  lines: Line[];
  adjustments: Adjustment[];
  unmatched: Unmatched[];
  warnings: string[];
  /** Non-monetary incentives the region's texts promise. */
  benefits: Benefit[];
  data_version: string;
  /** Only under a reform: its name and every change it made. */
  reform?: { name: string; baseline_total_is_upper_bound: boolean; changes: ChangeShown[] };
}

export interface Ranked {
  rank: number;
  region: RegionId;
  region_name: Text;
  total_yuan: Yuan;
  total_is_upper_bound: boolean;
  /** Only under a reform. */
  baseline_total_yuan?: Yuan;
  result: EstimateResult;
}

export interface Comparison { as_of: DateString; ranking: Ranked[] }

/** A combination rule's type, as the data names it. */
export type LimitType = 'annual_cap' | 'max_count' | 'max_categories' | 'series_as_one' | 'highest_only' | 'prior_level';

/** Why a candidate adds other than its listed amount: a combination rule of its own text, with its clause. */
export interface AdviceReason { text: string; limit: string; clause: string; quote: string }

/** With `{ across: true }`: what the same item adds in one region. */
export interface AdviceElsewhere { region: RegionId; region_name: Text; marginal_yuan: Yuan; total_is_upper_bound: boolean }

/** One more item the region pays for. */
export interface AdviceCandidate {
  /** An achievement of the contract (count 1), ready to be appended to the request. */
  achievement: Achievement;
  /** The item in words: kind and values. */
  label: string;
  /** `estimate` with it appended, minus `estimate` without it (exactly). */
  marginal_yuan: Yuan;
  /** What its rule pays for one such item on its own, before combination rules. */
  listed_yuan: Yuan;
  basis: Basis;
  policy: string;
  rule: string;
  clause: string;
  quote: string;
  /** Where `marginal_yuan` differs from `listed_yuan`: the caps, count limits or categories that make it so. */
  reasons: AdviceReason[];
  /** With `{ across: true }`: the same item in every region, the most first. */
  regions?: AdviceElsewhere[];
}

/** A cap or count limit of a text in force and what is left under it. */
export interface AdviceRoom {
  policy: string;
  limit: string;
  type: LimitType;
  /** What `max`, `used` and `left` count: yuan (an annual cap), items (per class: the fullest class), categories. */
  unit: 'yuan' | 'items' | 'categories';
  /** The rule in words. */
  text: string;
  /** The room in words: "上限 500000 元，已用 380000 元，尚余 120000 元". */
  summary: string;
  clause: string;
  quote: string;
  /** Decimal strings (whole numbers for items and categories). */
  max: Yuan;
  used: Yuan;
  left: Yuan;
}

/** An item paid as a share of a cost the request does not give: no amount without it. */
export interface AdviceNeedsInput { achievement: Achievement; label: string; policy: string; rule: string; clause: string; quote: string; reason: string }

export interface Advice {
  region: RegionId;
  region_name: Text;
  as_of: DateString;
  /** The request's own total, which each `marginal_yuan` adds to. */
  total_yuan: Yuan;
  total_is_upper_bound: boolean;
  /** Best first: the most added, then the most listed. */
  candidates: AdviceCandidate[];
  room: AdviceRoom[];
  needs_input: AdviceNeedsInput[];
}

export interface AdviseOptions { across?: boolean }

export interface RegionInfo {
  id: RegionId;
  name: Text;
  province: Text;
  pays: boolean;
  /** Achievement kinds its rules pay for. */
  kinds: AchievementKind[];
  policies: PolicyStatus[];
}

export interface RuleRow {
  id: string;
  kind: string;
  category: string;
  conditions: Record<string, string | string[]>;
  applies_to: string;
  amount: string;
  cases: { fields: Record<string, string>; amount_yuan: Yuan }[];
  basis: Basis;
  clause: string;
  quote: string;
  note: string | null;
  /** The figures a reform may change, with the data's values. */
  editable: Editable[];
}

export interface Editable { field: Exclude<ReformField, 'off'>; value: string }

/** `editable`: on limits, the caps a reform may change. */
export interface Row { id: string; text: string; clause: string; quote: string; editable?: Editable[] }

export interface Explanation {
  region: RegionId;
  region_name: string;
  policies: {
    id: string;
    title: string;
    rules: RuleRow[];
    limits: Row[];
    conditions: Row[];
    notices: Row[];
    benefits: Row[];
  }[];
}

export interface Version { package: string; data: string }

/** The application checklist of a region (`checklist`, `lingpao checklist`). */
export interface Checklist {
  region: RegionId;
  region_name: Text;
  as_of: DateString;
  /** The region's texts on `as_of`, in the estimate's order (`policies` of the estimate). */
  policies: PolicyChecklist[];
  data_version: string;
}

export interface PolicyChecklist {
  policy: PolicyId;
  title: string;
  status: Status;
  /** Whether the text names any money (the page shows the checklists of these). */
  pays: boolean;
  /** False where the text lists no materials: `materials` is empty, `materials_elsewhere` may say where they are set. */
  lists_materials: boolean;
  /** In the text's order. */
  materials: ChecklistMaterial[];
  /** The application's steps, in the text's order; empty where it sets none out. */
  steps: ChecklistStep[];
  /** The text's words leaving the materials (or more of them) to another document, such as the annual call. */
  materials_elsewhere: { text: string; clause: string; quote: string } | null;
}

export interface ChecklistMaterial {
  id: string;
  /** The material, close to the text's words, in the request's language. */
  text: string;
  clause: string;
  /** Verbatim from the text (checked at build time). */
  quote: string;
  /** The reading taken, where debatable. */
  note: string | null;
  /** The kinds of item it belongs to; empty: every application of the text needs it. */
  kinds: AchievementKind[];
  /**
   * Indices into the estimate's `lines` that it serves: lines of its kinds, paid by the
   * rules it belongs to, with an amount above 0. Empty for a material of every application.
   */
  lines: number[];
}

export interface ChecklistStep {
  id: string;
  text: string;
  clause: string;
  quote: string;
  note: string | null;
}

/** A field of an achievement kind, as the engine accepts it. */
export interface KindField {
  name: string;
  type: 'enum' | 'integer' | 'yuan' | 'bool' | 'text' | 'date';
  required: boolean;
  /** Allowed values of an enum field, highest level first. */
  values: string[];
  min: number | null;
  max: number | null;
  doc: Text;
}

/** The achievement kinds a request may use, with zh/en labels: build forms from this. */
export interface KindsRegistry {
  /** Fields every kind accepts (count, subject, actual_cost_yuan). */
  common_field: KindField[];
  kind: { id: AchievementKind; name: Text; doc: Text; field: KindField[] }[];
  /** Labels of enum values, by field name then value. */
  values: Record<string, Record<string, Text>>;
}

export interface EligibilityRequest {
  region: RegionId;
  facts?: Facts;
  /** Policy status is judged on this day. Default: today (UTC+8). */
  as_of?: DateString;
  lang?: Lang;
}

export type ConditionStatus = 'met' | 'not_met' | 'unknown';
/** `incomplete`: nothing fails, but facts are missing (see `missing_facts`). */
export type Verdict = 'all_met' | 'some_not_met' | 'incomplete';
/** To be evaluated, to keep the title, or to be rewarded for it. */
export type Stage = 'evaluation' | 'title' | 'reward';

/** Exactly one of `min` / `max` (months) or `equals` (bool). */
export interface Requirement {
  min?: number;
  max?: number;
  equals?: boolean;
  /** A looser bound when the bool fact `fact` is true. */
  relaxed?: { fact: FactId; min?: number; max?: number };
}

export interface EligibilityCondition {
  id: string;
  /** `national`: inherited from the national texts; `region`: the region's own. */
  scope: 'national' | 'region';
  policy: string;
  policy_title: string;
  stage: Stage;
  fact: FactId;
  fact_name: string;
  requirement: Requirement;
  /** The fact as given (months for months facts), or null. */
  value: boolean | number | null;
  status: ConditionStatus;
  /** The comparison made, or the fact that is missing. */
  reason: string;
  text: string;
  clause: string;
  /** The words that set the condition, verbatim from the source text. */
  quote: string;
  note: string | null;
}

export interface Eligibility {
  region: RegionId;
  region_name: Text;
  as_of: DateString;
  verdict: Verdict;
  summary: string;
  counts: { met: number; not_met: number; unknown: number };
  /** National conditions first, then the region's own. */
  conditions: EligibilityCondition[];
  /** The facts that would settle the unknown conditions. */
  missing_facts: FactId[];
  policies: PolicyStatus[];
  warnings: string[];
  data_version: string;
}

/** `exact`: a term is a whole cell; `contains`: part of a cell; `within`: a cell is part of the term. */
/** The SME self-assessment request: the company's facts (each optional) and the language. */
export interface SmeRequest {
  facts?: SmeFacts;
  /** Language of names, texts and plans. Default `zh`. */
  lang?: Lang;
}

/** `undetermined`: a fact the verdict needs was left out. */
export type SmeVerdict = 'met' | 'not_met' | 'undetermined';

/** `required`: always needed; `general`: with the score unless a direct condition holds; `direct`: alone enough. */
export type SmeRole = 'required' | 'general' | 'direct' | 'score';

export interface SmeScore {
  /** The least and the most points the facts allow (equal when every fact is given). */
  points_min: number;
  points_max: number;
  /** The passing score. */
  pass: number;
  quote: string;
  verdict: SmeVerdict;
}

export interface SmeGroup {
  id: string;
  name: string;
  points_min: number;
  points_max: number;
  /** The group's full marks. */
  full: number;
  /** The sub-threshold (annex 1 only), and its words. */
  threshold: number | null;
  threshold_quote: string | null;
  quote: string;
}

export interface SmeIndicator {
  id: string;
  name: string;
  group: string;
  points_min: number;
  points_max: number;
  full: number;
  clause: string;
  quote: string;
  /** The band reached, in the annex's words, when the points are known. */
  band: string | null;
  /** The figure scored as read ("2.6%"), when it is a known number. */
  value: string | null;
}

export interface SmeCondition {
  id: string;
  role: SmeRole;
  text: string;
  clause: string;
  quote: string;
  verdict: SmeVerdict;
  /** The reading taken where the clause is ambiguous. */
  note: string | null;
}

/** One fact changed: from its value (null: not given) to the value needed. */
export interface SmeChange {
  input: SmeFactId;
  name: string;
  from: string | null;
  to: string;
  /** The computed figure that moves with it, and its target. */
  measure: SmeMeasureId | null;
  measure_to: string | null;
}

/** One way to reach a tier not reached: a condition's changes, or a score plan. */
export interface SmeMissing {
  role: SmeRole;
  /** The condition's id, or `score`. */
  id: string;
  text: string;
  changes: SmeChange[];
  /** For a score plan: the points gained and the total after. */
  points: number | null;
  total: number | null;
  clause: string;
  quote: string;
}

export interface SmeTier {
  id: SmeTierId;
  name: string;
  verdict: SmeVerdict;
  clause: string;
  quote: string;
  /** Null for the tier decided by conditions only (小巨人). */
  score: SmeScore | null;
  groups: SmeGroup[];
  indicators: SmeIndicator[];
  conditions: SmeCondition[];
  /** For a tier not met: what would reach it, each way with its clause (score plans: the fewest changes first). */
  missing: SmeMissing[];
  /** The facts left out that the verdict waits on. */
  undetermined_by: SmeFactId[];
}

export interface SmeAssessment {
  scheme: string;
  title: string;
  clause: string;
  quote: string;
  tiers: SmeTier[];
  /** Figures computed from the facts (annex 4 (十四)), rounded to 2 decimals for reading; null where a fact is missing. */
  measures: { id: SmeMeasureId; name: string; value: string | null; unit: 'percent' | 'yuan' }[];
  notices: { id: string; text: string; clause: string; quote: string }[];
  /** The facts not given. */
  left_out: SmeFactId[];
}

/** The facts the assessment reads, for building a form. */
export interface SmeInputs {
  sections: { id: SmeSectionId; name: Text }[];
  inputs: {
    id: SmeFactId;
    type: 'yuan' | 'signed_yuan' | 'percent' | 'count' | 'years' | 'points' | 'bool' | 'choice';
    section: SmeSectionId;
    name: Text;
    doc: Text;
    /** The whole this part may not exceed. */
    part_of: SmeFactId | null;
    /** For points: the most. */
    max: number | null;
    choice: { id: string; name: Text }[];
    clause: string | null;
    quote: string | null;
  }[];
}

export type LookupMatch = 'exact' | 'contains' | 'within';

export interface RegisterInfo {
  id: RegisterId;
  title: Text;
  source: string;
  clause: string;
  quote: string;
  rows: number;
  columns: { id: string; name: Text }[];
}

export interface LookupResult {
  query: string;
  /** The query split at whitespace: every term must match. */
  terms: string[];
  registers: RegisterInfo[];
  count: number;
  /** Exact matches first, then contains, then within. */
  hits: RegisterHit[];
  data_version: string;
}

/**
 * Thrown on bad input: the message names the field and the allowed values. Also for
 * NaN, ±Infinity or an invalid `Date` anywhere in a request (which JSON would turn into
 * `null`, "not given"), an argument of the wrong type, a lone surrogate in a string, and
 * a request over {@link MAX_REQUEST_BYTES}. Values quoted in messages are cut to 40
 * characters, with their length.
 */
export interface LingpaoError extends Error {
  /** Path of the offending field, e.g. `achievements[2].level`. */
  field: string;
  message_zh: string;
  /** The accepted values, where there is a list. */
  allowed: string[];
}

/** The largest request: 1 MiB (1,048,576 bytes) of JSON text, checked before parsing. */
export const MAX_REQUEST_BYTES: 1048576;

/**
 * Loads the WebAssembly module. Call (and await) once before anything else; if it
 * fails (a network error), calling it again tries again.
 * In Node it reads the bundled `.wasm` file; in a browser or bundler it fetches it
 * next to this module; or pass the bytes, a `Response`, a URL or a `WebAssembly.Module`.
 */
export function init(input?: BufferSource | WebAssembly.Module | Response | URL | string): Promise<void>;

/**
 * One region's estimate. Throws a {@link LingpaoError} on bad input (a bad reform names
 * its field under `reform`, e.g. `reform.changes[0].amount`). With `{ reform }`, the
 * reform's figures: `baseline_total_yuan` and each changed line's `reform` say what they
 * were without it.
 */
export function estimate(request: EstimateRequest, options?: ReformOptions): EstimateResult;
/** The same, JSON text in and out (as the `lingpao` CLI; a leading byte-order mark is skipped); a reform as JSON text. */
export function estimateJson(request: string, reform?: string): string;
/**
 * Many units at once, as `lingpao batch` answers them: `bytes` holds whole lines of JSON
 * Lines (one request a line), the first numbered `after + 1`. Returns the CLI's JSON
 * Lines for them: `{"line","region","total_yuan","total_is_upper_bound","policies"}` or
 * `{"line","error"}` per unit (blank lines are no units). The totals path: no notes.
 * With `{ reform }`, the reform's totals and, beside them, `baseline_total_yuan` and
 * `baseline_policies` (as `lingpao batch --reform`); a bad reform throws naming its field.
 */
export function batchLines(bytes: Uint8Array, after?: number, options?: ReformOptions): string;
/**
 * What to add next: one more item of each distinct combination the region's texts in
 * force pay for, ranked by what it adds to this request's total after every combination
 * rule (`marginal_yuan`), with the reasons where that is below (or above) the listed
 * amount, and the room left under each cap and count limit. `{ across: true }` prices
 * each candidate in every region too. At most 199 achievements (one is appended).
 */
export function advise(request: EstimateRequest, options?: AdviseOptions): Advice;
/** The same achievements in every region, best-paying first (under a reform, by its totals). */
export function compare(request: CompareRequest, options?: ReformOptions): Comparison;
/** Every region with its policies and their status on `asOf` (default today). */
export function regions(asOf?: DateString | Date, lang?: Lang): RegionInfo[];
/** A region's rules, clause by clause, as data. */
export function explain(region: RegionId, lang?: Lang): Explanation;
/** The conditions to be evaluated or rewarded as a leader in a region, each met / not met / unknown. */
export function eligibility(request: EligibilityRequest): Eligibility;
/** Rows of the 2022 key domains and grain-and-oil leader list matching a keyword. Throws on blank text. */
export function lookup(text: string): LookupResult;

/**
 * Loads the national module (a second, smaller wasm: what the national background text
 * defines, the SME tiers and the 2022 registers), once. Needed before `sme`, `smeInputs`
 * and `lookup`; independent of `init`. Same `input` forms as `init`.
 */
export function initNational(input?: BufferSource | WebAssembly.Module | Response | URL | string): Promise<void>;

/** The SME tiers self-assessment (创新型 / 专精特新 / “小巨人”) on the company's facts (after `await initNational()`). */
export function sme(request: SmeRequest): SmeAssessment;

/** The facts `sme` reads: types, ranges, choices and zh/en labels, by section (after `await initNational()`). */
export function smeInputs(): SmeInputs;
/**
 * Loads the application checklists (`checklists.json`, beside this module: the text's
 * materials and steps with their quotes, generated from the checked data), once. Needed
 * before `checklist`. In Node it reads the file; elsewhere it fetches it, or pass a URL
 * or a `Response`. The checklists are not in the wasm module: mostly Chinese quotes, they
 * would cost its download 7.2 KB brotli (docs/performance.md).
 */
export function initChecklists(input?: Response | URL | string): Promise<void>;

/**
 * What to hand in and the steps, per text of the request's region (after `await init()`
 * and `await initChecklists()`): each material of one kind ticked on the estimate's lines
 * it serves. The same JSON as `lingpao checklist < request.json`. Throws a
 * {@link LingpaoError} on bad input, as `estimate`.
 */
export function checklist(request: EstimateRequest): Checklist;

/** The achievement kinds, fields, allowed values and their labels (the form's source). */
export function kinds(): KindsRegistry;
/**
 * An estimate's dated deadlines and call periods as an iCalendar file (RFC 5545): one
 * all-day event per deadline day, yearly ones repeating; the bytes of `lingpao estimate
 * --ics`. Plain JS: needs no `init()`. `calendar(estimate(request))`.
 */
export function calendar(result: EstimateResult): string;
/** Package version and policy-data version. */
export function version(): Version;

