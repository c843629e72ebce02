import type { Genre } from '../../domain/documents/genres.js';

/**
 * One demo document, written originally for this project (fictional agencies, places and
 * figures). The seeder publishes it through the real commands at the given dates, so the demo
 * exercises the same path as staff do.
 */
export interface DemoDocument {
  /** Unique slug within the demo set, used for links between demo documents. */
  key: string;
  /** `key` of the issuing agency in DEMO_AGENCIES (src/commands/seed-demo.ts). */
  agency: string;
  /** Keys (DEMO_AGENCIES) of co-issuing agencies (联合发文). */
  coIssuers?: string[];
  title: string;
  /** 文号, e.g. 云政办发〔2025〕12号; '' when the item has none (notices, statistics). */
  docNumber: string;
  genre: Genre;
  /** A theme code from DEFAULT_THEMES (src/domain/documents/themes.ts). */
  theme: string;
  /** 成文日期, YYYY-MM-DD. */
  dateFormed: string;
  /** 发布日期 of version 1, YYYY-MM-DD, on or after dateFormed. */
  published: string;
  isNormative: boolean;
  /** 主题词, separated by spaces. */
  keywords: string;
  /** 内容概述: one or two sentences. */
  summary: string;
  /** Body as simple HTML: p, h2, h3, ol/ul/li, table, strong. */
  bodyHtml: string;
  /** For genre 'interpretation': the key of the policy it explains. */
  interprets?: string;
  /** Later versions (corrections), each with its public change note. */
  corrections?: { published: string; changeNote: string; bodyHtml: string }[];
  /** A validity change after publication. */
  validity?: { state: 'amended' | 'repealed' | 'expired'; date: string; replacedBy?: string; note: string };
  /** CSV attachments (UTF-8 text), e.g. the tables of a budget or a statistics bulletin. */
  attachments?: { filename: string; csv: string }[];
}
