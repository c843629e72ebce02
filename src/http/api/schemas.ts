import { Type, type Static } from '@sinclair/typebox';
import { AGENCY_LEVELS } from '../../domain/agency-rules.js';

/** Shared API schemas. Every route declares request and response schemas from these. */
export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable error code from the catalogue' }),
      message: Type.String(),
      request_id: Type.String(),
      fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.Optional(Type.String()) }))),
    }),
  },
  { $id: 'Error' },
);

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

/** A string enum (one clear error on a bad value, unlike a union of literals). */
function StringEnum<T extends string>(values: readonly T[], description?: string) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}

export const AgencyLevelSchema = StringEnum(AGENCY_LEVELS, 'Administrative level');

export const PublicAgencySchema = Type.Object({
  code: Type.String(),
  parent_code: Type.Union([Type.String(), Type.Null()]),
  level: AgencyLevelSchema,
  kind: StringEnum(['government', 'department'] as const),
  name: Bilingual,
  office: Type.Object({
    name: Bilingual,
    address: Bilingual,
    postcode: Type.String(),
    hours: Bilingual,
    phone: Type.String(),
    fax: Type.String(),
    email: Type.String(),
    website: Type.String(),
  }),
  time_zone: Type.String(),
  status: StringEnum(['open', 'closed'] as const),
  closed_at: Type.Union([Type.String(), Type.Null()]),
});
export type PublicAgency = Static<typeof PublicAgencySchema>;

export interface PublicAgencyNode extends PublicAgency {
  children: PublicAgencyNode[];
}

export const AgencyTreeNodeSchema = Type.Recursive(
  (Self) => Type.Object({ ...PublicAgencySchema.properties, children: Type.Array(Self) }),
  { $id: 'AgencyNode' },
);

const Text = (max: number) => Type.String({ maxLength: max });

const profileProps = {
  name_zh: Type.Optional(Text(200)),
  name_en: Type.Optional(Text(300)),
  office_name_zh: Type.Optional(Text(200)),
  office_name_en: Type.Optional(Text(300)),
  address_zh: Type.Optional(Text(300)),
  address_en: Type.Optional(Text(400)),
  postcode: Type.Optional(Text(10)),
  office_hours_zh: Type.Optional(Text(300)),
  office_hours_en: Type.Optional(Text(300)),
  phone: Type.Optional(Text(64)),
  fax: Type.Optional(Text(64)),
  email: Type.Optional(Text(254)),
  website: Type.Optional(Text(300)),
  time_zone: Type.Optional(Text(64)),
  sort_order: Type.Optional(Type.Integer({ minimum: -100000, maximum: 100000 })),
};

export const CreateAgencyBody = Type.Object(
  {
    ...profileProps,
    code: Type.String({ minLength: 2, maxLength: 32 }),
    parent_code: Type.String({ minLength: 1, maxLength: 32 }),
    level: AgencyLevelSchema,
    name_zh: Text(200),
    name_en: Text(300),
  },
  { additionalProperties: false },
);
export type CreateAgencyBodyT = Static<typeof CreateAgencyBody>;

export const UpdateAgencyBody = Type.Object({ ...profileProps, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type UpdateAgencyBodyT = Static<typeof UpdateAgencyBody>;

export const StaffAgencySchema = Type.Object({ ...PublicAgencySchema.properties, id: Type.String(), version: Type.Integer() });

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);

export const SessionInfo = Type.Object({
  user: Type.Object({ id: Type.String(), username: Type.String(), display_name: Type.String() }),
  grants: Type.Array(Type.Object({ role: Type.String(), agency_code: Type.String() })),
  csrf_token: Type.String(),
  expires_at: Type.String(),
});

export const StaffListSchema = Type.Object({
  items: Type.Array(
    Type.Object({ id: Type.String(), username: Type.String(), display_name: Type.String(), status: Type.String(), agency_code: Type.String() }),
  ),
});
