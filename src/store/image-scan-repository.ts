// Kept image scans: the host scan reuses an image's result while the image and the vulnerability database are
// unchanged, so a host of many containers on few images is scanned once per image and database update. Scans of
// images the engine no longer has are forgotten, so a host that builds and removes images all day keeps few.
import type { Kysely } from 'kysely';
import type { ImageScanResult } from '../core/image/image-scan.js';
import type { Database } from './schema.js';

export interface ImageScanRepository {
  /** The kept result for this image, if it was matched against the database `fingerprint` names. */
  find(imageId: string, fingerprint: string): Promise<ImageScanResult | undefined>;
  /** Keeps the result, replacing any older one of the image. */
  keep(imageId: string, fingerprint: string, result: ImageScanResult): Promise<void>;
  /** Forgets the kept scans of every image but these (the engine's current images); returns how many. */
  forgetAllBut(imageIds: ReadonlySet<string>): Promise<number>;
}

/** Ids per DELETE: far below SQLite's and PostgreSQL's bound-parameter limits. */
const DELETE_CHUNK = 500;

type Guard = <T>(action: string, work: () => Promise<T>) => Promise<T>;

export function createImageScanRepository(db: Kysely<Database>, guard: Guard): ImageScanRepository {
  return {
    find: (imageId, fingerprint) =>
      guard(`read the kept scan of ${imageId}`, async () => {
        const row = await db
          .selectFrom('image_scans')
          .select('result')
          .where('image_id', '=', imageId)
          .where('database_fingerprint', '=', fingerprint)
          .executeTakeFirst();
        return row === undefined ? undefined : (JSON.parse(row.result) as ImageScanResult);
      }),
    keep: (imageId, fingerprint, result) =>
      guard(`keep the scan of ${imageId}`, async () => {
        const values = {
          image_id: imageId,
          database_fingerprint: fingerprint,
          scanned_at: result.scannedAt,
          result: JSON.stringify(result),
        };
        await db
          .insertInto('image_scans')
          .values(values)
          .onConflict((c) => c.column('image_id').doUpdateSet(values))
          .execute();
      }),
    forgetAllBut: (imageIds) =>
      guard('forget the kept scans of removed images', async () => {
        const kept = await db.selectFrom('image_scans').select('image_id').execute();
        const gone = kept.map((row) => row.image_id).filter((id) => !imageIds.has(id));
        for (let at = 0; at < gone.length; at += DELETE_CHUNK) {
          await db
            .deleteFrom('image_scans')
            .where('image_id', 'in', gone.slice(at, at + DELETE_CHUNK))
            .execute();
        }
        return gone.length;
      }),
  };
}
