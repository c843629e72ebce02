import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Annual reports (Regulations Art. 49–50; 国办公开办函〔2021〕30号): one draft per agency and year
 * with the staff-written sections 一, 五 and 六; once submitted for publication, the link to the
 * document (genre `annual_report`) and the frozen report as JSON. `annual_report_figures` is the
 * append-only history of staff-entered figures (table 二: licensing, penalty, enforcement, fees)
 * and corrections, each correction with its reason; the latest row per cell wins, and a row with
 * a null value returns the cell to the figure computed from the records.
 */
export async function up(db: Kysely<unknown>, ops: DialectOps): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('section1', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('section5', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('section6', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('snapshot', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_reports_agency_year', ['agency_id', 'year'])
    .execute();

  await db.schema
    .createTable('annual_report_figures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('table_key', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('col', 'integer', (c) => c.notNull())
    .addColumn('value', 'integer')
    .addColumn('computed', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_report_figures_seq', ['report_id', 'seq'])
    .execute();
  await ops.makeAppendOnly(db, 'annual_report_figures');
  // The report's facts: requests by agency and receipt date, documents by agency and genre.
  await db.schema.createIndex('requests_agency_received').on('requests').columns(['agency_id', 'received_on']).execute();
  await db.schema.createIndex('documents_agency_genre').on('documents').columns(['agency_id', 'genre', 'status']).execute();
}
