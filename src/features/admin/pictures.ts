import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isUploadedPictureName, UPLOADS_URL_PREFIX } from '../../shared/uploaded-pictures.js';

export const MAX_PICTURE_MEGABYTES = 2;
export const MAX_PICTURE_BYTES = MAX_PICTURE_MEGABYTES * 1024 * 1024;

/** Stands for a chosen picture over MAX_PICTURE_BYTES, whose bytes were not kept. */
export const PICTURE_TOO_LARGE = Symbol('picture too large');

/** The picture of an admin form: its bytes, too large, or none chosen. */
export type PictureUpload = Buffer | typeof PICTURE_TOO_LARGE | undefined;

export type PictureType = 'png' | 'jpeg' | 'webp';

/**
 * The picture's real type, read from its first bytes (never from its name or
 * the browser's claim). SVG is refused on purpose: it can carry script.
 */
export function detectPictureType(bytes: Buffer): PictureType | undefined {
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'png';
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpeg';
  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'webp';
  }
  return undefined;
}

const EXTENSIONS: Record<PictureType, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

export interface StagedPicture {
  /** The URL path the monster row will hold. */
  readonly url: string;
  /** Moves the file into place: call once the row is committed. */
  publish(): Promise<void>;
  /** Removes the staged file: call when the row could not be saved. */
  discard(): Promise<void>;
}

/**
 * Writes an upload under a generated name, staged beside its final place,
 * so a failed save leaves no orphan file and a half-written file is never served.
 */
export async function stagePicture(
  uploadsDir: string,
  bytes: Buffer,
  type: PictureType,
): Promise<StagedPicture> {
  await mkdir(uploadsDir, { recursive: true });
  const name = `${randomBytes(16).toString('hex')}.${EXTENSIONS[type]}`;
  const staged = join(uploadsDir, `.${name}.part`);
  await writeFile(staged, bytes, { mode: 0o644, flag: 'wx' });
  return {
    url: `${UPLOADS_URL_PREFIX}${name}`,
    publish: () => rename(staged, join(uploadsDir, name)),
    discard: () => rm(staged, { force: true }),
  };
}

/** Deletes an uploaded picture (not the demo pictures under /static). */
export async function removeUploadedPicture(uploadsDir: string, url: string | null): Promise<void> {
  if (!url?.startsWith(UPLOADS_URL_PREFIX)) return;
  const name = url.slice(UPLOADS_URL_PREFIX.length);
  if (!isUploadedPictureName(name)) return;
  await rm(join(uploadsDir, name), { force: true });
}
