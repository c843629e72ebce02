/**
 * Applicant types, exactly the number columns of the annual report's table 三 (国办公开办函〔2021〕30号):
 * 自然人, then 法人或其他组织 split into its five subtypes. The order is the report's column order.
 */

/** One applicant type with its report column label. */
export interface ApplicantTypeInfo {
  readonly code: ApplicantType;
  /** 'person' (自然人) or 'organisation' (法人或其他组织). */
  readonly group: 'person' | 'organisation';
  readonly zh: string;
  readonly en: string;
}

export const APPLICANT_TYPES = [
  'natural_person',
  'commercial_enterprise',
  'research_institution',
  'social_welfare_organisation',
  'legal_service_institution',
  'other_organisation',
] as const;

export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** The table 三 columns, in order (the 总计 column is their sum and is not a type). */
export const APPLICANT_TYPE_INFO: readonly ApplicantTypeInfo[] = [
  { code: 'natural_person', group: 'person', zh: '自然人', en: 'Natural person' },
  { code: 'commercial_enterprise', group: 'organisation', zh: '商业企业', en: 'Commercial enterprise' },
  { code: 'research_institution', group: 'organisation', zh: '科研机构', en: 'Research institution' },
  { code: 'social_welfare_organisation', group: 'organisation', zh: '社会公益组织', en: 'Social-welfare organisation' },
  { code: 'legal_service_institution', group: 'organisation', zh: '法律服务机构', en: 'Legal-service institution' },
  { code: 'other_organisation', group: 'organisation', zh: '其他', en: 'Other organisation' },
];

/** True when `x` is an applicant type code. */
export function isApplicantType(x: string): x is ApplicantType {
  return (APPLICANT_TYPES as readonly string[]).includes(x);
}

/** True for the five 法人或其他组织 subtypes. */
export function isOrganisation(t: ApplicantType): boolean {
  return t !== 'natural_person';
}

/** Identity documents an applicant may present (Art. 29: 身份证明). */
export const ID_TYPES = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreigner_permanent_residence', 'business_licence', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];

/** True when `x` is an identity-document type code. */
export function isIdType(x: string): x is IdType {
  return (ID_TYPES as readonly string[]).includes(x);
}
