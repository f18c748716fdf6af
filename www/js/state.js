// The page state and its URL form. The state is the engine request itself plus the
// open view, so a link is `#req=<encodeURIComponent(request JSON)>[&view=compare]`:
// other sites can build one by hand. URL content is untrusted: it is parsed as JSON,
// checked field by field against the kinds registry, and only ever used as data.

const MAX_HASH = 100_000; // characters; a real request is a few hundred
const MAX_ITEMS = 200; // the engine's own limit

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

const isDate = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/**
 * One achievement from untrusted JSON: known kind, known fields, values of the right
 * type (enum values from the allowed list). Returns [achievement, cleanedSomething].
 */
export function cleanAchievement(raw, kinds) {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [null, true];
  const kind = kinds.byId.get(raw.kind);
  if (!kind) return [null, true];
  const out = { kind: kind.id };
  let dropped = false;
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'kind') continue;
    const field = kind.fields.find((f) => f.name === name) ?? kinds.common.find((f) => f.name === name);
    const ok = field && (
      field.type === 'enum' ? field.values.includes(value)
        : field.type === 'integer' ? Number.isInteger(value) && value >= (field.min ?? 0) && value <= (field.max ?? 1e9)
          : field.type === 'bool' ? typeof value === 'boolean'
            : field.type === 'yuan' ? (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /^\d{1,15}(\.\d{1,2})?$/.test(value))
              : typeof value === 'string' && value.length <= 200);
    if (ok) out[name] = value;
    else dropped = true;
  }
  // Required enums missing or invalid: the first allowed value keeps the form whole.
  for (const f of kind.fields) {
    if (f.required && f.type === 'enum' && !(f.name in out)) { out[f.name] = f.values[0]; dropped = true; }
  }
  out.count ??= 1;
  return [out, dropped];
}

/** State from a location hash; `invalid` tells whether anything had to be dropped. */
export function fromHash(hash, base, regionIds, kinds) {
  const state = { ...base, achievements: [...base.achievements] };
  let invalid = false;
  if (!hash || hash.length < 2) return { state, invalid, present: false };
  if (hash.length > MAX_HASH) return { state, invalid: true, present: true };
  const params = new URLSearchParams(hash.slice(1));
  state.view = params.get('view') === 'compare' ? 'compare' : 'estimate';
  const text = params.get('req');
  if (text == null) return { state, invalid, present: params.has('view') };
  let req;
  try { req = JSON.parse(text); } catch { return { state, invalid: true, present: true }; }
  if (!req || typeof req !== 'object' || Array.isArray(req)) return { state, invalid: true, present: true };
  if (regionIds.includes(req.region)) state.region = req.region;
  else if (req.region !== undefined) invalid = true;
  if (isDate(req.as_of)) state.as_of = req.as_of;
  else if (req.as_of !== undefined) invalid = true;
  if (req.lang === 'zh' || req.lang === 'en') state.lang = req.lang;
  else if (req.lang !== undefined) invalid = true;
  state.achievements = [];
  if (Array.isArray(req.achievements)) {
    for (const raw of req.achievements.slice(0, MAX_ITEMS)) {
      const [a, dropped] = cleanAchievement(raw, kinds);
      if (a) state.achievements.push(a);
      invalid ||= dropped;
    }
    invalid ||= req.achievements.length > MAX_ITEMS;
  } else if (req.achievements !== undefined) invalid = true;
  return { state, invalid, present: true };
}
