// The page state and its URL form. The state is the engine request itself plus the
// open view, so a link is `#req=<encodeURIComponent(request JSON)>[&view=compare]`:
// other sites can build one by hand. URL content is untrusted: it is parsed as JSON,
// checked field by field against the kinds registry, and only ever used as data.

/** The engine's request limit (pkg's MAX_REQUEST_BYTES, 1 MiB; a test keeps them equal). */
export const MAX_REQUEST_BYTES = 1 << 20;
const MAX_ITEMS = 200; // the engine's own limit
// Percent-encoding at most triples a text: a longer hash holds an oversized request.
const MAX_HASH = 3 * MAX_REQUEST_BYTES + 64;

/** Today in China (UTC+8), YYYY-MM-DD: the engine's default day too. */
export function todayCN() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function defaultState(regionIds) {
  return { region: regionIds.includes('beijing') ? 'beijing' : regionIds[0], as_of: todayCN(), lang: 'zh', view: 'estimate', achievements: [] };
}

/** The engine request for a state. */
export function toRequest(state) {
  return { region: state.region, as_of: state.as_of, lang: state.lang, achievements: state.achievements };
}

export function toHash(state) {
  const req = encodeURIComponent(JSON.stringify(toRequest(state)));
  return `#req=${req}${state.view === 'compare' ? '&view=compare' : ''}`;
}

/** A calendar day that exists, YYYY-MM-DD (not Date.parse, which takes 2022-02-30). */
export function isDate(s) {
  const m = typeof s === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate(); // day 0 of the next month
  return mo >= 1 && mo <= 12 && d >= 1 && d <= last;
}

/** What a link got wrong, for the notice: the field and why (a key of i18n's `why.*`). */
const problem = (field, why, value) => ({ field, why, value: typeof value === 'string' ? value.slice(0, 40) : undefined });

/**
 * One achievement from untrusted JSON: known kind, known fields, values of the right
 * type (enum values from the allowed list). Returns [achievement, problems]; `at` is
 * its place in the link (`achievements[2]`).
 */
export function cleanAchievement(raw, kinds, at = 'achievements') {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [null, [problem(at, 'type')]];
  const kind = kinds.byId.get(raw.kind);
  if (!kind) return [null, [problem(`${at}.kind`, 'kind', raw.kind)]];
  const out = { kind: kind.id };
  const problems = [];
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'kind') continue;
    const field = kind.fields.find((f) => f.name === name) ?? kinds.common.find((f) => f.name === name);
    const ok = field && (
      field.type === 'enum' ? field.values.includes(value)
        : field.type === 'integer' ? Number.isInteger(value) && value >= (field.min ?? 0) && value <= (field.max ?? 1e9)
          : field.type === 'bool' ? typeof value === 'boolean'
            : field.type === 'yuan' ? (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /^\d{1,15}(\.\d{1,2})?$/.test(value))
              : field.type === 'date' ? isDate(value)
                : typeof value === 'string' && value.length <= 200);
    if (ok) out[name] = value;
    else problems.push(problem(`${at}.${name.slice(0, 40)}`, field ? 'value' : 'field', value));
  }
  // Required enums missing or invalid: the first allowed value keeps the form whole.
  for (const f of kind.fields) {
    if (f.required && f.type === 'enum' && !(f.name in out)) {
      out[f.name] = f.values[0];
      if (!problems.some((p) => p.field === `${at}.${f.name}`)) problems.push(problem(`${at}.${f.name}`, 'missing'));
    }
  }
  out.count ??= 1;
  return [out, problems];
}

/**
 * State from a location hash. `problems` lists what had to be dropped or replaced
 * (`invalid` tells whether there is any); `present` whether the hash held a request.
 */
export function fromHash(hash, base, regionIds, kinds) {
  const state = { ...base, achievements: [...base.achievements] };
  const problems = [];
  const done = (present) => ({ state, invalid: problems.length > 0, problems, present });
  if (!hash || hash.length < 2) return done(false);
  if (hash.length > MAX_HASH) { problems.push(problem('request', 'size')); return done(true); }
  const params = new URLSearchParams(hash.slice(1));
  state.view = params.get('view') === 'compare' ? 'compare' : 'estimate';
  const text = params.get('req');
  if (text == null) return done(params.has('view'));
  if (text.length > MAX_REQUEST_BYTES) { problems.push(problem('request', 'size')); return done(true); }
  let req;
  try { req = JSON.parse(text.replace(/^\ufeff/, '')); } catch { problems.push(problem('request', 'json')); return done(true); }
  if (!req || typeof req !== 'object' || Array.isArray(req)) { problems.push(problem('request', 'type')); return done(true); }
  if (regionIds.includes(req.region)) state.region = req.region;
  else if (req.region !== undefined) problems.push(problem('region', 'value', req.region));
  if (isDate(req.as_of)) state.as_of = req.as_of;
  else if (req.as_of !== undefined) problems.push(problem('as_of', 'date', req.as_of));
  if (req.lang === 'zh' || req.lang === 'en') state.lang = req.lang;
  else if (req.lang !== undefined) problems.push(problem('lang', 'value', req.lang));
  state.achievements = [];
  if (Array.isArray(req.achievements)) {
    for (const [i, raw] of req.achievements.slice(0, MAX_ITEMS).entries()) {
      const [a, dropped] = cleanAchievement(raw, kinds, `achievements[${i}]`);
      if (a) state.achievements.push(a);
      problems.push(...dropped);
    }
    if (req.achievements.length > MAX_ITEMS) problems.push(problem('achievements', 'many'));
  } else if (req.achievements !== undefined) problems.push(problem('achievements', 'type'));
  for (const key of Object.keys(req)) {
    if (!['region', 'as_of', 'lang', 'achievements'].includes(key)) problems.push(problem(key.slice(0, 40), 'field'));
  }
  return done(true);
}
