// Worker thread of the search benchmark: generates documents k in [from, to) and builds their
// search entries (folding, jieba segmentation), the CPU-heavy part of an import, off the thread
// that writes to the database.
import { parentPort, workerData } from 'node:worker_threads';
import { corpus, importFields, type CorpusAgency } from './search-corpus.js';
import { importEntry, type ImportAgency } from './search-import.js';

const { agencies, seed } = workerData as { agencies: (CorpusAgency & { row: ImportAgency })[]; seed: number };
const c = corpus(agencies, seed);
parentPort?.on('message', (job: { from: number; ks: number[] }) => {
  const items = [];
  for (const k of job.ks) {
    const d = c.doc(k);
    const ag = agencies[d.agency];
    if (!ag) throw new Error(`no agency ${d.agency}`);
    const f = importFields(d, ag.row);
    items.push({ ...f, entry: importEntry(f) });
  }
  parentPort?.postMessage({ from: job.from, items });
});
