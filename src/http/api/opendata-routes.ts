import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app.js';
import { publishedReportJson } from '../../queries/opendata.js';

const errors = { 400: Type.Ref('Error'), 404: Type.Ref('Error'), 429: Type.Ref('Error') };

/** One official table: column labels and rows `{ label, values }` in the official order. */
const TableDoc = Type.Unknown({ description: 'An official table: `columns` (labels) and `rows` (`{ key, label, values }`, official order and labels)' });

/**
 * `/api/v1/reports/{agency}/{year}` (issue 7 §4): the published annual report (Art. 49–50) of an
 * agency as frozen at publication: sections, tables 二, 三 and 四 with their official labels, and
 * the identity checks. 404 until it is published. No personal data.
 */
export async function registerOpenDataApi(root: FastifyInstance, app: AppContext): Promise<void> {
  const api = root.withTypeProvider<TypeBoxTypeProvider>();
  const deps = app.deps;
  api.get('/reports/:agency/:year', {
    schema: {
      tags: ['annual reports'],
      summary: 'A published annual report (政府信息公开工作年度报告): sections, tables 二 三 四 with official row labels, identity checks',
      params: Type.Object({ agency: Type.String({ minLength: 1, maxLength: 64, description: 'Agency code' }), year: Type.String({ pattern: '^[0-9]{4}$' }) }),
      response: {
        200: Type.Object({
          agency: Type.Object({ code: Type.String(), name: Type.String() }),
          year: Type.Integer(),
          title: Type.String(),
          status: Type.String(),
          due_by: Type.String(),
          index_number: Type.Union([Type.String(), Type.Null()]),
          sections: Type.Array(Type.Object({ title: Type.String(), text: Type.String() })),
          table2: TableDoc,
          table3: TableDoc,
          table4: TableDoc,
          identities: Type.Unknown({ description: 'Each identity of the 2021 format and whether it holds' }),
          corrections: Type.Unknown({ description: 'Staff corrections with the computed figure and the reason' }),
        }),
        ...errors,
      },
    },
  }, async (req, reply) => {
    const r = await publishedReportJson(deps, req.params.agency, Number(req.params.year));
    reply.header('cache-control', 'public, max-age=300');
    return r;
  });
}
