/** Table types of the opendata area (migration 016); `DB` in schema.ts extends this interface. */

/** One run of the open-data bulk export (the daily job, or `gongkai export --refresh`). */
export interface OpenDataRunTable {
  id: string;
  /** 'job' (the daily worker job) or 'cli' (`gongkai export --refresh`). */
  trigger: string;
  /** The local day (YYYY-MM-DD, instance time zone) of a job run; unique, so the job runs once a day. Null for CLI runs. */
  job_day: string | null;
  started_at: string;
  finished_at: string;
  /** Rows written: public documents, attachments of their current versions, statistics lines. */
  documents: number;
  attachments: number;
  statistics: number;
}

/** One file a run wrote; the bytes are a blob in the content-addressed store, named by `sha256`. */
export interface OpenDataFileTable {
  run_id: string;
  /** The public file name, e.g. `documents.jsonl` or `documents.csv.gz`. */
  name: string;
  sha256: string;
  size: number;
  media_type: string;
  rows: number;
}

export interface OpenDataTables {
  opendata_runs: OpenDataRunTable;
  opendata_files: OpenDataFileTable;
}
