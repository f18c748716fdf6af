// The published texts, fetched only when a reader opens one, and the article around a
// quote. Quotes match the text ignoring whitespace (as the data checks do: the compiled
// texts break lines and space numbers unevenly).
const base = new URL('../', import.meta.url); // www/, as in data.js

const texts = new Map();

export function loadText(file) {
  if (!texts.has(file)) {
    texts.set(file, fetch(new URL(file, base)).then((r) => {
      if (!r.ok) throw new Error(`${file}: HTTP ${r.status}`);
      return r.text();
    }).catch((e) => { texts.delete(file); throw e; }));
  }
  return texts.get(file);
}

/** [start, end) of the quote in `text`, whitespace-insensitive; null when absent. */
export function locate(text, quote) {
  const map = [];
  let flat = '';
  for (let i = 0; i < text.length; i++) {
    if (!/\s/.test(text[i])) { flat += text[i]; map.push(i); }
  }
  const q = quote.replace(/\s+/g, '');
  const at = q ? flat.indexOf(q) : -1;
  if (at < 0) return null;
  return [map[at], map[at + q.length - 1] + 1];
}

const ARTICLE = /^\s*第[一二三四五六七八九十百零〇两\d]+条/;
const CHAPTER = /^\s*第[一二三四五六七八九十百零〇两\d]+[章节]/;
const MAX_ARTICLE = 1500; // characters; a longer article is cut to the quote's paragraph under its heading

/**
 * The article holding the quote: from its "第…条" line to the next article or chapter;
 * in texts not written in articles, the paragraph(s) the quote spans.
 * Returns { heading, before, quote, after } of that passage (heading: the article's
 * first line when the passage is cut from a long article), or null.
 */
export function article(text, quote) {
  const span = locate(text, quote);
  if (!span) return null;
  const lines = [];
  for (let i = 0, start = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') { lines.push([start, i]); start = i + 1; }
  }
  const lineAt = (pos) => lines.findIndex(([s, e]) => pos >= s && pos <= e);
  const first = lineAt(span[0]);
  const last = lineAt(span[1] - 1);
  let from = first;
  let to = last;
  for (let i = first; i >= 0; i--) {
    const line = text.slice(...lines[i]);
    if (ARTICLE.test(line)) { from = i; break; }
    if (CHAPTER.test(line) || i === 0) { from = first; break; }
  }
  if (from !== first || ARTICLE.test(text.slice(...lines[first]))) {
    to = last;
    while (to + 1 < lines.length && !ARTICLE.test(text.slice(...lines[to + 1])) && !CHAPTER.test(text.slice(...lines[to + 1]))) to++;
    while (to > last && !text.slice(...lines[to]).trim()) to--;
  }
  let start = lines[from][0];
  let end = lines[to][1];
  let heading = null;
  if (end - start > MAX_ARTICLE) {
    const blank = (i) => !text.slice(...lines[i]).trim();
    let a = first;
    let b = last;
    while (a > from + 1 && !blank(a - 1)) a--;
    while (b < to && !blank(b + 1)) b++;
    if (from < a) heading = text.slice(...lines[from]).trim();
    start = lines[a][0];
    end = lines[b][1];
  }
  return { heading, before: text.slice(start, span[0]), quote: text.slice(span[0], span[1]), after: text.slice(span[1], end) };
}
