/**
 * The `gongkai verify` command: argument handling, human and `--json` output, exit codes
 * (`VERIFY_EXIT`). Registered on the CLI by `src/cli.ts`.
 */
import type { Command } from 'commander';
import { exitCodeFor, VERIFY_EXIT, VerifyError } from './verify-error.js';
import { failedReport, verifyFiles, verifyUrl, type VerifyOptions, type VerifyReport } from './verify.js';

const MARK = { ok: '✓', fail: '✗', skip: '–' } as const;

/** The report as lines of text (English; the reasons are the stable `--json` codes). */
export function formatReport(r: VerifyReport): string {
  const lines = [`gongkai verify: ${r.target}`];
  if (r.indexNumber !== null) lines.push(`  document ${r.indexNumber}${r.version !== null ? ` version ${r.version}` : ''}`);
  if (r.leafIndex !== null && r.treeSize !== null) lines.push(`  log ${r.origin ?? ''}: leaf ${r.leafIndex} of ${r.treeSize}`);
  for (const c of r.checks) lines.push(`  ${MARK[c.status]} ${c.detail}`);
  lines.push(r.ok ? 'VERIFIED: the published version is exactly what the log recorded.' : `FAILED (${r.reason ?? 'unknown'}): ${r.checks.find((c) => c.status === 'fail')?.detail ?? ''}`);
  return `${lines.join('\n')}\n`;
}

/** The report as `--json` prints it (snake_case, stable field names). */
export function reportJson(r: VerifyReport): string {
  const out = {
    ok: r.ok,
    reason: r.reason,
    target: r.target,
    index_number: r.indexNumber,
    version: r.version,
    leaf_index: r.leafIndex,
    tree_size: r.treeSize,
    origin: r.origin,
    checks: r.checks.map((c) => ({ id: c.id, status: c.status, ...(c.reason ? { reason: c.reason } : {}), detail: c.detail })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

interface RawOptions {
  key?: string;
  keyFile?: string;
  state?: string;
  log?: string;
  wait?: string;
  versionJson?: string;
  proofJson?: string;
  json?: boolean;
}

/** Adds `verify` to the program. The action sets `process.exitCode` rather than throwing. */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('verify a published document version against the transparency log (exit 0 verified, 1 failed, 3 bad input, 4 not found, 7 not yet sequenced)')
    .argument('[target...]', 'a document URL (…/documents/<code>/<year-serial>[/v/<n>]), or downloaded files: version JSON, proof JSON, attachments')
    .option('--key <vkey>', 'the log\'s verifier key string (name+keyid+base64), e.g. from /log/key obtained out of band')
    .option('--key-file <file>', 'read the verifier key string from a file')
    .option('--state <file>', 'remember the key (trust on first use) and the last checkpoint; later runs reject forks and rollbacks')
    .option('--log <url>', 'base URL of the log (default <server>/log); offline, lets the consistency check read tiles')
    .option('--wait <seconds>', 'if the version is not yet in a signed checkpoint, keep asking this long', '0')
    .option('--version-json <file>', 'offline: the version JSON (GET /api/v1/documents/<code>/<year-serial>/v/<n>)')
    .option('--proof-json <file>', 'offline: the proof JSON (…/v/<n>/proof)')
    .option('--json', 'print the report as JSON')
    .action(async (targets: string[], o: RawOptions) => {
      const wait = Number(o.wait ?? '0');
      const opts: VerifyOptions = { key: o.key, keyFile: o.keyFile, state: o.state, log: o.log, waitSeconds: Number.isFinite(wait) && wait > 0 ? Math.min(wait, 600) : 0 };
      const online = targets.length === 1 && /^https?:\/\//i.test(targets[0] ?? '');
      let report: VerifyReport;
      if (online && targets[0] !== undefined) report = await verifyUrl(targets[0], opts);
      else if (targets.length > 0 || o.versionJson !== undefined || o.proofJson !== undefined) {
        if (targets.some((t) => /^https?:\/\//i.test(t))) {
          process.stderr.write('error: give either one document URL or downloaded files, not both\n');
          process.exitCode = VERIFY_EXIT.usage;
          return;
        }
        report = await verifyFiles({ versionJson: o.versionJson, proofJson: o.proofJson, files: targets }, opts);
      } else {
        report = failedReport('', new VerifyError('malformed', 'nothing to verify: give a document URL or downloaded files'));
        process.stderr.write('error: give a document URL or downloaded files (see gongkai verify --help)\n');
        process.exitCode = VERIFY_EXIT.usage;
        return;
      }
      process.stdout.write(o.json === true ? reportJson(report) : formatReport(report));
      process.exitCode = report.ok || report.reason === null ? VERIFY_EXIT.ok : exitCodeFor(report.reason);
    });
}
