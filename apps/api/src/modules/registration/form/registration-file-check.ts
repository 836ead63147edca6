// The hook through which registration asks the files module whether a file
// answer names a file of this project's field. Registration checks only the
// shape (a uuid); the files module (issue 19, branch `files`) knows its rows.
// Wire it at merge: the files module provides
//   { provide: REGISTRATION_FILE_CHECK, useExisting: <its service> }
// in a module RegistrationModule imports (or registration's providers list),
// without a cycle (files may need registration's project owner and form).
// Until then no provider exists and only the shape is checked: nothing is faked.

export const REGISTRATION_FILE_CHECK = Symbol('REGISTRATION_FILE_CHECK');

export interface RegistrationFileCheck {
  /**
   * Of `fileIds`, the ids that are NOT files uploaded to `projectId` for the
   * form field `fieldKey` (another applicant's file, another field's, unknown):
   * each answer naming one is refused with ANSWER_FILE_UNKNOWN.
   */
  foreignFileIds(projectId: string, fieldKey: string, fileIds: string[]): Promise<string[]>;
}
