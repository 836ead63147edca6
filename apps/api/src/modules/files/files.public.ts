// What other contexts may use of the files module beside its Nest module:
// the storage driver (the same disk or S3 settings), the metering stream that
// caps, hashes and sniffs an upload, and the CJK font for generated PDFs. The
// due-process context stores objections' evidence with them.
export { FILE_STORAGE, type FileStorage } from './storage/file-storage';
export { DiskStorage } from './storage/disk-storage';
export { S3Storage, s3SettingsFrom } from './storage/s3-storage';
export { UploadMeter } from './upload-meter';
export { type WatermarkFont, collectionAwareFontkit, findWatermarkFont } from './watermark';
