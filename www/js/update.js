// Tells a returning visitor that a newer release is now loaded: the build id that
// scripts/build-site.mjs writes into the page (<meta name="lingpao-build">) is compared
// with the one this browser saw last. Unbuilt pages carry no id and say nothing.
const KEY = 'lingpao-build';
const TEXT = {
  zh: (v) => `领跑已更新：现在载入的是新版本（数据版本 ${v}）。`,
  en: (v) => `lingpao has been updated: this is a newer version (data version ${v}).`,
};

/** The notice element to show (its text follows `setLang`), or null when nothing changed. */
export function updateNotice() {
  const meta = document.querySelector('meta[name="lingpao-build"][content]');
  if (!meta) return null;
  let seen = null;
  try {
    seen = localStorage.getItem(KEY);
    localStorage.setItem(KEY, meta.content);
  } catch { return null; } // storage off: no way to know
  if (seen == null || seen === meta.content) return null;
  const el = document.createElement('p');
  el.className = 'update';
  el.setAttribute('role', 'status');
  el.setLang = (lang) => { el.textContent = TEXT[lang === 'en' ? 'en' : 'zh'](meta.dataset.version); };
  el.setLang(document.documentElement.lang);
  return el;
}
