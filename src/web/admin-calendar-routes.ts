import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { Actor } from '../commands/actor.js';
import { importCalendarOverrides } from '../commands/calendars/import-overrides.js';
import { isCalendarId } from '../commands/calendars/override-input.js';
import { removeCalendarOverride } from '../commands/calendars/remove-override.js';
import { setCalendarYearComplete } from '../commands/calendars/set-complete-year.js';
import { setCalendarOverride } from '../commands/calendars/set-override.js';
import type { CalendarId } from '../domain/calendar/calendars.js';
import { AppError, type FieldIssue } from '../domain/errors.js';
import { calendarAdminView, calendarIndex } from '../queries/calendars.js';
import { verifyCsrfValue } from '../http/csrf.js';
import { localePath } from '../http/request-context.js';
import { CalendarAgencyPage, CalendarIndexPage, type CalendarFormValues } from './admin/calendar-pages.js';
import { field, fields } from './form-body.js';
import { sendPage, type WebEnv } from './render.js';

/** Largest calendar file accepted: a year's schedule is a few kilobytes. */
const MAX_CALENDAR_FILE = 1024 * 1024;

function actorOf(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

function calendarOf(s: string | undefined): CalendarId {
  return s !== undefined && isCalendarId(s) ? s : 'cn';
}

/** Validation failures are shown on the form (with fields renamed to the form's), everything else on the error page. */
function formIssues(e: unknown, rename: Record<string, string> = {}): FieldIssue[] | null {
  if (e instanceof AppError && (e.kind === 'invalid' || e.code === 'stale_version')) {
    const list = e.fields.length ? e.fields : [{ field: 'form', code: e.code }];
    return list.map((i) => ({ ...i, field: rename[i.field] ?? i.field }));
  }
  return null;
}

/** Reads a multipart form: its text fields and the first file's bytes (refused past `MAX_CALENDAR_FILE`). */
async function readMultipart(req: FastifyRequest): Promise<{ values: Record<string, string>; file: string }> {
  const values: Record<string, string> = {};
  let file = '';
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of part.file) {
        const b = Buffer.isBuffer(c) ? c : Buffer.from(String(c));
        size += b.length;
        if (size > MAX_CALENDAR_FILE) {
          part.file.resume();
          throw new AppError('file_too_large');
        }
        chunks.push(b);
      }
      if (file === '') file = Buffer.concat(chunks).toString('utf8');
    } else if (typeof part.value === 'string') {
      values[part.fieldname] = part.value;
    }
  }
  return { values, file };
}

/**
 * The working-day calendars in the console (issue 5 §2): `/admin/calendars` lists the agencies in
 * scope; `/admin/calendars/:id` shows an agency's own and inherited overrides and, for admins
 * (`agency.manage`), the forms to add or remove a day, import a file or pasted list, and confirm a
 * year complete. Registered inside the `/admin` scope, so its sign-in and CSRF hooks apply
 * (the multipart import checks its token itself).
 */
