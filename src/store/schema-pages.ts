/**
 * Static publishing of document pages (migration 019): rendered pages kept compressed in the
 * store, with the tags of what each shows, and the epoch that orders renders after changes.
 */
export interface PageRenderTable {
  /** The page-cache key: display mode and URL, e.g. `normal|/en/documents/A/2026-00001`. */
  key: string;
  /** The code and settings the page was rendered with; another generation is not served. */
  generation: string;
  /** The page, gzip-compressed. */
  gzip: Buffer;
  /** The id of its response headers in `page_render_heads`. */
  head: string;
  rendered_at: string;
}

/** A distinct set of response headers of kept pages. */
export interface PageRenderHeadTable {
  /** SHA-256 of `headers`, hex, first 32 characters. */
  id: string;
  /** JSON object of strings. */
  headers: string;
}

export interface PageRenderTagTable {
  tag: string;
  key: string;
}

export interface PageRenderEpochTable {
  id: number;
  epoch: number;
}

/** Table types of static publishing; `DB` in schema.ts extends this interface. */
export interface PageTables {
  page_renders: PageRenderTable;
  page_render_heads: PageRenderHeadTable;
  page_render_tags: PageRenderTagTable;
  page_render_epoch: PageRenderEpochTable;
}
