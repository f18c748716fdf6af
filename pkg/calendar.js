// The deadlines of an estimate as an iCalendar file (RFC 5545): the same bytes as
// `lingpao estimate --ics` (src/calendar.rs; tests/js/calendar.test.mjs holds the two
// together), written here so that the wasm module carries none of it.
//
// One all-day VEVENT per distinct deadline day of a policy, the lines sharing it listed
// in its description; RRULE:FREQ=YEARLY where the text sets it each year. Deadlines
// without a day (a notice sets the time, all year) are not events. UID: policy, deadline
// and day; DTSTAMP: the estimate's as_of at 00:00 UTC. CRLF, folded at 75 octets.

/** TEXT escaping (RFC 5545 3.3.11). */
function escape(s) {
  return s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r/g, '').replace(/\n/g, '\\n');
}

const octets = (c) => { const n = c.codePointAt(0); return n < 0x80 ? 1 : n < 0x800 ? 2 : n < 0x10000 ? 3 : 4; };

/** One content line, folded so that no line is over 75 octets (3.1), then CRLF. */
function line(out, text) {
  let width = 0;
  let s = '';
  for (const c of text) {
    if (width + octets(c) > 75) { s += '\r\n '; width = 1; }
    s += c;
    width += octets(c);
  }
  out.push(s, '\r\n');
}

const compact = (date) => date.replaceAll('-', '');
/** The day after a YYYY-MM-DD date, compact (an all-day DTEND is exclusive). */
function after(date) {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return `${String(next.getUTCFullYear()).padStart(4, '0')}${String(next.getUTCMonth() + 1).padStart(2, '0')}${String(next.getUTCDate()).padStart(2, '0')}`;
}

/** The calendar (iCalendar text) of an estimate's dated deadlines: `calendar(estimate(request))`. */
export function calendar(result) {
  const events = [];
  for (const l of result.lines) {
    for (const d of l.deadlines ?? []) {
      const start = d.date ?? d.from;
      if (start == null) continue;
      const uid = `${l.policy}.${d.id}.${compact(start)}@lingpao`;
      const item = `#${l.achievement + 1} ${l.kind} · ${l.rule} (${l.clause})`;
      const e = events.find((x) => x.uid === uid);
      if (e) e.items.push(item);
      else events.push({ policy: l.policy, d, uid, items: [item] });
    }
  }
  const out = [];
  line(out, 'BEGIN:VCALENDAR');
  line(out, 'VERSION:2.0');
  line(out, `PRODID:-//lingpao//deadlines ${result.data_version}//ZH`);
  line(out, 'CALSCALE:GREGORIAN');
  line(out, `X-WR-CALNAME:${escape(`lingpao ${result.region_name.zh} ${result.as_of}`)}`);
  for (const { policy, d, uid, items } of events) {
    const title = result.policies.find((p) => p.id === policy)?.title ?? policy;
    const [start, end] = d.date != null ? [compact(d.date), after(d.date)] : [compact(d.from), after(d.to)];
    line(out, 'BEGIN:VEVENT');
    line(out, `UID:${uid}`);
    line(out, `DTSTAMP:${compact(result.as_of)}T000000Z`);
    line(out, `DTSTART;VALUE=DATE:${start}`);
    line(out, `DTEND;VALUE=DATE:${end}`);
    if (d.shape === 'yearly_day' || d.shape === 'yearly_months') line(out, 'RRULE:FREQ=YEARLY');
    line(out, `SUMMARY:${escape(`${title} — ${d.text}`)}`);
    line(out, `DESCRIPTION:${escape(`${d.clause}: “${d.quote}”\n${items.join('\n')}`)}`);
    line(out, 'TRANSP:TRANSPARENT');
    line(out, 'END:VEVENT');
  }
  line(out, 'END:VCALENDAR');
  return out.join('');
}
