import { Module } from '@nestjs/common';
import { FileLookupService } from './file-lookup.service';

// A leaf of the files module for registration (answers name file ids) and
// exports: FilesModule imports registration, so registration cannot import
// it; this module imports nothing and breaks the cycle (as JudgeAccessModule
// does for judging).
@Module({
  providers: [FileLookupService],
  exports: [FileLookupService],
})
export class FileLookupModule {}
