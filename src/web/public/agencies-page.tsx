import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { AgencyNode } from '../../queries/agencies.js';
import { Breadcrumbs } from '../layout.js';

function Tree({ ctx, nodes }: { ctx: RequestContext; nodes: AgencyNode[] }): SafeHtml {
  return (
    <ul class="tree">
      {nodes.map((n) => (
        <li class={n.agency.status === 'closed' ? 'closed' : undefined}>
          <a href={localePath(ctx.locale, `/agencies/${encodeURIComponent(n.agency.code)}`)}>{pick(ctx.locale, n.agency.name_zh, n.agency.name_en)}</a>
          <span class="tag">{ctx.t(`level.${n.agency.level}`)}</span>
          {n.agency.status === 'closed' ? <span class="tag tag-warn">{ctx.t('agencies.closed')}</span> : null}
          {n.children.length ? <Tree ctx={ctx} nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** All agencies as a tree. */
export function AgenciesPage({ ctx, roots }: { ctx: RequestContext; roots: AgencyNode[] }): SafeHtml {
  return (
    <div>
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('agencies.title'), null]]} />
      <h1>{ctx.t('agencies.title')}</h1>
      <p class="lead">{ctx.t('agencies.intro')}</p>
      {roots.length ? <Tree ctx={ctx} nodes={roots} /> : <p>{ctx.t('agencies.empty')}</p>}
    </div>
  );
}
