import { definePage } from '../../app/page.js';
import { SourcesPage } from './SourcesPage.js';

export const SOURCES_PAGE = definePage({ id: 'sources', label: 'Sources', view: SourcesPage });
