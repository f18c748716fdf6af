// The file import's Web Worker: the page posts it a File (a handle, not its bytes) and
// it reads, computes and adds up the file here (www/js/batch.js, the engine in wasm), off
// the page's thread, which only draws the progress and the results. Nothing is sent
// anywhere: the file never leaves this browser.
//   in:  { id, file, reform }   reform: an optional reform (its JSON text): each unit's
//                               totals under it, its baseline beside them
//   out: { type: 'progress', id, done, total } after each piece of lines
//        { type: 'done', id, format, summary, reformed, csv, ms }   csv: a Blob of the CLI's CSV
//        { type: 'error', id, error: { field, message, message_zh, allowed } }
import * as lingpao from '../pkg/index.js';
import { runBatch, problem } from './batch.js';

self.addEventListener('message', async ({ data }) => {
  const { id, file, reform = null } = data ?? {};
  const started = performance.now();
  try {
    if (!(file instanceof Blob)) throw problem('file', 'no file was given', '未提供文件');
    await lingpao.init();
    const onProgress = (p) => self.postMessage({ type: 'progress', id, ...p });
    const { format, summary, csv } = await runBatch(lingpao, file, { name: file.name ?? '', onProgress, reform });
    // The summary carries both: the reform's sums, and each one's baseline beside it.
    self.postMessage({ type: 'done', id, format, summary, reformed: reform != null, csv, ms: Math.round(performance.now() - started) });
  } catch (e) {
    // Every failure is answered (the page then shows it): the worker never ends silently.
    const message = String(e?.message ?? e);
    self.postMessage({ type: 'error', id, error: { field: e?.field ?? 'file', message, message_zh: e?.message_zh ?? message, allowed: e?.allowed ?? [] } });
  }
});
