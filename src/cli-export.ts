import type { Command } from 'commander';
import type { AppContext } from './app.js';

/** `gongkai export`: the open-data bulk export (issue 7 §4). */
export function registerExportCommand(_program: Command, _withApp: (fn: (app: AppContext) => Promise<void>) => Promise<void>): void {}
