/**
 * Table types for Kysely. Portable column conventions (HOUSE-STYLE): ids are text, instants are
 * ISO-8601 UTC text, booleans are 0/1 integers, JSON is text.
 */
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

export interface AgencyTable {
  id: string;
  parent_id: string | null;
  code: string;
  kind: 'government' | 'department';
  level: 'province' | 'city' | 'county' | 'township' | 'department';
  name_zh: string;
  name_en: string;
  office_name_zh: string;
  office_name_en: string;
  address_zh: string;
  address_en: string;
  postcode: string;
  office_hours_zh: string;
  office_hours_en: string;
  phone: string;
  fax: string;
  email: string;
  website: string;
  time_zone: string;
  /** Materialised path `/rootId/…/id/`, used for subtree scope checks. */
  path: string;
  depth: number;
  sort_order: number;
  status: 'open' | 'closed';
  closed_at: string | null;
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AgencyHistoryTable {
  id: string;
  agency_id: string;
  at: string;
  actor_id: string | null;
  action: string;
  before_json: string | null;
  after_json: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  email: string;
  password_hash: string;
  home_agency_id: string;
  status: 'active' | 'disabled';
  is_demo: number;
  version: number;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
}

export interface GrantTable {
  id: string;
  user_id: string;
  agency_id: string;
  role: string;
  created_at: string;
  created_by: string | null;
}

export interface SessionTable {
  /** SHA-256 (hex) of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  absolute_expires_at: string;
  revoked_at: string | null;
  ip: string;
  user_agent: string;
}

export interface LoginAttemptTable {
  id: string;
  at: string;
  username_key: string;
  ip: string;
  success: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_username: string;
  action: string;
  target_type: string;
  target_id: string;
  agency_id: string | null;
  ip: string | null;
  detail: string;
}

export interface InstanceMetaTable {
  key: string;
  value: string;
  updated_at: ColumnType<string, string, string>;
}

export interface DB {
  agencies: AgencyTable;
  agency_history: AgencyHistoryTable;
  users: UserTable;
  grants: GrantTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  instance_meta: InstanceMetaTable;
}

export type Agency = Selectable<AgencyTable>;
export type NewAgency = Insertable<AgencyTable>;
export type AgencyUpdate = Updateable<AgencyTable>;
export type User = Selectable<UserTable>;
export type Grant = Selectable<GrantTable>;
export type Session = Selectable<SessionTable>;
export type AuditEntry = Selectable<AuditLogTable>;

/** A query executor: the database or an open transaction. */
export type Exec = Kysely<DB> | Transaction<DB>;
