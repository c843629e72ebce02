/**
 * The `gongkai audit` command (issue 4 §6): opens the instance's store, runs `auditLog`, shows a
 * progress bar on stderr (when it is a terminal, or with `--progress`), prints the divergences
 * (text, or `--json`) and exits 1 when there is at least one.
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { openApp } from './app.js';
import { auditLog, type AuditReport } from './commands/audit-log.js';
import { loadConfig } from './config/config.js';
import { AppError } from './domain/errors.js';
import { parseNoteVerifierKey } from './tlog/note-keys.js';

/** The report as text: a summary line, then one line per divergence naming its record. */
export function formatAudit(r: AuditReport): string {
  const lines = [
    `gongkai audit: ${r.events} public events, ${r.entries} log entries (${r.pending} queued), tree size ${r.treeSize}, checkpoint ${r.checkpointSize ?? 'none'}, ${r.storedHashes} stored hashes, ${r.blobs} attachment files re-hashed`,
  ];
  for (const d of r.divergences) lines.push(`  ✗ ${d.kind}: ${d.record}: ${d.detail}`);
  lines.push(r.ok ? 'CLEAN: every entry, attachment, stored hash and the checkpoint recompute.' : `DIVERGED: ${r.divergences.length} divergence(s).`);
  return `${lines.join('\n')}\n`;
}

/** Adds `audit` to the program. */
export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('recompute every transparency-log entry from the database and attachment store, and the tree, tiles and checkpoint from the entries (exit 0 clean, 1 divergence)')
    .option('--json', 'print the report as JSON')
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .option('--key <vkey>', "check the checkpoint with this verifier key instead of the instance's own")
    .action(async (o: { json?: boolean; progress?: boolean; key?: string }) => {
      const app = await openApp(loadConfig());
      try {
        if (app.tlog === null) throw new AppError('store_unavailable', { message: 'transparency log not opened' });
        let verifier;
        try {
          verifier = parseNoteVerifierKey((o.key ?? app.tlog.verifierKey).trim());
        } catch (err) {
          throw new AppError('validation_failed', { message: `--key: ${err instanceof Error ? err.message : String(err)}` });
        }
        const bar = o.progress === true || process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: 'audit [{bar}] {percentage}% {value}/{total} events+leaves', noTTYOutput: o.progress === true, notTTYSchedule: 1000 }, cliProgress.Presets.shades_classic) : null;
        let started = false;
        const report = await auditLog(app.deps, verifier, {
          onProgress: (done, total) => {
            if (bar === null) return;
            if (!started) {
              bar.start(total, done);
              started = true;
            } else bar.update(done);
          },
        });
        bar?.stop();
        if (bar !== null && !process.stderr.isTTY) process.stderr.write('\n'); // the non-terminal bar ends without a newline
        process.stdout.write(o.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatAudit(report));
        process.exitCode = report.ok ? 0 : 1;
      } finally {
        await app.close();
      }
    });
}
