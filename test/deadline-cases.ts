/**
 * Hand-computed due dates on the China calendar (DOMAIN.md §2), shared by the API and CLI tests.
 * Each `why` spells out the count so that a reader can check it against the State Council's
 * schedule without running code. Day 0 is the day of receipt; the due date is the day the N-th
 * working day is reached.
 *
 * 2025: holidays 1 Jan; 28 Jan–4 Feb; 4–6 Apr; 1–5 May; 31 May–2 Jun; 1–8 Oct. Adjusted working
 * days Sun 26 Jan, Sat 8 Feb, Sun 27 Apr, Sun 28 Sep, Sat 11 Oct.
 * 2026: holidays 1–3 Jan; 15–23 Feb; 4–6 Apr; 1–5 May; 19–21 Jun; 25–27 Sep; 1–7 Oct. Adjusted
 * working days Sun 4 Jan, Sat 14 Feb, Sat 28 Feb, Sat 9 May, Sun 20 Sep, Sat 10 Oct.
 */
export interface DueCase {
  readonly name: string;
  readonly regime: string;
  readonly from: string;
  readonly days?: string;
  readonly pauseFrom?: string;
  readonly pauseTo?: string;
  readonly due: string;
  readonly extended?: string;
  readonly correction?: string;
  readonly why: string;
}

