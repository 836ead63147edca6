import { Module } from '@nestjs/common';
import { REGISTRATION_FILE_CHECK } from '../registration/registration.public';
import { FileLookupService } from './file-lookup.service';

// A leaf of the files module for registration (answers name file ids) and
// exports: FilesModule imports registration, so registration cannot import
// it; this module imports nothing and breaks the cycle (as JudgeAccessModule
// does for judging).
@Module({
  providers: [
    FileLookupService,
    // Registration's answers name file ids: it asks this module which are its own.
    { provide: REGISTRATION_FILE_CHECK, useExisting: FileLookupService },
  ],
  exports: [FileLookupService, REGISTRATION_FILE_CHECK],
})
export class FileLookupModule {}
