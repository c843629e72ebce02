import type { TemplateSet } from './layout.js';

/** E-mail templates of the consultation area (issue 8), by kind. */
export const CONSULTATION_TEMPLATES: TemplateSet = {};
