// "申报材料与流程 / Application checklist" under the estimate: per paying text of the
// region, the materials it lists (a material of one kind ticked ✓ with the items whose
// lines it serves) and the steps of an application, each with its clause and quote.
// The data is a second download (pkg/checklists.json), fetched when first needed.
import { h } from './dom.js';
import { t, pick, colon } from './i18n.js';
import { citation } from './result.js';

/**
 * The section's contents. view: the breakdown's view; result: the estimate shown;
 * list: `checklist()`'s answer for the same request (null while loading);
 * failed: the load's error, with `retry`.
 */
export function renderChecklist(view, result, list, failed, retry) {
  const { lang } = view;
  const paying = (result?.policies ?? []).filter((p) => p.pays);
  if (!paying.length) return [];
  const head = h('h3', { class: 'lp-h3', text: t('checklist', lang) });
  if (failed) {
    return [head, h('p', { class: 'lp-hint' }, `${t('checklistFailed', lang)}${failed.message} `,
      h('button', { type: 'button', class: 'lp-button', text: t('retry', lang), onclick: retry }))];
  }
  if (!list) return [head, h('p', { class: 'lp-hint', role: 'status', text: t('checklistLoading', lang) })];
  const c = colon(lang);
  const items = (lines) => [...new Set(lines.map((i) => result.lines[i]?.achievement))].filter((a) => a !== undefined).map((a) => t('item', lang, { n: a + 1 }));
  const ids = new Set(paying.map((p) => p.id));
  const kindNames = (kinds) => kinds.map((k) => pick(view.ctx.kinds.byId.get(k)?.name, lang) || k).join(lang === 'en' ? ', ' : '、');
  return [head, list.policies.filter((p) => ids.has(p.policy)).map((p) => h('section', { class: 'lp-checklist-policy', 'data-policy': p.policy },
    h('h4', { class: 'lp-h4', text: lang === 'en' ? p.title : `《${p.title}》` }),
    h('p', { class: 'lp-h5', text: t('checklistMaterials', lang) }),
    p.lists_materials ? null : h('p', { class: 'lp-hint lp-none', text: t('noMaterials', lang) }),
    p.materials.length ? h('ul', { class: 'lp-materials' }, p.materials.map((m) => {
      const served = items(m.lines);
      const state = m.kinds.length === 0 ? 'all' : served.length ? 'ticked' : 'unused';
      return h('li', { class: ['lp-material', `lp-material-${state}`], 'data-material': m.id },
        h('p', { class: 'lp-material-head' },
          h('span', { class: 'lp-tick', 'aria-hidden': 'true', text: state === 'ticked' ? '✓' : state === 'all' ? '•' : '–' }),
          h('span', { class: 'lp-material-text', text: m.text })),
        h('p', { class: 'lp-hint lp-material-for', text: state === 'ticked' ? t('servesItems', lang, { items: served.join(lang === 'en' ? ', ' : '、') }) : state === 'all' ? t('everyApplication', lang) : t('noSuchItem', lang, { kinds: kindNames(m.kinds) }) }),
        m.note ? h('p', { class: 'lp-notes' }, h('strong', { text: `${t('debatable', lang)}${c}` }), m.note) : null,
        citation(view, p.policy, m.clause, m.quote));
    })) : null,
    p.materials_elsewhere ? h('div', { class: 'lp-elsewhere' }, h('p', { text: p.materials_elsewhere.text }), citation(view, p.policy, p.materials_elsewhere.clause, p.materials_elsewhere.quote)) : null,
    h('p', { class: 'lp-h5', text: t('checklistSteps', lang) }),
    p.steps.length
      ? h('ol', { class: 'lp-app-steps' }, p.steps.map((s) => h('li', { class: 'lp-app-step' }, h('p', { text: s.text }),
        s.note ? h('p', { class: 'lp-notes' }, h('strong', { text: `${t('debatable', lang)}${c}` }), s.note) : null,
        citation(view, p.policy, s.clause, s.quote))))
      : h('p', { class: 'lp-hint lp-none', text: t('noSteps', lang) })))];
}
