import type { FormField } from '@app/domain';

// What the files module needs of registration, as a port: registration owns
// projects, the competition's deadline (through competitions) and the
// registration form; it binds its RegistrationFileFields to this token
// (files.module.ts), which satisfies the interface by its shape, so
// registration never imports the files module.
export const FILE_FIELD_RESOLVER = Symbol('FILE_FIELD_RESOLVER');

export interface FileProject {
  projectId: string;
  competitionId: string;
  heatId: string;
  ownerId: string;
  title: string;
  closesAt: Date;
  timeZone: string;
  deadlinePassed: boolean;
  /** The project's status (a field's lock rule reads it). */
  status: string;
}

export interface FileFieldContext extends FileProject {
  field: FormField;
}

export interface FileFieldResolver {
  /** The project and its form's file field `fieldKey`; null when either is unknown. */
  resolve(projectId: string, fieldKey: string): Promise<FileFieldContext | null>;
  /** The project alone (access checks, listings); null when unknown. */
  project(projectId: string): Promise<FileProject | null>;
  /** The form's file fields, in form order (labels for listings and the ZIP). */
  fileFields(competitionId: string): Promise<FormField[]>;
  /** A heat's projects (id, title), in registration order, for its ZIP. */
  projectsOfHeat(heatId: string): Promise<{ id: string; title: string }[]>;
}
