// What imports publishes besides its Nest module: the steps of an upload
// (read the file, analyse it, stage its rows), so the demo seed stages its
// judge list exactly as an uploaded file is staged.
export { analyseSheet } from './import-analysis';
export { type ImportTables, stageImport } from './import-staging';
export { readSpreadsheet } from './parse/spreadsheet-reader';
