import { existsSync, readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

// Fonts with Chinese glyphs, tried in order when WATERMARK_FONT is not set
// (Debian: fonts-wqy-microhei, fonts-noto-cjk, fonts-arphic-*).
const CJK_FONTS = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/arphic/uming.ttc',
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
];

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

// pdf-lib hands fontkit the font bytes; a .ttc is a collection, from which
// fontkit must be told to take one face: the first.
export const collectionAwareFontkit: Fontkit = {
  create(data: Uint8Array) {
    const font = fontkit.create(data) as unknown as {
      fonts?: unknown[];
    };
    return (font.fonts ? font.fonts[0] : font) as ReturnType<Fontkit['create']>;
  },
};

export interface WatermarkFont {
  bytes: Uint8Array | null;
  path: string | null;
}

export function findWatermarkFont(configured?: string): WatermarkFont {
  const candidates = configured ? [configured] : CJK_FONTS;
  for (const path of candidates) {
    if (existsSync(path)) return { bytes: readFileSync(path), path };
  }
  return { bytes: null, path: null };
}
