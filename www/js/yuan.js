// Exact money in the page: yuan as decimal strings, summed and subtracted as a BigInt and
// its scale, never as floats. Shared by the file import (batch.js, import.js) and the
// what-if panel (reform.js); small, so that the widget loads no more than it needs.

/** A sum of yuan decimal strings, exact: a BigInt and its scale (digits after the point). */
export class Yuan {
  constructor() { this.n = 0n; this.scale = 0; }

  add(s) {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
    // An error of the engine's shape (batch.js `problem`), named for the field it reads.
    if (!m) throw Object.assign(new Error(`\`${s}\` is not a decimal amount`), { field: 'total_yuan', message_zh: `“${s}”不是十进制金额`, allowed: [] });
    const frac = m[3] ?? '';
    if (frac.length > this.scale) { this.n *= 10n ** BigInt(frac.length - this.scale); this.scale = frac.length; }
    const v = BigInt(m[2] + frac.padEnd(this.scale, '0'));
    this.n += m[1] ? -v : v;
    return this;
  }

  sub(s) {
    return this.add(s.startsWith('-') ? s.slice(1) : `-${s}`);
  }

  /** As the engine writes yuan: no exponent, no trailing zeros ("160000", "2.5"). */
  toString() {
    const neg = this.n < 0n;
    const d = (neg ? -this.n : this.n).toString().padStart(this.scale + 1, '0');
    const int = d.slice(0, d.length - this.scale);
    const frac = d.slice(d.length - this.scale).replace(/0+$/, '');
    return `${neg && (int !== '0' || frac) ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
  }
}

/** a − b, both decimal strings of yuan, exact, as a decimal string ("+" shown for a rise). */
export function difference(a, b) {
  const d = new Yuan().add(a).sub(b).toString();
  return d.startsWith('-') || d === '0' ? d : `+${d}`;
}
