import type { TemplateSet } from './layout.js';

/** E-mail templates of the message area (issue 8), by kind. */
export const MESSAGE_TEMPLATES: TemplateSet = {};
