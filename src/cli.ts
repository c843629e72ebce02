#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Command, CommanderError } from 'commander';
import { loadConfig, type Config } from './config/config.js';
import { openApp, type AppContext } from './app.js';
import { SYSTEM_ACTOR } from './commands/actor.js';
import { importAgencies } from './commands/import-agencies.js';
import { createUser, grantRole, revokeRole, setPassword } from './commands/manage-staff.js';
import { seedDemo } from './commands/seed-demo.js';
import { AppError } from './domain/errors.js';
import { migrateToLatest } from './store/migrate.js';
import { agencyByCode } from './queries/agencies.js';
import { userRepo } from './store/repos/user-repo.js';
import { formatDemoLogins, serve } from './main.js';
import { registerVerifyCommand } from './verify/command.js';
import { registerAuditCommand } from './cli-audit.js';
import { registerThemeCommands } from './cli-themes.js';
import { registerDeadlineCommand } from './cli-deadline.js';
import { registerWorkerCommand } from './cli-worker.js';
import { registerReindexCommand } from './cli-reindex.js';
import { registerRenderPagesCommand } from './cli-render-pages.js';
import { registerAnnualReportCommand } from './cli-annual-report.js';
import { registerExportCommand } from './cli-export.js';

/** Exit codes: 0 ok, 1 failure, 2 usage, 3 invalid input, 4 not found, 5 conflict, 6 forbidden. */
export const EXIT = { ok: 0, failure: 1, usage: 2, invalid: 3, not_found: 4, conflict: 5, forbidden: 6 } as const;

function exitCodeFor(e: unknown): number {
  if (e instanceof AppError) {
    if (e.kind === 'invalid') return EXIT.invalid;
    if (e.kind === 'not_found') return EXIT.not_found;
    if (e.kind === 'conflict') return EXIT.conflict;
    if (e.kind === 'forbidden') return EXIT.forbidden;
  }
  return EXIT.failure;
}

function oneLine(e: unknown): string {
  if (e instanceof AppError) {
    const f = e.fields.map((x) => `${x.field}: ${x.message ?? x.code}`).join('; ');
    return `error: ${e.code}${f ? ` (${f})` : e.message !== e.code ? ` (${e.message})` : ''}`;
  }
  const msg = e instanceof Error ? e.message : String(e);
  return `error: ${msg.split('\n')[0]}`;
}

async function withApp<T>(fn: (app: AppContext, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const app = await openApp(config);
  try {
    return await fn(app, config);
  } finally {
    await app.close();
  }
}

async function readPassword(opts: { password?: string; passwordStdin?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (opts.password) return { password: opts.password, generated: false };
  if (opts.passwordStdin) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
    return { password: Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, ''), generated: false };
  }
  if (process.env.GONGKAI_PASSWORD) return { password: process.env.GONGKAI_PASSWORD, generated: false };
  return { password: randomBytes(12).toString('base64url'), generated: true };
}

async function userIdOf(app: AppContext, username: string): Promise<string> {
  const u = await userRepo.byUsername(app.deps.db, username);
  if (!u) throw new AppError('user_not_found', { message: `no user "${username}"` });
  return u.id;
}

async function agencyIdOf(app: AppContext, code: string): Promise<string> {
  const a = await agencyByCode(app.deps, code);
  if (!a) throw new AppError('agency_not_found', { message: `no agency with code "${code}"` });
  return a.id;
}

