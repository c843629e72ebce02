import type { TemplateSet } from './layout.js';

/** E-mail templates of the subscription area (issue 8), by kind. */
export const SUBSCRIPTION_TEMPLATES: TemplateSet = {};
