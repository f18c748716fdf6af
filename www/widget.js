// The embeddable calculator, from one script include:
//   <script type="module" src="https://…/widget.js"></script>
//   <lingpao-estimator region="tianjin" lang="zh"></lingpao-estimator>
// Attributes: region, lang (zh|en), as-of (YYYY-MM-DD), request (the JSON of a deep
// link, to prefill achievements), lock-region (no region picker), hide-compare.
// It renders in a shadow root with its own stylesheet: the host page's CSS stays out,
// and it never touches the host page's DOM or URL.
import { loadContext } from './js/data.js';
import { Estimator } from './js/estimator.js';
import { defaultState, fromHash, isDate } from './js/state.js';
import { h, fill } from './js/dom.js';

class LingpaoEstimator extends HTMLElement {
  static observedAttributes = ['region', 'lang', 'as-of', 'request'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.append(
      h('link', { rel: 'stylesheet', href: new URL('./css/lingpao.css', import.meta.url).href }),
      h('p', { class: 'lp', role: 'status', text: '正在载入… / Loading…' }));
  }

  async connectedCallback() {
    if (this.estimator || this.loading) return;
    this.loading = true;
    let ctx;
    try {
      ctx = await loadContext();
    } catch (e) {
      // A transient network failure: the retry loads again (loadContext forgets a failure).
      this.loading = false;
      const status = this.shadowRoot.lastChild;
      fill(status, `领跑计算器载入失败 / The lingpao calculator failed to load: ${e.message} `,
        h('button', { type: 'button', class: 'lp-button', text: '重试 / Retry', onclick: () => {
          status.textContent = '正在载入… / Loading…';
          this.connectedCallback();
        } }));
      return;
    }
    this.ctx = ctx;
    const { state, problems } = this.stateFromAttributes();
    this.estimator = new Estimator(ctx, state, {
      mode: 'widget', lockRegion: this.hasAttribute('lock-region'), hideCompare: this.hasAttribute('hide-compare'),
    });
    this.shadowRoot.lastChild.replaceWith(this.estimator.el);
    this.estimator.load(state, problems, 'widgetInvalid');
  }

  /** The state the attributes ask for, and what of them was invalid (as a link's problems). */
  stateFromAttributes() {
    const ids = this.ctx.regions(undefined, 'zh').map((r) => r.id);
    const base = defaultState(ids);
    const req = this.getAttribute('request');
    const { state, problems } = fromHash(req ? `#req=${encodeURIComponent(req)}` : '', base, ids, this.ctx.kinds);
    const attr = (name, field, ok, why) => {
      const v = this.getAttribute(name);
      if (v === null) return;
      if (ok(v)) state[field] = v;
      else problems.push({ field, why, value: v.slice(0, 40) });
    };
    attr('region', 'region', (v) => ids.includes(v), 'value');
    attr('lang', 'lang', (v) => v === 'zh' || v === 'en', 'value');
    attr('as-of', 'as_of', isDate, 'date');
    return { state, problems };
  }

  attributeChangedCallback() {
    if (!this.estimator) return;
    const { state, problems } = this.stateFromAttributes();
    this.estimator.load({ ...state, achievements: this.getAttribute('request') ? state.achievements : this.estimator.state.achievements }, problems, 'widgetInvalid');
  }
}

if (!customElements.get('lingpao-estimator')) customElements.define('lingpao-estimator', LingpaoEstimator);
