import { extname } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { tag, type Union } from '../http/errors.ts';

/**
 * Thumbnails as files/get_thumbnail_v2 makes them: decode a JPEG or PNG, scale it down (never up) by
 * the mode's rule, encode it as JPEG or PNG. Pure JS (jpeg-js, pngjs), so localbox ships no binaries.
 */

export type ThumbnailMode = 'strict' | 'bestfit' | 'fitone_bestfit' | 'original';
export type ThumbnailFormat = 'jpeg' | 'png' | 'webp';

export interface ThumbnailRequest {
  format: ThumbnailFormat;
  box: readonly [number, number];
  mode: ThumbnailMode;
  quality: number;
}

/** A ThumbnailError member (files.stone): the route wraps it or reports it per batch entry. */
export class ThumbnailFailure extends Error {
  constructor(readonly error: Union) {
    super(error['.tag']);
  }
}

/** The extensions the spec lists as thumbnailable; only JPEG and PNG are decoded here. */
const THUMBNAILABLE = new Set(['.jpg', '.jpeg', '.png', '.tiff', '.tif', '.gif', '.webp', '.ppm', '.bmp']);
/** "Photos that are larger than 20MB in size won't be converted to a thumbnail." */
export const MAX_THUMBNAIL_SOURCE_BYTES = 20 * 1024 * 1024;
/** Decoded size at most 100 megapixels: a small file must not unpack into gigabytes. */
const MAX_PIXELS = 100 * 1024 * 1024;

interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Uint8Array;
}

/** Refuses before reading: the name's extension, then the size. */
export function checkThumbnailable(path: string, size: number): void {
  if (!THUMBNAILABLE.has(extname(path).toLowerCase()))
    throw new ThumbnailFailure(tag('unsupported_extension'));
  if (size > MAX_THUMBNAIL_SOURCE_BYTES) throw new ThumbnailFailure(tag('unsupported_image'));
}

export function makeThumbnail(path: string, bytes: Buffer, request: ThumbnailRequest): Buffer {
  // No pure-JS WebP encoder is kept well enough to ship; the request is valid, the conversion is not.
  if (request.format === 'webp') throw new ThumbnailFailure(tag('conversion_error'));
  const source = decode(extname(path).toLowerCase(), bytes);
  const image = resize(source, request.box, request.mode);
  if (request.format === 'png') {
    const png = new PNG({ width: image.width, height: image.height });
    png.data = Buffer.from(image.data);
    return PNG.sync.write(png);
  }
  return Buffer.from(jpeg.encode({ ...image, data: overWhite(image.data) }, request.quality).data);
}

function decode(ext: string, bytes: Buffer): Image {
  try {
    if (ext === '.jpg' || ext === '.jpeg') {
      return jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: MAX_PIXELS / (1024 * 1024),
        maxMemoryUsageInMB: 1024,
      });
    }
    if (ext === '.png') {
      // The PNG header states the size (IHDR at byte 16); refuse before inflating.
      if (bytes.length >= 24 && bytes.readUInt32BE(16) * bytes.readUInt32BE(20) > MAX_PIXELS)
        throw new Error('too many pixels');
      return PNG.sync.read(bytes);
    }
  } catch {
    throw new ThumbnailFailure(tag('unsupported_image'));
  }
  throw new ThumbnailFailure(tag('unsupported_image'));
}

/** The size to scale to: strict fits the box; bestfit and fitone_bestfit may turn the box to match the image. */
export function targetSize(
  width: number,
  height: number,
  box: readonly [number, number],
  mode: ThumbnailMode,
): { width: number; height: number; cropTo?: readonly [number, number] } {
  if (mode === 'original') return { width, height };
  const [boxW, boxH] =
    mode !== 'strict' && height > width !== box[1] > box[0] ? [box[1], box[0]] : [box[0], box[1]];
  const fit =
    mode === 'fitone_bestfit' ? Math.max(boxW / width, boxH / height) : Math.min(boxW / width, boxH / height);
  const scale = Math.min(1, fit);
  const scaled = {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
  if (mode !== 'fitone_bestfit') return scaled;
  return { ...scaled, cropTo: [Math.min(boxW, scaled.width), Math.min(boxH, scaled.height)] };
}

function resize(image: Image, box: readonly [number, number], mode: ThumbnailMode): Image {
  const target = targetSize(image.width, image.height, box, mode);
  const scaled =
    target.width === image.width && target.height === image.height ? image : areaAverage(image, target);
  if (!target.cropTo) return scaled;
  const [w, h] = target.cropTo;
  return crop(scaled, Math.floor((scaled.width - w) / 2), Math.floor((scaled.height - h) / 2), w, h);
}

/** Downscaling by averaging each output pixel's footprint: no aliasing, and fast enough at these sizes. */
function areaAverage(image: Image, size: { width: number; height: number }): Image {
  const out = new Uint8Array(size.width * size.height * 4);
  const sx = image.width / size.width;
  const sy = image.height / size.height;
  for (let y = 0; y < size.height; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < size.width; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      const sum = [0, 0, 0, 0];
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const at = (yy * image.width + xx) * 4;
          for (let c = 0; c < 4; c++) sum[c] = (sum[c] ?? 0) + (image.data[at + c] ?? 0);
        }
      }
      const count = (y1 - y0) * (x1 - x0);
      const to = (y * size.width + x) * 4;
      for (let c = 0; c < 4; c++) out[to + c] = Math.round((sum[c] ?? 0) / count);
    }
  }
  return { width: size.width, height: size.height, data: out };
}

function crop(image: Image, left: number, top: number, width: number, height: number): Image {
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 4;
    out.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data: out };
}

/** JPEG has no alpha: transparent pixels become white, as an image viewer shows them. */
function overWhite(rgba: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    const alpha = (rgba[i + 3] ?? 255) / 255;
    for (let c = 0; c < 3; c++) out[i + c] = Math.round((rgba[i + c] ?? 0) * alpha + 255 * (1 - alpha));
    out[i + 3] = 255;
  }
  return out;
}
