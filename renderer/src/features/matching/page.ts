import { definePage } from '../../app/page.js';
import { MatchingPage } from './MatchingPage.js';

export const MATCHING_PAGE = definePage({ id: 'matching', label: 'Matching', view: MatchingPage });
