// Every word the page shows, in Simplified Chinese (default) and English, plus money
// and label formatting. Kind, field and value labels come from the engine (`kinds()`,
// the same policies/kinds/*.toml it embeds); engine messages come in the asked lang.

const S = {
  title: ['领跑 · 标准化资助测算', 'Lingpao · standardization subsidy estimator'],
  tagline: ['按地区政策逐条估算企业标准化成果可获得的资助，每一项都引用原文条款。', 'What a company\'s standardization achievements are worth under its region\'s policy, clause by clause, each amount quoted from the text.'],
  switchLang: ['English', '中文'],
  switchLangLabel: ['Switch to English', '切换到中文'],
  loading: ['正在载入计算引擎…', 'Loading the engine…'],
  loadFailed: ['计算引擎载入失败：', 'The engine failed to load: '],
  inputs: ['填写成果', 'Your achievements'],
  region: ['地区', 'Region'],
  regionLocked: ['地区（已固定）', 'Region (fixed)'],
  asOf: ['申报基准日', 'Claim date'],
  asOfHint: ['按这一天判断政策是否有效、成果日期是否在期限内，并推算申请期限。', 'Policy validity, each item\'s date window and the deadlines are judged on this day.'],
  policies: ['政策文件', 'Policies'],
  issued: ['发布', 'issued'],
  effective: ['施行', 'in force from'],
  expires: ['失效', 'expires'],
  noEnd: ['未定期限', 'no end date'],
  paysYes: ['规定资助金额', 'names amounts'],
  paysNo: ['未定资助金额', 'names no amounts'],
  'status.in_force': ['有效', 'In force'],
  'status.expired': ['已失效', 'Expired'],
  'status.not_yet_effective': ['尚未生效', 'Not yet in force'],
  'status.no_expiry': ['有效', 'In force'],
  'status.superseded': ['已被新版本取代', 'Replaced by a newer version'],
  'region.expiredOn': ['已失效（{date} 止）', 'expired {date}'],
  'region.until': ['有效至 {date}', 'in force to {date}'],
  'region.inForce': ['有效', 'in force'],
  'region.notYet': ['{date} 起施行', 'from {date}'],
  'region.noMoney': ['仅激励措施', 'incentives only'],
  achievements: ['标准化成果', 'Achievements'],
  addKind: ['成果类型', 'Kind of achievement'],
  add: ['添加', 'Add'],
  paidHere: ['本地区资助的项目', 'Paid in this region'],
  otherKinds: ['其他项目（本地区不资助）', 'Other kinds (not paid here)'],
  notPaidHere: ['本地区不资助此类', 'not paid in this region'],
  remove: ['删除', 'Remove'],
  removeItem: ['删除第 {n} 项', 'Remove item {n}'],
  item: ['第 {n} 项', 'Item {n}'],
  count: ['数量', 'Count'],
  decrease: ['减少数量', 'Decrease the count'],
  increase: ['增加数量', 'Increase the count'],
  more: ['更多选项（可选）', 'More options (optional)'],
  notGiven: ['（未填）', '(not given)'],
  empty: ['尚未添加成果。请在下方选择成果类型并点击“添加”。', 'No achievements yet: choose a kind below and press Add.'],
  noMoneyNote: ['本地区政策文本未规定资助金额，其承诺的激励措施列在结果中。', 'This region\'s texts name no amounts; the incentives they promise are listed with the result.'],
  tabEstimate: ['本地区明细', 'Breakdown'],
  tabCompare: ['各地区比较', 'Compare regions'],
  resultFor: ['{region} · 基准日 {date}', '{region} · as of {date}'],
  total: ['估算资助合计', 'Estimated total'],
  upTo: ['最高', 'up to'],
  upToNote: ['含“不超过 / 最高”类上限条款，实际金额可能更低。', 'Some amounts are ceilings (不超过 / 最高): the actual award may be lower.'],
  noMoneyTotal: ['本地区政策文本未规定资助金额。', 'This region\'s texts name no amounts.'],
  noAchievements: ['添加成果后即时显示估算结果。', 'Add an achievement to see the estimate.'],
  expiredBanner: ['《{title}》在基准日已失效（{date} 止）：金额仍按条文计算，仅供参考。', '“{title}” had expired by the claim date ({date}): amounts are still computed from its text, for reference only.'],
  notYetBanner: ['《{title}》在基准日尚未施行（{date} 起）：金额仍按条文计算，仅供参考。', '“{title}” was not yet in force on the claim date (from {date}): amounts are still computed from its text, for reference only.'],
  lines: ['逐项明细', 'Line by line'],
  clauseOf: ['《{title}》{clause}', '“{title}”, {clause}'],
  computed: ['计算：{formula}', 'Computed: {formula}'],
  claimedCounted: ['申报 {claimed} 项，计入 {counted} 项', '{claimed} claimed, {counted} counted'],
  unitTimes: ['每项 {unit} × {counted}', '{unit} each × {counted}'],
  basisCap: ['上限', 'ceiling'],
  debatable: ['解读与假设', 'Reading taken'],
  showArticle: ['查看原文条款', 'Show the article'],
  hideArticle: ['收起原文', 'Hide the article'],
  sourceLoading: ['正在载入原文…', 'Loading the text…'],
  sourceMissing: ['未能在原文中定位这段引文。', 'The quote could not be located in the text.'],
  sourceFailed: ['原文载入失败。', 'The text could not be loaded.'],
  fullText: ['全文', 'Full text'],
  steps: ['从申报到核定', 'From gross to net'],
  gross: ['各项合计（调整前）', 'Sum of the lines (gross)'],
  net: ['合计', 'Total'],
  unmatched: ['不予资助的成果', 'Achievements not paid'],
  warnings: ['提示与条件', 'Notes and conditions'],
  benefits: ['承诺的激励措施', 'Promised incentives'],
  benefitsNoMoney: ['本地区政策未规定资助金额，其承诺的激励措施如下：', 'This region\'s texts name no amounts. The incentives they promise:'],
  error: ['输入有误', 'Invalid input'],
  linkInvalid: ['链接中的部分内容无效，已忽略。', 'Part of the link was invalid and has been ignored.'],
  widgetInvalid: ['计算器的部分设置无效，已忽略。', 'Part of the calculator\'s settings was invalid and has been ignored.'],
  moreProblems: ['另有 {n} 处', '{n} more'],
  'why.date': ['不是存在的日期（YYYY-MM-DD）', 'not a calendar date (YYYY-MM-DD)'],
  'why.value': ['不是允许的取值', 'not an allowed value'],
  'why.kind': ['未知的成果类型', 'unknown achievement kind'],
  'why.field': ['未知字段', 'unknown field'],
  'why.missing': ['缺失，已填入第一个可选值', 'missing, the first allowed value put in'],
  'why.type': ['类型不对', 'wrong type'],
  'why.json': ['不是有效的 JSON', 'not valid JSON'],
  'why.size': ['超过 1 MiB 上限', 'over the 1 MiB limit'],
  'why.many': ['超过 200 项，其余已忽略', 'over 200 items, the rest ignored'],
  request: ['请求', 'Request'],
  lang: ['语言', 'Language'],
  retry: ['重试', 'Retry'],
  share: ['分享链接', 'Share link'],
  copy: ['复制链接', 'Copy link'],
  copied: ['已复制', 'Copied'],
  shareHint: ['打开此链接即可恢复当前填写内容。', 'Opening this link restores what you entered.'],
  print: ['打印报告', 'Print report'],
  checklist: ['申报材料与流程', 'Application checklist'],
  checklistMaterials: ['申报材料', 'Materials'],
  checklistSteps: ['申报流程', 'Steps'],
  checklistLoading: ['正在载入申报材料清单…', 'Loading the checklist…'],
  checklistFailed: ['申报材料清单载入失败：', 'The checklist failed to load: '],
  noMaterials: ['本文件未列明申报材料。', 'This text lists no materials.'],
  noSteps: ['本文件未列明申报流程。', 'This text sets out no steps.'],
  servesItems: ['✓ 用于：{items}', '✓ For: {items}'],
  everyApplication: ['每项申报均需提交', 'For every application'],
  noSuchItem: ['适用于：{kinds}（本次估算中没有此类项目）', 'For: {kinds} (no such item in this estimate)'],
  openFull: ['在完整页面中打开', 'Open in the full calculator'],
  disclaimer: ['本结果是依据公开政策文本的估算，不是主管部门的认定或决定；以实际审核为准。', 'This is an estimate from the published policy texts, not an official decision; the competent authority decides.'],
  dataVersion: ['数据版本 {data} · 引擎 {pkg}', 'Data version {data} · engine {pkg}'],
  reportTitle: ['标准化资助估算报告', 'Standardization subsidy estimate'],
  generatedOn: ['生成日期 {date}', 'Generated on {date}'],
  reportInputs: ['填写的成果', 'Achievements entered'],
  compareTitle: ['同样的成果在各地区的估算', 'The same achievements in every region'],
  compareChart: ['各地区估算金额条形图，按金额从高到低排列', 'Bar chart of the estimate in each region, highest first'],
  rank: ['排名', 'Rank'],
  amount: ['金额', 'Amount'],
  policyStatus: ['政策状态', 'Policy status'],
  openBreakdown: ['查看 {region} 明细', 'Open the {region} breakdown'],
  compareEmpty: ['添加成果后即可比较各地区。', 'Add an achievement to compare the regions.'],
  yes: ['是', 'yes'],
  importTitle: ['批量导入：多个单位一次测算', 'Import a file: many units at once'],
  importIntro: ['每行一个单位：JSON Lines（每行一个请求，与上方相同的格式）或带表头的 CSV（region,as_of,成果列…，见 README 中的 lingpao batch）。结果与命令行 lingpao batch 相同。', 'One unit a line: JSON Lines (one request a line, the format above) or a CSV with a header row (region,as_of,achievement columns…, see lingpao batch in the README). The results are those of the command line\'s lingpao batch.'],
  importPrivacy: ['文件只在本机浏览器中计算，不会上传。', 'The file is computed in this browser; nothing is uploaded.'],
  importPick: ['选择文件（CSV 或 JSON Lines）', 'Choose a file (CSV or JSON Lines)'],
  importProgress: ['已计算 {done} / {total} 个单位', '{done} of {total} units computed'],
  importReading: ['正在读取 {name}…', 'Reading {name}…'],
  importCancel: ['取消', 'Cancel'],
  importCancelled: ['已取消。', 'Cancelled.'],
  importFailed: ['无法计算该文件', 'The file could not be computed'],
  importWorkerFailed: ['计算线程意外停止：', 'The computing thread stopped: '],
  importFile: ['{name}（{format}）', '{name} ({format})'],
  importUnits: ['单位数', 'Units'],
  importFailures: ['出错的行', 'Lines with errors'],
  importTotal: ['资助合计', 'Total'],
  importUpper: ['含上限金额的单位', 'Totals that are ceilings'],
  importShare: ['{n}（占已计算的 {share}%）', '{n} ({share}% of those computed)'],
  importTime: ['用时 {s} 秒', 'computed in {s} s'],
  importErrorsTitle: ['出错的行（前 {n} 个）', 'Lines with errors (the first {n})'],
  importLine: ['第 {n} 行', 'Line {n}'],
  importByRegion: ['按地区', 'By region'],
  importByPolicy: ['按政策文件', 'By policy'],
  importPolicy: ['政策文件', 'Policy'],
  importHistogram: ['各单位资助金额分布', 'Distribution of the units\' totals'],
  importHistogramNote: ['每个柱表示金额在区间下限（含）至上限（不含）之间的单位数；金额为 0 的单位单列。', 'Each bar counts the units whose total lies from its lower bound up to (not including) its upper bound; totals of 0 have a bar of their own.'],
  importBar: ['{range}：{n} 个单位', '{range}: {n} units'],
  importDownload: ['下载结果 CSV', 'Download results (CSV)'],
  importReformPick: ['改革方案（可选，JSON 文件，格式同 lingpao batch --reform）', 'A reform (optional: a JSON file, as for lingpao batch --reform)'],
  importReformOn: ['按改革方案“{name}”计算，并列出现行金额与差额。', 'Computed under the reform “{name}”, beside the amounts now and the difference.'],
  importReformOff: ['未选改革方案：按现行政策计算。', 'No reform: the policies as they are.'],
  importReformClear: ['不用改革方案', 'No reform'],
  importBaseline: ['现行合计', 'Total now'],
  importTotalReform: ['改为后合计', 'Total if changed'],
  importHistogramReform: ['按改革方案计算的各单位金额。每个柱表示金额在区间下限（含）至上限（不含）之间的单位数；金额为 0 的单位单列。', 'The units\' totals under the reform. Each bar counts the units whose total lies from its lower bound up to (not including) its upper bound; totals of 0 have a bar of their own.'],
  'window.in': ['在期限内', 'In the window'],
  'window.out': ['不在期限内', 'Outside the window'],
  'window.assumed': ['未填日期，按在期限内计', 'No date: assumed in the window'],
  windowDays: ['本次申请：{from} 至 {to}', 'for this application: {from} to {to}'],
  deadline: ['申请期限', 'When to apply'],
  deadlineBy: ['截至 {date}', 'by {date}'],
  deadlinePeriod: ['{from} 至 {to}', '{from} to {to}'],
  deadlineYearly: ['每年', 'each year'],
  deadlineNone: ['本文件未对此项规定申请期限或受理时间。', 'The text sets no deadline or call period for this item.'],
  downloadCalendar: ['下载日历', 'Download calendar'],
  calendarHint: ['申请截止日与受理期（.ics 文件，可导入日历程序）；由通知另定时间的期限不在其中。', 'Deadlines and call periods (an .ics file for your calendar program); times that a notice sets are not in it.'],
  reformTitle: ['如果金额改为…', 'If the amounts were…'],
  reformIntro: ['试算：改变某条规则的金额、比例或上限，或停用它，比较改动前后的每一项和合计。只在本页计算，不代表政策规定。', 'A what-if: change a rule\'s amount, percentage or cap, or switch it off, and compare each line and the total before and after. Computed on this page only; not what the policy says.'],
  reformRule: ['规则或上限', 'Rule or cap'],
  reformField: ['修改', 'Change'],
  reformValue: ['新的数值', 'New figure'],
  reformApply: ['试算', 'Apply'],
  reformRemove: ['撤销：{what}', 'Undo: {what}'],
  reformName: ['本页试算', 'what-if on the page'],
  'reform.amount': ['金额（元）', 'Amount (yuan)'],
  'reform.percent': ['比例（%）', 'Percentage (%)'],
  'reform.max': ['最高金额（元）', 'Ceiling (yuan)'],
  'reform.raised_amount': ['提高后的上限（元）', 'Raised cap (yuan)'],
  'reform.off': ['停用此项', 'Switch off'],
  'reform.switchedOff': ['停用', 'switched off'],
  reformItem: ['项目', 'Item'],
  reformBaseline: ['现行', 'Now'],
  reformReform: ['改为后', 'If changed'],
  reformDifference: ['差额', 'Difference'],
  adviceTitle: ['下一步：再申报哪一项', 'Next: what to apply for next'],
  adviceIntro: ['本地区现行政策资助的每一类项目，按再增加一项可多得的金额排序：已计入年度上限、项数和类别限制。点“添加”即加入清单。', 'Every item this region\'s texts in force pay for, ranked by what one more adds to your total after the annual caps, count and category limits. “Add” puts it on your list.'],
  adviceAcross: ['比较各地区（同一项在哪里资助最多）', 'In every region (where the same item pays most)'],
  adviceAll: ['显示全部 {n} 项', 'Show all {n}'],
  adviceFewer: ['只显示前几项', 'Show fewer'],
  adviceRoom: ['尚余额度', 'Room left'],
  adviceRoomLine: ['上限 {max}，已用 {used}，尚余 {left}', '{left} of {max} left ({used} used)'],
  'adviceUnit.items': ['{n} 项', '{n} items'],
  'adviceUnit.categories': ['{n} 类', '{n} categories'],
  adviceNeeds: ['需填写费用才能计算', 'Needs a cost to compute'],
  adviceListed: ['列示金额 {listed}，受下列规则影响', 'listed at {listed}; the rules below change it'],
  adviceFull: ['按列示金额全额计入', 'adds its full listed amount'],
  adviceBestHere: ['在各地区中，本地区资助最多（或并列）。', 'Of all regions, this one pays most for it (or ties).'],
  adviceBestElsewhere: ['在{region}可多得 {amount}（各地区中最多）。', 'In {region} it would add {amount} (the most of any region).'],
  adviceQuote: ['原文（{clause}）', 'The text ({clause})'],
  adviceAddLabel: ['添加：{what}', 'Add: {what}'],
  // ---- the page's views, and the SME tiers self-assessment (sme.js) ----
  'view.estimate': ['资助测算', 'Subsidy estimate'],
  'view.sme': ['优质中小企业自评', 'SME tiers'],
  'view.label': ['功能', 'Views'],
  'sme.example': ['填入示例', 'Fill in an example'],
  'sme.clear': ['清空', 'Clear'],
  'sme.intro': ['按《优质中小企业梯度培育管理暂行办法》附件的评价和认定标准，自评创新型中小企业、专精特新中小企业和专精特新“小巨人”企业三个层次。每项都可不填：得分按未填项可能的最低与最高分给出区间，结论为“待定”，不作假设。', 'A self-assessment of the three tiers (Innovative SME, Specialised SME, Little Giant) by the annexes of the Interim Measures. Any fact may be left out: the score becomes the range the missing facts allow and the verdict “undetermined”; nothing is assumed.'],
  'sme.facts': ['企业情况', 'Company facts'],
  'sme.unknown': ['未填', 'not given'],
  'sme.no': ['否', 'no'],
  'sme.tiers': ['三个层次', 'the three tiers'],
  'sme.notices': ['须知', 'Notices'],
  'sme.met': ['达到', 'Met'],
  'sme.not_met': ['未达到', 'Not met'],
  'sme.undetermined': ['待定', 'Undetermined'],
  'sme.score': ['评价得分 {points} 分（{pass} 分达标）', 'Score {points} ({pass} to pass)'],
  'sme.conditionsOnly': ['本层次不计分：须同时满足各项条件。', 'Not scored: every condition must hold.'],
  'sme.missing': ['怎样达到', 'What would reach it'],
  'sme.role.required': ['必备', 'required'],
  'sme.role.general': ['一般条件', 'general'],
  'sme.role.direct': ['直通', 'direct'],
  'sme.role.score': ['得分', 'score'],
  'sme.waits': ['待补充：', 'Waiting on: '],
  'sme.threshold': ['（不低于 {min} 分）', ' (at least {min})'],
  'sme.range': ['区间（有未填项）', 'a range (facts missing)'],
  'sme.indicator': ['指标', 'Indicator'],
  'sme.value': ['数值', 'Value'],
  'sme.band': ['档次（原文）', 'Band (the text)'],
  'sme.points': ['得分', 'Points'],
  'sme.conditions': ['条件（{n} 项）', 'Conditions ({n})'],
  'sme.reading': ['解读：', 'Reading: '],
};

