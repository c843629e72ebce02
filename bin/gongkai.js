#!/usr/bin/env node
// The `gongkai` command. Runs the compiled CLI (npm run build); falls back to the TypeScript
// sources through tsx when no build exists (a development checkout).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli.js');
if (existsSync(built)) {
  const { runCli } = await import(pathToFileURL(built).href);
  await runCli(process.argv);
} else {
  await import('tsx/esm');
  const { runCli } = await import(pathToFileURL(join(root, 'src', 'cli.ts')).href);
  await runCli(process.argv);
}
