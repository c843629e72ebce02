/**
 * The DCAT-AP catalogue of the open data (issue 7 §4) as JSON-LD: a `dcat:Catalog` with its
 * publisher, and one `dcat:Dataset` each for the documents, the attachment manifest and the
 * statistics, whose `dcat:Distribution`s are the served files (with size and SPDX SHA-256
 * checksum) and the live statistics CSV. The context is inline, so the document expands without
 * fetching anything. Controlled vocabularies as DCAT-AP asks: EU data themes and languages, EU
 * file types for `dct:format`, IANA media-type IRIs for `dcat:mediaType`. Pure.
 */
import type { ExportedFile } from './write-export.js';

type Node = Record<string, unknown>;

/** Everything the catalogue says that is not in the files. */
export interface CatalogueInput {
  /** The site's public address, without a trailing slash. */
  baseUrl: string;
  title: { zh: string; en: string };
  description: { zh: string; en: string };
  publisher: { name: { zh: string; en: string }; homepage: string };
  contact: { name: string; email: string | null; url: string };
  /** IRI of the licence of the data. */
  license: string;
  /** The first and the latest export run (ISO instants); null before the first run. */
  issued: string | null;
  modified: string | null;
  files: readonly ExportedFile[];
  datasets: readonly DatasetText[];
}

/** The human text of one dataset. */
export interface DatasetText {
  key: 'documents' | 'attachments' | 'statistics';
  title: { zh: string; en: string };
  description: { zh: string; en: string };
  keywords: { zh: string[]; en: string[] };
}

const EU = 'http://publications.europa.eu/resource/authority';
const IANA = 'https://www.iana.org/assignments/media-types';

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  spdx: 'http://spdx.org/rdf/terms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

const text = (t: { zh: string; en: string }) => [{ '@value': t.zh, '@language': 'zh' }, { '@value': t.en, '@language': 'en' }];
const iri = (id: string) => ({ '@id': id });
const dateTime = (s: string) => ({ '@value': s, '@type': 'xsd:dateTime' });

/** Which files belong to which dataset. */
const FILES: Record<DatasetText['key'], string[]> = {
  documents: ['documents.jsonl', 'documents.jsonl.gz', 'documents.csv', 'documents.csv.gz'],
  attachments: ['attachments.csv', 'attachments.csv.gz'],
  statistics: ['statistics.csv', 'statistics.csv.gz'],
};

function formatOf(name: string): { mediaType: string; format: string; compress: string | null } {
  const base = name.endsWith('.gz') ? name.slice(0, -3) : name;
  const compress = name.endsWith('.gz') ? `${IANA}/application/gzip` : null;
  if (base.endsWith('.jsonl')) return { mediaType: `${IANA}/application/x-ndjson`, format: `${EU}/file-type/JSON`, compress };
  return { mediaType: `${IANA}/text/csv`, format: `${EU}/file-type/CSV`, compress };
}

function distribution(c: CatalogueInput, f: ExportedFile, issued: string | null, modified: string | null): Node {
  const url = `${c.baseUrl}/open-data/${f.name}`;
  const fmt = formatOf(f.name);
  return {
    '@id': `${url}#distribution`,
    '@type': 'dcat:Distribution',
    'dct:title': f.name,
    'dcat:accessURL': iri(url),
    'dcat:downloadURL': iri(url),
    'dcat:mediaType': iri(fmt.mediaType),
    'dct:format': iri(fmt.format),
    ...(fmt.compress ? { 'dcat:compressFormat': iri(fmt.compress) } : {}),
    'dcat:byteSize': { '@value': String(f.size), '@type': 'xsd:nonNegativeInteger' },
    'spdx:checksum': {
      '@type': 'spdx:Checksum',
      'spdx:algorithm': iri('spdx:checksumAlgorithm_sha256'),
      'spdx:checksumValue': { '@value': f.sha256, '@type': 'xsd:hexBinary' },
    },
    'dct:license': iri(c.license),
    ...(issued ? { 'dct:issued': dateTime(issued) } : {}),
    ...(modified ? { 'dct:modified': dateTime(modified) } : {}),
  };
}

/** The catalogue document. */
export function dcatCatalogue(c: CatalogueInput): Node {
  const contact = {
    '@type': 'vcard:Organization',
    'vcard:fn': c.contact.name,
    ...(c.contact.email ? { 'vcard:hasEmail': iri(`mailto:${c.contact.email}`) } : {}),
    'vcard:hasURL': iri(c.contact.url),
  };
  const publisher = { '@id': `${c.baseUrl}/#publisher`, '@type': 'foaf:Agent', 'foaf:name': text(c.publisher.name), 'foaf:homepage': iri(c.publisher.homepage) };
  const languages = [iri(`${EU}/language/ZHO`), iri(`${EU}/language/ENG`)];
  const datasets = c.datasets.map((d) => {
    const dists = FILES[d.key].flatMap((name) => {
      const f = c.files.find((x) => x.name === name);
      return f ? [distribution(c, f, c.issued, c.modified)] : [];
    });
    if (d.key === 'statistics') {
      // The live CSV of the /statistics pages (any year, agency or subtree): no fixed size or checksum.
      dists.push({
        '@id': `${c.baseUrl}/statistics.csv#distribution`,
        '@type': 'dcat:Distribution',
        'dct:title': 'statistics.csv (live)',
        'dct:description': text({ zh: '按年度、机关和范围实时生成：/statistics.csv?year=年份&agency=机关代码&scope=subtree', en: 'Computed on request: /statistics.csv?year=YYYY&agency=CODE&scope=subtree' }),
        'dcat:accessURL': iri(`${c.baseUrl}/statistics.csv`),
        'dcat:mediaType': iri(`${IANA}/text/csv`),
        'dct:format': iri(`${EU}/file-type/CSV`),
        'dct:license': iri(c.license),
      });
    }
    return {
      '@id': `${c.baseUrl}/catalog.jsonld#${d.key}`,
      '@type': 'dcat:Dataset',
      'dct:identifier': `${c.baseUrl}/catalog.jsonld#${d.key}`,
      'dct:title': text(d.title),
      'dct:description': text(d.description),
      ...(c.issued ? { 'dct:issued': dateTime(c.issued) } : {}),
      ...(c.modified ? { 'dct:modified': dateTime(c.modified) } : {}),
      'dct:publisher': iri(publisher['@id']),
      'dct:license': iri(c.license),
      'dct:language': languages,
      'dct:accrualPeriodicity': iri(`${EU}/frequency/DAILY`),
      'dcat:theme': iri(`${EU}/data-theme/GOVE`),
      'dcat:keyword': [...d.keywords.zh.map((k) => ({ '@value': k, '@language': 'zh' })), ...d.keywords.en.map((k) => ({ '@value': k, '@language': 'en' }))],
      'dcat:contactPoint': contact,
      'dcat:landingPage': iri(`${c.baseUrl}/api/docs#open-data`),
      'dcat:distribution': dists,
    };
  });
  return {
    '@context': DCAT_CONTEXT,
    '@id': `${c.baseUrl}/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': text(c.title),
    'dct:description': text(c.description),
    'dct:publisher': publisher,
    'dct:language': languages,
    'dct:license': iri(c.license),
    ...(c.issued ? { 'dct:issued': dateTime(c.issued) } : {}),
    ...(c.modified ? { 'dct:modified': dateTime(c.modified) } : {}),
    'foaf:homepage': iri(`${c.baseUrl}/`),
    'dcat:themeTaxonomy': iri(`${EU}/data-theme`),
    'dcat:dataset': datasets,
  };
}
