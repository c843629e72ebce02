import type { Agency } from '../../store/schema.js';
import type { AgencyNode } from '../../queries/agencies.js';
import type { PublicAgency, PublicAgencyNode } from './schemas.js';

/** The public representation of an agency: names and disclosure-office contacts only. */
export function presentAgency(a: Agency, parentCode: string | null): PublicAgency {
  return {
    code: a.code,
    parent_code: parentCode,
    level: a.level,
    kind: a.kind,
    name: { zh: a.name_zh, en: a.name_en },
    office: {
      name: { zh: a.office_name_zh, en: a.office_name_en },
      address: { zh: a.address_zh, en: a.address_en },
      postcode: a.postcode,
      hours: { zh: a.office_hours_zh, en: a.office_hours_en },
      phone: a.phone,
      fax: a.fax,
      email: a.email,
      website: a.website,
    },
    time_zone: a.time_zone,
    status: a.status,
    closed_at: a.closed_at,
  };
}

export function presentTree(nodes: AgencyNode[], parentCode: string | null = null): PublicAgencyNode[] {
  return nodes.map((n) => ({ ...presentAgency(n.agency, parentCode), children: presentTree(n.children, n.agency.code) }));
}
