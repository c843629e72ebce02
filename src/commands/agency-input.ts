import type { AgencyLevel } from '../domain/agency-rules.js';

/** The fields of an agency a client may set. Text fields absent from a patch stay unchanged. */
export interface AgencyProfileInput {
  name_zh?: string;
  name_en?: string;
  office_name_zh?: string;
  office_name_en?: string;
  address_zh?: string;
  address_en?: string;
  postcode?: string;
  office_hours_zh?: string;
  office_hours_en?: string;
  phone?: string;
  fax?: string;
  email?: string;
  website?: string;
  time_zone?: string;
  sort_order?: number;
}

export interface CreateAgencyInput extends AgencyProfileInput {
  code: string;
  name_zh: string;
  name_en: string;
  level: AgencyLevel;
  parent_id: string | null;
  is_demo?: boolean;
}

/** Fields whose change is a rename (needs `agency.manage`, not just `agency.edit_profile`). */
export const NAME_FIELDS = ['name_zh', 'name_en'] as const;

export const PROFILE_KEYS = [
  'name_zh',
  'name_en',
  'office_name_zh',
  'office_name_en',
  'address_zh',
  'address_en',
  'postcode',
  'office_hours_zh',
  'office_hours_en',
  'phone',
  'fax',
  'email',
  'website',
  'time_zone',
  'sort_order',
] as const satisfies readonly (keyof AgencyProfileInput)[];