export const CHINA_CASES: readonly DueCase[] = [
  {
    name: 'Spring Festival 2025, received the week before',
    regime: 'cn-ogi', from: '2025-01-20', due: '2025-02-21', extended: '2025-03-21', correction: '2025-02-05',
    why: 'Jan 21–24 (4), Sun 26 adjusted (5), 27 (6), Jan 28–Feb 4 holiday, Feb 5–7 (9), Sat 8 adjusted (10), 10–14 (15), 17–21 (20). Extension: Feb 24–Mar 21 = 20. Correction: Feb 5 is day 7.',
  },
  {
    name: 'Spring Festival 2025, received on the eve',
    regime: 'cn-ogi', from: '2025-01-27', due: '2025-03-03',
    why: 'Jan 28–Feb 4 holiday, Feb 5–7 (3), Sat 8 adjusted (4), 10–14 (9), 17–21 (14), 24–28 (19), Mar 3 (20).',
  },
  {
    name: 'received on the adjusted Sunday 2025-01-26',
    regime: 'cn-ogi', from: '2025-01-26', due: '2025-02-28',
    why: 'Day 0 is the adjusted Sunday. Jan 27 (1), Feb 5–7 (4), Sat 8 (5), 10–14 (10), 17–21 (15), 24–28 (20).',
  },
  {
    name: 'received on the adjusted Saturday 2025-02-08',
    regime: 'cn-ogi', from: '2025-02-08', due: '2025-03-07', correction: '2025-02-18',
    why: 'Feb 10–14 (5), 17–21 (10), 24–28 (15), Mar 3–7 (20). Correction: Feb 10–14 (5), 17 (6), 18 (7).',
  },
  {
    name: 'National Day 2025, received the Friday before',
    regime: 'cn-ogi', from: '2025-09-26', due: '2025-10-30', extended: '2025-11-27', correction: '2025-10-13',
    why: 'Sun Sep 28 adjusted (1), 29–30 (3), Oct 1–8 holiday, 9–10 (5), Sat 11 adjusted (6), 13–17 (11), 20–24 (16), 27–30 (20). Correction: Oct 13 is day 7.',
  },
  {
    name: 'the 7-working-day correction notice over National Day 2025',
    regime: 'cn-ogi', from: '2025-09-26', days: '7', due: '2025-10-13',
    why: 'Art. 30: Sep 28 (1), 29 (2), 30 (3), Oct 9 (4), 10 (5), Sat 11 (6), Mon 13 (7).',
  },
  {
    name: 'received on the adjusted Sunday 2025-09-28',
    regime: 'cn-ogi', from: '2025-09-28', due: '2025-10-31',
    why: 'Sep 29–30 (2), Oct 9–10 (4), Sat 11 (5), 13–17 (10), 20–24 (15), 27–31 (20).',
  },
  {
    name: 'received on the last day before National Day 2025',
    regime: 'cn-ogi', from: '2025-09-30', due: '2025-11-04',
    why: 'Oct 1–8 holiday, 9–10 (2), Sat 11 (3), 13–17 (8), 20–24 (13), 27–31 (18), Nov 3–4 (20).',
  },
  {
    name: 'received on the adjusted Saturday 2025-10-11',
    regime: 'cn-ogi', from: '2025-10-11', due: '2025-11-07',
    why: 'Oct 13–17 (5), 20–24 (10), 27–31 (15), Nov 3–7 (20).',
  },
  {
    name: 'Spring Festival 2026, received the Tuesday before, 20+20',
    regime: 'cn-ogi', from: '2026-02-10', due: '2026-03-16', extended: '2026-04-14', correction: '2026-02-26',
    why: 'Feb 11–13 (3), Sat 14 adjusted (4), 15–23 holiday, 24–27 (8), Sat 28 adjusted (9), Mar 2–6 (14), 9–13 (19), 16 (20). Extension: Mar 17–20 (4), 23–27 (9), Mar 30–Apr 3 (14), Apr 4–6 holiday, 7–10 (18), 13–14 (20).',
  },
  {
    name: 'received on the adjusted Saturday 2026-02-14',
    regime: 'cn-ogi', from: '2026-02-14', due: '2026-03-20', correction: '2026-03-03',
    why: 'Feb 15–23 holiday, 24–27 (4), Sat 28 (5), Mar 2–6 (10), 9–13 (15), 16–20 (20). Correction: Feb 24–28 (5), Mar 2 (6), 3 (7).',
  },
  {
    name: 'received on the adjusted Saturday 2026-02-28',
    regime: 'cn-ogi', from: '2026-02-28', due: '2026-03-27',
    why: 'Mar 2–6 (5), 9–13 (10), 16–20 (15), 23–27 (20).',
  },
  {
    name: 'New Year 2026 and its adjusted Sunday, with the extension into Spring Festival',
    regime: 'cn-ogi', from: '2025-12-31', due: '2026-01-29', extended: '2026-03-04',
    why: 'Jan 1–3 holiday, Sun 4 adjusted (1), 5–9 (6), 12–16 (11), 19–23 (16), 26–29 (20). Extension: Jan 30 (1), Feb 2–6 (6), 9–13 (11), Sat 14 (12), 15–23 holiday, 24–27 (16), Sat 28 (17), Mar 2–4 (20).',
  },
  {
    name: 'Mid-Autumn and National Day 2026',
    regime: 'cn-ogi', from: '2026-09-18', due: '2026-10-22',
    why: 'Sun Sep 20 adjusted (1), 21–24 (5), 25–27 holiday, 28–30 (8), Oct 1–7 holiday, 8–9 (10), Sat 10 adjusted (11), 12–16 (16), 19–22 (20).',
  },
  {
    name: 'a consultation pause (Arts. 32, 34) in September 2025',
    regime: 'cn-ogi', from: '2025-09-15', pauseFrom: '2025-09-19', pauseTo: '2025-09-26', due: '2025-10-24',
    why: 'Sep 16–19 (4); Sep 20–26 not counted (the pause); Sun 28 adjusted (5), 29–30 (7), Oct 9–10 (9), Sat 11 (10), 13–17 (15), 20–24 (20).',
  },
  {
    name: 'a period running into 2027, which has no data (warned)',
    regime: 'cn-ogi', from: '2026-12-15', due: '2027-01-12',
    why: 'Dec 16–18 (3), 21–25 (8), 28–31 (12), 2027 counted Monday to Friday: Jan 1 (13), 4–8 (18), 11–12 (20).',
  },
];
