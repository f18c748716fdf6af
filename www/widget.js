// The embeddable calculator, from one script include:
//   <script type="module" src="https://…/widget.js"></script>
//   <lingpao-estimator region="tianjin" lang="zh"></lingpao-estimator>
// Attributes: region, lang (zh|en), as-of (YYYY-MM-DD), request (the JSON of a deep
// link, to prefill achievements), lock-region (no region picker), hide-compare.
// It renders in a shadow root with its own stylesheet: the host page's CSS stays out,
// and it never touches the host page's DOM or URL.
import { loadContext } from './js/data.js';
import { Estimator } from './js/estimator.js';
import { defaultState, fromHash } from './js/state.js';
import { h } from './js/dom.js';

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
      this.shadowRoot.lastChild.textContent = `领跑计算器载入失败 / The lingpao calculator failed to load: ${e.message}`;
      return;
    }
    this.ctx = ctx;
    const { state } = this.stateFromAttributes();
    this.estimator = new Estimator(ctx, state, {
      mode: 'widget', lockRegion: this.hasAttribute('lock-region'), hideCompare: this.hasAttribute('hide-compare'),
    });
    this.shadowRoot.lastChild.replaceWith(this.estimator.el);
    this.estimator.load(state);
  }

  stateFromAttributes() {
    const ids = this.ctx.regions(undefined, 'zh').map((r) => r.id);
    const base = defaultState(ids);
    const req = this.getAttribute('request');
    const { state, invalid } = fromHash(req ? `#req=${encodeURIComponent(req)}` : '', base, ids, this.ctx.kinds);
    const region = this.getAttribute('region');
    if (ids.includes(region)) state.region = region;
    const lang = this.getAttribute('lang');
    if (lang === 'zh' || lang === 'en') state.lang = lang;
    const asOf = this.getAttribute('as-of');
    if (/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? '')) state.as_of = asOf;
    return { state, invalid };
  }

  attributeChangedCallback() {
    if (!this.estimator) return;
    const { state, invalid } = this.stateFromAttributes();
    this.estimator.load({ ...state, achievements: this.getAttribute('request') ? state.achievements : this.estimator.state.achievements }, invalid);
  }
}

if (!customElements.get('lingpao-estimator')) customElements.define('lingpao-estimator', LingpaoEstimator);
