import type { TemplateSet } from './layout.js';

/** E-mail templates of the push area (issue 8), by kind. */
export const PUSH_TEMPLATES: TemplateSet = {};
