// The form's registry, read from the engine: its kinds (fields, values, zh/en labels) in
// the page's shape, and policy id → its text file. A pure module, so Node tests use it too.

// The site build (scripts/build-site.mjs) defines LINGPAO_TEXTS: text name → its
// content-hashed file. Unbuilt, a text is sources/<name>.
const hashed = typeof LINGPAO_TEXTS === 'object' ? LINGPAO_TEXTS : {};

/** The kinds registry in the page's shape, and policy id → its text file, from an
 * initialised package. */
export function registry(engine) {
  const k = engine.kinds();
  const kinds = {
    common: k.common_field,
    kinds: k.kind.map((kind) => ({ id: kind.id, name: kind.name, doc: kind.doc, fields: kind.field })),
    values: k.values,
  };
  kinds.byId = new Map(kinds.kinds.map((kind) => [kind.id, kind]));
  const sources = {};
  for (const r of engine.regions()) {
    for (const p of r.policies) sources[p.id] = { file: hashed[p.source] ?? `sources/${p.source}` };
  }
  return { kinds, sources };
}
