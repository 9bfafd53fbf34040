import { definePage } from '../../app/page.js';
import { FamiliesPage } from './FamiliesPage.js';

export const FAMILIES_PAGE = definePage({ id: 'families', label: 'Families', view: FamiliesPage });
