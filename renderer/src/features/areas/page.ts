import { definePage } from '../../app/page.js';
import { AreasPage } from './AreasPage.js';

export const AREAS_PAGE = definePage({ id: 'areas', label: 'Areas & IMD', view: AreasPage });
