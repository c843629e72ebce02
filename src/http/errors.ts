import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorKind, type FieldIssue } from '../domain/errors.js';
import { isClientDataError } from '../commands/store-errors.js';

/** The one table mapping error kinds to HTTP statuses. */
export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  rate_limited: 429,
  unavailable: 503,
};

/** The JSON body of every API error. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldIssue[]; request_id: string };
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** Turns Fastify's schema-validation failures into field issues named like `body.name_zh`. */
export function fieldsFromValidation(context: string | undefined, issues: AjvIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.map((v) => {
    const base = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const missing = typeof v.params?.missingProperty === 'string' ? v.params.missingProperty : undefined;
    const extra = typeof v.params?.additionalProperty === 'string' ? v.params.additionalProperty : undefined;
    const name = [context ?? 'body', base, missing ?? extra].filter(Boolean).join('.');
    const code = v.keyword === 'required' ? 'required' : v.keyword === 'additionalProperties' ? 'unknown_field' : (v.keyword ?? 'invalid');
    return { field: name, code, message: v.message ?? code };
  }).filter((f) => {
    const k = `${f.field} ${f.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Normalises anything thrown into an AppError (or null for a genuine server fault). Fastify's own
 * client errors (bad JSON, body too large, wrong content type) become `validation_failed`.
 */
export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const fe = err as Partial<FastifyError> & { validation?: AjvIssue[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation)) {
    return new AppError('validation_failed', { fields: fieldsFromValidation(fe.validationContext, fe.validation), message: fe.message ?? 'invalid' });
  }
  if (isClientDataError(err)) return new AppError('validation_failed', { message: 'a value was not acceptable' });
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status === 429) return new AppError('rate_limited');
  if (status === 404) return new AppError('not_found');
  if (status >= 400 && status < 500) {
    // FST_ERR_CTP_* (content type, JSON syntax, body size) and multipart limits: the client's fault.
    return new AppError('validation_failed', { message: fe.message ?? 'bad request', fields: [{ field: 'body', code: fe.code ?? 'invalid' }] });
  }
  return null;
}

/** Sends an API error as JSON with its mapped status. */
export function sendJsonError(req: FastifyRequest, reply: FastifyReply, e: AppError): FastifyReply {
  const status = statusOf(e);
  if (e.retryAfterSeconds) reply.header('retry-after', String(e.retryAfterSeconds));
  const body: ErrorBody = { error: { code: e.code, message: e.message, request_id: req.id } };
  if (e.fields.length) body.error.fields = e.fields;
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** The status for an AppError; a body-too-large error keeps Fastify's 413. */
export function statusOf(e: AppError): number {
  if (e.fields.some((f) => f.code === 'FST_ERR_CTP_BODY_TOO_LARGE')) return 413;
  if (e.fields.some((f) => f.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')) return 415;
  return STATUS_BY_KIND[e.kind];
}
