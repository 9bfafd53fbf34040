// What each native open dialog offers, by purpose: pure data (types only from Electron), so it is
// checked under Node where there is no Electron binary.
import type { OpenDialogOptions } from 'electron';
import type { FilePurpose } from '../../shared/ipc/schemas.js';

const SPREADSHEETS = ['xlsx', 'xlsm', 'xls', 'ods', 'csv', 'tsv', 'txt'];
const ALL_FILES = { name: 'All files', extensions: ['*'] };

export function openDialogOptions(purpose: FilePurpose): OpenDialogOptions {
  switch (purpose) {
    case 'reference':
      return {
        title: 'Choose deprivation, lookup or boundary files',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Reference data (CSV, spreadsheets, GeoJSON)', extensions: [...SPREADSHEETS, 'geojson', 'json'] }, ALL_FILES],
      };
    // One file each: a store is opened (its key file must be beside it), a backup restored.
    case 'store':
      return { title: 'Open a store', properties: ['openFile'], filters: [{ name: 'Workbench store', extensions: ['db'] }, ALL_FILES] };
    case 'backup':
      return { title: 'Choose a backup to restore', properties: ['openFile'], filters: [{ name: 'Workbench backup', extensions: ['bwbackup'] }, ALL_FILES] };
    case 'import':
      return { title: 'Choose partner extracts', properties: ['openFile', 'multiSelections'], filters: [{ name: 'Spreadsheets and CSV', extensions: SPREADSHEETS }, ALL_FILES] };
  }
}