export const LANGS = ['zh', 'en'];

/** The label-to-value colon of each language. */
export const colon = (lang) => (lang === 'en' ? ': ' : '：');

/** t('item', 'en', { n: 2 }) → "Item 2" */
export function t(key, lang, vars) {
  const pair = S[key];
  let s = pair ? pair[lang === 'en' ? 1 : 0] : key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

/** A bilingual label object ({zh, en}) in the asked language. */
export const pick = (text, lang) => (text ? (lang === 'en' ? text.en : text.zh) ?? text.zh ?? '' : '');

// ---- money: exact decimal strings in, never floats ----

function splitYuan(yuan) {
  const s = String(yuan ?? '0');
  const neg = s.startsWith('-');
  const [int, frac = ''] = (neg ? s.slice(1) : s).split('.');
  return { neg, int: int.replace(/^0+(?=\d)/, '') || '0', frac: frac.replace(/0+$/, '') };
}

/** "1600000.5" → "1,600,000.50" (fen shown when there are any) */
export function groupDigits(yuan) {
  const { neg, int, frac } = splitYuan(yuan);
  return `${neg ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac.padEnd(2, '0')}` : ''}`;
}

/** "75000" → "7.5" (万), by moving the decimal point: exact. */
export function toWan(yuan) {
  const { neg, int, frac } = splitYuan(yuan);
  const padded = int.padStart(5, '0');
  const whole = padded.slice(0, -4).replace(/^0+(?=\d)/, '');
  const rest = (padded.slice(-4) + frac).replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${rest ? `.${rest}` : ''}`;
}

