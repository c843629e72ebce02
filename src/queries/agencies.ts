import { AppError } from '../domain/errors.js';
import { scopesFor } from '../domain/policy.js';
import type { Actor } from '../commands/actor.js';
import { allowed } from '../commands/actor.js';
import type { Deps } from '../commands/deps.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import type { Agency } from '../store/schema.js';

/** An agency with its children, in sibling order. */
export interface AgencyNode {
  agency: Agency;
  children: AgencyNode[];
}

/** Arranges flat rows (any order) into trees; rows whose parent is absent become roots. */
export function buildTree(rows: Agency[]): AgencyNode[] {
  const nodes = new Map<string, AgencyNode>(rows.map((a) => [a.id, { agency: a, children: [] }]));
  const roots: AgencyNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.agency.parent_id ? nodes.get(n.agency.parent_id) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  const order = (a: AgencyNode, b: AgencyNode) =>
    a.agency.sort_order - b.agency.sort_order ||
    Number(a.agency.kind === 'department') - Number(b.agency.kind === 'department') ||
    a.agency.code.localeCompare(b.agency.code);
  const sortRec = (list: AgencyNode[]) => {
    list.sort(order);
    for (const n of list) sortRec(n.children);
  };
  sortRec(roots);
  return roots;
}

/** The public tree of agencies (closed ones included and marked, so old links keep working). */
export async function publicAgencyTree(deps: Deps): Promise<AgencyNode[]> {
  return buildTree(await agencyRepo.all(deps.db, { includeClosed: true }));
}

/** One agency's public view with its parent and children. */
export async function publicAgency(deps: Deps, code: string): Promise<{ agency: Agency; parent: Agency | undefined; children: Agency[] }> {
  const agency = await agencyRepo.byCode(deps.db, code);
  if (!agency) throw new AppError('agency_not_found');
  const parent = agency.parent_id ? await agencyRepo.byId(deps.db, agency.parent_id) : undefined;
  const children = (await agencyRepo.subtree(deps.db, agency.path, { includeClosed: true })).filter((a) => a.parent_id === agency.id);
  return { agency, parent, children };
}

/** Counts for the home page. */
export async function agencyCount(deps: Deps): Promise<number> {
  return (await agencyRepo.all(deps.db, { includeClosed: false })).length;
}

/** Agencies the actor may read, as trees (one root per grant scope). */
export async function staffAgencyTree(deps: Deps, actor: Actor): Promise<AgencyNode[]> {
  if (actor.type === 'system') return buildTree(await agencyRepo.all(deps.db, { includeClosed: true }));
  return buildTree(await agencyRepo.inScopes(deps.db, scopesFor(actor.grants, 'agency.read'), { includeClosed: true }));
}

/** Agencies under which the actor may create agencies (for the parent picker). */
export async function manageableAgencies(deps: Deps, actor: Actor): Promise<Agency[]> {
  const rows =
    actor.type === 'system'
      ? await agencyRepo.all(deps.db, { includeClosed: false })
      : await agencyRepo.inScopes(deps.db, scopesFor(actor.grants, 'agency.manage'), { includeClosed: false });
  return rows.sort((a, b) => a.path.localeCompare(b.path));
}

/** One agency for the console, with what the actor may do to it. 403 outside the read scope. */
export async function staffAgency(deps: Deps, actor: Actor, id: string) {
  const agency = await agencyRepo.byId(deps.db, id);
  if (!agency) throw new AppError('agency_not_found');
  // Agencies are public, so refusing (403) reveals nothing; staff records outside scope are 404.
  if (!allowed(actor, 'agency.read', agency.path)) throw new AppError('forbidden');
  const parent = agency.parent_id ? await agencyRepo.byId(deps.db, agency.parent_id) : undefined;
  const history = await agencyRepo.history(deps.db, id);
  return {
    agency,
    parent,
    history,
    canEditProfile: allowed(actor, 'agency.edit_profile', agency.path),
    canManage: allowed(actor, 'agency.manage', agency.path),
  };
}

/** Looks an agency up by code (any status); undefined when absent. */
export function agencyByCode(deps: Deps, code: string): Promise<Agency | undefined> {
  return agencyRepo.byCode(deps.db, code);
}

/** Looks an agency up by id (any status); undefined when absent. */
export function agencyById(deps: Deps, id: string): Promise<Agency | undefined> {
  return agencyRepo.byId(deps.db, id);
}
