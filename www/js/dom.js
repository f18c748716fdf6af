// DOM building without HTML strings: every text goes in through textContent or
// attributes, so data from the URL or the engine can never become markup.

const SVG_NS = 'http://www.w3.org/2000/svg';
const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'open', 'readOnly', 'tabIndex']);

function apply(el, props) {
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.flat(Infinity).filter(Boolean).join(' ') : v);
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (PROPS.has(k)) el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** h('p', { class: 'x', onclick: f }, 'text', child…) */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  apply(el, props);
  append(el, children);
  return el;
}

export function svg(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, props);
  append(el, children);
  return el;
}

/** Replaces an element's children (skipping null/false, unlike replaceChildren). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * Makes `children` the element's children, leaving in place those already there: on a
 * long list where one item changed, the browser restyles and lays out that one only.
 */
export function patch(el, ...children) {
  const want = children.flat(Infinity).filter((c) => c != null && c !== false)
    .map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));
  want.forEach((c, i) => { if (el.childNodes[i] !== c) el.insertBefore(c, el.childNodes[i] ?? null); });
  while (el.childNodes.length > want.length) el.lastChild.remove();
  return el;
}

let ids = 0;
/** A document-unique id for label/aria wiring (shadow roots share the counter, harmlessly). */
export const uid = (prefix = 'lp') => `${prefix}-${++ids}`;
