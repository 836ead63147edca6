// What registration publishes besides its Nest module: a final's finalists and
// the project outcome awards write, for callers inside their own transaction
// (heats' awards pass applyFinalOutcome in; the demo seed does the same).
export { applyFinalOutcome, finalistsOf } from './final-outcome';
// The hook the files module implements to vouch for file answers (wired at merge).
export { REGISTRATION_FILE_CHECK } from './form/registration-file-check';
export type { RegistrationFileCheck } from './form/registration-file-check';
