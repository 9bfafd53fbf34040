import { definePage } from '../../app/page.js';
import { PacksPage } from './PacksPage.js';

export const PACKS_PAGE = definePage({ id: 'packs', label: 'Board packs', view: PacksPage });