export async function registerAdminCalendarPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const l = (req: FastifyRequest, p: string) => localePath(req.ctx.locale, p);
  const meta = (title: string, path: string) => ({ title, path, noindex: true });

  app.get<{ Querystring: { calendar?: string } }>('/calendars', async (req, reply) => {
    const calendar = calendarOf(req.query.calendar);
    const rows = await calendarIndex(deps, actorOf(req), calendar);
    return sendPage(env, req, reply, meta(req.ctx.t('calendars.title'), '/admin/calendars'), CalendarIndexPage({ ctx: req.ctx, rows, calendar }), { area: 'admin', current: '/admin/calendars' });
  });

  const agencyPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    calendar: CalendarId,
    over: { issues?: FieldIssue[]; values?: CalendarFormValues; flash?: string; form?: 'add' | 'import' | 'year'; status?: number } = {},
  ) => {
    const v = await calendarAdminView(deps, actorOf(req), id, calendar);
    return sendPage(
      env,
      req,
      reply,
      meta(req.ctx.t('calendars.agency_title', { name: v.agency.name_zh }), `/admin/calendars/${id}`),
      CalendarAgencyPage({ ctx: req.ctx, v, issues: over.issues ?? [], values: over.values ?? {}, flash: over.flash, ...(over.form ? { form: over.form } : {}) }),
      { area: 'admin', current: '/admin/calendars', status: over.status ?? 200 },
    );
  };

  app.get<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>('/calendars/:id', async (req, reply) => {
    const q = req.query;
    const num = (s: string | undefined) => (s !== undefined && /^[0-9]{1,6}$/.test(s) ? Number(s) : 0);
    const flash = q.saved ? req.ctx.t('calendars.saved') : q.removed ? req.ctx.t('calendars.removed') : q.imported ? req.ctx.t('calendars.imported', { added: num(q.added), replaced: num(q.replaced) }) : undefined;
    return agencyPage(req, reply, req.params.id, calendarOf(q.calendar), flash ? { flash } : {});
  });

  const back = (req: FastifyRequest, id: string, calendar: CalendarId, flag: string) => l(req, `/admin/calendars/${id}?calendar=${calendar}&${flag}`);

  app.post<{ Params: { id: string } }>('/calendars/:id/overrides', async (req, reply) => {
    const v = fields(req.body, ['calendar', 'date', 'kind', 'note'] as const);
    const calendar = calendarOf(v.calendar);
    try {
      await setCalendarOverride(deps, actorOf(req), req.params.id, v);
      return reply.redirect(back(req, req.params.id, calendar, 'saved=1'), 303);
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      return agencyPage(req, reply, req.params.id, calendar, { issues, values: v, form: 'add', status: e instanceof AppError && e.code === 'stale_version' ? 409 : 400 });
    }
  });

  app.post<{ Params: { id: string; oid: string } }>('/calendars/:id/overrides/:oid/remove', async (req, reply) => {
    const calendar = calendarOf(field(req.body, 'calendar'));
    await removeCalendarOverride(deps, actorOf(req), req.params.id, req.params.oid);
    return reply.redirect(back(req, req.params.id, calendar, 'removed=1'), 303);
  });

  app.post<{ Params: { id: string } }>('/calendars/:id/import', async (req, reply) => {
    const actor = actorOf(req);
    if (!req.isMultipart()) throw new AppError('upload_missing');
    // Nothing is stored before the token is checked; a too-large file is refused while reading.
    const form = await readMultipart(req);
    verifyCsrfValue(req, form.values._csrf);
    const values: CalendarFormValues = { ...form.values };
    delete values._csrf;
    const calendar = calendarOf(values.calendar);
    try {
      const pasted = values.text ?? '';
      if (form.file.trim() !== '' && pasted.trim() !== '') throw new AppError('validation_failed', { fields: [{ field: 'file', code: 'file_and_text' }] });
      const text = form.file.trim() !== '' ? form.file : pasted;
      // Line numbers refer to the file when there is one; keep its text to quote the bad lines.
      if (form.file.trim() !== '') values.text = form.file;
      const r = await importCalendarOverrides(deps, actor, req.params.id, {
        calendar,
        format: values.format ?? '',
        text,
        kind: values.import_kind ?? '',
        note: values.import_note ?? '',
        completeYears: values.complete_years === '1',
      });
      return reply.redirect(back(req, req.params.id, calendar, `imported=1&added=${r.added}&replaced=${r.replaced}`), 303);
    } catch (e) {
      const issues = formIssues(e, { kind: 'import_kind', note: 'import_note' });
      if (!issues) throw e;
      return agencyPage(req, reply, req.params.id, calendar, { issues, values, form: 'import', status: 400 });
    }
  });

  app.post<{ Params: { id: string } }>('/calendars/:id/years', async (req, reply) => {
    const v = fields(req.body, ['calendar', 'year', 'year_note'] as const);
    const calendar = calendarOf(v.calendar);
    try {
      const year = /^[0-9]{4}$/.test(v.year.trim()) ? Number(v.year.trim()) : NaN;
      await setCalendarYearComplete(deps, actorOf(req), req.params.id, { calendar, year, complete: true, note: v.year_note });
      return reply.redirect(back(req, req.params.id, calendar, 'saved=1'), 303);
    } catch (e) {
      const issues = formIssues(e, { note: 'year_note' });
      if (!issues) throw e;
      return agencyPage(req, reply, req.params.id, calendar, { issues, values: v, form: 'year', status: 400 });
    }
  });

  app.post<{ Params: { id: string; year: string } }>('/calendars/:id/years/:year/remove', async (req, reply) => {
    const calendar = calendarOf(field(req.body, 'calendar'));
    const year = /^[0-9]{4}$/.test(req.params.year) ? Number(req.params.year) : NaN;
    await setCalendarYearComplete(deps, actorOf(req), req.params.id, { calendar, year, complete: false });
    return reply.redirect(back(req, req.params.id, calendar, 'removed=1'), 303);
  });
}
