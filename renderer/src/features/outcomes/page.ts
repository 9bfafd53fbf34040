import { definePage } from '../../app/page.js';
import { OutcomesPage } from './OutcomesPage.js';

export const OUTCOMES_PAGE = definePage({ id: 'outcomes', label: 'Outcomes', view: OutcomesPage });
