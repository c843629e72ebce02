import { invalid, type FieldIssue } from '../../domain/errors.js';
import { isApplicantType, isIdType, type ApplicantType } from '../../domain/requests/applicant-types.js';
import { applicantKey, descriptionKey } from '../../domain/requests/repeat.js';
import { validateUscc } from '../../domain/uscc.js';

/** The forms an applicant may ask for (Art. 29(3)). */
export const FORMS_WANTED = ['electronic', 'paper', 'inspection'] as const;
/** How the applicant wants to receive it (Art. 29(3)). */
export const DELIVERIES_WANTED = ['email', 'online', 'post', 'collect'] as const;

/** An application as the form or the API sends it (Art. 29). */
export interface ApplicationInput {
  applicant_type: string;
  /** A natural person's name, or an organisation's contact person. */
  name: string;
  id_type?: string;
  id_number?: string;
  phone?: string;
  email?: string;
  address?: string;
  postcode?: string;
  org_name?: string;
  unified_code?: string;
  title: string;
  doc_number?: string;
  other_features?: string;
  form_wanted: string;
  delivery_wanted: string;
}

/** A validated application, split into the request's columns and the applicant's personal data. */
export interface CleanApplication {
  request: {
    applicant_type: ApplicantType;
    title: string;
    doc_number: string;
    other_features: string;
    description_key: string;
    form_wanted: string;
    delivery_wanted: string;
  };
  applicant: {
    name: string;
    id_type: string;
    id_number: string;
    phone: string;
    email: string;
    address: string;
    postcode: string;
    org_name: string;
    unified_code: string;
    applicant_key: string;
  };
}

const LIMITS: Record<string, number> = {
  name: 100, id_type: 40, id_number: 40, phone: 40, email: 254, address: 300, postcode: 10,
  org_name: 200, unified_code: 18, title: 300, doc_number: 100, other_features: 2000,
};

/**
 * Validates an application and reports every bad field at once (`validation_failed`). Art. 29: the
 * applicant's name and identity proof, contact details (at least one of phone, e-mail, address),
 * a description (a title at least) and the form and delivery wanted. Organisations also give their
 * name; a unified social credit code, when given, must be valid (GB 32100).
 */
export function cleanApplication(input: ApplicationInput): CleanApplication {
  const issues: FieldIssue[] = [];
  const text = (field: keyof ApplicationInput): string => {
    const raw = input[field];
    const v = typeof raw === 'string' ? raw.normalize('NFC').trim() : '';
    const max = LIMITS[field];
    if (max !== undefined && v.length > max) issues.push({ field, code: 'too_long' });
    return v;
  };
  const type = text('applicant_type');
  if (!isApplicantType(type)) issues.push({ field: 'applicant_type', code: 'invalid' });
  const name = text('name');
  if (!name) issues.push({ field: 'name', code: 'required' });
  const idType = text('id_type');
  const idNumber = text('id_number').toUpperCase();
  const orgName = text('org_name');
  let unified = text('unified_code').toUpperCase();
  if (type === 'natural_person') {
    if (!idType) issues.push({ field: 'id_type', code: 'required' });
    else if (!isIdType(idType)) issues.push({ field: 'id_type', code: 'invalid' });
    if (!idNumber) issues.push({ field: 'id_number', code: 'required' });
  } else {
    if (!orgName) issues.push({ field: 'org_name', code: 'required' });
    if (idType && !isIdType(idType)) issues.push({ field: 'id_type', code: 'invalid' });
    if (unified) {
      const r = validateUscc(unified);
      if (r.ok) unified = r.normalized;
      else issues.push({ field: 'unified_code', code: 'invalid' });
    }
  }
  const phone = text('phone');
  const email = text('email');
  const address = text('address');
  const postcode = text('postcode');
  if (!phone && !email && !address) issues.push({ field: 'phone', code: 'contact_required' });
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) issues.push({ field: 'email', code: 'invalid' });
  const title = text('title');
  if (!title) issues.push({ field: 'title', code: 'required' });
  const docNumber = text('doc_number');
  const other = text('other_features');
  const form = text('form_wanted');
  if (!(FORMS_WANTED as readonly string[]).includes(form)) issues.push({ field: 'form_wanted', code: 'invalid' });
  const delivery = text('delivery_wanted');
  if (!(DELIVERIES_WANTED as readonly string[]).includes(delivery)) issues.push({ field: 'delivery_wanted', code: 'invalid' });
  if (delivery === 'email' && !email) issues.push({ field: 'email', code: 'required' });
  if (issues.length > 0 || !isApplicantType(type)) throw invalid(issues);
  return {
    request: {
      applicant_type: type,
      title,
      doc_number: docNumber,
      other_features: other,
      description_key: descriptionKey({ title, docNumber, otherFeatures: other }),
      form_wanted: form,
      delivery_wanted: delivery,
    },
    applicant: {
      name,
      id_type: idType,
      id_number: idNumber,
      phone,
      email,
      address,
      postcode,
      org_name: orgName,
      unified_code: unified,
      applicant_key: applicantKey({ type, idType, idNumber, orgName, unifiedCode: unified }),
    },
  };
}