/** Short amount: 16 万元 / 5,000 元 / CNY 160,000. */
export function money(yuan, lang) {
  if (lang === 'en') return `CNY ${groupDigits(yuan)}`;
  const { int } = splitYuan(yuan);
  return int.length >= 5 ? `${toWan(yuan)} 万元` : `${groupDigits(yuan)} 元`;
}

/** Long amount: 16 万元（160,000 元） / CNY 160,000. */
export function moneyFull(yuan, lang) {
  if (lang === 'en') return money(yuan, lang);
  const { int } = splitYuan(yuan);
  return int.length >= 5 ? `${toWan(yuan)} 万元（${groupDigits(yuan)} 元）` : `${groupDigits(yuan)} 元`;
}

// ---- labels from the kinds registry ----

export function kindName(kinds, kind, lang) {
  const k = kinds.byId.get(kind);
  return k ? pick(k.name, lang) : kind;
}

/** A field's words as a label: the data writes them to sit inside a sentence
 * ("capped at actual cost (yuan)"), so a label starts with a capital. */
export function fieldLabel(kinds, field, lang) {
  const words = pick(field.doc, lang) || field.name;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function valueLabel(kinds, field, value, lang) {
  return pick(kinds.values[field]?.[value], lang) || String(value);
}

/** "制修订标准：国家级 · 制定 · 主导 × 2" */
export function describe(kinds, a, lang) {
  const k = kinds.byId.get(a.kind);
  const parts = (k?.fields ?? []).filter((f) => f.type === 'enum' && a[f.name] != null).map((f) => valueLabel(kinds, f.name, a[f.name], lang));
  const count = Number(a.count ?? 1) > 1 ? ` × ${a.count}` : '';
  const subject = a.subject ? (lang === 'en' ? ` (${a.subject})` : `（${a.subject}）`) : '';
  return `${kindName(kinds, a.kind, lang)}${parts.length ? colon(lang) + parts.join(' · ') : ''}${subject}${count}`;
}
