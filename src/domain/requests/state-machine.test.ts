import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chinaCalendar } from '../calendar/china.js';
import { REGIMES } from '../calendar/regimes.js';
import { AppError } from '../errors.js';
import { nextState, type RequestAction, type RequestSnapshot } from './state-machine.js';

const cal = chinaCalendar();
const base: RequestSnapshot = {
  state: 'received', regime: REGIMES['cn-ogi'], receivedOn: '2026-02-06', correctionsRequested: 0, supplementBy: null,
  extensionsGranted: 0, extensionDaysGranted: 0, feeDueOn: null,
};
const refused = (s: Partial<RequestSnapshot>, a: RequestAction): string => {
  try {
    return `allowed → ${nextState({ ...base, ...s }, a, cal)}`;
  } catch (e) {
    assert.ok(e instanceof AppError);
    return e.code;
  }
};

test('no step may be skipped: receipt first, no reply while waiting or paused', () => {
  assert.equal(refused({ state: 'submitted' }, { type: 'reply', on: '2026-02-09', outcome: 'disclosed' }), 'receipt_not_confirmed');
  assert.equal(refused({ state: 'submitted' }, { type: 'confirm_receipt', on: '2026-02-09' }), 'allowed → received');
  assert.equal(refused({}, { type: 'confirm_receipt', on: '2026-02-09' }), 'receipt_already_confirmed');
  assert.equal(refused({ state: 'correction_requested' }, { type: 'reply', on: '2026-02-09', outcome: 'disclosed' }), 'awaiting_supplement');
  assert.equal(refused({ state: 'consultation' }, { type: 'reply', on: '2026-02-09', outcome: 'disclosed' }), 'consultation_open');
  assert.equal(refused({ state: 'fee_pending' }, { type: 'reply', on: '2026-02-09', outcome: 'disclosed' }), 'fee_pending');
  assert.equal(refused({ state: 'replied' }, { type: 'extend', on: '2026-02-09', days: 5, approver: 'a' }), 'request_finished');
  assert.equal(refused({ state: 'received' }, { type: 'close', on: '2026-02-09' }), 'request_not_replied');
  assert.equal(refused({ state: 'replied' }, { type: 'close', on: '2026-02-09' }), 'allowed → closed');
});

test('Art. 30: the correction notice within 7 working days of receipt (Fri 6 Feb 2026 → Tue 24 Feb), once', () => {
  assert.equal(refused({}, { type: 'request_correction', on: '2026-02-24', supplementBy: '2026-03-06' }), 'allowed → correction_requested');
  assert.equal(refused({}, { type: 'request_correction', on: '2026-02-25', supplementBy: '2026-03-06' }), 'correction_notice_too_late');
  assert.equal(refused({ correctionsRequested: 1 }, { type: 'request_correction', on: '2026-02-09', supplementBy: '2026-03-06' }), 'correction_already_requested');
  assert.equal(refused({ state: 'correction_requested', supplementBy: '2026-03-06' }, { type: 'abandon', on: '2026-03-06' }), 'supplement_deadline_not_passed');
  assert.equal(refused({ state: 'correction_requested', supplementBy: '2026-03-06' }, { type: 'abandon', on: '2026-03-09' }), 'allowed → abandoned');
  assert.equal(refused({}, { type: 'supplement', on: '2026-02-09' }), 'correction_not_pending');
});

test('Art. 33: one extension of at most 20 working days, with its approver', () => {
  assert.equal(refused({}, { type: 'extend', on: '2026-02-09', days: 21, approver: '主任' }), 'extension_exceeds_maximum');
  assert.equal(refused({}, { type: 'extend', on: '2026-02-09', days: 20, approver: '' }), 'approver_required');
  assert.equal(refused({ extensionsGranted: 1, extensionDaysGranted: 5 }, { type: 'extend', on: '2026-02-09', days: 5, approver: '主任' }), 'extension_already_granted');
  assert.equal(refused({}, { type: 'extend', on: '2026-02-09', days: 20, approver: '主任' }), 'allowed → extended');
  assert.equal(refused({ regime: REGIMES['uk-foia'] }, { type: 'extend', on: '2026-02-09', days: 5, approver: 'x' }), 'extension_not_allowed');
  assert.equal(refused({ regime: REGIMES['uk-foia'] }, { type: 'start_consultation', on: '2026-02-09' }), 'consultation_not_allowed');
});

test('pauses return to the working state they interrupted', () => {
  assert.equal(refused({ state: 'consultation', extensionsGranted: 1 }, { type: 'end_consultation', on: '2026-02-09' }), 'allowed → extended');
  assert.equal(refused({ state: 'consultation' }, { type: 'end_consultation', on: '2026-02-09' }), 'allowed → in_progress');
  assert.equal(refused({}, { type: 'end_consultation', on: '2026-02-09' }), 'consultation_not_open');
  assert.equal(refused({ state: 'fee_pending', feeDueOn: '2026-03-02' }, { type: 'fee_unpaid', on: '2026-03-02' }), 'payment_deadline_not_passed');
  assert.equal(refused({ state: 'fee_pending', feeDueOn: '2026-03-02' }, { type: 'fee_unpaid', on: '2026-03-03' }), 'allowed → closed');
});
