import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileMetadata } from '../files/metadata.ts';
import { readableFile } from '../files/readable.ts';
import {
  checkThumbnailable,
  makeThumbnail,
  ThumbnailFailure,
  type ThumbnailFormat,
  type ThumbnailMode,
} from '../files/thumbnails.ts';
import { RouteError, tag } from '../http/errors.ts';
import {
  GetThumbnailBatchArg,
  THUMBNAIL_SIZES,
  ThumbnailArg,
  ThumbnailV2Arg,
} from '../schemas/files-media-args.ts';
import { apiRoute, type Download } from '../server/route.ts';
import type { Services } from '../server/services.ts';
import type { FileRow, RevisionRow } from '../store/tree.ts';

type Options = Omit<ThumbnailArg, 'path'>;

/** get_thumbnail_batch: "We allow up to 25 thumbnails in a single batch." */
const MAX_BATCH = 25;

/**
 * The thumbnail's file, made once per content, size, mode and format and kept in the data folder's
 * thumbnails/ (named by our own hash and tags only), so asking again costs a read.
 */
function thumbnailFile(services: Services, row: FileRow | RevisionRow, options: Options): string {
  checkThumbnailable(row.path_lower, row.size);
  const format = options.format['.tag'] as ThumbnailFormat;
  const quality = options.quality?.['.tag'] === 'quality_90' ? 90 : 80;
  const key = `${row.content_hash}-${options.size['.tag']}-${options.mode['.tag']}-${quality}.${format}`;
  const dir = join(services.config.dataDir, 'thumbnails');
  const file = join(dir, key);
  if (existsSync(file)) return file;
  const bytes = readFileSync(services.blobs.pathOf(row.content_hash));
  const image = makeThumbnail(row.path_lower, bytes, {
    format,
    box: THUMBNAIL_SIZES[options.size['.tag']],
    mode: options.mode['.tag'] as ThumbnailMode,
    quality,
  });
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${randomBytes(8).toString('hex')}`);
  writeFileSync(temp, image);
  renameSync(temp, file);
  return file;
}

/** A download answer: the picture, with `result` in the Dropbox-API-Result header. */
function thumbnailDownload(
  services: Services,
  path: string,
  options: Options,
  result: (m: unknown) => unknown,
): Download {
  const row = readableFile(services, path);
  try {
    const file = thumbnailFile(services, row, options);
    return { result: result(fileMetadata(row)), file, size: statSync(file).size, etag: `${row.rev}-thumb` };
  } catch (error) {
    if (error instanceof ThumbnailFailure) throw new RouteError(error.error);
    throw error;
  }
}

export const thumbnailRoutes = [
  apiRoute({
    name: 'files/get_thumbnail_v2',
    style: 'download',
    auth: 'user',
    scope: 'files.content.read',
    arg: ThumbnailV2Arg,
    handle: ({ arg, services }): Download => {
      // Shared links are resolved by the sharing routes' store, which this route does not reach yet.
      if (arg.resource['.tag'] === 'link') throw new RouteError(tag('not_found'));
      return thumbnailDownload(services, arg.resource.path, arg, (metadata) => ({ file_metadata: metadata }));
    },
  }),
  apiRoute({
    name: 'files/get_thumbnail',
    style: 'download',
    auth: 'user',
    scope: 'files.content.read',
    arg: ThumbnailArg,
    // The deprecated first version answers the bare FileMetadata.
    handle: ({ arg, services }): Download =>
      thumbnailDownload(services, arg.path, arg, (metadata) => metadata),
  }),
  apiRoute({
    name: 'files/get_thumbnail_batch',
    style: 'rpc',
    auth: 'user',
    scope: 'files.content.read',
    arg: GetThumbnailBatchArg,
    handle: ({ arg, services }) => {
      if (arg.entries.length > MAX_BATCH) throw new RouteError(tag('too_many_files'));
      return {
        entries: arg.entries.map((entry) => {
          try {
            const row = readableFile(services, entry.path);
            const thumbnail = readFileSync(thumbnailFile(services, row, entry)).toString('base64');
            return tag('success', { metadata: fileMetadata(row), thumbnail });
          } catch (error) {
            if (error instanceof ThumbnailFailure || error instanceof RouteError)
              return tag('failure', { failure: error.error });
            throw error;
          }
        }),
      };
    },
  }),
];
