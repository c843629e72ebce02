import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { calculateDeadline, type DeadlineAnswer } from '../../commands/calendars/calculate-deadline.js';

const errors = { 400: Type.Ref('Error'), 429: Type.Ref('Error') };
const Str = (description: string) => Type.Optional(Type.String({ maxLength: 40, description }));

const DeadlineQuery = Type.Object(
  {
    regime: Type.String({ maxLength: 40, description: 'cn-ogi | uk-foia | us-foia | eu-1049' }),
    from: Type.String({ maxLength: 40, description: 'Day of receipt, YYYY-MM-DD (day 0)' }),
    days: Str('Reply period in days, replacing the regime\'s (1–366)'),
    calendar: Str('Built-in calendar replacing the regime\'s: cn | uk-england | us-federal | eu'),
    pause_from: Str('Consultation sent (Arts. 32, 34; cn-ogi only), YYYY-MM-DD'),
    pause_to: Str('Consultation answered, YYYY-MM-DD'),
  },
  { additionalProperties: false },
);

const Warning = Type.Object({ code: Type.String(), calendar: Type.Optional(Type.String()), year: Type.Optional(Type.Integer()) }, { additionalProperties: true });
const Due = Type.Object({ days: Type.Integer(), due_date: Type.String(), overdue_from: Type.String() });

const DeadlineSchema = Type.Object({
  regime: Type.String(),
  citation: Type.String(),
  calendar: Type.String(),
  counting: Type.String({ description: 'working_days | calendar_days' }),
  from: Type.String(),
  days: Type.Integer(),
  due_date: Type.String({ description: 'The day the N-th countable day after receipt is reached' }),
  overdue_from: Type.String({ description: 'The day after the due date' }),
  extension: Type.Union([Due, Type.Null()], { description: 'With the regime\'s whole extension; null when it has none' }),
  correction_notice_due: Type.Union([Type.String(), Type.Null()], { description: 'Art. 30: last day to ask for a correction (cn-ogi)' }),
  pause: Type.Union([Type.Object({ from: Type.String(), to: Type.String(), excluded_through: Type.Union([Type.String(), Type.Null()]), capped: Type.Boolean(), days: Type.Integer() }), Type.Null()]),
  counted_days: Type.Array(Type.String(), { description: 'Day 1 … day N of the period' }),
  skipped_days: Type.Array(Type.Object({ date: Type.String(), reason: Type.String() }), { description: 'Days up to the due date that were not counted, and why' }),
  warnings: Type.Array(Warning),
});

/** The JSON form of a calculator answer. */
export function presentDeadline(a: DeadlineAnswer): Static<typeof DeadlineSchema> {
  const skipped = a.explanation
    .filter((d) => d.date > a.from && d.date <= a.dueDate && d.count === null)
    .map((d) => ({ date: d.date, reason: d.paused ? 'paused' : d.reason }));
  return {
    regime: a.regime.id,
    citation: a.regime.citation,
    calendar: a.calendar,
    counting: a.regime.counting,
    from: a.from,
    days: a.days,
    due_date: a.dueDate,
    overdue_from: a.overdueFrom,
    extension: a.extension === null ? null : { days: a.extension.days, due_date: a.extension.dueDate, overdue_from: a.extension.overdueFrom },
    correction_notice_due: a.correctionNoticeDue,
    pause: a.pause === null ? null : { from: a.pause.from, to: a.pause.to, excluded_through: a.pause.excludedThrough, capped: a.pause.capped, days: a.pause.days },
    counted_days: [...a.countedDays],
    skipped_days: skipped,
    warnings: a.warnings.map((w) => ({ ...w })),
  };
}

/**
 * `GET /api/v1/deadline`: the public deadline calculator (issue 5 §3). The day of receipt is day
 * 0; the due date is the day the N-th working day is reached; calendar-day regimes move a due date
 * on a weekend or holiday to the next working day; the request is overdue the day after. Bad input
 * is a 400 naming each field.
 */
export async function registerDeadlineApi(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/deadline',
    { schema: { summary: 'Due date of a request under a regime, on the built-in working-day calendars', tags: ['deadlines'], querystring: DeadlineQuery, response: { 200: DeadlineSchema, ...errors } } },
    async (req, reply) => {
      const q = req.query;
      const a = calculateDeadline({ regime: q.regime, from: q.from, days: q.days, calendar: q.calendar, pauseFrom: q.pause_from, pauseTo: q.pause_to });
      reply.header('cache-control', 'public, max-age=3600');
      return presentDeadline(a);
    },
  );
}
