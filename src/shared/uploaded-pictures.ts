/**
 * How uploaded pictures are named and reached: the admin feature writes
 * them under these names, the uploads plugin serves nothing else.
 */
export const UPLOADS_URL_PREFIX = '/uploads/';

/** A name the admin gives a published picture: 32 hex digits and its type. */
export const isUploadedPictureName = (name: string): boolean =>
  /^[0-9a-f]{32}\.(png|jpg|webp)$/.test(name);