/** Builds the `gongkai` command tree. */
export function buildCli(): Command {
  const program = new Command('gongkai')
    .description('Gongkai (公开): open-government information platform')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('migrate, seed demo content into an empty store, and serve HTTP (env: GONGKAI_PORT, GONGKAI_HOST, GONGKAI_DATA_DIR, DATABASE_URL)')
    .option('--port <port>', 'port to listen on (overrides GONGKAI_PORT)')
    .option('--host <host>', 'address to bind (overrides GONGKAI_HOST)')
    .action(async (o: { port?: string; host?: string }) => {
      const env = { ...process.env, ...(o.port ? { GONGKAI_PORT: o.port } : {}), ...(o.host ? { GONGKAI_HOST: o.host } : {}) };
      await serve(loadConfig(env));
      // Keep running: the server holds the event loop open.
      await new Promise<never>(() => undefined);
    });

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const config = loadConfig();
      const app = await openApp(config, { migrate: false });
      try {
        const done = await migrateToLatest(app.store.db, app.store.ops);
        process.stdout.write(done.length ? `applied: ${done.join(', ')}\n` : 'schema is up to date\n');
      } finally {
        await app.close();
      }
    });

  program
    .command('seed-demo')
    .description('add the demo agencies and staff (once) and print the demo log-ins')
    .action(async () => {
      await withApp(async (app) => {
        const r = await seedDemo(app.deps);
        process.stdout.write(r.seeded ? formatDemoLogins(r) + '\n' : 'demo content is already present\n');
      });
    });

  const user = program.command('user').description('manage staff accounts');
  user
    .command('add')
    .description('create a staff account with a role at an agency')
    .requiredOption('--username <name>', 'lower-case login name')
    .requiredOption('--name <display>', 'full name')
    .requiredOption('--agency <code>', 'home agency code')
    .option('--role <role>', 'role granted at the home agency: admin, editor, reviewer, request_officer, supervisor')
    .option('--email <email>', 'e-mail address for notices')
    .option('--password <password>', 'password (prefer --password-stdin or GONGKAI_PASSWORD)')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (o: { username: string; name: string; agency: string; role?: string; email?: string; password?: string; passwordStdin?: boolean }) => {
      await withApp(async (app) => {
        const { password, generated } = await readPassword(o);
        const home = await agencyIdOf(app, o.agency);
        const u = await createUser(app.deps, SYSTEM_ACTOR, { username: o.username, display_name: o.name, email: o.email ?? '', password, home_agency_id: home });
        if (o.role) await grantRole(app.deps, SYSTEM_ACTOR, u.id, home, o.role);
        process.stdout.write(`created ${u.username}${generated ? `; password: ${password}` : ''}\n`);
      });
    });
  user
    .command('passwd')
    .description("set a staff member's password (revokes their sessions)")
    .argument('<username>')
    .option('--password <password>', 'new password (prefer --password-stdin or GONGKAI_PASSWORD)')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, o: { password?: string; passwordStdin?: boolean }) => {
      await withApp(async (app) => {
        const { password, generated } = await readPassword(o);
        await setPassword(app.deps, SYSTEM_ACTOR, await userIdOf(app, username), password);
        process.stdout.write(`password changed${generated ? `: ${password}` : ''}\n`);
      });
    });
  user
    .command('grant')
    .description('grant a role at an agency (applies to its whole subtree)')
    .argument('<username>')
    .argument('<role>', 'admin | editor | reviewer | request_officer | supervisor')
    .argument('<agency-code>')
    .action(async (username: string, role: string, code: string) => {
      await withApp(async (app) => {
        await grantRole(app.deps, SYSTEM_ACTOR, await userIdOf(app, username), await agencyIdOf(app, code), role);
        process.stdout.write(`granted ${role} at ${code} to ${username}\n`);
      });
    });
  user
    .command('revoke')
    .description('remove a role at an agency')
    .argument('<username>')
    .argument('<role>')
    .argument('<agency-code>')
    .action(async (username: string, role: string, code: string) => {
      await withApp(async (app) => {
        await revokeRole(app.deps, SYSTEM_ACTOR, await userIdOf(app, username), await agencyIdOf(app, code), role);
        process.stdout.write(`revoked ${role} at ${code} from ${username}\n`);
      });
    });

  const agency = program.command('agency').description('manage agencies');
  agency
    .command('import')
    .description('import agencies from a UTF-8 CSV with a header row (all or nothing)')
    .argument('<csv>', 'file path; columns: code,parent_code,level,name_zh,name_en,office_name_zh,…')
    .action(async (file: string) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new AppError('validation_failed', { message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
      }
      await withApp(async (app) => {
        const r = await importAgencies(app.deps, SYSTEM_ACTOR, text);
        process.stdout.write(`imported ${r.created} agencies\n`);
      });
    });

  registerThemeCommands(program, (fn) => withApp((app) => fn(app)));
  registerVerifyCommand(program);
  registerAuditCommand(program);
  registerDeadlineCommand(program);
  registerWorkerCommand(program);
  registerReindexCommand(program);
  registerRenderPagesCommand(program);
  registerAnnualReportCommand(program, (fn) => withApp((app) => fn(app)));
  registerExportCommand(program, (fn) => withApp((app) => fn(app)));

  return program;
}

/** Runs the CLI and exits with a clear code; errors are one line, never a stack. */
export async function runCli(argv: string[]): Promise<void> {
  const program = buildCli();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exit(e.exitCode === 0 ? EXIT.ok : EXIT.usage);
    }
    process.stderr.write(oneLine(e) + '\n');
    process.exit(exitCodeFor(e));
  }
}

const invokedDirectly = process.argv[1] && /(?:^|[\\/])(cli\.(?:ts|js)|gongkai(?:\.js)?)$/.test(process.argv[1]);
if (invokedDirectly) void runCli(process.argv);
