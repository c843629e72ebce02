import { Type, type Static } from '@sinclair/typebox';
import { GENRES, VALIDITIES } from '../../domain/documents/genres.js';

/** A string enum (one clear error on a bad value). */
function StringEnum<T extends string>(values: readonly T[], description?: string) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}

const Str = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });

export const CatalogueQuery = Type.Object({
  agency: Type.Optional(Str(64, 'Agency code')),
  subtree: Type.Optional(StringEnum(['0', '1', 'true', 'false'] as const, 'Include the agency subtree')),
  genre: Type.Optional(StringEnum(GENRES)),
  theme: Type.Optional(Str(100, 'Theme code (children included)')),
  year: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: 'Publication year' })),
  validity: Type.Optional(StringEnum(VALIDITIES)),
  normative: Type.Optional(StringEnum(['0', '1', 'true', 'false'] as const)),
  cursor: Type.Optional(Str(200, 'Opaque cursor from next_cursor')),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$', description: '1–100, default 20' })),
});
export type CatalogueQueryT = Static<typeof CatalogueQuery>;

export const CatalogueItemSchema = Type.Object({
  index_number: Type.String(),
  title: Type.String(),
  doc_number: Type.String(),
  agency: Type.Object({ code: Type.String(), name: Type.Object({ zh: Type.String(), en: Type.String() }) }),
  genre: Type.String(),
  theme: Type.String(),
  date_formed: Type.String(),
  published_date: Type.String(),
  current_version: Type.Integer(),
  validity: Type.String(),
  status: Type.String(),
  is_normative: Type.Boolean(),
  url: Type.String(),
});

const Attachment = Type.Object({ filename: Type.String(), sha256: Type.String(), size: Type.Integer(), mime: Type.String(), url: Type.String() });

/** A published version: `content` is exactly what `content_sha256` hashes (RFC 8785 JCS). */
export const VersionSchema = Type.Object({
  index_number: Type.String(),
  version: Type.Integer(),
  current_version: Type.Integer(),
  status: Type.String(),
  published_at: Type.String(),
  content: Type.Object({
    index_number: Type.String(),
    version: Type.Integer(),
    agency: Type.String(),
    co_issuers: Type.Array(Type.String()),
    title: Type.String(),
    doc_number: Type.String(),
    theme: Type.String(),
    genre: Type.String(),
    date_formed: Type.String(),
    published_date: Type.String(),
    is_normative: Type.Boolean(),
    keywords: Type.String(),
    summary: Type.String(),
    body_html: Type.String(),
    change_note: Type.String(),
    interprets: Type.Union([Type.String(), Type.Null()]),
  }),
  content_sha256: Type.String(),
  attachments: Type.Array(Attachment),
  validity: Type.Object({ state: Type.String(), date: Type.Union([Type.String(), Type.Null()]), note: Type.String(), replaced_by: Type.Union([Type.String(), Type.Null()]) }),
  withdrawal: Type.Union([Type.Object({ at: Type.String(), reason: Type.String() }), Type.Null()]),
  versions: Type.Array(Type.Object({ version: Type.Integer(), published_at: Type.String(), change_note: Type.String(), url: Type.String() })),
  interpretations: Type.Array(Type.String()),
});

export const DraftBody = Type.Object({
  title: Str(300),
  doc_number: Type.Optional(Str(100)),
  genre: StringEnum(GENRES),
  theme_code: Str(100),
  date_formed: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
  is_normative: Type.Optional(Type.Boolean()),
  keywords: Type.Optional(Str(300)),
  summary: Type.Optional(Str(4000)),
  body_html: Type.Optional(Str(2_000_000)),
  change_note: Type.Optional(Str(1000)),
  co_issuers: Type.Optional(Type.Array(Str(64), { maxItems: 20 })),
  interprets: Type.Optional(Str(100)),
});

export const RevisionSchema = Type.Object({
  revision_id: Type.String(),
  document_id: Type.String(),
  state: Type.String(),
  version: Type.Integer({ description: 'Optimistic-lock version: send it back with the next change' }),
  title: Type.String(),
  index_number: Type.Union([Type.String(), Type.Null()]),
  attachments: Type.Array(Type.Object({ id: Type.String(), filename: Type.String(), sha256: Type.String(), size: Type.Integer(), mime: Type.String(), text_status: Type.String() })),
  findings: Type.Array(Type.Object({ key: Type.String(), source: Type.String(), kind: Type.String(), masked: Type.String() })),
  reviews: Type.Array(Type.Object({ stage: Type.String(), decision: Type.String(), comment: Type.String(), at: Type.String() })),
});
