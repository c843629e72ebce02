/**
 * Reply-letter templates (告知书) as stored: one row of `instance_meta` per customised outcome,
 * keyed `letter_template.<outcome code>`. Outcomes without a row use the built-in default (kept
 * with the letter renderer in `web/letters/`), so this read model returns only customised ones.
 */
import type { Deps } from '../commands/deps.js';
import { LETTER_KEY_PREFIX } from '../commands/letters/save-letter-template.js';

/** One customised template. */
export interface StoredLetterTemplate {
  outcome: string;
  body: string;
  updated_at: string;
}

/** Every customised template, by outcome code. */
export async function storedLetterTemplates(deps: Deps): Promise<Map<string, StoredLetterTemplate>> {
  const rows = await deps.db.selectFrom('instance_meta').selectAll().where('key', 'like', `${LETTER_KEY_PREFIX}%`).execute();
  return new Map(rows.map((r) => {
    const outcome = r.key.slice(LETTER_KEY_PREFIX.length);
    return [outcome, { outcome, body: r.value, updated_at: r.updated_at }];
  }));
}
