import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';

/**
 * Static publishing of document pages (issue 3): each page is kept rendered and compressed,
 * shared by every app instance, with the tags of what it shows (`doc:<id>`, `agency:<id>`,
 * `theme:<code>`). A change deletes the renders tagged with what it changed, in its own
 * transaction, and bumps the single `page_render_epoch` row, so a render begun before the change
 * is never stored after it.
 */
export async function up(db: Kysely<unknown>, ops: DialectOps): Promise<void> {
  await db.schema
    .createTable('page_renders')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('generation', 'text', (c) => c.notNull())
    .addColumn('gzip', ops.bytesType, (c) => c.notNull())
    .addColumn('head', 'text', (c) => c.notNull())
    .addColumn('rendered_at', 'text', (c) => c.notNull())
    .execute();
  // The response headers, kept once per distinct set (pages share a handful): rows stay small.
  await db.schema
    .createTable('page_render_heads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('headers', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('page_render_tags')
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('page_render_tags_pk', ['tag', 'key'])
    .execute();
  await db.schema.createIndex('page_render_tags_key').on('page_render_tags').column('key').execute();
  await db.schema
    .createTable('page_render_epoch')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('epoch', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('page_render_epoch' as never).values({ id: 1, epoch: 0 } as never).execute();
}
