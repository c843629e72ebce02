import type { ApplicationInput } from '../../src/commands/requests/application-input.js';

/** A valid natural-person application; override what a test cares about. */
export function application(over: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    applicant_type: 'natural_person',
    name: '测试申请人',
    id_type: 'resident_id',
    id_number: '110101199003070011',
    phone: '13800000000',
    email: 'applicant@example.test',
    address: '某市某区某街道1号',
    title: '2025年度城市道路维修资金使用情况',
    doc_number: '',
    other_features: '包括项目清单和金额',
    form_wanted: 'electronic',
    delivery_wanted: 'email',
    ...over,
  };
}

/** Moves a test clock to 10:00 Beijing time on `date`. */
export function beijing(date: string): string {
  return `${date}T02:00:00Z`;
}
