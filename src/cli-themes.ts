import type { Command } from 'commander';
import type { AppContext } from './app.js';
import { SYSTEM_ACTOR } from './commands/actor.js';
import { addTheme, allThemes, renameTheme, setThemeActive } from './commands/manage-themes.js';

type WithApp = <T>(fn: (app: AppContext) => Promise<T>) => Promise<T>;

/** `gongkai theme list|add|rename|retire|restore`: the operator's control of the theme taxonomy. */
export function registerThemeCommands(program: Command, withApp: WithApp): void {
  const theme = program.command('theme').description('manage the theme taxonomy (主题分类)');
  theme
    .command('list')
    .description('print every theme as "code<TAB>zh<TAB>en[<TAB>retired]" in tree order')
    .action(async () => {
      await withApp(async (app) => {
        for (const t of await allThemes(app.deps)) {
          process.stdout.write(`${t.code}\t${t.name_zh}\t${t.name_en}${t.active ? '' : '\tretired'}\n`);
        }
      });
    });
  theme
    .command('add')
    .description('add a theme; a child code is <parent code>.<name>')
    .argument('<code>')
    .argument('<zh>', 'Chinese name')
    .argument('<en>', 'English name')
    .option('--parent <code>', 'parent theme code')
    .action(async (code: string, zh: string, en: string, opts: { parent?: string }) => {
      await withApp(async (app) => addTheme(app.deps, SYSTEM_ACTOR, { code, zh, en, ...(opts.parent ? { parent: opts.parent } : {}) }));
      process.stdout.write(`added ${code}\n`);
    });
  theme
    .command('rename')
    .description("change a theme's Chinese and English names (its code stays)")
    .argument('<code>')
    .argument('<zh>', 'Chinese name')
    .argument('<en>', 'English name')
    .action(async (code: string, zh: string, en: string) => {
      await withApp(async (app) => renameTheme(app.deps, SYSTEM_ACTOR, code, zh, en));
      process.stdout.write(`renamed ${code}\n`);
    });
  for (const [name, active] of [['retire', false], ['restore', true]] as const) {
    theme
      .command(name)
      .description(active ? 'offer a retired theme (and its children) to new drafts again' : 'hide a theme and its children from new drafts (published documents keep it)')
      .argument('<code>')
      .action(async (code: string) => {
        await withApp(async (app) => setThemeActive(app.deps, SYSTEM_ACTOR, code, active));
        process.stdout.write(`${name}d ${code}\n`);
      });
  }
}
