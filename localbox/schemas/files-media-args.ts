import { z } from 'zod';
import { ReadPath } from './paths.ts';
import { member, memberWith, optional, struct, union } from './stone.ts';

// Arguments of the routes that hand out a file's bytes or a picture of them (files.stone).

export const GetTemporaryLinkArg = struct({ path: ReadPath });

export const THUMBNAIL_SIZES = {
  w32h32: [32, 32],
  w64h64: [64, 64],
  w128h128: [128, 128],
  w256h256: [256, 256],
  w480h320: [480, 320],
  w640h480: [640, 480],
  w960h640: [960, 640],
  w1024h768: [1024, 768],
  w2048h1536: [2048, 1536],
  w3200h2400: [3200, 2400],
} as const;
type SizeName = keyof typeof THUMBNAIL_SIZES;
const sizeNames = Object.keys(THUMBNAIL_SIZES) as [SizeName, ...SizeName[]];

const ThumbnailFormat = union(member('jpeg'), member('png'), member('webp'));
const ThumbnailSize = union(
  ...(sizeNames.map((name) => member(name)) as [ReturnType<typeof member<SizeName>>]),
);
const ThumbnailMode = union(
  member('strict'),
  member('bestfit'),
  member('fitone_bestfit'),
  member('original'),
);
const ThumbnailQuality = union(member('quality_80'), member('quality_90'));

const thumbnailFields = {
  format: ThumbnailFormat.default({ '.tag': 'jpeg' }),
  size: ThumbnailSize.default({ '.tag': 'w64h64' }),
  mode: ThumbnailMode.default({ '.tag': 'strict' }),
  quality: optional(ThumbnailQuality),
  exclude_media_info: optional(z.boolean()),
};

export const ThumbnailArg = struct({ path: ReadPath, ...thumbnailFields });
export type ThumbnailArg = z.infer<typeof ThumbnailArg>;

// A member holding a struct has the struct's fields inlined beside ".tag" (SharedLinkFileInfo here).
const linkMember = z.strictObject({
  '.tag': z.literal('link'),
  url: z.string(),
  path: optional(z.string()),
  password: optional(z.string()),
});
const PathOrLink = union(memberWith('path', ReadPath), linkMember);

export const ThumbnailV2Arg = struct({ resource: PathOrLink, ...thumbnailFields });

export const GetThumbnailBatchArg = struct({ entries: z.array(ThumbnailArg) });
