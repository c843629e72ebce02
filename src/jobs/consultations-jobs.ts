import { runConsultationSchedule } from '../commands/consultations/close-consultation.js';
import type { PeriodicJob } from './worker.js';

/**
 * Opens scheduled consultations at their start and closes open ones at their end (issue 8 §1),
 * each with its platform event. Every 30 seconds, and at the worker's first step, so a boundary
 * passed while the server was down is handled as soon as it is back (the event carries the
 * boundary instant itself).
 */
export const consultationScheduleJob: PeriodicJob = {
  name: 'consultation-schedule',
  everyMs: 30_000,
  run: (deps, now) => runConsultationSchedule(deps, now),
};

/** Periodic jobs of the consultations area, run by `gongkai serve` and `gongkai worker`. */
export const consultationsJobs: PeriodicJob[] = [consultationScheduleJob];
