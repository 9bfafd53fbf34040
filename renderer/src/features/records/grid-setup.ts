import {
  CellStyleModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  RowStyleModule,
  TextFilterModule,
  ValidationModule,
  themeQuartz,
} from 'ag-grid-community';

// Only what the records grid uses, so each feature is present (no error #200) and the bundle
// stays smaller than with AllCommunityModule. ValidationModule turns misconfiguration into a
// readable console message during development.
ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  TextFilterModule,
  // A source's own view marks rows with problems and shows the problems in bold.
  RowStyleModule,
  CellStyleModule,
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);

/** Quartz, coloured to match the GOV.UK palette used by the rest of the app. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 16,
  foregroundColor: '#0b0c0c',
  textColor: '#0b0c0c',
  headerTextColor: '#0b0c0c',
  headerBackgroundColor: '#f3f2f1',
  headerFontWeight: 700,
  borderColor: '#b1b4b6',
  accentColor: '#1d70b8',
  wrapperBorderRadius: 0,
  borderRadius: 0,
});
