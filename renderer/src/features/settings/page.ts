import { definePage } from '../../app/page.js';
import { SettingsPage } from './SettingsPage.js';

export const AUDIT_PAGE = definePage({ id: 'audit', label: 'Audit & settings', view: SettingsPage });
