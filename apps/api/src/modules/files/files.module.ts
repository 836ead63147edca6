import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CompetitionsModule } from '../competitions/competitions.module';
import { JudgeAccessModule } from '../judging/judge-access.module';
import { RegistrationFileFields } from '../registration/file-fields.service';
import { RegistrationModule } from '../registration/registration.module';
import { FILE_FIELD_RESOLVER, FileFieldResolver } from './file-field-resolver';
import { FileLookupModule } from './file-lookup.module';
import { FileReadsService } from './file-reads.service';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { ResumableUploadsService } from './resumable-uploads.service';
import { DiskStorage } from './storage/disk-storage';
import { FILE_STORAGE, FileStorage } from './storage/file-storage';
import { S3Storage, s3SettingsFrom } from './storage/s3-storage';

// Uploaded files (issue 19): stored_files, their bytes in a FileStorage (disk
// under FILES_DIR, or S3 with S3_URL / S3_*), read by their owner, the
// competition's organisers and the judges of an open round.
@Module({
  imports: [CompetitionsModule, RegistrationModule, JudgeAccessModule, FileLookupModule],
  controllers: [FilesController],
  providers: [
    FilesService,
    FileReadsService,
    ResumableUploadsService,
    {
      provide: FILE_FIELD_RESOLVER,
      useFactory: (fields: RegistrationFileFields): FileFieldResolver => fields,
      inject: [RegistrationFileFields],
    },
    {
      provide: FILE_STORAGE,
      useFactory: (config: AppConfig): FileStorage => {
        const s3 = s3SettingsFrom(config);
        return s3 ? new S3Storage(s3) : new DiskStorage(config.FILES_DIR);
      },
      inject: [APP_CONFIG],
    },
  ],
  exports: [FileLookupModule],
})
export class FilesModule implements OnModuleInit {
  constructor(@Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  async onModuleInit(): Promise<void> {
    await this.storage.sweep?.();
  }
}
