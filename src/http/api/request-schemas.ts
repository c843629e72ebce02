import { Type, type Static } from '@sinclair/typebox';
import { APPLICANT_TYPES, ID_TYPES } from '../../domain/requests/applicant-types.js';
import { OUTCOME_CODES } from '../../domain/requests/outcomes.js';
import { CHANNELS } from '../../domain/requests/receipt.js';
import { DELIVERIES_WANTED, FORMS_WANTED } from '../../commands/requests/application-input.js';

/** A string enum (one clear error on a bad value). */
function StringEnum<T extends string>(values: readonly T[], description?: string) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}
const Str = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });
const DateStr = (description?: string) => Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', ...(description ? { description } : {}) });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** An application (Art. 29): applicant, description, form and delivery wanted. */
export const ApplicationBody = Type.Object({
  agency_code: Str(64, 'The agency asked'),
  applicant_type: StringEnum(APPLICANT_TYPES, 'Annual-report column: natural person or an organisation subtype'),
  name: Str(100, "A natural person's name, or the organisation's contact person"),
  id_type: Type.Optional(StringEnum(ID_TYPES)),
  id_number: Type.Optional(Str(40)),
  phone: Type.Optional(Str(40)),
  email: Type.Optional(Str(254)),
  address: Type.Optional(Str(300)),
  postcode: Type.Optional(Str(10)),
  org_name: Type.Optional(Str(200)),
  unified_code: Type.Optional(Str(18, 'Unified social credit code')),
  title: Str(300, 'Name of the information wanted'),
  doc_number: Type.Optional(Str(100)),
  other_features: Type.Optional(Str(2000)),
  form_wanted: StringEnum(FORMS_WANTED),
  delivery_wanted: StringEnum(DELIVERIES_WANTED),
}, { additionalProperties: false });
export type ApplicationBodyT = Static<typeof ApplicationBody>;

export const OfflineBody = Type.Object({
  ...ApplicationBody.properties,
  channel: StringEnum(CHANNELS.filter((c) => c !== 'online'), 'Art. 31 channel'),
  submitted_on: Type.Optional(DateStr('Day handed in or arrived (default today)')),
  signed_for_on: Type.Optional(DateStr('Registered mail: day signed for')),
  confirmed_on: Type.Optional(DateStr('Ordinary mail or fax: day confirmed with the applicant')),
}, { additionalProperties: false });

export const SubmittedSchema = Type.Object({
  id: Type.Optional(Type.String()),
  tracking_number: Type.String(),
  token: Type.String({ description: 'Private token: shown once, never stored in clear' }),
  state: Type.String(),
  track_url: Type.String(),
});

export const TrackQuery = Type.Object({ number: Str(40), token: Str(200) });

export const TrackingSchema = Type.Object({
  tracking_number: Type.String(),
  agency: Type.Object({ code: Type.String(), name: Type.Object({ zh: Type.String(), en: Type.String() }) }),
  state: Type.String(),
  submitted_on: Type.String(),
  received_on: Nullable(Type.String()),
  due_date: Nullable(Type.String()),
  overdue: Type.Boolean(),
  extended: Type.Boolean(),
  replied_on: Nullable(Type.String()),
  closed_on: Nullable(Type.String()),
  timeline: Type.Array(Type.Object({ kind: Type.String(), date: Type.String() })),
});

export const ApplicantViewSchema = Type.Object({
  ...TrackingSchema.properties,
  description: Type.Object({ title: Type.String(), doc_number: Type.String(), other_features: Type.String(), form_wanted: Type.String(), delivery_wanted: Type.String() }),
  correction: Type.Union([Type.Object({ what: Type.String(), supplement_by: Type.String() }), Type.Null()]),
  fees: Type.Array(Type.Object({ amount_fen: Type.Integer(), method: Type.String(), units: Type.Integer(), notice_on: Type.String(), due_on: Type.String(), status: Type.String() })),
  reply: Type.Union([
    Type.Object({ outcome: Type.String(), label: Type.Object({ zh: Type.String(), en: Type.String() }), basis: Type.String(), text: Type.String(), replied_on: Type.String(), linked_documents: Type.Array(Type.Object({ index_number: Type.String(), url: Type.String() })) }),
    Type.Null(),
  ]),
  files: Type.Array(Type.Object({ id: Type.String(), purpose: Type.String(), filename: Type.String(), size: Type.Integer(), mime: Type.String(), url: Type.String() })),
});

export const RequestLineSchema = Type.Object({
  id: Type.String(),
  tracking_number: Type.String(),
  agency_code: Type.String(),
  state: Type.String(),
  title: Type.String(),
  applicant_type: Type.String(),
  channel: Type.String(),
  submitted_on: Type.String(),
  received_on: Nullable(Type.String()),
  due_date: Nullable(Type.String()),
  days_remaining: Type.Union([Type.Integer(), Type.Null()]),
  overdue: Type.Boolean(),
  officer: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  repeat_of_id: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
});

export const ListQuery = Type.Object({
  view: Type.Optional(StringEnum(['open', 'overdue', 'mine', 'finished', 'all'] as const)),
  officer: Type.Optional(Str(64, 'Officer user id')),
});

/** A request for staff: everything, including the applicant's personal data. */
export const RequestDetailSchema = Type.Object({
  id: Type.String(),
  tracking_number: Type.String(),
  agency_code: Type.String(),
  regime: Type.String(),
  state: Type.String(),
  version: Type.Integer(),
  applicant_type: Type.String(),
  description: Type.Object({ title: Type.String(), doc_number: Type.String(), other_features: Type.String(), form_wanted: Type.String(), delivery_wanted: Type.String() }),
  channel: Type.String(),
  submitted_on: Type.String(),
  received_on: Nullable(Type.String()),
  due_date: Nullable(Type.String()),
  officer_id: Nullable(Type.String()),
  applicant: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()]),
  deadlines: Type.Union([Type.Unknown({ description: 'The DeadlineReport of domain/calendar/deadline.ts' }), Type.Null()]),
  events: Type.Array(Type.Object({ seq: Type.Integer(), kind: Type.String(), at: Type.String(), date: Type.String(), actor: Type.String(), details: Type.Unknown() })),
  fees: Type.Array(Type.Object({ id: Type.String(), method: Type.String(), units: Type.Integer(), amount_fen: Type.Integer(), notice_on: Type.String(), due_on: Type.String(), status: Type.String(), paid_on: Nullable(Type.String()), paid_fen: Type.Union([Type.Integer(), Type.Null()]) })),
  outcome: Type.Union([Type.Object({ code: Type.String(), basis: Type.String(), text: Type.String(), replied_on: Type.String(), linked_documents: Type.Array(Type.String()) }), Type.Null()]),
  files: Type.Array(Type.Object({ id: Type.String(), purpose: Type.String(), filename: Type.String(), size: Type.Integer(), mime: Type.String(), sha256: Type.String() })),
  appeals: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), result: Type.String(), filed_on: Type.String(), decided_on: Nullable(Type.String()), body_name: Type.String(), case_number: Type.String(), note: Type.String() })),
  repeat_of: Type.Union([Type.Object({ id: Type.String(), tracking_number: Type.String() }), Type.Null()]),
  linked_document_ids: Type.Array(Type.String()),
  can_handle: Type.Boolean(),
});

export const OutcomeEnum = StringEnum(OUTCOME_CODES, 'Art. 36 outcome code (annual report table 三 row)');
