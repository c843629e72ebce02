import type { FastifyInstance } from 'fastify';
import { calculateDeadline, type DeadlineAnswer } from '../commands/calendars/calculate-deadline.js';
import { AppError, type FieldIssue } from '../domain/errors.js';
import { DeadlinePage, type DeadlineValues } from './public/deadline-page.js';
import { sendPage, type WebEnv } from './render.js';

const KEYS = ['regime', 'from', 'days', 'calendar', 'pause_from', 'pause_to'] as const;

/**
 * `/deadline`: the public deadline calculator page (issue 5 §3). A GET form, so it works without
 * JavaScript and every result has a link; bad input re-shows the form with the errors (400).
 */
export async function registerDeadlinePages(app: FastifyInstance, env: WebEnv): Promise<void> {
  app.get<{ Querystring: Record<string, unknown> }>('/deadline', async (req, reply) => {
    const values: DeadlineValues = { regime: '', from: '', days: '', calendar: '', pause_from: '', pause_to: '' };
    for (const k of KEYS) {
      const v = req.query[k];
      if (typeof v === 'string') values[k] = v.slice(0, 40);
    }
    let answer: DeadlineAnswer | null = null;
    let issues: FieldIssue[] = [];
    if (values.from !== '' || values.regime !== '') {
      try {
        answer = calculateDeadline({ regime: values.regime || 'cn-ogi', from: values.from, days: values.days, calendar: values.calendar, pauseFrom: values.pause_from, pauseTo: values.pause_to });
      } catch (e) {
        if (!(e instanceof AppError) || e.kind !== 'invalid') throw e;
        issues = e.fields.length ? e.fields : [{ field: 'from', code: 'invalid' }];
      }
    }
    const title = answer ? `${answer.dueDate} · ${req.ctx.t('deadline.title')}` : req.ctx.t('deadline.title');
    return sendPage(env, req, reply, { title, path: '/deadline' }, DeadlinePage({ ctx: req.ctx, values, issues, answer }), { current: '/deadline', status: issues.length ? 400 : 200 });
  });
}
