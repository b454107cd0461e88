import { randomInt } from "node:crypto";

/** Letters and digits that cannot be confused when read aloud or written by hand (no 0/O, 1/I/L, U/V). */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ";

/**
 * A short, unguessable dossier code, readable aloud: `KT-2026-7Q4M9X` (29^6 ≈ 595 million per year).
 * Uniqueness is enforced by the database; callers retry on a clash.
 */
export function newDossierCode(prefix: string, year: number): string {
  let tail = "";
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${year}-${tail}`;
}

export const DOSSIER_CODE_PATTERN = /^[A-Z]{2,4}-\d{4}-[2-9A-HJKMNP-TW-Z]{6}$/;
