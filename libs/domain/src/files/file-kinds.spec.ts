import { isAccepted, isInline, kindOfMime, safeFileName, servedType } from './file-kinds';

describe('file kinds', () => {
  it('maps sniffed types to the kinds a field accepts', () => {
    expect(kindOfMime('application/pdf')).toBe('pdf');
    expect(kindOfMime('image/png')).toBe('image');
    expect(kindOfMime('application/x-cfb')).toBe('office');
    expect(kindOfMime('video/mp4')).toBe('video');
    expect(kindOfMime('application/x-msdownload')).toBeNull();
    expect(kindOfMime(undefined)).toBeNull();
    expect(isAccepted('application/pdf', ['pdf'])).toBe(true);
    expect(isAccepted('image/png', ['pdf'])).toBe(false);
    expect(isAccepted('application/x-msdownload', ['pdf', 'image', 'office', 'video'])).toBe(false);
  });

  it('shows PDFs, common images and MP4 inline, everything else as a download', () => {
    expect(isInline('application/pdf')).toBe(true);
    expect(isInline('image/jpeg')).toBe(true);
    expect(isInline('image/heic')).toBe(false);
    expect(isInline('video/mp4')).toBe(true);
    expect(
      isInline('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    ).toBe(false);
  });

  it('names an OLE file by its extension, and cleans names', () => {
    expect(servedType('application/x-cfb', '计划书.DOC')).toBe('application/msword');
    expect(servedType('application/x-cfb', 'x.bin')).toBe('application/octet-stream');
    expect(servedType('application/pdf', 'x.doc')).toBe('application/pdf');
    expect(safeFileName('../../etc/商业计划书.pdf')).toBe('商业计划书.pdf');
    expect(safeFileName('a"b\r\n.pdf')).toBe('a_b__.pdf');
    expect(safeFileName('...')).toBe('file');
  });
});
