import { definePage } from '../../app/page.js';
import { BaselinePage } from './BaselinePage.js';

export const BASELINE_PAGE = definePage({ id: 'baseline', label: 'Baseline', view: BaselinePage });
